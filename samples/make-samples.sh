#!/usr/bin/env bash
# Rebuilds the files under samples/ from the sample archive: iCalendar invitations, an update, a
# cancellation and feeds, plus the JSON the peer check compares them with.
# Usage: samples/make-samples.sh [OUTDIR]   (default: samples/ics)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-samples/ics}"
mkdir -p "$out"
swift build -q
rapat="$(swift build --show-bin-path)/rapat"
db="$(mktemp -d)/sample.db"
stamp="2021-01-11T08:00:00+07:00"
"$rapat" sample --database "$db" > /dev/null
export RAPAT_DATABASE="$db"
"$rapat" config set organizer-name "Biro Umum Setda Provinsi Banten" > /dev/null
"$rapat" config set organizer-email "rapim@bantenprov.example.go.id" > /dev/null
# January 2021: the invitation, then an update (moved half an hour), then its cancellation.
"$rapat" export ics RP-2021-0001 --stamp "$stamp" --out "$out/undangan-RP-2021-0001.ics"
"$rapat" meeting show RP-2021-0001 --json > "$out/undangan-RP-2021-0001.json"
"$rapat" meeting update RP-2021-0001 --start "2021-01-20 09:30" > /dev/null
"$rapat" export ics RP-2021-0001 --stamp "2021-01-12T08:00:00+07:00" --out "$out/perubahan-RP-2021-0001.ics"
"$rapat" meeting show RP-2021-0001 --json > "$out/perubahan-RP-2021-0001.json"
"$rapat" export ics --series SR-2020-001 --stamp "2021-01-12T08:00:00+07:00" --out "$out/seri-SR-2020-001.ics"
"$rapat" series show SR-2020-001 --json > "$out/seri-SR-2020-001.json"
"$rapat" meeting cancel RP-2021-0001 --reason "Gubernur dinas ke Jakarta" > /dev/null
"$rapat" export ics RP-2021-0001 --stamp "2021-01-13T08:00:00+07:00" --out "$out/pembatalan-RP-2021-0001.ics"
"$rapat" meeting show RP-2021-0001 --json > "$out/pembatalan-RP-2021-0001.json"
# Feeds a participant subscribes to.
"$rapat" export ics --opd Dinkes --stamp "$stamp" --out "$out/feed-opd-Dinkes.ics"
"$rapat" meeting list --opd Dinkes --json > "$out/feed-opd-Dinkes.json"
"$rapat" export ics --all --from 2020-10-01 --to 2020-12-31 --stamp "$stamp" --out "$out/feed-semua-2020-Q4.ics"
"$rapat" meeting list --from 2020-10-01 --to 2020-12-31 --json > "$out/feed-semua-2020-Q4.json"
# XML minutes of the series and an Akoma Ntoso debate (into the parent of the ics folder).
xmldir="$(dirname "$out")/xml"
rm -rf "$xmldir"
"$rapat" export xml --from 2020-06-01 --to 2020-12-31 --dir "$xmldir" > /dev/null
"$rapat" export akn RP-2020-0006 --authority pemprov-banten --out "$(dirname "$out")/akn-RP-2020-0006.xml"
# Rendered notula (Markdown, printable HTML, text) and an undangan.
docs="$(dirname "$out")/notula"
mkdir -p "$docs"
for f in md html txt; do "$rapat" minutes render RP-2020-0006 --format "$f" --kop "Pemerintah Provinsi Banten — Sekretariat Daerah" --out "$docs/notula-RP-2020-0006.$f"; done
"$rapat" minutes render RP-2020-0007 --document undangan --kop "Pemerintah Provinsi Banten — Sekretariat Daerah" --out "$docs/undangan-RP-2020-0007.md"
echo "samples written to $out, $xmldir, $docs"

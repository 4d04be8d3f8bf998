#!/usr/bin/env bash
# Rapat side by side with what a user would pick instead, on the same data (fixed seeds), printed as one
# markdown table. Every figure comes from this run on this machine; ratios are what to compare.
#
# Usage: bench/compare.sh [--quick] [--keep]
#   Run as root on Debian: installs the peers (libical-dev + pkg-config for bench/libical-bench.c,
#   python `icalendar` from PyPI in a venv, libxml2-utils for xmllint, wrk, postgresql).
#   Full run: 100,000 events, 10,000 XML minutes, conflict checks up to 1,000,000 meetings, search over
#   1k/10k/100k/1M minutes in SQLite and 100k in PostgreSQL, 10 s of HTTP; about 55 minutes on 2 cores.
#   --quick: a tenth of the data (a few minutes), for trying the script. --keep: keep the work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ports.sh
quick=0 keep=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --keep) keep=1 ;;
        *) echo "usage: bench/compare.sh [--quick] [--keep]" >&2; exit 2 ;;
    esac
done
if [ "$quick" = 1 ]; then
    events=10000 minutes=1000 sizes=1000,10000 searches=1000,10000 pgsearch=10000 http=5 repeats=10 pgevents=5000
else
    events=100000 minutes=10000 sizes=1000,10000,100000,1000000 searches=1000,10000,100000,1000000 pgsearch=100000 http=10 repeats=20 pgevents=20000
fi

need=()
for pkg in libical-dev pkg-config libxml2-utils libxml2-dev libsqlite3-dev wrk postgresql python3-venv time; do
    dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > /dev/null
fi

work="$(mktemp -d)"
chown postgres "$work"
cleanup() {
    local status=$?
    pg_down "$work/pg"
    # A stage that fails ends the run before the table: the stages before it still print what they measured.
    if [ "$status" -ne 0 ]; then
        for f in "$work"/*.txt; do [ -f "$f" ] && { echo "== $(basename "$f")"; cat "$f"; }; done >&2
    fi
    [ "$keep" = 1 ] && echo "work folder kept: $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
step() { echo "[$(date +%H:%M:%S)] $*" >&2; }

step "building rapat-bench (release), the libical program and the python venv"
swift build -c release --product rapat-bench -q
swift build -c release --product rapat -q
bench="$(swift build -c release --show-bin-path)/rapat-bench"
rapat="$(swift build -c release --show-bin-path)/rapat"
cc -O2 bench/libical-bench.c -o "$work/libical-bench" $(pkg-config --cflags --libs libical)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check icalendar
icalver="$("$work/venv/bin/python" -c 'import icalendar; print(icalendar.__version__)')"
libicalver="$(pkg-config --modversion libical)"
xmllintver="$(dpkg-query -W -f='${Version}' libxml2-utils | sed 's/+.*//')"

step "iCalendar: $events events, Rapat, libical $libicalver, python icalendar $icalver"
"$bench" ics-write --events "$events" --out "$work/bench.ics" --runs 3 > "$work/ics-write.txt"
"$bench" ics-read "$work/bench.ics" --runs 3 > "$work/ics-read.txt"
"$work/libical-bench" "$work/bench.ics" > "$work/libical.txt"
"$work/venv/bin/python" bench/icalendar-peer.py "$work/bench.ics" > "$work/python.txt"
step "import of that file into a new SQLite archive (streaming, one transaction), then rapat export ics --all"
"$bench" import "$work/bench.ics" --keep "$work/archive.db" > "$work/import.txt"
/usr/bin/time -f "%e %M" -o "$work/export-time.txt" \
    "$rapat" export ics --all --database "$work/archive.db" --out "$work/export.ics" --stamp 2020-12-04T00:00:00Z
# The calendar's name is the archive's ("Rapat"), not the file's; every other byte must come back.
if cmp -s <(grep -v -e '^NAME:' -e '^X-WR-CALNAME:' "$work/bench.ics") <(grep -v -e '^NAME:' -e '^X-WR-CALNAME:' "$work/export.ics"); then
    export_same="the file imported, byte for byte (but its name)"
else
    export_same="NOT the file imported"
fi
rm -f "$work"/archive.db*
if [ "$quick" = 0 ]; then
    step "a 1 GB calendar: 450,000 events written, then imported in one transaction"
    "$bench" ics-write --events 450000 --runs 1 --out "$work/big.ics" > /dev/null
    "$bench" import "$work/big.ics" > "$work/import-big.txt"
    rm -f "$work/big.ics"
fi

# Both sides take well under a second here, where this machine's noise reaches ±50 %: five runs each,
# taken in turns, and the table shows the medians.
step "XML: $minutes minutes written + validated, then xmllint --schema on the same files (5 runs each)"
schema=Sources/RapatMinutes/Resources/rapat-minutes-1.xsd
: > "$work/xml.txt"
: > "$work/xmllint-time.txt"
for run in 1 2 3 4 5; do
    out=()
    [ "$run" = 1 ] && out=(--out "$work/xml")
    "$bench" xml --minutes "$minutes" "${out[@]}" >> "$work/xml.txt"
    /usr/bin/time -a -f "%e %M" -o "$work/xmllint-time.txt" \
        xmllint --noout --nonet --schema "$schema" "$work"/xml/*.xml 2> "$work/xmllint.txt"
done
xml_valid="$(grep -c ' validates$' "$work/xmllint.txt" || true)"

step "conflict check: archives of $sizes meetings"
"$bench" conflict --sizes "$sizes" > "$work/conflict.txt"

step "search: SQLite archives of $searches minutes"
"$bench" search --meetings "$searches" --repeats "$repeats" > "$work/search-sqlite.txt"

step "search: PostgreSQL, $pgsearch minutes, Rapat and a plain indonesian tsquery"
pgport="$(free_port 55435)"
pg_cluster "$work/pg" "$pgport"
psql() { command psql -h 127.0.0.1 -p "$pgport" -U postgres "$@"; }
psql -qc "CREATE DATABASE rapatbench"
"$bench" search --meetings "$pgsearch" --repeats "$repeats" --store "postgres://postgres@127.0.0.1:$pgport/rapatbench" > "$work/search-pg.txt"
psql -d rapatbench -qc "VACUUM ANALYZE"
# The same seven queries as rapat-bench, written by hand the way a PostgreSQL user would.
peer_queries=(
    "plainto_tsquery('indonesian', 'penyerapan')"
    "plainto_tsquery('indonesian', 'serapan anggaran')"
    "plainto_tsquery('indonesian', 'vaksinasi')"
    "phraseto_tsquery('indonesian', 'rumah sakit')"
    "to_tsquery('indonesian', 'pendapat:*')"
    "to_tsquery('indonesian', 'vaksinasi | banjir')"
    "to_tsquery('indonesian', 'pajak & !retribusi')"
)
: > "$work/search-peer.txt"
for q in "${peer_queries[@]}"; do
    {
        echo '\timing on'
        for _ in $(seq "$repeats"); do
            echo "SELECT meeting_id, ts_rank_cd(tsv, q) AS r FROM search_doc, $q q WHERE tsv @@ q ORDER BY r DESC LIMIT 20;"
        done
    } | psql -d rapatbench -At > "$work/peer-run.txt"
    grep -o '^Time: [0-9.]*' "$work/peer-run.txt" | awk '{print $2}' | sort -n |
        awk -v q="$q" '{t[NR]=$1} END {i50=int(NR*50/100)+1; i95=int(NR*95/100)+1; if (i95>NR) i95=NR; printf "%s\t%.2f\t%.2f\n", q, t[i50], t[i95]}' >> "$work/search-peer.txt"
done

step "import into PostgreSQL: $pgevents events into a new database"
"$bench" ics-write --events "$pgevents" --runs 1 --out "$work/pg-import.ics" > /dev/null
psql -qc "CREATE DATABASE rapatimport"
"$bench" import "$work/pg-import.ics" --store "postgres://postgres@127.0.0.1:$pgport/rapatimport" > "$work/import-pg.txt"

step "HTTP: rapat serve (SQLite) against a bare Hummingbird route, $http s per case"
bash bench/http.sh "$http" > "$work/http18.txt"

step "HTTP: two rapat serve instances on PostgreSQL, mixed reads and colliding writes for $((http * 2)) s"
bash bench/load.sh "$((http * 2))" mixed > "$work/http.txt"

# ---- the table ----
last() { awk -v k="$2" '{print $(NF-k)}' "$1"; }   # k-th field from the end of a one-line file
# a / b; two decimals below 1, so a time far under the peer's does not print as 0.0×.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) print "—"; else if (a / b < 0.95) printf "%.2f×", a / b; else printf "%.1f×", a / b }'; }
w_rate="$(last "$work/ics-write.txt" 2)" w_peak="$(last "$work/ics-write.txt" 1)" mb="$(last "$work/ics-write.txt" 0)"
r_rate="$(last "$work/ics-read.txt" 2)" r_peak="$(last "$work/ics-read.txt" 1)"
li_parse="$(awk '/libical parse/ {print $NF}' "$work/libical.txt")"
li_ser="$(awk '/libical serialize/ {print $5}' "$work/libical.txt")"
py_parse="$(awk '/parse/ {print $5}' "$work/python.txt")" py_ser="$(awk '/serialize/ {print $5}' "$work/python.txt")"
py_peak="$(awk '/parse/ {print $6}' "$work/python.txt")"
i_count="$(last "$work/import.txt" 4)" i_rate="$(last "$work/import.txt" 2)" i_peak="$(last "$work/import.txt" 1)"
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
x_count="$(sed -E -n '1s/.*validated: ([0-9]+) in ([0-9.]+) s.*/\1/p' "$work/xml.txt")"
x_secs="$(sed -E 's/.*validated: ([0-9]+) in ([0-9.]+) s.*/\2/' "$work/xml.txt" | median)"
x_peak="$(sed -E 's/.*peak ([0-9]+) MiB.*/\1/' "$work/xml.txt" | sort -n | tail -n 1)"
xl_secs="$(awk '{print $1}' "$work/xmllint-time.txt" | median)"
xl_peak="$(awk '{printf "%.0f\n", $2 / 1024}' "$work/xmllint-time.txt" | sort -n | tail -n 1)"

echo
echo "Rapat $(git describe --always --dirty 2> /dev/null || echo '?') on $(nproc) cores, $(date -u +%Y-%m-%d); one run, one machine: compare the ratios, not the times."
echo
echo "| case | Rapat | peer | ratio |"
echo "|---|---|---|---|"
printf "| serialize %s events to .ics (%s MB) | %s ev/s, peak %s MiB | libical %s ev/s; python icalendar %s ev/s | %s libical; %s python |\n" \
    "$events" "$mb" "$w_rate" "$w_peak" "$li_ser" "$py_ser" "$(ratio "$w_rate" "$li_ser")" "$(ratio "$w_rate" "$py_ser")"
printf "| parse that .ics | %s ev/s streaming, peak %s MiB | libical %s ev/s; python icalendar %s ev/s (peak %s MiB) | %s libical; %s python |\n" \
    "$r_rate" "$r_peak" "$li_parse" "$py_parse" "$py_peak" "$(ratio "$r_rate" "$li_parse")" "$(ratio "$r_rate" "$py_parse")"
printf "| import that .ics into a new SQLite archive | %s meetings, %s ev/s, peak %s MiB | goal (#18) 20,000 ev/s | %s of the goal; memory / file size %s |\n" \
    "$i_count" "$i_rate" "$i_peak" "$(ratio "$i_rate" 20000)" "$(awk -v p="$i_peak" -v m="$mb" 'BEGIN { printf "%.2f", p * 1.048576 / m }')"
printf "| import %s events into a new PostgreSQL database | %s meetings, %s ev/s, peak %s MiB | goal (#18) 10,000 ev/s | %s of the goal |\n" \
    "$pgevents" "$(last "$work/import-pg.txt" 4)" "$(last "$work/import-pg.txt" 2)" "$(last "$work/import-pg.txt" 1)" "$(ratio "$(last "$work/import-pg.txt" 2)" 10000)"
printf "| export that archive again, \`rapat export ics --all\` (paged) | %s s, peak %s MiB; %s | — | memory / file size %s |\n" \
    "$(awk '{print $1}' "$work/export-time.txt")" "$(awk '{printf "%.0f", $2 / 1024}' "$work/export-time.txt")" "$export_same" \
    "$(awk -v m="$mb" '{printf "%.2f", $2 / 1024 * 1.048576 / m}' "$work/export-time.txt")"
if [ -f "$work/import-big.txt" ]; then
    printf "| import a 1 GB .ics (%s events, %s MB) into a new SQLite archive | %s ev/s, peak %s MiB | — | memory / file size %s |\n" \
        "$(last "$work/import-big.txt" 4)" "$(last "$work/import-big.txt" 0)" "$(last "$work/import-big.txt" 2)" "$(last "$work/import-big.txt" 1)" \
        "$(awk -v p="$(last "$work/import-big.txt" 1)" -v m="$(last "$work/import-big.txt" 0)" 'BEGIN { printf "%.2f", p * 1.048576 / m }')"
fi
printf "| write + XSD-validate %s XML minutes (median of 5) | %s s, peak %s MiB | xmllint %s --schema, same files (median of 5): %s s (%s valid), peak %s MiB | %s of xmllint's time |\n" \
    "$x_count" "$x_secs" "$x_peak" "$xmllintver" "$xl_secs" "$xml_valid" "$xl_peak" "$(ratio "$x_secs" "$xl_secs")"
awk 'NR > 1 && NF == 7 {printf "| conflict check, archive of %d meetings (p50 / p99) | refused %s / %s ms; accepted %s / %s ms; peak %s MiB | — (must stay flat) | |\n", $1, $3, $4, $5, $6, $7}' "$work/conflict.txt"
# Search: per query, SQLite at each size, PostgreSQL and the plain tsquery at the largest.
# #18 goal 4: p95 <= 20 ms at the largest SQLite archive of the run and on PostgreSQL.
goal20() {
    local largest pg
    largest="$(echo "$1" | awk -F'; ' '{print $NF}' | awk '{print $NF}')"
    pg="$(echo "$2" | awk '{print $NF}')"
    awk -v a="$largest" -v b="$pg" 'BEGIN { printf "p95 goal 20 ms: SQLite largest %s, PostgreSQL %s", (a + 0 <= 20 ? "met" : "not met"), (b + 0 <= 20 ? "met" : "not met") }'
}
mapfile -t labels < <(awk '/^query/ {n++} n == 1 && !/^query/ && !/^archive/ && !/^peak/ {print substr($0, 1, 38)}' "$work/search-sqlite.txt" | sed 's/ *$//')
for i in "${!labels[@]}"; do
    sqlite_cells="$(awk -v want="$((i + 1))" '
        /^archive of/ {size = $3; row = 0; next}
        /^query/ {row = 0; next}
        /^peak/ {next}
        {row++; if (row == want) printf "%s%s: %s / %s", (out++ ? "; " : ""), size, $(NF-1), $NF}' "$work/search-sqlite.txt")"
    pg_cell="$(awk -v want="$((i + 1))" '/^query/ {row = 0; next} /^archive|^peak/ {next} {row++; if (row == want) printf "%s / %s", $(NF-1), $NF}' "$work/search-pg.txt")"
    peer_cell="$(sed -n "$((i + 1))p" "$work/search-peer.txt" | awk -F'\t' '{printf "%s / %s", $2, $3}')"
    printf "| search %s, p50 / p95 ms | SQLite %s; PostgreSQL %s: %s | PostgreSQL tsquery %s: %s | %s |\n" \
        "${labels[$i]}" "$sqlite_cells" "$pgsearch" "$pg_cell" "$pgsearch" "$peer_cell" \
        "$(ratio "$(echo "$pg_cell" | awk '{print $1}')" "$(echo "$peer_cell" | awk '{print $1}')") of tsquery's time (p50, PostgreSQL); $(goal20 "$sqlite_cells" "$pg_cell")"
done
printf "| search, peak memory (the benchmark process, archive built in it) | SQLite %s MiB; PostgreSQL %s MiB | — | |\n" \
    "$(awk '/^peak memory/ {print $3}' "$work/search-sqlite.txt")" "$(awk '/^peak memory/ {print $3}' "$work/search-pg.txt")"
# #18 goal 1 and 5: every case of bench/http.sh against the bare route of the same run.
peer_rate="$(awk '/^bare Hummingbird/ {print $(NF-2)}' "$work/http18.txt")"
# A case's line: NAME… RATE P99 RATIO GOAL (HTTP STATUS)
awk -v peer="$peer_rate" '/^GET/ {rate = $(NF-5); p99 = $(NF-4); ratio = $(NF-3); goal = $(NF-2); status = $NF; sub(/\)$/, "", status)
        name = $1; for (i = 2; i <= NF - 6; i++) name = name " " $i
        printf "| HTTP %s (SQLite, wrk -t2 -c32; HTTP %s) | %s req/s, p99 %s | bare Hummingbird route, same run: %s req/s | %s× (goal %s: %s) |\n",
               name, status, rate, p99, peer, ratio, goal, (ratio + 0 >= goal + 0 ? "met" : "not met")}' "$work/http18.txt"
awk '/peak resident/ {v = $(NF-4); printf "| rapat serve peak memory over those cases | %s MiB | goal (#18) < 100 MiB | %s |\n", v, (v + 0 < 100 ? "met" : "not met")}' "$work/http18.txt"
total=0
while read -r r; do total="$(awk -v a="$total" -v b="$r" 'BEGIN { print a + b }')"; done < <(awk '/^instance/ {for (i = 1; i < NF; i++) if ($i == "requests/s") print $(i + 1)}' "$work/http.txt")
awk '/^instance/ {sub(/:$/, "", $2); r = p = m = "?"; for (i = 1; i < NF; i++) {if ($i == "requests/s") r = $(i + 1); if ($i == "p99") p = $(i + 1); if ($i == "peak-MiB") m = $(i + 1)}
                  printf "| HTTP mixed load (70 %% reads, 30 %% colliding writes), 2 instances on PostgreSQL: port %s | %s req/s, p99 %s ms, server peak %s MiB | — | |\n", $2, r, p, m}' "$work/http.txt"
printf "| HTTP mixed load, both instances | %s req/s; %s; %s | goal (#18) 5,000 req/s, 0 double bookings, 0 writes lost | %s of the goal |\n" \
    "$total" "$(grep '^201 responses' "$work/http.txt" | sed 's/^201/201/')" "$(tail -n 1 "$work/http.txt")" "$(ratio "$total" 5000)"
echo
echo "Peak memory is each Rapat process's maximum resident set (getrusage); xmllint's from GNU time."

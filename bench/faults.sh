#!/usr/bin/env bash
# Fault tests of two `rapat serve` instances on one throwaway PostgreSQL cluster (loopback only), under the writers
# and readers of bench/faults.py (every write at a slot of its own, so any refusal is a fault):
#   1. kill -9 of one instance under load: the other keeps serving, and every acknowledged (201) write is in the
#      database afterwards;
#   2. PostgreSQL restarted under load (stopped for a few seconds): while it is away the instances answer 503 with
#      Retry-After, never 500; once it accepts connections again each instance answers within 5 s, without a restart.
# Prints the figures of each and exits 1 when a condition fails. Not part of CI (it takes about a minute).
# Usage: bench/faults.sh [OUTAGE_SECONDS]   (needs PostgreSQL from Debian's packages; run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ports.sh
outage="${1:-4}"
swift build -c release --product rapat -q
rapat="$(swift build -c release --show-bin-path)/rapat"

work="$(mktemp -d)"
chown postgres "$work"
pgport="$(free_port 55444)"
port1="$(free_port 18091)"
port2="$(free_port $((port1 + 1)))"
pg_cluster "$work/pg" "$pgport"
pids=()
cleanup() {
    # kill -9: an instance whose database is gone does not finish its graceful shutdown (see the note of #18).
    for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
    pg_down "$work/pg" immediate
    rm -rf "$work"
}
trap cleanup EXIT
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE rapat"
db="postgres://postgres@127.0.0.1:$pgport/rapat"
q() { psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "$1"; }
"$rapat" sample --database "$db" > /dev/null
q "SELECT nip FROM person ORDER BY nip" > "$work/nips"
token="$("$rapat" token create --role secretariat --database "$db")"
serve() {
    "$rapat" serve --database "$db" --port "$1" > "$work/serve-$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$1/api/openapi.json" && return; sleep 0.2; done
}
serve "$port1"
first=${pids[0]}
serve "$port2"
a="http://127.0.0.1:$port1" b="http://127.0.0.1:$port2"
failed=0

# 1. kill -9 one instance after 3 s of a 9 s run.
python3 bench/faults.py "$a" "$b" "$token" 9 "$work/nips" "$work/kill.json" --year 2022 &
load=$!
sleep 3
kill -9 "$first"
killed_at=3
wait "$load"
python3 - "$work/kill.json" "$b" "$killed_at" > "$work/kill.txt" <<'EOF'
import json, sys
records, survivor, killed = json.load(open(sys.argv[1])), sys.argv[2], float(sys.argv[3])
after = [r for r in records if r["base"] == survivor and r["at"] > killed + 0.2]
ok = [r for r in after if r["status"] in (200, 201)]
print(f"survivor after the kill: {len(ok)} of {len(after)} requests answered 2xx; "
      f"statuses {sorted(set(r['status'] for r in after))}")
print("acknowledged", " ".join(r["id"] for r in records if r.get("id")))
EOF
head -n 1 "$work/kill.txt"
acked="$(sed -n 's/^acknowledged //p' "$work/kill.txt")"
missing=0
for id in $acked; do [ "$(q "SELECT count(*) FROM meeting WHERE id = '$id'")" = 1 ] || missing=$((missing + 1)); done
echo "kill -9: $(echo "$acked" | wc -w) writes acknowledged, $missing of them missing from the database"
[ "$missing" -eq 0 ] || failed=1
grep -q "of 0 requests" "$work/kill.txt" && failed=1
awk '/survivor/ { if ($5 != $7) exit 1 }' "$work/kill.txt" || { echo "the survivor failed requests"; failed=1; }

# 2. PostgreSQL stopped for OUTAGE seconds under load, on a new first instance.
serve "$port1"
python3 bench/faults.py "$a" "$b" "$token" $((outage + 12)) "$work/nips" "$work/restart.json" --year 2024 &
load=$!
sleep 3
t0="$(date +%s.%N)"
pg_down "$work/pg"
sleep "$outage"
pg_up "$work/pg" "$pgport"
back="$(python3 -c "import time; print(round($(date +%s.%N) - $t0, 3))")"
wait "$load"
python3 - "$work/restart.json" "$back" "$a" "$b" <<'EOF' | tee "$work/restart.txt"
import json, sys
records, back, bases = json.load(open(sys.argv[1])), float(sys.argv[2]) + 3, sys.argv[3:5]
down = [r for r in records if 3 < r["at"] < back]
counts = {}
for r in down:
    counts[r["status"]] = counts.get(r["status"], 0) + 1
no_retry = sum(1 for r in down if r["status"] == 503 and not r["retryAfter"])
print(f"while PostgreSQL was away ({back - 3:.1f} s): statuses {dict(sorted(counts.items()))}; 503 without Retry-After: {no_retry}")
worst = 0.0
for base in bases:
    ok = [r["at"] for r in records if r["base"] == base and r["at"] >= back and r["status"] in (200, 201)]
    first = (min(ok) - back) if ok else float("inf")
    worst = max(worst, first)
    print(f"{base}: first 2xx {first:.2f} s after PostgreSQL was back")
bad = counts.get(500, 0) + no_retry
print(f"recovery: {worst:.2f} s (goal <= 5); 500s: {counts.get(500, 0)}")
sys.exit(1 if bad or worst > 5 else 0)
EOF
[ "${PIPESTATUS[0]}" -eq 0 ] || failed=1
grep -h -iE "fatal|panic|crash" "$work"/serve-*.log | head -3 || true
[ "$failed" = 0 ] && echo "fault tests: passed" || { echo "fault tests: FAILED"; exit 1; }

#!/usr/bin/env bash
# Load test: two `rapat serve` instances on one throwaway PostgreSQL cluster (loopback only, bounded
# duration), mixed reads and writes with wrk; afterwards every 201 must be a meeting in the database and
# nobody may be in two overlapping meetings. Prints req/s and p99 per instance.
# Usage: bench/load.sh [SECONDS] [mixed|get]   (needs PostgreSQL and wrk from Debian's packages; run as root)
# `get` sends only GET /api/meetings/{id}.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ports.sh
seconds="${1:-15}"
export RAPAT_MIX="${2:-mixed}"
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
swift build -c release --product rapat -q
rapat="$(swift build -c release --show-bin-path)/rapat"

work="$(mktemp -d)"
chown postgres "$work"
pgport="$(free_port 55434)"
port1="$(free_port 18081)"
port2="$(free_port $((port1 + 1)))"
pg_cluster "$work/pg" "$pgport"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
    pg_down "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT
psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE rapat"
db="postgres://postgres@127.0.0.1:$pgport/rapat"

# People and a few meetings to read.
"$rapat" sample --database "$db" > /dev/null
psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "SELECT nip FROM person ORDER BY nip" > "$work/nips"
psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "SELECT id FROM meeting ORDER BY id" > "$work/ids"
token="$("$rapat" token create --role secretariat --database "$db")"
before="$(psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "SELECT count(*) FROM meeting")"

for port in "$port1" "$port2"; do
    "$rapat" serve --database "$db" --port "$port" > "$work/serve-$port.log" 2>&1 &
    pids+=($!)
done
for port in "$port1" "$port2"; do
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/api/openapi.json" && break; sleep 0.2; done
done

export RAPAT_TOKEN="$token" RAPAT_NIPS="$work/nips" RAPAT_IDS="$work/ids"
RAPAT_INSTANCE=1 wrk -t2 -c16 -d"${seconds}s" --latency -s bench/load.lua http://127.0.0.1:$port1 > "$work/wrk-$port1.txt" &
w1=$!
RAPAT_INSTANCE=2 wrk -t2 -c16 -d"${seconds}s" --latency -s bench/load.lua http://127.0.0.1:$port2 > "$work/wrk-$port2.txt" &
w2=$!
wait "$w1" "$w2"

created=0 i=0
for port in "$port1" "$port2"; do
    # The server's peak resident memory so far (VmHWM), read while it still runs.
    peak="$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/${pids[$i]}/status" 2> /dev/null || true)"
    i=$((i + 1))
    echo "instance $port: $(grep -E '^requests/s|^p99' "$work/wrk-$port.txt" | tr '\n' ' ')$(grep -E '^created|^refused|^notyet|^unexpected' "$work/wrk-$port.txt" | tr '\n' ' ')peak-MiB ${peak:-?}"
    unexpected=$(awk '/^unexpected/ {print $2}' "$work/wrk-$port.txt")
    [ "$unexpected" -eq 0 ] || { echo "unexpected responses on $port:"; grep -iE "error|warning" "$work/serve-$port.log" | tail -5; }
    created=$((created + $(awk '/^created/ {print $2}' "$work/wrk-$port.txt")))
done
after="$(psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "SELECT count(*) FROM meeting")"
double="$(psql -h 127.0.0.1 -p "$pgport" -U postgres -d rapat -Atc "
    SELECT count(*) FROM meeting_person a JOIN meeting_person b
    ON a.nip = b.nip AND a.meeting_id < b.meeting_id AND a.active AND b.active AND a.slot && b.slot")"
added=$((after - before))
echo "201 responses: $created; meetings added: $added; double-booked pairs: $double"
# Every acknowledged write is there; a few more may be, whose responses wrk cut off when the time ran out
# (at most one per connection: 2 x 16).
if [ "$added" -ge "$created" ] && [ $((added - created)) -le 32 ] && [ "$double" -eq 0 ]; then
    echo "load test: no acknowledged write lost, nobody double-booked"
else
    echo "load test FAILED"
    exit 1
fi

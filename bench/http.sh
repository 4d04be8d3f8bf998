#!/usr/bin/env bash
# HTTP throughput of `rapat serve` (the sample archive on SQLite) against a bare Hummingbird route measured in the
# same run (`rapat-bench http-peer`): wrk -t2 -c32 for SECONDS per case, loopback, release builds.
# Prints req/s, p99 and the ratio to the bare route, with the goal of issue #18 for each case.
# Usage: bench/http.sh [SECONDS]   (needs wrk from Debian's packages)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/ports.sh
seconds="${1:-8}"
command -v wrk > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null; }
swift build -c release --product rapat -q
swift build -c release --product rapat-bench -q
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/rapat" sample --database "$work/rapat.db" > /dev/null
token="$("$bin/rapat" token create --role secretariat --database "$work/rapat.db")"
port="$(free_port 18281)"
"$bin/rapat" serve --database "$work/rapat.db" --port "$port" > /dev/null 2> "$work/serve.log" &
pids+=($!)
peerport="$(free_port $((port + 1)))"
"$bin/rapat-bench" http-peer --port "$peerport" > /dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
    curl -sf "http://127.0.0.1:$port/api/openapi.json" -o /dev/null && curl -sf "http://127.0.0.1:$peerport/peer" -o /dev/null && break
    sleep 0.1
done
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"
feed="$(curl -sf -X POST -H "$auth" -H 'Content-Type: application/json' -d '{"opd":"Dinkes"}' "$base/api/feeds/tokens" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["url"])')"
feedpath="/${feed#*://*/}"
[[ "$feed" == /* ]] && feedpath="$feed"
etag="$(curl -sf -D - -o /dev/null "$base$feedpath" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')"
meeting="$(curl -sf -H "$auth" "$base/api/meetings?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
# A browser's session for the meeting's web page: sign in as the secretariat with the form's CSRF token.
echo "bench-password-123" | "$bin/rapat" user add sekretariat --role secretariat --password-stdin --database "$work/rapat.db" > /dev/null
jar="$work/cookies"
csrf="$(curl -sf -c "$jar" "$base/masuk" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
curl -sf -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" -d username=sekretariat -d password=bench-password-123 "$base/masuk"
session="Cookie: $(awk '$6=="rapat_sesi" {print $6"="$7}' "$jar")"

# run NAME URL GOAL [HEADER...]: the status of one request, then req/s, p99 and the ratio under wrk.
rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$peerport/peer" > "$work/peer.txt"
peer="$(rate "$work/peer.txt")"
printf '%-44s %12s %9s %8s %8s\n' case "req/s" p99 ratio goal
printf '%-44s %12s %9s %8s %8s\n' "bare Hummingbird route (2 KB JSON)" "$peer" "$(p99 "$work/peer.txt")" "1.00" ""
run() {
    local name="$1" url="$2" goal="$3"
    shift 3
    local args=()
    for h in "$@"; do args+=(-H "$h"); done
    local curlargs=()
    for h in "$@"; do curlargs+=(-H "$h"); done
    local status
    status="$(curl -s -o /dev/null -w '%{http_code}' "${curlargs[@]}" "$base$url")"
    wrk -t2 -c32 -d"${seconds}s" --latency "${args[@]}" "$base$url" > "$work/case.txt"
    local r
    r="$(rate "$work/case.txt")"
    printf '%-44s %12s %9s %8s %8s  (HTTP %s)\n' "$name" "$r" "$(p99 "$work/case.txt")" "$(python3 -c "print(f'{$r/$peer:.2f}')")" "$goal" "$status"
}
run "GET /api/meetings/$meeting" "/api/meetings/$meeting" "0.50" "$auth"
run "GET /rapat/$meeting (web page)" "/rapat/$meeting" "0.50" "$session"
run "GET /api/openapi.json" "/api/openapi.json" "0.80"
run "GET /static/rapat.css" "/static/rapat.css" "0.80"
run "GET /api/search?q=penyerapan" "/api/search?q=penyerapan" "0.25" "$auth"
run "GET feed, If-None-Match (304)" "$feedpath" "0.50" "If-None-Match: $etag"
run "GET feed, full" "$feedpath" "0.10"
# Goal 5 of #18: the server's peak resident memory over all the cases above.
printf 'rapat serve peak resident (VmHWM): %s MiB (goal < 100)\n' "$(awk '/VmHWM/{printf "%.1f", $2 / 1024}' "/proc/${pids[0]}/status")"

#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, with AddressSanitizer and LeakSanitizer) of the iCalendar importer,
# the XML reader and the search query parser, each from its committed seed corpus under Tests/Fuzz/corpus.
# Usage: Tests/Fuzz/run.sh [SECONDS per target, default 60] [TARGET...]   (targets: ics xml search)
# Exits non-zero when a target crashes, times out, leaks or runs out of memory; the reproducer is left in
# .build-fuzz/findings/TARGET. New inputs found go to .build-fuzz/corpus/TARGET (the committed corpus stays as is).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ics xml search)
flags=(--scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)
for t in "${targets[@]}"; do swift build "${flags[@]}" --product "fuzz-$t" 2>&1 | grep -E "error|Compiling fuzz|Build complete" || true; done
bin="$(swift build "${flags[@]}" --show-bin-path)"
status=0
# Swift's own backtracer reads the stack in ways AddressSanitizer reports: let libFuzzer report the crash.
export SWIFT_BACKTRACE=enable=no
# The targets run side by side (CI has two cores and minutes to spare, not three times SECONDS); each reports after.
fuzz() {
    local t="$1" work=".build-fuzz/corpus/$1" findings=".build-fuzz/findings/$1"
    mkdir -p "$work" "$findings"
    # Inputs up to 64 KiB, 10 s each at most, 2 GiB of memory; dictionary-free.
    "$bin/fuzz-$t" "$work" "Tests/Fuzz/corpus/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 > ".build-fuzz/fuzz-$t.log" 2>&1
}
pids=()
for t in "${targets[@]}"; do fuzz "$t" & pids+=($!); done
for i in "${!targets[@]}"; do
    t="${targets[$i]}" findings=".build-fuzz/findings/${targets[$i]}"
    if ! wait "${pids[$i]}"; then
        status=1
        echo "fuzz-$t FAILED: see .build-fuzz/fuzz-$t.log and $findings/"
        grep -E "ERROR|SUMMARY|==[0-9]+==" ".build-fuzz/fuzz-$t.log" | head -20 || true
    fi
    runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" ".build-fuzz/fuzz-$t.log" | grep -oE "[0-9]+$" || echo "?")
    cov=$(grep -oE "cov: [0-9]+" ".build-fuzz/fuzz-$t.log" | tail -1 || true)
    echo "fuzz-$t: ${seconds}s, $runs inputs, $cov, crashes/timeouts/leaks: $(ls "$findings" | wc -l)"
done
exit $status

#!/usr/bin/env bash
# Fuzzes every file parser for longer than the test suite does: seeded random mutations of small valid files through
# the CSV and XLSX readers, DropReader, the plan and owners readers and the DfE benchmarks reader (ParserFuzzing).
# Usage: scripts/fuzz.sh [seconds, default 300] [seed, default random]. A failure prints its seed and iteration and
# saves the input; run again with that seed to replay the same inputs in the same order. Exits non-zero on a failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-300}"
seed="${2:-$RANDOM$RANDOM}"
log="$(mktemp -t backontrack-fuzz-XXXXXX.log)"
echo "Fuzzing for ${seconds} s with seed ${seed} (full output: ${log})"
status=0
BACKONTRACK_FUZZ_SECONDS="$seconds" BACKONTRACK_FUZZ_SEED="$seed" \
  dotnet test "$root/tests/BackOnTrack.UnitTests" --filter "FullyQualifiedName~ParserFuzzing" --logger "console;verbosity=detailed" \
  >"$log" 2>&1 || status=$?
grep -E "mutated inputs|Error Message|replay|Passed!|Failed!" "$log" || true
exit "$status"

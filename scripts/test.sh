#!/usr/bin/env bash
# Runs every test: installs Azurite (npm) if missing, starts it in memory on free ports, runs the solution's tests
# against it, stops it. Extra arguments go to `dotnet test` (e.g. --filter). Last line: "N passed, N failed".
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"
source "$BACKONTRACK_ROOT/scripts/lib/test-summary.sh"

results="$BACKONTRACK_ROOT/.artifacts/test-results"
rm -rf "$results"

azurite_install
azurite_start memory
trap azurite_stop EXIT
export BACKONTRACK_TEST_STORAGE="$AZURITE_CONNECTION"
export BACKONTRACK_AZURITE_BIN="$AZURITE_BIN"

status=0
dotnet test "$BACKONTRACK_ROOT/BackOnTrack.sln" --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "dotnet test exited with $status (a failed test, or a project that did not build: see above)." >&2
fi
test_summary "$results"
exit "$status"

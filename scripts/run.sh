#!/usr/bin/env bash
# Runs the hub's main job locally end to end: installs and starts Azurite if needed (data kept in
# .tools/azurite-data), builds the hub, generates the sample LA dataset (.artifacts/sample), uploads it to drops/ as
# schools and officers would, runs every timer once and drains every queue (`local --once`: SweepDrops finds the new
# files, IngestDrop validates and stores them), prints what it did per drop and the hub's health, prints the LA's
# early-warning table, makes the month's board pack (.artifacts/board-pack), and exits 0 when all work succeeded.
#
#   scripts/run.sh [--as-of yyyy-MM-dd] [--serve]
#     --as-of  run as if today were that date
#     --serve  afterwards keep serving on http://127.0.0.1:7071 (GET /api/health) until Ctrl+C
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"

serve=false
as_of=$(date -u +%Y-%m-%d)
while [ $# -gt 0 ]; do
  case "$1" in
    --serve) serve=true ;;
    --as-of) as_of="$2"; shift ;;
    *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 64 ;;
  esac
  shift
done

azurite_install
if (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  # Something already serves the storage emulator's port: use it as development storage.
  echo "Using the storage emulator already listening on 127.0.0.1:10000." >&2
  export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
else
  azurite_start "$BACKONTRACK_ROOT/.tools/azurite-data"
  trap azurite_stop EXIT
  export AzureWebJobsStorage="$AZURITE_CONNECTION"
fi

# A development pseudonymisation key, kept so pupil keys stay stable from run to run (never used in Azure).
if [ -z "${Hub__PseudonymisationKey:-}" ]; then
  key_file="$BACKONTRACK_ROOT/.tools/dev-pseudonymisation.key"
  [ -f "$key_file" ] || head -c 32 /dev/urandom | base64 > "$key_file"
  export Hub__PseudonymisationKey="$(cat "$key_file")"
fi

hub="$BACKONTRACK_ROOT/.artifacts/hub"
echo "Building the hub…" >&2
dotnet publish "$BACKONTRACK_ROOT/functions/BackOnTrack.Cli" -c Release -o "$hub" --nologo -v quiet >&2

sample="$BACKONTRACK_ROOT/.artifacts/sample"
# A fresh sample each run: one generated for another as-of date would otherwise be uploaded beside it.
rm -rf "$sample"
cd "$hub"
dotnet BackOnTrack.Cli.dll generate "$sample" --as-of "$as_of"
# DfE's published figures for the LA, England and the region (small extracts kept with the tests), so the board pack
# has benchmarks to set the sample figures beside, as an officer would upload them to benchmarks/.
mkdir -p "$sample/benchmarks"
cp "$BACKONTRACK_ROOT"/tests/Fixtures/Benchmarks/*.csv "$sample/benchmarks/"
status=0
dotnet BackOnTrack.Cli.dll local --once --as-of "$as_of" --upload "$sample" || status=$?
# The LA's early-warning table. `generate` makes the academic year before the as-of date's, and its attendance covers
# only that year's autumn term, so the recompute `local --once` just ran (as of today) is past every attendance
# window. Replay the rules instead as of the sample's last autumn school day (the last weekday by 20 December, as
# SampleTermDates has it), when the planted pupils are flagged or just cleared. That day is a year or more before the
# as-of date, so the replay never looks past the run's "today".
as_of_year=${as_of:0:4}
[ "$((10#${as_of:5:2}))" -ge 8 ] || as_of_year=$((as_of_year - 1))
autumn_end="$((as_of_year - 1))-12-20"
while [ "$(date -u -d "$autumn_end" +%u)" -gt 5 ]; do autumn_end=$(date -u -d "$autumn_end -1 day" +%Y-%m-%d); done
dotnet BackOnTrack.Cli.dll early-warning --as-of "$autumn_end" || status=$?
# The month's board pack from what the run stored, as the monthly timer makes it; a copy beside the sample to open.
pack="$BACKONTRACK_ROOT/.artifacts/board-pack"
dotnet BackOnTrack.Cli.dll board-pack --as-of "$as_of" --output "$pack" || status=$?
echo "Board pack: $pack/board-pack.pdf and $pack/board-pack.html" >&2
if [ "$serve" = true ]; then
  dotnet BackOnTrack.Cli.dll local --as-of "$as_of" || status=$?
fi
exit "$status"

#!/usr/bin/env bash
# Measures ingest against the store's ceiling on attendance files of 10k, 100k and 1M rows (or the sizes given):
# installs Azurite if needed, builds the benchmark in Release, runs each measurement in a fresh process on a fresh
# in-memory Azurite, and prints input rows/s, the ratio IngestDrop/ceiling and IngestDrop's peak memory per size;
# then (without arguments) an LA-scale run, 120 schools' autumn attendance files (45,000 pupils) ingested through the
# local host and the worker and their metrics recomputed, and the early-warning recompute for every school of an LA of
# 45,000 pupils with a term of marks: its time, peak memory and how often it queried each school's partitions.
#   scripts/benchmark.sh [rows ...]                         ingest only at these sizes
#   scripts/benchmark.sh la-scale [schools [pupils each]]   the LA-scale run only
#   scripts/benchmark.sh early-warning [pupils]             the early-warning recompute only
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"

azurite_install
export BACKONTRACK_AZURITE_BIN="$AZURITE_BIN"

# Built in place (no -o): the benchmark starts two worker apps from their own build folders, which one shared output
# folder would mix together.
project="$BACKONTRACK_ROOT/tests/BackOnTrack.Benchmarks"
dotnet build "$project" -c Release --nologo -v quiet >/dev/null
"$project/bin/Release/net10.0/BackOnTrack.Benchmarks" "$@"

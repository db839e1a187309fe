#!/usr/bin/env bash
# Measures ingest against the store's ceiling on attendance files of 10k, 100k and 1M rows (or the sizes given):
# installs Azurite if needed, builds the benchmark in Release, runs each measurement in a fresh process on a fresh
# in-memory Azurite, and prints input rows/s, the ratio IngestDrop/ceiling and IngestDrop's peak memory per size;
# then (without arguments) the early-warning recompute for every school of an LA of 45,000 pupils with a term of
# marks: its time, peak memory and how often it queried each school's partitions.
#   scripts/benchmark.sh [rows ...]                 ingest only at these sizes
#   scripts/benchmark.sh early-warning [pupils]     the early-warning recompute only
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"

azurite_install
export BACKONTRACK_AZURITE_BIN="$AZURITE_BIN"

out="$BACKONTRACK_ROOT/.artifacts/benchmark"
dotnet build "$BACKONTRACK_ROOT/tests/BackOnTrack.Benchmarks" -c Release -o "$out" --nologo -v quiet >/dev/null
"$out/BackOnTrack.Benchmarks" "$@"

#!/usr/bin/env bash
# Measures ingest against the store's ceiling on attendance files of 10k, 100k and 1M rows (or the sizes given):
# installs Azurite if needed, builds the benchmark in Release, runs each measurement in a fresh process on a fresh
# in-memory Azurite, and prints input rows/s, the ratio IngestDrop/ceiling and IngestDrop's peak memory per size.
#   scripts/benchmark.sh [rows ...]
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"

azurite_install
export BACKONTRACK_AZURITE_BIN="$AZURITE_BIN"

out="$BACKONTRACK_ROOT/.artifacts/benchmark"
dotnet build "$BACKONTRACK_ROOT/tests/BackOnTrack.Benchmarks" -c Release -o "$out" --nologo -v quiet >/dev/null
"$out/BackOnTrack.Benchmarks" "$@"

#!/usr/bin/env bash
# Loads every DfE statistics CSV in a folder into table Benchmarks, through the same import IngestDrop runs, on a
# fresh in-memory Azurite (installed from npm into .tools/ if missing, started on free ports, stopped afterwards), and
# prints per file the rows read, rows with suppressed figures and rows whose published rate does not follow from the
# published counts. Exit status 0 when every file loaded.
#
#   scripts/conformance.sh <folder>
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <folder of DfE statistics CSV files>" >&2
  exit 64
fi
folder="$(cd "$1" && pwd)"

azurite_install
azurite_start memory
trap azurite_stop EXIT
export AzureWebJobsStorage="$AZURITE_CONNECTION"
# The hub will not start without a pseudonymisation key; DfE statistics hold no pupils, so a throwaway one will do.
export Hub__PseudonymisationKey="${Hub__PseudonymisationKey:-$(head -c 32 /dev/urandom | base64)}"

echo "Building the hub…" >&2
dotnet build "$BACKONTRACK_ROOT/functions/BackOnTrack.Cli" --nologo -v quiet >&2
dotnet run --project "$BACKONTRACK_ROOT/functions/BackOnTrack.Cli" --no-build --no-launch-profile -- conformance "$folder"

#!/usr/bin/env bash
# Builds what Azure runs and what an operator runs:
#   - the Functions app: the isolated worker published framework-dependent (Flex Consumption's dotnet-isolated 10.0
#     runtime provides .NET), with host.json, functions.metadata and worker.config.json at its root, and a zip of it
#     for one-deploy (`az functionapp deployment source config-zip`, README "Deploy to Azure");
#   - the operator's tool, with the same worker app laid out beside it in worker/ for `local`.
#
#   scripts/publish.sh [--output DIR]      default DIR: .artifacts/deploy
#     DIR/app/              the Functions app folder
#     DIR/backontrack.zip   the same, zipped
#     DIR/cli/              the operator's tool: dotnet DIR/cli/BackOnTrack.Cli.dll --help
#
# The build goes to DIR/build (dotnet --artifacts-path), so it never touches the source tree's bin/ and obj/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.artifacts/deploy"
while [ $# -gt 0 ]; do
  case "$1" in
    --output) out="$2"; shift ;;
    *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 64 ;;
  esac
  shift
done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
app="$out/app"
cli="$out/cli"
zip_file="$out/backontrack.zip"
rm -rf "$app" "$cli" "$zip_file"

dotnet publish "$root/functions/BackOnTrack.Functions/BackOnTrack.Functions.csproj" -c Release \
  --artifacts-path "$out/build" -o "$app" --nologo -v quiet
dotnet publish "$root/functions/BackOnTrack.Cli/BackOnTrack.Cli.csproj" -c Release \
  --artifacts-path "$out/build" -o "$cli" --nologo -v quiet

fail() { echo "publish: $*" >&2; exit 1; }
# What the Functions host reads from the app root to find and start the worker and its functions.
for file in host.json functions.metadata worker.config.json BackOnTrack.Functions.dll; do
  [ -f "$app/$file" ] || fail "$file is missing from $app"
done
[ ! -e "$app/local.settings.json" ] || fail "local.settings.json must not be deployed"
[ -f "$cli/worker/functions.metadata" ] || fail "the CLI's worker/ folder was not laid out"

# Zip from inside the folder so host.json sits at the zip's root.
if command -v zip >/dev/null; then
  (cd "$app" && zip -q -r -X "$zip_file" .)
else
  python3 - "$app" "$zip_file" <<'PY'
import os, sys, zipfile
app, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(app):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, app))
PY
fi

echo "Published $(grep -o '"entryPoint"' "$app/functions.metadata" | wc -l) functions to $app"
echo "Zip for deployment: $zip_file"
echo "Operator's tool: dotnet $cli/BackOnTrack.Cli.dll --help"

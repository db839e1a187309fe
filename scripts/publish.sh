#!/usr/bin/env bash
# Builds what Azure runs: the Functions app folder (host.json, one folder per function with its function.json, and
# the handler published self-contained for linux-x64 with its executable bit, since a custom handler gets no .NET
# runtime from the platform) and a zip of it for Flex Consumption's one-deploy
# (`az functionapp deployment source config-zip`, README "Deploy to Azure").
#
#   scripts/publish.sh [--output DIR]      default DIR: .artifacts/deploy
#     DIR/app/              the app folder
#     DIR/backontrack.zip   the same, zipped with Unix permissions kept
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
zip_file="$out/backontrack.zip"
project="$root/functions/BackOnTrack.Functions"
rm -rf "$app" "$zip_file"

dotnet publish "$project/BackOnTrack.Functions.csproj" -c Release -r linux-x64 --self-contained true \
  --artifacts-path "$out/build" -o "$app" --nologo

fail() { echo "publish: $*" >&2; exit 1; }

# The host starts host.json's customHandler.description.defaultExecutablePath, relative to the app root.
executable=$(sed -n 's/.*"defaultExecutablePath"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$app/host.json")
[ -n "$executable" ] || fail "host.json has no customHandler.description.defaultExecutablePath"
case "$executable" in /*) fail "defaultExecutablePath '$executable' must be relative to the app root" ;; esac
[ -f "$app/$executable" ] || fail "host.json starts '$executable', which the publish did not produce"
chmod +x "$app/$executable"

for source in "$project"/*/function.json; do
  function=$(basename "$(dirname "$source")")
  [ -f "$app/$function/function.json" ] || fail "$function/function.json is missing from $app"
done
[ ! -e "$app/local.settings.json" ] || fail "local.settings.json must not be deployed"

# Zip from inside the folder so host.json sits at the zip's root; Info-ZIP keeps the executable bit.
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

echo "Published $(find "$app" -name function.json | wc -l) functions to $app"
echo "Zip for deployment: $zip_file"

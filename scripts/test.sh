#!/usr/bin/env bash
# Runs every test: installs Azurite (npm) if missing, starts it in memory on free ports, runs the solution's tests
# against it, stops it. Extra arguments go to `dotnet test` (e.g. --filter). Last line: "N passed, N failed".
# It also makes a throwaway self-signed certificate for 127.0.0.1 (openssl): the user delegation SAS tests start an
# Azurite of their own over HTTPS with OAuth, which Azurite only offers over HTTPS.
set -euo pipefail
export BACKONTRACK_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
source "$BACKONTRACK_ROOT/scripts/lib/azurite.sh"
source "$BACKONTRACK_ROOT/scripts/lib/test-summary.sh"
source "$BACKONTRACK_ROOT/scripts/lib/browser.sh"

results="$BACKONTRACK_ROOT/.artifacts/test-results"
rm -rf "$results"

tls=$(mktemp -d "${TMPDIR:-/tmp}/backontrack-tls.XXXXXX")
cleanup() { azurite_stop; rm -rf "$tls"; }
trap cleanup EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
export BACKONTRACK_TEST_TLS_CERT="$tls/cert.pem" BACKONTRACK_TEST_TLS_KEY="$tls/key.pem"

azurite_install
browser_install
azurite_start memory
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

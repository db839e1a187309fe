# Azurite for tests and local runs: installed from npm into .tools/azurite (ignored by git), pinned by
# scripts/azurite/package-lock.json. Source this file; it defines functions and changes nothing by itself.

BACKONTRACK_ROOT="${BACKONTRACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
AZURITE_HOME="$BACKONTRACK_ROOT/.tools/azurite"
AZURITE_BIN="$AZURITE_HOME/node_modules/.bin/azurite"
AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Installs Azurite if it is missing or not the pinned version.
azurite_install() {
  local wanted
  wanted=$(sed -n 's/.*"azurite": *"\([^"]*\)".*/\1/p' "$BACKONTRACK_ROOT/scripts/azurite/package.json")
  if [ -x "$AZURITE_BIN" ] && [ "$("$AZURITE_BIN" --version 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  echo "Installing Azurite $wanted into .tools/azurite (npm)…" >&2
  mkdir -p "$AZURITE_HOME"
  cp "$BACKONTRACK_ROOT/scripts/azurite/package.json" "$BACKONTRACK_ROOT/scripts/azurite/package-lock.json" "$AZURITE_HOME/"
  (cd "$AZURITE_HOME" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

# Starts Azurite in the background and waits until its three services listen.
#   azurite_start memory            in-memory, on free ports chosen by the OS (tests)
#   azurite_start <folder> [ports]  persisted in <folder>; ports "blob queue table" (default 10000 10001 10002)
# Sets AZURITE_PID and AZURITE_CONNECTION (a connection string with explicit endpoints).
azurite_start() {
  local mode="$1" ports="${2:-10000 10001 10002}" log
  local args=(--silent --disableTelemetry --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1)
  if [ "$mode" = memory ]; then
    args+=(--inMemoryPersistence --blobPort 0 --queuePort 0 --tablePort 0)
  else
    mkdir -p "$mode"
    read -r bp qp tp <<<"$ports"
    args+=(--location "$mode" --blobPort "$bp" --queuePort "$qp" --tablePort "$tp")
  fi
  log=$(mktemp "${TMPDIR:-/tmp}/azurite.XXXXXX.log")
  "$AZURITE_BIN" "${args[@]}" >"$log" 2>&1 &
  AZURITE_PID=$!
  local blob="" queue="" table="" waited=0
  while [ -z "$blob" ] || [ -z "$queue" ] || [ -z "$table" ]; do
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then
      echo "Azurite exited before it was ready:" >&2; cat "$log" >&2; return 1
    fi
    if [ "$waited" -ge 300 ]; then
      echo "Azurite was not ready after 30 s:" >&2; cat "$log" >&2; azurite_stop; return 1
    fi
    sleep 0.1; waited=$((waited + 1))
    blob=$(sed -n 's/.*Blob service is successfully listening at \(http[^ ]*\).*/\1/p' "$log")
    queue=$(sed -n 's/.*Queue service is successfully listening at \(http[^ ]*\).*/\1/p' "$log")
    table=$(sed -n 's/.*Table service is successfully listening at \(http[^ ]*\).*/\1/p' "$log")
  done
  rm -f "$log"
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_ACCOUNT_KEY;BlobEndpoint=$blob/devstoreaccount1;QueueEndpoint=$queue/devstoreaccount1;TableEndpoint=$table/devstoreaccount1;"
  export AZURITE_PID AZURITE_CONNECTION
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  AZURITE_PID=""
}

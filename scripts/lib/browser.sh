# What the school portal's browser tests need: Debian's Chromium (Playwright drives it; Playwright's own browser
# download is not used) and axe-core from npm (pinned by scripts/axe/package-lock.json, installed into .tools/axe),
# which the tests inject into each page. Source this file; it defines functions and changes nothing by itself.

BACKONTRACK_ROOT="${BACKONTRACK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
AXE_HOME="$BACKONTRACK_ROOT/.tools/axe"
AXE_JS="$AXE_HOME/node_modules/axe-core/axe.min.js"

# Installs Chromium (apt, as root, or through sudo) when /usr/bin/chromium is missing, and axe-core when missing or
# not the pinned version. Exports BACKONTRACK_CHROMIUM and BACKONTRACK_AXE_JS for the tests.
browser_install() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium (apt-get install chromium)…" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
  fi
  local wanted have=""
  wanted=$(sed -n 's/.*"axe-core": *"\([^"]*\)".*/\1/p' "$BACKONTRACK_ROOT/scripts/axe/package.json")
  [ -f "$AXE_HOME/node_modules/axe-core/package.json" ] &&
    have=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$AXE_HOME/node_modules/axe-core/package.json" | head -1)
  if [ "$have" != "$wanted" ]; then
    echo "Installing axe-core $wanted into .tools/axe (npm)…" >&2
    mkdir -p "$AXE_HOME"
    cp "$BACKONTRACK_ROOT/scripts/axe/package.json" "$BACKONTRACK_ROOT/scripts/axe/package-lock.json" "$AXE_HOME/"
    (cd "$AXE_HOME" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  export BACKONTRACK_CHROMIUM=/usr/bin/chromium BACKONTRACK_AXE_JS="$AXE_JS"
}

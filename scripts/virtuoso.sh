#!/usr/bin/env bash
# The store in OpenLink Virtuoso: builds a store from the shared corpus, exports it as N-Quads,
# starts a throwaway Virtuoso (its own config and database under target/virtuoso, on two free
# loopback ports), loads the export with Virtuoso's bulk loader (ld_dir + rdf_loader_run), runs
# every canned query against Virtuoso's SPARQL endpoint and compares the rows with `paperkg
# query` (scripts/virtuoso.py), then shuts Virtuoso down and deletes its database.
#
# Exits non-zero on a difference that scripts/virtuoso.py does not document. Installs Virtuoso
# when it is missing, as interop.sh installs its clients: only the Debian package
# virtuoso-opensource-7-bin (virtuoso-t and isql-vt; the package virtuoso-opensource would add
# a system service on ports 1111 and 8890). When it cannot be installed it says SKIPPED, or
# fails under CI=true. Prints the start, load and compare times.
#
#   PAPERKG_VIRTUOSO_CORPUS   the input files (default: the shared dev and dev2 corpora, and the
#                             two fixtures whose papers disagree on results)
#   PAPERKG_VIRTUOSO_BUFFERS  Virtuoso's page buffers, 8 KB each (default 20000, ~160 MB)
#   PAPERKG_VIRTUOSO_KEEP=1   keep Virtuoso's database and the store afterwards
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work="$root/target/virtuoso"
bin="$root/target/release/paperkg"
read -r -a corpus <<<"${PAPERKG_VIRTUOSO_CORPUS:-$root/../shared/corpus/trending-papers.jsonl $root/../shared/corpus/dev2-papers.jsonl $root/tests/fixtures/boards.jsonl $root/tests/fixtures/disputed-results.jsonl}"
graph="https://w3id.org/paperkg/graph"

log() { echo "virtuoso: $*" >&2; }
die() { echo "FAIL: $*"; exit 1; }
skip() {
  [ "${CI:-}" = "true" ] && die "$1"
  echo "SKIPPED: !!! Virtuoso check did not run: $1 !!!"
  exit 0
}

for file in "${corpus[@]}"; do
  [ -f "$file" ] || skip "the corpus file $file is missing"
done
if ! command -v virtuoso-t >/dev/null || ! command -v isql-vt >/dev/null; then
  log "installing with apt: virtuoso-opensource-7-bin"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      virtuoso-opensource-7-bin; } >&2 ||
    skip "virtuoso-opensource-7-bin could not be installed with apt"
fi
[ -x "$bin" ] || cargo build --release --locked >&2 || die "cargo build"

# --- a store and its N-Quads export ---------------------------------------------------------
rm -rf "$work"
mkdir -p "$work/db" "$work/load"
store="$work/store"
"$bin" build "${corpus[@]}" --store "$store" 2>"$work/build.log" || die "paperkg build (see $work/build.log)"
"$bin" export --store "$store" -o "$work/load/paperkg.nq" 2>"$work/export.log" ||
  die "paperkg export (see $work/export.log)"

# --- a throwaway Virtuoso ------------------------------------------------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
sql_port=$(free_port)
http_port=$(free_port)
[ "$sql_port" != "$http_port" ] || http_port=$(free_port)
# Small buffers by default and few threads: CI has 2 cores and shares them.
buffers="${PAPERKG_VIRTUOSO_BUFFERS:-20000}"
cat >"$work/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $work/db/virtuoso.db
ErrorLogFile       = $work/db/virtuoso.log
LockFile           = $work/db/virtuoso.lck
TransactionFile    = $work/db/virtuoso.trx
xa_persistent_file = $work/db/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase
[TempDatabase]
DatabaseFile       = $work/db/virtuoso-temp.db
TransactionFile    = $work/db/virtuoso-temp.trx
Striping           = 0
[Parameters]
ServerPort           = 127.0.0.1:$sql_port
DisableUnixSocket    = 1
ServerThreads        = 4
MaxClientConnections = 4
CheckpointInterval   = 0
NumberOfBuffers      = $buffers
MaxDirtyBuffers      = $((buffers * 3 / 4))
MaxQueryMem          = 256M
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 2
DirsAllowed          = ., $work/load
[HTTPServer]
ServerPort           = 127.0.0.1:$http_port
ServerRoot           = $work/db
ServerThreads        = 2
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 300
MaxQueryCostEstimationTime = 0
EOF

sql() { isql-vt "127.0.0.1:$sql_port" dba dba verbose=off banner=off prompt=off echo=off "$@"; }
now() { date +%s%N; }
seconds() { awk -v ns="$(($2 - $1))" 'BEGIN { printf "%.1f", ns / 1e9 }'; }
started=$(now)
virtuoso-t +foreground +configfile "$work/virtuoso.ini" >"$work/virtuoso.out" 2>&1 &
server=$!
stop() {
  sql exec="shutdown;" >/dev/null 2>&1
  for _ in $(seq 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
}
trap stop EXIT
for _ in $(seq 300); do
  sql exec="select 1;" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || die "virtuoso-t exited (see $work/db/virtuoso.log)"
  sleep 0.2
done
sql exec="select 1;" >/dev/null 2>&1 || die "Virtuoso did not come up in 60 s (see $work/db/virtuoso.log)"
ready=$(now)
log "Virtuoso $(virtuoso-t -? 2>&1 | sed -n 's/^Version \([0-9.]*\).*/\1/p') is up on 127.0.0.1:$sql_port (SQL) and :$http_port (HTTP)"

# --- the bulk loader -----------------------------------------------------------------------
sql exec="ld_dir('$work/load', '*.nq', '$graph'); rdf_loader_run(); checkpoint;" >"$work/load.log" 2>&1 ||
  die "the bulk loader failed (see $work/load.log)"
errors=$(sql exec="select count(*) from DB.DBA.load_list where ll_error is not null;" 2>&1)
[ "$errors" = 0 ] || die "the bulk loader reported errors (DB.DBA.load_list; see $work/db/virtuoso.log)"
loaded=$(now)
log "start $(seconds "$started" "$ready") s; bulk load of $(wc -l <"$work/load/paperkg.nq") quads" \
  "$(seconds "$ready" "$loaded") s; database $(du -sh "$work/db" | cut -f1)"

# --- every canned query --------------------------------------------------------------------
python3 scripts/virtuoso.py --bin "$bin" --store "$store" --graph "$graph" \
  --endpoint "http://127.0.0.1:$http_port/sparql"
status=$?
log "compare $(seconds "$loaded" "$(now)") s"

stop
trap - EXIT
[ "${PAPERKG_VIRTUOSO_KEEP:-}" = 1 ] || rm -rf "$work/db" "$work/store"
if ((status)); then
  echo "virtuoso: a canned query differs from paperkg's answer without a documented reason"
  exit 1
fi
echo "virtuoso: every canned query agrees with paperkg query (or differs as documented)"

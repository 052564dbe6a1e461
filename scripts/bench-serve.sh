#!/usr/bin/env bash
# Endpoint latency of `paperkg serve` for the canned queries in queries/.
#
# Usage: scripts/bench-serve.sh [STORE] [RUNS]
#   STORE  a built store (default /tmp/store100k; make one from 100K generated papers with
#            python3 ../shared/tools/gen_corpus.py 100000 > /tmp/gen100k.jsonl
#            target/release/paperkg build /tmp/gen100k.jsonl --store /tmp/store100k)
#   RUNS   timed requests per query (default 20)
# Environment: TIMEOUT (seconds, default 120) is the server's per-query timeout; BUDGET
# (seconds, default 600) bounds the timed requests of one query.
#
# Method: for each query a fresh server on 127.0.0.1 (ephemeral port, default 4 workers,
# row and byte caps lifted), so that a query that timed out and is still winding down cannot
# slow the next one. The query is sent once to warm the caches (not counted), then RUNS times
# in sequence with curl: POST application/sparql-query, Accept SPARQL JSON, the whole body
# read; the time is curl's time_total (connect to last byte). A query whose warm-up alone
# takes longer than BUDGET/RUNS gets fewer timed runs (at least 3); the "runs" column says how
# many. Prints a Markdown table: rows, runs, median, min and max ms.
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-/tmp/store100k}"
runs="${2:-20}"
timeout="${TIMEOUT:-120}"
budget="${BUDGET:-600}"
bin=target/release/paperkg
[ -x "$bin" ] || cargo build --release --locked
log=$(mktemp)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -f "$log" "$log.body"
  return 0
}
trap cleanup EXIT

start_server() { # sets $server and $url
  : >"$log"
  "$bin" serve --store "$store" --bind 127.0.0.1:0 --timeout "$timeout" \
    --max-rows 100000000 --max-bytes 4000000000 2>"$log" &
  server=$!
  url=""
  for _ in $(seq 300); do
    url=$(sed -n 's|.* at \(http://[0-9.:]*/\) .*|\1sparql|p' "$log" | head -n 1)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  cat "$log" >&2
  echo "paperkg serve did not start" >&2
  exit 1
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

request() { # query file -> "status seconds"
  curl -s -o "$log.body" -w '%{http_code} %{time_total}\n' -X POST \
    -H 'Content-Type: application/sparql-query' -H 'Accept: application/sparql-results+json' \
    --data-binary "@$1" "$url"
}

echo "store: $store ($(du -sh "$store" | cut -f1)), up to $runs timed requests per query, timeout ${timeout}s"
echo
echo "| query | rows | runs | median ms | min ms | max ms |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for file in queries/*.rq; do
  name=$(basename "$file" .rq)
  start_server
  read -r status warm < <(request "$file")
  if [ "$status" != 200 ]; then
    echo "| $name | HTTP $status after ${warm}s | 0 | | | |"
    stop_server
    continue
  fi
  rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$log.body")
  n=$(python3 -c 'import sys; r, b, w = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]); print(max(3, min(r, int(b / max(w, 1e-9)))))' "$runs" "$budget" "$warm")
  times=$(for _ in $(seq "$n"); do request "$file" | cut -d' ' -f2; done)
  stop_server
  echo "$times" | python3 -c '
import statistics, sys
name, rows, n = sys.argv[1:4]
ms = [float(t) * 1000 for t in sys.stdin.read().split()]
print(f"| {name} | {rows} | {n} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} |")
' "$name" "$rows" "$n"
done

#!/usr/bin/env bash
# Endpoint latency of `paperkg serve` for the canned queries in queries/.
#
# Usage: scripts/bench-serve.sh [STORE] [RUNS]
#   STORE  a built store (default /tmp/store100k; make one from 100K generated papers with
#            python3 ../shared/tools/gen_corpus.py 100000 > /tmp/gen100k.jsonl
#            target/release/paperkg build /tmp/gen100k.jsonl --store /tmp/store100k)
#   RUNS   requests per query (default 20)
#
# Method: one server on 127.0.0.1 (ephemeral port), default 4 workers, with the row and byte
# caps lifted and a 10-minute timeout so that every query runs to the end. Each query is sent
# once to warm the caches (not counted), then RUNS times in sequence with curl: POST
# application/sparql-query, Accept SPARQL JSON, the whole body read. The time is curl's
# time_total (connect to last byte). Prints a Markdown table: rows, median, min and max ms.
set -euo pipefail
cd "$(dirname "$0")/.."
store="${1:-/tmp/store100k}"
runs="${2:-20}"
bin=target/release/paperkg
[ -x "$bin" ] || cargo build --release --locked
log=$(mktemp)
"$bin" serve --store "$store" --bind 127.0.0.1:0 --timeout 600 \
  --max-rows 100000000 --max-bytes 4000000000 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -f "$log" "$log.body"' EXIT
url=""
for _ in $(seq 300); do
  url=$(sed -n 's|.* at \(http://[0-9.:]*/\) .*|\1sparql|p' "$log" | head -n 1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log" >&2; echo "paperkg serve did not start" >&2; exit 1; }

request() { # query file -> "status seconds"
  curl -s -o "$log.body" -w '%{http_code} %{time_total}\n' -X POST \
    -H 'Content-Type: application/sparql-query' -H 'Accept: application/sparql-results+json' \
    --data-binary "@$1" "$url"
}

echo "store: $store ($(du -sh "$store" | cut -f1)), $runs requests per query"
echo
echo "| query | rows | median ms | min ms | max ms |"
echo "| --- | ---: | ---: | ---: | ---: |"
for file in queries/*.rq; do
  name=$(basename "$file" .rq)
  read -r status _ < <(request "$file")
  if [ "$status" != 200 ]; then
    echo "| $name | HTTP $status | | | |"
    continue
  fi
  rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]["bindings"]))' "$log.body")
  times=$(for _ in $(seq "$runs"); do request "$file" | cut -d' ' -f2; done)
  echo "$times" | python3 -c '
import statistics, sys
name, rows = sys.argv[1], sys.argv[2]
ms = [float(t) * 1000 for t in sys.stdin.read().split()]
print(f"| {name} | {rows} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} |")
' "$name" "$rows"
done

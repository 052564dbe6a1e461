#!/usr/bin/env bash
# Whole-process speed figures (issue 4), reproducible on any machine with ../shared:
#   1. extraction throughput of `paperkg extract` (JSON lines in, JSON lines to /dev/null) at
#      2 threads and 1 thread, against a raw Aho-Corasick find_iter over the same text and
#      aliases (examples/raw_scan.rs) and against the ../shared/bench peers on the same terms;
#   2. with --store: build of N papers (wall, peak RSS, store size), then cold `lookup SAM`,
#      every queries/*.rq, and `add` of 1,000 new papers.
# Every timing is a hyperfine median; ratios come from one run of this script.
#
# usage: scripts/bench.sh [N] [--store]     (N generated papers, default 100000)
# env:   BENCH_DIR (default /tmp/paperkg-bench), RUNS (default 3), PEER_PAPERS (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
STORE_FIGURES=${2:-}
RUNS=${RUNS:-3}
PEER_PAPERS=${PEER_PAPERS:-10000}
WORK=${BENCH_DIR:-/tmp/paperkg-bench}
SHARED=../shared
mkdir -p "$WORK"
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
cargo build --release --quiet --examples
BIN=target/release/paperkg

corpus() { # corpus N SEED -> path, generated once
  local path="$WORK/corpus-$1-$2.jsonl"
  [ -s "$path" ] || python3 "$SHARED/tools/gen_corpus.py" "$1" --seed "$2" > "$path"
  echo "$path"
}
text_mb() { # megabytes of title + abstract text
  python3 -c 'import json,sys; print(sum(len((d.get("title") or "").encode())+len((d.get("abstract") or "").encode()) for d in map(json.loads, open(sys.argv[1])))/1e6)' "$1"
}
median() { # median seconds of a hyperfine JSON export
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}
cpu() { # mean user + system seconds of a hyperfine JSON export (steadier than wall time when
  # the machine is shared)
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["user"]+r["system"])' "$1"
}

CORPUS=$(corpus "$N" 7)
MB=$(text_mb "$CORPUS")
echo "corpus: $N papers, $MB MB of text ($CORPUS)"
for threads in 2 1; do
  hyperfine --runs "$RUNS" --warmup 1 --export-json "$WORK/extract-$threads.json" \
    "$BIN extract $CORPUS --format jsonl --threads $threads > /dev/null 2>&1"
done
for i in $(seq "$RUNS"); do target/release/examples/raw_scan "$CORPUS"; done > "$WORK/raw.jsonl"

PEER_CORPUS=$(corpus "$PEER_PAPERS" 7)
PEER_MB=$(text_mb "$PEER_CORPUS")
# the alias column only: peers.py takes the last column of a TSV line as the term, and the
# list's last column is the alias's source
$BIN dictionary list 2>/dev/null | cut -f3 > "$WORK/terms.txt"
sh "$SHARED/bench/setup.sh" >/dev/null
PY=${PEERS_VENV:-/tmp/paperkg-peers}/bin/python
for peer in pyahocorasick flashtext spacy-phrase; do
  "$PY" "$SHARED/bench/peers.py" "$peer" "$WORK/terms.txt" "$PEER_CORPUS"
done > "$WORK/peers.jsonl"
hyperfine --runs "$RUNS" --warmup 1 --export-json "$WORK/extract-peers.json" \
  "$BIN extract $PEER_CORPUS --format jsonl > /dev/null 2>&1"

python3 - "$MB" "$(median "$WORK/extract-2.json")" "$(median "$WORK/extract-1.json")" \
  "$WORK/raw.jsonl" "$PEER_MB" "$(median "$WORK/extract-peers.json")" "$WORK/peers.jsonl" \
  "$(cpu "$WORK/extract-2.json")" "$(cpu "$WORK/extract-1.json")" <<'PY'
import json, statistics, sys
mb, t2, t1, raw, peer_mb, tp, peers, cpu2, cpu1 = sys.argv[1:]
mb, t2, t1, peer_mb, tp, cpu2, cpu1 = map(float, (mb, t2, t1, peer_mb, tp, cpu2, cpu1))
raw_rate = statistics.median(json.loads(l)["mb_per_s"] for l in open(raw))
print(f"\nextract, 2 threads: {mb/t2:8.1f} MB/s ({t2:.2f} s wall, {cpu2:.2f} s CPU)")
print(f"extract, 1 thread:  {mb/t1:8.1f} MB/s ({t1:.2f} s wall, {cpu1:.2f} s CPU)")
print(f"raw find_iter, 1 thread: {raw_rate:8.1f} MB/s; paperkg 1 thread is {raw_rate/(mb/t1):.1f}x slower")
print(f"whole-process CPU per MB: {cpu1/mb*1000:.0f} ms (1 thread), {raw_rate*cpu1/mb:.1f}x the raw scan's")
mine = peer_mb / tp
print(f"\npeers on {peer_mb:.1f} MB (paperkg extract, 2 threads, whole process: {mine:.1f} MB/s)")
for line in open(peers):
    p = json.loads(line)
    print(f"  {p['peer']:<14} {p['mb_per_s']:8.1f} MB/s  paperkg/peer = {mine/p['mb_per_s']:.1f}x")
PY

[ "$STORE_FIGURES" = "--store" ] || exit 0
STORE="$WORK/store-$N"
/usr/bin/time -v "$BIN" build "$CORPUS" --store "$STORE" 2> "$WORK/build.time" >/dev/null
grep -E "Elapsed|Maximum resident" "$WORK/build.time"
du -sh "$STORE"
hyperfine --runs 10 --warmup 1 --export-json "$WORK/lookup.json" \
  "$BIN lookup SAM --store $STORE > /dev/null"
echo "lookup SAM, cold process: $(median "$WORK/lookup.json") s"
for q in queries/*.rq; do
  hyperfine --runs "$RUNS" --export-json "$WORK/query.json" \
    "$BIN query $q --store $STORE --format csv > /dev/null" >/dev/null
  printf "%-24s %6.2f s\n" "$(basename "$q" .rq)" "$(median "$WORK/query.json")"
done
NEW="$WORK/new-1000.jsonl"
python3 "$SHARED/tools/gen_corpus.py" 1000 --seed 99 | sed 's/"id": "2300\./"id": "9900./' > "$NEW"
/usr/bin/time -f "add 1000 papers: %e s, %M KB peak RSS" "$BIN" add "$NEW" --store "$STORE" >/dev/null

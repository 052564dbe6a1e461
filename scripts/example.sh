#!/usr/bin/env bash
# The main job on the bundled example: build a knowledge graph from examples/corpus.jsonl,
# then show a query, a lookup and a DOT picture (rendered to SVG).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo build --release --locked
bin=target/release/paperkg
store=target/example-store
set -x
"$bin" build examples/corpus.jsonl --store "$store"
"$bin" query top-models --store "$store"
"$bin" query papers-with-code --entity "segment anything" --store "$store"
"$bin" lookup "segment anything model" --related 5 --store "$store"
"$bin" export --store "$store" --format dot --around SAM --depth 2 -o target/example-sam.dot
dot -Tsvg target/example-sam.dot -o target/example-sam.svg
"$bin" stats --store "$store"

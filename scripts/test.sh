#!/usr/bin/env bash
# The test command: installs missing system packages, then runs every test in release mode
# (RocksDB builds once, and the shared-corpus tests run fast).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo test --release --locked "$@"

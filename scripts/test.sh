#!/usr/bin/env bash
# The test command: installs missing system packages, then runs every test in release mode
# (RocksDB builds once, and the shared-corpus tests run fast), then the interop checks with
# third-party clients (scripts/interop.sh), then the Python package and the Dask example
# (scripts/python.sh), then every canned query on Virtuoso against `paperkg query`
# (scripts/virtuoso.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cargo test --release --locked "$@"
bash scripts/interop.sh
bash scripts/python.sh
bash scripts/virtuoso.sh

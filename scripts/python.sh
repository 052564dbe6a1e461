#!/usr/bin/env bash
# The Python package and the Dask example, tested: a virtualenv under target/, the pinned test
# tools, `pip install ./python` (maturin builds the extension in the workspace's target/, so
# the crates `cargo test` compiled are reused; no RocksDB is in it), then pytest on
# python/tests (the README example, equality with the CLI built by `cargo test --release`,
# custom dictionaries, bad input, the Dask example on a 2-worker LocalCluster).
#
# Each step prints its wall time; scripts/test.sh runs this after the Rust tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
venv="$root/target/python-venv"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PATH="$venv/bin:$PATH"

step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "python.sh: $name took $((SECONDS - start))s" >&2
}

make_venv() {
  if [ ! -x "$venv/bin/python" ] && ! python3 -m venv "$venv"; then
    # Debian splits venv out of python3; install it as deps.sh installs what is missing.
    rm -rf "$venv"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  fi
  pip install -q --disable-pip-version-check \
    "maturin==1.9.6" "pytest==8.3.5" "dask[distributed]==2025.5.1" "pyoxigraph==0.5.13"
}

# --no-build-isolation: the maturin just installed builds it, no second download.
install_package() {
  pip install -q --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./python
}

step "venv and test tools" make_venv
step "pip install ./python" install_package
step "pytest" python -m pytest -q python/tests

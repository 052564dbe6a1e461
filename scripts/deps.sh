#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for paperkg: libclang and a C++ compiler for
# RocksDB's build, Graphviz for rendering DOT, and man-db to read the man pages (`man -l`,
# which the tests render). Only missing packages are installed.
set -euo pipefail

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in libclang-dev clang g++ graphviz man-db; do
  have_pkg "$pkg" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "installing: ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup" >&2; exit 1; }

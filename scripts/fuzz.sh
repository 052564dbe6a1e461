#!/usr/bin/env bash
# Reruns the fuzzers: builds every cargo-fuzz target in fuzz/ and runs each one in turn for
# SECONDS (default 600), starting from the committed seeds in fuzz/seeds/TARGET plus whatever
# earlier runs left in fuzz/corpus/TARGET (not committed). Crashes land in fuzz/artifacts/.
#
#   bash scripts/fuzz.sh [SECONDS]
#
# Not part of CI. Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it pass the sanitizer flags. Everything runs at nice 19, one target
# at a time, because the machine is shared. The fuzzers depend on paperkg-core only, so the
# first build (into fuzz/target) compiles no RocksDB.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
command -v cargo-fuzz >/dev/null || nice -n 19 cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
nice -n 19 cargo fuzz build
status=0
for target in $(cargo fuzz list); do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: ${seconds}s" >&2
  # -timeout: an input that takes 20 s is a hang worth reporting, not a slow machine.
  if ! nice -n 19 cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
      -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
      >"fuzz/logs/$target.log" 2>&1; then
    echo "== $target: FAILED, see fuzz/logs/$target.log and fuzz/artifacts/$target/" >&2
    status=1
  fi
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "fuzz/logs/$target.log" | tail -1 || true)
  echo "== $target: ${runs:-no summary}" | tee -a fuzz/logs/summary.txt >&2
done
exit "$status"

#!/usr/bin/env bash
# Counts the public API of each library crate from its rustdoc pages, as docs/architecture.md
# reports it: one page per public item (module, struct, enum, trait, function, constant, type;
# the redirect pages of re-exports left out), plus the inherent methods and associated
# constants listed on each type's page (trait implementations left out).
# Usage: bash scripts/api-count.sh   (runs `cargo doc --no-deps --release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo doc --no-deps --release -p paperkg-core -p paperkg-store -p paperkg-serve >/dev/null 2>&1
python3 - <<'PY'
import pathlib, re
print("crate\titems\tof them constants\tinherent methods\ttotal")
for crate in ["paperkg_core", "paperkg_store", "paperkg_serve"]:
    items = constants = methods = 0
    for page in pathlib.Path("target/doc", crate).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        kind = page.name.split(".")[0]
        if "Redirecting to" in text or page.name == "all.html":
            continue
        if kind not in {"index", "struct", "enum", "trait", "fn", "constant", "type", "static", "macro"}:
            continue
        items += 1
        constants += kind == "constant"
        if kind in {"struct", "enum"}:
            inherent = text.split('id="implementations-list"', 1)[-1] if 'id="implementations-list"' in text else ""
            inherent = re.split(r'id="(?:trait|synthetic|blanket)-implementations', inherent)[0]
            methods += len(re.findall(r'<section id="(?:method|associatedconstant)\.', inherent))
    print(f"{crate.replace('_', '-')}\t{items}\t{constants}\t{methods}\t{items + methods}")
PY

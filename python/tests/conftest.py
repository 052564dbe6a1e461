"""What the paperkg Python tests share: the shared corpus, the CLI built by cargo, and a real
N-Quads parser (pyoxigraph). Under CI=true a missing corpus or CLI fails the test, as the Rust
tests do; elsewhere it skips it."""

import json
import os
import subprocess
from pathlib import Path

import pyoxigraph
import pytest

ROOT = Path(__file__).resolve().parents[2]


def missing(what):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing under CI=true: this test cannot run")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def shared():
    """The shared data directory (../shared, or $PAPERKG_SHARED)."""
    directory = Path(os.environ.get("PAPERKG_SHARED", ROOT.parent / "shared"))
    if not (directory / "corpus/trending-papers.jsonl").exists():
        missing(f"the shared corpus ({directory})")
    return directory


@pytest.fixture(scope="session")
def cli():
    """The release `paperkg` binary that `cargo test --release` builds."""
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    binary = target / "release" / "paperkg"
    if not binary.exists():
        missing(f"the CLI ({binary}; run cargo build --release)")
    return binary


def run_cli(binary, *args):
    """The CLI's stdout; a failure fails the test with its stderr."""
    done = subprocess.run([str(binary), "-q", *map(str, args)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cli_records(binary, *args):
    """`paperkg extract ... --format jsonl`, parsed."""
    return [json.loads(line) for line in run_cli(binary, "extract", *args).splitlines()]


def parse_nquads(text):
    """The quads of an N-Quads document, parsed by oxigraph's parser, as a set."""
    return set(pyoxigraph.parse(text.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))

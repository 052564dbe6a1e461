"""examples/dask_extract.py on a LocalCluster with 2 workers: the union of its shards is the
quad set of the single-process `paperkg extract --format nquads`, and its paper counts are the
store's."""

import subprocess
import sys

from conftest import ROOT, parse_nquads, run_cli


def test_the_shards_of_a_two_worker_cluster_are_the_whole_run(tmp_path, shared, cli):
    inputs = [shared / "corpus" / name for name in ["trending-papers.jsonl", "dev2-papers.jsonl"]]
    out = tmp_path / "shards"
    done = subprocess.run(
        [sys.executable, ROOT / "examples/dask_extract.py", *inputs, "--out", out,
         "--workers", "2", "--blocksize", "64KiB"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert '"workers": 2' in done.stdout
    shards = sorted(out.glob("shard-*.nq"))
    assert len(shards) >= 3, done.stdout
    union = set()
    for shard in shards:
        quads = parse_nquads(shard.read_text(encoding="utf-8"))
        assert quads, shard
        union |= quads
    whole = parse_nquads(run_cli(cli, "extract", *inputs, "--format", "nquads"))
    entities = lambda quads: {str(q.subject) for q in quads if "/entity/" in str(q.subject)}
    assert entities(union) == entities(whole)
    assert union == whole

    # The run-level counts of the second pass are the ones a store build writes.
    store = tmp_path / "store"
    run_cli(cli, "build", *inputs, "--store", store)
    exported = parse_nquads(run_cli(cli, "export", "--format", "nquads", "--store", store))
    stored = {q for q in exported if str(q.predicate).endswith("vocab#paperCount>")}
    counted = parse_nquads((out / "paper-counts.nq").read_text(encoding="utf-8"))
    assert len(stored) > 500
    assert counted == stored

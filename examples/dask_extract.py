#!/usr/bin/env python3
"""Extract papers across a Dask cluster: one N-Quads file per shard.

    python examples/dask_extract.py papers.jsonl --out shards/                # a local cluster
    python examples/dask_extract.py 'corpus/*.jsonl.gz' --out /nfs/shards \\
        --scheduler tcp://scheduler.example.org:8786                         # a real one

The JSON lines inputs are split into blocks of lines (one Dask partition each), and every
partition runs the paperkg Python extractor in ``map_partitions``:

1. the corpus pass: each partition lists the names its papers introduce, and the union of
   all partitions is the corpus's list, as ``paperkg extract`` builds it over its inputs;
2. the shards: each partition extracts its papers with that list and writes their quads to
   ``OUT/shard-<hash>.nq`` (the hash of the partition's lines: a retried task rewrites the
   same file), and counts the papers that mention each entity;
3. the run-level counts: the driver adds the partitions' counts up into
   ``OUT/paper-counts.nq`` (``pkg:paperCount``, as ``paperkg build`` writes it).

Each paper's quads depend on that paper and the corpus's list of names alone, so the union
of the shards is the quad set ``paperkg extract --format nquads`` writes for all the inputs
at once (docs/scale.md). OUT must be a directory every worker can write (a shared file
system on a real cluster), and every worker needs ``pip install ./python``.
"""

import argparse
import collections
import hashlib
import json
import os
import sys
import warnings

import dask.bag
from dask.distributed import Client, LocalCluster

import paperkg

MENTIONS = ("<https://schema.org/mentions>", "<https://w3id.org/paperkg/vocab#hasLink>")
PAPER_COUNT = "<https://w3id.org/paperkg/vocab#paperCount>"
INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON lines files or globs (.gz is read too)")
    parser.add_argument("--out", required=True, help="directory for the shards")
    parser.add_argument("--scheduler", help="address of a running scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    parser.add_argument("--blocksize", default="64KiB", help="input bytes per partition (default 64KiB)")
    parser.add_argument("--threads", type=int, default=1, help="extraction threads per task (default 1)")
    parser.add_argument("--dictionaries", help="directory of dictionaries (default: the built-in ones)")
    parser.add_argument("--no-corpus-pass", action="store_true", help="skip the corpus pass (step 1)")
    return parser.parse_args(argv)


def corpus_names(lines, dictionaries):
    """Step 1 on one partition: the names its papers introduce, as (type, name) pairs."""
    extractor = paperkg.Extractor(dictionaries)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bad records are reported by step 2
        return extractor.corpus_names([line for line in lines if line.strip()])


def write_shard(lines, out, names, dictionaries, threads):
    """Step 2 on one partition: its papers' quads into one shard file. Returns one summary
    dict: the file, the papers, the skipped records and the papers mentioning each entity."""
    lines = [line for line in lines if line.strip()]
    extractor = paperkg.Extractor(dictionaries).with_corpus_names(names)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = extractor.extract_many(
            lines, threads=threads, format="nquads", corpus_pass=False, on_error="skip"
        )
    skipped = [str(w.message) for w in caught if str(w.message).startswith("paperkg: skipped")]
    digest = hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:16]
    path = os.path.join(out, f"shard-{digest}.nq")
    with open(path + ".part", "w", encoding="utf-8") as shard:
        shard.write(text)
    os.replace(path + ".part", path)
    counts = collections.Counter()
    for line in text.splitlines():
        parts = line.split(" ")
        # A mention quad is `<paper> <mentions> <entity> .`: IRIs hold no spaces. Each paper
        # writes its own mention of an entity once, so counting them counts papers.
        if len(parts) == 4 and parts[1] in MENTIONS:
            counts[parts[2]] += 1
    return [{
        "shard": path,
        "papers": len(lines) - len(skipped),
        "skipped": skipped,
        "counts": dict(counts),
    }]


def run(args, client):
    os.makedirs(args.out, exist_ok=True)
    out = os.path.abspath(args.out)
    # A gzip file cannot be split: it is one partition.
    gzipped = any(path.endswith(".gz") for path in args.inputs)
    bag = dask.bag.read_text(args.inputs, blocksize=None if gzipped else args.blocksize)
    names = []
    if not args.no_corpus_pass:
        pairs = bag.map_partitions(corpus_names, args.dictionaries).compute()
        names = sorted({tuple(pair) for pair in pairs})
    summaries = bag.map_partitions(
        write_shard, out, names, args.dictionaries, args.threads
    ).compute()
    counts = collections.Counter()
    for summary in summaries:
        counts.update(summary["counts"])
        for issue in summary["skipped"]:
            print(issue, file=sys.stderr)
    with open(os.path.join(out, "paper-counts.nq"), "w", encoding="utf-8") as run_level:
        for entity, count in sorted(counts.items()):
            run_level.write(f'{entity} {PAPER_COUNT} "{count}"^^{INTEGER} .\n')
    report = {
        "workers": len(client.scheduler_info()["workers"]),
        "partitions": bag.npartitions,
        "corpus_names": len(names),
        "papers": sum(s["papers"] for s in summaries),
        "skipped": sum(len(s["skipped"]) for s in summaries),
        "shards": sorted(os.path.basename(s["shard"]) for s in summaries),
        "entities_counted": len(counts),
    }
    print(json.dumps(report, indent=2))
    return report


def main(argv=None):
    args = arguments(argv)
    if args.scheduler:
        with Client(args.scheduler) as client:
            return run(args, client)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True) as cluster:
        with Client(cluster) as client:
            return run(args, client)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Curate the Papers with Code task lists into dictionaries/sources/pwc/.

Reads ../shared/external/pwc-archive/ (names, counts and links from the Papers with Code
archive, CC BY-SA 4.0) and writes task.txt, dataset.txt and metric.txt under
dictionaries/sources/pwc/, in the dictionary format of dictionaries/README.md. Standard library
only; re-run it after changing a rule or a hand decision:

    python3 scripts/curate_pwc.py [--archive DIR] [--corpus FILE ...] [--report FILE]

Rules (each drop is counted in the report):
- tasks: lower case except acronyms and words with digits ("Semantic Segmentation" ->
  "semantic segmentation", "3D Object Detection" keeps "3D"); a trailing "(ACRONYM)" becomes an
  alias; names of one word, cut names, names with odd characters are dropped.
- datasets: split and setting suffixes cut ("COCO test-dev" -> "COCO", "BDD100K val" ->
  "BDD100K", "CIFAR-100, 40% Symmetric Noise" -> "CIFAR-100"); transfer pairs ("A->B"),
  descriptions and names that are ordinary words (they occur in lower case in the corpora's
  prose) are dropped.
- metrics: table debris dropped ("Params (M)", "0..5sec", "30%"), units in parentheses cut,
  cost quantities dropped (parameters, FLOPs, time), ordinary title-case words lower-cased;
  each metric gets @better and, where the name says it, @range (scripts/pwc/metric_scale.py).
- every alias: never a generic term (dictionaries/generic.txt), never an alias of another
  entry of the hand-curated files (then dropped) -- unless that entry has the same type, in
  which case the line extends it (same canonical name, new aliases only).
- hierarchy: task_hierarchy.csv and *_hierarchy.json give @parent (child lists cut with "..."
  keep only the names that are known tasks); no cycles, one parent per task.
Hand decisions: scripts/pwc/reject.txt (TYPE | NAME | reason), scripts/pwc/keep.txt
(TYPE | NAME: keep a name a rule would drop).
"""

import argparse
import collections
import csv
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pwc.metric_scale import metric_scale  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DICT = os.path.join(ROOT, "dictionaries")
HAND = os.path.join(ROOT, "scripts", "pwc")
TYPES = ["model", "dataset", "metric", "task", "method"]

SPLIT_WORDS = {
    "test", "val", "dev", "train", "validation", "test-dev", "test-std", "test-standard",
    "test-challenge", "testdev", "testfinal", "valid", "minival", "val2017", "test2017",
    "trainval", "test-clean", "test-other", "dev-clean", "dev-other", "public", "private",
    "full", "split", "set", "subset", "leaderboard", "benchmark", "(test)", "(val)", "(dev)",
}
COST_WORDS = re.compile(
    r"\b(params?|parameters?|flops|gflops|macs|gmacs|epochs?|operations per|memory|"
    r"latency|speed|fps|time|seconds?|sec|ms|hours?|inference|throughput|model size|"
    r"size|number of|#|training|gpu|energy)\b",
    re.I,
)
# A task is a process: its head noun ends like one (detection, answering, segmentation,
# prediction, analysis...). Topics and areas ("time series", "remote sensing", "natural
# images"), learning paradigms ("graph learning": methods or settings) and prompting
# techniques ("visual prompting": methods) are not.
TASK_HEAD = re.compile(r"(tion|sion|ing|ment|sis|ysis|QA|OCR)$", re.I)
TOPIC_HEADS = {"learning", "sensing", "computing", "engineering", "programming", "processing",
               "intelligence", "mining", "prompting"}
METRIC_HEAD = re.compile(r"(error|error rate|distance|coefficient|loss|divergence)$")
# "test WER", "val F1 score": the split is no part of the metric's name.
SPLIT_PREFIX = re.compile(r"^(test|val|validation|dev|eval)\s+", re.I)
SETTING = re.compile(
    r"(\?|\bhops?\b|\bfold\b|\bshots?\b|\bsteps?\b|\bgroup\b|\bdataset\b|\bset\d|\bclass\b|"
    r"\bon\b|\bsetting\b|\bidentified\b|\bviewpoint\b|^\d+\s)",
    re.I,
)
COMPOSED = re.compile(r"^(average|mean|overall|avg\.?|total|weighted|macro|micro)\b", re.I)
ODD = re.compile(r"[*=<>{}\[\]\\|@#~^$]")


def read_list(path):
    """Lines of a hand file: fields split on ' | ', comments and blanks skipped."""
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                rows.append([x.strip() for x in line.split(" | ")])
    return rows


def curated():
    """alias key -> set of (type, canonical) in the hand-curated files; parents by task."""
    owners = collections.defaultdict(set)
    parents = {}
    for t in TYPES:
        with open(os.path.join(DICT, f"{t}.txt"), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                fields = [x.strip() for x in line.split(" | ")]
                canonical = fields[0].lstrip("~=")
                for field in fields:
                    if field.startswith("@"):
                        if field.startswith("@parent="):
                            parents[(t, canonical)] = field[8:]
                        continue
                    owners[field.lstrip("~=").lower()].add((t, canonical))
    with open(os.path.join(DICT, "generic.txt"), encoding="utf-8") as f:
        generic = {x.strip().lower() for x in f if x.strip() and not x.startswith("#")}
    return owners, parents, generic


def prose_words(corpora, word_list=None):
    """Lower-case words of the corpora's prose and of a word list (one word a line; only its
    all-lower-case words, not proper nouns): a name spelled like one is an ordinary word."""
    words = collections.Counter()
    if word_list and os.path.exists(word_list):
        with open(word_list, encoding="utf-8", errors="replace") as f:
            words.update(w.strip() for w in f if re.fullmatch(r"[a-z][a-z-]*\n?", w))
    for path in corpora:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if path.endswith(".jsonl"):
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    line = rec.get("title", "") + " " + rec.get("abstract", "")
                words.update(re.findall(r"\b[a-z][a-z-]+\b", line))
    return words


def split_list(cell):
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def read_archive(archive):
    """Task names, datasets, metrics and parent links from the archive's files."""
    tasks, datasets, metrics = set(), collections.Counter(), collections.Counter()
    links = []  # (parent, child, source)
    with open(os.path.join(archive, "all_tasks.txt"), encoding="utf-8") as f:
        tasks.update(x.strip().strip('"') for x in f if x.strip())
    for path in sorted(glob.glob(os.path.join(archive, "*_tasks_detailed.csv"))):
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                task = row["Task Name"].strip()
                tasks.add(task)
                for name in split_list(row["Common Datasets (Top 10)"]):
                    datasets[name] += 1
                for name in split_list(row["Benchmarks"]):
                    datasets[name] += 1
                for name in split_list(row["SOTA Metrics"]):
                    metrics[name] += 1
                for child in split_list(row["Subtasks"]):
                    tasks.add(child)
                    links.append((task, child, "detailed"))
    with open(os.path.join(archive, "task_hierarchy.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            parent = row["Parent Task"].strip()
            tasks.add(parent)
            for child in split_list(row["Child Tasks"]):
                cut = child.endswith("...")
                child = child.rstrip(".").strip()
                links.append((parent, child, "cut" if cut else "hierarchy"))
    for path in sorted(glob.glob(os.path.join(archive, "*_hierarchy.json"))):
        with open(path, encoding="utf-8") as f:
            tree = json.load(f)

        def walk(node, parent):
            name = node.get("name", "").strip()
            tasks.add(name)
            for b in node.get("benchmarks", []):
                datasets[b.strip()] += 1
            for m in node.get("metrics", []):
                metrics[m.strip()] += 1
            if parent:
                links.append((parent, name, "json"))
            for child in node.get("children", []):
                walk(child, name)

        for root in tree.get("hierarchical_tasks", []):
            walk(root, None)
    return tasks, datasets, metrics, links


def is_acronym_like(word):
    """Keeps its case: has a digit, or a capital after the first letter (3D, RGB-D, BERT)."""
    core = word.strip("()")
    return any(c.isdigit() for c in core) or any(c.isupper() for c in core[1:])


def lower_words(name):
    return " ".join(w if is_acronym_like(w) else w.lower() for w in name.split())


class Drops:
    """Counts and examples of every rule's drops, for the report."""

    def __init__(self):
        self.by_rule = collections.defaultdict(list)

    def add(self, kind, rule, name):
        self.by_rule[(kind, rule)].append(name)
        return None

    def report(self, out):
        for (kind, rule), names in sorted(self.by_rule.items()):
            sample = "; ".join(sorted(set(names))[:8])
            out.write(f"{kind}\t{rule}\t{len(names)}\t{sample}\n")


def clean_task(name, drops, keep):
    """(canonical, [aliases]) of a PwC task name, or None."""
    raw = name.strip().strip('"')
    if ("task", raw) in keep:
        return lower_words(raw), []
    if not raw or raw.endswith("...") or ODD.search(raw) or "," in raw or ":" in raw:
        return drops.add("task", "cut or odd", raw)
    aliases = []
    m = re.match(r"^(.*?)\s*\(([^()]+)\)$", raw)
    if m:
        raw, inner = m.group(1).strip(), m.group(2).strip()
        lower_letters = sum(c.islower() for c in inner)
        if re.fullmatch(r"[A-Z0-9][A-Za-z0-9-]{2,}", inner) and lower_letters <= 1:
            aliases.append(inner)
    if "(" in raw or ")" in raw:
        return drops.add("task", "parenthesis", name)
    words = raw.split()
    if len(words) < 2:
        return drops.add("task", "one word", raw)
    if len(words) > 7:
        return drops.add("task", "too long", raw)
    head = words[-1].lower()
    if not TASK_HEAD.search(head) or head in TOPIC_HEADS:
        return drops.add("task", "head is not a task noun (topic or area)", raw)
    if re.search(r"\b(benchmark|dataset|challenge|corpus)\b", raw, re.I):
        return drops.add("task", "names a benchmark", raw)
    return lower_words(raw), aliases


def clean_dataset(name, drops, prose, keep):
    raw = name.strip()
    if ("dataset", raw) in keep:
        return raw
    if not raw or "->" in raw or "→" in raw or ODD.search(raw) or raw.endswith("..."):
        return drops.add("dataset", "transfer pair or odd", raw)
    raw = raw.split(",")[0].strip()
    raw = re.sub(r"\s*\((test|val|dev|validation|train)[^)]*\)$", "", raw, flags=re.I)
    words = raw.split()
    while len(words) > 1 and words[-1].lower() in SPLIT_WORDS:
        words.pop()
    if words and re.fullmatch(r"\d+(\.\d+)?%?|\(.*\)|-|v?\d", words[-1]) and len(words) > 1:
        return drops.add("dataset", "setting suffix", raw)
    raw = " ".join(words)
    if "(" in raw or ")" in raw or ":" in raw:
        return drops.add("dataset", "description or setting in parentheses", raw)
    if len(words) > 5 or raw.lower().startswith(("a ", "an ", "the ", "dataset")):
        return drops.add("dataset", "description", raw)
    if len(raw) < 3 or not re.search(r"[A-Za-z]", raw):
        return drops.add("dataset", "too short", raw)
    if raw == raw.lower():
        return drops.add("dataset", "all lower case (reads as prose)", raw)
    if len(words) == 1 and raw.isupper() and len(raw) <= 3:
        return drops.add("dataset", "short acronym", raw)
    if len(words) == 1 and raw.lower() in prose and not is_acronym_like(raw):
        return drops.add("dataset", "ordinary word", raw)
    if len(words) == 1 and "-" in raw and raw.lower() in prose:
        return drops.add("dataset", "a hyphenated word of the prose (Source-Free)", raw)
    if len(words) > 1 and all(w.lower() in prose for w in words) and not any(
        is_acronym_like(w) for w in words
    ):
        return drops.add("dataset", "ordinary words", raw)
    return raw


def clean_metric(name, drops, prose, keep):
    raw = name.strip()
    if ("metric", raw) in keep:
        return raw
    if not raw or ODD.search(raw) or ".." in raw or raw.endswith("..."):
        return drops.add("metric", "table debris", raw)
    if re.fullmatch(r"[\d.%\s-]+|\S", raw) or not re.search(r"[A-Za-z]{2}", raw):
        return drops.add("metric", "number or symbol", raw)
    if COST_WORDS.search(raw):
        return drops.add("metric", "cost quantity", raw)
    raw = re.sub(r"\s*\((%|in %|[a-zA-Z]{1,3}|dB|mm|cm|m|px|x\d+)\)$", "", raw).strip()
    if "(" in raw or ")" in raw or ":" in raw or "," in raw:
        return drops.add("metric", "setting in parentheses", raw)
    words = raw.split()
    if len(words) > 5:
        return drops.add("metric", "too long", raw)
    raw = SPLIT_PREFIX.sub("", raw)
    words = raw.split()
    if SETTING.search(raw):
        return drops.add("metric", "names a setting or a subset (hops, folds, shots, groups)", raw)
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,3}", raw):
        return drops.add("metric", "unknown acronym of three letters or fewer", raw)
    if len(words) == 1 and (raw.lower() in prose or raw.lower().replace("-", "") in prose):
        return drops.add("metric", "ordinary word", raw)
    parts = raw.split("-")
    if len(parts) > 1 and all(p[:1].isupper() and p[1:].islower() and p.lower() in prose for p in parts if p):
        return drops.add("metric", "title-case ordinary words (a column header)", raw)
    low = lower_words(raw)
    if low == low.lower() and not re.search(r"[\d@%&]", low) and not METRIC_HEAD.search(low):
        return drops.add("metric", "plain lower-case phrase (reads as prose)", raw)
    if COMPOSED.search(low) and len(words) > 1:
        return drops.add("metric", "average/mean of another metric", raw)
    if len(words) == 1 and len(low) <= 2:
        return drops.add("metric", "two letters or fewer (MR, KL, CI)", raw)
    if len(words) == 1 and low == low.lower() and len(low) <= 3:
        return drops.add("metric", "short word", raw)
    if len(words) == 1 and low.lower() in prose and not is_acronym_like(raw):
        return drops.add("metric", "ordinary word", raw)
    return low


def key(alias):
    return alias.lower()


def build(args):
    owners, cur_parents, generic = curated()
    reject = {(r[0], r[1]): r[2] if len(r) > 2 else "" for r in read_list(os.path.join(HAND, "reject.txt"))}
    keep = {(r[0], r[1]) for r in read_list(os.path.join(HAND, "keep.txt"))}
    prose = prose_words(args.corpus, args.words)
    tasks, datasets, metrics, links = read_archive(args.archive)
    drops = Drops()
    entries = {t: collections.OrderedDict() for t in ("task", "dataset", "metric")}
    taken = {}  # alias key -> (type, canonical) among pwc entries
    task_name_map = {}  # raw PwC task name -> canonical

    def place(kind, raw, canonical, aliases):
        """Adds an entry (or extends a curated one); returns the canonical used, or None."""
        if (kind, raw) in reject or (kind, canonical) in reject:
            return drops.add(kind, "hand reject", raw)
        names = [canonical] + [a for a in aliases if a != canonical]
        target = None
        for n in names:
            for t, c in owners.get(key(n), ()):
                if t == kind and target is None:
                    target = c
        fresh = []
        for n in names:
            k = key(n)
            if k in generic:
                drops.add(kind, "generic term", n)
                continue
            others = {o for o in owners.get(k, ()) if o != (kind, target)}
            if others:
                drops.add(kind, "alias of another curated entry", f"{n} ({sorted(others)[0][0]})")
                continue
            if k in taken and taken[k] != (kind, target or canonical):
                drops.add(kind, "alias of another pwc entry", n)
                continue
            fresh.append(n)
        if target is None and (not fresh or fresh[0] != canonical):
            return None
        canon = target or canonical
        entry = entries[kind].setdefault(canon, {"aliases": [], "curated": target is not None})
        for n in fresh:
            if n != canon and n not in entry["aliases"] and not owners_has(owners, n, kind, canon):
                entry["aliases"].append(n)
            taken[key(n)] = (kind, canon)
        return canon

    for raw in sorted(tasks):
        cleaned = clean_task(raw, drops, keep)
        if cleaned:
            canon = place("task", raw, cleaned[0], cleaned[1])
            if canon:
                task_name_map[raw.strip().strip('"')] = canon
    for raw, _ in sorted(metrics.items()):
        cleaned = clean_metric(raw, drops, prose, keep)
        if cleaned:
            place("metric", raw, cleaned, [raw] if raw != cleaned and raw.lower() != cleaned.lower() else [])
    for raw, _ in sorted(datasets.items()):
        cleaned = clean_dataset(raw, drops, prose, keep)
        if cleaned:
            place("dataset", raw, cleaned, [])
    parents = hierarchy(links, task_name_map, cur_parents, drops)
    write(args, entries, parents)
    with open(args.report, "w", encoding="utf-8") as out:
        drops.report(out)
    for kind, rows in entries.items():
        new = sum(1 for e in rows.values() if not e["curated"])
        ext = sum(1 for e in rows.values() if e["curated"] and e["aliases"])
        print(f"{kind}: {new} new entries, {ext} curated entries extended", file=sys.stderr)


def owners_has(owners, alias, kind, canon):
    return (kind, canon) in owners.get(key(alias), ())


def hierarchy(links, name_map, cur_parents, drops):
    """child canonical -> parent canonical: one parent each, no cycles. A curated task keeps
    its own parent."""
    order = {"detailed": 0, "hierarchy": 1, "json": 2, "cut": 3}
    candidates = collections.defaultdict(list)
    for parent, child, src in links:
        p, c = name_map.get(parent), name_map.get(child)
        if p is None or c is None or p == c:
            if src == "cut" and c is None:
                drops.add("task", "child name cut with ...", child)
            continue
        candidates[c].append((order[src], p))
    parents = {}
    for child, options in sorted(candidates.items()):
        if ("task", child) in cur_parents:
            continue
        head = child.split()[-1]
        options.sort(key=lambda o: (o[1].split()[-1] != head, o[0], o[1]))
        for _, p in options:
            if not creates_cycle(parents, cur_parents, child, p):
                parents[child] = p
                break
    return parents


def creates_cycle(parents, cur_parents, child, parent):
    seen = 0
    at = parent
    while at is not None and seen < 100:
        if at == child:
            return True
        at = parents.get(at) or cur_parents.get(("task", at))
        seen += 1
    return False


def write(args, entries, parents):
    out_dir = os.path.join(DICT, "sources", "pwc")
    os.makedirs(out_dir, exist_ok=True)
    header = (
        "# Generated by scripts/curate_pwc.py from the Papers with Code archive\n"
        "# (Papers with Code, CC BY-SA 4.0). Do not edit by hand: change the rules or\n"
        "# scripts/pwc/reject.txt and re-run. A line whose canonical name is a curated entry's\n"
        "# extends that entry (new aliases, @parent) instead of adding one.\n"
    )
    for kind, rows in entries.items():
        lines = []
        for canon, entry in rows.items():
            attrs = []
            if kind == "task" and canon in parents:
                attrs.append(f"@parent={parents[canon]}")
            if kind == "metric" and not entry["curated"]:
                better, rng = metric_scale(canon)
                attrs.append(f"@better={better}")
                if rng:
                    attrs.append(f"@range={rng}")
            if entry["curated"] and not entry["aliases"] and not attrs:
                continue
            fields = [alias_field(canon)] + [alias_field(a) for a in entry["aliases"]] + attrs
            lines.append(" | ".join(fields))
        with open(os.path.join(out_dir, f"{kind}.txt"), "w", encoding="utf-8") as f:
            f.write(header)
            f.write("\n".join(sorted(lines, key=str.lower)) + "\n")


def alias_field(alias):
    """An all-lower-case alias matches in any case; keep it so (task and metric phrases)."""
    return alias


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archive", default=os.path.join(ROOT, "..", "shared", "external", "pwc-archive"))
    parser.add_argument(
        "--corpus",
        nargs="*",
        default=[
            os.path.join(ROOT, "..", "shared", "corpus", n)
            for n in ("trending-papers.txt", "dev2-papers.jsonl", "arxiv-2025-10.jsonl")
        ],
        help="prose whose lower-case words count as ordinary words",
    )
    parser.add_argument(
        "--words",
        default="/usr/share/dict/words",
        help="an English word list (Debian package wamerican); skipped if missing",
    )
    parser.add_argument("--report", default="/tmp/curate_pwc_report.tsv")
    build(parser.parse_args())


if __name__ == "__main__":
    main()

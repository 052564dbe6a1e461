"""Compares every canned query's answer from Virtuoso with `paperkg query`'s (run by
scripts/virtuoso.sh, which starts Virtuoso and loads `paperkg export --format nquads` into it).

Rows are compared as multisets. Before comparing, only representation is normalised:
  - SPARQL JSON's "typed-literal" (Virtuoso's) is a "literal" with a datatype;
  - "x"^^xsd:string is the simple literal "x" (RDF 1.1 says they are one literal);
  - numbers of one datatype compare by value ("0.50"^^xsd:decimal = "0.5"^^xsd:decimal).
Each other difference is either fixed in the query (a form both engines answer the same) or
listed in DIALECT below, for the one query and column where Virtuoso's SPARQL differs, with its
reason; docs/scale.md repeats the list. A difference outside that list fails the run.

Standard library only (urllib, json): no virtualenv needed. Prints one line per query run and a
table; exits 1 on any undocumented difference, an empty answer, or an error.
"""

import argparse
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
# Stores larger than this have their triples counted, not compared one by one.
MAX_COMPARED = 500_000
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long")}

# (query, parameters as (name, lookup key) pairs). Every canned query runs with its defaults;
# those that take parameters run again with others, chosen to give rows on the shared corpus.
RUNS = [
    ("built-on", ()),
    ("built-on", (("entity", "bert"),)),
    ("co-mentioned", ()),
    ("co-mentioned", (("entity", "clip"),)),
    ("datasets-per-task", ()),
    ("datasets-per-task", (("entity", "objectdetection"),)),
    ("entity-provenance", ()),
    ("entity-provenance", (("entity", "bert"),)),
    ("introduced-entities", ()),
    ("leaderboard", ()),
    ("leaderboard", (("dataset", "coco"),)),
    ("leaderboard-results", ()),
    ("leaderboard-results", (("dataset", "imagenet"), ("metric", "fid"))),
    ("model-evaluations", ()),
    ("model-evaluations", (("entity", "clip"),)),
    ("papers-on-task", ()),
    ("papers-on-task", (("task", "imagesegmentation"),)),
    ("papers-using-dataset", ()),
    ("papers-using-dataset", (("dataset", "coco"),)),
    ("papers-with-code", ()),
    ("papers-with-code", (("entity", "clip"),)),
    ("papers-without-code", ()),
    ("top-models", ()),
]


def boolean_from_integer(term):
    """Virtuoso's 1/0 xsd:integer for a boolean, as xsd:boolean true/false."""
    if term and term[0] == "literal" and term[2] == XSD + "integer" and term[1] in ("0", "1"):
        return ("literal", "true" if term[1] == "1" else "false", XSD + "boolean")
    return term


def empty_as_unbound(term):
    """An empty GROUP_CONCAT ("") as the unbound value oxigraph gives."""
    return None if term == ("literal", "", None) else term


def items_as_set(separator):
    """A GROUP_CONCAT's items in a fixed order: SPARQL leaves their order to the engine."""

    def normalise(term):
        if term is None or term[0] != "literal":
            return term
        return ("literal", separator.join(sorted(term[1].split(separator))), term[2])

    return normalise


# Where Virtuoso's SPARQL differs and no portable form of the query gives both engines' users
# the same answer: (query, column) -> (reason, the normalisation the comparison applies).
DIALECT = {
    ("built-on", "fineTuned"): (
        "Virtuoso has no boolean values: EXISTS (and true, false) give 1 and 0 as xsd:integer",
        boolean_from_integer,
    ),
    ("papers-with-code", "introduces"): (
        "Virtuoso has no boolean values: EXISTS (and true, false) give 1 and 0 as xsd:integer",
        boolean_from_integer,
    ),
    ("leaderboard-results", "disagreeing"): (
        'GROUP_CONCAT over no values: Virtuoso gives "", oxigraph leaves ?disagreeing unbound; '
        "SPARQL leaves the order of the concatenated items to the engine",
        lambda term: items_as_set("; ")(empty_as_unbound(term)),
    ),
    ("papers-on-task", "tasks"): (
        "SPARQL leaves the order of GROUP_CONCAT's items to the engine",
        items_as_set(", "),
    ),
}


def term_of(value):
    """A SPARQL JSON term as (kind, lexical form, datatype), representation normalised."""
    kind = "literal" if value["type"] == "typed-literal" else value["type"]
    datatype = value.get("datatype")
    if "xml:lang" in value:
        datatype = "@" + value["xml:lang"].lower()
    if datatype == XSD + "string":
        datatype = None
    lexical = value["value"]
    if kind == "literal" and datatype in NUMERIC:
        try:
            lexical = format(Decimal(lexical).normalize(), "f")
        except InvalidOperation:
            pass
    return (kind, lexical, datatype)


def rows_of(results, query, dialect):
    """The rows of a SPARQL JSON result in order, each a sorted tuple of (column, term)."""
    columns = results["head"]["vars"]
    rows = []
    for binding in results["results"]["bindings"]:
        row = []
        for column in columns:
            term = term_of(binding[column]) if column in binding else None
            if dialect and (query, column) in DIALECT:
                term = DIALECT[(query, column)][1](term)
            if term is not None:
                row.append((column, term))
        rows.append(tuple(row))
    return rows


def bind(text, params):
    """The canned query's text with each parameter's VALUES clause holding the lookup key, as
    `paperkg query --NAME` binds it (the keys in RUNS are lookup keys already)."""
    for name, key in params:
        assert re.fullmatch(r"[a-z0-9]+", key), key
        clause = re.compile(r"VALUES \?" + name + r"Key \{[^}]*\}")
        text, count = clause.subn(f'VALUES ?{name}Key {{ "{key}" }}', text)
        if count == 0:
            raise ValueError(f"no VALUES ?{name}Key clause")
    return text


def paperkg(bin_path, args):
    done = subprocess.run([bin_path, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"paperkg {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def virtuoso(endpoint, graph, text):
    """Virtuoso's SPARQL JSON for a query over the graph the export was loaded into (a POST of
    the SPARQL protocol, with default-graph-uri so Virtuoso's own system graphs stay out)."""
    body = urllib.parse.urlencode({"query": text, "default-graph-uri": graph}).encode()
    request = urllib.request.Request(
        endpoint, data=body, headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        detail = error.read().decode(errors="replace").strip().splitlines()
        raise RuntimeError(f"HTTP {error.code}: {' '.join(detail[:3])}") from error


def label(query, params):
    return query + "".join(f" --{name} {key}" for name, key in params)


def compare(args, query, params):
    """Compares one run; returns (table row, whether it passes)."""
    flags = [arg for name, key in params for arg in (f"--{name}", key)]
    text = bind(paperkg(args.bin, ["query", "--show", query]), params)
    started = time.perf_counter()
    ours = json.loads(
        paperkg(args.bin, ["query", query, *flags, "--format", "json", "--store", args.store])
    )
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    theirs = virtuoso(args.endpoint, args.graph, text)
    theirs_s = time.perf_counter() - started
    plain_o, plain_v = rows_of(ours, query, False), rows_of(theirs, query, False)
    o, v = rows_of(ours, query, True), rows_of(theirs, query, True)
    same = Counter(o) == Counter(v)
    documented = Counter(plain_o) != Counter(plain_v)
    order = "same" if o == v else "differs"
    if not same:
        verdict = "UNDOCUMENTED DIFFERENCE"
    elif documented:
        verdict = "same after the documented dialect difference"
    else:
        verdict = "identical"
    passes = same and len(o) > 0
    if len(o) == 0:
        verdict = "no rows: nothing was compared"
    counts = f"{len(o)} rows vs Virtuoso's {len(v)}"
    print(f"{'PASS' if passes else 'FAIL'}: {label(query, params)}: {counts}, {verdict}", flush=True)
    if not same:
        for row in list((Counter(o) - Counter(v)).elements())[:3]:
            print(f"    oxigraph only: {row}")
        for row in list((Counter(v) - Counter(o)).elements())[:3]:
            print(f"    Virtuoso only: {row}")
    row = (label(query, params), len(o), len(v), order, verdict, f"{ours_s:.2f}", f"{theirs_s:.2f}")
    return row, passes


def triples_of(results):
    """The triples of a `SELECT ?s ?p ?o` result, each blank node named by what it says (a hash
    of its sorted outgoing edges): engines name blank nodes as they like. Two blank nodes that
    say the same thing get the same name, which a comparison of multisets tolerates. (No
    blank node is the object of a triple in paperkg's stores.)"""
    triples = [tuple(term for _, term in row) for row in rows_of(results, "", False)]
    edges = {}
    for s, p, o in triples:
        if s[0] == "bnode":
            edges.setdefault(s, []).append((p, o))
    names = {node: ("bnode", str(hash(tuple(sorted(e)))), None) for node, e in edges.items()}
    return Counter((names.get(s, s), p, names.get(o, o)) for s, p, o in triples)


def count_triples(args):
    """The triples in the store and in Virtuoso's graph."""
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    ours = json.loads(paperkg(args.bin, ["query", text, "--format", "json", "--store", args.store]))
    theirs = virtuoso(args.endpoint, args.graph, text)
    return tuple(int(r["results"]["bindings"][0]["n"]["value"]) for r in (ours, theirs))


def check_every_triple(args):
    """Every triple of the store comes back from Virtuoso as it was written (on stores of up to
    MAX_COMPARED triples; on larger ones, the counts)."""
    ours, theirs = count_triples(args)
    if ours > MAX_COMPARED or ours != theirs:
        same = ours == theirs and ours > 0
        counts = f"{ours} in the store, {theirs} in Virtuoso"
        print(f"{'PASS' if same else 'FAIL'}: triple count: {counts}", flush=True)
        return same
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    ours = json.loads(paperkg(args.bin, ["query", text, "--format", "json", "--store", args.store]))
    theirs = virtuoso(args.endpoint, args.graph, text)
    o, v = triples_of(ours), triples_of(theirs)
    same = o == v and sum(o.values()) > 0
    counts = f"{sum(o.values())} in the store, {sum(v.values())} in Virtuoso"
    print(f"{'PASS' if same else 'FAIL'}: every triple: {counts}{', identical' if same else ''}")
    if not same:
        for row in list((o - v).elements())[:3]:
            print(f"    store only: {row}")
        for row in list((v - o).elements())[:3]:
            print(f"    Virtuoso only: {row}")
    return same


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--graph", required=True)
    args = parser.parse_args()
    listing = paperkg(args.bin, ["query", "--list"]).splitlines()
    canned = {line.split()[0] for line in listing if line[:1].isalnum()}
    missing = canned - {query for query, _ in RUNS}
    failures = 0 if check_every_triple(args) else 1
    if missing:
        print(f"FAIL: canned queries this script does not run: {', '.join(sorted(missing))}")
        failures += 1
    table = []
    for query, params in RUNS:
        try:
            row, passes = compare(args, query, params)
        except (OSError, RuntimeError, ValueError, KeyError) as error:
            print(f"FAIL: {label(query, params)}: {error}", flush=True)
            row, passes = (label(query, params), "-", "-", "-", f"error: {error}", "-", "-"), False
        table.append(row)
        failures += 0 if passes else 1
    print("\n| query | paperkg rows | Virtuoso rows | row order | result | paperkg s | Virtuoso s |")
    print("|---|---|---|---|---|---|---|")
    for row in table:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print("\nDocumented dialect differences:")
    for (query, column), (reason, _) in DIALECT.items():
        print(f"  {query} ?{column}: {reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

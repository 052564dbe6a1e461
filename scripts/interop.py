"""Interop checks run by scripts/interop.sh inside its virtualenv.

  files     pyoxigraph opens a copy of the store and answers every canned query as
            `paperkg query` does; rdflib parses every `paperkg export` RDF format and counts
            the triples `paperkg stats` counts; Graphviz renders the DOT export.
  endpoint  SPARQLWrapper queries `paperkg serve` by GET and by POST.

Each check prints one PASS or FAIL line; the exit status is 1 if any failed.
"""

import argparse
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

QUERIES = Path(__file__).resolve().parent.parent / "queries"
failures = 0


def report(ok, what, detail=""):
    global failures
    if not ok:
        failures += 1
    print(f"{'PASS' if ok else 'FAIL'}: {what}{': ' + detail if detail else ''}", flush=True)


def paperkg(args, bin_path):
    done = subprocess.run([bin_path, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"paperkg {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def cli_rows(bin_path, store, query):
    """`paperkg query --format json` as a list of {variable: value} rows."""
    results = json.loads(paperkg(["query", query, "--format", "json", "--store", store], bin_path))
    return [{k: v["value"] for k, v in row.items()} for row in results["results"]["bindings"]]


def check_pyoxigraph(bin_path, store, work):
    import pyoxigraph

    # A copy, so that pyoxigraph's RocksDB never shares files with paperkg's.
    copy = Path(work) / "store-for-pyoxigraph"
    shutil.copytree(store, copy)
    db = pyoxigraph.Store.read_only(str(copy))
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text()
        try:
            solutions = db.query(text)
            names = [v.value for v in solutions.variables]
            ours = [
                {n: s[n].value for n in names if s[n] is not None} for s in solutions
            ]
            theirs = cli_rows(bin_path, store, str(path))
        except Exception as error:  # one failing query must not hide the others
            report(False, f"pyoxigraph {pyoxigraph.__version__} query {path.stem}", str(error))
            continue
        same = ours == theirs
        detail = f"{len(ours)} rows, identical" if same else f"{len(ours)} rows vs paperkg's {len(theirs)}"
        report(same and len(ours) > 0, f"pyoxigraph {pyoxigraph.__version__} query {path.stem}", detail)


def check_rdflib(bin_path, store, work):
    import rdflib

    stats = json.loads(paperkg(["stats", "--format", "json", "--store", store], bin_path))
    expected = stats["triples"]
    # ours: (rdflib's name, the file extension `export -o` takes for it)
    formats = {
        "turtle": ("turtle", "ttl"),
        "ntriples": ("nt", "nt"),
        "nquads": ("nquads", "nq"),
        "rdfxml": ("xml", "rdf"),
    }
    for ours, (theirs, extension) in formats.items():
        out = Path(work) / f"export.{extension}"
        try:
            paperkg(["export", "--store", store, "--format", ours, "-o", str(out)], bin_path)
            if ours == "nquads":
                dataset = rdflib.Dataset()
                dataset.parse(str(out), format=theirs)
                count = sum(1 for _ in dataset.quads((None, None, None, None)))
            else:
                graph = rdflib.Graph()
                graph.parse(str(out), format=theirs)
                count = len(graph)
        except Exception as error:
            report(False, f"rdflib {rdflib.__version__} parses the {ours} export", str(error))
            continue
        report(
            count == expected,
            f"rdflib {rdflib.__version__} parses the {ours} export",
            f"{count} triples, paperkg stats says {expected}",
        )


def check_graphviz(bin_path, store, work):
    dot = shutil.which("dot")
    if dot is None:
        report(False, "Graphviz dot renders the DOT export", "dot is not installed")
        return
    for name, extra in [("all", []), ("sam", ["--around", "SAM", "--depth", "2"])]:
        source = Path(work) / f"export-{name}.dot"
        svg = Path(work) / f"export-{name}.svg"
        what = f"Graphviz dot -Tsvg renders the DOT export ({name})"
        try:
            paperkg(["export", "--store", store, "--format", "dot", *extra, "-o", str(source)], bin_path)
            done = subprocess.run([dot, "-Tsvg", str(source), "-o", str(svg)], capture_output=True,
                                  text=True, check=False, timeout=600)
            root = ElementTree.parse(svg).getroot()
            nodes = sum(1 for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node")
            ok = done.returncode == 0 and root.tag.endswith("svg") and nodes > 0
            report(ok, what, f"{nodes} nodes drawn, {svg}" + (f"; {done.stderr.strip()}" if done.stderr else ""))
        except Exception as error:
            report(False, what, str(error))


def check_endpoint(bin_path, store, url):
    import SPARQLWrapper
    from SPARQLWrapper import GET, JSON, POST, TURTLE, SPARQLWrapper as Client

    version = SPARQLWrapper.__version__
    query = (QUERIES / "top-models.rq").read_text()
    expected = cli_rows(bin_path, store, str(QUERIES / "top-models.rq"))
    for method in (GET, POST):
        what = f"SPARQLWrapper {version} {method} top-models"
        try:
            client = Client(url)
            client.setQuery(query)
            client.setMethod(method)
            client.setReturnFormat(JSON)
            results = client.query().convert()
            rows = [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]
            report(rows == expected and len(rows) > 0, what, f"{len(rows)} rows, same as paperkg query")
        except Exception as error:
            report(False, what, str(error))
    what = f"SPARQLWrapper {version} POST CONSTRUCT as Turtle"
    try:
        client = Client(url)
        client.setQuery("CONSTRUCT { ?p a schema:ScholarlyArticle } WHERE { ?p a schema:ScholarlyArticle }")
        client.setMethod(POST)
        client.setReturnFormat(TURTLE)
        graph_text = client.query().convert()
        import rdflib

        graph = rdflib.Graph().parse(data=graph_text, format="turtle")
        papers = json.loads(paperkg(["stats", "--format", "json", "--store", store], bin_path))["papers"]
        report(len(graph) == papers, what, f"{len(graph)} triples, {papers} papers")
    except Exception as error:
        report(False, what, str(error))
    what = f"SPARQLWrapper {version} update is refused"
    try:
        client = Client(url)
        client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        client.setMethod(POST)
        client.query()
        report(False, what, "the update was accepted")
    except Exception as error:
        report("403" in str(error) or "Forbidden" in str(error) or "Unauthorized" in str(error), what, type(error).__name__)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("group", choices=["files", "endpoint"])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--work")
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.group == "files":
        check_pyoxigraph(args.bin, args.store, args.work)
        check_rdflib(args.bin, args.store, args.work)
        check_graphviz(args.bin, args.store, args.work)
    else:
        check_endpoint(args.bin, args.store, args.url)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

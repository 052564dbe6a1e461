"""paperkg.Extractor: the README example, equality with the CLI on the shared corpus, custom
dictionaries, N-Quads, and bad input raising Python exceptions."""

import json
import shutil
import subprocess
import sys
import threading
import time
import warnings

import pytest

import paperkg
from conftest import ROOT, cli_records, parse_nquads, run_cli

CORPORA = ["trending-papers.jsonl", "dev2-papers.jsonl"]


@pytest.fixture(scope="module")
def extractor():
    return paperkg.Extractor()


def test_the_readme_example_prints_the_entities():
    code = (
        "import paperkg; print(paperkg.Extractor().extract("
        "'BERT on SQuAD', 'We fine-tune BERT on SQuAD.'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "'name': 'BERT'" in done.stdout and "'name': 'SQuAD'" in done.stdout
    record = paperkg.Extractor().extract("BERT on SQuAD", "We fine-tune BERT on SQuAD.")
    found = {(e["type"], e["name"]) for e in record["entities"]}
    assert found == {("model", "BERT"), ("dataset", "SQuAD")}
    spans = [(m["field"], m["start"], m["end"]) for m in record["entities"][0]["mentions"]]
    assert spans == [("title", 0, 4), ("abstract", 13, 17)]


@pytest.mark.parametrize("corpus", CORPORA)
@pytest.mark.parametrize("explain", [False, True])
def test_extract_many_equals_the_cli(extractor, shared, cli, corpus, explain):
    path = shared / "corpus" / corpus
    flags = ["--explain"] if explain else []
    expected = cli_records(cli, path, "--format", "jsonl", *flags)
    with open(path, encoding="utf-8") as lines:
        got = extractor.extract_many(lines, threads=2, explain=explain)
    assert len(got) == len(expected) > 90
    for mine, theirs in zip(got, expected):
        assert mine == theirs, mine["id"]


@pytest.mark.parametrize("corpus", CORPORA)
def test_nquads_equal_the_cli(extractor, shared, cli, corpus):
    path = shared / "corpus" / corpus
    expected = parse_nquads(run_cli(cli, "extract", path, "--format", "nquads"))
    with open(path, encoding="utf-8") as lines:
        got = parse_nquads(extractor.extract_many(lines, threads=2, format="nquads"))
    assert got == expected
    assert len(got) > 5000


def test_one_paper_is_the_same_alone_or_in_a_list(extractor):
    title, text = "Zorblax: a Quuxformer for graphs", "We propose Zorblax, evaluated on Cora."
    alone = extractor.extract(title, text, id="arxiv:2501.00001")
    paper = {"id": "arxiv:2501.00001", "title": title, "abstract": text}
    # One paper alone has no corpus to match its names in.
    listed = extractor.extract_many([paper], corpus_pass=False)
    assert [alone] == listed
    assert alone["id"] == "arxiv:2501.00001"
    nquads = extractor.extract(title, text, id="arxiv:2501.00001", format="nquads")
    subjects = {str(q.subject) for q in parse_nquads(nquads)}
    assert any(s.startswith("<https://w3id.org/paperkg/paper/") and "2501.00001" in s for s in subjects)
    assert "<https://w3id.org/paperkg/entity/model/zorblax>" in subjects


def test_custom_dictionaries_work_as_with_the_cli(tmp_path, cli):
    # A copy of the built-in dictionaries with two invented names added, as a user would.
    custom_dir = tmp_path / "dictionaries"
    shutil.copytree(ROOT / "dictionaries", custom_dir)
    for name, entry in [("model.txt", "Quuxinator-9 | QX9"), ("dataset.txt", "Blorbset")]:
        with open(custom_dir / name, "a", encoding="utf-8") as dictionary:
            dictionary.write(f"\n{entry}\n")
    paper = {"id": "p1", "title": "QX9 on Blorbset", "abstract": "We train Quuxinator-9 on Blorbset."}
    custom = paperkg.Extractor(custom_dir, discovery=False)
    record = custom.extract(paper["title"], paper["abstract"], id="p1")
    found = {(e["type"], e["name"]) for e in record["entities"]}
    assert found == {("model", "Quuxinator-9"), ("dataset", "Blorbset")}
    builtin = paperkg.Extractor(discovery=False).extract(paper["title"], paper["abstract"])
    assert not {e["name"] for e in builtin["entities"]} & {"Quuxinator-9", "Blorbset"}
    papers = tmp_path / "papers.jsonl"
    papers.write_text(json.dumps(paper) + "\n", encoding="utf-8")
    expected = cli_records(cli, papers, "--dictionaries", custom_dir, "--no-discovery")
    assert [record] == expected


def test_a_missing_dictionary_directory_raises(tmp_path):
    with pytest.raises(paperkg.Error, match="loading dictionaries"):
        paperkg.Extractor(tmp_path / "nowhere")


@pytest.mark.parametrize(
    "papers, error, message",
    [
        ([{"title": "A title"}], paperkg.Error, r"papers\[0\]: missing field `abstract`"),
        ([{"title": "", "abstract": "x y"}], paperkg.Error, "field `title` is empty"),
        ([{"title": 3, "abstract": "x y"}], paperkg.Error, "field `title` is a number"),
        (["{not json"], paperkg.Error, r"papers\[0\]: invalid JSON"),
        ([42], TypeError, r"papers\[0\]: expected a dict or a JSON line, found int"),
        (
            [{"id": "a", "title": "T", "abstract": "x"}, {"id": "a", "title": "U", "abstract": "y"}],
            paperkg.Error,
            "duplicate id a",
        ),
    ],
)
def test_bad_records_raise(extractor, papers, error, message):
    with pytest.raises(error, match=message):
        extractor.extract_many(papers)


def test_bad_records_are_skipped_with_a_warning_when_asked(extractor):
    papers = [{"title": "BERT", "abstract": "We use BERT."}, {"title": "no abstract"}]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = extractor.extract_many(papers, on_error="skip")
    assert len(records) == 1
    assert any("papers[1]: missing field `abstract`" in str(w.message) for w in caught)


def test_bad_arguments_raise(extractor):
    with pytest.raises(paperkg.Error, match="`title` is empty"):
        extractor.extract("", "An abstract.")
    with pytest.raises(TypeError):
        extractor.extract(None, "An abstract.")
    with pytest.raises(ValueError, match="format must be"):
        extractor.extract("T", "An abstract.", format="turtle")
    with pytest.raises(ValueError, match="on_error must be"):
        extractor.extract_many([], on_error="ignore")
    with pytest.raises(TypeError):
        extractor.extract_many(7)
    with pytest.raises(paperkg.Error, match="not an entity type"):
        extractor.with_corpus_names([("planet", "Mars")])
    assert issubclass(paperkg.Error, ValueError)


def test_extract_many_lets_other_threads_run(extractor, shared):
    # While extract_many works in Rust, the GIL is released: the main thread keeps running.
    # Were it held, the main thread would stall for the whole call. JSON lines in and N-Quads
    # out keep the Python-side work of the call small.
    with open(shared / "corpus" / "dev2-papers.jsonl", encoding="utf-8") as lines:
        papers = [line for line in lines if line.strip()]
    copies = [
        line.replace('"id": "', f'"id": "copy{n}-', 1) for n in range(12) for line in papers
    ]
    done = threading.Event()
    worker = threading.Thread(
        target=lambda: (extractor.extract_many(copies, threads=1, format="nquads"), done.set())
    )
    ticks = []
    start = time.monotonic()
    worker.start()
    while not done.is_set():
        ticks.append(time.monotonic())
        time.sleep(0.001)
    worker.join()
    elapsed = time.monotonic() - start
    gaps = [b - a for a, b in zip([start] + ticks, ticks + [time.monotonic()])]
    assert len(copies) > 1500
    assert max(gaps) < elapsed / 2, (max(gaps), elapsed, len(ticks))

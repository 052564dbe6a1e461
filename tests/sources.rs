//! The real sources, read as they come: OpenAlex works (snapshot lines, an API page) and
//! Semantic Scholar papers (a Graph API object, a search page, JSON lines, the bulk `papers`
//! and `abstracts` files), built into one store through the binary and queried back.

mod common;

use common::{fixture, paperkg, TempStore};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

type Row = serde_json::Map<String, serde_json::Value>;

/// Every source fixture, in the order the store is built from them.
fn sources() -> Vec<PathBuf> {
    [
        "openalex/works.jsonl",
        "openalex/page.json",
        "s2/paper.json",
        "s2/search.json",
        "s2/papers.jsonl",
        "s2-bulk/papers.jsonl",
        "s2-bulk/abstracts.jsonl",
    ]
    .map(fixture)
    .to_vec()
}

fn store() -> &'static TempStore {
    static STORE: OnceLock<TempStore> = OnceLock::new();
    let inputs = sources();
    let inputs: Vec<&std::path::Path> = inputs.iter().map(PathBuf::as_path).collect();
    TempStore::build_once(&STORE, "sources", &inputs)
}

fn text(row: &Row, var: &str) -> String {
    row.get(var)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Each paper's id with its date and authors, from the store.
fn papers(store: &TempStore) -> BTreeMap<String, (String, String)> {
    let rows = store.query_json(
        "SELECT ?id ?date ?authors WHERE { ?p a schema:ScholarlyArticle ; \
         dcterms:identifier ?id . OPTIONAL { ?p dcterms:date ?date } \
         OPTIONAL { ?p dcterms:creator ?authors } }",
    );
    rows.iter()
        .map(|r| (text(r, "id"), (text(r, "date"), text(r, "authors"))))
        .collect()
}

#[test]
fn every_source_builds_papers_with_their_ids_dates_and_authors() {
    let papers = papers(store());
    let expected = [
        (
            "arxiv:2405.01234",
            "2024-05-02",
            "Ada Lovelace, Alan Turing",
        ),
        ("doi:10.1234/jml.2023.0042", "2023-11-20", "Grace Hopper"),
        (
            "arxiv:2402.05678",
            "2024-02-09",
            "Katherine Johnson, Dorothy Vaughan",
        ),
        ("openalex:W4390000006", "2023-08-15", "Hedy Lamarr"),
        (
            "doi:10.5555/t5.sum.7",
            "2022-10-03",
            "Claude Shannon, Barbara Liskov",
        ),
        ("corpusid:250000005", "2021-06-30", "Edsger Dijkstra"),
        (
            "doi:10.7777/clip.zero.6",
            "2023-03-14",
            "John McCarthy, Frances Allen",
        ),
        // No publication date in the record: the month of its arXiv id.
        ("arxiv:2301.09999", "2023-01", "Radia Perlman"),
        ("doi:10.3333/whisper.10", "2023-09-01", "Alan Kay"),
        ("arxiv:2407.00011", "2024-07-07", "Niklaus Wirth"),
    ];
    let expected: BTreeMap<String, (String, String)> = expected
        .iter()
        .map(|(id, date, authors)| (id.to_string(), (date.to_string(), authors.to_string())))
        .collect();
    assert_eq!(papers, expected);
}

#[test]
fn a_paper_in_openalex_and_semantic_scholar_is_one_paper_linked_to_both_ids() {
    let store = store();
    let rows = store.query_json(
        "SELECT ?p ?same ?title WHERE { ?p dcterms:identifier \"arxiv:2405.01234\" ; \
         dcterms:title ?title ; schema:sameAs ?same }",
    );
    let nodes: BTreeSet<String> = rows.iter().map(|r| text(r, "p")).collect();
    assert_eq!(nodes.len(), 1, "one node for the shared paper: {rows:?}");
    let same: BTreeSet<String> = rows.iter().map(|r| text(r, "same")).collect();
    let expected: BTreeSet<String> = [
        "https://arxiv.org/abs/2405.01234",
        "https://doi.org/10.48550/arxiv.2405.01234",
        "https://openalex.org/W4390000001",
    ]
    .map(str::to_string)
    .into();
    assert_eq!(same, expected);
    // The bulk paper and the search result with one corpus id are one paper too, linked to
    // its Semantic Scholar pages.
    let rows = store.query_json(
        "SELECT ?same WHERE { ?p dcterms:identifier \"corpusid:250000005\" ; schema:sameAs ?same }",
    );
    let same: BTreeSet<String> = rows.iter().map(|r| text(r, "same")).collect();
    let expected: BTreeSet<String> = [
        "https://api.semanticscholar.org/CorpusID:250000005",
        "https://www.semanticscholar.org/paper/a000000000000000000000000000000000000005",
    ]
    .map(str::to_string)
    .into();
    assert_eq!(same, expected);
}

#[test]
fn entities_come_from_rebuilt_and_joined_abstracts() {
    let rows = store()
        .query_json("SELECT ?id ?e WHERE { ?p dcterms:identifier ?id ; schema:mentions ?e }");
    let mentions: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| {
            let entity = text(r, "e");
            let suffix = entity.rsplit("entity/").next().unwrap_or_default();
            (text(r, "id"), suffix.to_string())
        })
        .collect();
    for (id, entity) in [
        // OpenAlex: the abstract is rebuilt from the inverted index.
        ("arxiv:2405.01234", "model/bert"),
        ("arxiv:2405.01234", "dataset/squad"),
        ("doi:10.1234/jml.2023.0042", "model/resnet50"),
        ("openalex:W4390000006", "dataset/coco"),
        // Semantic Scholar: a search page, a JSON line, bulk papers joined with abstracts.
        ("doi:10.7777/clip.zero.6", "dataset/cifar10"),
        ("arxiv:2301.09999", "metric/fid"),
        ("arxiv:2407.00011", "dataset/mmlu"),
        ("doi:10.3333/whisper.10", "dataset/librispeech"),
    ] {
        let pair = (id.to_string(), entity.to_string());
        assert!(
            mentions.contains(&pair),
            "{pair:?} missing from {mentions:?}"
        );
    }
}

#[test]
fn bad_records_are_reported_with_file_line_and_reason_and_skipped() {
    let output = paperkg()
        .arg("extract")
        .args(sources())
        .args(["--format", "jsonl"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for (file, line, reason) in [
        (
            "openalex/works.jsonl",
            3,
            "`abstract_inverted_index` has a hole",
        ),
        ("openalex/works.jsonl", 4, "no abstract"),
        (
            "openalex/page.json",
            1,
            "results[2]: field `abstract_inverted_index` is a string",
        ),
        ("s2/paper.json", 1, "duplicate id arxiv:2405.01234"),
        ("s2/search.json", 1, "data[2]: no abstract"),
        ("s2/papers.jsonl", 2, "field `title` is a number"),
        ("s2-bulk/papers.jsonl", 1, "duplicate id corpusid:250000005"),
        (
            "s2-bulk/papers.jsonl",
            4,
            "no abstract: corpusid 250000012 is in none",
        ),
        (
            "s2-bulk/abstracts.jsonl",
            4,
            "abstract of corpusid 250000099 matches no `papers` record",
        ),
        ("s2-bulk/abstracts.jsonl", 5, "no abstract"),
    ] {
        let wanted = format!("{file}:{line}: {reason}");
        let found = stderr.lines().any(|l| l.contains(&wanted));
        assert!(found, "{wanted:?} not in\n{stderr}");
    }
    let papers = String::from_utf8_lossy(&output.stdout).lines().count();
    assert_eq!(papers, 10);
    assert!(
        stderr.contains("10 papers read, 10 records skipped"),
        "{stderr}"
    );
}

#[test]
fn bulk_papers_without_their_abstracts_are_refused_with_the_reason() {
    let output = paperkg()
        .arg("extract")
        .arg(fixture("s2-bulk/papers.jsonl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("papers.jsonl:1: a Semantic Scholar bulk `papers` file holds no abstracts"),
        "{stderr}"
    );
}

#[test]
fn the_input_format_overrides_detection_and_gzip_still_works() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gz = dir.path().join("works.jsonl.gz");
    let raw = std::fs::read(fixture("openalex/works.jsonl")).unwrap_or_else(|e| panic!("{e}"));
    let file = std::fs::File::create(&gz).unwrap_or_else(|e| panic!("{e}"));
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &raw).unwrap_or_else(|e| panic!("{e}"));
    encoder.finish().unwrap_or_else(|e| panic!("{e}"));
    let ids = |format: &str| -> Vec<String> {
        let output = paperkg()
            .arg("extract")
            .arg(&gz)
            .args(["--format", "jsonl", "--input-format", format])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|v| v["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let expected = [
        "arxiv:2405.01234",
        "doi:10.1234/jml.2023.0042",
        "arxiv:2402.05678",
    ];
    assert_eq!(ids("auto"), expected);
    assert_eq!(ids("openalex"), expected);
    // Read as arXiv-shaped lines, OpenAlex works have no `abstract` field: all are skipped.
    assert_eq!(ids("jsonl"), Vec::<String>::new());
}

#[test]
fn adding_a_second_source_does_not_duplicate_a_paper() {
    let openalex = fixture("openalex/works.jsonl");
    let store = TempStore::build(&[&openalex]);
    let output = paperkg()
        .arg("add")
        .arg(fixture("s2/paper.json"))
        .arg("--store")
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("arxiv:2405.01234 is already in the store"),
        "{stderr}"
    );
    let rows = store.query_json("SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }");
    assert_eq!(text(&rows[0], "n"), "3");
}

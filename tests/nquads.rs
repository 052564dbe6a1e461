//! `paperkg extract --format nquads`: each paper's quads as the store holds them, parsed with a
//! real N-Quads parser (oxttl) and compared with a store built from the same papers, and the
//! union of shards compared with the whole.

mod common;

use common::{paperkg, shared, TempStore};
use oxigraph::model::{NamedOrBlankNode, Quad, Term};
use oxttl::NQuadsParser;
use paperkg_store::rdf::vocab::{pkg, skos};
use std::collections::HashSet;
use std::path::Path;

/// Every quad of an N-Quads document, parsed; a syntax error fails the test.
fn parse(bytes: &[u8]) -> HashSet<Quad> {
    NQuadsParser::new()
        .for_slice(bytes)
        .map(|quad| quad.unwrap_or_else(|e| panic!("not N-Quads: {e}")))
        .collect()
}

/// `paperkg extract --format nquads` of these inputs with these extra arguments, parsed.
fn extract_nquads(inputs: &[&Path], extra: &[&str]) -> HashSet<Quad> {
    let output = paperkg()
        .arg("extract")
        .args(inputs)
        .args(["--format", "nquads"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("extract: {e}"));
    assert!(output.status.success(), "{output:?}");
    parse(&output.stdout)
}

/// Whether a quad is one of the run-level summaries a build adds: an entity's paper count, or
/// a leaderboard node's description.
fn is_run_level(quad: &Quad) -> bool {
    let on_board = matches!(&quad.subject, NamedOrBlankNode::NamedNode(n)
        if n.as_str().contains("/leaderboard/"));
    quad.predicate == pkg::PAPER_COUNT || on_board
}

#[test]
fn extract_nquads_holds_the_stores_quads_for_the_same_papers() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/trending-papers.jsonl");
    let extracted = extract_nquads(&[&corpus], &[]);
    let store = TempStore::build(&[&corpus]);
    let exported = paperkg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("export: {e}"));
    assert!(exported.status.success(), "{exported:?}");
    let stored = parse(&exported.stdout);
    assert!(extracted.iter().all(|q| !is_run_level(q)));
    assert!(
        stored.iter().any(is_run_level),
        "the build wrote no summaries"
    );
    let per_paper: HashSet<&Quad> = stored.iter().filter(|q| !is_run_level(q)).collect();
    let missing: Vec<&&Quad> = per_paper
        .iter()
        .filter(|q| !extracted.contains(q))
        .collect();
    assert!(
        missing.is_empty(),
        "in the store, not extracted: {missing:#?}"
    );
    // The store describes an entity once per run, with the spellings of the papers of the
    // batch that first mentions it; each paper's quads carry its own spellings. Any other
    // difference is a defect.
    let extra: Vec<&Quad> = extracted
        .iter()
        .filter(|q| !per_paper.contains(q))
        .filter(|q| q.predicate != skos::ALT_LABEL && q.predicate != pkg::LOOKUP_KEY)
        .collect();
    assert!(extra.is_empty(), "extracted, not in the store: {extra:#?}");
    let papers = extracted
        .iter()
        .filter(|q| q.predicate.as_str() == "http://purl.org/dc/terms/title")
        .count();
    assert_eq!(papers, 93);
}

#[test]
fn the_union_of_shards_is_the_whole_run() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/dev2-papers.jsonl");
    let text = std::fs::read_to_string(&corpus).unwrap_or_else(|e| panic!("{corpus:?}: {e}"));
    let lines: Vec<&str> = text.lines().collect();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let shards: Vec<_> = lines
        .chunks(lines.len().div_ceil(3))
        .enumerate()
        .map(|(i, chunk)| {
            let path = dir.path().join(format!("shard-{i}.jsonl"));
            std::fs::write(&path, chunk.join("\n") + "\n").unwrap_or_else(|e| panic!("{e}"));
            path
        })
        .collect();
    // Without the corpus pass, which looks at every paper of the run (docs/scale.md).
    let whole = extract_nquads(&[&corpus], &["--no-corpus-pass"]);
    let mut union = HashSet::new();
    for shard in &shards {
        union.extend(extract_nquads(&[shard], &["--no-corpus-pass"]));
    }
    assert_eq!(union.len(), whole.len());
    assert!(union == whole, "the shards differ from the whole");
    let mentions = |q: &&Quad| {
        matches!(q.object, Term::NamedNode(_))
            && q.predicate.as_str() == "https://schema.org/mentions"
    };
    assert!(whole.iter().filter(mentions).count() > 500);
}

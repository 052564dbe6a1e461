//! The counts `build` and `add` keep in the store, which `paperkg stats` reads instead of
//! scanning: they must be what a scan of the same store counts, after a build, after an add,
//! and for a fresh build of the union; a store without them (an older paperkg's) is scanned
//! and `stats --refresh` keeps them.

mod common;

use common::{fixture, paperkg, shared};
use oxigraph::model::GraphNameRef;
use oxigraph::store::Store;
use paperkg_core::corpus::{Paper, PaperId};
use paperkg_core::extract::Extractor;
use paperkg_store::rdf::vocab::{pkg, DEFAULT_BASE};
use paperkg_store::rdf::{LoadBudget, MappingConfig, StoreLocation, TaskHierarchy};
use paperkg_store::stats::{counted, scan, Source, Stats};
use paperkg_store::update::{build_within, UpdateError};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Two corpora with papers, results, leaderboards, code and lineage: (first, second).
fn corpora() -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
    let corpus = shared()?.join("corpus");
    Some((
        vec![
            corpus.join("trending-papers.jsonl"),
            fixture("boards.jsonl"),
        ],
        vec![
            corpus.join("dev2-papers.jsonl"),
            fixture("lineage.jsonl"),
            fixture("papers.jsonl"),
        ],
    ))
}

fn write(command: &str, inputs: &[PathBuf], store: &Path, extra: &[&str]) {
    paperkg()
        .arg(command)
        .args(inputs)
        .arg("--store")
        .arg(store)
        .args(extra)
        .assert()
        .success();
}

/// `paperkg stats --format json`: the parsed counts and what it said on stderr.
fn cli_stats(store: &Path, extra: &[&str]) -> (serde_json::Value, String) {
    let output = paperkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(store)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("stats: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("json: {e}"));
    (json, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The counts the store keeps (`None` when it keeps none) and a scan of it.
fn kept_and_scanned(store: &Path) -> (Option<Stats>, Stats) {
    let opened = StoreLocation(store.to_path_buf())
        .open_read()
        .unwrap_or_else(|e| panic!("{e}"));
    let found = counted(&opened).unwrap_or_else(|e| panic!("{e}"));
    let scanned = scan(&opened).unwrap_or_else(|e| panic!("{e}"));
    let kept = (found.source == Source::Stored).then_some(found.stats);
    (kept, scanned)
}

/// Checks that the store keeps counts and that they are a scan's, and returns them.
fn kept_equal_scan(store: &Path, context: &str) -> Stats {
    let (kept, scanned) = kept_and_scanned(store);
    let kept = kept.unwrap_or_else(|| panic!("{context}: the store keeps no counts"));
    assert_eq!(kept, scanned, "{context}: kept counts differ from a scan");
    assert!(
        kept.papers >= 100 && kept.links > kept.papers && kept.results > 5,
        "{kept:?}"
    );
    assert!(
        kept.code_repositories > 0 && kept.mentions >= kept.links,
        "{kept:?}"
    );
    kept
}

/// Removes the counts a store keeps, as a store made before paperkg kept them.
fn forget_counts(store: &Path) {
    let opened = Store::open(store).unwrap_or_else(|e| panic!("{e}"));
    opened
        .clear_graph(GraphNameRef::NamedNode(pkg::STORE_COUNTS))
        .unwrap_or_else(|e| panic!("{e}"));
    opened.flush().unwrap_or_else(|e| panic!("{e}"));
}

/// The counts that depend on what the papers say, not on how they came in: everything but
/// the triples (an add describes an entity again with the spellings of its own papers).
fn content_counts(stats: &Stats) -> Stats {
    Stats {
        triples: 0,
        ..stats.clone()
    }
}

#[test]
fn kept_counts_are_a_scans_after_build_and_add_and_an_add_counts_as_a_build_of_the_union() {
    let Some((first, second)) = corpora() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (grown, whole) = (dir.path().join("grown"), dir.path().join("whole"));

    // Without the corpus pass, a paper's quads do not depend on which run reads it.
    let alone = ["--no-corpus-pass"];
    write("build", &first, &grown, &alone);
    let built = kept_equal_scan(&grown, "after build");
    let (json, said) = cli_stats(&grown, &[]);
    assert!(said.is_empty(), "stats said: {said}");
    assert_eq!(json["papers"].as_u64(), Some(built.papers));
    assert_eq!(json["triples"].as_u64(), Some(built.triples));

    // The second corpus, and the first's papers again (kept as they are, counted once).
    let mut again = second.clone();
    again.push(first[0].clone());
    write("add", &again, &grown, &alone);
    let added = kept_equal_scan(&grown, "after add");
    assert!(added.papers > built.papers && added.triples > built.triples);

    let union: Vec<PathBuf> = first.iter().chain(&second).cloned().collect();
    write("build", &union, &whole, &alone);
    let fresh = kept_equal_scan(&whole, "fresh build of the union");
    assert_eq!(content_counts(&added), content_counts(&fresh));
    assert_eq!(cli_stats(&whole, &[]).0, {
        let mut json = cli_stats(&grown, &[]).0;
        json["triples"] = fresh.triples.into();
        json
    });
}

#[test]
fn a_store_without_counts_is_scanned_with_a_hint_and_refresh_keeps_them() {
    let Some((first, second)) = corpora() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    write("build", &first, &store, &[]);
    let (before, _) = cli_stats(&store, &[]);

    forget_counts(&store);
    let (scanned, said) = cli_stats(&store, &[]);
    assert_eq!(scanned, before);
    assert!(said.contains("stats --refresh"), "no hint: {said}");

    // An add leaves such a store without counts, and they still come out right.
    write("add", &second, &store, &[]);
    let (kept, scanned) = kept_and_scanned(&store);
    assert_eq!(kept, None);
    let (json, said) = cli_stats(&store, &[]);
    assert!(said.contains("stats --refresh"), "no hint: {said}");
    assert_eq!(json["triples"].as_u64(), Some(scanned.triples));

    let (refreshed, said) = cli_stats(&store, &["--refresh"]);
    assert!(said.is_empty(), "refresh said: {said}");
    assert_eq!(refreshed, json);
    let (after, said) = cli_stats(&store, &[]);
    assert!(said.is_empty(), "stats said: {said}");
    assert_eq!(after, json);
    kept_equal_scan(&store, "after refresh");
}

#[test]
fn a_small_memory_budget_loads_in_many_batches_and_stores_the_same() {
    let Some((first, second)) = corpora() else {
        return;
    };
    let union: Vec<PathBuf> = first.iter().chain(&second).cloned().collect();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (small, default) = (dir.path().join("small"), dir.path().join("default"));
    write("build", &union, &small, &["--memory", "16M"]);
    write("build", &union, &default, &[]);
    let quads = |store: &Path| -> BTreeSet<String> {
        let output = paperkg()
            .args(["export", "--format", "nquads", "--store"])
            .arg(store)
            .output()
            .unwrap_or_else(|e| panic!("export: {e}"));
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{e}"));
        text.lines().map(str::to_string).collect()
    };
    let exported = quads(&small);
    assert_eq!(exported, quads(&default));
    // 16M is a batch of 10,000 quads: the store is three batches or more.
    let counts = kept_equal_scan(&small, "built with --memory 16M");
    assert!(counts.triples > 2 * 10_000, "{counts:?}");
    assert_eq!(exported.len() as u64, counts.triples);
    assert_eq!(kept_equal_scan(&default, "default budget"), counts);

    let refused = paperkg()
        .args(["build", "--memory", "6 parsecs", "--store"])
        .arg(dir.path().join("never"))
        .args(&union)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--memory"));
}

#[test]
fn a_paper_in_two_batches_leaves_the_counts_to_a_scan() {
    let extractor = Extractor::builder()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let paper = |id: &str, text: &str| Paper {
        id: PaperId::Local(id.into()),
        title: format!("Paper {id}"),
        abstract_text: text.into(),
        ..Paper::default()
    };
    let config = MappingConfig {
        base: DEFAULT_BASE.into(),
        dictionary_version: "test".into(),
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let location = StoreLocation(dir.path().join("store"));
    let one = paper("p1", "We fine-tune BERT on SQuAD and report 91.2 F1.");
    let built = build_within(
        &location,
        config,
        TaskHierarchy::from_dictionary(extractor.dictionary()),
        LoadBudget::from_bytes(16 << 20),
        |sink| {
            sink(vec![extractor.extract(&one)])?;
            sink(vec![extractor.extract(&paper("p2", "RoBERTa on GLUE."))])?;
            // The same paper again, in a later batch: its quads are stored once.
            sink(vec![extractor.extract(&one)])?;
            Ok::<(), UpdateError>(())
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let (kept, scanned) = kept_and_scanned(location.path());
    assert_eq!(kept, None, "a tally that counted p1 twice was kept");
    assert_eq!(scanned.papers, 2);
    assert_eq!(built.triples_stored as u64, scanned.triples);
}

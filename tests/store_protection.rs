//! A mistyped input or store path must never cost a store its content (issue 17, section 1).
//! Each case builds a store, runs the mistaken command, and checks the exit code and that the
//! store's N-Quads are the same before and after.

mod common;

use common::{fixture, paperkg, TempStore};
use std::path::Path;

/// The store's content as sorted N-Quads lines.
fn nquads(store: &Path) -> Vec<String> {
    let out = paperkg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .output()
        .unwrap_or_else(|e| panic!("export: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Number of papers in the store, from a real SPARQL count.
fn papers(store: &TempStore) -> u64 {
    let rows = store.query_json(
        "PREFIX schema: <https://schema.org/> \
         SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }",
    );
    rows[0]["n"]
        .as_str()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("count in {rows:?}"))
}

/// Runs `paperkg ARGS` against the store and returns the exit code and stderr.
fn run(args: &[&str], store: &Path) -> (Option<i32>, String) {
    let out = paperkg()
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code(), stderr)
}

#[test]
fn mistaken_inputs_leave_the_store_as_it_was() {
    let store = TempStore::build(&[&fixture("papers.jsonl")]);
    let before = nquads(&store.path());
    assert_eq!(papers(&store), 3);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let typo = fixture("papers.jsnl");
    let directory = dir.path().to_string_lossy().into_owned();
    let listing = fixture("listing.txt");
    let typo = typo.to_string_lossy();
    let listing = listing.to_string_lossy();
    let good = fixture("papers.jsonl");
    let good = good.to_string_lossy();
    // (command, exit code, what stderr must say)
    let cases: [(&[&str], i32, &str); 7] = [
        (&["build", &typo], 1, "papers.jsnl"),
        (&["build", &good, &typo], 1, "No such file"),
        (&["build", &directory], 1, "is a directory"),
        (
            &["build", "--input-format", "jsonl", &listing],
            1,
            "no paper could be read",
        ),
        (&["add", &typo], 1, "papers.jsnl"),
        (&["add", &directory], 1, "is a directory"),
        (
            &["add", "--input-format", "jsonl", &listing],
            1,
            "no paper could be read",
        ),
    ];
    for (args, code, says) in cases {
        let (got, stderr) = run(args, &store.path());
        assert_eq!(got, Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: no {says:?} in {stderr}");
        assert!(!stderr.contains("built "), "{args:?}: {stderr}");
        assert_eq!(nquads(&store.path()), before, "{args:?} changed the store");
    }
}

#[test]
fn an_empty_build_replaces_a_store_only_when_asked() {
    let store = TempStore::build(&[&fixture("papers.jsonl")]);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap_or_else(|e| panic!("{e}"));
    let empty = empty.to_string_lossy().into_owned();
    let (code, stderr) = run(&["build", &empty], &store.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("--allow-empty"), "{stderr}");
    assert_eq!(papers(&store), 3);
    let (code, stderr) = run(&["build", &empty, "--allow-empty"], &store.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(papers(&store), 0);
}

#[test]
fn a_store_path_that_cannot_take_a_store_fails_before_extraction() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let foreign = dir.path().join("notes");
    std::fs::create_dir(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("todo.txt"), "keep me").unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "keep me too").unwrap_or_else(|e| panic!("{e}"));
    let good = fixture("papers.jsonl");
    for target in [&foreign, &file] {
        let (code, stderr) = run(&["build", &good.to_string_lossy()], target);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("is not a paperkg store"), "{stderr}");
        // Refused before the pipeline ran: no summary of papers read.
        assert!(!stderr.contains("papers read"), "{stderr}");
    }
    assert_eq!(
        std::fs::read_to_string(foreign.join("todo.txt")).unwrap_or_default(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap_or_default(),
        "keep me too"
    );
    // An empty directory, or nothing at all, takes a store.
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir(&empty_dir).unwrap_or_else(|e| panic!("{e}"));
    for target in [empty_dir, dir.path().join("new")] {
        let (code, stderr) = run(&["build", &good.to_string_lossy()], &target);
        assert_eq!(code, Some(0), "{stderr}");
    }
}

#[test]
fn extract_refuses_an_input_that_cannot_be_opened() {
    let out = paperkg()
        .arg("extract")
        .arg("/nonexistent/papers.jsonl")
        .arg(fixture("papers.jsonl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "extract printed papers");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/nonexistent/papers.jsonl"), "{stderr}");
}

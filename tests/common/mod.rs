//! Test harness: run the binary, make temporary stores, find the shared corpus, and parse
//! what the binary writes with real parsers.
#![allow(dead_code)]

pub mod served;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tempfile::TempDir;

/// The `paperkg` binary under test, with a clean environment for the store location.
pub fn paperkg() -> Command {
    let mut cmd = Command::cargo_bin("paperkg").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.env_remove("PAPERKG_STORE");
    cmd
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The shared directory (`../shared`, or `$PAPERKG_SHARED` for a checkout that does not sit
/// beside it, such as a git worktree), when it exists. Under `CI=true` a missing shared
/// directory fails the test instead of skipping it.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("PAPERKG_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus/trending-papers.txt").exists() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("../shared is missing under CI=true: the shared-corpus tests cannot run");
    }
    eprintln!("SKIPPED: ../shared is missing; shared-corpus tests did not run");
    None
}

/// The shared corpus listing file.
pub fn shared_corpus() -> Option<PathBuf> {
    shared().map(|d| d.join("corpus/trending-papers.txt"))
}

/// A temporary directory holding a store built from `inputs`.
pub struct TempStore {
    pub dir: TempDir,
}

impl TempStore {
    /// Builds a store from the given inputs and checks that the build succeeded.
    pub fn build(inputs: &[&Path]) -> TempStore {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let store = dir.path().join("store");
        let mut cmd = paperkg();
        cmd.arg("build").args(inputs).arg("--store").arg(&store);
        cmd.assert().success();
        TempStore { dir }
    }

    /// The store built from `inputs` once per test binary, in `cell`, and shared by the tests
    /// that use the same cell: they may read it (query, lookup, serve, export) but never write
    /// to it, so no test depends on another's writes. It lives under the test target's scratch
    /// directory (`CARGO_TARGET_TMPDIR`), named `name`; an earlier run's copy is removed first.
    pub fn build_once(
        cell: &'static OnceLock<TempStore>,
        name: &str,
        inputs: &[&Path],
    ) -> &'static TempStore {
        cell.get_or_init(|| {
            let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-stores");
            let old = std::fs::read_dir(&scratch).into_iter().flatten().flatten();
            for entry in old.filter(|e| e.file_name().to_string_lossy().starts_with(name)) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
            std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{scratch:?}: {e}"));
            let dir = tempfile::Builder::new()
                .prefix(name)
                .tempdir_in(&scratch)
                .unwrap_or_else(|e| panic!("tempdir in {scratch:?}: {e}"));
            let store = dir.path().join("store");
            paperkg()
                .arg("build")
                .args(inputs)
                .arg("--store")
                .arg(&store)
                .assert()
                .success();
            TempStore { dir }
        })
    }

    /// Runs `paperkg add` of the given inputs into this store and checks that it succeeded.
    pub fn add(&self, inputs: &[&Path]) {
        paperkg()
            .arg("add")
            .args(inputs)
            .arg("--store")
            .arg(self.path())
            .assert()
            .success();
    }

    /// The store's path.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Runs a query with JSON output and returns the parsed bindings as rows of
    /// `variable -> value` maps.
    pub fn query_json(&self, query: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
        self.query_json_with(query, &[])
    }

    /// As [`TempStore::query_json`], with more arguments (`--entity SAM`).
    pub fn query_json_with(
        &self,
        query: &str,
        args: &[&str],
    ) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let output = paperkg()
            .args(["query", query, "--format", "json", "--store"])
            .arg(self.path())
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("run: {e}"));
        assert!(
            output.status.success(),
            "query failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("json: {e}"));
        bindings_of(&value)
    }
}

/// The rows of SPARQL JSON results, as `variable -> value` maps.
pub fn bindings_of(value: &serde_json::Value) -> Vec<serde_json::Map<String, serde_json::Value>> {
    value["results"]["bindings"]
        .as_array()
        .unwrap_or_else(|| panic!("no bindings in {value}"))
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap_or_else(|| panic!("binding"))
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].clone()))
                .collect()
        })
        .collect()
}

/// Runs `paperkg extract --format jsonl` on the inputs and parses every line.
pub fn extract_json(inputs: &[&Path]) -> Vec<serde_json::Value> {
    let output = paperkg()
        .arg("extract")
        .args(inputs)
        .args(["--format", "jsonl"])
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        output.status.success(),
        "extract failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

/// The entity of a given type and name in one extracted paper.
pub fn entity<'a>(
    paper: &'a serde_json::Value,
    entity_type: &str,
    name: &str,
) -> Option<&'a serde_json::Value> {
    paper["entities"]
        .as_array()?
        .iter()
        .find(|e| e["type"] == entity_type && e["name"] == name)
}

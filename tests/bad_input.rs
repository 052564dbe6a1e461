//! Bad input is reported with file, line and reason, skipped and counted; `--strict` fails;
//! store problems give one line naming the path; nothing panics.

mod common;

use common::{fixture, paperkg, TempStore};

#[test]
fn bad_records_are_reported_skipped_and_counted() {
    let out = paperkg()
        .arg("extract")
        .arg(fixture("bad.jsonl"))
        .arg(fixture("bad-utf8.jsonl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "bad.jsonl:2: invalid JSON",
        "bad.jsonl:3: missing field `title`",
        "bad.jsonl:4: missing field `abstract`",
        "bad.jsonl:5: field `title` is a number",
        "bad.jsonl:6: field `abstract` is null",
        "bad.jsonl:7: expected a JSON object",
        "bad-utf8.jsonl:1: invalid UTF-8",
        "3 papers read, 7 records skipped",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    let titles: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["title"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        titles,
        [
            "A Good Paper on BERT",
            "Another Good Paper on RoBERTa",
            "Still Read After Bad Bytes"
        ]
    );
}

#[test]
fn strict_mode_fails_on_the_first_bad_record() {
    let out = paperkg()
        .args(["extract", "--strict"])
        .arg(fixture("bad.jsonl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:2"));
}

#[test]
fn a_failed_strict_build_leaves_no_store_behind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    paperkg()
        .args(["build", "--strict"])
        .arg(fixture("bad.jsonl"))
        .arg("--store")
        .arg(&store)
        .assert()
        .code(2);
    assert!(!store.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn missing_and_non_store_paths_give_one_line_naming_the_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("nowhere");
    let out = paperkg()
        .args(["stats", "--store"])
        .arg(&missing)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()));
    let file = dir.path().join("file");
    std::fs::write(&file, "not a store").unwrap_or_else(|e| panic!("{e}"));
    let out = paperkg()
        .args(["query", "top-models", "--store"])
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is not a paperkg store") && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[test]
fn a_mistyped_input_path_is_reported_once_with_its_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let typo = dir.path().join("paper.jsonl");
    for command in ["extract", "build"] {
        let out = paperkg()
            .arg(command)
            .arg(&typo)
            .arg("--store")
            .arg(dir.path().join("store"))
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr.trim_end(),
            format!(
                "paperkg: error: cannot open {}: No such file or directory (os error 2)",
                typo.display()
            ),
            "{command}"
        );
    }
}

#[test]
fn a_locked_store_is_reported() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    let holder = oxigraph::store::Store::open(store.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = paperkg()
        .arg("add")
        .arg(fixture("papers.jsonl"))
        .arg("--store")
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("locked by another process")
            && stderr.contains(&store.path().display().to_string()),
        "{stderr}"
    );
    drop(holder);
}

#[test]
fn garbage_input_does_not_panic() {
    let mut garbage = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..200_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        garbage.push((x >> 16) as u8);
    }
    for format in ["auto", "jsonl", "listing"] {
        let out = paperkg()
            .args(["extract", "-", "--input-format", format])
            .write_stdin(garbage.clone())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

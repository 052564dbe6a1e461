//! `paperkg eval` scores exactly like the shared scorer.

mod common;

use common::{paperkg, shared};

#[test]
fn eval_matches_the_shared_scorer() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpus/trending-papers.txt");
    let gold = shared.join("eval/gold-dev.jsonl");
    let ours = paperkg()
        .args(["eval", "--gold"])
        .arg(&gold)
        .arg(&corpus)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(ours.status.success());
    let extracted = paperkg()
        .arg("extract")
        .arg(&corpus)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pred = dir.path().join("pred.jsonl");
    std::fs::write(&pred, &extracted.stdout).unwrap_or_else(|e| panic!("{e}"));
    let theirs = std::process::Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(&gold)
        .arg(&pred)
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    assert!(theirs.status.success());
    let rows = |text: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(text)
            .lines()
            .filter(|l| l.split_whitespace().count() == 7)
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let (a, b) = (rows(&ours.stdout), rows(&theirs.stdout));
    assert_eq!(a.len(), 8, "{a:?}");
    assert_eq!(a, b);
}

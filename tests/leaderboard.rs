//! Merging a stored leaderboard with the board of papers that `add` brings in.

use oxigraph::model::NamedNode;
use paperkg::rdf::mapping::Leaderboard;

fn node(name: &str) -> NamedNode {
    NamedNode::new(format!("https://example.org/{name}")).unwrap_or_else(|e| panic!("{e}"))
}

fn board(best: f64, result: &str, papers: u64) -> Leaderboard {
    Leaderboard::new(best, node(result), node(result), papers)
}

#[test]
fn a_higher_value_replaces_the_stored_best() {
    let mut stored = board(80.0, "old", 3);
    stored.merge(&board(81.5, "new", 1));
    assert_eq!(
        (stored.best, stored.result, stored.papers),
        (81.5, node("new"), 1)
    );
}

#[test]
fn an_equal_value_adds_its_papers_and_keeps_the_first_result() {
    let mut stored = board(80.0, "old", 3);
    stored.merge(&board(80.0, "new", 2));
    assert_eq!(
        (stored.best, stored.result, stored.papers),
        (80.0, node("old"), 5)
    );
}

#[test]
fn a_lower_value_changes_nothing() {
    let mut stored = board(80.0, "old", 3);
    stored.merge(&board(79.9, "new", 7));
    assert_eq!(
        (stored.best, stored.result, stored.papers),
        (80.0, node("old"), 3)
    );
}

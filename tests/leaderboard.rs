//! Merging a stored leaderboard with the board of papers that `add` brings in.

use oxigraph::model::NamedNode;
use paperkg_store::rdf::mapping::Leaderboard;

fn node(name: &str) -> NamedNode {
    NamedNode::new(format!("https://example.org/{name}")).unwrap_or_else(|e| panic!("{e}"))
}

fn board(best: f64, result: &str, papers: u64) -> Leaderboard {
    Leaderboard::new(best, node(result), node(result), papers)
}

/// A higher value replaces the stored best; an equal one adds its papers and keeps the first
/// result; a lower one changes nothing.
#[test]
fn merge_keeps_the_best_value_and_counts_its_papers() {
    let cases = [
        (81.5, 1, (81.5, "new", 1)),
        (80.0, 2, (80.0, "old", 5)),
        (79.9, 7, (80.0, "old", 3)),
    ];
    for (later_best, later_papers, (best, result, papers)) in cases {
        let mut stored = board(80.0, "old", 3);
        stored.merge(&board(later_best, "new", later_papers));
        assert_eq!(
            (stored.best, stored.result, stored.papers),
            (best, node(result), papers),
            "merging {later_best} x{later_papers} into 80.0 x3"
        );
    }
}

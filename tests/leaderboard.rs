//! Merging a stored leaderboard with the board of papers that `add` brings in.

use oxigraph::model::NamedNode;
use paperkg_core::dictionary::Direction;
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

/// For a lower-is-better metric (error rate, FID), a lower value replaces the stored best and
/// a higher one changes nothing; the later board's direction is kept.
#[test]
fn merge_ranks_lower_is_better_metrics_ascending() {
    let cases = [
        (12.5, 1, (12.5, "new", 1)),
        (20.0, 2, (20.0, "old", 5)),
        (31.0, 7, (20.0, "old", 3)),
    ];
    for (later_best, later_papers, (best, result, papers)) in cases {
        let mut stored = board(20.0, "old", 3);
        stored.merge(&board(later_best, "new", later_papers).ranked(Direction::Lower));
        assert_eq!(
            (stored.best, stored.result, stored.papers, stored.direction),
            (best, node(result), papers, Direction::Lower),
            "merging {later_best} x{later_papers} into 20.0 x3, lower is better"
        );
    }
}

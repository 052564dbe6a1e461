//! Trends: how many papers mention an entity each month, by the papers' dates (`dcterms:date`
//! in the store: the metadata's `update_date` or `published`, else the arXiv id's month).

use crate::graph::{KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;

/// Monthly paper counts for one entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// The entity node.
    pub entity: NodeIndex,
    /// Papers mentioning it in each month of [`Trend::months`].
    pub counts: Vec<usize>,
    /// Papers mentioning it that have no usable date.
    pub undated: usize,
}

/// Monthly counts for several entities over one shared, gap-free range of months.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trend {
    /// The months, `YYYY-MM`, from the first to the last month any entity is mentioned in,
    /// with no month left out.
    pub months: Vec<String>,
    /// One series per entity, in the order asked.
    pub series: Vec<Series>,
}

/// The year and month of a date that starts `YYYY-MM` (`2023-04-05`, `2023-04`); `None` for
/// anything else.
pub fn month_of(date: &str) -> Option<(u16, u8)> {
    let year: u16 = date.get(..4)?.parse().ok()?;
    if date.get(4..5)? != "-" {
        return None;
    }
    let month: u8 = date.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// Counts, for each entity, the papers mentioning it per month. Months with no mention inside
/// the range count 0; the range is empty when no mentioning paper has a date.
pub fn trend(graph: &KnowledgeGraph, entities: &[NodeIndex]) -> Trend {
    let dated: Vec<Dated> = entities.iter().map(|&e| dated(graph, e)).collect();
    let all = dated.iter().flat_map(|d| d.months.iter().copied());
    let range = month_range(all.clone().min(), all.max());
    let series = dated
        .into_iter()
        .map(|d| {
            let mut counts = vec![0; range.len()];
            for month in d.months {
                if let Some(index) = range.first().and_then(|&first| slot(first, month)) {
                    if let Some(count) = counts.get_mut(index) {
                        *count += 1;
                    }
                }
            }
            Series {
                entity: d.entity,
                counts,
                undated: d.undated,
            }
        })
        .collect();
    Trend {
        months: range
            .iter()
            .map(|(y, m)| format!("{y:04}-{m:02}"))
            .collect(),
        series,
    }
}

/// A year and a month.
type Month = (u16, u8);

/// The months of the papers mentioning one entity.
struct Dated {
    entity: NodeIndex,
    months: Vec<Month>,
    undated: usize,
}

fn dated(graph: &KnowledgeGraph, entity: NodeIndex) -> Dated {
    let dates: Vec<Option<Month>> = graph
        .papers_mentioning(entity)
        .into_iter()
        .map(|p| match graph.node(p) {
            Node::Paper(paper) => paper.date.map(|d| d.year_month()),
            _ => None,
        })
        .collect();
    let undated = dates.iter().filter(|d| d.is_none()).count();
    Dated {
        entity,
        months: dates.into_iter().flatten().collect(),
        undated,
    }
}

/// The position of `month` in a range starting at `first`.
fn slot(first: (u16, u8), month: (u16, u8)) -> Option<usize> {
    let index = |(y, m): (u16, u8)| usize::from(y) * 12 + usize::from(m);
    index(month).checked_sub(index(first))
}

/// Every month from `first` to `last`, both included (empty when either is `None`).
pub fn month_range(first: Option<(u16, u8)>, last: Option<(u16, u8)>) -> Vec<(u16, u8)> {
    let (Some(mut at), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    while at <= last {
        months.push(at);
        at = if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_range_has_no_gaps() {
        assert_eq!(month_of("2023-04-05"), Some((2023, 4)));
        assert_eq!(month_of("2023-13-01"), None);
        assert_eq!(month_of("Mar 21"), None);
        let range = month_range(Some((2022, 11)), Some((2023, 2)));
        assert_eq!(range, vec![(2022, 11), (2022, 12), (2023, 1), (2023, 2)]);
    }
}

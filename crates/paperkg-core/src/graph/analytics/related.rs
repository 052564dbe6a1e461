//! Related entities: those mentioned in the same papers as a given entity, with the shared
//! papers, a count, and normalised strengths (Jaccard and pointwise mutual information).

use super::{has_type, name_order};
use crate::dictionary::EntityType;
use crate::graph::KnowledgeGraph;
use petgraph::graph::NodeIndex;
use std::collections::HashMap;

/// How to order related entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelatedBy {
    /// The number of shared papers.
    Count,
    /// Shared papers over papers mentioning either (0 to 1).
    Jaccard,
    /// Pointwise mutual information, log2 of observed over expected co-mentions. Favours rare
    /// entities; read it together with the count.
    Pmi,
}

/// An entity co-mentioned with the centre.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    /// The related entity.
    pub entity: NodeIndex,
    /// The papers that mention both, in node order.
    pub shared: Vec<NodeIndex>,
    /// The number of papers that mention the related entity.
    pub papers: usize,
    /// `|both| / |either|`.
    pub jaccard: f64,
    /// `log2(|both| * N / (|centre| * |related|))`, with N the number of papers.
    pub pmi: f64,
}

/// The `top` entities most co-mentioned with `center`, of type `entity_type` (any type but
/// URLs when `None`), ordered by `by`; ties go to the larger count, the higher Jaccard, then
/// the name. Empty when `center` shares no paper with anything.
pub fn related(
    graph: &KnowledgeGraph,
    center: NodeIndex,
    by: RelatedBy,
    entity_type: Option<EntityType>,
    top: usize,
) -> Vec<Related> {
    let center_papers = graph.papers_mentioning(center);
    let mut shared: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    for &paper in &center_papers {
        for entity in graph.entities_of(paper) {
            if entity != center && has_type(graph, entity, entity_type) {
                shared.entry(entity).or_default().push(paper);
            }
        }
    }
    let total = graph.papers().count().max(1) as f64;
    let mut related: Vec<Related> = shared
        .into_iter()
        .map(|(entity, shared)| {
            let papers = graph.papers_mentioning(entity).len();
            let both = shared.len() as f64;
            let either = (center_papers.len() + papers) as f64 - both;
            Related {
                entity,
                papers,
                jaccard: both / either.max(1.0),
                pmi: (both * total / (center_papers.len() as f64 * papers.max(1) as f64)).log2(),
                shared,
            }
        })
        .collect();
    related.sort_by(|a, b| {
        let primary = match by {
            RelatedBy::Count => b.shared.len().cmp(&a.shared.len()),
            RelatedBy::Jaccard => b.jaccard.total_cmp(&a.jaccard),
            RelatedBy::Pmi => b.pmi.total_cmp(&a.pmi),
        };
        primary
            .then(b.shared.len().cmp(&a.shared.len()))
            .then(b.jaccard.total_cmp(&a.jaccard))
            .then_with(|| name_order(graph, a.entity).cmp(&name_order(graph, b.entity)))
    });
    related.truncate(top);
    related
}

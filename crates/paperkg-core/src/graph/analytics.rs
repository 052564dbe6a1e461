//! Graph analytics: the questions people ask of the graph itself. Which entities matter most
//! ([`rank`]), what goes with an entity ([`related`]), how two entities connect
//! ([`shortest_path`]), and when an entity appears ([`trend`]).
//!
//! Each works on a [`KnowledgeGraph`], built from extractions or read back from a store with
//! `paperkg_store::rdf::load_graph`, and answers in node indices of that graph.
//!
//! ```
//! use paperkg_core::corpus::{Paper, PaperId};
//! use paperkg_core::extract::Extractor;
//! use paperkg_core::graph::analytics::{rank, RankBy};
//! use paperkg_core::graph::{KnowledgeGraph, Node};
//!
//! let extractor = Extractor::builder().build()?;
//! let papers = ["We fine-tune BERT on SQuAD.", "BERT and GPT-2 on SQuAD."];
//! let extractions: Vec<_> = papers
//!     .iter()
//!     .enumerate()
//!     .map(|(i, text)| {
//!         extractor.extract(&Paper {
//!             id: PaperId::Local(format!("p{i}")),
//!             title: format!("Paper {i}"),
//!             abstract_text: text.to_string(),
//!             ..Paper::default()
//!         })
//!     })
//!     .collect();
//! let graph = KnowledgeGraph::from_extractions(&extractions);
//! let top = rank(&graph, RankBy::Degree, None, 1);
//! let Node::Entity(first) = graph.node(top[0].entity) else { unreachable!() };
//! assert_eq!(top[0].papers, 2);
//! assert_eq!(first.name, "BERT"); // ties with SQuAD, and wins by name
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod path;
mod rank;
mod related;
mod trend;

pub use path::{shortest_path, Link, Path};
pub use rank::{page_rank, rank, top_subgraph, RankBy, Ranked};
pub use related::{related, Related, RelatedBy};
pub use trend::{month_of, month_range, trend, Series, Trend};

use super::{KnowledgeGraph, Node};
use crate::dictionary::EntityType;
use petgraph::graph::NodeIndex;

/// Whether a node is a named entity that analytics rank, relate and walk through: any
/// entity but a URL (links are attachments of one paper, not things papers share).
fn is_named_entity(graph: &KnowledgeGraph, index: NodeIndex) -> bool {
    matches!(graph.node(index), Node::Entity(e) if e.entity_type != EntityType::Url)
}

/// Whether an entity node has the wanted type (any type when `wanted` is `None`, except URLs,
/// which only an explicit `Some(EntityType::Url)` asks for).
fn has_type(graph: &KnowledgeGraph, index: NodeIndex, wanted: Option<EntityType>) -> bool {
    match (graph.node(index), wanted) {
        (Node::Entity(e), Some(t)) => e.entity_type == t,
        (Node::Entity(e), None) => e.entity_type != EntityType::Url,
        _ => false,
    }
}

/// The sort key for names in ties: case-insensitive, then exact.
fn name_order(graph: &KnowledgeGraph, index: NodeIndex) -> (String, String) {
    match graph.node(index) {
        Node::Entity(e) => (e.name.to_lowercase(), e.name.clone()),
        _ => (String::new(), String::new()),
    }
}

//! The one resolver from a name a user types to the entity they mean, used by the graph, the
//! store's graph index, `lookup` and the server alike.
//!
//! A name means every entity whose name or an alias has the same name key
//! ([`crate::text::name_key`]: case, spaces and hyphens ignored). When several do (an alias
//! shared across types), the one mentioned by the most papers comes first, then the smallest
//! [`EntityId`]. Each place entities are kept implements [`NamedEntities`]: how to find the
//! entities that carry a key, and how many papers mention one; the order is decided here.
//!
//! ```
//! use paperkg_core::corpus::{Paper, PaperId};
//! use paperkg_core::extract::Extractor;
//! use paperkg_core::graph::{KnowledgeGraph, Node};
//! use paperkg_core::resolve::find_entity;
//!
//! let extractor = Extractor::builder().build()?;
//! let paper = Paper {
//!     id: PaperId::Local("p1".into()),
//!     title: "Fine-tuning BERT".into(),
//!     abstract_text: "We fine-tune BERT on SQuAD.".into(),
//!     ..Paper::default()
//! };
//! let graph = KnowledgeGraph::from_extractions(&[extractor.extract(&paper)]);
//! let bert = find_entity(&graph, "bert").expect("BERT is in the graph");
//! let Node::Entity(entity) = graph.node(bert) else { panic!("an entity node") };
//! assert_eq!(entity.name, "BERT");
//! assert_eq!(find_entity(&graph, "no such model"), None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::ids::EntityId;
use crate::text::name_key;
use std::cmp::Reverse;

/// A place that keeps entities with their names: what the resolver needs of it.
pub trait NamedEntities {
    /// A handle on one entity (a node index, a slot, an IRI).
    type Entity: Clone;
    /// The error reading the entities can give.
    type Error;

    /// The entities whose name or an alias has the name key `key` (never empty), in any order.
    fn carrying(&self, key: &str) -> Result<Vec<Self::Entity>, Self::Error>;

    /// How many papers mention `entity`.
    fn paper_count(&self, entity: &Self::Entity) -> Result<u64, Self::Error>;

    /// The identity of `entity`, the tie-break between entities mentioned equally often;
    /// `None` sorts last.
    fn entity_id(&self, entity: &Self::Entity) -> Option<EntityId>;
}

/// Every entity `name` may mean, the one a user most likely means first: most papers, then
/// the smallest id. Empty when nothing carries the name, or when it has no letter or digit.
pub fn entities_named<S: NamedEntities + ?Sized>(
    source: &S,
    name: &str,
) -> Result<Vec<S::Entity>, S::Error> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let mut ranked = Vec::new();
    for entity in source.carrying(&key)? {
        let papers = source.paper_count(&entity)?;
        let id = source.entity_id(&entity);
        ranked.push(((Reverse(papers), id.is_none(), id), entity));
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(ranked.into_iter().map(|(_, entity)| entity).collect())
}

/// The entity a user means by `name`: the first of [`entities_named`], for places that cannot
/// fail to read.
pub fn find_entity<S>(source: &S, name: &str) -> Option<S::Entity>
where
    S: NamedEntities<Error = std::convert::Infallible> + ?Sized,
{
    match entities_named(source, name) {
        Ok(found) => found.into_iter().next(),
        Err(never) => match never {},
    }
}

/// Whether a name or one of its aliases has the name key `key`: how [`NamedEntities::carrying`]
/// decides for entities kept with their names in memory.
pub fn carries<'a>(key: &str, name: &str, aliases: impl IntoIterator<Item = &'a str>) -> bool {
    name_key(name) == key || aliases.into_iter().any(|a| name_key(a) == key)
}

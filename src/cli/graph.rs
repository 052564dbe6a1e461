//! What the graph commands (rank, related, path, trend) share: reading the graph back from the
//! store, finding the entities named on the command line, and naming nodes in output.

use super::StoreArgs;
use anyhow::Context;
use oxigraph::store::Store;
use paperkg_core::graph::{KnowledgeGraph, Node};
use paperkg_store::lookup::suggest;
use paperkg_store::rdf::load_links;
use petgraph::graph::NodeIndex;

/// The store and the graph read back from it.
pub(super) struct StoreGraph {
    pub store: Store,
    pub graph: KnowledgeGraph,
}

impl StoreGraph {
    /// Opens the store for reading and loads its graph.
    pub fn open(args: &StoreArgs) -> anyhow::Result<StoreGraph> {
        let location = args.location();
        let store = location.open_read()?;
        let progress = super::progress("reading the graph");
        let graph = load_links(&store)
            .with_context(|| format!("reading the graph from {}", location.path().display()));
        progress.finish_and_clear();
        Ok(StoreGraph {
            store,
            graph: graph?,
        })
    }

    /// The entity a name on the command line means (any alias, any case). When nothing
    /// carries the name, the error lists the closest known entities.
    pub fn entity(&self, name: &str) -> anyhow::Result<NodeIndex> {
        match self.graph.find_entity(name) {
            Some(index) => Ok(index),
            None => Err(not_found(&self.store, name)),
        }
    }

    /// An entity's name, a paper's title, or a repository's URL.
    pub fn name(&self, index: NodeIndex) -> &str {
        match self.graph.node(index) {
            Node::Entity(e) => &e.name,
            Node::Paper(p) => &p.title,
            Node::Code(c) => &c.url,
        }
    }

    /// An entity's type as a word (empty for other nodes).
    pub fn type_name(&self, index: NodeIndex) -> &'static str {
        match self.graph.node(index) {
            Node::Entity(e) => e.entity_type.as_str(),
            Node::Paper(_) => "paper",
            Node::Code(_) => "code",
        }
    }
}

/// The error for a name no entity in the store carries, with the closest entities, one a
/// line with type and paper count, as `lookup` gives them.
pub(super) fn not_found(store: &Store, name: &str) -> anyhow::Error {
    let suggestions = suggest(store, name).unwrap_or_default();
    if suggestions.is_empty() {
        return anyhow::anyhow!("no entity named {name:?} in the store");
    }
    let lines: Vec<String> = suggestions.iter().map(|s| format!("  {s}")).collect();
    anyhow::anyhow!(
        "no entity named {name:?} in the store; did you mean:\n{}",
        lines.join("\n")
    )
}

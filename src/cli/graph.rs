//! What the graph commands (rank, related, path, trend) share: reading the graph back from the
//! store, finding the entities named on the command line, and naming nodes in output.

use super::StoreArgs;
use anyhow::Context;
use oxigraph::store::Store;
use paperkg_core::graph::{KnowledgeGraph, Node};
use paperkg_store::lookup::{lookup, Lookup};
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
        let graph = load_links(&store)
            .with_context(|| format!("reading the graph from {}", location.path().display()))?;
        Ok(StoreGraph { store, graph })
    }

    /// The entity a name on the command line means (any alias, any case). When nothing
    /// carries the name, the error lists the closest known names.
    pub fn entity(&self, name: &str) -> anyhow::Result<NodeIndex> {
        if let Some(index) = self.graph.find_entity(name) {
            return Ok(index);
        }
        let suggestions = match lookup(&self.store, name, 0) {
            Ok(Lookup::NotFound { suggestions }) if !suggestions.is_empty() => {
                format!(" (did you mean: {}?)", suggestions.join(", "))
            }
            _ => String::new(),
        };
        anyhow::bail!("no entity named {name:?} in the store{suggestions}")
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

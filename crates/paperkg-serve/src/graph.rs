//! An entity's neighbourhood for the page, cut out of the store's graph index.

use oxigraph::store::Store;
use paperkg_core::export::dot::write_dot;
use paperkg_core::graph::{Edge, KnowledgeGraph, Node};
use paperkg_store::index::placement::from_store;
use paperkg_store::index::{GraphIndex, IndexError};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// Errors drawing a neighbourhood.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// Making the graph index from the store failed.
    #[error("{0}")]
    Load(#[from] IndexError),
    /// No entity carries the name.
    #[error("no entity named {0:?}")]
    NotFound(String),
    /// Graphviz `dot` is not installed (the page then lays the graph out itself).
    #[error("Graphviz `dot` is not installed; ask for format=json instead")]
    NoGraphviz,
    /// Running `dot` failed.
    #[error("running Graphviz dot: {0}")]
    Graphviz(String),
}

/// The store's graph index, given at start (as `paperkg serve` does) or made from the store on
/// first use (for an application over a store without a location, such as one in memory),
/// then shared by every request.
#[derive(Default)]
pub struct GraphCache {
    index: Mutex<Option<Arc<GraphIndex>>>,
}

impl GraphCache {
    /// A cache holding the store's index from the start.
    pub fn with_index(index: GraphIndex) -> GraphCache {
        GraphCache {
            index: Mutex::new(Some(Arc::new(index))),
        }
    }

    /// The index, made from `store` if this is the first call and none was given. A failed
    /// read is not remembered: the next call tries again.
    pub fn get(&self, store: &Store) -> Result<Arc<GraphIndex>, GraphError> {
        // A poisoned lock only means another request panicked; the cached value is still whole.
        let mut slot = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(index) = slot.as_ref() {
            return Ok(Arc::clone(index));
        }
        let index = Arc::new(from_store(store)?);
        *slot = Some(Arc::clone(&index));
        Ok(index)
    }
}

/// The sub-graph within `depth` hops of the entity called `name` (any alias, as `lookup`
/// matches), keeping the `max_nodes` nodes closest to it (breadth first, so a dataset that
/// half the papers of a large store mention does not pull most of the graph in). When an
/// alias is shared, the entity with the most papers is the centre.
pub fn neighbourhood(
    index: &GraphIndex,
    name: &str,
    depth: usize,
    max_nodes: usize,
) -> Result<KnowledgeGraph, GraphError> {
    paperkg_store::export::neighbourhood(index, name, depth, max_nodes)
        .ok_or_else(|| GraphError::NotFound(name.to_string()))
}

/// The graph as DOT text.
pub fn to_dot(graph: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_dot(graph, &mut out);
    out
}

/// The graph drawn by Graphviz: `dot -Tsvg` with the DOT on its standard input.
pub fn to_svg(graph: &KnowledgeGraph) -> Result<Vec<u8>, GraphError> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GraphError::NoGraphviz,
            _ => GraphError::Graphviz(e.to_string()),
        })?;
    let dot = to_dot(graph);
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| GraphError::Graphviz("no standard input".to_string()))?;
    // Feed the input from another thread so that a large SVG on stdout cannot deadlock us.
    let feeder = std::thread::spawn(move || stdin.write_all(&dot));
    let output = child
        .wait_with_output()
        .map_err(|e| GraphError::Graphviz(e.to_string()))?;
    let fed = feeder.join();
    if !output.status.success() || !matches!(fed, Ok(Ok(()))) {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(GraphError::Graphviz(message));
    }
    Ok(output.stdout)
}

/// A node for the page's own layout.
#[derive(Debug, Serialize)]
pub struct JsonNode {
    /// Index in `nodes`.
    pub id: usize,
    /// `paper`, `code`, or the entity type (`model`, `dataset`, ...).
    pub kind: String,
    /// The label: a title, a name or a repository URL.
    pub label: String,
}

/// An edge for the page's own layout.
#[derive(Debug, Serialize)]
pub struct JsonEdge {
    /// Source node id.
    pub source: usize,
    /// Target node id.
    pub target: usize,
    /// `mentions`, `introduces`, `code` or `derived-from`.
    pub kind: &'static str,
}

/// A neighbourhood as plain nodes and edges; the first node is the centre.
#[derive(Debug, Serialize)]
pub struct JsonGraph {
    /// The nodes.
    pub nodes: Vec<JsonNode>,
    /// The edges.
    pub edges: Vec<JsonEdge>,
}

/// The graph as nodes and edges for the page's fallback layout.
pub fn to_json(graph: &KnowledgeGraph) -> JsonGraph {
    let g = graph.graph();
    let nodes = g
        .node_indices()
        .map(|i| {
            let (kind, label) = match graph.node(i) {
                Node::Paper(p) => ("paper".to_string(), p.title.clone()),
                Node::Entity(e) => (e.entity_type.to_string(), e.name.clone()),
                Node::Code(c) => ("code".to_string(), c.url.clone()),
            };
            JsonNode {
                id: i.index(),
                kind,
                label,
            }
        })
        .collect();
    let edges = g
        .edge_references()
        .map(|e| JsonEdge {
            source: e.source().index(),
            target: e.target().index(),
            kind: match e.weight() {
                Edge::Mentions(_) => "mentions",
                Edge::Introduces => "introduces",
                Edge::HasCode => "code",
                Edge::DerivedFrom { .. } => "derived-from",
            },
        })
        .collect();
    JsonGraph { nodes, edges }
}

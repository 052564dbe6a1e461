//! Shortest paths between entities: breadth-first search over the undirected graph of papers
//! and named entities, through mention edges (entity – paper – entity) and lineage edges
//! (entity – entity).

use super::is_named_entity;
use crate::graph::{Edge, KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::{HashMap, VecDeque};

/// How two consecutive nodes of a path are linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// A paper mentions an entity (either way along the path).
    Mention,
    /// The first entity derives from the second.
    DerivedFrom,
    /// The second entity derives from the first.
    ParentOf,
}

/// A shortest path: its nodes from start to end, and the link between each consecutive pair
/// (`links.len() == nodes.len() - 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The nodes, start and end included.
    pub nodes: Vec<NodeIndex>,
    /// The links between consecutive nodes.
    pub links: Vec<Link>,
}

impl Path {
    /// The papers along the path, in order.
    pub fn papers<'g>(&self, graph: &'g KnowledgeGraph) -> Vec<&'g crate::graph::PaperNode> {
        self.nodes
            .iter()
            .filter_map(|&i| match graph.node(i) {
                Node::Paper(p) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// A shortest path from `from` to `to`, or `None` when they are not connected. Paths go only
/// through papers and named entities, never through URLs or code repositories. A path from a
/// node to itself is that node alone.
pub fn shortest_path(graph: &KnowledgeGraph, from: NodeIndex, to: NodeIndex) -> Option<Path> {
    let mut previous: HashMap<NodeIndex, (NodeIndex, Link)> = HashMap::new();
    let mut queue = VecDeque::from([from]);
    let mut found = from == to;
    while let Some(node) = queue.pop_front() {
        if found {
            break;
        }
        for (next, link) in steps(graph, node) {
            if next == from || previous.contains_key(&next) {
                continue;
            }
            previous.insert(next, (node, link));
            if next == to {
                found = true;
                break;
            }
            queue.push_back(next);
        }
    }
    found.then(|| unwind(&previous, from, to))
}

/// The nodes one step from `node`, with how they are linked.
fn steps(graph: &KnowledgeGraph, node: NodeIndex) -> Vec<(NodeIndex, Link)> {
    let g = graph.graph();
    let outgoing = g.edges_directed(node, Direction::Outgoing).map(|e| {
        let link = match e.weight() {
            Edge::DerivedFrom { .. } => Some(Link::DerivedFrom),
            Edge::Mentions(_) => Some(Link::Mention),
            _ => None,
        };
        (e.target(), link)
    });
    let incoming = g.edges_directed(node, Direction::Incoming).map(|e| {
        let link = match e.weight() {
            Edge::DerivedFrom { .. } => Some(Link::ParentOf),
            Edge::Mentions(_) => Some(Link::Mention),
            _ => None,
        };
        (e.source(), link)
    });
    outgoing
        .chain(incoming)
        .filter_map(|(next, link)| Some((next, link?)))
        .filter(|(next, _)| {
            matches!(graph.node(*next), Node::Paper(_)) || is_named_entity(graph, *next)
        })
        .collect()
}

fn unwind(
    previous: &HashMap<NodeIndex, (NodeIndex, Link)>,
    from: NodeIndex,
    to: NodeIndex,
) -> Path {
    let mut nodes = vec![to];
    let mut links = Vec::new();
    let mut at = to;
    while at != from {
        let Some(&(before, link)) = previous.get(&at) else {
            break;
        };
        nodes.push(before);
        links.push(link);
        at = before;
    }
    nodes.reverse();
    links.reverse();
    Path { nodes, links }
}

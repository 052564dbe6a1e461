//! Ranking entities: by degree (the number of papers that mention them) or by PageRank over
//! the undirected paper–entity graph.

use super::{has_type, is_named_entity, name_order};
use crate::dictionary::EntityType;
use crate::graph::{Edge, KnowledgeGraph, Node};
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

/// What to rank by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankBy {
    /// The number of papers that mention the entity.
    Degree,
    /// PageRank over the undirected paper–entity graph (damping 0.85).
    PageRank,
}

/// One ranked entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// The entity node.
    pub entity: NodeIndex,
    /// The number of papers that mention it.
    pub papers: usize,
    /// The score ranked by: the paper count for degree, the PageRank otherwise.
    pub score: f64,
}

/// The `top` entities by `by`, best first, of type `entity_type` (any type but URLs when
/// `None`). Ties go to the entity with more papers, then by name.
pub fn rank(
    graph: &KnowledgeGraph,
    by: RankBy,
    entity_type: Option<EntityType>,
    top: usize,
) -> Vec<Ranked> {
    let scores = match by {
        RankBy::Degree => None,
        RankBy::PageRank => Some(page_rank(graph, 0.85)),
    };
    let mut ranked: Vec<Ranked> = graph
        .entities()
        .filter(|(i, _)| has_type(graph, *i, entity_type))
        .map(|(i, _)| {
            let papers = graph.papers_mentioning(i).len();
            let score = scores
                .as_ref()
                .and_then(|s| s.get(i.index()).copied())
                .unwrap_or(papers as f64);
            Ranked {
                entity: i,
                papers,
                score,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.papers.cmp(&a.papers))
            .then_with(|| name_order(graph, a.entity).cmp(&name_order(graph, b.entity)))
    });
    ranked.truncate(top);
    ranked
}

/// PageRank of every node over the undirected graph of papers and named entities (URL and
/// code nodes left out), linked by mention edges. Indexed by node index; nodes outside that
/// graph score 0. Rank held by nodes without links is spread over every node, as usual.
pub fn page_rank(graph: &KnowledgeGraph, damping: f64) -> Vec<f64> {
    const ITERATIONS: usize = 100;
    const TOLERANCE: f64 = 1e-10;
    let adjacency = Adjacency::of(graph);
    let n = adjacency.members.len();
    let mut rank = vec![0.0; graph.graph().node_count()];
    if n == 0 {
        return rank;
    }
    for &m in &adjacency.members {
        rank[m] = 1.0 / n as f64;
    }
    for _ in 0..ITERATIONS {
        let next = adjacency.step(&rank, damping);
        let change: f64 = adjacency
            .members
            .iter()
            .map(|&m| (next[m] - rank[m]).abs())
            .sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

/// The undirected paper–entity graph as neighbour lists, for the power iteration.
struct Adjacency {
    /// Node indices taking part.
    members: Vec<usize>,
    /// Neighbours of every node index (empty for non-members).
    neighbours: Vec<Vec<usize>>,
}

impl Adjacency {
    fn of(graph: &KnowledgeGraph) -> Adjacency {
        let g = graph.graph();
        let mut neighbours = vec![Vec::new(); g.node_count()];
        for edge in g.edge_references() {
            let (paper, entity) = (edge.source(), edge.target());
            if matches!(edge.weight(), Edge::Mentions(_)) && is_named_entity(graph, entity) {
                neighbours[paper.index()].push(entity.index());
                neighbours[entity.index()].push(paper.index());
            }
        }
        for list in &mut neighbours {
            list.sort_unstable();
            list.dedup();
        }
        let members = g
            .node_indices()
            .filter(|&i| match graph.node(i) {
                Node::Paper(_) => true,
                Node::Entity(_) => is_named_entity(graph, i),
                Node::Code(_) => false,
            })
            .map(|i| i.index())
            .collect();
        Adjacency {
            members,
            neighbours,
        }
    }

    /// One power-iteration step.
    fn step(&self, rank: &[f64], damping: f64) -> Vec<f64> {
        let n = self.members.len() as f64;
        let dangling: f64 = self
            .members
            .iter()
            .filter(|&&m| self.neighbours[m].is_empty())
            .map(|&m| rank[m])
            .sum();
        let base = (1.0 - damping) / n + damping * dangling / n;
        let mut next = vec![0.0; rank.len()];
        for &m in &self.members {
            next[m] = base;
        }
        for &m in &self.members {
            let out = &self.neighbours[m];
            if out.is_empty() {
                continue;
            }
            let share = damping * rank[m] / out.len() as f64;
            for &v in out {
                next[v] += share;
            }
        }
        next
    }
}

/// The sub-graph of the `top` entities with the most papers (any type but URLs) and the papers
/// that mention them, with every edge among those nodes (mentions, introductions, lineage).
/// Code repositories and other entities are left out. For drawing a readable overview.
pub fn top_subgraph(graph: &KnowledgeGraph, top: usize) -> KnowledgeGraph {
    let entities: Vec<NodeIndex> = rank(graph, RankBy::Degree, None, top)
        .into_iter()
        .map(|r| r.entity)
        .collect();
    let mut papers: Vec<NodeIndex> = entities
        .iter()
        .flat_map(|&e| graph.papers_mentioning(e))
        .collect();
    papers.sort();
    papers.dedup();
    let keep: Vec<NodeIndex> = entities.into_iter().chain(papers).collect();
    graph.induced(&keep)
}

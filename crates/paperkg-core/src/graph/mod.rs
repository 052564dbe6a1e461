//! The knowledge graph on petgraph: paper, entity and code-repository nodes linked by typed
//! edges (mentions with a count, introduces, has-code, derived-from).
//!
//! It is built from extractions during `build`, or read back from the store by the consumers
//! (export, rank, related, path), and it is what the graph analytics run on.

pub mod analytics;

use crate::dictionary::EntityType;
use crate::extract::{FoundBy, Mention, PaperExtraction, ResultRecord, UrlKind};
use crate::ids::{EntityId, PaperId};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::HashMap;

/// A paper node.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperNode {
    /// The paper's id.
    pub id: PaperId,
    /// The title.
    pub title: String,
    /// The abstract (empty when read back from a store for analytics).
    pub abstract_text: String,
    /// Optional metadata carried into RDF.
    pub doi: Option<String>,
    /// Ids in other sources (OpenAlex, Semantic Scholar) besides `id`; see
    /// [`crate::corpus::Paper::other_ids`].
    pub other_ids: Vec<PaperId>,
    /// Authors as written.
    pub authors: Option<String>,
    /// Categories.
    pub categories: Vec<String>,
    /// When the paper appeared (a day, or a month from its arXiv id).
    pub date: Option<crate::corpus::PaperDate>,
    /// Reported results.
    pub results: Vec<ResultRecord>,
}

/// An entity node: one per distinct entity across the whole graph.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityNode {
    /// The entity's id, stable across papers and runs.
    pub id: EntityId,
    /// The type.
    pub entity_type: EntityType,
    /// The canonical name.
    pub name: String,
    /// Aliases (dictionary aliases and surface forms seen).
    pub aliases: Vec<String>,
    /// External identifiers.
    pub external_ids: Vec<String>,
    /// For URLs, the kind of link.
    pub url_kind: Option<UrlKind>,
}

/// A code repository node (the repository root of a code URL).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeNode {
    /// The repository URL (`https://github.com/owner/repo`).
    pub url: String,
}

/// A node of the knowledge graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A paper.
    Paper(PaperNode),
    /// An entity.
    Entity(EntityNode),
    /// A code repository.
    Code(CodeNode),
}

/// How a paper mentions an entity: the count, the spans, and how it was found.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionEdge {
    /// The number of mentions.
    pub count: usize,
    /// The spans (empty when read back from a store in summary form).
    pub mentions: Vec<Mention>,
    /// The rule that found the entity.
    pub found_by: FoundBy,
    /// The rule's confidence.
    pub confidence: f32,
    /// The human-readable reason.
    pub evidence: String,
}

/// A typed edge.
#[derive(Clone, Debug, PartialEq)]
pub enum Edge {
    /// Paper to entity: the paper mentions it.
    Mentions(MentionEdge),
    /// Paper to entity: the paper proposes it.
    Introduces,
    /// Paper to code repository.
    HasCode,
    /// Entity to entity: the first derives from the second (variant, composite, parent, or
    /// lineage stated in the text).
    DerivedFrom {
        /// Whether the text says the first was fine-tuned from the second.
        fine_tuned: bool,
    },
}

/// The knowledge graph.
#[derive(Clone, Debug, Default)]
pub struct KnowledgeGraph {
    graph: DiGraph<Node, Edge>,
    papers: HashMap<PaperId, NodeIndex>,
    entities: HashMap<EntityId, NodeIndex>,
    code: HashMap<String, NodeIndex>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> KnowledgeGraph {
        KnowledgeGraph::default()
    }

    /// Builds a graph from extractions.
    pub fn from_extractions<'a>(
        extractions: impl IntoIterator<Item = &'a PaperExtraction>,
    ) -> KnowledgeGraph {
        let mut graph = KnowledgeGraph::new();
        for extraction in extractions {
            graph.add_extraction(extraction);
        }
        graph
    }

    /// The underlying petgraph graph, for algorithms.
    pub fn graph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// Adds one paper's extraction: the paper node, its entities, their edges.
    pub fn add_extraction(&mut self, extraction: &PaperExtraction) {
        let paper = &extraction.paper;
        let paper_index = self.add_paper(PaperNode {
            id: paper.id.clone(),
            title: paper.title.clone(),
            abstract_text: paper.abstract_text.clone(),
            doi: paper.doi.clone(),
            other_ids: paper.other_ids.clone(),
            authors: paper.authors.clone(),
            categories: paper.categories.clone(),
            date: paper.date,
            results: extraction.results.clone(),
        });
        let names: HashMap<(EntityType, &str), &EntityId> = extraction
            .entities
            .iter()
            .map(|e| ((e.entity_type, e.name.as_str()), &e.id))
            .collect();
        for entity in &extraction.entities {
            let mut aliases = entity.aliases.clone();
            for m in &entity.mentions {
                if !aliases.contains(&m.text) {
                    aliases.push(m.text.clone());
                }
            }
            let entity_index = self.add_entity(EntityNode {
                id: entity.id.clone(),
                entity_type: entity.entity_type,
                name: entity.name.clone(),
                aliases,
                external_ids: entity.external_ids.clone(),
                url_kind: entity.kind,
            });
            self.graph.add_edge(
                paper_index,
                entity_index,
                Edge::Mentions(MentionEdge {
                    count: entity.mentions.len(),
                    mentions: entity.mentions.clone(),
                    found_by: entity.found_by,
                    confidence: entity.confidence,
                    evidence: entity.evidence.clone(),
                }),
            );
            if entity.introduced {
                self.graph
                    .add_edge(paper_index, entity_index, Edge::Introduces);
            }
            if entity.kind == Some(UrlKind::Code) {
                let repo = crate::extract::urls::repository_root(&entity.name);
                let code_index = self.add_code(&repo);
                self.add_edge_once(paper_index, code_index, Edge::HasCode);
            }
            for parent in &entity.derived_from {
                let parent_id = names
                    .get(&(entity.entity_type, parent.as_str()))
                    .map(|&id| id.clone())
                    .unwrap_or_else(|| EntityId::for_name(entity.entity_type, parent));
                let parent_index = self.add_entity(EntityNode {
                    id: parent_id,
                    entity_type: entity.entity_type,
                    name: parent.clone(),
                    aliases: vec![parent.clone()],
                    external_ids: Vec::new(),
                    url_kind: None,
                });
                let fine_tuned = entity.fine_tuned_from.contains(parent);
                self.add_derivation(entity_index, parent_index, fine_tuned);
            }
        }
    }

    /// Adds a paper node, or returns the existing one with the same id.
    pub fn add_paper(&mut self, paper: PaperNode) -> NodeIndex {
        if let Some(&index) = self.papers.get(&paper.id) {
            return index;
        }
        let id = paper.id.clone();
        let index = self.graph.add_node(Node::Paper(paper));
        self.papers.insert(id, index);
        index
    }

    /// Adds an entity node, or merges aliases into the existing one with the same id.
    pub fn add_entity(&mut self, entity: EntityNode) -> NodeIndex {
        if let Some(&index) = self.entities.get(&entity.id) {
            if let Node::Entity(existing) = &mut self.graph[index] {
                for alias in entity.aliases {
                    if !existing.aliases.contains(&alias) {
                        existing.aliases.push(alias);
                    }
                }
                for id in entity.external_ids {
                    if !existing.external_ids.contains(&id) {
                        existing.external_ids.push(id);
                    }
                }
            }
            return index;
        }
        let id = entity.id.clone();
        let index = self.graph.add_node(Node::Entity(entity));
        self.entities.insert(id, index);
        index
    }

    /// Adds a code repository node, or returns the existing one.
    pub fn add_code(&mut self, url: &str) -> NodeIndex {
        if let Some(&index) = self.code.get(url) {
            return index;
        }
        let index = self.graph.add_node(Node::Code(CodeNode {
            url: url.to_string(),
        }));
        self.code.insert(url.to_string(), index);
        index
    }

    /// Adds an edge unless the same edge already links the two nodes.
    pub fn add_edge_once(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) {
        let exists = self
            .graph
            .edges_connecting(from, to)
            .any(|e| std::mem::discriminant(e.weight()) == std::mem::discriminant(&edge));
        if !exists {
            self.graph.add_edge(from, to, edge);
        }
    }

    /// Adds a derived-from edge from `child` to `parent`, or marks the existing one fine-tuned
    /// when `fine_tuned` is set.
    pub fn add_derivation(&mut self, child: NodeIndex, parent: NodeIndex, fine_tuned: bool) {
        let existing = self
            .graph
            .edges_connecting(child, parent)
            .find(|e| matches!(e.weight(), Edge::DerivedFrom { .. }))
            .map(|e| e.id());
        match existing {
            Some(id) => {
                if let Some(Edge::DerivedFrom { fine_tuned: old }) = self.graph.edge_weight_mut(id)
                {
                    *old |= fine_tuned;
                }
            }
            None => {
                self.graph
                    .add_edge(child, parent, Edge::DerivedFrom { fine_tuned });
            }
        }
    }

    /// Adds a mention edge with only a count (for graphs read back from a store).
    pub fn add_mention_count(&mut self, paper: NodeIndex, entity: NodeIndex, count: usize) {
        self.graph.add_edge(
            paper,
            entity,
            Edge::Mentions(MentionEdge {
                count,
                mentions: Vec::new(),
                found_by: FoundBy::Dictionary,
                confidence: 1.0,
                evidence: String::new(),
            }),
        );
    }

    /// The node with this index.
    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.graph[index]
    }

    /// The entity node with this id (`model/sam`).
    pub fn entity_index(&self, id: &EntityId) -> Option<NodeIndex> {
        self.entities.get(id).copied()
    }

    /// The entity a user means by `name` (any alias, any case), as [`crate::resolve`] decides:
    /// when several carry it, the one mentioned by the most papers. `None` when nothing does.
    pub fn find_entity(&self, name: &str) -> Option<NodeIndex> {
        crate::resolve::find_entity(self, name)
    }

    /// Adds an alias to an entity node (ignored for other nodes and known aliases).
    pub fn add_alias(&mut self, entity: NodeIndex, alias: &str) {
        if let Some(Node::Entity(e)) = self.graph.node_weight_mut(entity) {
            if !e.aliases.iter().any(|a| a == alias) {
                e.aliases.push(alias.to_string());
            }
        }
    }

    /// The paper node with this id.
    pub fn paper_index(&self, id: &PaperId) -> Option<NodeIndex> {
        self.papers.get(id).copied()
    }

    /// Every paper node.
    pub fn papers(&self) -> impl Iterator<Item = (NodeIndex, &PaperNode)> {
        self.graph
            .node_indices()
            .filter_map(|i| match &self.graph[i] {
                Node::Paper(p) => Some((i, p)),
                _ => None,
            })
    }

    /// Every entity node.
    pub fn entities(&self) -> impl Iterator<Item = (NodeIndex, &EntityNode)> {
        self.graph
            .node_indices()
            .filter_map(|i| match &self.graph[i] {
                Node::Entity(e) => Some((i, e)),
                _ => None,
            })
    }

    /// The papers that mention an entity.
    pub fn papers_mentioning(&self, entity: NodeIndex) -> Vec<NodeIndex> {
        let mut papers: Vec<NodeIndex> = self
            .graph
            .edges_directed(entity, Direction::Incoming)
            .filter(|e| matches!(e.weight(), Edge::Mentions(_)))
            .map(|e| e.source())
            .collect();
        papers.sort();
        papers.dedup();
        papers
    }

    /// The entities a paper mentions.
    pub fn entities_of(&self, paper: NodeIndex) -> Vec<NodeIndex> {
        let mut entities: Vec<NodeIndex> = self
            .graph
            .edges_directed(paper, Direction::Outgoing)
            .filter(|e| matches!(e.weight(), Edge::Mentions(_)))
            .map(|e| e.target())
            .collect();
        entities.sort();
        entities.dedup();
        entities
    }

    /// Number of nodes and edges.
    pub fn size(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.edge_count())
    }

    /// The sub-graph within `depth` hops of `center`, following edges both ways. Paper nodes
    /// are kept as hops, so depth 2 reaches the entities co-mentioned with `center`.
    pub fn around(&self, center: NodeIndex, depth: usize) -> KnowledgeGraph {
        let mut keep = vec![center];
        let mut frontier = vec![center];
        let mut seen = std::collections::HashSet::from([center]);
        for _ in 0..depth {
            let mut next = Vec::new();
            for &node in &frontier {
                for neighbor in self.graph.neighbors_undirected(node) {
                    if seen.insert(neighbor) {
                        next.push(neighbor);
                        keep.push(neighbor);
                    }
                }
            }
            frontier = next;
        }
        self.induced(&keep)
    }

    /// The sub-graph induced by `nodes`.
    pub fn induced(&self, nodes: &[NodeIndex]) -> KnowledgeGraph {
        let mut sub = KnowledgeGraph::new();
        let mut map = HashMap::new();
        for &old in nodes {
            let new = match &self.graph[old] {
                Node::Paper(p) => sub.add_paper(p.clone()),
                Node::Entity(e) => sub.add_entity(e.clone()),
                Node::Code(c) => sub.add_code(&c.url),
            };
            map.insert(old, new);
        }
        for edge in self.graph.edge_references() {
            if let (Some(&a), Some(&b)) = (map.get(&edge.source()), map.get(&edge.target())) {
                sub.graph.add_edge(a, b, edge.weight().clone());
            }
        }
        sub
    }
}

impl crate::resolve::NamedEntities for KnowledgeGraph {
    type Entity = NodeIndex;
    type Error = std::convert::Infallible;

    fn carrying(&self, key: &str) -> Result<Vec<NodeIndex>, Self::Error> {
        Ok(self
            .entities()
            .filter(|(_, e)| {
                crate::resolve::carries(key, &e.name, e.aliases.iter().map(String::as_str))
            })
            .map(|(i, _)| i)
            .collect())
    }

    fn paper_count(&self, entity: &NodeIndex) -> Result<u64, Self::Error> {
        Ok(self.papers_mentioning(*entity).len() as u64)
    }

    fn entity_id(&self, entity: &NodeIndex) -> Option<EntityId> {
        match self.graph.node_weight(*entity) {
            Some(Node::Entity(e)) => Some(e.id.clone()),
            _ => None,
        }
    }
}

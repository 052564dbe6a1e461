//! The graph as RDF quads, in the vocabulary of [`super::vocab`].
//!
//! Provenance is kept compact so that a million papers stay loadable: one Web Annotation per
//! paper and entity, a blank node with a stable id, whose target is the field of the first
//! mention (`<paper#abstract>`), with every span in a single `pkg:spans` literal
//! (`abstract:12-15 title:0-3`), the first quote in `pkg:quote`, the rule in `pkg:foundBy` and
//! its `pkg:confidence`. Seven triples per paper and entity, against eighteen for the full
//! selector form (`oa:SpecificResource` with position and quote selectors); the spans keep
//! everything the selectors held.
//!
//! [`QuadWriter`] describes each entity once per run and counts the papers that mention it, so
//! a build can record `pkg:paperCount` and rankings read one triple per entity. It also keeps
//! the best value reported for each dataset and metric ([`Leaderboard`]), so that a leaderboard
//! is a few lookups, not a scan of every result on the dataset.

use crate::hierarchy::TaskHierarchy;
use crate::vocab::{dcterms, fair4ml, mls, oa, owl, pkg, prov, rdf, schema, skos, xsd};
use oxrdf::{BlankNode, GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use paperkg_core::dictionary::{Direction, EntityType};
use paperkg_core::extract::{FoundBy, ResultEntity, ResultRecord};
use paperkg_core::graph::{Edge, EntityNode, KnowledgeGraph, MentionEdge, Node, PaperNode};
use paperkg_core::ids::{EntityId, PaperId};
use paperkg_core::text::{fnv1a, name_key, percent_encode};
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What the mapping needs besides the graph: the base IRI and the provenance of this run.
#[derive(Clone, Debug)]
pub struct MappingConfig {
    /// Base IRI, ending in `/` or `#`.
    pub base: String,
    /// The dictionary content hash, recorded in provenance.
    pub dictionary_version: String,
}

impl MappingConfig {
    /// The IRI of a paper.
    pub fn paper_iri(&self, paper: &PaperNode) -> NamedNode {
        self.paper_iri_for(&paper.id)
    }

    /// The IRI of the paper with this id (the same as [`MappingConfig::paper_iri`] gives).
    pub fn paper_iri_for(&self, id: &PaperId) -> NamedNode {
        self.iri(&format!("paper/{}", id.iri_segment()))
    }

    /// The IRI of an entity.
    pub fn entity_iri(&self, entity_id: &EntityId) -> NamedNode {
        self.iri(&format!("entity/{entity_id}"))
    }

    /// The IRI of the activity that produced this run's annotations.
    pub fn activity_iri(&self) -> NamedNode {
        self.iri(&format!(
            "activity/paperkg-{}-{}",
            env!("CARGO_PKG_VERSION"),
            self.dictionary_version
        ))
    }

    fn iri(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{path}", self.base))
    }
}

/// Collects quads in the default graph.
struct Sink<'a> {
    quads: &'a mut Vec<Quad>,
}

impl Sink<'_> {
    fn add<S>(&mut self, s: &S, p: NamedNodeRef<'_>, o: impl Into<Term>)
    where
        S: Clone + Into<NamedOrBlankNode>,
    {
        self.quads.push(Quad::new(
            s.clone(),
            p.into_owned(),
            o.into(),
            GraphName::DefaultGraph,
        ));
    }

    fn typed<S>(&mut self, s: &S, class: NamedNodeRef<'_>)
    where
        S: Clone + Into<NamedOrBlankNode>,
    {
        self.add(s, rdf::TYPE, class.into_owned());
    }
}

/// Appends the quads of the run's provenance: the activity, the software agent and the
/// dictionary it used. Written once per store.
pub fn provenance_quads(config: &MappingConfig, out: &mut Vec<Quad>) {
    let mut sink = Sink { quads: out };
    let activity = config.activity_iri();
    let agent = config.iri(&format!("software/paperkg/{}", env!("CARGO_PKG_VERSION")));
    let dictionary = config.iri(&format!("dictionary/{}", config.dictionary_version));
    sink.typed(&activity, prov::ACTIVITY);
    sink.add(&activity, prov::WAS_ASSOCIATED_WITH, agent.clone());
    sink.add(&activity, prov::USED, dictionary.clone());
    sink.typed(&agent, prov::SOFTWARE_AGENT);
    sink.typed(&agent, schema::SOFTWARE_APPLICATION);
    sink.add(&agent, schema::NAME, Literal::new_simple_literal("paperkg"));
    sink.add(
        &agent,
        schema::SOFTWARE_VERSION,
        Literal::new_simple_literal(env!("CARGO_PKG_VERSION")),
    );
    sink.typed(&dictionary, prov::ENTITY);
    sink.typed(&dictionary, pkg::DICTIONARY);
    sink.add(
        &dictionary,
        pkg::VERSION,
        Literal::new_simple_literal(&config.dictionary_version),
    );
}

/// Turns graphs into quads batch by batch. Each entity is described once per run, however many
/// batches mention it, and the papers mentioning each entity are counted for
/// [`QuadWriter::paper_count_quads`].
#[derive(Debug)]
pub struct QuadWriter {
    config: MappingConfig,
    described: HashSet<EntityId>,
    paper_counts: HashMap<EntityId, u64>,
    /// Hashes of the papers already counted: a paper given twice counts once.
    counted_papers: HashSet<u64>,
    /// The best result per (dataset id, metric id) among the papers of this run.
    boards: HashMap<(EntityId, EntityId), Leaderboard>,
    /// The task hierarchy: each described task is linked up to its root.
    hierarchy: Arc<TaskHierarchy>,
}

/// The best value reported for one dataset and metric, one result that reports it, and how many
/// papers report it. "Best" follows the metric's direction: the highest accuracy, the lowest
/// error rate.
#[derive(Clone, Debug, PartialEq)]
pub struct Leaderboard {
    /// The best value.
    pub best: f64,
    /// The first result seen with that value.
    pub result: NamedNode,
    /// The number of papers reporting that value.
    pub papers: u64,
    /// Which way the metric improves (from the metric dictionary's `@better`).
    pub direction: Direction,
    /// The paper counted last, so that one paper reporting the value twice counts once.
    last_paper: NamedNode,
}

impl Leaderboard {
    /// A board holding one result, ranked higher-is-better until [`Leaderboard::ranked`] says
    /// otherwise.
    pub fn new(best: f64, result: NamedNode, paper: NamedNode, papers: u64) -> Leaderboard {
        Leaderboard {
            best,
            result,
            papers,
            direction: Direction::Higher,
            last_paper: paper,
        }
    }

    /// The same board ranked in this direction.
    pub fn ranked(mut self, direction: Direction) -> Leaderboard {
        self.direction = direction;
        self
    }

    /// Takes in another paper's result: a better value replaces the best, an equal one counts
    /// one more paper.
    fn offer(&mut self, value: f64, result: &NamedNode, paper: &NamedNode) {
        if self.direction.beats(value, self.best) {
            *self =
                Leaderboard::new(value, result.clone(), paper.clone(), 1).ranked(self.direction);
        } else if value == self.best && *paper != self.last_paper {
            self.papers += 1;
            self.last_paper = paper.clone();
        }
    }

    /// Merges the board of later papers into this one (an `add` into a stored board). The later
    /// board's direction wins: it comes from the dictionary of this run, while a stored board
    /// does not record one.
    pub fn merge(&mut self, later: &Leaderboard) {
        self.direction = later.direction;
        if self.direction.beats(later.best, self.best) {
            *self = later.clone();
        } else if later.best == self.best {
            self.papers += later.papers;
        }
    }
}

impl QuadWriter {
    /// A writer for one run with this configuration.
    pub fn new(config: MappingConfig) -> QuadWriter {
        QuadWriter {
            config,
            described: HashSet::new(),
            paper_counts: HashMap::new(),
            counted_papers: HashSet::new(),
            boards: HashMap::new(),
            hierarchy: Arc::default(),
        }
    }

    /// Links every task this writer describes to its parent, grandparent and so on with
    /// `skos:broader`, describing those parents too, so that the store holds each task's whole
    /// chain up to the root whether or not a paper mentions the parents.
    pub fn with_hierarchy(self, hierarchy: TaskHierarchy) -> QuadWriter {
        self.with_shared_hierarchy(Arc::new(hierarchy))
    }

    /// As [`QuadWriter::with_hierarchy`], sharing a hierarchy that other writers use too (one
    /// writer per paper, as [`crate::nquads::PaperQuads`] makes them).
    pub fn with_shared_hierarchy(mut self, hierarchy: Arc<TaskHierarchy>) -> QuadWriter {
        self.hierarchy = hierarchy;
        self
    }

    /// Describes an entity once per run, and a task's chain of parents with it.
    fn describe(&mut self, sink: &mut Sink<'_>, entity: &EntityNode) {
        if !self.described.insert(entity.id.clone()) {
            return;
        }
        entity_quads(sink, &self.config, entity);
        if entity.entity_type != EntityType::Task {
            return;
        }
        for (child, parent) in self.hierarchy.ancestors(&entity.id) {
            let child = self.config.entity_iri(child);
            sink.add(&child, skos::BROADER, self.config.entity_iri(&parent.id));
            if self.described.insert(parent.id.clone()) {
                entity_quads(sink, &self.config, parent);
            }
        }
    }

    /// Appends the quads for every node and edge of `graph`, leaving out entities already
    /// described by an earlier call.
    pub fn graph(&mut self, graph: &KnowledgeGraph, out: &mut Vec<Quad>) {
        let mut sink = Sink { quads: out };
        let mut first_seen = HashSet::new();
        for index in graph.graph().node_indices() {
            let config = &self.config;
            match graph.node(index) {
                Node::Paper(paper) => {
                    let iri = config.paper_iri(paper);
                    if self
                        .counted_papers
                        .insert(fnv1a(paper.id.to_string().as_bytes()))
                    {
                        first_seen.insert(index);
                        offer_results(&mut self.boards, &iri, paper);
                    }
                    paper_quads(&mut sink, config, paper, iri);
                }
                Node::Entity(entity) => self.describe(&mut sink, entity),
                Node::Code(code) => {
                    let node = code_iri(config, &code.url);
                    sink.typed(&node, schema::SOFTWARE_SOURCE_CODE);
                    sink.add(&node, schema::CODE_REPOSITORY, url_term(&code.url));
                }
            }
        }
        for edge in graph.graph().edge_references() {
            let (source, target) = (graph.node(edge.source()), graph.node(edge.target()));
            if let (Edge::Mentions(_), Node::Entity(e)) = (edge.weight(), target) {
                if first_seen.contains(&edge.source()) {
                    *self.paper_counts.entry(e.id.clone()).or_default() += 1;
                }
            }
            edge_quads(&mut sink, &self.config, edge.weight(), source, target);
        }
    }

    /// The number of papers of this run that mention each entity, by entity id.
    pub fn paper_counts(&self) -> &HashMap<EntityId, u64> {
        &self.paper_counts
    }

    /// Appends one `pkg:paperCount` quad per entity seen in this run: the count for a fresh
    /// store. (`add` combines these counts with the ones already stored.)
    pub fn paper_count_quads(&self, out: &mut Vec<Quad>) {
        for (id, &count) in &self.paper_counts {
            out.push(paper_count_quad(self.config.entity_iri(id), count));
        }
    }

    /// The best result per (dataset id, metric id) among the papers of this run.
    pub fn leaderboards(&self) -> &HashMap<(EntityId, EntityId), Leaderboard> {
        &self.boards
    }

    /// Appends the quads of every leaderboard of this run (for a fresh store).
    pub fn leaderboard_quads(&self, out: &mut Vec<Quad>) {
        for ((dataset, metric), board) in &self.boards {
            leaderboard_quads(&self.config, dataset, metric, board, out);
        }
    }
}

/// Offers each of a paper's results with a dataset and a metric to its leaderboard.
fn offer_results(
    boards: &mut HashMap<(EntityId, EntityId), Leaderboard>,
    iri: &NamedNode,
    paper: &PaperNode,
) {
    for (i, result) in paper.results.iter().enumerate() {
        let (Some(dataset), Some(metric)) = (&result.dataset, &result.metric) else {
            continue;
        };
        if !result.value.is_finite() {
            continue;
        }
        let key = (dataset.id.clone(), metric.id.clone());
        let node = result_iri(iri, i);
        match boards.get_mut(&key) {
            Some(board) => board.offer(result.value, &node, iri),
            None => {
                let board = Leaderboard::new(result.value, node, iri.clone(), 1)
                    .ranked(result.better.unwrap_or_default());
                boards.insert(key, board);
            }
        }
    }
}

/// The IRI of a dataset and metric's leaderboard node.
pub fn leaderboard_iri(config: &MappingConfig, dataset: &EntityId, metric: &EntityId) -> NamedNode {
    config.iri(&format!("leaderboard/{dataset}/{metric}"))
}

/// The quads of one leaderboard: `pkg:Leaderboard` with `pkg:ofDataset`, `pkg:ofMetric`,
/// `pkg:bestValue` (`xsd:decimal`), `pkg:bestResult` and `pkg:bestPaperCount`.
pub fn leaderboard_quads(
    config: &MappingConfig,
    dataset: &EntityId,
    metric: &EntityId,
    board: &Leaderboard,
    out: &mut Vec<Quad>,
) {
    let mut sink = Sink { quads: out };
    let node = leaderboard_iri(config, dataset, metric);
    sink.typed(&node, pkg::LEADERBOARD);
    sink.add(&node, pkg::OF_DATASET, config.entity_iri(dataset));
    sink.add(&node, pkg::OF_METRIC, config.entity_iri(metric));
    sink.add(
        &node,
        pkg::BEST_VALUE,
        Literal::new_typed_literal(decimal(board.best), xsd::DECIMAL),
    );
    sink.add(&node, pkg::BEST_RESULT, board.result.clone());
    sink.add(
        &node,
        pkg::BEST_PAPER_COUNT,
        Literal::from(i64::try_from(board.papers).unwrap_or(i64::MAX)),
    );
}

/// The quad saying how many papers mention an entity. `build` writes one per entity; `add`
/// replaces it with a higher count.
pub fn paper_count_quad(entity: NamedNode, count: u64) -> Quad {
    Quad::new(
        entity,
        pkg::PAPER_COUNT,
        Literal::from(i64::try_from(count).unwrap_or(i64::MAX)),
        GraphName::DefaultGraph,
    )
}

fn edge_quads(
    sink: &mut Sink<'_>,
    config: &MappingConfig,
    edge: &Edge,
    source: &Node,
    target: &Node,
) {
    match (edge, source, target) {
        (Edge::Mentions(m), Node::Paper(p), Node::Entity(e)) => {
            mention_quads(sink, config, p, e, m);
        }
        (Edge::Introduces, Node::Paper(p), Node::Entity(e)) => {
            sink.add(
                &config.paper_iri(p),
                pkg::INTRODUCES,
                config.entity_iri(&e.id),
            );
        }
        (Edge::HasCode, Node::Paper(p), Node::Code(c)) => {
            sink.add(
                &config.paper_iri(p),
                pkg::HAS_CODE,
                code_iri(config, &c.url),
            );
        }
        // A task's parent is a broader task, not something it was derived from.
        (Edge::DerivedFrom { .. }, Node::Entity(a), Node::Entity(b))
            if a.entity_type == EntityType::Task && b.entity_type == EntityType::Task =>
        {
            let (child, parent) = (config.entity_iri(&a.id), config.entity_iri(&b.id));
            sink.add(&child, skos::BROADER, parent);
        }
        (Edge::DerivedFrom { fine_tuned }, Node::Entity(a), Node::Entity(b)) => {
            let (child, parent) = (config.entity_iri(&a.id), config.entity_iri(&b.id));
            sink.add(&child, prov::WAS_DERIVED_FROM, parent.clone());
            if *fine_tuned {
                sink.add(&child, fair4ml::FINE_TUNED_FROM, parent);
            }
        }
        _ => {}
    }
}

/// The paper's own quads; `iri` is its IRI (`config.paper_iri(paper)`).
fn paper_quads(sink: &mut Sink<'_>, config: &MappingConfig, paper: &PaperNode, iri: NamedNode) {
    sink.typed(&iri, schema::SCHOLARLY_ARTICLE);
    sink.add(
        &iri,
        dcterms::TITLE,
        Literal::new_simple_literal(&paper.title),
    );
    if !paper.abstract_text.is_empty() {
        sink.add(
            &iri,
            dcterms::ABSTRACT,
            Literal::new_simple_literal(&paper.abstract_text),
        );
    }
    sink.add(
        &iri,
        dcterms::IDENTIFIER,
        Literal::new_simple_literal(paper.id.to_string()),
    );
    if let Some(arxiv) = paper.id.arxiv() {
        let abs = format!("https://arxiv.org/abs/{arxiv}");
        sink.add(&iri, schema::SAME_AS, url_term(&abs));
    }
    // A source's own ids (OpenAlex, Semantic Scholar), linked to their pages: the paper's id
    // when it is one, and the ids the paper was read with besides it.
    if let Some(link) = paper.id.external_iri().filter(|_| is_source_id(&paper.id)) {
        sink.add(&iri, schema::SAME_AS, url_term(&link));
    }
    for id in &paper.other_ids {
        let literal = Literal::new_simple_literal(id.to_string());
        sink.add(&iri, schema::IDENTIFIER, literal);
        if let Some(link) = id.external_iri() {
            sink.add(&iri, schema::SAME_AS, url_term(&link));
        }
    }
    if let Some(doi) = &paper.doi {
        sink.add(
            &iri,
            schema::IDENTIFIER,
            Literal::new_simple_literal(format!("doi:{doi}")),
        );
        sink.add(
            &iri,
            schema::SAME_AS,
            url_term(&format!("https://doi.org/{doi}")),
        );
    }
    if let Some(authors) = &paper.authors {
        sink.add(&iri, dcterms::CREATOR, Literal::new_simple_literal(authors));
    }
    for category in &paper.categories {
        sink.add(
            &iri,
            dcterms::SUBJECT,
            Literal::new_simple_literal(category),
        );
    }
    if let Some(date) = paper.date {
        let datatype = if date.is_day() {
            xsd::DATE
        } else {
            xsd::G_YEAR_MONTH
        };
        sink.add(
            &iri,
            dcterms::DATE,
            Literal::new_typed_literal(date.to_string(), datatype),
        );
    }
    for field in ["title", "abstract"] {
        let part = NamedNode::new_unchecked(format!("{}#{field}", iri.as_str()));
        sink.add(&part, dcterms::IS_PART_OF, iri.clone());
    }
    sink.add(&iri, prov::WAS_GENERATED_BY, config.activity_iri());
    for (i, result) in paper.results.iter().enumerate() {
        result_quads(sink, config, &iri, i, result);
        let quote = paperkg_core::text::sentence_at(&paper.abstract_text, result.start, result.end);
        if !quote.is_empty() {
            let node = result_iri(&iri, i);
            sink.add(&node, pkg::QUOTE, Literal::new_simple_literal(quote));
        }
    }
}

/// The RDF classes of an entity type.
pub(crate) fn classes(entity_type: EntityType) -> &'static [NamedNodeRef<'static>] {
    match entity_type {
        EntityType::Model => &[mls::MODEL],
        EntityType::Dataset => &[schema::DATASET, mls::DATASET],
        EntityType::Metric => &[mls::EVALUATION_MEASURE],
        EntityType::Task => &[mls::TASK],
        EntityType::Method => &[mls::ALGORITHM],
        EntityType::Url => &[pkg::LINK],
    }
}

fn entity_quads(sink: &mut Sink<'_>, config: &MappingConfig, entity: &EntityNode) {
    let iri = config.entity_iri(&entity.id);
    for &class in classes(entity.entity_type) {
        sink.typed(&iri, class);
    }
    sink.add(
        &iri,
        pkg::ENTITY_TYPE,
        Literal::new_simple_literal(entity.entity_type.as_str()),
    );
    sink.add(
        &iri,
        skos::PREF_LABEL,
        Literal::new_simple_literal(&entity.name),
    );
    let mut keys = vec![name_key(&entity.name)];
    for alias in entity.aliases.iter().filter(|a| **a != entity.name) {
        sink.add(&iri, skos::ALT_LABEL, Literal::new_simple_literal(alias));
        keys.push(name_key(alias));
    }
    // Lookup keys let `paperkg lookup` find any alias through an index instead of a scan.
    keys.sort();
    keys.dedup();
    for key in keys.into_iter().filter(|k| !k.is_empty()) {
        sink.add(&iri, pkg::LOOKUP_KEY, Literal::new_simple_literal(key));
    }
    for id in &entity.external_ids {
        if let Some(iri_of_id) = external_iri(id) {
            sink.add(&iri, owl::SAME_AS, url_term(&iri_of_id));
        }
    }
    if let Some(kind) = entity.url_kind {
        sink.add(&iri, schema::URL, url_term(&entity.name));
        sink.add(
            &iri,
            pkg::LINK_KIND,
            Literal::new_simple_literal(kind.as_str()),
        );
    }
}

/// The IRI an external id stands for: `arxiv:ID`, `wikidata:Q..`, `hf:org/name`, `doi:...`.
pub(crate) fn external_iri(id: &str) -> Option<String> {
    let (scheme, value) = id.split_once(':')?;
    let iri = match scheme {
        "arxiv" => format!("https://arxiv.org/abs/{value}"),
        "wikidata" => format!("http://www.wikidata.org/entity/{value}"),
        "hf" => format!("https://huggingface.co/{value}"),
        "doi" => format!("https://doi.org/{value}"),
        _ => return None,
    };
    Some(iri)
}

fn mention_quads(
    sink: &mut Sink<'_>,
    config: &MappingConfig,
    paper: &PaperNode,
    entity: &EntityNode,
    edge: &MentionEdge,
) {
    let paper_iri = config.paper_iri(paper);
    let entity_iri = config.entity_iri(&entity.id);
    let predicate = if entity.entity_type == EntityType::Url {
        pkg::HAS_LINK
    } else {
        schema::MENTIONS
    };
    sink.add(&paper_iri, predicate, entity_iri.clone());
    let Some(first) = edge.mentions.first() else {
        return;
    };
    let annotation = annotation_node(&paper_iri, &entity.id);
    let source =
        NamedNode::new_unchecked(format!("{}#{}", paper_iri.as_str(), first.field.as_str()));
    sink.typed(&annotation, oa::ANNOTATION);
    sink.add(&annotation, oa::HAS_BODY, entity_iri);
    sink.add(&annotation, oa::HAS_TARGET, source);
    let spans: Vec<String> = edge
        .mentions
        .iter()
        .map(|m| format!("{}:{}-{}", m.field.as_str(), m.start, m.end))
        .collect();
    sink.add(
        &annotation,
        pkg::SPANS,
        Literal::new_simple_literal(spans.join(" ")),
    );
    // Stored so that counting mentions reads a number instead of parsing the spans.
    sink.add(
        &annotation,
        pkg::MENTION_COUNT,
        Literal::from(i64::try_from(spans.len()).unwrap_or(i64::MAX)),
    );
    sink.add(
        &annotation,
        pkg::QUOTE,
        Literal::new_simple_literal(&first.text),
    );
    sink.add(
        &annotation,
        pkg::FOUND_BY,
        Literal::new_simple_literal(edge.found_by.as_str()),
    );
    if edge.found_by != FoundBy::Dictionary && !edge.evidence.is_empty() {
        sink.add(
            &annotation,
            pkg::EVIDENCE,
            Literal::new_simple_literal(&edge.evidence),
        );
    }
    sink.add(
        &annotation,
        pkg::CONFIDENCE,
        Literal::new_typed_literal(confidence(edge.confidence), xsd::DECIMAL),
    );
}

/// The annotation of one paper and entity: a blank node whose id is a hash of the paper's IRI
/// and the entity's id. The same pair always gets the same node, so adding a paper twice does
/// not duplicate it and a reader can go straight to it; the store keeps the id inline instead
/// of as a string. The top hex digit is forced to a letter so the label is a valid XML name in
/// RDF/XML (`rdf:nodeID`).
pub fn annotation_node(paper_iri: &NamedNode, entity_id: &EntityId) -> BlankNode {
    let pair = format!("{}\u{0}{entity_id}", paper_iri.as_str());
    let reversed = format!("{entity_id}\u{0}{}", paper_iri.as_str());
    let id = (u128::from(fnv1a(pair.as_bytes())) << 64) | u128::from(fnv1a(reversed.as_bytes()));
    BlankNode::new_from_unique_id(id | (0xa << 124))
}

fn result_quads(
    sink: &mut Sink<'_>,
    config: &MappingConfig,
    paper_iri: &NamedNode,
    index: usize,
    result: &ResultRecord,
) {
    let node = result_iri(paper_iri, index);
    sink.typed(&node, mls::MODEL_EVALUATION);
    sink.add(
        &node,
        mls::HAS_VALUE,
        Literal::new_typed_literal(decimal(result.value), xsd::DECIMAL),
    );
    sink.add(
        &node,
        pkg::VALUE_TEXT,
        Literal::new_simple_literal(&result.value_text),
    );
    sink.add(&node, pkg::REPORTED_IN, paper_iri.clone());
    if let Some(unit) = &result.unit {
        sink.add(&node, pkg::UNIT, Literal::new_simple_literal(unit));
    }
    let link = |entity: &Option<ResultEntity>| entity.as_ref().map(|e| config.entity_iri(&e.id));
    if let Some(metric) = link(&result.metric) {
        // The metric's direction, so that a leaderboard read from the store alone (SPARQL,
        // `paperkg leaderboard`) ranks it the right way.
        if let Some(better) = result.better {
            sink.add(
                &metric,
                pkg::BETTER,
                Literal::new_simple_literal(better.as_str()),
            );
        }
        sink.add(&node, mls::SPECIFIED_BY, metric);
    }
    if let Some(model) = link(&result.model) {
        sink.add(&node, pkg::MODEL, model);
    }
    if let Some(dataset) = link(&result.dataset) {
        sink.add(&node, pkg::DATASET, dataset);
    }
}

/// The IRI of a paper's `index`-th result.
fn result_iri(paper_iri: &NamedNode, index: usize) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/result/{index}", paper_iri.as_str()))
}

/// A decimal literal's lexical form: no exponent, at least one fractional digit dropped when
/// zero.
fn decimal(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "0".to_string()
    }
}

/// A confidence to two places in the canonical `xsd:decimal` form a store keeps (`0.9`, `1`),
/// so that N-Quads written from the mapping hold the same literal as the store.
fn confidence(value: f32) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "" | "-" => "0".to_string(),
        text => text.to_string(),
    }
}

fn code_iri(config: &MappingConfig, url: &str) -> NamedNode {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    config.iri(&format!(
        "code/{}",
        percent_encode(&without_scheme.to_lowercase())
    ))
}

/// Whether the id is a bibliographic source's own (OpenAlex, Semantic Scholar), whose page
/// the paper is linked to.
fn is_source_id(id: &PaperId) -> bool {
    matches!(
        id,
        PaperId::OpenAlex(_) | PaperId::SemanticScholar(_) | PaperId::CorpusId(_)
    )
}

/// A URL as an IRI when it is one, otherwise as an `xsd:anyURI` literal.
fn url_term(url: &str) -> Term {
    match NamedNode::new(url) {
        Ok(node) => node.into(),
        Err(_) => Literal::new_typed_literal(url, xsd::ANY_URI).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::DEFAULT_BASE;
    use paperkg_core::corpus::Paper;
    use paperkg_core::extract::Extractor;

    /// The `schema:sameAs` objects of the quads written for one paper with this input id.
    fn same_as_for(input_id: &str) -> Vec<String> {
        let extractor = Extractor::builder()
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"));
        let paper = Paper {
            id: PaperId::choose(Some(input_id), None, "BERT on SQuAD"),
            title: "BERT on SQuAD".into(),
            abstract_text: "We fine-tune BERT on SQuAD.".into(),
            ..Paper::default()
        };
        let graph = KnowledgeGraph::from_extractions(&[extractor.extract(&paper)]);
        let config = MappingConfig {
            base: DEFAULT_BASE.into(),
            dictionary_version: "test".into(),
        };
        let mut quads = Vec::new();
        QuadWriter::new(config).graph(&graph, &mut quads);
        quads
            .iter()
            .filter(|q| q.predicate == schema::SAME_AS)
            .map(|q| q.object.to_string())
            .collect()
    }

    #[test]
    fn confidences_are_written_in_canonical_decimal_form() {
        for (value, text) in [
            (0.9, "0.9"),
            (1.0, "1"),
            (0.85, "0.85"),
            (0.0, "0"),
            (0.5, "0.5"),
        ] {
            assert_eq!(confidence(value), text, "{value}");
        }
    }

    #[test]
    fn a_local_id_that_looks_like_arxiv_gets_no_arxiv_link() {
        assert_eq!(same_as_for("arxiv:bogus"), Vec::<String>::new());
        assert_eq!(
            same_as_for("arXiv:2304.02643v2"),
            vec!["<https://arxiv.org/abs/2304.02643>".to_string()]
        );
    }
}

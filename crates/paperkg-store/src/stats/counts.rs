//! The counts `paperkg stats` prints, kept in the store so that reading them costs a few
//! quads instead of a scan.
//!
//! They live in their own named graph, [`pkg::STORE_COUNTS`], as one quad per count:
//! `<…vocab#storeCounts/papers> pkg:count 253`, `<…vocab#storeCounts/entities/model>
//! pkg:count 41`, and a `pkg:version` quad for the layout. The default graph, which every query,
//! lookup and export reads, holds none of them, and the triple count is of the quads outside
//! that graph.
//!
//! Each count is a function of the set of stored triples, so a triple that becomes stored changes
//! them the same way whoever writes it: [`StoreCounts::added`] is that change. A build works
//! out which of its quads are new without asking the store ([`BuildTally`]); an add asks its
//! transaction ([`AddTally`]), so the counts commit with the papers, or not at all.

use crate::rdf::vocab::{mls, pkg, rdf, schema};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term,
    TermRef,
};
use oxigraph::store::{StorageError, Store, Transaction};
use rustc_hash::{FxBuildHasher, FxHashSet};
use std::collections::BTreeMap;
use std::hash::BuildHasher;

/// The layout version written beside the counts; counts of another version are not read.
const LAYOUT_VERSION: &str = "1";

/// The counts of one store, as kept in it. Entity types are kept as stored (their text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct StoreCounts {
    pub(crate) papers: u64,
    pub(crate) entities: u64,
    pub(crate) entities_by_type: BTreeMap<String, u64>,
    pub(crate) mentions: u64,
    pub(crate) links: u64,
    pub(crate) code_repositories: u64,
    pub(crate) results: u64,
    pub(crate) triples: u64,
}

/// Which "is this the first such triple?" question [`StoreCounts::added`] asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum First {
    /// The first `pkg:entityType` triple of this subject: a new entity.
    Entity,
    /// The first `pkg:hasCode` triple with this object: a new code repository.
    Code,
}

/// The named graph that holds the counts.
fn graph() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(pkg::STORE_COUNTS)
}

/// The node a count is kept on: `…vocab#storeCounts/KEY`.
fn count_node(key: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}/{key}", pkg::STORE_COUNTS.as_str()))
}

impl StoreCounts {
    /// Counts one triple that has just become stored. `first` answers, before the triple is
    /// written, whether it is the first of its kind (see [`First`]).
    pub(crate) fn added(&mut self, quad: &Quad, first: &mut dyn FnMut(First, TermRef<'_>) -> bool) {
        self.triples += 1;
        let predicate = quad.predicate.as_ref();
        if predicate == rdf::TYPE {
            match &quad.object {
                Term::NamedNode(class) if class.as_ref() == schema::SCHOLARLY_ARTICLE => {
                    self.papers += 1;
                }
                Term::NamedNode(class) if class.as_ref() == mls::MODEL_EVALUATION => {
                    self.results += 1;
                }
                _ => {}
            }
        } else if predicate == schema::MENTIONS || predicate == pkg::HAS_LINK {
            self.links += 1;
        } else if predicate == pkg::MENTION_COUNT {
            if let Term::Literal(count) = &quad.object {
                self.mentions += count.value().parse::<u64>().unwrap_or(0);
            }
        } else if predicate == pkg::ENTITY_TYPE {
            if let Term::Literal(entity_type) = &quad.object {
                *self
                    .entities_by_type
                    .entry(entity_type.value().to_string())
                    .or_default() += 1;
            }
            if first(First::Entity, subject_term(&quad.subject)) {
                self.entities += 1;
            }
        } else if predicate == pkg::HAS_CODE && first(First::Code, quad.object.as_ref()) {
            self.code_repositories += 1;
        }
    }

    /// Counts one triple that is no longer stored. Returns `false` when the counts cannot
    /// follow (an entity's type or a code link removed: whether it was the last one is not
    /// known here), and then they must be dropped.
    pub(crate) fn removed(&mut self, quad: &Quad) -> bool {
        let predicate = quad.predicate.as_ref();
        if predicate == pkg::ENTITY_TYPE || predicate == pkg::HAS_CODE {
            return false;
        }
        let mut undo = StoreCounts::default();
        undo.added(quad, &mut |_, _| false);
        self.triples = self.triples.saturating_sub(undo.triples);
        self.papers = self.papers.saturating_sub(undo.papers);
        self.results = self.results.saturating_sub(undo.results);
        self.links = self.links.saturating_sub(undo.links);
        self.mentions = self.mentions.saturating_sub(undo.mentions);
        true
    }

    /// The quads that keep these counts in the store.
    pub(crate) fn to_quads(&self) -> Vec<Quad> {
        let graph: GraphName = graph().into_owned();
        let count = |key: &str, n: u64| {
            Quad::new(
                count_node(key),
                pkg::COUNT,
                Literal::from(i64::try_from(n).unwrap_or(i64::MAX)),
                graph.clone(),
            )
        };
        let mut quads = vec![
            Quad::new(
                pkg::STORE_COUNTS,
                pkg::VERSION,
                Literal::new_simple_literal(LAYOUT_VERSION),
                graph.clone(),
            ),
            count("papers", self.papers),
            count("entities", self.entities),
            count("mentions", self.mentions),
            count("links", self.links),
            count("code-repositories", self.code_repositories),
            count("results", self.results),
            count("triples", self.triples),
        ];
        for (entity_type, n) in self.entities_by_type.iter().filter(|(_, n)| **n > 0) {
            quads.push(count(&format!("entities/{entity_type}"), *n));
        }
        quads
    }

    /// The counts kept in `quads` (those of the counts graph); `None` when they are not all
    /// there or are of another layout.
    pub(crate) fn from_quads(quads: impl IntoIterator<Item = Quad>) -> Option<StoreCounts> {
        let prefix = format!("{}/", pkg::STORE_COUNTS.as_str());
        let mut counts = StoreCounts::default();
        let (mut version, mut seen) = (false, 0);
        for quad in quads {
            if quad.subject.as_ref() == NamedOrBlankNodeRef::from(pkg::STORE_COUNTS) {
                version |= quad.predicate == pkg::VERSION
                    && matches!(&quad.object, Term::Literal(l) if l.value() == LAYOUT_VERSION);
                continue;
            }
            let (NamedOrBlankNode::NamedNode(node), Term::Literal(value)) =
                (&quad.subject, &quad.object)
            else {
                return None;
            };
            let key = node.as_str().strip_prefix(&prefix)?;
            let n = value.value().parse::<u64>().ok()?;
            let field = match key {
                "papers" => &mut counts.papers,
                "entities" => &mut counts.entities,
                "mentions" => &mut counts.mentions,
                "links" => &mut counts.links,
                "code-repositories" => &mut counts.code_repositories,
                "results" => &mut counts.results,
                "triples" => &mut counts.triples,
                other => {
                    let entity_type = other.strip_prefix("entities/")?;
                    counts.entities_by_type.insert(entity_type.to_string(), n);
                    continue;
                }
            };
            *field = n;
            seen += 1;
        }
        (version && seen == 7).then_some(counts)
    }

    /// The counts kept in `store`, if it keeps them.
    pub(crate) fn read(store: &Store) -> Result<Option<StoreCounts>, StorageError> {
        let quads = store
            .quads_for_pattern(None, None, None, Some(graph()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StoreCounts::from_quads(quads))
    }

    /// Replaces the counts kept in the store with these, inside `transaction`.
    pub(crate) fn write(&self, transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
        remove_kept(transaction)?;
        for quad in self.to_quads() {
            transaction.insert(&quad);
        }
        Ok(())
    }
}

/// Whether `quad` is one of the counts a store keeps (in their own graph).
pub fn is_kept_count(quad: &Quad) -> bool {
    quad.graph_name.as_ref() == graph()
}

/// The quads of the counts graph: how many there are is taken off a store's length.
pub(crate) fn kept_quads(store: &Store) -> Result<u64, StorageError> {
    let mut n = 0;
    for quad in store.quads_for_pattern(None, None, None, Some(graph())) {
        quad?;
        n += 1;
    }
    Ok(n)
}

/// Removes whatever counts the store keeps, inside `transaction`.
fn remove_kept(transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
    let old = transaction
        .quads_for_pattern(None, None, None, Some(graph()))
        .collect::<Result<Vec<_>, _>>()?;
    for quad in &old {
        transaction.remove(quad);
    }
    Ok(())
}

fn subject_term(subject: &NamedOrBlankNode) -> TermRef<'_> {
    match subject {
        NamedOrBlankNode::NamedNode(n) => n.as_ref().into(),
        NamedOrBlankNode::BlankNode(b) => b.as_ref().into(),
    }
}

/// The counts of a build, worked out from the quads as they are loaded, so that the new
/// store is never scanned.
///
/// The bulk loader stores each distinct quad once, so the tally must know which quads it has
/// already counted, without keeping every quad of a large build:
/// - within one chunk, every quad is checked against the others of the chunk;
/// - across chunks, only quads that are not a paper's own are remembered (entities, code,
///   leaderboards, provenance). A paper's own quads (its IRI and the IRIs under it, its
///   annotations, which are blank nodes) come in the one chunk that holds the paper.
///
/// That last rule holds when every paper is in one chunk, as the pipeline guarantees (it
/// keeps the first record of an id). A paper met again in a later chunk makes the tally
/// inexact, and [`BuildTally::finish`] says so: the build then counts by scanning.
pub(crate) struct BuildTally {
    counts: StoreCounts,
    paper_prefix: String,
    shared: FxHashSet<Quad>,
    /// Hashes of the papers of earlier chunks (a false match only costs the scan).
    papers: FxHashSet<u64>,
    entities: FxHashSet<NamedOrBlankNode>,
    code: FxHashSet<Term>,
    exact: bool,
}

impl BuildTally {
    /// A tally for a build whose papers' IRIs start with `paper_prefix`.
    pub(crate) fn new(paper_prefix: String) -> BuildTally {
        BuildTally {
            counts: StoreCounts::default(),
            paper_prefix,
            shared: FxHashSet::default(),
            papers: FxHashSet::default(),
            entities: FxHashSet::default(),
            code: FxHashSet::default(),
            exact: true,
        }
    }

    /// Counts a chunk of quads handed to the loader.
    pub(crate) fn chunk(&mut self, quads: &[Quad]) {
        let mut in_chunk: FxHashSet<&Quad> =
            FxHashSet::with_capacity_and_hasher(quads.len(), FxBuildHasher);
        let mut chunk_papers = Vec::new();
        let (entities, code) = (&mut self.entities, &mut self.code);
        for quad in quads {
            if !in_chunk.insert(quad) {
                continue;
            }
            let own = is_papers_own(quad, &self.paper_prefix);
            if !own && !self.shared.insert(quad.clone()) {
                continue;
            }
            if own && quad.predicate == rdf::TYPE && is_paper_class(&quad.object) {
                let hash = FxBuildHasher.hash_one(&quad.subject);
                self.exact &= !self.papers.contains(&hash);
                chunk_papers.push(hash);
            }
            self.counts.added(quad, &mut |first, term| match first {
                First::Entity => match term {
                    TermRef::NamedNode(n) => entities.insert(n.into_owned().into()),
                    TermRef::BlankNode(b) => entities.insert(b.into_owned().into()),
                    TermRef::Literal(_) => false,
                },
                First::Code => code.insert(term.into_owned()),
            });
        }
        self.papers.extend(chunk_papers);
    }

    /// The counts of everything tallied, or `None` when a paper came in two chunks and the
    /// tally cannot be trusted.
    pub(crate) fn finish(self) -> Option<StoreCounts> {
        self.exact.then_some(self.counts)
    }
}

fn is_paper_class(term: &Term) -> bool {
    matches!(term, Term::NamedNode(class) if class.as_ref() == schema::SCHOLARLY_ARTICLE)
}

/// Whether a quad belongs to one paper alone: its subject is an annotation (a blank node made
/// from the paper's IRI) or the paper's IRI or one under it (`#title`, `/result/0`).
fn is_papers_own(quad: &Quad, paper_prefix: &str) -> bool {
    match &quad.subject {
        NamedOrBlankNode::BlankNode(_) => true,
        NamedOrBlankNode::NamedNode(n) => n.as_str().starts_with(paper_prefix),
    }
}

/// The counts of an add, kept in step inside its transaction: before each quad is written the
/// transaction says whether the store already holds it. A store that keeps no counts (made
/// by an older paperkg) is left without them, and nothing is looked up.
pub(crate) struct AddTally {
    counts: Option<StoreCounts>,
    /// Set when the store kept counts that this add could not follow: they are removed.
    dropped: bool,
}

impl AddTally {
    /// Reads the counts the store keeps, through `transaction`.
    pub(crate) fn start(transaction: &Transaction<'_>) -> Result<AddTally, StorageError> {
        let quads = transaction
            .quads_for_pattern(None, None, None, Some(graph()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(AddTally {
            counts: StoreCounts::from_quads(quads),
            dropped: false,
        })
    }

    /// Writes `quad`, counting it when the store did not hold it.
    pub(crate) fn insert(
        &mut self,
        transaction: &mut Transaction<'_>,
        quad: &Quad,
    ) -> Result<(), StorageError> {
        if let Some(counts) = &mut self.counts {
            let reader: &Transaction<'_> = transaction;
            if !reader.contains(quad)? {
                let mut error = None;
                counts.added(quad, &mut |first, term| {
                    first_in(reader, first, term).unwrap_or_else(|e| {
                        error = Some(e);
                        false
                    })
                });
                if let Some(e) = error {
                    return Err(e);
                }
            }
        }
        transaction.insert(quad);
        Ok(())
    }

    /// Removes `quad`, counting it when the store held it.
    pub(crate) fn remove(
        &mut self,
        transaction: &mut Transaction<'_>,
        quad: &Quad,
    ) -> Result<(), StorageError> {
        if let Some(counts) = &mut self.counts {
            if transaction.contains(quad)? && !counts.removed(quad) {
                self.counts = None;
                self.dropped = true;
            }
        }
        transaction.remove(quad);
        Ok(())
    }

    /// Writes the counts back (or removes counts it could not follow).
    pub(crate) fn finish(self, transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
        match self.counts {
            Some(counts) => counts.write(transaction),
            None if self.dropped => remove_kept(transaction),
            None => Ok(()),
        }
    }
}

/// Whether the store (as the transaction sees it) has no triple of this kind yet.
fn first_in(
    transaction: &Transaction<'_>,
    first: First,
    term: TermRef<'_>,
) -> Result<bool, StorageError> {
    let default = Some(GraphNameRef::DefaultGraph);
    let mut existing = match (first, term) {
        (First::Entity, TermRef::NamedNode(n)) => {
            transaction.quads_for_pattern(Some(n.into()), Some(pkg::ENTITY_TYPE), None, default)
        }
        (First::Entity, TermRef::BlankNode(b)) => {
            transaction.quads_for_pattern(Some(b.into()), Some(pkg::ENTITY_TYPE), None, default)
        }
        (First::Entity, TermRef::Literal(_)) => return Ok(false),
        (First::Code, object) => {
            transaction.quads_for_pattern(None, Some(pkg::HAS_CODE), Some(object), default)
        }
    };
    Ok(existing.next().transpose()?.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdf::mapping::{provenance_quads, QuadWriter};
    use crate::rdf::vocab::DEFAULT_BASE;
    use crate::rdf::MappingConfig;
    use crate::stats::{counted, scan, Source};
    use paperkg_core::corpus::{Paper, PaperId};
    use paperkg_core::extract::{Extractor, PaperExtraction};
    use paperkg_core::graph::KnowledgeGraph;

    fn extractions(extractor: &Extractor, papers: &[(&str, &str)]) -> Vec<PaperExtraction> {
        papers
            .iter()
            .map(|(id, text)| {
                extractor.extract(&Paper {
                    id: PaperId::Local((*id).into()),
                    title: format!("Paper {id}"),
                    abstract_text: (*text).into(),
                    ..Paper::default()
                })
            })
            .collect()
    }

    fn quads_of(writer: &mut QuadWriter, batch: &[PaperExtraction]) -> Vec<Quad> {
        let mut quads = Vec::new();
        writer.graph(&KnowledgeGraph::from_extractions(batch), &mut quads);
        quads
    }

    #[test]
    fn counts_kept_through_a_build_and_an_add_are_what_a_scan_counts() {
        let extractor = Extractor::builder()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let config = MappingConfig {
            base: DEFAULT_BASE.into(),
            dictionary_version: "test".into(),
        };
        let store = Store::new().unwrap_or_else(|e| panic!("{e}"));
        let mut writer = QuadWriter::new(config.clone());
        let mut tally = BuildTally::new(crate::update::paper_prefix(&config));
        let load = |quads: Vec<Quad>, tally: &mut BuildTally| {
            tally.chunk(&quads);
            store.extend(quads).unwrap_or_else(|e| panic!("{e}"));
        };
        let mut first = Vec::new();
        provenance_quads(&config, &mut first);
        load(first, &mut tally);
        let text = "We fine-tune BERT on SQuAD and reach 91.2 F1 (code: https://github.com/a/b).";
        for batch in [
            vec![
                ("p1", text),
                ("p2", "RoBERTa and BERT on GLUE; BERT is strong."),
            ],
            vec![("p3", "BERT on SQuAD again, 90.1 F1. https://github.com/a/b")],
        ] {
            let quads = quads_of(&mut writer, &extractions(&extractor, &batch));
            load(quads, &mut tally);
        }
        let mut last = Vec::new();
        writer.paper_count_quads(&mut last);
        load(last, &mut tally);
        let kept = tally
            .finish()
            .unwrap_or_else(|| panic!("the tally is exact"));
        store
            .extend(kept.to_quads())
            .unwrap_or_else(|e| panic!("{e}"));
        let found = counted(&store).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.source, Source::Stored);
        assert_eq!(found.stats, scan(&store).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(found.stats.papers, 3);
        assert!(found.stats.code_repositories == 1 && found.stats.results >= 2);

        // An add: a new paper, a stored one again, and a count replaced.
        let mut writer = QuadWriter::new(config);
        let batch = extractions(&extractor, &[("p4", "XLNet on SQuAD."), ("p1", text)]);
        let mut transaction = store.start_transaction().unwrap_or_else(|e| panic!("{e}"));
        let mut add = AddTally::start(&transaction).unwrap_or_else(|e| panic!("{e}"));
        let mut quads = quads_of(&mut writer, &batch);
        writer.paper_count_quads(&mut quads);
        for quad in &quads {
            add.insert(&mut transaction, quad)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let old = quads
            .iter()
            .find(|q| q.predicate == pkg::PAPER_COUNT)
            .unwrap_or_else(|| panic!("a paper count"))
            .clone();
        add.remove(&mut transaction, &old)
            .unwrap_or_else(|e| panic!("{e}"));
        add.finish(&mut transaction)
            .unwrap_or_else(|e| panic!("{e}"));
        transaction.commit().unwrap_or_else(|e| panic!("{e}"));
        let found = counted(&store).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found.source, Source::Stored);
        assert_eq!(found.stats, scan(&store).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(found.stats.papers, 4);
        assert!(found.stats.entities > 3, "{:?}", found.stats);
    }
}

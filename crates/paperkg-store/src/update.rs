//! Writing papers into a store: [`build`] a fresh one, or [`add`] papers to an existing one.
//!
//! Both take a *feed*: a function that runs the extraction however the caller likes (the
//! pipeline over files, a list of papers in memory) and hands each batch of extractions to the
//! [`BatchSink`] it is given. The graph of each batch is mapped to quads and written; the
//! entities' paper counts and the leaderboards are written at the end, and the graph index
//! beside the store is kept in step.
//!
//! What `add` means is defined here:
//! - a paper the store already holds (it has a title there) is kept as it is, and handed back
//!   to the feed, so that it can say so;
//! - an entity's `pkg:paperCount` rises by the number of papers that newly mention it (a
//!   mention already stored does not count twice);
//! - the added papers' leaderboards merge into the stored ones (a higher value replaces a
//!   stored best, an equal one adds its papers to the count).
//!
//! Either way the whole run is one change: if the feed returns an error, the store is left as
//! it was.
//!
//! ```
//! use paperkg_core::corpus::{Paper, PaperId};
//! use paperkg_core::extract::Extractor;
//! use paperkg_store::rdf::{vocab::DEFAULT_BASE, MappingConfig, StoreError, StoreLocation, TaskHierarchy};
//! use paperkg_store::update::{add, build, UpdateError};
//!
//! let extractor = Extractor::builder().build()?;
//! let paper = |id: &str, abstract_text: &str| Paper {
//!     id: PaperId::Local(id.into()),
//!     title: format!("Paper {id}"),
//!     abstract_text: abstract_text.into(),
//!     ..Paper::default()
//! };
//! let config = MappingConfig { base: DEFAULT_BASE.into(), dictionary_version: "doc".into() };
//! let hierarchy = || TaskHierarchy::from_dictionary(extractor.dictionary());
//! let dir = std::env::temp_dir().join(format!("paperkg-update-doc-{}", std::process::id()));
//! let location = StoreLocation::resolve(Some(&dir));
//!
//! let first = vec![extractor.extract(&paper("p1", "We fine-tune BERT on SQuAD."))];
//! let built = build(&location, config.clone(), hierarchy(), |sink| {
//!     sink(first).map(drop).map_err(UpdateError::from)
//! })?;
//! assert!(built.triples_stored > 0);
//!
//! // Adding p1 again keeps the stored p1; p2 is new.
//! let more = vec![
//!     extractor.extract(&paper("p1", "We fine-tune BERT on SQuAD.")),
//!     extractor.extract(&paper("p2", "BERT again, on GLUE.")),
//! ];
//! let added = add(&location, config, hierarchy(), |sink| {
//!     let kept = sink(more)?;
//!     assert_eq!(kept[0].id, PaperId::Local("p1".into()));
//!     Ok::<(), UpdateError>(())
//! })?;
//! assert_eq!(added.kept, 1);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::index::placement::{settle, write_built, AddIndex};
use crate::index::{IndexBuilder, IndexError};
use crate::leaderboard::upgrade::OldBoards;
use crate::rdf::mapping::{
    leaderboard_iri, leaderboard_quads, paper_count_quad, provenance_quads, Leaderboard, QuadWriter,
};
use crate::rdf::store::LoadBudget;
use crate::rdf::vocab::{dcterms, pkg, schema};
use crate::rdf::{MappingConfig, StoreError, StoreLocation, TaskHierarchy};
use crate::stats::{AddTally, BuildTally};
use oxigraph::model::{Quad, Term};
use oxigraph::store::{StorageError, Transaction};
use paperkg_core::corpus::{Paper, PaperId};
use paperkg_core::extract::PaperExtraction;
use paperkg_core::graph::KnowledgeGraph;
use std::collections::HashMap;

/// Where a feed hands each batch of extractions. It answers with the papers of the batch that
/// the store already held and kept as they were (never any in a [`build`]); a store error ends
/// the run, and the feed should return it.
pub type BatchSink<'a> = dyn FnMut(Vec<PaperExtraction>) -> Result<Vec<Paper>, StoreError> + 'a;

/// Why a build or an add failed, for callers with no error type of their own.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The store could not be opened or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The graph index beside the store could not be written.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// What a [`build`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Built {
    /// The triples in the new store, as the store counts them (a quad that two batches write
    /// is stored once).
    pub triples_stored: usize,
}

/// What an [`add`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Added {
    /// The triples written for the new papers, before the paper counts and leaderboards.
    pub triples_written: usize,
    /// Papers the store already held, kept as they were.
    pub kept: usize,
    /// Stored leaderboards of lower-is-better metrics that an older paperkg had ranked
    /// higher-is-better, recomputed by this add (once per store).
    pub boards_upgraded: usize,
}

/// Builds a fresh store at `location` from what `feed` hands its sink, replacing an existing
/// store only when the build succeeds (see [`StoreLocation::build_with`]). A store that is not
/// one paperkg built is refused ([`StoreLocation::check_buildable`]).
pub fn build<E>(
    location: &StoreLocation,
    config: MappingConfig,
    hierarchy: TaskHierarchy,
    feed: impl FnOnce(&mut BatchSink<'_>) -> Result<(), E>,
) -> Result<Built, E>
where
    E: From<StoreError> + From<IndexError>,
{
    build_within(location, config, hierarchy, LoadBudget::default(), feed)
}

/// As [`build`], with the loader's memory `budget` given (a larger one writes fewer, larger
/// sorted files; see [`LoadBudget`]).
pub fn build_within<E>(
    location: &StoreLocation,
    config: MappingConfig,
    hierarchy: TaskHierarchy,
    budget: LoadBudget,
    feed: impl FnOnce(&mut BatchSink<'_>) -> Result<(), E>,
) -> Result<Built, E>
where
    E: From<StoreError> + From<IndexError>,
{
    location.check_buildable()?;
    let mut writer = QuadWriter::new(config.clone()).with_hierarchy(hierarchy);
    let mut kept_triples = None;
    location.build_within(
        budget,
        |load| {
            let mut index = IndexBuilder::new();
            let mut tally = BuildTally::new(paper_prefix(&config));
            let mut push = |quads: Vec<Quad>| {
                index.chunk(&quads);
                tally.chunk(&quads);
                load(quads)
            };
            let mut quads = Vec::new();
            provenance_quads(&config, &mut quads);
            push(quads)?;
            feed(&mut |batch: Vec<PaperExtraction>| {
                let mut quads = Vec::new();
                writer.graph(&KnowledgeGraph::from_extractions(&batch), &mut quads);
                push(quads).map(|()| Vec::new())
            })?;
            let mut counts = Vec::new();
            writer.paper_count_quads(&mut counts);
            writer.leaderboard_quads(&mut counts);
            push(counts)?;
            // The counts go in with the last batch, so the store has them from its first
            // moment; they are not part of what they count.
            if let Some(counts) = tally.finish() {
                kept_triples = Some(counts.triples);
                load(counts.to_quads())?;
            }
            Ok(index)
        },
        |index, dir| write_built(dir, &index.finish()).map_err(E::from),
    )?;
    let triples_stored = match kept_triples {
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
        // A paper came twice and the tally could not count: the store keeps no counts.
        None => location
            .open_read()?
            .len()
            .map_err(|e| location.storage_error(e))?,
    };
    Ok(Built { triples_stored })
}

/// Adds what `feed` hands its sink to the existing store at `location`, in one transaction:
/// papers already stored are kept as they are (and handed back), paper counts rise by the new
/// mentions, leaderboards merge, and the graph index is brought up to date after the commit.
pub fn add<E>(
    location: &StoreLocation,
    config: MappingConfig,
    hierarchy: TaskHierarchy,
    feed: impl FnOnce(&mut BatchSink<'_>) -> Result<(), E>,
) -> Result<Added, E>
where
    E: From<StoreError> + From<IndexError>,
{
    drop(location.open_read()?);
    let mut writer = QuadWriter::new(config.clone()).with_hierarchy(hierarchy);
    let mut added = Added {
        triples_written: 0,
        kept: 0,
        boards_upgraded: 0,
    };
    let mut index_pending = false;
    let storage = |e| location.storage_error(e);
    location.add(|transaction| {
        let mut index = AddIndex::start(location.path(), transaction)?;
        let old_boards = OldBoards::find(transaction).map_err(storage)?;
        let mut tally = AddTally::start(transaction).map_err(storage)?;
        let mut quads = Vec::new();
        provenance_quads(&config, &mut quads);
        for quad in quads.drain(..) {
            tally.insert(transaction, &quad).map_err(storage)?;
        }
        let mut new_mentions = NewMentions::default();
        feed(&mut |batch: Vec<PaperExtraction>| {
            let (stored, batch): (Vec<_>, Vec<_>) = batch
                .into_iter()
                .partition(|e| in_store(transaction, &config, &e.paper));
            added.kept += stored.len();
            writer.graph(&KnowledgeGraph::from_extractions(&batch), &mut quads);
            new_mentions.insert(transaction, &quads).map_err(storage)?;
            index.chunk(&quads);
            added.triples_written += quads.len();
            for quad in quads.drain(..) {
                tally.insert(transaction, &quad).map_err(storage)?;
            }
            Ok(stored.into_iter().map(|e| e.paper).collect())
        })?;
        new_mentions
            .update_counts(transaction, &mut tally)
            .and_then(|()| update_leaderboards(transaction, &mut tally, &config, &writer))
            .and_then(|()| old_boards.recompute(transaction, &mut tally, &config))
            .map(|n| added.boards_upgraded = n)
            .and_then(|()| tally.finish(transaction))
            .map_err(storage)?;
        // Written before the commit; put in place after it (see `crate::index::placement`).
        index_pending = index.prepare()?;
        Ok::<(), E>(())
    })?;
    if index_pending {
        settle(location.path())?;
    }
    Ok(added)
}

/// How many papers newly mention each entity, so that `pkg:paperCount` can be raised by
/// exactly that much. A mention already in the store (a paper added again) does not count
/// twice.
#[derive(Default)]
struct NewMentions {
    per_entity: HashMap<Term, u64>,
}

impl NewMentions {
    /// Counts the mention quads among `quads` that the store does not hold yet.
    fn insert(
        &mut self,
        transaction: &Transaction<'_>,
        quads: &[Quad],
    ) -> Result<(), StorageError> {
        for quad in quads.iter().filter(|q| is_mention(q)) {
            let known = transaction.contains(quad)?;
            if !known {
                *self.per_entity.entry(quad.object.clone()).or_default() += 1;
            }
        }
        Ok(())
    }

    /// Replaces each entity's stored paper count with the old count plus the new mentions.
    fn update_counts(
        self,
        transaction: &mut Transaction<'_>,
        tally: &mut AddTally,
    ) -> Result<(), StorageError> {
        for (entity, added) in self.per_entity {
            let Term::NamedNode(entity) = entity else {
                continue;
            };
            let old: Vec<Quad> = transaction
                .quads_for_pattern(
                    Some(entity.as_ref().into()),
                    Some(pkg::PAPER_COUNT),
                    None,
                    None,
                )
                .collect::<Result<_, _>>()?;
            let before = old
                .iter()
                .filter_map(|q| match &q.object {
                    Term::Literal(l) => l.value().parse::<u64>().ok(),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            for quad in &old {
                tally.remove(transaction, quad)?;
            }
            tally.insert(transaction, &paper_count_quad(entity, before + added))?;
        }
        Ok(())
    }
}

/// Merges the leaderboards of the added papers into the stored ones: a higher value replaces
/// a stored best, an equal one adds its papers to the count.
fn update_leaderboards(
    transaction: &mut Transaction<'_>,
    tally: &mut AddTally,
    config: &MappingConfig,
    writer: &QuadWriter,
) -> Result<(), StorageError> {
    for ((dataset, metric), added) in writer.leaderboards() {
        let node = leaderboard_iri(config, dataset, metric);
        let old: Vec<Quad> = transaction
            .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
            .collect::<Result<_, _>>()?;
        let board = match stored_leaderboard(&old) {
            Some(mut stored) => {
                stored.merge(added);
                stored
            }
            None => added.clone(),
        };
        for quad in &old {
            tally.remove(transaction, quad)?;
        }
        let mut quads = Vec::new();
        leaderboard_quads(config, dataset, metric, &board, &mut quads);
        for quad in &quads {
            tally.insert(transaction, quad)?;
        }
    }
    Ok(())
}

/// A leaderboard as stored, from its node's quads; `None` if there is none or it is incomplete.
fn stored_leaderboard(quads: &[Quad]) -> Option<Leaderboard> {
    let object = |predicate| {
        quads
            .iter()
            .find(|q| q.predicate == predicate)
            .map(|q| &q.object)
    };
    let number = |predicate| match object(predicate) {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        _ => None,
    };
    let best = number(pkg::BEST_VALUE)?.parse::<f64>().ok()?;
    let papers = number(pkg::BEST_PAPER_COUNT)?.parse::<u64>().ok()?;
    let Some(Term::NamedNode(result)) = object(pkg::BEST_RESULT) else {
        return None;
    };
    // The stored board's last paper is not needed: added papers are never stored ones.
    Some(Leaderboard::new(
        best,
        result.clone(),
        result.clone(),
        papers,
    ))
}

/// What every paper's IRI starts with under this configuration.
pub(crate) fn paper_prefix(config: &MappingConfig) -> String {
    let id = PaperId::Local("x".into());
    let iri = config.paper_iri_for(&id);
    let segment = id.iri_segment();
    iri.as_str()
        .strip_suffix(segment.as_str())
        .unwrap_or(iri.as_str())
        .to_string()
}

fn is_mention(quad: &Quad) -> bool {
    quad.predicate == schema::MENTIONS || quad.predicate == pkg::HAS_LINK
}

/// Whether the store already holds this paper (it has a title there): `add` keeps a stored
/// paper as it is rather than giving it a second title and abstract.
fn in_store(transaction: &Transaction<'_>, config: &MappingConfig, paper: &Paper) -> bool {
    let iri = config.paper_iri_for(&paper.id);
    matches!(
        transaction
            .quads_for_pattern(Some(iri.as_ref().into()), Some(dcterms::TITLE), None, None)
            .next(),
        Some(Ok(_))
    )
}

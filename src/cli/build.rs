//! `paperkg build` and `paperkg add`: extraction, the graph per batch, its quads, the store.

use super::{InputArgs, StoreArgs};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oxigraph::model::{Quad, Term};
use oxigraph::store::{StorageError, Transaction};
use paperkg_core::extract::PaperExtraction;
use paperkg_core::graph::KnowledgeGraph;
use paperkg_core::pipeline::Summary;
use paperkg_store::index::placement::{settle, write_built, AddIndex};
use paperkg_store::index::IndexBuilder;
use paperkg_store::rdf::mapping::{
    leaderboard_iri, leaderboard_quads, paper_count_quad, provenance_quads, Leaderboard, QuadWriter,
};
use paperkg_store::rdf::vocab::dcterms;
use paperkg_store::rdf::vocab::DEFAULT_BASE;
use paperkg_store::rdf::vocab::{pkg, schema};
use paperkg_store::rdf::{MappingConfig, StoreError, StoreLocation, TaskHierarchy};
use std::collections::HashMap;
use std::time::Instant;

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg build papers.jsonl                       into ./paperkg-store
  paperkg --store my-store build a.jsonl b.txt.gz
  paperkg add new-papers.jsonl --store my-store    (add: papers already stored are kept)")]
pub(super) struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Base IRI for papers, entities and annotations.
    #[arg(long, default_value = DEFAULT_BASE)]
    base: String,
    /// Write the store even when no paper could be read from the inputs (by default that is
    /// an error, and the store is left as it was).
    #[arg(long)]
    allow_empty: bool,
}

impl BuildArgs {
    /// These arguments with the store the global `--store` names.
    pub(super) fn with_store(mut self, store: StoreArgs) -> BuildArgs {
        self.store = store;
        self
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Build,
    Add,
}

/// Errors of the load closure: the store's, or the pipeline's.
#[derive(Debug, thiserror::Error)]
enum LoadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

pub(super) fn run(args: BuildArgs, mode: Mode) -> anyhow::Result<()> {
    oxigraph::model::NamedNode::new(&args.base)
        .with_context(|| format!("--base {:?} is not an IRI", args.base))?;
    let location = args.store.location();
    match mode {
        Mode::Build => location.check_buildable()?,
        Mode::Add => drop(location.open_read()?),
    }
    let started = Instant::now();
    let extractor = args.input.extractor()?;
    let config = MappingConfig {
        base: args.base.clone(),
        dictionary_version: extractor.dictionary().version().to_string(),
    };
    let progress = if super::verbosity() == super::Verbosity::Quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {human_pos} papers ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut writer = QuadWriter::new(config.clone())
        .with_hierarchy(TaskHierarchy::from_dictionary(extractor.dictionary()));
    let mut triples_loaded = 0usize;
    let mut kept_as_is = 0usize;
    let mut index_pending = false;
    let outcome = match mode {
        Mode::Build => location.build_with(
            |push| {
                let mut index = IndexBuilder::new();
                let mut push = |quads: Vec<Quad>| {
                    index.chunk(&quads);
                    push(quads)
                };
                let mut quads = Vec::new();
                provenance_quads(&config, &mut quads);
                push(quads)?;
                let summary = pipe(&args.input, &extractor, &progress, |batch| {
                    let graph = KnowledgeGraph::from_extractions(&batch);
                    let mut quads = Vec::new();
                    writer.graph(&graph, &mut quads);
                    triples_loaded += quads.len();
                    push(quads)
                })?;
                refuse_empty(&summary, args.allow_empty, &location)?;
                let mut counts = Vec::new();
                writer.paper_count_quads(&mut counts);
                writer.leaderboard_quads(&mut counts);
                triples_loaded += counts.len();
                push(counts)?;
                Ok(index)
            },
            |index, dir| write_built(dir, &index.finish()).map_err(|e| LoadError::Other(e.into())),
        ),
        Mode::Add => location.add(|transaction| {
            let mut index = AddIndex::start(location.path(), transaction)
                .map_err(|e| LoadError::Other(e.into()))?;
            let mut quads = Vec::new();
            provenance_quads(&config, &mut quads);
            for quad in quads.drain(..) {
                transaction.insert(&quad);
            }
            let mut new_mentions = NewMentions::default();
            let summary = pipe(&args.input, &extractor, &progress, |mut batch| {
                batch.retain(|e| {
                    let known = in_store(transaction, &config, e);
                    kept_as_is += usize::from(known);
                    !known
                });
                writer.graph(&KnowledgeGraph::from_extractions(&batch), &mut quads);
                new_mentions
                    .insert(transaction, &quads)
                    .map_err(|e| location.storage_error(e))?;
                index.chunk(&quads);
                triples_loaded += quads.len();
                for quad in quads.drain(..) {
                    transaction.insert(&quad);
                }
                Ok(())
            })?;
            refuse_empty(&summary, args.allow_empty, &location)?;
            new_mentions
                .update_counts(transaction)
                .and_then(|()| update_leaderboards(transaction, &config, &writer))
                .map_err(|e| LoadError::Store(location.storage_error(e)))?;
            // Written before the commit; put in place after it (see `paperkg::index::placement`).
            index_pending = index.prepare().map_err(|e| LoadError::Other(e.into()))?;
            Ok(())
        }),
    };
    progress.finish_and_clear();
    outcome.map_err(|e| match e {
        LoadError::Store(s) => anyhow::Error::new(s),
        LoadError::Other(o) => o,
    })?;
    if index_pending {
        settle(location.path())?;
    }
    if kept_as_is > 0 {
        super::note(&format!(
            "{} already in the store {} kept as {} {}",
            super::plural(kept_as_is, "paper"),
            if kept_as_is == 1 { "was" } else { "were" },
            if kept_as_is == 1 { "it" } else { "they" },
            if kept_as_is == 1 { "is" } else { "are" },
        ));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let summary = match mode {
        // The store's own count, as `stats` gives it: a quad written by two batches is
        // stored once, so the number of quads pushed can be a little higher.
        Mode::Build => {
            let stored = location
                .open_read()?
                .len()
                .map_err(|e| location.storage_error(e))?;
            format!(
                "built {} in {elapsed:.1}s ({} in the store)",
                location.path().display(),
                super::plural(stored, "triple")
            )
        }
        Mode::Add => format!(
            "updated {} in {elapsed:.1}s ({} written)",
            location.path().display(),
            super::plural(triples_loaded, "triple")
        ),
    };
    super::note(&summary);
    Ok(())
}

/// A run that read no paper at all (every input empty, or every record bad, as when a
/// listing is read with `--input-format jsonl`) must not replace or change a store unless
/// the user asked for it: returning the error abandons the build or the transaction.
fn refuse_empty(
    summary: &Summary,
    allow_empty: bool,
    location: &StoreLocation,
) -> Result<(), LoadError> {
    if summary.papers > 0 || allow_empty {
        return Ok(());
    }
    Err(LoadError::Other(anyhow::anyhow!(
        "no paper could be read from the inputs ({} records skipped); {} is left as it was \
         (pass --allow-empty to write it anyway)",
        summary.skipped.len(),
        location.path().display()
    )))
}

/// Runs the extraction pipeline, handing each batch of extractions to `load` and counting
/// papers on the progress bar. A store error inside `load` ends the run as that error.
fn pipe(
    input: &InputArgs,
    extractor: &paperkg_core::extract::Extractor,
    progress: &ProgressBar,
    mut load: impl FnMut(Vec<PaperExtraction>) -> Result<(), StoreError>,
) -> Result<Summary, LoadError> {
    let mut store_error = None;
    input
        .run_pipeline(extractor, &|e| e, &mut |batch| {
            progress.inc(batch.len() as u64);
            load(batch).map_err(|e| {
                let message = e.to_string();
                store_error = Some(e);
                message
            })
        })
        .map_err(|e| match store_error.take() {
            Some(store) => LoadError::Store(store),
            None => LoadError::Other(e),
        })
}

/// For `add`: how many papers newly mention each entity, so that `pkg:paperCount` can be
/// raised by exactly that much. A mention already in the store (a paper added again) does not
/// count twice.
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
    fn update_counts(self, transaction: &mut Transaction<'_>) -> Result<(), StorageError> {
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
                transaction.remove(quad);
            }
            transaction.insert(&paper_count_quad(entity, before + added));
        }
        Ok(())
    }
}

/// Merges the leaderboards of the added papers into the stored ones: a higher value replaces
/// a stored best, an equal one adds its papers to the count.
fn update_leaderboards(
    transaction: &mut Transaction<'_>,
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
            transaction.remove(quad);
        }
        let mut quads = Vec::new();
        leaderboard_quads(config, dataset, metric, &board, &mut quads);
        for quad in &quads {
            transaction.insert(quad);
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

fn is_mention(quad: &Quad) -> bool {
    quad.predicate == schema::MENTIONS || quad.predicate == pkg::HAS_LINK
}

/// Whether the store already holds this paper (it has a title there); reported if so, since
/// `add` keeps a stored paper as it is rather than giving it a second title and abstract.
fn in_store(
    transaction: &Transaction<'_>,
    config: &MappingConfig,
    extraction: &PaperExtraction,
) -> bool {
    let paper = &extraction.paper;
    let iri = config.paper_iri_for(&paper.id);
    let known = matches!(
        transaction
            .quads_for_pattern(Some(iri.as_ref().into()), Some(dcterms::TITLE), None, None)
            .next(),
        Some(Ok(_))
    );
    if known {
        eprintln!(
            "paperkg: skipped {}: paper {} is already in the store; it is kept as it is",
            paper.origin, paper.id
        );
    }
    known
}

//! `paperkg build` and `paperkg add`: the extraction pipeline fed to the store layer's
//! [`paperkg_store::update`], which defines what building and adding mean.

use super::{InputArgs, StoreArgs};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paperkg_core::pipeline::Summary;
use paperkg_store::rdf::vocab::DEFAULT_BASE;
use paperkg_store::rdf::{LoadBudget, MappingConfig, StoreLocation, TaskHierarchy};
use paperkg_store::update::{self, BatchSink};
use std::time::Instant;

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg build papers.jsonl                       into ./paperkg-store
  paperkg --store my-store build a.jsonl b.txt.gz
  paperkg build corpus.jsonl --memory 6G           (fewer, larger sorted files)
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
    /// Memory for the quads `build`'s loader sorts at once (such as 512M or 6G): a larger
    /// budget writes fewer, larger sorted files for RocksDB to merge. Default: 2G, or a
    /// quarter of the machine's memory when that is less (at least 1G). The process uses
    /// more than the budget (for a million papers: 4.3 GB at the default, 8.4 GB with 6G,
    /// which was no faster). (`add` writes through one transaction and does not use it.)
    #[arg(long, value_name = "SIZE")]
    memory: Option<LoadBudget>,
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

pub(super) fn run(args: BuildArgs, mode: Mode) -> anyhow::Result<()> {
    oxigraph::model::NamedNode::new(&args.base)
        .with_context(|| format!("--base {:?} is not an IRI", args.base))?;
    let location = args.store.location();
    // Refused before the extraction (and its corpus pass) runs, not after.
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
    let hierarchy = TaskHierarchy::from_dictionary(extractor.dictionary());
    let progress = if super::verbosity() == super::Verbosity::Quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {human_pos} papers ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let feed = |sink: &mut BatchSink<'_>| -> anyhow::Result<()> {
        let summary = pipe(&args.input, &extractor, &progress, sink)?;
        refuse_empty(&summary, args.allow_empty, &location)
    };
    let outcome = match mode {
        Mode::Build => {
            let budget = args.memory.unwrap_or_default();
            update::build_within(&location, config, hierarchy, budget, feed).map(|b| (b, None))
        }
        Mode::Add => update::add(&location, config, hierarchy, feed).map(|a| {
            let built = update::Built { triples_stored: 0 };
            (built, Some(a))
        }),
    };
    progress.finish_and_clear();
    let (built, added) = outcome?;
    let elapsed = started.elapsed().as_secs_f64();
    let summary = match added {
        // The store's own count, as `stats` gives it.
        None => format!(
            "built {} in {elapsed:.1}s ({} in the store)",
            location.path().display(),
            super::plural(built.triples_stored, "triple")
        ),
        Some(added) => {
            if added.kept > 0 {
                let one = added.kept == 1;
                super::note(&format!(
                    "{} already in the store {} kept as {} {}",
                    super::plural(added.kept, "paper"),
                    if one { "was" } else { "were" },
                    if one { "it" } else { "they" },
                    if one { "is" } else { "are" },
                ));
            }
            if added.boards_upgraded > 0 {
                super::note(&format!(
                    "recomputed {} of lower-is-better metrics that an older paperkg had \
                     ranked higher-is-better (once)",
                    super::plural(added.boards_upgraded, "stored leaderboard")
                ));
            }
            format!(
                "updated {} in {elapsed:.1}s ({} written)",
                location.path().display(),
                super::plural(added.triples_written, "triple")
            )
        }
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
) -> anyhow::Result<()> {
    if summary.papers > 0 || allow_empty {
        return Ok(());
    }
    Err(anyhow::anyhow!(
        "no paper could be read from the inputs ({} records skipped); {} is left as it was \
         (pass --allow-empty to write it anyway)",
        summary.skipped.len(),
        location.path().display()
    ))
}

/// Runs the extraction pipeline, handing each batch of extractions to the store's `sink`,
/// counting papers on the progress bar and saying which papers the store already held. A
/// store error inside `sink` ends the run as that error.
fn pipe(
    input: &InputArgs,
    extractor: &paperkg_core::extract::Extractor,
    progress: &ProgressBar,
    sink: &mut BatchSink<'_>,
) -> anyhow::Result<Summary> {
    let mut store_error = None;
    input
        .run_pipeline(extractor, &|e| e, &mut |batch| {
            progress.inc(batch.len() as u64);
            match sink(batch) {
                Ok(kept) => {
                    for paper in kept {
                        eprintln!(
                            "paperkg: skipped {}: paper {} is already in the store; it is kept \
                             as it is",
                            paper.origin, paper.id
                        );
                    }
                    Ok(())
                }
                Err(e) => {
                    let message = e.to_string();
                    store_error = Some(e);
                    Err(message)
                }
            }
        })
        .map_err(|e| match store_error.take() {
            Some(store) => anyhow::Error::new(store),
            None => e,
        })
}

//! `paperkg build` and `paperkg add`: extraction, the graph per batch, its quads, the store.

use super::{InputArgs, StoreArgs};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use paperkg::corpus::Paper;
use paperkg::graph::KnowledgeGraph;
use paperkg::rdf::mapping::{graph_quads, provenance_quads};
use paperkg::rdf::vocab::dcterms;
use paperkg::rdf::vocab::DEFAULT_BASE;
use paperkg::rdf::{MappingConfig, StoreError};
use std::time::Instant;

#[derive(Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    store: StoreArgs,
    /// Base IRI for papers, entities and annotations.
    #[arg(long, default_value = DEFAULT_BASE)]
    base: String,
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
    let started = Instant::now();
    let extractor = args.input.extractor()?;
    let config = MappingConfig {
        base: args.base.clone(),
        dictionary_version: extractor.dictionary().version().to_string(),
    };
    let progress = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {human_pos} papers ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    // `add` keeps a paper already in the store as it is, rather than giving it a second
    // title and abstract. The read-only view is the store before this run.
    let existing = match mode {
        Mode::Add => Some(location.open_read()?),
        Mode::Build => None,
    };
    let mut kept_as_is = 0usize;
    let mut triples_loaded = 0usize;
    let load = |push: &mut dyn FnMut(Vec<oxigraph::model::Quad>) -> Result<(), StoreError>| -> Result<(), LoadError> {
        let mut quads = Vec::new();
        provenance_quads(&config, &mut quads);
        push(quads)?;
        let mut store_error = None;
        args.input.run_pipeline(&extractor, &mut |mut batch| {
            if let Some(store) = &existing {
                batch.retain(|e| {
                    let known = in_store(store, &config, &e.paper);
                    kept_as_is += usize::from(known);
                    !known
                });
            }
            let graph = KnowledgeGraph::from_extractions(&batch);
            let mut quads = Vec::new();
            graph_quads(&graph, &config, &mut quads);
            triples_loaded += quads.len();
            progress.inc(batch.len() as u64);
            push(quads).map_err(|e| {
                let message = e.to_string();
                store_error = Some(e);
                message
            })
        })
        .map_err(|e| match store_error.take() {
            Some(store) => LoadError::Store(store),
            None => LoadError::Other(e),
        })?;
        Ok(())
    };
    let outcome = match mode {
        Mode::Build => location.build(load),
        Mode::Add => location.add(load),
    };
    progress.finish_and_clear();
    outcome.map_err(|e| match e {
        LoadError::Store(s) => anyhow::Error::new(s),
        LoadError::Other(o) => o,
    })?;
    if kept_as_is > 0 {
        eprintln!("paperkg: {kept_as_is} papers already in the store were kept as they are");
    }
    eprintln!(
        "paperkg: {} {} in {:.1}s ({} triples written)",
        if mode == Mode::Build {
            "built"
        } else {
            "updated"
        },
        location.path().display(),
        started.elapsed().as_secs_f64(),
        triples_loaded
    );
    Ok(())
}

/// Whether the store already holds this paper (it has a title there), reported if so.
fn in_store(store: &oxigraph::store::Store, config: &MappingConfig, paper: &Paper) -> bool {
    let iri = config.paper_iri_for(&paper.id);
    let found = store
        .quads_for_pattern(Some(iri.as_ref().into()), Some(dcterms::TITLE), None, None)
        .next();
    let known = matches!(found, Some(Ok(_)));
    if known {
        eprintln!(
            "paperkg: skipped {}: paper {} is already in the store; it is kept as it is",
            paper.origin, paper.id
        );
    }
    known
}

//! `paperkg export`: RDF formats from the store; DOT of an entity's neighbourhood or of the
//! top entities from the graph index, of the whole graph from the store.

use super::choices::ExportFormat;
use super::graph::StoreGraph;
use super::StoreArgs;
use anyhow::Context;
use clap::Args;
use paperkg_core::export::dot;
use paperkg_core::graph::analytics::top_subgraph;
use paperkg_store::export::write_rdf;
use paperkg_store::index::analytics::{around, induced, top_nodes};
use paperkg_store::rdf::load_graph;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(Args)]
pub(super) struct ExportArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// DOT only: draw just this entity's neighbourhood (any alias).
    #[arg(long, value_name = "NAME")]
    around: Option<String>,
    /// With --around: how many hops to follow (papers count as hops).
    #[arg(long, default_value_t = 2)]
    depth: usize,
    /// DOT only: draw just the N entities with the most papers, and their papers.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: ExportArgs) -> anyhow::Result<()> {
    let store = args.store.location().open_read()?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    if args.format != ExportFormat::Dot {
        if args.around.is_some() || args.top.is_some() {
            anyhow::bail!("--around and --top apply to --format dot only");
        }
        write_rdf(&store, args.format.into(), &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let graph = match (&args.around, args.top) {
        (None, None) => load_graph(&store)?,
        (Some(name), top) => {
            let sg = StoreGraph::open_at(&args.store.location())?;
            let center = sg
                .index
                .find_entity(name)
                .with_context(|| format!("no entity named {name:?} in the store"))?;
            let graph = induced(
                &sg.index,
                &around(&sg.index, center, args.depth, usize::MAX),
            );
            match top {
                Some(n) => top_subgraph(&graph, n),
                None => graph,
            }
        }
        (None, Some(n)) => {
            let sg = StoreGraph::open_at(&args.store.location())?;
            induced(&sg.index, &top_nodes(&sg.index, n))
        }
    };
    dot::write_dot(&graph, &mut out)?;
    out.flush()?;
    Ok(())
}

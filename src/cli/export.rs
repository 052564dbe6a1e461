//! `paperkg export`: RDF formats from the store, DOT from the graph read back from the store.

use super::choices::ExportFormat;
use super::StoreArgs;
use anyhow::Context;
use clap::Args;
use paperkg_core::export::dot;
use paperkg_core::graph::analytics::top_subgraph;
use paperkg_store::export::write_rdf;
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
    let graph = load_graph(&store)?;
    let graph = match &args.around {
        None => graph,
        Some(name) => {
            let center = graph
                .find_entity(name)
                .with_context(|| format!("no entity named {name:?} in the store"))?;
            graph.around(center, args.depth)
        }
    };
    let graph = match args.top {
        Some(n) => top_subgraph(&graph, n),
        None => graph,
    };
    dot::write_dot(&graph, &mut out)?;
    out.flush()?;
    Ok(())
}

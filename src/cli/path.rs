//! `paperkg path`: the shortest chain of papers (and lineage links) between two entities.

use super::graph::StoreGraph;
use super::StoreArgs;
use clap::Args;
use paperkg_core::graph::analytics::Link;
use paperkg_store::index::analytics::{shortest_path, IndexNode};
use std::io::{BufWriter, Write};

#[derive(Args)]
pub(super) struct PathArgs {
    /// The entity to start from (any alias, any case).
    from: String,
    /// The entity to reach.
    to: String,
    #[command(flatten)]
    store: StoreArgs,
}

pub(super) fn run(args: PathArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let (from, to) = (sg.entity(&args.from)?, sg.entity(&args.to)?);
    let Some(path) = shortest_path(&sg.index, from, to) else {
        anyhow::bail!(
            "no path between {} and {} in the store",
            sg.name(from),
            sg.name(to)
        );
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} → {}: {} hops, {} papers",
        sg.name(from),
        sg.name(to),
        path.links.len(),
        path.papers().len()
    )?;
    for (i, &node) in path.nodes.iter().enumerate() {
        match node {
            IndexNode::Paper(p) => writeln!(
                out,
                "  ↓ in \"{}\" ({})",
                sg.index.title(p),
                sg.index.paper_id(p)
            )?,
            IndexNode::Entity(e) => writeln!(out, "{} ({})", sg.name(e), sg.type_name(e))?,
            IndexNode::Code(_) => {}
        }
        match path.links.get(i) {
            Some(Link::DerivedFrom) => writeln!(out, "  ↓ derived from")?,
            Some(Link::ParentOf) => writeln!(out, "  ↓ parent of")?,
            Some(Link::Mention) | None => {}
        }
    }
    out.flush()?;
    Ok(())
}

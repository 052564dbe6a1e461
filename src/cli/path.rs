//! `paperkg path`: the shortest chain of papers (and lineage links) between two entities.

use super::graph::StoreGraph;
use super::StoreArgs;
use clap::Args;
use paperkg_core::graph::analytics::{shortest_path, Link};
use paperkg_core::graph::Node;
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
    let Some(path) = shortest_path(&sg.graph, from, to) else {
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
        path.papers(&sg.graph).len()
    )?;
    for (i, &node) in path.nodes.iter().enumerate() {
        match sg.graph.node(node) {
            Node::Paper(p) => writeln!(out, "  ↓ in \"{}\" ({})", p.title, p.id)?,
            _ => writeln!(out, "{} ({})", sg.name(node), sg.type_name(node))?,
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

//! `paperkg rank`: the entities that matter most, by papers or by PageRank.

use super::choices::{EntityType, RankBy};
use super::graph::StoreGraph;
use super::StoreArgs;
use clap::Args;
use paperkg_store::index::analytics::rank;
use paperkg_store::query::write_table;
use std::io::{BufWriter, Write};

#[derive(Args)]
pub(super) struct RankArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Rank only entities of this type (default: every type but url).
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    entity_type: Option<EntityType>,
    /// How many entities to show.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Rank by the number of papers mentioning the entity, or by PageRank over the
    /// paper–entity graph.
    #[arg(long, value_enum, default_value = "degree")]
    by: RankBy,
}

pub(super) fn run(args: RankArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let entity_type = args.entity_type.map(Into::into);
    let ranked = rank(&sg.index, args.by.into(), entity_type, args.top);
    let mut header = vec!["rank", "entity", "type", "papers"];
    if args.by == RankBy::PageRank {
        header.push("pagerank");
    }
    let header: Vec<String> = header.into_iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                (i + 1).to_string(),
                sg.name(r.entity).to_string(),
                sg.type_name(r.entity).to_string(),
                r.papers.to_string(),
            ];
            if args.by == RankBy::PageRank {
                row.push(format!("{:.5}", r.score));
            }
            row
        })
        .collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_table(&header, &rows, &mut out)?;
    out.flush()?;
    Ok(())
}

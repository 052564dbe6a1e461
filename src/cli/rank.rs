//! `paperkg rank`: the entities that matter most, by papers or by PageRank.

use super::choices::{EntityType, RankBy};
use super::graph::StoreGraph;
use super::{ReportFormat, StoreArgs};
use clap::Args;
use paperkg_store::index::analytics::rank;
use serde::Serialize;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg rank --type dataset --top 10
  paperkg rank --by page-rank --format json")]
pub(super) struct RankArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// One ranked entity in `--format json`.
#[derive(Serialize)]
struct Ranked<'a> {
    rank: usize,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    papers: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagerank: Option<f64>,
}

pub(super) fn run(args: RankArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let entity_type = args.entity_type.map(Into::into);
    let ranked = rank(&sg.index, args.by.into(), entity_type, args.top);
    let page_rank = args.by == RankBy::PageRank;
    let json: Vec<Ranked<'_>> = ranked
        .iter()
        .enumerate()
        .map(|(i, r)| Ranked {
            rank: i + 1,
            name: sg.name(r.entity),
            entity_type: sg.type_name(r.entity),
            papers: r.papers,
            pagerank: page_rank.then_some(r.score),
        })
        .collect();
    let mut header = vec!["rank", "entity", "type", "papers"];
    if page_rank {
        header.push("pagerank");
    }
    let rows: Vec<Vec<String>> = json
        .iter()
        .map(|r| {
            let mut row = vec![
                r.rank.to_string(),
                r.name.to_string(),
                r.entity_type.to_string(),
                r.papers.to_string(),
            ];
            if let Some(score) = r.pagerank {
                row.push(format!("{score:.5}"));
            }
            row
        })
        .collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    super::output::write_report(args.format, &header, &rows, &json, &mut out)?;
    out.flush()?;
    Ok(())
}

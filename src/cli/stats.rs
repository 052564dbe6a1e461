//! `paperkg stats`: what the store holds. The counts come from the store layer
//! ([`paperkg_store::stats`]); this file chooses the output format.

use super::{ReportFormat, StoreArgs};
use clap::Args;
use paperkg_store::stats::stats;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg stats --store my-store
  paperkg stats --format json | jq .entities_by_type")]
pub(super) struct StatsArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format (the JSON keys are listed in docs/cli.md).
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// The JSON of `--format json`, whose keys are stable (documented in docs/cli.md).
#[derive(Serialize)]
struct StatsJson {
    papers: u64,
    entities: u64,
    entities_by_type: BTreeMap<String, u64>,
    mentions: u64,
    paper_entity_links: u64,
    code_repositories: u64,
    results: u64,
    triples: u64,
}

pub(super) fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = args.store.location().open_read()?;
    let progress = super::progress("counting");
    let counts = stats(&store)?;
    progress.finish_and_clear();
    let json = StatsJson {
        papers: counts.papers,
        entities: counts.entities,
        entities_by_type: counts
            .entities_by_type
            .iter()
            .map(|(t, n)| (t.to_string(), *n))
            .collect(),
        mentions: counts.mentions,
        paper_entity_links: counts.links,
        code_repositories: counts.code_repositories,
        results: counts.results,
        triples: counts.triples,
    };
    let rows: Vec<Vec<String>> = counts
        .rows()
        .into_iter()
        .map(|(what, n)| vec![what, n.to_string()])
        .collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    super::output::write_report(args.format, &["what", "count"], &rows, &json, &mut out)?;
    out.flush()?;
    Ok(())
}

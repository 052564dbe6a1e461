//! `paperkg stats`: what the store holds. The counts come from the store layer
//! ([`paperkg_store::stats`]); this file chooses the output format.

use super::{ReportFormat, StoreArgs};
use clap::Args;
use paperkg_store::stats::{counted, refresh, Source};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg stats --store my-store
  paperkg stats --format json | jq .entities_by_type
  paperkg stats --refresh    (count a store made by an older paperkg once, and keep the counts)")]
pub(super) struct StatsArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format (the JSON keys are listed in docs/cli.md).
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Count by scanning the whole store and keep the counts in it (takes the write lock).
    /// `build` and `add` keep them already; this is for stores made before they did.
    #[arg(long)]
    refresh: bool,
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
    let location = args.store.location();
    let progress = super::progress("counting");
    let (counts, source) = if args.refresh {
        (refresh(&location)?, Source::Stored)
    } else {
        let found = counted(&location.open_read()?)?;
        (found.stats, found.source)
    };
    progress.finish_and_clear();
    if source == Source::Scanned {
        super::note(&format!(
            "{} keeps no counts (made by an older paperkg), so they were counted by scanning \
             it; `paperkg stats --refresh` keeps them in it (a rebuild does too)",
            location.path().display()
        ));
    }
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

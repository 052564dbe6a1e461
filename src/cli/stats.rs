//! `paperkg stats`: what the store holds.

use super::StoreArgs;
use clap::Args;
use paperkg_store::query::write_table;
use paperkg_store::stats::stats;

#[derive(Args)]
pub(super) struct StatsArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub(super) fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = args.store.location().open_read()?;
    let rows = stats(&store)?.rows();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> =
            rows.into_iter().map(|(k, n)| (k, n.into())).collect();
        serde_json::to_writer_pretty(&mut out, &map)?;
        use std::io::Write;
        writeln!(out)?;
    } else {
        let header = vec!["what".to_string(), "count".to_string()];
        let table: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(k, n)| vec![k, n.to_string()])
            .collect();
        write_table(&header, &table, &mut out)?;
    }
    Ok(())
}

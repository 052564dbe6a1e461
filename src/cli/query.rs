//! `paperkg query`: SPARQL from the command line, a file, or a canned query's name.

use super::choices::OutputFormat;
use super::StoreArgs;
use clap::Args;
use paperkg_store::query;
use std::io::{BufWriter, Write};

#[derive(Args)]
pub(super) struct QueryArgs {
    /// SPARQL text, a .rq file, or a name from queries/ (e.g. top-models).
    query: String,
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
}

pub(super) fn run(args: QueryArgs) -> anyhow::Result<()> {
    let text = query::resolve_query_text(&args.query)?;
    let store = args.store.location().open_read()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    query::run(&store, &text, args.format.into(), &mut out)?;
    out.flush()?;
    Ok(())
}

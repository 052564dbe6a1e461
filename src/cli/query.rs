//! `paperkg query`: SPARQL from the command line, stdin, a file, or a canned query's name, with
//! the canned queries' parameters bound from flags.

use super::choices::OutputFormat;
use super::StoreArgs;
use anyhow::Context;
use clap::Args;
use paperkg_store::query::{self, ParamValue, BUILTIN_QUERIES};
use std::io::{BufWriter, Read, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg query --list
  paperkg query papers-using-dataset --dataset coco
  paperkg query leaderboard --dataset ImageNet --metric top-1 --format json
  paperkg query papers-on-task --task 'semantic segmentation'
  paperkg query --show co-mentioned > my.rq && paperkg query my.rq
  echo 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' | paperkg query -")]
pub(super) struct QueryArgs {
    /// SPARQL text, a .rq file, `-` for stdin, or a canned query's name (see --list).
    #[arg(required_unless_present_any = ["list", "show"])]
    query: Option<String>,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
    /// List the canned queries: the question each answers and its parameters.
    #[arg(long, conflicts_with_all = ["query", "show"])]
    list: bool,
    /// Print a canned query's text, to copy and edit.
    #[arg(long, value_name = "NAME", conflicts_with = "query")]
    show: Option<String>,
    /// The entity a canned query asks about (any alias, any case).
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,
    /// The dataset a canned query asks about (any alias, any case).
    #[arg(long, value_name = "NAME")]
    dataset: Option<String>,
    /// The metric a canned query asks about (any alias, any case).
    #[arg(long, value_name = "NAME")]
    metric: Option<String>,
    /// The task a canned query asks about (any alias, any case).
    #[arg(long, value_name = "NAME")]
    task: Option<String>,
}

pub(super) fn run(args: QueryArgs) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.list {
        list(&mut out)?;
        return Ok(out.flush()?);
    }
    if let Some(name) = &args.show {
        let text = query::canned_query(name).ok_or_else(|| {
            super::UsageError(format!(
                "no canned query named {name:?} (`paperkg query --list` lists them)"
            ))
        })?;
        out.write_all(text.as_bytes())?;
        return Ok(out.flush()?);
    }
    let text = match args.query.as_deref() {
        Some("-") => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the query from stdin")?;
            text
        }
        Some(arg) => query::resolve_query_text(arg)?,
        None => unreachable!("clap requires a query unless --list or --show"),
    };
    let params = params(&args);
    // A query that does not parse, or a parameter it does not take, is said before the store
    // is opened: neither depends on it.
    query::prepare(&text, &params)?;
    let store = args.store.location().open_read()?;
    query::run(&store, &text, &params, args.format.into(), &mut out)?;
    out.flush()?;
    Ok(())
}

fn params(args: &QueryArgs) -> Vec<ParamValue> {
    [
        ("entity", &args.entity),
        ("dataset", &args.dataset),
        ("metric", &args.metric),
        ("task", &args.task),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        value.as_ref().map(|v| ParamValue {
            name: name.to_string(),
            value: v.clone(),
        })
    })
    .collect()
}

/// Every canned query: its name and question, then its parameters, one a line.
fn list(out: &mut dyn Write) -> std::io::Result<()> {
    let width = BUILTIN_QUERIES
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, _) in BUILTIN_QUERIES {
        let text = query::canned_query(name).unwrap_or_default();
        let header = query::parse_header(&text);
        writeln!(out, "{name:<width$}  {}", header.question)?;
        for param in &header.params {
            writeln!(
                out,
                "{:<width$}    --{} NAME: {}",
                "", param.name, param.help
            )?;
        }
    }
    writeln!(
        out,
        "\n`paperkg query --show NAME` prints a query's text; `paperkg query NAME --entity X` runs it."
    )
}

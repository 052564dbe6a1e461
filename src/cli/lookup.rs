//! `paperkg lookup`: an entity's card, or the closest known names.

use super::graph::StoreGraph;
use super::StoreArgs;
use clap::{Args, ValueEnum};
use paperkg_store::lookup::{lookup, lookup_with, Card, Lookup};
use std::io::Write;

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Format {
    /// A readable card.
    Text,
    /// The card as JSON.
    Json,
}

#[derive(Args)]
pub(super) struct LookupArgs {
    /// Any alias of the entity, in any case.
    name: String,
    #[command(flatten)]
    store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also show this many co-mentioned entities, counted over all the entity's papers with
    /// the store's graph index (`paperkg related` says more about each).
    #[arg(long, default_value_t = 0)]
    related: usize,
}

pub(super) fn run(args: LookupArgs) -> anyhow::Result<()> {
    let result = if args.related == 0 {
        let store = args.store.location().open_read()?;
        lookup(&store, &args.name, 0)?
    } else {
        let sg = StoreGraph::open(&args.store)?;
        lookup_with(&sg.store, Some(&sg.index), &args.name, args.related)?
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            writeln!(out)?;
        }
        Format::Text => match &result {
            Lookup::Found { cards } => {
                for card in cards {
                    write_card(&mut out, card)?;
                }
            }
            Lookup::NotFound { suggestions } => {
                writeln!(out, "no entity named {:?}", args.name)?;
                if !suggestions.is_empty() {
                    writeln!(out, "did you mean: {}", suggestions.join(", "))?;
                }
            }
        },
    }
    if matches!(result, Lookup::NotFound { .. }) {
        anyhow::bail!("no entity named {:?}", args.name);
    }
    Ok(())
}

fn write_card(out: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    writeln!(out, "{} ({})", card.name, card.entity_type)?;
    writeln!(out, "  iri:          {}", card.iri)?;
    if !card.aliases.is_empty() {
        writeln!(out, "  aliases:      {}", card.aliases.join(", "))?;
    }
    if !card.external_ids.is_empty() {
        writeln!(out, "  same as:      {}", card.external_ids.join(", "))?;
    }
    if !card.derived_from.is_empty() {
        writeln!(out, "  derived from: {}", card.derived_from.join(", "))?;
    }
    let shown = if card.papers.len() as u64 >= card.paper_count {
        String::new()
    } else {
        format!(", {} shown", card.papers.len())
    };
    writeln!(out, "  papers ({}{shown}):", card.paper_count)?;
    for paper in &card.papers {
        let role = if paper.introduces {
            " [introduces]"
        } else {
            ""
        };
        writeln!(out, "    - {}{role}", paper.title)?;
        writeln!(out, "      id: {}", paper.id)?;
        if let Some(quote) = &paper.quote {
            writeln!(out, "      quote: \"{quote}\"")?;
        }
        for url in &paper.code {
            writeln!(out, "      code: {url}")?;
        }
    }
    if !card.related.is_empty() {
        if card.related_sample < card.paper_count {
            writeln!(
                out,
                "  co-mentioned (in a sample of {} papers):",
                card.related_sample
            )?;
        } else {
            writeln!(out, "  co-mentioned:")?;
        }
        for r in &card.related {
            writeln!(out, "    {:>3}  {} ({})", r.papers, r.name, r.entity_type)?;
        }
    }
    writeln!(out)
}

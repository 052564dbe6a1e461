//! `paperkg paper`: a paper's card, by the id `lookup` prints.

use super::StoreArgs;
use clap::{Args, ValueEnum};
use paperkg_core::extract::ResultEntity;
use paperkg_store::lookup::{paper_card, PaperCard};
use std::io::Write;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// A readable card.
    Text,
    /// The card as JSON.
    Json,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg paper arxiv:2304.02643
  paperkg paper 2304.02643 --format json       (a bare arXiv id works too)")]
pub(super) struct PaperArgs {
    /// The paper's id, as `paperkg lookup` prints it.
    id: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub(super) fn run(args: PaperArgs, store: &StoreArgs) -> anyhow::Result<()> {
    let store = store.location().open_read()?;
    let Some(card) = paper_card(&store, &args.id)? else {
        anyhow::bail!(
            "no paper with id {:?} in the store (ids look like arxiv:2304.02643, doi:..., \
             or title:0c9cd0fce3367dcd; `paperkg lookup NAME` lists them)",
            args.id
        );
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => super::output::write_json(&card, &mut out)?,
        Format::Text => write_card(&card, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

fn write_card(card: &PaperCard, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{}", card.title)?;
    writeln!(out, "  id:    {}", card.id)?;
    writeln!(out, "  iri:   {}", card.iri.as_str())?;
    if let Some(date) = &card.date {
        writeln!(out, "  date:  {date}")?;
    }
    for url in &card.code {
        writeln!(out, "  code:  {url}")?;
    }
    for (entity_type, entities) in &card.entities_by_type {
        let names: Vec<String> = entities
            .iter()
            .map(|e| {
                if e.introduced {
                    format!("{} [introduced]", e.entity.name)
                } else {
                    e.entity.name.clone()
                }
            })
            .collect();
        writeln!(out, "  {entity_type}: {}", names.join(", "))?;
    }
    if !card.results.is_empty() {
        writeln!(out, "  results:")?;
        for r in &card.results {
            writeln!(
                out,
                "    {} on {}: {} = {}",
                part(&r.model),
                part(&r.dataset),
                part(&r.metric),
                r.value
            )?;
        }
    }
    Ok(())
}

/// A result's model, dataset or metric by name, `?` when the result names none.
fn part(entity: &Option<ResultEntity>) -> &str {
    entity.as_ref().map_or("?", |e| e.name.as_str())
}

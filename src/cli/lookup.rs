//! `paperkg lookup`: an entity's card, or the closest known entities.

use super::graph::StoreGraph;
use super::StoreArgs;
use anyhow::Context;
use clap::{Args, ValueEnum};
use paperkg_core::dictionary::Dictionary;
use paperkg_core::extract::ResultEntity;
use paperkg_core::text::name_key;
use paperkg_store::lookup::{lookup_with, Card, CardOptions, Lookup, CARD_PAPERS};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// A readable card.
    Text,
    /// The card as JSON.
    Json,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg lookup 'segment anything'
  paperkg lookup clip --all --format json
  paperkg lookup SAM --related 10
  paperkg paper arxiv:2304.02643            (a paper id that lookup prints)")]
pub(super) struct LookupArgs {
    /// Any alias of the entity, in any case.
    name: String,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also show this many co-mentioned entities, counted over all the entity's papers with
    /// the store's graph index (`paperkg related` says more about each).
    #[arg(long, default_value_t = 0)]
    related: usize,
    /// List at most N papers per card.
    #[arg(long, value_name = "N", default_value_t = CARD_PAPERS, conflicts_with = "all")]
    limit: usize,
    /// List every paper that mentions the entity.
    #[arg(long)]
    all: bool,
    /// The dictionaries to check a name against when the store has no entity of that name
    /// [default: the built-in ones].
    #[arg(long, value_name = "DIR", env = "PAPERKG_DICTIONARIES")]
    dictionaries: Option<PathBuf>,
}

pub(super) fn run(args: LookupArgs) -> anyhow::Result<()> {
    let options = CardOptions {
        papers: (!args.all).then_some(args.limit),
        related: args.related,
    };
    let result = if args.related == 0 {
        let store = args.store.location().open_read()?;
        lookup_with(&store, None, &args.name, options)?
    } else {
        let sg = StoreGraph::open(&args.store)?;
        lookup_with(&sg.store, Some(&sg.index), &args.name, options)?
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match (&result, args.format) {
        (_, Format::Json) => {
            serde_json::to_writer_pretty(&mut out, &result)?;
            writeln!(out)?;
        }
        (Lookup::Found { cards }, Format::Text) => {
            for card in cards {
                write_card(&mut out, card)?;
            }
        }
        (Lookup::NotFound { .. }, Format::Text) => {}
    }
    out.flush()?;
    let Lookup::NotFound { suggestions } = result else {
        return Ok(());
    };
    // Not found is said once, on stderr, whatever the format: the error is the message.
    let mut message = format!("no entity named {:?} in the store", args.name);
    if let Some(known) = dictionary_knows(args.dictionaries.as_deref(), &args.name)? {
        message.push_str(&format!(
            "; the dictionary knows it as {known}, but no paper in this store mentions it"
        ));
    }
    if !suggestions.is_empty() {
        message.push_str("; did you mean:");
        for s in &suggestions {
            message.push_str(&format!("\n  {s}"));
        }
    }
    Err(anyhow::anyhow!(message))
}

/// The dictionary entry a name is an alias of (`SAM 3 (model)`), if any.
fn dictionary_knows(dir: Option<&std::path::Path>, name: &str) -> anyhow::Result<Option<String>> {
    if name_key(name).is_empty() {
        return Ok(None);
    }
    let dictionary: Dictionary =
        super::load_dictionary(dir).context("checking the name against the dictionaries")?;
    Ok(dictionary
        .entry_named(name)
        .map(|entry| format!("{} ({})", entry.canonical, entry.entity_type)))
}

/// The entities' names, comma-separated.
fn names(entities: &[ResultEntity]) -> String {
    let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
    names.join(", ")
}

fn write_card(out: &mut dyn Write, card: &Card) -> std::io::Result<()> {
    writeln!(out, "{} ({})", card.name, card.entity_type)?;
    writeln!(out, "  iri:          {}", card.entity.iri.as_str())?;
    if !card.aliases.is_empty() {
        writeln!(out, "  aliases:      {}", card.aliases.join(", "))?;
    }
    if !card.external_ids.is_empty() {
        writeln!(out, "  same as:      {}", card.external_ids.join(", "))?;
    }
    if !card.derived_from.is_empty() {
        writeln!(out, "  derived from: {}", names(&card.derived_from))?;
    }
    if !card.parents.is_empty() {
        writeln!(out, "  parent task:  {}", names(&card.parents))?;
    }
    if !card.children.is_empty() {
        writeln!(out, "  subtasks:     {}", names(&card.children))?;
    }
    let shown = if card.papers.len() as u64 >= card.paper_count {
        String::new()
    } else {
        format!(", {} shown; --all lists every one", card.papers.len())
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
            writeln!(out, "    {:>3}  {} ({})", r.papers, r.name, r.entity_type())?;
        }
    }
    writeln!(out)
}

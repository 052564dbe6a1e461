//! `paperkg related`: the entities most often mentioned together with one entity.

use super::choices::{EntityType, RelatedBy};
use super::graph::StoreGraph;
use super::StoreArgs;
use clap::Args;
use paperkg_store::index::analytics::{related, Related};
use std::io::{BufWriter, Write};

#[derive(Args)]
pub(super) struct RelatedArgs {
    /// The entity (any alias, any case).
    name: String,
    #[command(flatten)]
    store: StoreArgs,
    /// How many related entities to show.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Order by shared papers, by Jaccard similarity, or by pointwise mutual information.
    #[arg(long, value_enum, default_value = "count")]
    by: RelatedBy,
    /// Show only related entities of this type (default: every type but url).
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    entity_type: Option<EntityType>,
    /// How many shared paper titles to list per entity.
    #[arg(long, default_value_t = 3)]
    titles: usize,
}

pub(super) fn run(args: RelatedArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let center = sg.entity(&args.name)?;
    let entity_type = args.entity_type.map(Into::into);
    let found = related(&sg.index, center, args.by.into(), entity_type, args.top);
    let mut out = BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "{} ({}), mentioned in {} papers:",
        sg.name(center),
        sg.type_name(center),
        sg.index.papers_mentioning(center).len()
    )?;
    let width = found
        .iter()
        .map(|r| sg.name(r.entity).chars().count())
        .max()
        .unwrap_or(0);
    for r in &found {
        writeln!(out, "{}", line(&sg, r, width, args.titles))?;
    }
    if found.is_empty() {
        writeln!(out, "  (no co-mentioned entities)")?;
    }
    out.flush()?;
    Ok(())
}

/// One related entity: name, type, shared papers, Jaccard, PMI, then the shared titles.
fn line(sg: &StoreGraph, r: &Related, width: usize, titles: usize) -> String {
    let mut shown: Vec<String> = r
        .shared
        .iter()
        .take(titles)
        .map(|&p| format!("\"{}\"", sg.index.title(p)))
        .collect();
    if r.shared.len() > titles {
        shown.push(format!("+{} more", r.shared.len() - titles));
    }
    format!(
        "  {:<width$}  {:<7}  shared {:>3}  jaccard {:.3}  pmi {:>5.2}  | {}",
        sg.name(r.entity),
        sg.type_name(r.entity),
        r.shared.len(),
        r.jaccard,
        r.pmi,
        shown.join("; ")
    )
}

//! `paperkg related`: the entities most often mentioned together with one entity.

use super::choices::{EntityType, RelatedBy};
use super::graph::StoreGraph;
use super::{ReportFormat, StoreArgs};
use clap::Args;
use paperkg_store::index::analytics::{related, Related};
use serde::Serialize;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg related SAM
  paperkg related clip --by jaccard --type dataset --top 5
  paperkg related CLIP --format json | jq '.related[].name'")]
pub(super) struct RelatedArgs {
    /// The entity (any alias, any case).
    name: String,
    #[command(flatten)]
    pub(super) store: StoreArgs,
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
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// `--format json`: the entity asked about and its related entities.
#[derive(Serialize)]
struct Report<'a> {
    entity: EntityOut<'a>,
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    papers: usize,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    papers: usize,
    shared: usize,
    jaccard: f64,
    pmi: f64,
    shared_titles: Vec<&'a str>,
}

pub(super) fn run(args: RelatedArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let center = sg.entity(&args.name)?;
    let entity_type = args.entity_type.map(Into::into);
    let found = related(&sg.index, center, args.by.into(), entity_type, args.top);
    let report = Report {
        entity: EntityOut {
            name: sg.name(center),
            entity_type: sg.type_name(center),
            papers: sg.index.papers_mentioning(center).len(),
        },
        related: found
            .iter()
            .map(|r| related_out(&sg, r, args.titles))
            .collect(),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.format == ReportFormat::Table {
        writeln!(
            out,
            "{} ({}), mentioned in {}:",
            report.entity.name,
            report.entity.entity_type,
            super::plural(report.entity.papers, "paper")
        )?;
    }
    let header = [
        "entity",
        "type",
        "papers",
        "shared",
        "jaccard",
        "pmi",
        "shared papers",
    ];
    let rows: Vec<Vec<String>> = found
        .iter()
        .zip(&report.related)
        .map(|(f, r)| row(r, f.shared.len().saturating_sub(args.titles)))
        .collect();
    super::output::write_report(args.format, &header, &rows, &report, &mut out)?;
    out.flush()?;
    if found.is_empty() {
        super::note(&format!(
            "{} shares no paper with another entity",
            report.entity.name
        ));
    }
    Ok(())
}

fn related_out<'a>(sg: &'a StoreGraph, r: &Related, titles: usize) -> RelatedOut<'a> {
    RelatedOut {
        name: sg.name(r.entity),
        entity_type: sg.type_name(r.entity),
        papers: r.papers,
        shared: r.shared.len(),
        jaccard: (r.jaccard * 1000.0).round() / 1000.0,
        pmi: (r.pmi * 100.0).round() / 100.0,
        shared_titles: r
            .shared
            .iter()
            .take(titles)
            .map(|&p| sg.index.title(p))
            .collect(),
    }
}

/// One related entity as a table or TSV row.
fn row(r: &RelatedOut<'_>, more: usize) -> Vec<String> {
    let mut titles: Vec<String> = r.shared_titles.iter().map(|t| format!("\"{t}\"")).collect();
    if more > 0 {
        titles.push(format!("+{more} more"));
    }
    vec![
        r.name.to_string(),
        r.entity_type.to_string(),
        r.papers.to_string(),
        r.shared.to_string(),
        format!("{:.3}", r.jaccard),
        format!("{:.2}", r.pmi),
        titles.join("; "),
    ]
}

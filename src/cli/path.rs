//! `paperkg path`: the shortest chain of papers (and lineage links) between two entities.

use super::graph::StoreGraph;
use super::{plural, ReportFormat, StoreArgs};
use clap::Args;
use paperkg_core::graph::analytics::Link;
use paperkg_store::index::analytics::{shortest_path, IndexNode};
use serde::Serialize;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg path SAM LoRA
  paperkg path clip 'stable diffusion' --format json")]
pub(super) struct PathArgs {
    /// The entity to start from (any alias, any case).
    from: String,
    /// The entity to reach.
    to: String,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format: the chain drawn as text, JSON, or one step a line as TSV.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// `--format json`: the ends, the counts, and the steps in order.
#[derive(Serialize)]
struct PathOut<'a> {
    from: &'a str,
    to: &'a str,
    hops: usize,
    papers: usize,
    steps: Vec<Step<'a>>,
}

/// One step of a path: an entity, a paper that mentions both its neighbours, or a lineage
/// link between two entities.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Step<'a> {
    Entity {
        name: &'a str,
        #[serde(rename = "type")]
        entity_type: &'a str,
    },
    Paper {
        title: &'a str,
        id: String,
    },
    DerivedFrom,
    ParentOf,
}

pub(super) fn run(args: PathArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let (from, to) = (sg.entity(&args.from)?, sg.entity(&args.to)?);
    let Some(path) = shortest_path(&sg.index, from, to) else {
        anyhow::bail!(
            "no path between {} and {} in the store",
            sg.name(from),
            sg.name(to)
        );
    };
    let mut steps = Vec::new();
    for (i, &node) in path.nodes.iter().enumerate() {
        match node {
            IndexNode::Paper(p) => steps.push(Step::Paper {
                title: sg.index.title(p),
                id: sg.index.paper_id(p).to_string(),
            }),
            IndexNode::Entity(e) => steps.push(Step::Entity {
                name: sg.name(e),
                entity_type: sg.type_name(e),
            }),
            IndexNode::Code(_) => {}
        }
        match path.links.get(i) {
            Some(Link::DerivedFrom) => steps.push(Step::DerivedFrom),
            Some(Link::ParentOf) => steps.push(Step::ParentOf),
            Some(Link::Mention) | None => {}
        }
    }
    let report = PathOut {
        from: sg.name(from),
        to: sg.name(to),
        hops: path.links.len(),
        papers: path.papers().len(),
        steps,
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        ReportFormat::Table => write_text(&report, &mut out)?,
        ReportFormat::Json => super::output::write_json(&report, &mut out)?,
        ReportFormat::Tsv => super::output::write_tsv(
            &["step".into(), "kind".into(), "name".into(), "detail".into()],
            &tsv_rows(&report),
            &mut out,
        )?,
    }
    out.flush()?;
    Ok(())
}

fn write_text(report: &PathOut<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} → {}: {}, {}",
        report.from,
        report.to,
        plural(report.hops, "hop"),
        plural(report.papers, "paper")
    )?;
    for step in &report.steps {
        match step {
            Step::Entity { name, entity_type } => writeln!(out, "{name} ({entity_type})")?,
            Step::Paper { title, id } => writeln!(out, "  ↓ in \"{title}\" ({id})")?,
            Step::DerivedFrom => writeln!(out, "  ↓ derived from")?,
            Step::ParentOf => writeln!(out, "  ↓ parent of")?,
        }
    }
    Ok(())
}

/// One row a step: its number, its kind, the name or title, and the type or paper id.
fn tsv_rows(report: &PathOut<'_>) -> Vec<Vec<String>> {
    report
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let (kind, name, detail) = match step {
                Step::Entity { name, entity_type } => ("entity", *name, entity_type.to_string()),
                Step::Paper { title, id } => ("paper", *title, id.clone()),
                Step::DerivedFrom => ("derived-from", "", String::new()),
                Step::ParentOf => ("parent-of", "", String::new()),
            };
            vec![(i + 1).to_string(), kind.into(), name.into(), detail]
        })
        .collect()
}

//! `paperkg trend`: papers per month mentioning each entity, as a table and an SVG chart.

use super::graph::StoreGraph;
use super::{plural, ReportFormat, StoreArgs, UsageError};
use anyhow::Context;
use clap::Args;
use paperkg_core::export::chart::{line_chart, Line};
use paperkg_store::index::analytics::{trend, Trend};
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg trend SAM CLIP
  paperkg trend SAM CLIP -o sam-vs-clip.svg
  paperkg trend llama --format tsv > llama.tsv")]
pub(super) struct TrendArgs {
    /// The entities (any alias, any case).
    #[arg(required = true)]
    names: Vec<String>,
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Also draw the counts as an SVG line chart into this file (its name must end in .svg).
    #[arg(short = 'o', long = "output", value_name = "FILE.svg")]
    output: Option<PathBuf>,
    /// Output format of the counts.
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// `--format json`: the months, and one series of counts per entity.
#[derive(Serialize)]
struct TrendOut<'a> {
    months: &'a [String],
    series: Vec<SeriesOut<'a>>,
}

#[derive(Serialize)]
struct SeriesOut<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    counts: &'a [usize],
    undated: usize,
}

pub(super) fn run(args: TrendArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.output {
        check_svg_name(path)?;
    }
    let sg = StoreGraph::open(&args.store)?;
    let entities = args
        .names
        .iter()
        .map(|n| sg.entity(n))
        .collect::<Result<Vec<_>, _>>()?;
    let trend = trend(&sg.index, &entities);
    for series in trend.series.iter().filter(|s| s.undated > 0) {
        super::note(&format!(
            "{}: {} without a date {} not counted",
            sg.name(series.entity),
            plural(series.undated, "paper"),
            if series.undated == 1 { "is" } else { "are" }
        ));
    }
    if trend.months.is_empty() {
        eprintln!(
            "paperkg: warning: no paper mentioning {} has a date, so there is no trend to show{}",
            names(&sg, &trend),
            if args.output.is_some() {
                "; no chart written"
            } else {
                ""
            }
        );
        return Ok(());
    }
    let json = TrendOut {
        months: &trend.months,
        series: trend
            .series
            .iter()
            .map(|s| SeriesOut {
                name: sg.name(s.entity),
                entity_type: sg.type_name(s.entity),
                counts: &s.counts,
                undated: s.undated,
            })
            .collect(),
    };
    let header = header(&sg, &trend);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    super::output::write_report(args.format, &header, &rows(&trend), &json, &mut out)?;
    out.flush()?;
    if let Some(path) = &args.output {
        write_chart(&sg, &trend, path)?;
    }
    Ok(())
}

/// The chart is SVG: a name ending in another format's extension (`chart.png`) would get a
/// file that is not what its name says, so it is refused before any work.
fn check_svg_name(path: &Path) -> Result<(), UsageError> {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("svg") => Ok(()),
        _ => Err(UsageError(format!(
            "-o {}: trend draws SVG only, so the file name must end in .svg \
             (convert it afterwards, e.g. `rsvg-convert chart.svg -o chart.png`)",
            path.display()
        ))),
    }
}

fn names(sg: &StoreGraph, trend: &Trend) -> String {
    trend
        .series
        .iter()
        .map(|s| sg.name(s.entity))
        .collect::<Vec<_>>()
        .join(", ")
}

fn header(sg: &StoreGraph, trend: &Trend) -> Vec<String> {
    let names = trend.series.iter().map(|s| sg.name(s.entity).to_string());
    std::iter::once("month".to_string()).chain(names).collect()
}

fn rows(trend: &Trend) -> Vec<Vec<String>> {
    trend
        .months
        .iter()
        .enumerate()
        .map(|(i, month)| {
            let counts = trend
                .series
                .iter()
                .map(|s| s.counts.get(i).copied().unwrap_or(0).to_string());
            std::iter::once(month.clone()).chain(counts).collect()
        })
        .collect()
}

fn write_chart(sg: &StoreGraph, trend: &Trend, path: &Path) -> anyhow::Result<()> {
    let lines: Vec<Line<'_>> = trend
        .series
        .iter()
        .map(|s| Line {
            name: sg.name(s.entity),
            values: &s.counts,
        })
        .collect();
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut writer = BufWriter::new(file);
    line_chart(&trend.months, &lines, "papers per month", &mut writer)
        .and_then(|()| writer.flush())
        .with_context(|| format!("writing {}", path.display()))?;
    super::note(&format!("wrote {}", path.display()));
    Ok(())
}

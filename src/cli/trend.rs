//! `paperkg trend`: papers per month mentioning each entity, as a table and an SVG chart.

use super::graph::StoreGraph;
use super::StoreArgs;
use anyhow::Context;
use clap::Args;
use paperkg_core::export::chart::{line_chart, Line};
use paperkg_store::index::analytics::{trend, Trend};
use paperkg_store::query::write_table;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub(super) struct TrendArgs {
    /// The entities (any alias, any case).
    #[arg(required = true)]
    names: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
    /// Also draw the counts as an SVG line chart into this file.
    #[arg(short = 'o', long = "output", value_name = "SVG")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: TrendArgs) -> anyhow::Result<()> {
    let sg = StoreGraph::open(&args.store)?;
    let entities = args
        .names
        .iter()
        .map(|n| sg.entity(n))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let trend = trend(&sg.index, &entities);
    let mut out = BufWriter::new(std::io::stdout().lock());
    write_table(&header(&sg, &trend), &rows(&trend), &mut out)?;
    for series in trend.series.iter().filter(|s| s.undated > 0) {
        writeln!(
            out,
            "{}: {} papers without a date are not counted",
            sg.name(series.entity),
            series.undated
        )?;
    }
    out.flush()?;
    if let Some(path) = &args.output {
        write_chart(&sg, &trend, path)?;
    }
    Ok(())
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
    eprintln!("paperkg: wrote {}", path.display());
    Ok(())
}

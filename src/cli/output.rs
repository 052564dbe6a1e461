//! What every command shares in how it talks: how much to say on stderr (`--quiet`,
//! `--verbose`), progress spinners, plurals, bad-usage errors (exit 2), and `--format
//! table|json|tsv` for reports.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

/// How much a command says on stderr besides errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verbosity {
    /// Errors and warnings only.
    Quiet = 0,
    /// Notes, summaries and progress too.
    Normal = 1,
    /// Also every skipped record, timings, and the store opened.
    Verbose = 2,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets the verbosity for the rest of the run (once, from the command line).
pub(crate) fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

/// The verbosity the command line asked for.
pub(crate) fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A note on stderr (`paperkg: ...`), unless `--quiet`.
pub(crate) fn note(message: &str) {
    if verbosity() != Verbosity::Quiet {
        eprintln!("paperkg: {message}");
    }
}

/// A detail on stderr, only under `--verbose`.
pub(crate) fn detail(message: &str) {
    if verbosity() == Verbosity::Verbose {
        eprintln!("paperkg: {message}");
    }
}

/// `1 paper`, `2 papers`: a count with its noun in the right number (nouns paperkg uses take
/// an `s`, or are given with `plural_of`).
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A spinner on stderr saying what runs (`reading the graph`), drawn only on a terminal and
/// never under `--quiet`. Clear it with `finish_and_clear` before printing a summary.
pub(crate) fn progress(message: &str) -> ProgressBar {
    if verbosity() == Verbosity::Quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A request that cannot mean what the user meant (`--depth` without `--around`, `-o
/// chart.png` for an SVG): exit code 2, like clap's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub String);

/// How a report (rank, related, path, trend, stats, dictionary check) is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ReportFormat {
    /// Aligned columns for people.
    #[default]
    Table,
    /// One JSON document with stable keys (see docs/cli.md).
    Json,
    /// Tab-separated values with a header line.
    Tsv,
}

/// Writes rows as TSV with a header line; tabs and line breaks inside cells become spaces.
pub(crate) fn write_tsv(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let clean = |cells: &[String]| -> String {
        cells
            .iter()
            .map(|c| c.replace(['\t', '\n', '\r'], " "))
            .collect::<Vec<_>>()
            .join("\t")
    };
    writeln!(out, "{}", clean(header))?;
    for row in rows {
        writeln!(out, "{}", clean(row))?;
    }
    Ok(())
}

/// Writes `value` as pretty JSON and a final newline.
pub(crate) fn write_json(value: &impl Serialize, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Writes a report of rows in `format`: a table, TSV with a header, or the JSON of `json`.
pub(crate) fn write_report(
    format: ReportFormat,
    header: &[&str],
    rows: &[Vec<String>],
    json: &impl Serialize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    match format {
        ReportFormat::Table => paperkg_store::query::write_table(&header, rows, out),
        ReportFormat::Tsv => write_tsv(&header, rows, out),
        ReportFormat::Json => write_json(json, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "paper"), "1 paper");
        assert_eq!(plural(0, "paper"), "0 papers");
        assert_eq!(plural(2, "hop"), "2 hops");
    }

    #[test]
    fn tsv_has_a_header_and_no_stray_tabs() {
        let mut out = Vec::new();
        write_tsv(
            &["a".into(), "b".into()],
            &[vec!["x\ty".into(), "z\nw".into()]],
            &mut out,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(String::from_utf8_lossy(&out), "a\tb\nx y\tz w\n");
    }
}

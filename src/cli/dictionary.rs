//! `paperkg dictionary`: list every alias, or validate the files and show their sizes.

use clap::{Subcommand, ValueEnum};
use paperkg_core::dictionary::Dictionary;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ListFormat {
    /// type, canonical name, alias, source: one line per alias.
    Tsv,
}

#[derive(Subcommand)]
pub(super) enum DictionaryCommand {
    /// One line per alias: type, canonical name, alias, source; then the sizes by source on
    /// stderr.
    #[command(after_help = "Examples:
  paperkg dictionary list | grep -i llama")]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: ListFormat,
        /// Read dictionaries from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR", env = "PAPERKG_DICTIONARIES")]
        dictionaries: Option<PathBuf>,
    },
    /// Validate the dictionaries and print the number of entries per type, then per source.
    #[command(after_help = "Examples:
  paperkg dictionary check --dictionaries dictionaries/
  paperkg dictionary check --format json")]
    Check {
        /// Read dictionaries from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR", env = "PAPERKG_DICTIONARIES")]
        dictionaries: Option<PathBuf>,
        /// Output format: tables of entries per type and per source, their JSON, or the
        /// per-source table as TSV.
        #[arg(long, value_enum, default_value = "table")]
        format: super::ReportFormat,
    },
}

pub(super) fn run(command: DictionaryCommand) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match command {
        DictionaryCommand::List {
            format: ListFormat::Tsv,
            dictionaries,
        } => {
            let dictionary = super::load_dictionary(dictionaries.as_deref())?;
            for entry in dictionary.entries() {
                for alias in &entry.aliases {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}",
                        entry.entity_type, entry.canonical, alias.text, entry.source
                    )?;
                }
            }
            let mut err = std::io::stderr().lock();
            write_source_counts(&mut err, &dictionary)?;
        }
        DictionaryCommand::Check {
            dictionaries,
            format,
        } => {
            let dictionary = super::load_dictionary(dictionaries.as_deref())?;
            write_check(&mut out, &check(&dictionary), format)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `dictionary check --format json`: entries per type, the version, and the sizes by source.
#[derive(Serialize)]
struct Check {
    entries_by_type: BTreeMap<String, usize>,
    version: String,
    by_source: Vec<SourceRow>,
}

/// One source's entries of one type.
#[derive(Serialize)]
struct SourceRow {
    source: String,
    #[serde(rename = "type")]
    entity_type: String,
    entries: usize,
    extended: usize,
    aliases: usize,
}

fn check(dictionary: &Dictionary) -> Check {
    Check {
        entries_by_type: dictionary
            .counts()
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
            .collect(),
        version: dictionary.version().to_string(),
        by_source: dictionary
            .counts_by_source()
            .into_iter()
            .map(|c| SourceRow {
                source: c.source.to_string(),
                entity_type: c.entity_type.to_string(),
                entries: c.entries,
                extended: c.extended,
                aliases: c.aliases,
            })
            .collect(),
    }
}

/// The check as tables (per type with the version, then per source), JSON, or the
/// per-source table as TSV (one header, one kind of row).
fn write_check(
    out: &mut dyn Write,
    check: &Check,
    format: super::ReportFormat,
) -> std::io::Result<()> {
    let sources: Vec<Vec<String>> = check
        .by_source
        .iter()
        .map(|r| {
            vec![
                r.source.clone(),
                r.entity_type.clone(),
                r.entries.to_string(),
                r.extended.to_string(),
                r.aliases.to_string(),
            ]
        })
        .collect();
    let source_header = ["source", "type", "entries", "extended", "aliases"];
    match format {
        super::ReportFormat::Table => {
            let mut rows: Vec<Vec<String>> = check
                .entries_by_type
                .iter()
                .map(|(t, n)| vec![t.clone(), n.to_string()])
                .collect();
            rows.push(vec!["version".into(), check.version.clone()]);
            super::output::write_report(format, &["what", "entries"], &rows, check, out)?;
            writeln!(out)?;
            super::output::write_report(format, &source_header, &sources, check, out)
        }
        _ => super::output::write_report(format, &source_header, &sources, check, out),
    }
}

/// One line per source and type: `source SOURCE TYPE entries N extended N aliases N`.
fn write_source_counts(out: &mut dyn Write, dictionary: &Dictionary) -> std::io::Result<()> {
    for c in dictionary.counts_by_source() {
        writeln!(
            out,
            "source\t{}\t{}\tentries\t{}\textended\t{}\taliases\t{}",
            c.source, c.entity_type, c.entries, c.extended, c.aliases
        )?;
    }
    Ok(())
}

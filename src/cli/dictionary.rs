//! `paperkg dictionary`: list every alias, or validate the files and show their sizes.

use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ListFormat {
    /// type, canonical name, alias: one line per alias.
    Tsv,
}

#[derive(Subcommand)]
pub(super) enum DictionaryCommand {
    /// One line per alias: type, canonical name, alias.
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
    /// Validate the dictionaries and print the number of entries per type.
    #[command(after_help = "Examples:
  paperkg dictionary check --dictionaries dictionaries/
  paperkg dictionary check --format json")]
    Check {
        /// Read dictionaries from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR", env = "PAPERKG_DICTIONARIES")]
        dictionaries: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: super::ReportFormat,
    },
}

/// `dictionary check --format json`: entries per type and the dictionaries' version.
#[derive(Serialize)]
struct Check {
    entries_by_type: BTreeMap<String, usize>,
    version: String,
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
                        "{}\t{}\t{}",
                        entry.entity_type, entry.canonical, alias.text
                    )?;
                }
            }
        }
        DictionaryCommand::Check {
            dictionaries,
            format,
        } => {
            let dictionary = super::load_dictionary(dictionaries.as_deref())?;
            let check = Check {
                entries_by_type: dictionary
                    .counts()
                    .into_iter()
                    .map(|(t, n)| (t.to_string(), n))
                    .collect(),
                version: dictionary.version().to_string(),
            };
            let mut rows: Vec<Vec<String>> = check
                .entries_by_type
                .iter()
                .map(|(t, n)| vec![t.clone(), n.to_string()])
                .collect();
            rows.push(vec!["version".into(), check.version.clone()]);
            super::output::write_report(format, &["what", "entries"], &rows, &check, &mut out)?;
        }
    }
    out.flush()?;
    Ok(())
}

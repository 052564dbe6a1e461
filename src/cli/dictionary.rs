//! `paperkg dictionary`: list every alias, or validate the files and show their sizes.

use clap::{Subcommand, ValueEnum};
use paperkg_core::dictionary::Dictionary;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum ListFormat {
    /// type, canonical name, alias: one line per alias.
    Tsv,
}

#[derive(Subcommand)]
pub(super) enum DictionaryCommand {
    /// One line per alias: type, canonical name, alias, source; then the sizes by source on
    /// stderr.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "tsv")]
        format: ListFormat,
        /// Read dictionaries from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        dictionaries: Option<PathBuf>,
    },
    /// Validate the dictionaries and print the number of entries per type, then per source.
    Check {
        /// Read dictionaries from this directory instead of the built-in ones.
        #[arg(long, value_name = "DIR")]
        dictionaries: Option<PathBuf>,
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
        DictionaryCommand::Check { dictionaries } => {
            let dictionary = super::load_dictionary(dictionaries.as_deref())?;
            for (t, n) in dictionary.counts() {
                writeln!(out, "{t}\t{n}")?;
            }
            writeln!(out, "version\t{}", dictionary.version())?;
            write_source_counts(&mut out, &dictionary)?;
        }
    }
    out.flush()?;
    Ok(())
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

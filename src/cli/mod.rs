//! Command-line parsing and dispatch: one file per subcommand, each with its clap arguments
//! and a `run` function.

mod build;
mod choices;
mod conventions;
mod dictionary;
mod eval;
mod export;
mod extract;
mod graph;
mod leaderboard;
mod lookup;
mod output;
mod paper;
mod path;
mod query;
mod rank;
mod related;
mod serve;
mod stats;
mod trend;

use anyhow::Context;
use choices::InputFormat;
use clap::{Args, Parser, Subcommand};
use paperkg_core::corpus::RecordIssue;
use paperkg_core::dictionary::Dictionary;
use paperkg_core::extract::Extractor;
use paperkg_core::pipeline::{self, PipelineError, Summary};
use paperkg_store::rdf::StoreLocation;
use std::path::{Path, PathBuf};

pub(crate) use output::{note, plural, progress, verbosity, ReportFormat, UsageError, Verbosity};

/// Turn paper titles and abstracts into a SPARQL-queryable knowledge graph.
#[derive(Parser)]
#[command(
    name = "paperkg",
    version,
    about,
    long_about = None,
    after_help = "Getting started:
  paperkg build papers.jsonl          build ./paperkg-store from abstracts
  paperkg lookup SAM                  an entity's card
  paperkg query --list                the canned questions

Docs: README.md and docs/cli.md in the source tree, or `man paperkg` after
`paperkg man --dir ~/.local/share/man/man1`."
)]
pub(crate) struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes, before or after its name.
#[derive(Args)]
struct GlobalArgs {
    /// The store directory [default: ./paperkg-store].
    #[arg(long, global = true, value_name = "DIR", env = "PAPERKG_STORE")]
    store: Option<PathBuf>,
    /// Print only errors and the results (no progress, notes or summaries).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: every skipped record, and the store opened.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities from papers and print them (JSON lines or TSV).
    Extract(extract::ExtractArgs),
    /// Build a fresh store from papers (replaces an existing store atomically).
    Build(build::BuildArgs),
    /// Add papers to an existing store without duplicating any.
    Add(build::BuildArgs),
    /// Run a SPARQL query: text, stdin, a .rq file, or a canned query by name.
    Query(query::QueryArgs),
    /// Show an entity's card: aliases, papers, code, related entities.
    Lookup(lookup::LookupArgs),
    /// Show a paper's card: its title, entities by type, code and results.
    Paper(paper::PaperArgs),
    /// A dataset's results, one board per metric, best first, with disagreements.
    Leaderboard(leaderboard::LeaderboardArgs),
    /// Export the store as RDF or the graph as GraphViz DOT.
    Export(export::ExportArgs),
    /// Serve the store: a read-only SPARQL endpoint and an explorer page.
    Serve(serve::ServeArgs),
    /// Count papers, entities by type, mentions and triples in the store.
    Stats(stats::StatsArgs),
    /// Rank entities by the papers that mention them, or by PageRank.
    Rank(rank::RankArgs),
    /// List the entities most often mentioned together with one entity.
    Related(related::RelatedArgs),
    /// Show the shortest chain of papers between two entities.
    Path(path::PathArgs),
    /// Count the papers mentioning entities per month; draw them as an SVG chart with -o.
    Trend(trend::TrendArgs),
    /// Score extraction against a gold file: per-type precision, recall and F1.
    Eval(eval::EvalArgs),
    /// Inspect the dictionaries.
    #[command(
        subcommand,
        after_help = "Examples:
  paperkg dictionary check --dictionaries dictionaries/
  paperkg dictionary list | grep -i llama"
    )]
    Dictionary(dictionary::DictionaryCommand),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(conventions::CompletionsArgs),
    /// Print the man page, or write one page per command into a directory.
    Man(conventions::ManArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    output::set_verbosity(if cli.global.quiet {
        Verbosity::Quiet
    } else if cli.global.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    });
    let store = StoreArgs {
        store: cli.global.store,
    };
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Build(args) => build::run(args.with_store(store), build::Mode::Build),
        Command::Add(args) => build::run(args.with_store(store), build::Mode::Add),
        Command::Query(mut args) => {
            args.store = store;
            query::run(args)
        }
        Command::Lookup(mut args) => {
            args.store = store;
            lookup::run(args)
        }
        Command::Paper(args) => paper::run(args, &store),
        Command::Leaderboard(mut args) => {
            args.store = store;
            leaderboard::run(args)
        }
        Command::Export(mut args) => {
            args.store = store;
            export::run(args)
        }
        Command::Serve(mut args) => {
            args.store = store;
            serve::run(args)
        }
        Command::Stats(mut args) => {
            args.store = store;
            stats::run(args)
        }
        Command::Rank(mut args) => {
            args.store = store;
            rank::run(args)
        }
        Command::Related(mut args) => {
            args.store = store;
            related::run(args)
        }
        Command::Path(mut args) => {
            args.store = store;
            path::run(args)
        }
        Command::Trend(mut args) => {
            args.store = store;
            trend::run(args)
        }
        Command::Eval(args) => eval::run(args),
        Command::Dictionary(command) => dictionary::run(command),
        Command::Completions(args) => conventions::completions(args),
        Command::Man(args) => conventions::man(args),
    }
}

/// The error and its causes on one line, `outer: inner: innermost`, as `{:#}` prints them,
/// but without a cause whose text the line already holds. Most errors here name their
/// cause in their own message ("cannot open x.txt: No such file or directory") and also
/// return it as their source, so `{:#}` would print the reason twice.
pub fn error_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(text.as_str()) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Exit code 2 for bad usage (a request that cannot mean what the user meant) and for bad
/// input under `--strict`; 1 for everything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let usage = error.chain().any(|c| {
        c.is::<UsageError>()
            || matches!(
                c.downcast_ref::<PipelineError>(),
                Some(PipelineError::Strict(_))
            )
            || matches!(
                c.downcast_ref::<paperkg_store::query::QueryError>(),
                Some(paperkg_store::query::QueryError::Param(_))
            )
    });
    if usage {
        2
    } else {
        1
    }
}

/// Options shared by every command that reads papers.
#[derive(Args, Clone)]
struct InputArgs {
    /// Input files (`-` for stdin; `.gz` is decompressed).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The input format; detected from the content by default.
    #[arg(long, value_enum, default_value = "auto")]
    input_format: InputFormat,
    /// Fail on the first bad record instead of reporting and skipping it.
    #[arg(long)]
    strict: bool,
    /// Worker threads for extraction [default: all cores].
    #[arg(long, env = "PAPERKG_THREADS")]
    threads: Option<usize>,
    /// Read dictionaries from this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR", env = "PAPERKG_DICTIONARIES")]
    dictionaries: Option<PathBuf>,
    /// Do not discover names that no dictionary knows.
    #[arg(long)]
    no_discovery: bool,
    /// Skip the second pass that matches names introduced by one paper in all the others.
    #[arg(long)]
    no_corpus_pass: bool,
}

/// The store a command reads: `--store`, a global option set on the top-level command (so it
/// may come before or after the subcommand), handed to each command's arguments.
#[derive(Args, Clone, Default)]
pub(crate) struct StoreArgs {
    #[arg(skip)]
    store: Option<PathBuf>,
}

impl StoreArgs {
    fn location(&self) -> StoreLocation {
        let location = StoreLocation::resolve(self.store.as_deref());
        output::detail(&format!("store: {}", location.path().display()));
        location
    }
}

fn load_dictionary(dir: Option<&Path>) -> anyhow::Result<Dictionary> {
    match dir {
        Some(dir) => Dictionary::load_dir(dir)
            .with_context(|| format!("loading dictionaries from {}", dir.display())),
        None => Dictionary::builtin().context("loading the built-in dictionaries"),
    }
}

/// Prints skipped records as they come; after the first hundred only counts them.
struct SkipReporter {
    shown: usize,
}

impl SkipReporter {
    const SHOWN: usize = 100;

    fn report(&mut self, issue: &RecordIssue) {
        // Skipped records are warnings, shown even under --quiet; --verbose shows every one.
        if self.shown < Self::SHOWN || output::verbosity() == Verbosity::Verbose {
            eprintln!("paperkg: skipped {issue}");
        } else if self.shown == Self::SHOWN {
            eprintln!("paperkg: further skipped records are counted but not shown");
        }
        self.shown += 1;
    }
}

impl InputArgs {
    fn configure_threads(&self) {
        if let Some(n) = self.threads.filter(|&n| n > 0) {
            // Only the first call can configure the global pool; later calls are harmless.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global();
        }
    }

    /// Builds the extractor, running the corpus-level first pass when it applies: names that
    /// papers introduce with confidence are then matched in every paper.
    fn extractor(&self) -> anyhow::Result<Extractor> {
        self.configure_threads();
        let dictionary = load_dictionary(self.dictionaries.as_deref())?;
        let plain = Extractor::builder()
            .dictionary(dictionary)
            .discovery(!self.no_discovery)
            .build()?;
        if self.no_corpus_pass || self.no_discovery {
            return Ok(plain);
        }
        Ok(pipeline::with_corpus_pass(
            plain,
            &self.inputs,
            self.input_format.into(),
        )?)
    }

    /// Runs the pipeline with skip reporting and a closing summary on stderr; each paper's
    /// extraction goes through `prepare` on the worker that made it before `sink` sees its
    /// batch.
    fn run_pipeline<T: Send>(
        &self,
        extractor: &Extractor,
        prepare: &(dyn Fn(paperkg_core::extract::PaperExtraction) -> T + Sync),
        sink: &mut dyn FnMut(Vec<T>) -> Result<(), String>,
    ) -> anyhow::Result<Summary> {
        let mut reporter = SkipReporter { shown: 0 };
        let summary = pipeline::run_with(
            &self.inputs,
            self.input_format.into(),
            self.strict,
            &|paper| prepare(extractor.extract_owned(paper)),
            &mut |issue| reporter.report(issue),
            sink,
        )?;
        note(&format!(
            "{} read, {} skipped",
            plural(summary.papers, "paper"),
            plural(summary.skipped.len(), "record")
        ));
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::error_line;

    #[derive(Debug, thiserror::Error)]
    #[error("cannot open x.txt: {source}")]
    struct Names {
        source: std::io::Error,
    }

    fn not_found() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")
    }

    #[test]
    fn a_cause_the_message_already_names_is_not_repeated() {
        let error = anyhow::Error::new(Names {
            source: not_found(),
        });
        assert_eq!(error_line(&error), "cannot open x.txt: no such file");
    }

    #[test]
    fn causes_the_message_does_not_name_are_chained() {
        let error = anyhow::Error::new(not_found()).context("reading the corpus");
        assert_eq!(error_line(&error), "reading the corpus: no such file");
        let error = anyhow::Error::new(Names {
            source: not_found(),
        })
        .context("building");
        assert_eq!(
            error_line(&error),
            "building: cannot open x.txt: no such file"
        );
    }
}

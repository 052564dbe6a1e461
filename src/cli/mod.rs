//! Command-line parsing and dispatch: one file per subcommand, each with its clap arguments
//! and a `run` function.

mod build;
mod choices;
mod dictionary;
mod eval;
mod export;
mod extract;
mod graph;
mod leaderboard;
mod lookup;
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

/// Turn paper titles and abstracts into a SPARQL-queryable knowledge graph.
#[derive(Parser)]
#[command(name = "paperkg", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities from papers and print them (JSON lines or TSV).
    Extract(extract::ExtractArgs),
    /// Build a fresh store from papers (replaces an existing store atomically).
    Build(build::BuildArgs),
    /// Add papers to an existing store without duplicating any.
    Add(build::BuildArgs),
    /// Run a SPARQL query: text, a .rq file, or the name of a query in queries/.
    Query(query::QueryArgs),
    /// Show an entity's card: aliases, papers, code, related entities.
    Lookup(lookup::LookupArgs),
    /// List the results on a dataset, one board per metric, best first; show where papers
    /// disagree.
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
    #[command(subcommand)]
    Dictionary(dictionary::DictionaryCommand),
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Build(args) => build::run(args, build::Mode::Build),
        Command::Add(args) => build::run(args, build::Mode::Add),
        Command::Query(args) => query::run(args),
        Command::Lookup(args) => lookup::run(args),
        Command::Leaderboard(args) => leaderboard::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Rank(args) => rank::run(args),
        Command::Related(args) => related::run(args),
        Command::Path(args) => path::run(args),
        Command::Trend(args) => trend::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Dictionary(command) => dictionary::run(command),
    }
}

/// Exit code 2 for bad input under `--strict`, 1 for everything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    let strict = error.chain().any(|c| {
        matches!(
            c.downcast_ref::<PipelineError>(),
            Some(PipelineError::Strict(_))
        )
    });
    if strict {
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
    /// Worker threads for extraction (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Read dictionaries from this directory instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// Do not discover names that no dictionary knows.
    #[arg(long)]
    no_discovery: bool,
    /// Skip the second pass that matches names introduced by one paper in all the others.
    #[arg(long)]
    no_corpus_pass: bool,
}

/// Options shared by every command that reads a store.
#[derive(Args, Clone)]
struct StoreArgs {
    /// The store directory (default: $PAPERKG_STORE, else ./paperkg-store).
    #[arg(long, value_name = "DIR")]
    store: Option<PathBuf>,
}

impl StoreArgs {
    fn location(&self) -> StoreLocation {
        StoreLocation::resolve(self.store.as_deref())
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
        if self.shown < Self::SHOWN {
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
        eprintln!(
            "paperkg: {} papers read, {} records skipped",
            summary.papers,
            summary.skipped.len()
        );
        Ok(summary)
    }
}

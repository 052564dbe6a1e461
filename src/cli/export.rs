//! `paperkg export`: RDF formats from the store; DOT of an entity's neighbourhood or of the
//! top entities from the graph index, of the whole graph from the store.

use super::choices::ExportFormat;
use super::graph::StoreGraph;
use super::{StoreArgs, UsageError};
use anyhow::Context;
use clap::Args;
use paperkg_store::export::{write_dot, write_rdf, DotScope};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg export -o store.ttl                         (the format from the extension)
  paperkg export --format nquads | gzip > store.nq.gz
  paperkg export --around SAM --depth 2 -o sam.dot && dot -Tsvg sam.dot -o sam.svg
  paperkg export --top 30 -o overview.dot")]
pub(super) struct ExportArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format [default: taken from -o's extension: .ttl .nt .nq .rdf/.xml/.owl .dot/.gv].
    #[arg(long, value_enum)]
    format: Option<ExportFormat>,
    /// DOT only: draw just this entity's neighbourhood (any alias).
    #[arg(long, value_name = "NAME")]
    around: Option<String>,
    /// With --around: how many hops to follow (papers count as hops) [default: 2].
    #[arg(long, requires = "around")]
    depth: Option<usize>,
    /// DOT only: draw just the N entities with the most papers, and their papers.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

/// The export format an extension names (`store.ttl` is Turtle), if any.
fn format_of_extension(path: &Path) -> Option<ExportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "ttl" => ExportFormat::Turtle,
        "nt" => ExportFormat::Ntriples,
        "nq" => ExportFormat::Nquads,
        "rdf" | "xml" | "owl" => ExportFormat::Rdfxml,
        "dot" | "gv" => ExportFormat::Dot,
        _ => return None,
    })
}

/// The format to write: `--format`, else the one `-o`'s extension names. A file name that
/// names another format (`--format dot -o graph.png`) is refused: the file would not be what
/// its name says.
fn chosen_format(args: &ExportArgs) -> Result<ExportFormat, UsageError> {
    let named = args.output.as_deref().map(|p| (p, format_of_extension(p)));
    let has_extension = args
        .output
        .as_deref()
        .is_some_and(|p| p.extension().is_some());
    match (args.format, named) {
        (Some(format), None) => Ok(format),
        (Some(format), Some((_, Some(named)))) if named == format => Ok(format),
        (Some(format), Some((_, None))) if !has_extension => Ok(format),
        (None, Some((_, Some(named)))) => Ok(named),
        (_, Some((path, _))) => Err(UsageError(format!(
            "-o {}: the extension does not name {}; export writes .ttl, .nt, .nq, .rdf and .dot \
             (for a picture, write .dot and run `dot -Tpng graph.dot -o graph.png`)",
            path.display(),
            match args.format {
                Some(f) => format!("the --format {}", format_name(f)),
                None => "a format it writes".to_string(),
            }
        ))),
        (None, None) => Err(UsageError(
            "say which format: --format turtle|ntriples|nquads|rdfxml|dot, or -o FILE with \
             one of the extensions .ttl .nt .nq .rdf .dot"
                .to_string(),
        )),
    }
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Turtle => "turtle",
        ExportFormat::Ntriples => "ntriples",
        ExportFormat::Nquads => "nquads",
        ExportFormat::Rdfxml => "rdfxml",
        ExportFormat::Dot => "dot",
    }
}

pub(super) fn run(args: ExportArgs) -> anyhow::Result<()> {
    let format = chosen_format(&args)?;
    if format != ExportFormat::Dot && (args.around.is_some() || args.top.is_some()) {
        return Err(UsageError(format!(
            "--around and --top draw a part of the graph, as --format dot only; for part of \
             the store as {}, use a CONSTRUCT query (`paperkg query`)",
            format_name(format)
        ))
        .into());
    }
    let scope = match (&args.around, args.top) {
        (None, None) => DotScope::All,
        (Some(name), top) => DotScope::Around {
            name,
            depth: args.depth.unwrap_or(2),
            top,
        },
        (None, Some(n)) => DotScope::Top(n),
    };
    // The store is opened before the output file is made, so a bad store leaves no file.
    let (store, index) = if format == ExportFormat::Dot && scope.uses_index() {
        let sg = StoreGraph::open_at(&args.store.location())?;
        (sg.store, Some(sg.index))
    } else {
        (args.store.location().open_read()?, None)
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let progress = super::progress("exporting");
    let written = match format {
        ExportFormat::Dot => write_dot(&store, index.as_ref(), scope, &mut out),
        rdf => write_rdf(&store, rdf.into(), &mut out),
    };
    progress.finish_and_clear();
    written?;
    out.flush()?;
    Ok(())
}

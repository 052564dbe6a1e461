//! `paperkg extract`: entities per paper as JSON lines (the contract other tools rely on) or
//! one mention per line as TSV.

use super::InputArgs;
use anyhow::Context;
use clap::{Args, ValueEnum};
use paperkg_core::extract::record::push_json_line;
use paperkg_core::extract::{Extractor, PaperExtraction};
use paperkg_rdf::nquads::{NQuadsStream, PaperQuads};
use paperkg_rdf::vocab::DEFAULT_BASE;
use paperkg_rdf::{MappingConfig, TaskHierarchy};
use std::io::{BufWriter, Write};

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Format {
    /// One JSON object per paper.
    Jsonl,
    /// One mention per line, tab-separated, with a header line.
    Tsv,
    /// Each paper's quads as a store holds them, as N-Quads, without the run-level paper
    /// counts and leaderboards (docs/scale.md).
    Nquads,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg extract papers.jsonl > entities.jsonl
  paperkg extract listing.txt --format tsv --explain
  paperkg extract shard-07.jsonl --format nquads > shard-07.nq
  zcat papers.jsonl.gz | paperkg extract - --no-corpus-pass")]
pub(super) struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Add how each entity was found, its confidence and the evidence.
    #[arg(long)]
    explain: bool,
    /// Base IRI for papers, entities and annotations (with --format nquads).
    #[arg(long, default_value = DEFAULT_BASE)]
    base: String,
}

/// Appends one paper's extraction in a line-based format to a buffer; the flag is `--explain`.
type WritePaper = fn(&mut Vec<u8>, &PaperExtraction, bool) -> std::io::Result<()>;

pub(super) fn run(args: ExtractArgs) -> anyhow::Result<()> {
    if matches!(args.format, Format::Nquads) {
        // Checked before the corpus is read.
        oxigraph::model::NamedNode::new(&args.base)
            .with_context(|| format!("--base {:?} is not an IRI", args.base))?;
    }
    let extractor = args.input.extractor()?;
    let write_paper: WritePaper = match args.format {
        Format::Nquads => return write_nquads(&args, &extractor),
        Format::Jsonl => |out, extraction, explain| push_json_line(out, extraction, explain),
        Format::Tsv => |out, extraction, _| write_tsv(out, extraction),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    if matches!(args.format, Format::Tsv) {
        writeln!(
            out,
            "paper\ttype\tname\tentity\tintroduced\tfield\tstart\tend\ttext"
        )?;
    }
    // Each worker renders the papers it extracted; this thread only writes the bytes out.
    let render = |extraction: PaperExtraction| -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(4096);
        write_paper(&mut bytes, &extraction, args.explain)?;
        Ok(bytes)
    };
    write_each(&args, &extractor, &render, &mut |rendered| {
        rendered.and_then(|bytes| out.write_all(&bytes))
    })?;
    out.flush()?;
    Ok(())
}

/// Runs the pipeline and hands each paper, as `render` made it on its worker, to `write` on
/// this thread. The first write error stops the run and is the error returned, as itself
/// (so a closed pipe still reads as one), not as the pipeline's message.
fn write_each<T: Send>(
    args: &ExtractArgs,
    extractor: &Extractor,
    render: &(dyn Fn(PaperExtraction) -> T + Sync),
    write: &mut dyn FnMut(T) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut io_error = None;
    let result = args.input.run_pipeline(extractor, render, &mut |batch| {
        for rendered in batch {
            if let Err(e) = write(rendered) {
                let message = e.to_string();
                io_error = Some(e);
                return Err(message);
            }
        }
        Ok(())
    });
    if let Some(e) = io_error {
        return Err(e.into());
    }
    result?;
    Ok(())
}

/// Writes every paper's quads as one N-Quads document on stdout: the provenance, each paper's
/// own quads, and each entity's description once.
fn write_nquads(args: &ExtractArgs, extractor: &Extractor) -> anyhow::Result<()> {
    let config = MappingConfig {
        base: args.base.clone(),
        dictionary_version: extractor.dictionary().version().to_string(),
    };
    let papers = PaperQuads::new(
        config,
        TaskHierarchy::from_dictionary(extractor.dictionary()),
    );
    let stdout = std::io::stdout();
    let out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut stream = NQuadsStream::new(out, &papers)?;
    let render = |extraction: PaperExtraction| papers.render(&extraction);
    write_each(args, extractor, &render, &mut |rendered| {
        stream.paper(&rendered)
    })?;
    stream.finish().flush()?;
    Ok(())
}

fn write_tsv(out: &mut Vec<u8>, extraction: &PaperExtraction) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let id = extraction.paper.id.to_string();
    for entity in &extraction.entities {
        for m in &entity.mentions {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&id),
                entity.entity_type,
                clean(&entity.name),
                entity.id,
                entity.introduced,
                m.field.as_str(),
                m.start,
                m.end,
                clean(&m.text)
            )?;
        }
    }
    Ok(())
}

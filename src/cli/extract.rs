//! `paperkg extract`: entities per paper as JSON lines (the contract other tools rely on) or
//! one mention per line as TSV.

use super::InputArgs;
use clap::{Args, ValueEnum};
use paperkg_core::extract::{Entity, PaperExtraction, RejectedResult, ResultRecord};
use serde::Serialize;
use std::io::{BufWriter, Write};

#[derive(Clone, Copy, ValueEnum)]
pub(super) enum Format {
    /// One JSON object per paper.
    Jsonl,
    /// One mention per line, tab-separated, with a header line.
    Tsv,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg extract papers.jsonl > entities.jsonl
  paperkg extract listing.txt --format tsv --explain
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
}

#[derive(Serialize)]
struct PaperOut<'a> {
    id: String,
    title: &'a str,
    entities: Vec<EntityOut<'a>>,
    results: &'a [ResultRecord],
    /// Under `--explain`: numbers next to a metric that are not results, with the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    rejected_results: Option<&'a [RejectedResult]>,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    #[serde(flatten)]
    entity: &'a Entity,
    #[serde(skip_serializing_if = "Option::is_none")]
    found_by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a str>,
}

pub(super) fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let extractor = args.input.extractor()?;
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
        let mut bytes = Vec::with_capacity(1024);
        match args.format {
            Format::Jsonl => write_json(&mut bytes, &extraction, args.explain)?,
            Format::Tsv => write_tsv(&mut bytes, &extraction)?,
        }
        Ok(bytes)
    };
    let mut io_error = None;
    let result = args.input.run_pipeline(&extractor, &render, &mut |batch| {
        for rendered in batch {
            if let Err(e) = rendered.and_then(|bytes| out.write_all(&bytes)) {
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
    out.flush()?;
    Ok(())
}

fn write_json(
    out: &mut dyn Write,
    extraction: &PaperExtraction,
    explain: bool,
) -> std::io::Result<()> {
    let paper = PaperOut {
        id: extraction.paper.id.to_string(),
        title: &extraction.paper.title,
        entities: extraction
            .entities
            .iter()
            .map(|entity| EntityOut {
                entity,
                found_by: explain.then(|| entity.found_by.as_str()),
                confidence: explain.then_some(entity.confidence),
                evidence: explain.then_some(entity.evidence.as_str()),
            })
            .collect(),
        results: &extraction.results,
        rejected_results: explain.then_some(extraction.rejected_results.as_slice()),
    };
    serde_json::to_writer(&mut *out, &paper)?;
    out.write_all(b"\n")
}

fn write_tsv(out: &mut dyn Write, extraction: &PaperExtraction) -> std::io::Result<()> {
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

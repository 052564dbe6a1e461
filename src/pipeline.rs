//! The streaming pipeline shared by `extract`, `build`, `add` and `eval`: a reader thread
//! parses inputs into batches of papers, rayon extracts each batch in parallel, and a sink
//! consumes the extractions in input order. Memory holds a few batches, never the corpus.
//!
//! Duplicate ids: the first record with an id is kept; every later record with the same id is
//! reported as skipped (saying whether its title and abstract differ) and not extracted, so a
//! paper never gets two titles or two abstracts. Only a 64-bit hash of each id and of its text
//! is remembered, about 40 bytes a paper.

use crate::corpus::{self, InputFormat, Paper, Record, RecordIssue};
use crate::extract::{Extractor, PaperExtraction};
use crate::text::fnv1a;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

/// Papers per batch: large enough to keep both cores busy, small enough to bound memory.
pub const BATCH_PAPERS: usize = 2048;

/// What a run read: the papers extracted and the records skipped.
#[derive(Debug, Default)]
pub struct Summary {
    /// Papers extracted.
    pub papers: usize,
    /// Records skipped, with reasons.
    pub skipped: Vec<RecordIssue>,
    /// Bytes of title and abstract text processed.
    pub text_bytes: usize,
}

/// Errors that stop a run.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A record was bad and `--strict` was given.
    #[error("{0} (stopping: --strict)")]
    Strict(RecordIssue),
    /// The sink failed.
    #[error("{0}")]
    Sink(String),
}

enum Message {
    Batch(Vec<Paper>),
    Skipped(RecordIssue),
}

/// Reads `inputs`, extracts every paper and hands batches of extractions to `sink`.
/// `on_skip` sees each skipped record as it comes. With `strict`, the first bad record stops
/// the run.
pub fn run(
    inputs: &[PathBuf],
    format: InputFormat,
    extractor: &Extractor,
    strict: bool,
    on_skip: &mut dyn FnMut(&RecordIssue),
    sink: &mut dyn FnMut(Vec<PaperExtraction>) -> Result<(), String>,
) -> Result<Summary, PipelineError> {
    let (sender, receiver) = mpsc::sync_channel::<Message>(4);
    let inputs = inputs.to_vec();
    let reader = std::thread::spawn(move || read_all(&inputs, format, &sender));
    let mut summary = Summary::default();
    let mut outcome = Ok(());
    for message in receiver.iter() {
        match message {
            Message::Batch(papers) => {
                summary.papers += papers.len();
                summary.text_bytes += papers
                    .iter()
                    .map(|p| p.title.len() + p.abstract_text.len())
                    .sum::<usize>();
                let extractions: Vec<PaperExtraction> =
                    papers.par_iter().map(|p| extractor.extract(p)).collect();
                if let Err(e) = sink(extractions) {
                    outcome = Err(PipelineError::Sink(e));
                    break;
                }
            }
            Message::Skipped(issue) => {
                on_skip(&issue);
                if strict {
                    outcome = Err(PipelineError::Strict(issue));
                    break;
                }
                summary.skipped.push(issue);
            }
        }
    }
    drop(receiver);
    let _ = reader.join();
    outcome.map(|()| summary)
}

/// The reader thread: every input in order, batches of papers, skipped records in between.
fn read_all(inputs: &[PathBuf], format: InputFormat, sender: &mpsc::SyncSender<Message>) {
    let mut batch = Vec::with_capacity(BATCH_PAPERS);
    let mut seen = SeenIds::default();
    let mut open = true;
    for (input, path) in inputs.iter().enumerate() {
        let mut sink = |record: Record| {
            if !open {
                return;
            }
            let record = match record {
                Record::Paper(paper) => seen.check(paper, input, inputs),
                skipped => skipped,
            };
            match record {
                Record::Paper(paper) => {
                    batch.push(paper);
                    if batch.len() >= BATCH_PAPERS {
                        let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_PAPERS));
                        open = sender.send(Message::Batch(full)).is_ok();
                    }
                }
                Record::Skipped(issue) => open = sender.send(Message::Skipped(issue)).is_ok(),
            }
        };
        // An input that cannot be read (missing, truncated gzip) is reported like a bad
        // record, and the other inputs are still processed.
        if let Err(error) = corpus::read_path(path, format, &mut sink) {
            if !open {
                return;
            }
            let issue = error.to_issue();
            open = sender.send(Message::Skipped(issue)).is_ok();
        }
        if !open {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(Message::Batch(batch));
    }
}

/// The ids read so far in this run: a hash of the id, mapped to a hash of the text and the
/// input and line of the first record with it.
#[derive(Default)]
struct SeenIds {
    first: HashMap<u64, (u64, usize, usize)>,
}

impl SeenIds {
    /// Passes the first paper with an id through; turns a later one into a skipped record.
    /// `input` is the paper's index in `inputs`.
    fn check(&mut self, paper: Paper, input: usize, inputs: &[PathBuf]) -> Record {
        let id = fnv1a(paper.id.to_string().as_bytes());
        let text = fnv1a(format!("{}\n{}", paper.title, paper.abstract_text).as_bytes());
        let (source, line) = split_origin(&paper.origin);
        let Some(&(first_text, first_input, first_line)) = self.first.get(&id) else {
            self.first.insert(id, (text, input, line));
            return Record::Paper(paper);
        };
        let how = if first_text == text {
            "same title and abstract"
        } else {
            "different title or abstract"
        };
        let first_source = inputs
            .get(first_input)
            .map_or_else(String::new, |p| p.display().to_string());
        Record::Skipped(RecordIssue {
            source: source.to_string(),
            line,
            reason: format!(
                "duplicate id {} ({how}); the first record, at {first_source}:{first_line}, is kept",
                paper.id
            ),
        })
    }
}

/// Splits a paper's `file:line` origin.
fn split_origin(origin: &str) -> (&str, usize) {
    match origin.rsplit_once(':') {
        Some((source, line)) => (source, line.parse().unwrap_or(0)),
        None => (origin, 0),
    }
}

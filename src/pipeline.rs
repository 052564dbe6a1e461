//! The streaming pipeline shared by `extract`, `build`, `add` and `eval`: a reader thread
//! parses inputs into batches of papers, rayon extracts each batch in parallel, and a sink
//! consumes the extractions in input order. Memory holds a few batches, never the corpus.

use crate::corpus::{self, InputFormat, Paper, Record, RecordIssue};
use crate::extract::{Extractor, PaperExtraction};
use rayon::prelude::*;
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
    let mut open = true;
    for path in inputs {
        let mut sink = |record: Record| {
            if !open {
                return;
            }
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

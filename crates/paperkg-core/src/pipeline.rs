//! The streaming pipeline shared by `extract`, `build`, `add` and `eval`: a reader thread
//! parses inputs into batches of papers, a worker thread has rayon extract (or otherwise
//! process) each batch in parallel, and the calling thread's sink consumes the results in
//! input order. The three stages overlap; bounded channels between them keep a few batches in
//! memory, never the corpus.
//!
//! Duplicate ids: the first record with an id is kept; every later record with the same id is
//! reported as skipped (saying whether its title and abstract differ) and not extracted, so a
//! paper never gets two titles or two abstracts. Only a 64-bit hash of each id and of its text
//! is remembered, about 40 bytes a paper.

use crate::corpus::{self, InputFormat, Paper, Record, RecordIssue};
use crate::extract::{CorpusName, Extractor, ExtractorError, PaperExtraction};
use crate::text::{fnv1a, FastHasher};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hasher;
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
    /// An input cannot be opened at all (missing, a directory, unreadable). Nothing was read.
    #[error(transparent)]
    Input(#[from] corpus::CorpusError),
    /// The names found by the corpus pass could not be added to the extractor.
    #[error(transparent)]
    Extractor(#[from] ExtractorError),
}

/// What flows between the stages: a batch (of papers, then of prepared extractions) with the
/// bytes of text it holds, or a skipped record, in input order.
enum Message<T> {
    Batch { items: Vec<T>, text_bytes: usize },
    Skipped(RecordIssue),
}

/// Reads `inputs`, extracts every paper and hands batches of extractions to `sink`.
/// `on_skip` sees each skipped record as it comes. With `strict`, the first bad record stops
/// the run. An input that cannot be opened stops the run before anything is read.
pub fn run(
    inputs: &[PathBuf],
    format: InputFormat,
    extractor: &Extractor,
    strict: bool,
    on_skip: &mut dyn FnMut(&RecordIssue),
    sink: &mut dyn FnMut(Vec<PaperExtraction>) -> Result<(), String>,
) -> Result<Summary, PipelineError> {
    run_with(
        inputs,
        format,
        strict,
        &|paper| extractor.extract_owned(paper),
        on_skip,
        sink,
    )
}

/// The corpus-level first pass of a two-pass run: reads `inputs` once with only the rules
/// that find introduced names, and returns an extractor that also matches every name some
/// paper introduces with confidence, in all the other papers. Extract with the result in the
/// second pass. Bad records are left to the second pass to report. When an input is stdin
/// (`-`), which cannot be read twice, the pass is skipped and `extractor` comes back as it is.
pub fn with_corpus_pass(
    extractor: Extractor,
    inputs: &[PathBuf],
    format: InputFormat,
) -> Result<Extractor, PipelineError> {
    if inputs.iter().any(|p| p.as_os_str() == "-") {
        return Ok(extractor);
    }
    let mut names: Vec<CorpusName> = Vec::new();
    run_with(
        inputs,
        format,
        false,
        &|paper| extractor.corpus_names(&paper),
        &mut |_| {},
        &mut |batch| {
            names.extend(batch.into_iter().flatten());
            Ok(())
        },
    )?;
    names.sort();
    names.dedup();
    Ok(extractor.with_corpus_names(names)?)
}

/// Like [`run`], but each paper goes through `work` (extracting it and serializing the
/// result, say) on a rayon worker, and `sink` gets each batch of results.
///
/// Three stages overlap: the reader thread parses batch n+2 while the workers process batch
/// n+1 and the calling thread sinks batch n. The sink stays on the calling thread, so it need
/// not be `Send` (a store transaction is not).
pub fn run_with<T: Send>(
    inputs: &[PathBuf],
    format: InputFormat,
    strict: bool,
    work: &(dyn Fn(Paper) -> T + Sync),
    on_skip: &mut dyn FnMut(&RecordIssue),
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), String>,
) -> Result<Summary, PipelineError> {
    corpus::check_inputs(inputs)?;
    std::thread::scope(|scope| {
        let (read_sender, read_receiver) = mpsc::sync_channel::<Message<Paper>>(4);
        let (done_sender, done_receiver) = mpsc::sync_channel::<Message<T>>(2);
        scope.spawn(move || read_all(inputs, format, &read_sender));
        scope.spawn(move || work_all(work, &read_receiver, &done_sender));
        drain(&done_receiver, strict, on_skip, sink)
    })
}

/// The calling thread's stage: prepared batches to the sink, skipped records to `on_skip`,
/// in input order. Returning drops the receiver, which stops the other stages.
fn drain<T>(
    receiver: &mpsc::Receiver<Message<T>>,
    strict: bool,
    on_skip: &mut dyn FnMut(&RecordIssue),
    sink: &mut dyn FnMut(Vec<T>) -> Result<(), String>,
) -> Result<Summary, PipelineError> {
    let mut summary = Summary::default();
    for message in receiver.iter() {
        match message {
            Message::Batch { items, text_bytes } => {
                summary.papers += items.len();
                summary.text_bytes += text_bytes;
                sink(items).map_err(PipelineError::Sink)?;
            }
            Message::Skipped(issue) => {
                on_skip(&issue);
                if strict {
                    return Err(PipelineError::Strict(issue));
                }
                summary.skipped.push(issue);
            }
        }
    }
    Ok(summary)
}

/// The worker stage: each batch of papers processed in parallel on the rayon pool, skipped
/// records passed through in order.
fn work_all<T: Send>(
    work: &(dyn Fn(Paper) -> T + Sync),
    receiver: &mpsc::Receiver<Message<Paper>>,
    sender: &mpsc::SyncSender<Message<T>>,
) {
    for message in receiver.iter() {
        let out = match message {
            Message::Batch { items, text_bytes } => Message::Batch {
                items: items.into_par_iter().map(work).collect(),
                text_bytes,
            },
            Message::Skipped(issue) => Message::Skipped(issue),
        };
        if sender.send(out).is_err() {
            return;
        }
    }
}

/// The reader thread: every input in order, batches of papers, skipped records in between.
fn read_all(inputs: &[PathBuf], format: InputFormat, sender: &mpsc::SyncSender<Message<Paper>>) {
    let mut batch = PaperBatch::default();
    let mut seen = SeenIds::default();
    let mut open = true;
    corpus::read_paths(inputs, format, &mut |input, record| {
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
                if batch.items.len() >= BATCH_PAPERS {
                    open = sender.send(batch.take()).is_ok();
                }
            }
            Record::Skipped(issue) => open = sender.send(Message::Skipped(issue)).is_ok(),
        }
    });
    if !open {
        return;
    }
    if !batch.items.is_empty() {
        let _ = sender.send(batch.take());
    }
}

/// The batch the reader is filling, with the bytes of title and abstract text it holds.
#[derive(Default)]
struct PaperBatch {
    items: Vec<Paper>,
    text_bytes: usize,
}

impl PaperBatch {
    fn push(&mut self, paper: Paper) {
        self.text_bytes += paper.title.len() + paper.abstract_text.len();
        self.items.push(paper);
    }

    /// The full batch as a message, leaving an empty one.
    fn take(&mut self) -> Message<Paper> {
        let full = std::mem::take(self);
        Message::Batch {
            items: full.items,
            text_bytes: full.text_bytes,
        }
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
        let text = text_hash(&paper);
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

/// A hash of a paper's title and abstract, to tell a duplicate with the same text from one
/// with another. A word at a time ([`FastHasher`]), not a byte at a time: every paper is
/// hashed. It is kept as a value, never used as a key, so it needs no per-process seed.
fn text_hash(paper: &Paper) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write(paper.title.as_bytes());
    hasher.write_u8(b'\n');
    hasher.write(paper.abstract_text.as_bytes());
    hasher.finish()
}

/// Splits a paper's `file:line` origin.
fn split_origin(origin: &str) -> (&str, usize) {
    match origin.rsplit_once(':') {
        Some((source, line)) => (source, line.parse().unwrap_or(0)),
        None => (origin, 0),
    }
}

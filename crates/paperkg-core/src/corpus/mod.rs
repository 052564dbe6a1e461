//! Input readers: listing text, JSON lines (the arXiv snapshot, OpenAlex works, Semantic
//! Scholar papers) and saved API pages, plain, gzip-compressed or on stdin, turned into
//! [`Paper`]s. Semantic Scholar's bulk `papers` and `abstracts` files are joined on `corpusid`
//! by [`read_paths`].
//!
//! Reading never stops at a bad record. Each one is reported as a [`RecordIssue`] with the file,
//! the line and the reason, and the reader moves on to the next record.

mod arxiv_line;
mod date;
mod json;
mod jsonl;
mod listing;
mod open;
mod openalex;
mod paper;
mod s2;

pub use date::PaperDate;
pub use open::{check_inputs, decode, open_input, InputSource};
pub use paper::{Paper, PaperId};

use std::fmt;
use std::io::{BufRead, Read as _};
use std::path::{Path, PathBuf};

/// The text formats paperkg reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the content: JSON (`{` or `[` first) in the shape its first record has
    /// (arXiv, OpenAlex, Semantic Scholar), anything else is a listing.
    Auto,
    /// A listing page: a title line, a blank line, an abstract line, repeated.
    Listing,
    /// One JSON object per line with `title` and `abstract` (the arXiv snapshot format).
    Jsonl,
    /// OpenAlex works: the snapshot's JSON lines or saved API pages (`{"meta", "results"}`).
    Openalex,
    /// Semantic Scholar Graph API papers: objects, JSON lines, `{"data": [...]}` pages.
    S2,
    /// Semantic Scholar bulk datasets: `papers` and `abstracts` files, joined on `corpusid`.
    S2Bulk,
}

/// Why one record of the input was skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordIssue {
    /// The input's name as the user gave it (`-` for stdin).
    pub source: String,
    /// The 1-based line where the record starts.
    pub line: usize,
    /// What was wrong, in words.
    pub reason: String,
}

impl fmt::Display for RecordIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.reason)
    }
}

/// Errors that stop reading an input altogether (as opposed to a skipped record).
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The file could not be opened.
    #[error("cannot open {path}: {source}")]
    Open {
        /// The path as given.
        path: String,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Reading failed part-way, for example in a truncated gzip stream.
    #[error("{path}:{line}: read failed: {source}")]
    Read {
        /// The path as given.
        path: String,
        /// The last line read successfully plus one.
        line: usize,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

impl CorpusError {
    /// The error as a skipped-input issue, for reports that go on with the next input.
    pub fn to_issue(&self) -> RecordIssue {
        match self {
            CorpusError::Open { path, source } => RecordIssue {
                source: path.clone(),
                line: 0,
                reason: format!("cannot open: {source}"),
            },
            CorpusError::Read { path, line, source } => RecordIssue {
                source: path.clone(),
                line: *line,
                reason: format!("read failed, rest of this input skipped: {source}"),
            },
        }
    }
}

/// One item of a reader's output: a paper, or a record that had to be skipped.
#[derive(Debug)]
pub enum Record {
    /// A well-formed paper.
    Paper(Paper),
    /// A record that was skipped, with the reason.
    Skipped(RecordIssue),
}

/// Reads every record of one input and hands each to `sink`, in input order.
///
/// `name` is used in diagnostics. The format is detected from the content unless `format`
/// says otherwise. Returns an error only when the input cannot be read at all; bad records
/// reach `sink` as [`Record::Skipped`], and so does an input that holds no record at all
/// (empty, or only blank lines and page chrome).
pub fn read_records(
    reader: Box<dyn BufRead>,
    name: &str,
    format: InputFormat,
    sink: &mut dyn FnMut(Record),
) -> Result<(), CorpusError> {
    read_joined(reader, name, format, None, sink)
}

/// [`read_records`], with the abstracts of a run's bulk `abstracts` inputs for its bulk
/// `papers` records.
fn read_joined(
    reader: Box<dyn BufRead>,
    name: &str,
    format: InputFormat,
    abstracts: Option<&mut s2::AbstractTable>,
    sink: &mut dyn FnMut(Record),
) -> Result<(), CorpusError> {
    let mut lines = Lines::new(reader, name);
    let format = match format {
        InputFormat::Auto if !starts_as_json(&mut lines)? => InputFormat::Listing,
        other => other,
    };
    let mut records = 0usize;
    let mut counting = |record: Record| {
        records += 1;
        sink(record);
    };
    match format {
        InputFormat::Listing => listing::read(&mut lines, &mut counting)?,
        json => json::JsonReader::new(json, abstracts).read(&mut lines, &mut counting)?,
    }
    if records == 0 {
        sink(Record::Skipped(nothing_read(&lines)));
    }
    Ok(())
}

/// Reads every input of a run in order, handing each record to `sink` with its input's index.
///
/// Semantic Scholar bulk `abstracts` inputs (recognised from their first record) are read
/// first, into memory; the bulk `papers` records of the other inputs then take their abstracts
/// by `corpusid`, and abstracts that no paper took are reported at the end (an `abstracts`
/// input on stdin or a pipe cannot be joined and is reported). An input that
/// cannot be opened or fails part-way is reported as a skipped record and the others are
/// still read.
pub fn read_paths(inputs: &[PathBuf], format: InputFormat, sink: &mut dyn FnMut(usize, Record)) {
    let mut abstracts = s2::AbstractTable::default();
    let mut loaded = vec![false; inputs.len()];
    if matches!(format, InputFormat::Auto | InputFormat::S2Bulk) {
        for (input, path) in inputs.iter().enumerate() {
            // Only regular files are looked at twice: stdin and pipes are read once, in order.
            if path.as_os_str() == "-" || !path.is_file() {
                continue;
            }
            let load = open_input(path).and_then(|source| {
                let mut lines = Lines::new(source.reader, &source.name);
                abstracts.load_if_abstracts(&mut lines, input, &mut |r| sink(input, r))
            });
            // An input that cannot be read is reported when it is read as papers, below.
            loaded[input] = load.unwrap_or(false);
        }
    }
    for (input, path) in inputs.iter().enumerate() {
        if loaded[input] {
            continue;
        }
        let read = open_input(path).and_then(|source| {
            let name = source.name.clone();
            let table = Some(&mut abstracts);
            read_joined(source.reader, &name, format, table, &mut |r| sink(input, r))
        });
        if let Err(error) = read {
            sink(input, Record::Skipped(error.to_issue()));
        }
    }
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    for (input, issue) in abstracts.unmatched(&names) {
        sink(input, Record::Skipped(issue));
    }
}

/// The issue for an input that yielded no record at all, so that it does not pass unnoticed.
fn nothing_read(lines: &Lines) -> RecordIssue {
    let reason = match lines.number {
        0 => "no papers: the input is empty".to_string(),
        n => format!("no papers: all {n} lines are blank or page chrome"),
    };
    RecordIssue {
        source: lines.name.clone(),
        line: lines.number.max(1),
        reason,
    }
}

/// Reads records from a path (`-` for stdin, `.gz` decompressed) into `sink`.
pub fn read_path(
    path: &Path,
    format: InputFormat,
    sink: &mut dyn FnMut(Record),
) -> Result<(), CorpusError> {
    let source = open_input(path)?;
    let name = source.name.clone();
    read_records(source.reader, &name, format, sink)
}

/// Whether the first non-blank line opens JSON (`{` or `[`); otherwise the input is a listing.
fn starts_as_json(lines: &mut Lines) -> Result<bool, CorpusError> {
    while let Some(line) = lines.peek()? {
        let trimmed = line.text.trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            lines.next_line()?;
            continue;
        }
        return Ok(trimmed.starts_with(['{', '[']));
    }
    Ok(false)
}

/// One line of input, decoded. Invalid UTF-8 is kept as an error for the record to report.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub(crate) number: usize,
    pub(crate) text: String,
    pub(crate) invalid_utf8: bool,
    /// The line was longer than [`MAX_LINE_BYTES`] and was cut.
    pub(crate) truncated: bool,
}

/// A line reader that counts lines, tolerates invalid UTF-8 and allows one line of look-ahead.
pub(crate) struct Lines {
    reader: Box<dyn BufRead>,
    pub(crate) name: String,
    number: usize,
    peeked: Option<Line>,
    buf: Vec<u8>,
}

/// Lines longer than this are cut and reported; it bounds memory on hostile input.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// Why a cut line (longer than [`MAX_LINE_BYTES`]) is skipped; both readers say the same.
pub(crate) fn line_too_long() -> String {
    format!("line longer than {} MiB", MAX_LINE_BYTES >> 20)
}

/// The longest title or abstract accepted, in bytes. Real abstracts are a few kilobytes
/// (arXiv allows 1,920 characters); a record past this is a scraped page or a broken file,
/// and is reported and skipped rather than extracted.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// Checks the size of a title or an abstract against [`MAX_FIELD_BYTES`].
pub(crate) fn check_field_size(field: &str, text: &str) -> Result<(), String> {
    if text.len() > MAX_FIELD_BYTES {
        return Err(format!(
            "the {field} is {} bytes long, over the limit of {MAX_FIELD_BYTES}",
            text.len()
        ));
    }
    Ok(())
}

impl Lines {
    fn new(reader: Box<dyn BufRead>, name: &str) -> Lines {
        Lines {
            reader,
            name: name.to_string(),
            number: 0,
            peeked: None,
            buf: Vec::new(),
        }
    }

    pub(crate) fn peek(&mut self) -> Result<Option<&Line>, CorpusError> {
        if self.peeked.is_none() {
            self.peeked = self.read_line()?;
        }
        Ok(self.peeked.as_ref())
    }

    pub(crate) fn next_line(&mut self) -> Result<Option<Line>, CorpusError> {
        match self.peeked.take() {
            Some(line) => Ok(Some(line)),
            None => self.read_line(),
        }
    }

    fn read_line(&mut self) -> Result<Option<Line>, CorpusError> {
        self.buf.clear();
        let read = (&mut self.reader)
            .take(MAX_LINE_BYTES as u64)
            .read_until(b'\n', &mut self.buf)
            .map_err(|source| CorpusError::Read {
                path: self.name.clone(),
                line: self.number + 1,
                source,
            })?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let truncated = self.buf.len() >= MAX_LINE_BYTES && self.buf.last() != Some(&b'\n');
        if truncated {
            self.skip_rest_of_line()?;
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        let (text, invalid_utf8) = match std::str::from_utf8(&self.buf) {
            Ok(text) => (text.to_string(), false),
            Err(_) => (String::from_utf8_lossy(&self.buf).into_owned(), true),
        };
        Ok(Some(Line {
            number: self.number,
            text,
            invalid_utf8,
            truncated,
        }))
    }

    fn skip_rest_of_line(&mut self) -> Result<(), CorpusError> {
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let n = (&mut self.reader)
                .take(1 << 20)
                .read_until(b'\n', &mut sink)
                .map_err(|source| CorpusError::Read {
                    path: self.name.clone(),
                    line: self.number,
                    source,
                })?;
            if n == 0 || sink.last() == Some(&b'\n') {
                return Ok(());
            }
        }
    }
}

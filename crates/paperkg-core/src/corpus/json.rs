//! JSON inputs in every shape paperkg reads: JSON lines (one record, or one API page, per line)
//! or one JSON document spread over many lines (a saved API response, pretty-printed). A value
//! is a record, a list of records (Semantic Scholar's batch answer: objects and `null`s), an
//! OpenAlex page (`{"meta": …, "results": […]}`) or a Semantic Scholar page (`{"data": […]}`).
//!
//! Each input has one record shape ([`Shape`]): the one `--input-format` names, or the one its
//! first record shows.

use super::s2::AbstractTable;
use super::{arxiv_line, jsonl, openalex, s2};
use super::{CorpusError, InputFormat, Line, Lines, Paper, Record, RecordIssue};
use serde_json::{Map, Value};
use std::ops::ControlFlow;

/// The shapes of JSON record paperkg reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `title` and `abstract`, with arXiv's metadata fields (the arXiv snapshot).
    Arxiv,
    /// An OpenAlex work.
    OpenAlex,
    /// A Semantic Scholar Graph API paper.
    S2Paper,
    /// A line of Semantic Scholar's bulk `papers` dataset (no abstract).
    S2BulkPaper,
    /// A line of Semantic Scholar's bulk `abstracts` dataset.
    S2BulkAbstract,
}

impl Shape {
    /// Recognises a record's shape from its fields.
    pub(crate) fn of(object: &Map<String, Value>) -> Shape {
        let has = |field: &str| object.contains_key(field);
        let openalex_id = object
            .get("id")
            .and_then(Value::as_str)
            .is_some_and(|id| id.contains("openalex.org/"));
        if has("abstract_inverted_index") || has("authorships") || openalex_id {
            Shape::OpenAlex
        } else if has("paperId") || has("externalIds") {
            Shape::S2Paper
        } else if has("corpusid") && has("abstract") && !has("title") {
            Shape::S2BulkAbstract
        } else if has("corpusid") || has("externalids") {
            Shape::S2BulkPaper
        } else {
            Shape::Arxiv
        }
    }

    /// The shape `format` imposes on `object`; `None` when the format leaves it to the content.
    fn imposed(format: InputFormat, object: &Map<String, Value>) -> Option<Shape> {
        match format {
            InputFormat::Jsonl => Some(Shape::Arxiv),
            InputFormat::Openalex => Some(Shape::OpenAlex),
            InputFormat::S2 => Some(Shape::S2Paper),
            InputFormat::S2Bulk => Some(match Shape::of(object) {
                Shape::S2BulkAbstract => Shape::S2BulkAbstract,
                _ => Shape::S2BulkPaper,
            }),
            InputFormat::Auto | InputFormat::Listing => None,
        }
    }
}

/// Reads the JSON records of one input, in one shape, joining Semantic Scholar bulk papers
/// with the abstracts in `abstracts`.
pub(super) struct JsonReader<'t> {
    format: InputFormat,
    shape: Option<Shape>,
    abstracts: Option<&'t mut AbstractTable>,
}

/// Where one record sits: its input, its line, and its place in a page (`results[3]`).
struct Place<'a> {
    name: &'a str,
    line: usize,
    label: Option<String>,
}

impl Place<'_> {
    /// Hands on a record read here: the paper, with its origin, or the reason it is skipped.
    fn emit(&self, parsed: Result<Paper, String>, sink: &mut dyn FnMut(Record)) {
        sink(match parsed {
            Ok(mut paper) => {
                paper.origin = format!("{}:{}", self.name, self.line);
                Record::Paper(paper)
            }
            Err(reason) => self.issue(reason),
        });
    }

    fn issue(&self, reason: String) -> Record {
        let reason = match &self.label {
            Some(label) => format!("{label}: {reason}"),
            None => reason,
        };
        Record::Skipped(RecordIssue {
            source: self.name.to_string(),
            line: self.line,
            reason,
        })
    }
}

impl<'t> JsonReader<'t> {
    /// A reader for `format` (`Auto` or one of the JSON formats).
    pub(super) fn new(format: InputFormat, abstracts: Option<&'t mut AbstractTable>) -> Self {
        JsonReader {
            format,
            shape: None,
            abstracts,
        }
    }

    /// Reads every value of the input. Blank lines are ignored.
    pub(super) fn read(
        &mut self,
        lines: &mut Lines,
        sink: &mut dyn FnMut(Record),
    ) -> Result<(), CorpusError> {
        let mut first = true;
        while let Some(line) = lines.next_line()? {
            let text = line.text.trim_start_matches('\u{feff}').trim();
            if text.is_empty() {
                continue;
            }
            let opens_document = first && matches!(text, "{" | "[");
            first = false;
            let flow = if opens_document {
                let value = read_document(lines, &line)?;
                self.parsed(value, &lines.name, line.number, sink)
            } else if let Some(parsed) = self.read_arxiv_line(&line) {
                let place = Place {
                    name: &lines.name,
                    line: line.number,
                    label: None,
                };
                place.emit(parsed, sink);
                ControlFlow::Continue(())
            } else {
                let value = parse_line(&line);
                self.parsed(value, &lines.name, line.number, sink)
            };
            if flow.is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Once the input is known to hold arXiv records, reads one without a generic JSON value
    /// ([`arxiv_line`]); `None` when the generic reader must read this line.
    fn read_arxiv_line(&self, line: &Line) -> Option<Result<Paper, String>> {
        let arxiv = self.shape == Some(Shape::Arxiv) || self.format == InputFormat::Jsonl;
        if !arxiv || line.truncated || line.invalid_utf8 {
            return None;
        }
        arxiv_line::read(line.text.trim_start_matches('\u{feff}'))
    }

    /// Hands on one parsed value, or the reason it did not parse.
    fn parsed(
        &mut self,
        value: Result<Value, String>,
        name: &str,
        line: usize,
        sink: &mut dyn FnMut(Record),
    ) -> ControlFlow<()> {
        let place = Place {
            name,
            line,
            label: None,
        };
        match value {
            Ok(value) => self.value(value, &place, sink),
            Err(reason) => {
                sink(place.issue(reason));
                ControlFlow::Continue(())
            }
        }
    }

    /// Expands pages and lists into their records.
    fn value(
        &mut self,
        value: Value,
        place: &Place<'_>,
        sink: &mut dyn FnMut(Record),
    ) -> ControlFlow<()> {
        let (items, field, hint) = match value {
            Value::Array(items) if is_batch(&items) => (items, "", None),
            Value::Object(mut object) if !object.contains_key("title") => {
                match page_items(&mut object) {
                    Some((items, field, hint)) => (items, field, Some(hint)),
                    None => return self.item(Value::Object(object), place, None, sink),
                }
            }
            other => return self.item(other, place, None, sink),
        };
        for (n, item) in items.into_iter().enumerate() {
            let at = Place {
                name: place.name,
                line: place.line,
                label: Some(format!("{field}[{n}]")),
            };
            self.item(item, &at, hint, sink)?;
        }
        ControlFlow::Continue(())
    }

    /// Reads one record in the input's shape. Breaks when the input cannot be read on its own
    /// (bulk papers without their abstracts, an abstracts file read by itself).
    fn item(
        &mut self,
        item: Value,
        place: &Place<'_>,
        hint: Option<Shape>,
        sink: &mut dyn FnMut(Record),
    ) -> ControlFlow<()> {
        let object = match item {
            Value::Object(object) => object,
            Value::Null if place.label.is_some() => {
                sink(place.issue("null (the source found no paper here)".to_string()));
                return ControlFlow::Continue(());
            }
            other => {
                let found = jsonl::kind(&other);
                sink(place.issue(format!("expected a JSON object, found {found}")));
                return ControlFlow::Continue(());
            }
        };
        let shape = *self.shape.get_or_insert_with(|| {
            Shape::imposed(self.format, &object)
                .or(hint)
                .unwrap_or_else(|| Shape::of(&object))
        });
        let parsed = match shape {
            Shape::Arxiv => jsonl::parse_object(&object),
            Shape::OpenAlex => openalex::parse(&object),
            Shape::S2Paper => s2::parse_paper(&object),
            Shape::S2BulkPaper => match self.abstracts.as_deref_mut() {
                Some(table) if table.has_inputs() => s2::parse_bulk_paper(&object, table),
                _ => return refuse(place, s2::NO_ABSTRACTS, sink),
            },
            Shape::S2BulkAbstract => return refuse(place, s2::ABSTRACTS_ALONE, sink),
        };
        place.emit(parsed, sink);
        ControlFlow::Continue(())
    }
}

/// Skips the rest of an input that cannot be read on its own, saying why once.
fn refuse(place: &Place<'_>, reason: &str, sink: &mut dyn FnMut(Record)) -> ControlFlow<()> {
    sink(Record::Skipped(RecordIssue {
        source: place.name.to_string(),
        line: place.line,
        reason: format!("{reason}; the rest of this input is skipped"),
    }));
    ControlFlow::Break(())
}

/// Whether a list is a batch answer (Semantic Scholar's `POST /paper/batch`): objects, with a
/// `null` for each id not found. Any other list is one bad record.
fn is_batch(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.is_object() || i.is_null())
}

/// The records of an API page, the field that holds them and the shape they have:
/// OpenAlex's `results`, Semantic Scholar's `data`.
fn page_items(object: &mut Map<String, Value>) -> Option<(Vec<Value>, &'static str, Shape)> {
    for (field, shape) in [("results", Shape::OpenAlex), ("data", Shape::S2Paper)] {
        if let Some(Value::Array(items)) = object.get_mut(field) {
            return Some((std::mem::take(items), field, shape));
        }
    }
    None
}

/// Parses one JSON line.
pub(super) fn parse_line(line: &Line) -> Result<Value, String> {
    if line.truncated {
        return Err(super::line_too_long());
    }
    if line.invalid_utf8 {
        return Err("invalid UTF-8".to_string());
    }
    let text = line.text.trim_start_matches('\u{feff}');
    serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))
}

/// Reads the rest of an input that opened with a lone `{` or `[` as one JSON document, up to
/// [`super::MAX_LINE_BYTES`]. A document that does not parse is one bad record.
fn read_document(lines: &mut Lines, first: &Line) -> Result<Result<Value, String>, CorpusError> {
    let mut text = first.text.trim_start_matches('\u{feff}').to_string();
    let mut bad_utf8 = first.invalid_utf8;
    while let Some(line) = lines.next_line()? {
        bad_utf8 |= line.invalid_utf8;
        if line.truncated || text.len() + line.text.len() >= super::MAX_LINE_BYTES {
            while lines.next_line()?.is_some() {}
            let limit = super::MAX_LINE_BYTES >> 20;
            return Ok(Err(format!("JSON document longer than {limit} MiB")));
        }
        text.push('\n');
        text.push_str(&line.text);
    }
    if bad_utf8 {
        return Ok(Err("invalid UTF-8 in the JSON document".to_string()));
    }
    Ok(serde_json::from_str(&text).map_err(|e| format!("invalid JSON document: {e}")))
}

#[cfg(test)]
mod tests {
    use crate::corpus::{read_records, InputFormat, Record};
    use std::io::Cursor;

    /// The ids read from `text` and the issues reported, as `line: reason`.
    fn read(text: &str, format: InputFormat) -> (Vec<String>, Vec<String>) {
        let (mut ids, mut issues) = (Vec::new(), Vec::new());
        let reader = Box::new(Cursor::new(text.as_bytes().to_vec()));
        let result = read_records(reader, "t", format, &mut |record| match record {
            Record::Paper(paper) => ids.push(paper.id.to_string()),
            Record::Skipped(issue) => issues.push(format!("{}: {}", issue.line, issue.reason)),
        });
        assert!(result.is_ok());
        (ids, issues)
    }

    const S2: &str = r#"{"paperId": null, "externalIds": {"CorpusId": 7}, "title": "Zorbs", "abstract": "Zorbs fly."}"#;

    #[test]
    fn pages_lists_and_documents_expand_into_their_records() {
        let oa = r#"{"id": "W9", "title": "Zorbs", "abstract_inverted_index": {"Zorbs": [0]}}"#;
        let cases = [
            (
                format!("{{\"meta\": {{}}, \"results\": [{oa}, 3]}}"),
                "openalex:W9",
                "1: results[1]: expected a JSON object, found a number",
            ),
            (
                format!("{{\"total\": 2, \"data\": [{S2}, {{\"title\": \"Q\"}}]}}"),
                "corpusid:7",
                "1: data[1]: no abstract (`abstract` is missing or null)",
            ),
            (
                format!("[{S2}, null]"),
                "corpusid:7",
                "1: [1]: null (the source found no paper here)",
            ),
            (
                format!("{{\n  \"data\": [\n{S2}\n, 5]\n}}\n"),
                "corpusid:7",
                "1: data[1]: expected a JSON object, found a number",
            ),
        ];
        for (text, id, issue) in cases {
            let (ids, issues) = read(&text, InputFormat::Auto);
            assert_eq!(ids, vec![id.to_string()], "{text}");
            assert_eq!(issues, vec![issue.to_string()], "{text}");
        }
    }

    #[test]
    fn a_list_that_is_no_batch_and_a_broken_document_are_one_bad_record() {
        let (ids, issues) = read("[1, 2]\n", InputFormat::Auto);
        assert!(ids.is_empty());
        assert_eq!(
            issues,
            vec!["1: expected a JSON object, found an array".to_string()]
        );
        let (ids, issues) = read("{\n \"data\": [\n", InputFormat::Auto);
        assert!(ids.is_empty());
        assert!(
            issues[0].starts_with("1: invalid JSON document: EOF"),
            "{issues:?}"
        );
    }

    #[test]
    fn the_format_imposes_the_shape() {
        // Read as OpenAlex, a Semantic Scholar paper has no inverted index.
        let (ids, issues) = read(S2, InputFormat::Openalex);
        assert!(ids.is_empty());
        assert_eq!(
            issues,
            vec!["1: no abstract (`abstract_inverted_index` is missing or null)".to_string()]
        );
        let (ids, _) = read(S2, InputFormat::S2);
        assert_eq!(ids, vec!["corpusid:7".to_string()]);
    }
}

//! JSON lines: one object per line with `title` and `abstract`, and the optional `id`, `doi`,
//! `authors`, `categories`, `update_date` and `published` of arXiv metadata (the date is
//! taken from the last two, else from the arXiv id).

use super::{CorpusError, Line, Lines, Paper, PaperDate, PaperId, Record, RecordIssue};
use serde_json::{Map, Value};

/// Reads JSON lines. Blank lines are ignored; every other line is one record.
pub(super) fn read(lines: &mut Lines, sink: &mut dyn FnMut(Record)) -> Result<(), CorpusError> {
    while let Some(line) = lines.next_line()? {
        if line.text.trim().is_empty() {
            continue;
        }
        let record = match parse(&line) {
            Ok(mut paper) => {
                paper.origin = format!("{}:{}", lines.name, line.number);
                Record::Paper(paper)
            }
            Err(reason) => Record::Skipped(RecordIssue {
                source: lines.name.clone(),
                line: line.number,
                reason,
            }),
        };
        sink(record);
    }
    Ok(())
}

fn parse(line: &Line) -> Result<Paper, String> {
    if line.truncated {
        return Err(super::line_too_long());
    }
    if line.invalid_utf8 {
        return Err("invalid UTF-8".to_string());
    }
    let text = line.text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(object) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let title = clean_text(&required_string(&object, "title")?);
    let abstract_text = clean_text(&required_string(&object, "abstract")?);
    if title.is_empty() {
        return Err("field `title` is empty".to_string());
    }
    if abstract_text.is_empty() {
        return Err("field `abstract` is empty".to_string());
    }
    super::check_field_size("title", &title)?;
    super::check_field_size("abstract", &abstract_text)?;
    let id = optional_id(&object, "id")?;
    let doi = optional_string(&object, "doi")?;
    let id = PaperId::choose(id.as_deref(), doi.as_deref(), &title);
    let update_date = optional_string(&object, "update_date")?;
    let published = optional_string(&object, "published")?;
    Ok(Paper {
        date: PaperDate::choose([update_date.as_deref(), published.as_deref()], &id),
        id,
        title,
        abstract_text,
        doi,
        authors: optional_text_or_list(&object, "authors", ", ")?,
        categories: optional_text_or_list(&object, "categories", " ")?
            .map(|c| c.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        origin: String::new(),
    })
}

fn required_string(object: &Map<String, Value>, field: &str) -> Result<String, String> {
    match object.get(field) {
        None => Err(format!("missing field `{field}`")),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(format!(
            "field `{field}` is {}, expected a string",
            kind(other)
        )),
    }
}

fn optional_string(object: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match object.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Some(other) => Err(format!(
            "field `{field}` is {}, expected a string",
            kind(other)
        )),
    }
}

/// Ids may be strings or numbers; a number is taken as its decimal text.
fn optional_id(object: &Map<String, Value>, field: &str) -> Result<Option<String>, String> {
    match object.get(field) {
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        _ => optional_string(object, field),
    }
}

/// A string, or a list of strings joined with `separator`.
fn optional_text_or_list(
    object: &Map<String, Value>,
    field: &str,
    separator: &str,
) -> Result<Option<String>, String> {
    match object.get(field) {
        Some(Value::Array(items)) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => parts.push(s.trim().to_string()),
                    Value::Array(inner) => parts.push(
                        inner
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                            .trim()
                            .to_string(),
                    ),
                    other => {
                        return Err(format!(
                            "field `{field}` holds {}, expected strings",
                            kind(other)
                        ))
                    }
                }
            }
            Ok(Some(parts.join(separator)).filter(|s| !s.is_empty()))
        }
        _ => optional_string(object, field),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Collapses runs of white space (including the newlines of arXiv abstracts) to single spaces,
/// replaces control characters with spaces, and trims. Mention offsets refer to this text.
pub(crate) fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.chars() {
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

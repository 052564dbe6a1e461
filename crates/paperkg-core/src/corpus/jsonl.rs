//! The arXiv shape of a JSON record: an object with `title` and `abstract`, and the optional
//! `id`, `doi`, `authors`, `categories`, `update_date` and `published` of arXiv metadata (the
//! date is taken from the last two, else from the arXiv id). Also the field readers the other
//! JSON shapes share.

use super::{Paper, PaperDate, PaperId};
use serde_json::{Map, Value};

/// Reads one record in the arXiv shape: `title` and `abstract` required, the rest optional.
pub(super) fn parse_object(object: &Map<String, Value>) -> Result<Paper, String> {
    let title = clean_text(required_str(object, "title")?);
    let abstract_text = clean_text(required_str(object, "abstract")?);
    check_texts(&title, &abstract_text)?;
    let id = optional_id(object, "id")?;
    let doi = optional_string(object, "doi")?;
    let id = PaperId::choose(id.as_deref(), doi.as_deref(), &title);
    let update_date = optional_string(object, "update_date")?;
    let published = optional_string(object, "published")?;
    Ok(Paper {
        date: PaperDate::choose([update_date.as_deref(), published.as_deref()], &id),
        id,
        title,
        abstract_text,
        doi,
        other_ids: Vec::new(),
        authors: optional_text_or_list(object, "authors", ", ")?,
        categories: optional_text_or_list(object, "categories", " ")?
            .map(|c| c.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default(),
        origin: String::new(),
    })
}

/// Checks a cleaned title and abstract: neither empty, neither over the size limit.
pub(super) fn check_texts(title: &str, abstract_text: &str) -> Result<(), String> {
    if title.is_empty() {
        return Err("field `title` is empty".to_string());
    }
    if abstract_text.is_empty() {
        return Err("field `abstract` is empty".to_string());
    }
    super::check_field_size("title", title)?;
    super::check_field_size("abstract", abstract_text)
}

pub(super) fn required_string(object: &Map<String, Value>, field: &str) -> Result<String, String> {
    required_str(object, field).map(str::to_string)
}

/// Like [`required_string`], borrowing the text instead of copying it.
fn required_str<'a>(object: &'a Map<String, Value>, field: &str) -> Result<&'a str, String> {
    match object.get(field) {
        None => Err(format!("missing field `{field}`")),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!(
            "field `{field}` is {}, expected a string",
            kind(other)
        )),
    }
}

pub(super) fn optional_string(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<String>, String> {
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
pub(super) fn optional_id(
    object: &Map<String, Value>,
    field: &str,
) -> Result<Option<String>, String> {
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

/// The names in `field`, a list of objects (authors), each named by `name_of`, cleaned and
/// joined with commas; `None` when the field is absent, null or names nobody.
pub(super) fn joined_names(
    object: &Map<String, Value>,
    field: &str,
    name_of: impl Fn(&Map<String, Value>) -> Result<Option<String>, String>,
) -> Result<Option<String>, String> {
    let items = match object.get(field) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(format!(
                "field `{field}` is {}, expected a list",
                kind(other)
            ))
        }
    };
    let mut names = Vec::with_capacity(items.len());
    for item in items {
        let Value::Object(item) = item else {
            return Err(format!(
                "field `{field}` holds {}, expected objects",
                kind(item)
            ));
        };
        names.extend(name_of(item)?.map(|n| clean_text(&n)));
    }
    Ok(Some(names.join(", ")).filter(|n| !n.is_empty()))
}

pub(super) fn kind(value: &Value) -> &'static str {
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
///
/// Runs of printable ASCII other than the space, with single spaces between them (nearly all
/// of any abstract), are copied whole; only the bytes between runs are looked at one character
/// at a time.
pub(crate) fn clean_text(raw: &str) -> String {
    let bytes = raw.as_bytes();
    if is_clean(bytes) {
        return raw.to_string();
    }
    let plain = |b: u8| b > b' ' && b < 0x7f;
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut at = 0;
    while at < bytes.len() {
        if plain(bytes[at]) {
            let run = at;
            while at < bytes.len() {
                if plain(bytes[at]) {
                    at += 1;
                } else if bytes[at] == b' ' && bytes.get(at + 1).is_some_and(|&b| plain(b)) {
                    at += 2;
                } else {
                    break;
                }
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&raw[run..at]);
            continue;
        }
        let Some(c) = raw[at..].chars().next() else {
            break;
        };
        at += c.len_utf8();
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

/// Whether [`clean_text`] would give `bytes` back unchanged: printable ASCII and single spaces,
/// no space at either end. Checked without early exits, so that the loops vectorize; most
/// titles and abstracts pass and are then copied whole.
fn is_clean(bytes: &[u8]) -> bool {
    let ends = bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ');
    let printable = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b' '..0x7f).contains(&b));
    let next = bytes.get(1..).unwrap_or_default();
    let single_spaces = bytes
        .iter()
        .zip(next)
        .fold(true, |ok, (&a, &b)| ok & !(a == b' ' && b == b' '));
    ends && printable && single_spaces
}

#[cfg(test)]
mod clean_text_tests {
    use super::clean_text;

    #[test]
    fn white_space_and_control_characters_collapse_to_single_spaces() {
        let cases = [
            ("  We  train\n\tBERT.\r\n ", "We train BERT."),
            ("a\u{0}b\u{7f}c", "a b c"),
            ("Fréchet\u{a0}\u{2003}distance\u{3000}", "Fréchet distance"),
            ("Ünï\u{85}code  €5", "Ünï code €5"),
            ("", ""),
            (" \n ", ""),
            ("x", "x"),
            ("a b  c \n d ", "a b c d"),
            ("a b\u{a0}c é d\u{85}e f", "a b c é d e f"),
            (" a b ", "a b"),
            ("a \u{0}b", "a b"),
            ("Already clean: a b, c.", "Already clean: a b, c."),
            (" ", ""),
            ("a  ", "a"),
        ];
        for (raw, clean) in cases {
            assert_eq!(clean_text(raw), clean, "{raw:?}");
        }
    }
}

//! The common case of the arXiv shape read without a generic JSON value: one line holding an
//! object whose fields have the types arXiv metadata gives them (strings or nulls). The fields
//! paperkg uses are borrowed from the line where they hold no escapes; every other field is
//! checked exactly as `serde_json::Value` would check it (same parser, same errors) and
//! dropped without being built.
//!
//! Anything else (a field of another type, no `title`, a line that does not parse) is left to
//! the generic reader, which then says what is wrong in its own words: [`read`] returns
//! `None`. So both readers give the same papers and the same reasons.

use super::jsonl::{check_texts, clean_text};
use super::{Paper, PaperDate, PaperId};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// Reads one JSON line in the arXiv shape, or `None` when the generic reader must read it.
pub(super) fn read(text: &str) -> Option<Result<Paper, String>> {
    let fields: Fields<'_> = serde_json::from_str(text).ok()?;
    fields.to_paper()
}

/// A field paperkg reads: a string, a null, or something else (left to the generic reader).
enum Field<'a> {
    Text(Cow<'a, str>),
    Null,
    Other,
}

/// The fields of an arXiv record that become a [`Paper`]; `None` when absent. As in a generic
/// JSON object, the last of two fields with one name counts.
#[derive(Default)]
struct Fields<'a> {
    title: Option<Field<'a>>,
    abstract_text: Option<Field<'a>>,
    id: Option<Field<'a>>,
    doi: Option<Field<'a>>,
    update_date: Option<Field<'a>>,
    published: Option<Field<'a>>,
    authors: Option<Field<'a>>,
    categories: Option<Field<'a>>,
}

impl Fields<'_> {
    /// The paper, as `jsonl::parse_object` makes it from the same record; `None` when a field
    /// has a type only the generic reader handles (or no title: maybe a page of records).
    fn to_paper(&self) -> Option<Result<Paper, String>> {
        let (Some(Field::Text(title)), Some(Field::Text(abstract_text))) =
            (&self.title, &self.abstract_text)
        else {
            return None;
        };
        let id = optional(&self.id)?;
        let doi = optional(&self.doi)?;
        let update_date = optional(&self.update_date)?;
        let published = optional(&self.published)?;
        let authors = optional(&self.authors)?;
        let categories = optional(&self.categories)?;
        let title = clean_text(title);
        let abstract_text = clean_text(abstract_text);
        if let Err(reason) = check_texts(&title, &abstract_text) {
            return Some(Err(reason));
        }
        let id = PaperId::choose(id, doi, &title);
        Some(Ok(Paper {
            date: PaperDate::choose([update_date, published], &id),
            id,
            title,
            abstract_text,
            doi: doi.map(str::to_string),
            other_ids: Vec::new(),
            authors: authors.map(str::to_string),
            categories: categories
                .map(|c| c.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            origin: String::new(),
        }))
    }
}

/// An optional text field as `jsonl::optional_string` reads it (trimmed, empty as absent),
/// borrowed; `None` when it is of a type only the generic reader handles.
fn optional<'f>(field: &'f Option<Field<'_>>) -> Option<Option<&'f str>> {
    match field {
        None | Some(Field::Null) => Some(None),
        Some(Field::Text(s)) => Some(Some(s.trim()).filter(|s| !s.is_empty())),
        Some(Field::Other) => None,
    }
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            let slot = match key {
                Key::Title => &mut fields.title,
                Key::Abstract => &mut fields.abstract_text,
                Key::Id => &mut fields.id,
                Key::Doi => &mut fields.doi,
                Key::UpdateDate => &mut fields.update_date,
                Key::Published => &mut fields.published,
                Key::Authors => &mut fields.authors,
                Key::Categories => &mut fields.categories,
                Key::Unused => {
                    map.next_value::<Checked>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value::<Field<'de>>()?);
        }
        Ok(fields)
    }
}

/// A key of the record, told apart without copying it.
enum Key {
    Title,
    Abstract,
    Id,
    Doi,
    UpdateDate,
    Published,
    Authors,
    Categories,
    Unused,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "title" => Key::Title,
            "abstract" => Key::Abstract,
            "id" => Key::Id,
            "doi" => Key::Doi,
            "update_date" => Key::UpdateDate,
            "published" => Key::Published,
            "authors" => Key::Authors,
            "categories" => Key::Categories,
            _ => Key::Unused,
        })
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Field<'de>, E> {
        Ok(Field::Text(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Field<'de>, E> {
        Ok(Field::Text(Cow::Owned(s.to_string())))
    }

    fn visit_unit<E>(self) -> Result<Field<'de>, E> {
        Ok(Field::Null)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Field<'de>, E> {
        Ok(Field::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Field<'de>, A::Error> {
        CheckedVisitor.visit_seq(seq).map(|_| Field::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field<'de>, A::Error> {
        CheckedVisitor.visit_map(map).map(|_| Field::Other)
    }
}

/// A value that is parsed and checked as a generic JSON value would be (the same strings,
/// numbers and nesting depth are refused), but not kept.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::corpus::json::parse_line;
    use crate::corpus::jsonl::parse_object;
    use crate::corpus::Line;

    /// What the generic reader makes of `text`: the paper, or the reason it is skipped.
    fn generic(text: &str) -> Result<crate::corpus::Paper, String> {
        let line = Line {
            number: 1,
            text: text.to_string(),
            invalid_utf8: false,
            truncated: false,
        };
        match parse_line(&line)? {
            serde_json::Value::Object(object) => parse_object(&object),
            _ => Err("not an object".to_string()),
        }
    }

    #[test]
    fn records_of_the_common_types_read_as_the_generic_reader_reads_them() {
        let cases = [
            r#"{"id": "2304.02643", "title": " Segment\nAnything ", "abstract": "We\tbuild SAM.\n", "doi": null, "authors": "A. B, C. D", "categories": "cs.CV  cs.LG", "update_date": "2023-04-06", "versions": [{"v": "v1"}], "n": 3.5}"#,
            r#"{"title": "Zorbs", "abstract": "Zorbs fly.", "doi": " 10.1000/XYZ ", "published": "2021-02-03"}"#,
            r#"{"title": "Zo\u0072bs", "abstract": "caf\u00e9", "title": "Later title", "id": "", "x": {"y": [1, null, true]}}"#,
            r#"{"title": "Only a title", "abstract": "  "}"#,
            r#"{"title": "", "abstract": "An abstract"}"#,
            "\u{feff}{\"title\": \"T\", \"abstract\": \"A\"}",
        ];
        for text in cases {
            let text = text.trim_start_matches('\u{feff}');
            assert_eq!(read(text), Some(generic(text)), "{text}");
        }
    }

    #[test]
    fn other_types_and_bad_json_are_left_to_the_generic_reader() {
        let cases = [
            r#"{"id": 2304.02643, "title": "T", "abstract": "A"}"#,
            r#"{"title": "T", "abstract": "A", "authors": ["A. B", "C. D"]}"#,
            r#"{"title": 5, "abstract": "A"}"#,
            r#"{"abstract": "A"}"#,
            r#"{"results": [{"title": "T", "abstract": "A"}]}"#,
            r#"[{"title": "T", "abstract": "A"}]"#,
            r#"{"title": "T", "abstract": "A", "n": 1e400}"#,
            r#"{"title": "T", "abstract": "A", "s": "\ud800"}"#,
            r#"{"title": "T", "abstract": "A"} x"#,
            r#"{"title": "T", "abstract": "A""#,
        ];
        for text in cases {
            assert_eq!(read(text), None, "{text}");
        }
        let deep = format!(
            r#"{{"title": "T", "abstract": "A", "x": {}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        assert_eq!(read(&deep), None);
        assert!(generic(&deep).is_err());
    }
}

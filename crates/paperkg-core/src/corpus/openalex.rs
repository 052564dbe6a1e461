//! OpenAlex works, as the snapshot's JSON lines and the API's `results` hold them. The abstract
//! is rebuilt from `abstract_inverted_index` (each word with the list of its positions); the
//! id is the work's `W…`, the DOI comes from `ids.doi` or `doi`, the arXiv id from an arXiv DOI
//! or an arxiv.org location, the date from `publication_date`, the authors from `authorships`.

use super::jsonl::{check_texts, clean_text, joined_names, kind, optional_string};
use super::{Paper, PaperDate, PaperId};
use serde_json::{Map, Value};

/// Reads one OpenAlex work.
pub(super) fn parse(object: &Map<String, Value>) -> Result<Paper, String> {
    let work = work_id(object)?;
    let title = match optional_string(object, "title")? {
        Some(title) => title,
        None => optional_string(object, "display_name")?
            .ok_or("no title (`title` and `display_name` are missing or null)")?,
    };
    let title = clean_text(&title);
    let abstract_text = match object.get("abstract_inverted_index") {
        None | Some(Value::Null) => {
            return Err("no abstract (`abstract_inverted_index` is missing or null)".to_string())
        }
        Some(Value::Object(index)) => clean_text(&rebuild_abstract(index)?),
        Some(other) => {
            return Err(format!(
                "field `abstract_inverted_index` is {}, expected an object",
                kind(other)
            ))
        }
    };
    check_texts(&title, &abstract_text)?;
    let doi = doi(object)?;
    let own = match &work {
        Some(work) => PaperId::OpenAlex(work.clone()),
        None => PaperId::choose(None, None, &title),
    };
    let id = PaperId::preferred(arxiv_id(object).as_deref(), doi.as_deref(), own.clone());
    let date = optional_string(object, "publication_date")?;
    Ok(Paper {
        date: PaperDate::choose([date.as_deref()], &id),
        other_ids: work
            .map(PaperId::OpenAlex)
            .filter(|w| *w != id)
            .into_iter()
            .collect(),
        id,
        title,
        abstract_text,
        doi,
        authors: authors(object)?,
        categories: Vec::new(),
        origin: String::new(),
    })
}

/// Rebuilds an abstract from OpenAlex's inverted index: every word at each of its positions,
/// joined with spaces. The positions must cover `0..n` exactly once, `n` being the number of
/// positions listed; a position missing (a hole) or taken twice makes the record bad.
pub(crate) fn rebuild_abstract(index: &Map<String, Value>) -> Result<String, String> {
    const FIELD: &str = "abstract_inverted_index";
    let mut total = 0usize;
    for (word, positions) in index {
        match positions {
            Value::Array(positions) => total += positions.len(),
            other => {
                return Err(format!(
                    "`{FIELD}` gives `{word}` {}, expected a list of positions",
                    kind(other)
                ))
            }
        }
    }
    let mut slots: Vec<Option<&str>> = vec![None; total];
    for (word, positions) in index {
        for position in positions.as_array().into_iter().flatten() {
            let at = position.as_u64().ok_or_else(|| {
                format!("`{FIELD}` gives `{word}` the position {position}, expected a whole number")
            })?;
            let slot = usize::try_from(at).ok().and_then(|at| slots.get_mut(at));
            let Some(slot) = slot else {
                let hole = slots.iter().position(Option::is_none).unwrap_or(total);
                return Err(format!(
                    "`{FIELD}` has a hole: no word at position {hole} (`{word}` is at {at}, \
                     past the {total} positions listed)"
                ));
            };
            if let Some(other) = slot.replace(word) {
                return Err(format!(
                    "`{FIELD}` puts two words at position {at} (`{other}` and `{word}`)"
                ));
            }
        }
    }
    // Every position is below `total` and none is taken twice, so all are filled.
    Ok(slots.into_iter().flatten().collect::<Vec<_>>().join(" "))
}

/// The work id, `W…`, from `id` or `ids.openalex`, without the `https://openalex.org/` prefix.
fn work_id(object: &Map<String, Value>) -> Result<Option<String>, String> {
    let raw = match optional_string(object, "id")? {
        Some(id) => Some(id),
        None => match ids(object)? {
            Some(ids) => optional_string(ids, "openalex")?,
            None => None,
        },
    };
    let Some(raw) = raw else {
        return Ok(None);
    };
    let work = raw.rsplit('/').next().unwrap_or(&raw);
    let is_work =
        work.len() > 1 && work.starts_with('W') && work[1..].bytes().all(|b| b.is_ascii_digit());
    if !is_work {
        return Err(format!(
            "`{raw}` is not an OpenAlex work id (W followed by digits)"
        ));
    }
    Ok(Some(work.to_string()))
}

/// The `ids` object, when there is one.
fn ids(object: &Map<String, Value>) -> Result<Option<&Map<String, Value>>, String> {
    match object.get("ids") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(ids)) => Ok(Some(ids)),
        Some(other) => Err(format!(
            "field `ids` is {}, expected an object",
            kind(other)
        )),
    }
}

/// The DOI from `ids.doi`, else `doi`, normalised (no `https://doi.org/`, lower case).
fn doi(object: &Map<String, Value>) -> Result<Option<String>, String> {
    let from_ids = match ids(object)? {
        Some(ids) => optional_string(ids, "doi")?,
        None => None,
    };
    let raw = match from_ids {
        Some(doi) => Some(doi),
        None => optional_string(object, "doi")?,
    };
    Ok(raw.as_deref().and_then(PaperId::normalise_doi))
}

/// The arXiv id of a work held by arXiv: from the landing page or PDF address of one of its
/// locations on arxiv.org. (An arXiv DOI is recognised with the DOI.)
fn arxiv_id(object: &Map<String, Value>) -> Option<String> {
    let single = ["primary_location", "best_oa_location"]
        .into_iter()
        .filter_map(|field| object.get(field));
    let listed = object
        .get("locations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    single
        .chain(listed)
        .filter_map(Value::as_object)
        .flat_map(|location| ["landing_page_url", "pdf_url"].map(|f| location.get(f)))
        .flatten()
        .filter_map(Value::as_str)
        .find_map(PaperId::arxiv_from_url)
}

/// The authors' display names from `authorships[].author.display_name` (else the
/// authorship's `raw_author_name`), joined with commas.
fn authors(object: &Map<String, Value>) -> Result<Option<String>, String> {
    joined_names(object, "authorships", |authorship| {
        let author = authorship.get("author").and_then(Value::as_object);
        match author
            .map(|a| optional_string(a, "display_name"))
            .transpose()?
        {
            Some(Some(name)) => Ok(Some(name)),
            _ => optional_string(authorship, "raw_author_name"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn index(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn rebuilds_abstracts_in_position_order() {
        let cases = [
            (json!({}), ""),
            (json!({"Zorbs": [0]}), "Zorbs"),
            (
                json!({"the": [0, 2], "flurb": [1], "grok.": [3]}),
                "the flurb the grok.",
            ),
            (json!({"b": [1], "a": [0], "c": [2]}), "a b c"),
        ];
        for (inverted, expected) in cases {
            assert_eq!(
                rebuild_abstract(&index(inverted.clone())),
                Ok(expected.into()),
                "{inverted}"
            );
        }
    }

    #[test]
    fn holes_overlaps_and_wrong_types_are_errors() {
        let cases = [
            (json!({"a": [0], "b": [2]}), "hole: no word at position 1"),
            (json!({"a": [1]}), "hole: no word at position 0"),
            (
                json!({"a": [0], "b": [0]}),
                "two words at position 0 (`a` and `b`)",
            ),
            (
                json!({"a": [0, 0]}),
                "two words at position 0 (`a` and `a`)",
            ),
            (
                json!({"a": [-1]}),
                "the position -1, expected a whole number",
            ),
            (json!({"a": ["0"]}), "expected a whole number"),
            (
                json!({"a": 0}),
                "gives `a` a number, expected a list of positions",
            ),
            (
                json!({"a": [18446744073709551615u64]}),
                "hole: no word at position 0",
            ),
        ];
        for (inverted, expected) in cases {
            let error = rebuild_abstract(&index(inverted.clone()))
                .err()
                .unwrap_or_default();
            assert!(error.contains(expected), "{inverted}: {error}");
        }
    }

    #[test]
    fn a_work_gets_its_arxiv_id_from_an_arxiv_location() {
        let work = index(json!({
            "id": "https://openalex.org/W42",
            "title": "Zorbs",
            "abstract_inverted_index": {"Zorbs": [0], "fly.": [1]},
            "locations": [{"landing_page_url": "https://arxiv.org/abs/2401.01234v3"}],
            "publication_date": "2024-01-05",
            "authorships": [{"author": {"display_name": "A. Bee"}}, {"raw_author_name": "C. Dee"}]
        }));
        let paper = parse(&work).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paper.id.to_string(), "arxiv:2401.01234");
        assert_eq!(paper.other_ids, vec![PaperId::OpenAlex("W42".into())]);
        assert_eq!(paper.abstract_text, "Zorbs fly.");
        assert_eq!(paper.authors.as_deref(), Some("A. Bee, C. Dee"));
        assert_eq!(
            paper.date.map(|d| d.to_string()).as_deref(),
            Some("2024-01-05")
        );
    }
}

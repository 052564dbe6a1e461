//! Semantic Scholar: the Graph API's paper objects (`paperId`, `externalIds`, `title`,
//! `abstract`, `publicationDate`, `authors[].name`), and the bulk datasets, whose `papers`
//! lines (`corpusid`, `externalids`, `title`, `authors`, `publicationdate`) carry no abstract:
//! it comes from the `abstracts` lines (`corpusid`, `abstract`, `openaccessinfo`), joined on
//! `corpusid`.
//!
//! The join holds the abstracts in memory, keyed by corpus id, and streams the papers: give a
//! run all the `abstracts` shards whose papers it reads.

use super::json::{parse_line, Shape};
use super::jsonl::{check_texts, clean_text, joined_names, kind, optional_string, required_string};
use super::{CorpusError, Lines, Paper, PaperDate, PaperId, Record, RecordIssue};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Why a bulk `papers` input is skipped when no `abstracts` input came with it.
pub(super) const NO_ABSTRACTS: &str = "a Semantic Scholar bulk `papers` file holds no \
     abstracts: give its `abstracts` file in the same run, they are joined on `corpusid`";

/// Why a bulk `abstracts` input read on its own (stdin, or one input) is skipped.
pub(super) const ABSTRACTS_ALONE: &str = "a Semantic Scholar bulk `abstracts` file is joined \
     with its `papers` file: give both as files in the same run";

/// How one Semantic Scholar shape spells its fields.
struct Spelling {
    external_ids: &'static str,
    date: &'static str,
}

const GRAPH: Spelling = Spelling {
    external_ids: "externalIds",
    date: "publicationDate",
};

const BULK: Spelling = Spelling {
    external_ids: "externalids",
    date: "publicationdate",
};

/// Reads one Graph API paper.
pub(super) fn parse_paper(object: &Map<String, Value>) -> Result<Paper, String> {
    let abstract_text = match object.get("abstract") {
        None | Some(Value::Null) => Err("no abstract (`abstract` is missing or null)".to_string()),
        Some(_) => required_string(object, "abstract"),
    };
    let paper_id = optional_string(object, "paperId")?;
    if let Some(bad) = paper_id.as_ref().filter(|id| !is_paper_id(id)) {
        return Err(format!(
            "`{bad}` is not a Semantic Scholar paperId (40 hex digits)"
        ));
    }
    let own = paper_id.map(PaperId::SemanticScholar);
    build(object, &GRAPH, own, None, abstract_text?)
}

/// Reads one bulk `papers` line, taking its abstract from `abstracts`.
pub(super) fn parse_bulk_paper(
    object: &Map<String, Value>,
    abstracts: &mut AbstractTable,
) -> Result<Paper, String> {
    let corpus_id =
        corpus_id(object.get("corpusid"))?.ok_or("missing field `corpusid`".to_string())?;
    let Some(abstract_text) = abstracts.take(corpus_id) else {
        return Err(format!(
            "no abstract: corpusid {corpus_id} is in none of the `abstracts` inputs"
        ));
    };
    build(object, &BULK, None, Some(corpus_id), abstract_text)
}

/// The paper from the fields both shapes share.
fn build(
    object: &Map<String, Value>,
    spelling: &Spelling,
    own: Option<PaperId>,
    corpus: Option<u64>,
    abstract_text: String,
) -> Result<Paper, String> {
    let title = match object.get("title") {
        None | Some(Value::Null) => return Err("no title (`title` is missing or null)".into()),
        Some(_) => clean_text(&required_string(object, "title")?),
    };
    let abstract_text = clean_text(&abstract_text);
    check_texts(&title, &abstract_text)?;
    let external = match object.get(spelling.external_ids) {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(ids)) => ids.clone(),
        Some(other) => {
            let field = spelling.external_ids;
            return Err(format!(
                "field `{field}` is {}, expected an object",
                kind(other)
            ));
        }
    };
    let arxiv = optional_string(&external, "ArXiv")?;
    let doi = optional_string(&external, "DOI")?.and_then(|d| PaperId::normalise_doi(&d));
    let corpus = corpus.or(corpus_id(external.get("CorpusId"))?);
    // The corpus id is the one id the Graph API and the bulk datasets share.
    let source_ids: Vec<PaperId> = corpus
        .map(PaperId::CorpusId)
        .into_iter()
        .chain(own)
        .collect();
    let fallback = || PaperId::choose(None, None, &title);
    let first = source_ids.first().cloned().unwrap_or_else(fallback);
    let id = PaperId::preferred(arxiv.as_deref(), doi.as_deref(), first);
    let date = optional_string(object, spelling.date)?;
    Ok(Paper {
        date: PaperDate::choose([date.as_deref()], &id),
        other_ids: source_ids.into_iter().filter(|s| *s != id).collect(),
        id,
        title,
        abstract_text,
        doi,
        authors: authors(object)?,
        categories: Vec::new(),
        origin: String::new(),
    })
}

/// Whether `id` looks like a Graph API `paperId`: 40 hex digits.
fn is_paper_id(id: &str) -> bool {
    id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A corpus id, given as a number or as its decimal text.
fn corpus_id(value: Option<&Value>) -> Result<Option<u64>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(Some)
            .ok_or_else(|| format!("corpus id {n} is not a whole number")),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("corpus id `{s}` is not a whole number")),
        Some(other) => Err(format!(
            "the corpus id is {}, expected a number",
            kind(other)
        )),
    }
}

/// The authors' names, `authors[].name`, joined with commas.
fn authors(object: &Map<String, Value>) -> Result<Option<String>, String> {
    joined_names(object, "authors", |author| optional_string(author, "name"))
}

/// The abstracts of the bulk `abstracts` inputs of a run, keyed by corpus id, waiting for
/// their papers.
#[derive(Default)]
pub(crate) struct AbstractTable {
    entries: HashMap<u64, Pending>,
    inputs: usize,
}

/// One abstract: its text (taken when its paper is read) and where it was.
struct Pending {
    text: Option<String>,
    input: usize,
    line: usize,
}

impl AbstractTable {
    /// Whether any `abstracts` input was loaded.
    pub(super) fn has_inputs(&self) -> bool {
        self.inputs > 0
    }

    /// The abstract of `corpus_id`, once: a second paper with that id gets none.
    fn take(&mut self, corpus_id: u64) -> Option<String> {
        self.entries.get_mut(&corpus_id)?.text.take()
    }

    /// Loads the input if it is a bulk `abstracts` file (its first record shows it); returns
    /// whether it was. Bad lines go to `sink`.
    pub(super) fn load_if_abstracts(
        &mut self,
        lines: &mut Lines,
        input: usize,
        sink: &mut dyn FnMut(Record),
    ) -> Result<bool, CorpusError> {
        let is_abstracts = loop {
            let Some(line) = lines.peek()? else {
                break false;
            };
            if line.text.trim().is_empty() {
                lines.next_line()?;
                continue;
            }
            break matches!(parse_line(line), Ok(Value::Object(o)) if Shape::of(&o) == Shape::S2BulkAbstract);
        };
        if !is_abstracts {
            return Ok(false);
        }
        self.inputs += 1;
        while let Some(line) = lines.next_line()? {
            if line.text.trim().is_empty() {
                continue;
            }
            if let Err(reason) = self.insert(parse_line(&line), input, line.number) {
                sink(Record::Skipped(RecordIssue {
                    source: lines.name.clone(),
                    line: line.number,
                    reason,
                }));
            }
        }
        Ok(true)
    }

    /// Adds one `abstracts` line.
    fn insert(
        &mut self,
        value: Result<Value, String>,
        input: usize,
        line: usize,
    ) -> Result<(), String> {
        let Value::Object(object) = value? else {
            return Err("expected a JSON object".to_string());
        };
        let corpus_id =
            corpus_id(object.get("corpusid"))?.ok_or("missing field `corpusid`".to_string())?;
        let text = match object.get("abstract") {
            None | Some(Value::Null) => return Err("no abstract (`abstract` is null)".into()),
            Some(_) => required_string(&object, "abstract")?,
        };
        if let Some(first) = self.entries.get(&corpus_id) {
            return Err(format!(
                "duplicate corpusid {corpus_id} in the abstracts; the first, at input {} line {}, \
                 is kept",
                first.input + 1,
                first.line
            ));
        }
        let text = Some(text);
        self.entries
            .insert(corpus_id, Pending { text, input, line });
        Ok(())
    }

    /// The abstracts no paper took, as issues in input order, each with its input's index.
    pub(super) fn unmatched(self, names: &[String]) -> Vec<(usize, RecordIssue)> {
        let mut left: Vec<(usize, usize, u64)> = (self.entries.into_iter())
            .filter(|(_, pending)| pending.text.is_some())
            .map(|(id, pending)| (pending.input, pending.line, id))
            .collect();
        left.sort_unstable();
        left.into_iter()
            .map(|(input, line, id)| {
                let issue = RecordIssue {
                    source: names.get(input).cloned().unwrap_or_default(),
                    line,
                    reason: format!("abstract of corpusid {id} matches no `papers` record"),
                };
                (input, issue)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }

    #[test]
    fn graph_papers_prefer_arxiv_then_doi_then_the_corpus_id() {
        let sha = "0123456789abcdef0123456789abcdef01234567";
        let cases = [
            (
                json!({"ArXiv": "2401.01234", "DOI": "10.1/X", "CorpusId": 7}),
                "arxiv:2401.01234",
            ),
            (json!({"DOI": "10.1/X", "CorpusId": 7}), "doi:10.1/x"),
            (json!({"CorpusId": 7}), "corpusid:7"),
            (json!(null), &*format!("s2:{sha}")),
        ];
        for (external, expected) in cases {
            let paper = parse_paper(&object(json!({
                "paperId": sha, "externalIds": external, "title": "Zorbs",
                "abstract": "Zorbs fly.", "authors": [{"name": "A. Bee"}]
            })))
            .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(paper.id.to_string(), expected);
            assert!(!paper.other_ids.contains(&paper.id));
            assert_eq!(paper.authors.as_deref(), Some("A. Bee"));
        }
    }

    #[test]
    fn bad_graph_papers_say_why() {
        let cases = [
            (json!({"title": "Zorbs", "abstract": null}), "no abstract"),
            (
                json!({"title": "Zorbs", "abstract": 3}),
                "field `abstract` is a number",
            ),
            (json!({"title": null, "abstract": "Zorbs fly."}), "no title"),
            (
                json!({"paperId": "x", "title": "Z", "abstract": "Z."}),
                "not a Semantic Scholar",
            ),
            (
                json!({"title": "Z", "abstract": "Z.", "authors": "A"}),
                "`authors` is a string",
            ),
            (
                json!({"title": "Z", "abstract": "Z.", "externalIds": []}),
                "expected an object",
            ),
        ];
        for (record, expected) in cases {
            let error = parse_paper(&object(record.clone()))
                .err()
                .unwrap_or_default();
            assert!(error.contains(expected), "{record}: {error}");
        }
    }
}

//! The JSON record of one paper's extraction: the contract of `paperkg extract --format jsonl`
//! (docs/cli.md), which the Python package returns as plain dicts. One function builds it for
//! both, so they cannot drift apart.

use super::{Entity, PaperExtraction, RejectedResult, ResultRecord};
use serde::Serialize;
use std::io::Write;

/// One paper's record: its id, title, entities and results.
#[derive(Debug, Serialize)]
pub struct PaperRecord<'a> {
    /// The paper's id as text (`arxiv:2304.02643`, or the input's own id).
    pub id: String,
    /// The title.
    pub title: &'a str,
    /// The entities, in order of first mention.
    pub entities: Vec<EntityRecord<'a>>,
    /// The results found.
    pub results: &'a [ResultRecord],
    /// Under `explain`: numbers next to a metric that are not results, with the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected_results: Option<&'a [RejectedResult]>,
}

/// One entity of a [`PaperRecord`]; `explain` adds how it was found.
#[derive(Debug, Serialize)]
pub struct EntityRecord<'a> {
    /// The entity as extracted.
    #[serde(flatten)]
    pub entity: &'a Entity,
    /// Under `explain`: the rule that found it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found_by: Option<&'static str>,
    /// Under `explain`: the rule's confidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Under `explain`: the text that made the rule fire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<&'a str>,
}

impl<'a> PaperRecord<'a> {
    /// The record of an extraction; `explain` adds each entity's rule, confidence and evidence,
    /// and the rejected results.
    pub fn new(extraction: &'a PaperExtraction, explain: bool) -> PaperRecord<'a> {
        PaperRecord {
            id: extraction.paper.id.to_string(),
            title: &extraction.paper.title,
            entities: extraction
                .entities
                .iter()
                .map(|entity| EntityRecord {
                    entity,
                    found_by: explain.then(|| entity.found_by.as_str()),
                    confidence: explain.then_some(entity.confidence),
                    evidence: explain.then_some(entity.evidence.as_str()),
                })
                .collect(),
            results: &extraction.results,
            rejected_results: explain.then_some(extraction.rejected_results.as_slice()),
        }
    }
}

/// Writes the record of an extraction as one JSON line.
pub fn write_json_line(
    out: &mut dyn Write,
    extraction: &PaperExtraction,
    explain: bool,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &PaperRecord::new(extraction, explain))?;
    out.write_all(b"\n")
}

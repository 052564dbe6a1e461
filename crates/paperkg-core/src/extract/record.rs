//! The JSON record of one paper's extraction: the contract of `paperkg extract --format jsonl`
//! (docs/cli.md), which the Python package returns as plain dicts. One function builds it for
//! both, so they cannot drift apart.

use super::{Entity, PaperExtraction, RejectedResult, ResultRecord};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
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

/// One entity of a [`PaperRecord`]: the entity's own fields, then what `explain` adds about
/// how it was found. Written as one flat object.
#[derive(Debug)]
pub struct EntityRecord<'a> {
    /// The entity as extracted.
    pub entity: &'a Entity,
    /// Under `explain`: the rule that found it.
    pub found_by: Option<&'static str>,
    /// Under `explain`: the rule's confidence.
    pub confidence: Option<f32>,
    /// Under `explain`: the text that made the rule fire.
    pub evidence: Option<&'a str>,
}

/// The fields of [`Entity`] in their derived order and with the same omissions, followed by
/// the `explain` fields, written field by field: `#[serde(flatten)]` would go through serde's
/// buffering map serializer, several times slower for the same bytes.
impl Serialize for EntityRecord<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.entity;
        let lists = [
            ("aliases", &e.aliases),
            ("external_ids", &e.external_ids),
            ("derived_from", &e.derived_from),
            ("fine_tuned_from", &e.fine_tuned_from),
        ];
        let len = 5
            + usize::from(e.kind.is_some())
            + lists.iter().filter(|(_, list)| !list.is_empty()).count()
            + usize::from(self.found_by.is_some())
            + usize::from(self.confidence.is_some())
            + usize::from(self.evidence.is_some());
        let mut record = serializer.serialize_struct("EntityRecord", len)?;
        record.serialize_field("type", &e.entity_type)?;
        record.serialize_field("name", &e.name)?;
        record.serialize_field("id", &e.id)?;
        record.serialize_field("introduced", &e.introduced)?;
        if let Some(kind) = &e.kind {
            record.serialize_field("kind", kind)?;
        }
        record.serialize_field("mentions", &e.mentions)?;
        for (key, list) in lists {
            if !list.is_empty() {
                record.serialize_field(key, list)?;
            }
        }
        if let Some(found_by) = self.found_by {
            record.serialize_field("found_by", found_by)?;
        }
        if let Some(confidence) = self.confidence {
            record.serialize_field("confidence", &confidence)?;
        }
        if let Some(evidence) = self.evidence {
            record.serialize_field("evidence", evidence)?;
        }
        record.end()
    }
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

/// Appends the record of an extraction as one JSON line to `out`: the bytes
/// [`write_json_line`] writes, faster, because the serializer writes to a buffer it knows
/// instead of through `dyn Write`.
pub fn push_json_line(
    out: &mut Vec<u8>,
    extraction: &PaperExtraction,
    explain: bool,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &PaperRecord::new(extraction, explain))?;
    out.push(b'\n');
    Ok(())
}

//! Candidate mentions: what every matcher produces for one paper, before they are merged
//! into entities. Only the types live here; `collect` runs the matchers.

use super::{Field, FoundBy, UrlKind};
use crate::dictionary::{EntityType, EntryId};

/// What a candidate refers to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    /// Dictionary entries (more than one for an unresolved ambiguous alias).
    Entries(Vec<EntryId>),
    /// A variant of a dictionary family.
    Variant { family: EntryId, label: String },
    /// A name no dictionary knows.
    Named {
        entity_type: EntityType,
        name: String,
        derived_from: Option<String>,
    },
    /// A URL.
    Url { url: String, kind: UrlKind },
}

/// One candidate mention, with byte offsets into its field.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) field: Field,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) target: Target,
    pub(crate) found_by: FoundBy,
    pub(crate) confidence: f32,
    pub(crate) introduced: bool,
    pub(crate) evidence: String,
}

/// All candidates of one paper.
pub(crate) struct Found {
    pub(crate) candidates: Vec<Candidate>,
}

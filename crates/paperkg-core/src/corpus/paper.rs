//! The [`Paper`] record and its stable identity.

use super::PaperDate;
pub use crate::ids::PaperId;
use serde::Serialize;

/// A paper as read from the input: an identity, a title, an abstract and optional metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Paper {
    /// The paper's stable identity.
    pub id: PaperId,
    /// The title, with surrounding white space trimmed.
    pub title: String,
    /// The abstract, with surrounding white space trimmed.
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    /// The DOI, when the input gives one.
    pub doi: Option<String>,
    /// The paper's ids in the sources it was read from (OpenAlex, Semantic Scholar), when they
    /// are not its [`Paper::id`]; they become `schema:sameAs` links in the store.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_ids: Vec<PaperId>,
    /// The author list as written in the input.
    pub authors: Option<String>,
    /// Subject categories (arXiv categories split on white space).
    pub categories: Vec<String>,
    /// When the paper appeared: from its metadata (`update_date`, `published`), else from its
    /// arXiv id.
    pub date: Option<PaperDate>,
    /// Where the record came from: `file:line`.
    pub origin: String,
}

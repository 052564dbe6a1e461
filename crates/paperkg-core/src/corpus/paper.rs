//! The [`Paper`] record and its stable identity.

use super::PaperDate;
use crate::text::{fnv1a, percent_encode};
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

/// How a paper is identified. The same paper read twice yields the same id, so it maps to the
/// same IRI.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum PaperId {
    /// An arXiv identifier such as `2304.02643` or `hep-th/9901001`.
    Arxiv(String),
    /// A DOI such as `10.1000/xyz123`, lower-cased.
    Doi(String),
    /// Some other identifier given in the input's `id` field.
    Local(String),
    /// A 64-bit FNV-1a hash of the normalised title, for inputs without ids.
    TitleHash(u64),
}

impl Default for PaperId {
    fn default() -> PaperId {
        PaperId::TitleHash(0)
    }
}

impl From<PaperId> for String {
    fn from(id: PaperId) -> String {
        id.to_string()
    }
}

impl std::fmt::Display for PaperId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PaperId::Arxiv(id) => write!(f, "arxiv:{id}"),
            PaperId::Doi(doi) => write!(f, "doi:{doi}"),
            PaperId::Local(id) => f.write_str(id),
            PaperId::TitleHash(hash) => write!(f, "title:{hash:016x}"),
        }
    }
}

impl PaperId {
    /// Chooses the identity for a record: arXiv id, then DOI, then the given id, then the title
    /// hash.
    pub fn choose(id: Option<&str>, doi: Option<&str>, title: &str) -> PaperId {
        let id = id.map(str::trim).filter(|s| !s.is_empty());
        let doi = doi.map(str::trim).filter(|s| !s.is_empty());
        if let Some(arxiv) = id.and_then(arxiv_id) {
            return PaperId::Arxiv(arxiv);
        }
        if let Some(doi) = doi {
            return PaperId::Doi(doi.to_lowercase());
        }
        match id {
            Some(id) => PaperId::Local(id.to_string()),
            None => PaperId::TitleHash(title_hash(title)),
        }
    }

    /// A path segment for IRIs: only unreserved characters, everything else percent-encoded.
    pub fn iri_segment(&self) -> String {
        match self {
            PaperId::Arxiv(id) => format!("arxiv/{}", percent_encode(id)),
            PaperId::Doi(doi) => format!("doi/{}", percent_encode(doi)),
            PaperId::Local(id) => format!("id/{}", percent_encode(id)),
            PaperId::TitleHash(hash) => format!("title/{hash:016x}"),
        }
    }
}

/// Recognises new-style (`2304.02643`, optional `v2`) and old-style (`hep-th/9901001`) arXiv ids,
/// with or without an `arXiv:` prefix, and returns the id without its version.
fn arxiv_id(raw: &str) -> Option<String> {
    let id = raw
        .strip_prefix("arXiv:")
        .or_else(|| raw.strip_prefix("arxiv:"))
        .unwrap_or(raw);
    let id = strip_version(id);
    let new_style = {
        let (yymm, num) = id.split_once('.')?;
        yymm.len() == 4
            && (4..=5).contains(&num.len())
            && yymm.bytes().all(|b| b.is_ascii_digit())
            && num.bytes().all(|b| b.is_ascii_digit())
    };
    let old_style = || {
        id.split_once('/').is_some_and(|(archive, num)| {
            !archive.is_empty()
                && archive
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'.')
                && num.len() == 7
                && num.bytes().all(|b| b.is_ascii_digit())
        })
    };
    (new_style || old_style()).then(|| id.to_string())
}

fn strip_version(id: &str) -> &str {
    match id.rfind('v') {
        Some(pos)
            if pos > 0
                && id[pos + 1..].bytes().all(|b| b.is_ascii_digit())
                && pos + 1 < id.len() =>
        {
            &id[..pos]
        }
        _ => id,
    }
}

/// The normalised form of a title used for hashing and for aligning papers across files:
/// lower-case alphanumerics only.
pub fn normalise_title(title: &str) -> String {
    title
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// FNV-1a over the normalised title: stable across platforms and releases, unlike `std`'s hasher.
pub fn title_hash(title: &str) -> u64 {
    fnv1a(normalise_title(title).as_bytes())
}

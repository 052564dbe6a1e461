//! The identity layer: the types that name things, and the one place that turns each of them
//! into text and parses it back. Every other layer (extraction, graph, store, serve, the
//! command line) passes these types around, never a `String` that holds an identity.
//!
//! - [`EntityType`]: the kinds of thing paperkg extracts.
//! - [`EntityId`]: an entity's identity, its type and slug, written `TYPE/SLUG`
//!   (`model/sam`); the store's entity IRIs end with it.
//! - [`PaperId`]: a paper's identity (arXiv id, DOI, OpenAlex work, Semantic Scholar paper or
//!   corpus id, local id or title hash), written as `arxiv:2304.02643` for people and as an IRI
//!   segment (`arxiv/2304.02643`) for the store.
//! - [`Mention`] and [`Field`]: where an entity is quoted in a paper.
//! - [`FoundBy`]: the rule that found an entity, with the one table of rule confidences.
//! - [`UrlKind`]: what a link points at.

mod found_by;
mod mention;
mod url_kind;

pub use found_by::FoundBy;
pub use mention::{Field, Mention};
pub use url_kind::UrlKind;

use crate::text::{fnv1a, percent_encode, slug};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of entity paperkg extracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A named model, model family or architecture.
    Model,
    /// A named dataset, benchmark, corpus or environment.
    Dataset,
    /// An evaluation metric.
    Metric,
    /// An ML task.
    Task,
    /// A named technique, algorithm, objective or module.
    Method,
    /// A URL in the text.
    Url,
}

impl EntityType {
    /// Every type, in output order.
    pub const ALL: [EntityType; 6] = [
        EntityType::Model,
        EntityType::Dataset,
        EntityType::Metric,
        EntityType::Task,
        EntityType::Method,
        EntityType::Url,
    ];

    /// The types that have a dictionary file.
    pub const DICTIONARY_TYPES: [EntityType; 5] = [
        EntityType::Model,
        EntityType::Dataset,
        EntityType::Metric,
        EntityType::Task,
        EntityType::Method,
    ];

    /// The lower-case name used in files, JSON and IRIs.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Model => "model",
            EntityType::Dataset => "dataset",
            EntityType::Metric => "metric",
            EntityType::Task => "task",
            EntityType::Method => "method",
            EntityType::Url => "url",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no [`EntityType`].
#[derive(Debug, thiserror::Error)]
#[error("unknown entity type {0:?} (expected model, dataset, metric, task, method or url)")]
pub struct ParseEntityTypeError(pub String);

impl FromStr for EntityType {
    type Err = ParseEntityTypeError;

    fn from_str(s: &str) -> Result<EntityType, ParseEntityTypeError> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| ParseEntityTypeError(s.to_string()))
    }
}

/// An entity's identity: its type and its slug. Two mentions with the same id are one entity
/// across papers and runs. Written `TYPE/SLUG` (`model/sam`, `url/00ab...`) by [`fmt::Display`]
/// and read back by [`EntityId::parse`]; `paperkg_rdf::iri` reads it from an entity's IRI.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    entity_type: EntityType,
    slug: String,
}

impl EntityId {
    /// The id of the entity of this type called `name`: the slug is the name's merge key, so
    /// "Llama-3-8B" and "llama 3 8b" get one id.
    pub fn for_name(entity_type: EntityType, name: &str) -> EntityId {
        EntityId {
            entity_type,
            slug: slug(name),
        }
    }

    /// The id of a URL entity: its slug is the 64-bit hash of the URL, in hex.
    pub fn for_url_hash(hash: u64) -> EntityId {
        EntityId {
            entity_type: EntityType::Url,
            slug: format!("{hash:016x}"),
        }
    }

    /// The entity's type.
    pub fn entity_type(&self) -> EntityType {
        self.entity_type
    }

    /// The slug: the part after `TYPE/`.
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// Parses `TYPE/SLUG`; `None` when the type is unknown or the slug empty or not one
    /// segment (a slug is percent-encoded: it never holds a `/`).
    pub fn parse(id: &str) -> Option<EntityId> {
        let (entity_type, slug) = id.split_once('/')?;
        let entity_type = entity_type.parse().ok()?;
        (!slug.is_empty() && !slug.contains('/')).then(|| EntityId {
            entity_type,
            slug: slug.to_string(),
        })
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.entity_type.as_str())?;
        f.write_str("/")?;
        f.write_str(&self.slug)
    }
}

/// Serialized as its `TYPE/SLUG` text, written straight out without building a `String`.
impl Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<EntityId> for String {
    fn from(id: EntityId) -> String {
        id.to_string()
    }
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
    /// An OpenAlex work id such as `W2741809807` (without the `https://openalex.org/` prefix).
    OpenAlex(String),
    /// A Semantic Scholar paper id: the 40 hex digits of the Graph API's `paperId`.
    SemanticScholar(String),
    /// A Semantic Scholar corpus id (`CorpusId`, the bulk datasets' `corpusid`).
    CorpusId(u64),
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
            PaperId::OpenAlex(id) => write!(f, "openalex:{id}"),
            PaperId::SemanticScholar(id) => write!(f, "s2:{id}"),
            PaperId::CorpusId(id) => write!(f, "corpusid:{id}"),
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
            return PaperId::preferred(None, Some(doi), PaperId::Doi(doi.to_lowercase()));
        }
        match id {
            Some(id) => PaperId::Local(id.to_string()),
            None => PaperId::TitleHash(title_hash(title)),
        }
    }

    /// Chooses the identity of a record from a bibliographic source (OpenAlex, Semantic
    /// Scholar): its arXiv id, then its DOI (an arXiv DOI, `10.48550/arXiv.NNNN`, counts as the
    /// arXiv id), then `own`, the source's own id. So one paper read from two sources gets one
    /// id whenever either the arXiv id or the DOI is shared.
    pub fn preferred(arxiv: Option<&str>, doi: Option<&str>, own: PaperId) -> PaperId {
        if let Some(arxiv) = arxiv.and_then(arxiv_id) {
            return PaperId::Arxiv(arxiv);
        }
        let Some(doi) = doi.and_then(PaperId::normalise_doi) else {
            return own;
        };
        match PaperId::arxiv_from_doi(&doi) {
            Some(arxiv) => PaperId::Arxiv(arxiv),
            None => PaperId::Doi(doi),
        }
    }

    /// A DOI in its canonical written form: without a resolver prefix (`https://doi.org/`,
    /// `http://dx.doi.org/`, `doi:`), lower-cased (DOIs are case-insensitive). `None` when what
    /// remains does not start with the `10.` of every DOI.
    pub fn normalise_doi(raw: &str) -> Option<String> {
        let raw = raw.trim();
        let lower = raw.to_lowercase();
        let doi = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/"]
            .into_iter()
            .chain(["http://dx.doi.org/", "doi:"])
            .find_map(|prefix| lower.strip_prefix(prefix))
            .unwrap_or(&lower)
            .trim();
        (doi.starts_with("10.") && doi.len() > 3 && !doi.contains(char::is_whitespace))
            .then(|| doi.to_string())
    }

    /// The arXiv id inside arXiv's own DOI (`10.48550/arxiv.2304.02643`), if `doi` is one.
    pub fn arxiv_from_doi(doi: &str) -> Option<String> {
        let lower = doi.to_ascii_lowercase();
        let rest = lower.strip_prefix("10.48550/arxiv.")?;
        arxiv_id(rest)
    }

    /// The arXiv id in an arXiv URL (`https://arxiv.org/abs/2304.02643v2`,
    /// `http://arxiv.org/pdf/2304.02643.pdf`), without its version.
    pub fn arxiv_from_url(url: &str) -> Option<String> {
        let (_, path) = url.split_once("arxiv.org/")?;
        let rest = path
            .strip_prefix("abs/")
            .or_else(|| path.strip_prefix("pdf/"))?;
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        arxiv_id(rest.strip_suffix(".pdf").unwrap_or(rest))
    }

    /// Reads an arXiv id (`2304.02643v2`, `arXiv:hep-th/9901001`), without its version;
    /// `None` for anything else.
    pub fn parse_arxiv(raw: &str) -> Option<String> {
        arxiv_id(raw.trim())
    }

    /// The web address this id stands for, for `owl:sameAs`-style links: arxiv.org, doi.org,
    /// openalex.org or semanticscholar.org. `None` for local ids and title hashes.
    pub fn external_iri(&self) -> Option<String> {
        match self {
            PaperId::Arxiv(id) => Some(format!("https://arxiv.org/abs/{id}")),
            PaperId::Doi(doi) => Some(format!("https://doi.org/{doi}")),
            PaperId::OpenAlex(id) => Some(format!("https://openalex.org/{id}")),
            PaperId::SemanticScholar(id) => {
                Some(format!("https://www.semanticscholar.org/paper/{id}"))
            }
            PaperId::CorpusId(id) => Some(format!("https://api.semanticscholar.org/CorpusID:{id}")),
            PaperId::Local(_) | PaperId::TitleHash(_) => None,
        }
    }

    /// A path segment for IRIs: only unreserved characters, everything else percent-encoded.
    pub fn iri_segment(&self) -> String {
        match self {
            PaperId::Arxiv(id) => format!("arxiv/{}", percent_encode(id)),
            PaperId::Doi(doi) => format!("doi/{}", percent_encode(doi)),
            PaperId::Local(id) => format!("id/{}", percent_encode(id)),
            PaperId::TitleHash(hash) => format!("title/{hash:016x}"),
            PaperId::OpenAlex(id) => format!("openalex/{}", percent_encode(id)),
            PaperId::SemanticScholar(id) => format!("s2/{}", percent_encode(id)),
            PaperId::CorpusId(id) => format!("corpusid/{id}"),
        }
    }

    /// The arXiv identifier, for an arXiv paper only. A local id that merely looks like one
    /// (`arxiv:bogus`) is not an arXiv id.
    pub fn arxiv(&self) -> Option<&str> {
        match self {
            PaperId::Arxiv(id) => Some(id),
            _ => None,
        }
    }

    /// Parses an IRI segment written by [`PaperId::iri_segment`] back into the id; `None` for
    /// a segment it did not write (one that does not read back to itself, such as
    /// `arxiv/2304.02643/result/0` or `arxiv/2304.02643#abstract`).
    pub fn from_iri_segment(segment: &str) -> Option<PaperId> {
        PaperId::read_iri_segment(segment).filter(|id| id.iri_segment() == segment)
    }

    fn read_iri_segment(segment: &str) -> Option<PaperId> {
        let (kind, rest) = segment.split_once('/')?;
        match kind {
            "arxiv" => percent_decode(rest).map(PaperId::Arxiv),
            "doi" => percent_decode(rest).map(PaperId::Doi),
            "id" => percent_decode(rest).map(PaperId::Local),
            "title" if rest.len() == 16 => {
                u64::from_str_radix(rest, 16).ok().map(PaperId::TitleHash)
            }
            "openalex" => percent_decode(rest).map(PaperId::OpenAlex),
            "s2" => percent_decode(rest).map(PaperId::SemanticScholar),
            "corpusid" => rest.parse().ok().map(PaperId::CorpusId),
            _ => None,
        }
    }
}

/// Undoes [`percent_encode`]; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Recognises new-style (`2304.02643`, optional `v2`) and old-style (`hep-th/9901001`) arXiv ids,
/// with or without an `arXiv:` prefix, and returns the id without its version.
fn arxiv_id(raw: &str) -> Option<String> {
    let id = raw
        .strip_prefix("arXiv:")
        .or_else(|| raw.strip_prefix("arxiv:"))
        .unwrap_or(raw);
    let id = strip_version(id);
    let new_style = id.split_once('.').is_some_and(|(yymm, num)| {
        yymm.len() == 4
            && (4..=5).contains(&num.len())
            && yymm.bytes().all(|b| b.is_ascii_digit())
            && num.bytes().all(|b| b.is_ascii_digit())
    });
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
fn normalise_title(title: &str) -> String {
    title
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// FNV-1a over the normalised title: stable across platforms and releases, unlike `std`'s hasher.
fn title_hash(title: &str) -> u64 {
    fnv1a(normalise_title(title).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_id_is_written_and_read_back() {
        let id = EntityId::for_name(EntityType::Model, "Llama-3 8B");
        assert_eq!(id.to_string(), "model/llama38b");
        assert_eq!(EntityId::parse("model/llama38b"), Some(id));
        let url = EntityId::for_url_hash(0xab);
        assert_eq!(url.to_string(), "url/00000000000000ab");
        assert_eq!(EntityId::parse(&url.to_string()), Some(url));
    }

    #[test]
    fn entity_id_rejects_what_it_did_not_write() {
        for bad in [
            "model",
            "model/",
            "robot/sam",
            "/sam",
            "",
            "model/sam/extra",
        ] {
            assert_eq!(EntityId::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn paper_id_round_trips_through_its_iri_segment() {
        let ids = [
            PaperId::Arxiv("2304.02643".into()),
            PaperId::Arxiv("hep-th/9901001".into()),
            PaperId::Doi("10.1000/xyz(1)".into()),
            PaperId::Local("arxiv:bogus".into()),
            PaperId::Local("ünï côdé/%20".into()),
            PaperId::TitleHash(0x0123_4567_89ab_cdef),
            PaperId::OpenAlex("W2741809807".into()),
            PaperId::SemanticScholar("649def34f8be52c8b66281af98ae884c09aef38b".into()),
            PaperId::CorpusId(215_416_146),
        ];
        for id in ids {
            let segment = id.iri_segment();
            assert_eq!(PaperId::from_iri_segment(&segment), Some(id), "{segment}");
        }
        for bad in [
            "arxiv",
            "isbn/1",
            "title/12",
            "id/%zz",
            "id/%ff",
            "corpusid/x",
            "arxiv/2304.02643/result/0",
            "arxiv/2304.02643#abstract",
            "title/0123456789ABCDEF",
        ] {
            assert_eq!(PaperId::from_iri_segment(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn only_an_arxiv_paper_has_an_arxiv_id() {
        let bogus = PaperId::choose(Some("arxiv:bogus"), None, "A title");
        assert_eq!(bogus, PaperId::Local("arxiv:bogus".into()));
        assert_eq!(bogus.to_string(), "arxiv:bogus");
        assert_eq!(bogus.arxiv(), None);
        let real = PaperId::choose(Some("arXiv:2304.02643v2"), None, "A title");
        assert_eq!(real.arxiv(), Some("2304.02643"));
        // Old-style ids have no dot; they used to fall through to a local id.
        let old = PaperId::choose(Some("hep-th/9901001v1"), None, "A title");
        assert_eq!(old.arxiv(), Some("hep-th/9901001"));
    }

    #[test]
    fn sources_prefer_arxiv_then_doi_then_their_own_id() {
        let own = || PaperId::OpenAlex("W1".into());
        let cases = [
            (Some("2304.02643v1"), Some("10.1/x"), "arxiv:2304.02643"),
            (None, Some("https://doi.org/10.1000/ABC"), "doi:10.1000/abc"),
            (None, Some("10.48550/arXiv.2304.02643"), "arxiv:2304.02643"),
            (None, Some("not a doi"), "openalex:W1"),
            (Some("bogus"), None, "openalex:W1"),
            (None, None, "openalex:W1"),
        ];
        for (arxiv, doi, expected) in cases {
            let id = PaperId::preferred(arxiv, doi, own());
            assert_eq!(id.to_string(), expected, "{arxiv:?} {doi:?}");
        }
    }

    #[test]
    fn arxiv_ids_are_found_in_dois_and_urls() {
        assert_eq!(
            PaperId::arxiv_from_url("https://arxiv.org/pdf/2304.02643v2.pdf").as_deref(),
            Some("2304.02643")
        );
        assert_eq!(
            PaperId::arxiv_from_url("http://arxiv.org/abs/hep-th/9901001").as_deref(),
            Some("hep-th/9901001")
        );
        assert_eq!(
            PaperId::arxiv_from_url("https://example.org/abs/2304.02643"),
            None
        );
        assert_eq!(PaperId::arxiv_from_doi("10.1145/2304.02643"), None);
        assert_eq!(
            PaperId::normalise_doi("http://dx.doi.org/10.18653/V1/N19-1423").as_deref(),
            Some("10.18653/v1/n19-1423")
        );
    }
}

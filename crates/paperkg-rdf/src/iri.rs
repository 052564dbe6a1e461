//! Identities read back from IRIs: the one inverse of [`MappingConfig::entity_iri`] and
//! [`MappingConfig::paper_iri_for`]. A store does not record the base IRI it was built with, so
//! an IRI is read from its end: `BASE entity/TYPE/SLUG` and `BASE paper/KIND/ID`. Only what the
//! mapping writes parses: a result's IRI (`…/paper/arxiv/2304.02643/result/0`) or a field's
//! (`…/paper/arxiv/2304.02643#abstract`) is not a paper's, and a slug with a `/` is not an
//! entity's.
//!
//! [`MappingConfig::entity_iri`]: crate::mapping::MappingConfig::entity_iri
//! [`MappingConfig::paper_iri_for`]: crate::mapping::MappingConfig::paper_iri_for

use oxrdf::NamedNode;
use paperkg_core::ids::{EntityId, PaperId};
use std::fmt;

/// An IRI that is not the IRI of the kind of thing asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IriError {
    /// Not `…entity/TYPE/SLUG` with a known type.
    NotAnEntity(String),
    /// Not `…paper/KIND/ID` as [`PaperId::iri_segment`] writes it.
    NotAPaper(String),
}

impl fmt::Display for IriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IriError::NotAnEntity(iri) => {
                write!(f, "<{iri}> is not an entity IRI (…/entity/TYPE/SLUG)")
            }
            IriError::NotAPaper(iri) => write!(f, "<{iri}> is not a paper IRI (…/paper/KIND/ID)"),
        }
    }
}

impl std::error::Error for IriError {}

/// The `TYPE/SLUG` and the text before it, when `iri` ends with `marker/A/B` (`A` and `B`
/// non-empty, without `/`, `#` or `?`).
fn tail<'a>(iri: &'a str, marker: &str) -> Option<&'a str> {
    let mut parts = iri.rsplitn(3, '/');
    let (last, kind, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let clean = |s: &str| !s.is_empty() && !s.contains(['#', '?']);
    let marked = rest
        .strip_suffix(marker)
        .is_some_and(|before| before.is_empty() || before.ends_with(['/', '#', ':']));
    (marked && clean(last) && clean(kind)).then(|| &iri[rest.len() + 1..])
}

/// The `TYPE/SLUG` text an entity IRI ends with, borrowed, when the IRI is an entity's; for
/// readers that keep ids as text in compact tables. [`entity_id`] gives the typed id.
pub fn entity_id_text(iri: &str) -> Option<&str> {
    tail(iri, "entity").filter(|text| EntityId::parse(text).is_some())
}

/// The id of the entity whose IRI this is (`…/entity/model/sam` gives `model/sam`).
///
/// ```
/// use paperkg_rdf::iri::{entity_id, IriError};
/// let id = entity_id("https://w3id.org/paperkg/entity/model/sam").unwrap();
/// assert_eq!(id.to_string(), "model/sam");
/// assert!(matches!(entity_id("https://w3id.org/paperkg/paper/arxiv/1"), Err(IriError::NotAnEntity(_))));
/// ```
pub fn entity_id(iri: &str) -> Result<EntityId, IriError> {
    entity_id_text(iri)
        .and_then(EntityId::parse)
        .ok_or_else(|| IriError::NotAnEntity(iri.to_string()))
}

/// The id of the paper whose IRI this is (`…/paper/arxiv/2304.02643` gives
/// `arxiv:2304.02643`); the segment must be exactly as [`PaperId::iri_segment`] writes it.
pub fn paper_id(iri: &str) -> Result<PaperId, IriError> {
    tail(iri, "paper")
        .and_then(PaperId::from_iri_segment)
        .ok_or_else(|| IriError::NotAPaper(iri.to_string()))
}

/// An entity as a store holds it: its IRI and the id the IRI ends with, read once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntityIri {
    /// The entity's identity.
    pub id: EntityId,
    /// Its IRI in the store.
    pub iri: NamedNode,
}

impl EntityIri {
    /// Reads the id from an entity's IRI.
    pub fn parse(iri: &str) -> Result<EntityIri, IriError> {
        Ok(EntityIri {
            id: entity_id(iri)?,
            iri: NamedNode::new_unchecked(iri),
        })
    }
}

/// A paper as a store holds it: its IRI and the id the IRI ends with, read once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PaperIri {
    /// The paper's identity.
    pub id: PaperId,
    /// Its IRI in the store.
    pub iri: NamedNode,
}

impl PaperIri {
    /// Reads the id from a paper's IRI.
    pub fn parse(iri: &str) -> Result<PaperIri, IriError> {
        Ok(PaperIri {
            id: paper_id(iri)?,
            iri: NamedNode::new_unchecked(iri),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::MappingConfig;
    use crate::vocab::DEFAULT_BASE;
    use paperkg_core::ids::EntityType;

    fn config(base: &str) -> MappingConfig {
        MappingConfig {
            base: base.into(),
            dictionary_version: "test".into(),
        }
    }

    #[test]
    fn the_ids_the_mapping_writes_read_back_under_any_base() {
        let entity = EntityId::for_name(EntityType::Model, "Llama-3 8B");
        let papers = [
            PaperId::Arxiv("2304.02643".into()),
            PaperId::Arxiv("hep-th/9901001".into()),
            PaperId::Doi("10.1000/xyz(1)".into()),
            PaperId::Local("arxiv:bogus".into()),
            PaperId::Local("a/b#c?d".into()),
            PaperId::TitleHash(0x0123_4567_89ab_cdef),
            PaperId::CorpusId(42),
        ];
        for base in [
            DEFAULT_BASE,
            "https://example.org/kg#",
            "urn:kg:",
            "https://x.org/entity/",
        ] {
            let config = config(base);
            let iri = config.entity_iri(&entity);
            assert_eq!(entity_id(iri.as_str()), Ok(entity.clone()), "{iri}");
            assert_eq!(
                EntityIri::parse(iri.as_str()).map(|e| e.iri),
                Ok(iri.clone())
            );
            for paper in &papers {
                let iri = config.paper_iri_for(paper);
                assert_eq!(paper_id(iri.as_str()).as_ref(), Ok(paper), "{iri}");
                assert!(entity_id(iri.as_str()).is_err(), "{iri}");
            }
        }
    }

    #[test]
    fn an_iri_the_mapping_did_not_write_for_the_kind_is_an_error() {
        let paper = config(DEFAULT_BASE).paper_iri_for(&PaperId::Arxiv("2304.02643".into()));
        let not_papers = [
            format!("{}/result/0", paper.as_str()),
            format!("{}#abstract", paper.as_str()),
            format!("{DEFAULT_BASE}paper/arxiv/"),
            format!("{DEFAULT_BASE}paper/unknown/1"),
            format!("{DEFAULT_BASE}paper/title/xyz"),
            format!("{DEFAULT_BASE}entity/model/sam"),
            format!("{DEFAULT_BASE}notpaper/arxiv/1"),
        ];
        for iri in not_papers {
            assert_eq!(paper_id(&iri), Err(IriError::NotAPaper(iri.clone())));
        }
        let not_entities = [
            format!("{DEFAULT_BASE}entity/model/sam/extra"),
            format!("{DEFAULT_BASE}entity/robot/sam"),
            format!("{DEFAULT_BASE}entity/model/"),
            format!("{DEFAULT_BASE}entity/model/sam#x"),
            format!("{DEFAULT_BASE}leaderboard/dataset/imagenet/metric/top1"),
            format!("{DEFAULT_BASE}myentity/model/sam"),
            "model/sam".to_string(),
        ];
        for iri in not_entities {
            assert_eq!(entity_id(&iri), Err(IriError::NotAnEntity(iri.clone())));
            assert_eq!(entity_id_text(&iri), None);
        }
    }
}

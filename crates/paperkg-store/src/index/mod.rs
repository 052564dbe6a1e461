//! The graph index: papers, entities and the links between them in compact arrays, kept in a
//! file inside the store directory so that the graph commands (`rank`, `related`, `path`,
//! `trend`, `export --format dot --around`, `lookup --related`) and `serve`'s graph answers
//! do not read the whole graph back through SPARQL.
//!
//! The index is a compressed sparse row (CSR) graph: every paper has a run of entity slots
//! (with the mention count and whether the paper introduces the entity), every entity a run of
//! paper slots, and names and titles live in string tables. It is made from exactly the quads
//! the store holds ([`IndexBuilder`] watches them go in, or reads them back from an older
//! store), so it answers as the store does.
//!
//! How it is kept in step with the store (atomic swap with `build`, all-or-nothing with `add`,
//! rebuilt once for a store without one) is in [`placement`].

pub mod analytics;
mod builder;
mod file;
mod parts;
pub mod placement;
mod tables;

pub use builder::IndexBuilder;
pub use placement::{IndexedStore, INDEX_FILE};

use file::Sec;
use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;
use paperkg_core::ids::PaperId;

/// Errors reading, writing or making an index. Each names the file or store involved.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The file could not be read or written.
    #[error("graph index {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not an index this version can read, or it is damaged.
    #[error("graph index {path}: {reason}")]
    Corrupt {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// Reading the store to make the index failed.
    #[error("reading the store for the graph index: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    /// Opening the store failed.
    #[error(transparent)]
    Store(#[from] crate::rdf::StoreError),
}

/// A paper's position in the index (papers are ordered by id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PaperSlot(pub u32);

/// An entity's position in the index (entities are ordered by id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntitySlot(pub u32);

/// A link from a paper to an entity it mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The entity.
    pub entity: EntitySlot,
    /// How many times the paper mentions it (1 when the store holds no spans).
    pub count: u16,
    /// Whether the paper introduces it.
    pub introduces: bool,
}

/// A derived-from link between two entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Derivation {
    /// The derived entity.
    pub child: EntitySlot,
    /// The entity it derives from.
    pub parent: EntitySlot,
    /// Whether the store says the child was fine-tuned from the parent.
    pub fine_tuned: bool,
}

/// How many co-mentioned entities the index keeps per entity (see
/// [`GraphIndex::co_mentioned`]).
pub const CO_MENTIONS: usize = 50;

/// A result reported on a dataset, as the index keeps it (see [`GraphIndex::results_on`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportedResult {
    /// The metric (`mls:specifiedBy`).
    pub metric: EntitySlot,
    /// The model (`pkg:model`), when the result names one.
    pub model: Option<EntitySlot>,
    /// The paper reporting it (`pkg:reportedIn`).
    pub paper: PaperSlot,
    /// Its number among the paper's results: its IRI is the paper's followed by
    /// `/result/NUMBER`.
    pub number: u32,
    /// The value (`mls:hasValue`).
    pub value: f64,
}

/// The graph index, read in place from its file (or from the bytes just made). See the
/// [module documentation](self).
pub struct GraphIndex {
    file: file::IndexFile,
}

impl std::fmt::Debug for GraphIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphIndex")
            .field("papers", &self.paper_count())
            .field("entities", &self.entity_count())
            .field("links", &self.link_count())
            .finish()
    }
}

/// Two indexes are equal when they hold the same graph (whatever witness they were written
/// with).
impl PartialEq for GraphIndex {
    fn eq(&self, other: &GraphIndex) -> bool {
        self.file.same_content(&other.file)
    }
}

/// A paper's links to the entities it mentions, read in place.
#[derive(Clone, Copy, Debug)]
pub struct Links<'a> {
    entities: file::Column<'a, 4>,
    counts: file::Column<'a, 2>,
    flags: &'a [u8],
}

impl<'a> Links<'a> {
    /// The number of links.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Link `i`.
    pub fn get(&self, i: usize) -> Option<Link> {
        Some(Link {
            entity: EntitySlot(self.entities.get(i)?),
            count: self.counts.get(i).unwrap_or(1),
            introduces: self.flags.get(i).is_some_and(|&f| f != 0),
        })
    }

    /// Every link, ordered by entity.
    pub fn iter(&self) -> impl Iterator<Item = Link> + 'a {
        let links = *self;
        (0..links.len()).filter_map(move |i| links.get(i))
    }
}

impl<'a> IntoIterator for Links<'a> {
    type Item = Link;
    type IntoIter = Box<dyn Iterator<Item = Link> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// The papers that mention an entity, read in place, ascending.
#[derive(Clone, Copy, Debug)]
pub struct Papers<'a>(file::Column<'a, 4>);

impl<'a> Papers<'a> {
    /// The number of papers.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every paper, ascending.
    pub fn iter(&self) -> impl Iterator<Item = PaperSlot> + 'a {
        self.0.iter().map(PaperSlot)
    }
}

impl<'a> IntoIterator for Papers<'a> {
    type Item = PaperSlot;
    type IntoIter = Box<dyn Iterator<Item = PaperSlot> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl GraphIndex {
    /// An index over the bytes of an index file; `Err` says why they are not one.
    fn from_bytes(bytes: file::Bytes) -> Result<GraphIndex, String> {
        file::IndexFile::open(bytes).map(|file| GraphIndex { file })
    }

    /// The witness the index was written with (see [`placement`]).
    fn witness(&self) -> &str {
        self.file.witness()
    }

    /// The index file's bytes, written with `witness`.
    fn encode(&self, witness: &str) -> Vec<u8> {
        self.file.with_witness(witness)
    }

    /// The number of papers.
    pub fn paper_count(&self) -> usize {
        self.file.count(Sec::PaperKeyEnds)
    }

    /// The number of entities.
    pub fn entity_count(&self) -> usize {
        self.file.count(Sec::EntityIdEnds)
    }

    /// The number of paper–entity links.
    pub fn link_count(&self) -> usize {
        self.file.count(Sec::LinkEntities)
    }

    /// Every paper slot.
    pub fn papers(&self) -> impl Iterator<Item = PaperSlot> {
        (0..self.paper_count() as u32).map(PaperSlot)
    }

    /// Every entity slot.
    pub fn entities(&self) -> impl Iterator<Item = EntitySlot> {
        (0..self.entity_count() as u32).map(EntitySlot)
    }

    /// A paper's IRI segment (`arxiv/2304.02643`, as [`PaperId::iri_segment`] writes it).
    pub fn paper_key(&self, paper: PaperSlot) -> &str {
        self.file
            .strings(Sec::PaperKeyText, Sec::PaperKeyEnds)
            .get(paper.0 as usize)
    }

    /// A paper's id.
    pub fn paper_id(&self, paper: PaperSlot) -> PaperId {
        let key = self.paper_key(paper);
        PaperId::from_iri_segment(key).unwrap_or_else(|| PaperId::Local(key.to_string()))
    }

    /// A paper's title.
    pub fn title(&self, paper: PaperSlot) -> &str {
        self.file
            .strings(Sec::TitleText, Sec::TitleEnds)
            .get(paper.0 as usize)
    }

    /// A paper's year and month, when its date starts `YYYY-MM`.
    pub fn month(&self, paper: PaperSlot) -> Option<(u16, u8)> {
        let code = self
            .file
            .u32s(Sec::Months)
            .get(paper.0 as usize)?
            .checked_sub(1)?;
        let year = u16::try_from(code / 12).ok()?;
        Some((year, (code % 12) as u8 + 1))
    }

    /// An entity's id (`model/sam`).
    pub fn entity_id(&self, entity: EntitySlot) -> &str {
        self.file
            .strings(Sec::EntityIdText, Sec::EntityIdEnds)
            .get(entity.0 as usize)
    }

    /// An entity's canonical name.
    pub fn name(&self, entity: EntitySlot) -> &str {
        self.file
            .strings(Sec::NameText, Sec::NameEnds)
            .get(entity.0 as usize)
    }

    /// An entity's type.
    pub fn entity_type(&self, entity: EntitySlot) -> EntityType {
        self.file
            .u8s(Sec::Types)
            .get(entity.0 as usize)
            .and_then(|&code| EntityType::ALL.get(code as usize))
            .copied()
            .unwrap_or(EntityType::Url)
    }

    /// For a URL entity, the kind of link.
    pub fn url_kind(&self, entity: EntitySlot) -> Option<UrlKind> {
        let code = *self.file.u8s(Sec::UrlKinds).get(entity.0 as usize)?;
        parts::kind_of(code)
    }

    /// An entity's aliases other than its name, in order.
    pub fn aliases(&self, entity: EntitySlot) -> impl Iterator<Item = &str> {
        let range = self.file.u32s(Sec::AliasStarts).run(entity.0 as usize);
        let table = self.file.strings(Sec::AliasText, Sec::AliasEnds);
        range.map(move |i| table.get(i))
    }

    /// The entities a paper mentions, by slot, with counts and introductions.
    pub fn links_of(&self, paper: PaperSlot) -> Links<'_> {
        let range = self.file.u32s(Sec::LinkStarts).run(paper.0 as usize);
        let flags = self.file.u8s(Sec::LinkFlags);
        Links {
            entities: self.file.u32s(Sec::LinkEntities).slice(range.clone()),
            counts: self.file.u16s(Sec::LinkCounts).slice(range.clone()),
            flags: flags.get(range).unwrap_or(&[]),
        }
    }

    /// The slots of the entities a paper mentions, ascending (the links without their counts,
    /// for the walks that read millions of them).
    pub(crate) fn linked_entities(&self, paper: PaperSlot) -> impl Iterator<Item = u32> + '_ {
        let range = self.file.u32s(Sec::LinkStarts).run(paper.0 as usize);
        self.file.u32s(Sec::LinkEntities).slice(range).iter()
    }

    /// The papers that mention an entity, by slot, ascending.
    pub fn papers_mentioning(&self, entity: EntitySlot) -> Papers<'_> {
        let range = self.file.u32s(Sec::MentionStarts).run(entity.0 as usize);
        Papers(self.file.u32s(Sec::MentionedIn).slice(range))
    }

    /// An entity's PageRank over the paper–entity graph (0 for URLs).
    pub fn pagerank(&self, entity: EntitySlot) -> f64 {
        self.file
            .u64s(Sec::PageRank)
            .get(entity.0 as usize)
            .map_or(0.0, f64::from_bits)
    }

    /// The entities mentioned in the most papers together with `entity` (URLs left out),
    /// with the number of those papers: most first, ties by slot, at most [`CO_MENTIONS`].
    /// The list holds every entity with more shared papers than its last entry; it is
    /// whole when [`co_mentioned_total`](GraphIndex::co_mentioned_total) is not larger.
    pub fn co_mentioned(
        &self,
        entity: EntitySlot,
    ) -> impl Iterator<Item = (EntitySlot, usize)> + '_ {
        let range = self.file.u32s(Sec::CoStarts).run(entity.0 as usize);
        let entities = self.file.u32s(Sec::CoEntities).slice(range.clone());
        let counts = self.file.u32s(Sec::CoCounts).slice(range);
        entities
            .iter()
            .zip(counts.iter())
            .map(|(e, n)| (EntitySlot(e), n as usize))
    }

    /// How many entities (URLs left out) share at least one paper with `entity`.
    pub fn co_mentioned_total(&self, entity: EntitySlot) -> usize {
        self.file
            .u32s(Sec::CoDistinct)
            .get(entity.0 as usize)
            .unwrap_or(0) as usize
    }

    /// The results reported on `dataset` (with a metric and a finite value, gains in points
    /// left out), ordered by metric, paper, then number.
    pub fn results_on(&self, dataset: EntitySlot) -> impl Iterator<Item = ReportedResult> + '_ {
        let range = self.file.u32s(Sec::ResultStarts).run(dataset.0 as usize);
        let metrics = self.file.u32s(Sec::ResultMetrics);
        let models = self.file.u32s(Sec::ResultModels);
        let papers = self.file.u32s(Sec::ResultPapers);
        let numbers = self.file.u32s(Sec::ResultNumbers);
        let values = self.file.u64s(Sec::ResultValues);
        range.filter_map(move |i| {
            Some(ReportedResult {
                metric: EntitySlot(metrics.get(i)?),
                model: models.get(i)?.checked_sub(1).map(EntitySlot),
                paper: PaperSlot(papers.get(i)?),
                number: numbers.get(i)?,
                value: f64::from_bits(values.get(i)?),
            })
        })
    }

    /// Every derived-from link, ordered by child then parent.
    pub fn derivations(&self) -> impl Iterator<Item = Derivation> + '_ {
        let children = self.file.u32s(Sec::DerivChildren);
        let parents = self.file.u32s(Sec::DerivParents);
        let flags = self.file.u8s(Sec::DerivFlags);
        (0..children.len()).filter_map(move |i| {
            Some(Derivation {
                child: EntitySlot(children.get(i)?),
                parent: EntitySlot(parents.get(i)?),
                fine_tuned: flags.get(i).is_some_and(|&f| f != 0),
            })
        })
    }

    /// The number of code repositories.
    pub fn code_count(&self) -> usize {
        self.file.count(Sec::CodeEnds)
    }

    /// Code repository `code`'s URL.
    pub fn code_url(&self, code: u32) -> &str {
        self.file
            .strings(Sec::CodeText, Sec::CodeEnds)
            .get(code as usize)
    }

    /// Every `(paper, code repository)` link, ordered.
    pub fn code_links(&self) -> impl Iterator<Item = (PaperSlot, u32)> + '_ {
        let papers = self.file.u32s(Sec::CodePapers);
        let repos = self.file.u32s(Sec::CodeRepos);
        papers.iter().map(PaperSlot).zip(repos.iter())
    }

    /// A paper's code repositories, by position.
    pub fn code_slots_of(&self, paper: PaperSlot) -> impl Iterator<Item = u32> + '_ {
        let papers = self.file.u32s(Sec::CodePapers);
        let repos = self.file.u32s(Sec::CodeRepos);
        let start = papers.lower_bound(paper.0);
        (start..papers.len())
            .take_while(move |&i| papers.get(i) == Some(paper.0))
            .filter_map(move |i| repos.get(i))
    }

    /// A paper's code repositories (URLs).
    pub fn code_of(&self, paper: PaperSlot) -> impl Iterator<Item = &str> {
        self.code_slots_of(paper).map(|c| self.code_url(c))
    }

    /// The paper with this id.
    pub fn paper_slot(&self, id: &PaperId) -> Option<PaperSlot> {
        self.file
            .strings(Sec::PaperKeyText, Sec::PaperKeyEnds)
            .find_sorted(&id.iri_segment())
            .map(|i| PaperSlot(i as u32))
    }

    /// The entity with this id (`model/sam`).
    pub fn entity_slot(&self, id: &str) -> Option<EntitySlot> {
        self.file
            .strings(Sec::EntityIdText, Sec::EntityIdEnds)
            .find_sorted(id)
            .map(|i| EntitySlot(i as u32))
    }

    /// The entity a user means by `name` (any alias, any case), as [`paperkg_core::resolve`]
    /// decides: when several carry it, the one mentioned by the most papers.
    pub fn find_entity(&self, name: &str) -> Option<EntitySlot> {
        paperkg_core::resolve::find_entity(self, name)
    }
}

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
pub mod placement;
mod tables;

pub use builder::IndexBuilder;
pub use placement::{IndexedStore, INDEX_FILE};

use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;
use tables::StringTable;

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

/// The graph index. See the [module documentation](self).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphIndex {
    paper_ids: StringTable,
    titles: StringTable,
    /// `year * 12 + month - 1`, plus one; 0 for a paper without a usable date.
    months: Vec<u32>,
    entity_ids: StringTable,
    names: StringTable,
    types: Vec<EntityType>,
    url_kinds: Vec<Option<UrlKind>>,
    /// Entity `e`'s aliases are `aliases[alias_starts[e]..alias_starts[e + 1]]`.
    alias_starts: Vec<u32>,
    aliases: StringTable,
    /// Paper `p`'s links are `links[link_starts[p]..link_starts[p + 1]]`, by entity slot.
    link_starts: Vec<u32>,
    links: Vec<Link>,
    /// Entity `e`'s papers are `mentioned_in[mention_starts[e]..mention_starts[e + 1]]`.
    /// Derived from the links when the index is read, not stored.
    mention_starts: Vec<u32>,
    mentioned_in: Vec<PaperSlot>,
    derivations: Vec<Derivation>,
    code_urls: StringTable,
    /// `(paper, code repository)`, ordered.
    paper_code: Vec<(PaperSlot, u32)>,
    /// Each entity's PageRank (see [`analytics::page_rank`]), computed when the index is made:
    /// on a million papers the iteration takes seconds, reading it back none.
    pagerank: Vec<f64>,
}

impl GraphIndex {
    /// The number of papers.
    pub fn paper_count(&self) -> usize {
        self.paper_ids.len()
    }

    /// The number of entities.
    pub fn entity_count(&self) -> usize {
        self.entity_ids.len()
    }

    /// The number of paper–entity links.
    pub fn link_count(&self) -> usize {
        self.links.len()
    }

    /// Every paper slot.
    pub fn papers(&self) -> impl Iterator<Item = PaperSlot> {
        (0..self.paper_count() as u32).map(PaperSlot)
    }

    /// Every entity slot.
    pub fn entities(&self) -> impl Iterator<Item = EntitySlot> {
        (0..self.entity_count() as u32).map(EntitySlot)
    }

    /// A paper's id (`arxiv:2304.02643`).
    pub fn paper_id(&self, paper: PaperSlot) -> &str {
        self.paper_ids.get(paper.0 as usize)
    }

    /// A paper's title.
    pub fn title(&self, paper: PaperSlot) -> &str {
        self.titles.get(paper.0 as usize)
    }

    /// A paper's year and month, when its date starts `YYYY-MM`.
    pub fn month(&self, paper: PaperSlot) -> Option<(u16, u8)> {
        let code = self.months.get(paper.0 as usize).copied()?.checked_sub(1)?;
        let year = u16::try_from(code / 12).ok()?;
        Some((year, (code % 12) as u8 + 1))
    }

    /// An entity's id (`model/sam`).
    pub fn entity_id(&self, entity: EntitySlot) -> &str {
        self.entity_ids.get(entity.0 as usize)
    }

    /// An entity's canonical name.
    pub fn name(&self, entity: EntitySlot) -> &str {
        self.names.get(entity.0 as usize)
    }

    /// An entity's type.
    pub fn entity_type(&self, entity: EntitySlot) -> EntityType {
        self.types
            .get(entity.0 as usize)
            .copied()
            .unwrap_or(EntityType::Url)
    }

    /// For a URL entity, the kind of link.
    pub fn url_kind(&self, entity: EntitySlot) -> Option<UrlKind> {
        self.url_kinds.get(entity.0 as usize).copied().flatten()
    }

    /// An entity's aliases other than its name, in order.
    pub fn aliases(&self, entity: EntitySlot) -> impl Iterator<Item = &str> {
        let range = run(&self.alias_starts, entity.0 as usize);
        range.map(|i| self.aliases.get(i))
    }

    /// The entities a paper mentions, by slot, with counts and introductions.
    pub fn links_of(&self, paper: PaperSlot) -> &[Link] {
        let range = run(&self.link_starts, paper.0 as usize);
        self.links.get(range).unwrap_or(&[])
    }

    /// The papers that mention an entity, by slot.
    pub fn papers_mentioning(&self, entity: EntitySlot) -> &[PaperSlot] {
        let range = run(&self.mention_starts, entity.0 as usize);
        self.mentioned_in.get(range).unwrap_or(&[])
    }

    /// An entity's PageRank over the paper–entity graph (0 for URLs).
    pub fn pagerank(&self, entity: EntitySlot) -> f64 {
        self.pagerank.get(entity.0 as usize).copied().unwrap_or(0.0)
    }

    /// Every derived-from link, ordered by child then parent.
    pub fn derivations(&self) -> &[Derivation] {
        &self.derivations
    }

    /// A paper's code repositories (URLs).
    pub fn code_of(&self, paper: PaperSlot) -> impl Iterator<Item = &str> {
        let start = self.paper_code.partition_point(|(p, _)| *p < paper);
        self.paper_code[start..]
            .iter()
            .take_while(move |(p, _)| *p == paper)
            .map(|(_, c)| self.code_urls.get(*c as usize))
    }

    /// The paper with this id.
    pub fn paper_slot(&self, id: &str) -> Option<PaperSlot> {
        self.paper_ids.find_sorted(id).map(|i| PaperSlot(i as u32))
    }

    /// The entity with this id (`model/sam`).
    pub fn entity_slot(&self, id: &str) -> Option<EntitySlot> {
        self.entity_ids
            .find_sorted(id)
            .map(|i| EntitySlot(i as u32))
    }

    /// The entity a user means by `name` (any alias, any case), as [`paperkg_core::resolve`]
    /// decides: when several carry it, the one mentioned by the most papers.
    pub fn find_entity(&self, name: &str) -> Option<EntitySlot> {
        paperkg_core::resolve::find_entity(self, name)
    }

    /// Fills the entity-to-paper runs from the paper-to-entity links.
    fn invert_links(&mut self) {
        let entities = self.entity_count();
        let mut starts = vec![0u32; entities + 1];
        for link in &self.links {
            if let Some(n) = starts.get_mut(link.entity.0 as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut papers = vec![PaperSlot(0); self.links.len()];
        for paper in self.papers() {
            for link in self.links_of(paper) {
                if let Some(at) = next.get_mut(link.entity.0 as usize) {
                    if let Some(slot) = papers.get_mut(*at as usize) {
                        *slot = paper;
                    }
                    *at += 1;
                }
            }
        }
        self.mention_starts = starts;
        self.mentioned_in = papers;
    }
}

/// The range `starts[i]..starts[i + 1]` (empty when out of bounds).
fn run(starts: &[u32], i: usize) -> std::ops::Range<usize> {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&a), Some(&b)) if a <= b => a as usize..b as usize,
        _ => 0..0,
    }
}

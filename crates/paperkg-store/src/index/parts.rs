//! The index as the builder fills it: owned tables, laid out into the file's sections once
//! they are complete ([`IndexParts::encode`]).

use super::file::{self, Bytes, IndexFile, Sec, SECTIONS};
use super::tables::StringTable;
use super::{Derivation, GraphIndex, Link, PaperSlot, ReportedResult};
use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;

/// The tables of an index being made. Papers and entities are ordered by key; links by paper
/// then entity.
#[derive(Default)]
pub(super) struct IndexParts {
    /// Papers' IRI segments.
    pub(super) paper_keys: StringTable,
    pub(super) titles: StringTable,
    /// `year * 12 + month - 1`, plus one; 0 for a paper without a usable date.
    pub(super) months: Vec<u32>,
    pub(super) entity_ids: StringTable,
    pub(super) names: StringTable,
    pub(super) types: Vec<EntityType>,
    pub(super) url_kinds: Vec<Option<UrlKind>>,
    pub(super) alias_starts: Vec<u32>,
    pub(super) aliases: StringTable,
    pub(super) link_starts: Vec<u32>,
    pub(super) links: Vec<Link>,
    pub(super) derivations: Vec<Derivation>,
    pub(super) code_urls: StringTable,
    /// `(paper, code repository)`, ordered.
    pub(super) paper_code: Vec<(PaperSlot, u32)>,
    pub(super) pagerank: Vec<f64>,
    /// Each entity's most co-mentioned entities (empty until computed over the laid-out
    /// index, as PageRank is).
    pub(super) co_mentions: CoMentionLists,
    /// The results with a dataset and a metric, ordered by dataset, metric, paper, number.
    pub(super) results: Vec<(u32, ReportedResult)>,
}

/// Each entity's most co-mentioned entities, laid out as runs (see `Sec::CoStarts`).
#[derive(Default)]
pub(super) struct CoMentionLists {
    pub(super) starts: Vec<u32>,
    pub(super) entities: Vec<u32>,
    pub(super) counts: Vec<u32>,
    pub(super) distinct: Vec<u32>,
}

impl IndexParts {
    /// The entity-to-paper runs inverted from the paper-to-entity links: the start of each
    /// entity's run, and the papers.
    fn inverted_links(&self) -> (Vec<u32>, Vec<u32>) {
        let entities = self.entity_ids.len();
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
        let mut papers = vec![0u32; self.links.len()];
        for (paper, run) in self.link_starts.windows(2).enumerate() {
            for link in self
                .links
                .get(run[0] as usize..run[1] as usize)
                .unwrap_or(&[])
            {
                if let Some(at) = next.get_mut(link.entity.0 as usize) {
                    if let Some(slot) = papers.get_mut(*at as usize) {
                        *slot = paper as u32;
                    }
                    *at += 1;
                }
            }
        }
        (starts, papers)
    }

    /// The finished index, in memory, laid out as its file is.
    pub(super) fn encode(&self) -> GraphIndex {
        let (mention_starts, mentioned_in) = self.inverted_links();
        let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
        let mut put = |sec: Sec, bytes: Vec<u8>| sections[sec as usize] = bytes;
        let mut table = |text: Sec, ends: Sec, table: &StringTable| {
            put(text, table.text.as_bytes().to_vec());
            put(ends, file::le_u64s(table.ends.iter().copied()));
        };
        table(Sec::PaperKeyText, Sec::PaperKeyEnds, &self.paper_keys);
        table(Sec::TitleText, Sec::TitleEnds, &self.titles);
        table(Sec::EntityIdText, Sec::EntityIdEnds, &self.entity_ids);
        table(Sec::NameText, Sec::NameEnds, &self.names);
        table(Sec::AliasText, Sec::AliasEnds, &self.aliases);
        table(Sec::CodeText, Sec::CodeEnds, &self.code_urls);
        let mut put = |sec: Sec, bytes: Vec<u8>| sections[sec as usize] = bytes;
        put(Sec::Months, file::le_u32s(self.months.iter().copied()));
        put(
            Sec::Types,
            self.types.iter().map(|&t| type_code(t)).collect(),
        );
        put(
            Sec::UrlKinds,
            self.url_kinds.iter().map(|&k| kind_code(k)).collect(),
        );
        put(
            Sec::AliasStarts,
            file::le_u32s(self.alias_starts.iter().copied()),
        );
        put(
            Sec::LinkStarts,
            file::le_u32s(self.link_starts.iter().copied()),
        );
        put(
            Sec::LinkEntities,
            file::le_u32s(self.links.iter().map(|l| l.entity.0)),
        );
        put(
            Sec::LinkCounts,
            file::le_u16s(self.links.iter().map(|l| l.count)),
        );
        put(
            Sec::LinkFlags,
            self.links.iter().map(|l| u8::from(l.introduces)).collect(),
        );
        put(Sec::MentionStarts, file::le_u32s(mention_starts));
        put(Sec::MentionedIn, file::le_u32s(mentioned_in));
        let d = &self.derivations;
        put(
            Sec::DerivChildren,
            file::le_u32s(d.iter().map(|d| d.child.0)),
        );
        put(
            Sec::DerivParents,
            file::le_u32s(d.iter().map(|d| d.parent.0)),
        );
        put(
            Sec::DerivFlags,
            d.iter().map(|d| u8::from(d.fine_tuned)).collect(),
        );
        put(
            Sec::CodePapers,
            file::le_u32s(self.paper_code.iter().map(|(p, _)| p.0)),
        );
        put(
            Sec::CodeRepos,
            file::le_u32s(self.paper_code.iter().map(|(_, c)| *c)),
        );
        let mut pagerank = self.pagerank.clone();
        pagerank.resize(self.entity_ids.len(), 0.0);
        put(
            Sec::PageRank,
            file::le_u64s(pagerank.iter().map(|r| r.to_bits())),
        );
        self.put_co_mentions(&mut put);
        self.put_results(&mut put);
        let refs: [&[u8]; SECTIONS] = std::array::from_fn(|i| sections[i].as_slice());
        let bytes = IndexFile::assemble(&refs, "");
        // What was just laid out always reads back; an empty index is the fallback that
        // cannot be reached.
        GraphIndex::from_bytes(Bytes::Owned(bytes)).unwrap_or_else(|_| empty())
    }
}

impl IndexParts {
    fn put_co_mentions(&self, put: &mut impl FnMut(Sec, Vec<u8>)) {
        let entities = self.entity_ids.len();
        let co = &self.co_mentions;
        if co.starts.len() == entities + 1 && co.distinct.len() == entities {
            put(Sec::CoStarts, file::le_u32s(co.starts.iter().copied()));
            put(Sec::CoEntities, file::le_u32s(co.entities.iter().copied()));
            put(Sec::CoCounts, file::le_u32s(co.counts.iter().copied()));
            put(Sec::CoDistinct, file::le_u32s(co.distinct.iter().copied()));
        } else {
            // Not computed yet: every list empty.
            put(Sec::CoStarts, file::le_u32s(vec![0; entities + 1]));
            put(Sec::CoDistinct, file::le_u32s(vec![0; entities]));
        }
    }

    fn put_results(&self, put: &mut impl FnMut(Sec, Vec<u8>)) {
        let mut starts = vec![0u32; self.entity_ids.len() + 1];
        for (dataset, _) in &self.results {
            if let Some(n) = starts.get_mut(*dataset as usize + 1) {
                *n += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let r = &self.results;
        put(Sec::ResultStarts, file::le_u32s(starts));
        put(
            Sec::ResultMetrics,
            file::le_u32s(r.iter().map(|(_, r)| r.metric.0)),
        );
        put(
            Sec::ResultModels,
            file::le_u32s(r.iter().map(|(_, r)| r.model.map_or(0, |m| m.0 + 1))),
        );
        put(
            Sec::ResultPapers,
            file::le_u32s(r.iter().map(|(_, r)| r.paper.0)),
        );
        put(
            Sec::ResultNumbers,
            file::le_u32s(r.iter().map(|(_, r)| r.number)),
        );
        put(
            Sec::ResultValues,
            file::le_u64s(r.iter().map(|(_, r)| r.value.to_bits())),
        );
    }
}

/// An index of nothing.
pub(super) fn empty() -> GraphIndex {
    let mut sections: Vec<Vec<u8>> = vec![Vec::new(); SECTIONS];
    for sec in [
        Sec::AliasStarts,
        Sec::LinkStarts,
        Sec::MentionStarts,
        Sec::CoStarts,
        Sec::ResultStarts,
    ] {
        sections[sec as usize] = file::le_u32s([0]);
    }
    let refs: [&[u8]; SECTIONS] = std::array::from_fn(|i| sections[i].as_slice());
    let bytes = IndexFile::assemble(&refs, "");
    match GraphIndex::from_bytes(Bytes::Owned(bytes)) {
        Ok(index) => index,
        Err(e) => unreachable!("an empty index reads back: {e}"),
    }
}

fn type_code(t: EntityType) -> u8 {
    EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0) as u8
}

const KINDS: [UrlKind; 4] = [
    UrlKind::Code,
    UrlKind::Model,
    UrlKind::Dataset,
    UrlKind::Page,
];

fn kind_code(kind: Option<UrlKind>) -> u8 {
    kind.and_then(|k| KINDS.iter().position(|&x| x == k))
        .map_or(0, |i| i as u8 + 1)
}

/// The URL kind a code stands for (none for 0 or an unknown code).
pub(super) fn kind_of(code: u8) -> Option<UrlKind> {
    code.checked_sub(1)
        .and_then(|i| KINDS.get(i as usize))
        .copied()
}

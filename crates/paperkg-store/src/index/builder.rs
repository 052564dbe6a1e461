//! Making a [`GraphIndex`] from quads: those a build or an add writes, watched as they go in,
//! or those an older store already holds, read back once. Only the quads the graph commands
//! need are looked at; the rest pass by.

use super::parts::IndexParts;
use super::{Derivation, EntitySlot, GraphIndex, Link, PaperSlot, ReportedResult};
use crate::rdf::mapping::annotation_node;
use crate::rdf::vocab::{dcterms, fair4ml, mls, pkg, prov, rdf, schema, skos};
use oxigraph::model::{BlankNode, NamedNode, NamedOrBlankNode, Quad, Term};
use paperkg_core::dictionary::EntityType;
use paperkg_core::extract::UrlKind;
use paperkg_core::graph::analytics::month_of;
use std::collections::{HashMap, HashSet};

/// A paper as its quads arrive.
#[derive(Default)]
struct PaperDraft {
    article: bool,
    /// The paper's IRI segment (`arxiv/2304.02643`), from its IRI.
    key: Option<String>,
    title: Option<String>,
    date: Option<String>,
}

/// An entity as its quads arrive, keyed by its id.
#[derive(Default)]
struct EntityDraft {
    id: String,
    entity_type: Option<EntityType>,
    name: Option<String>,
    aliases: Vec<String>,
    url_kind: Option<UrlKind>,
}

/// A result as its quads arrive, keyed by its IRI; slots are draft slots.
#[derive(Default)]
struct ResultDraft {
    dataset: Option<u32>,
    metric: Option<u32>,
    model: Option<u32>,
    paper: Option<u32>,
    /// `N` of the IRI `PAPER/result/N`.
    number: Option<u32>,
    value: Option<f64>,
    /// Its unit marks a gain in points, not a score: it is on no leaderboard.
    difference: bool,
}

/// A link whose mention count waits for its annotation, found in the same chunk of quads.
struct PendingCount {
    link: usize,
    annotation: BlankNode,
}

/// Collects papers, entities and links from quads, then [`finish`](IndexBuilder::finish)es
/// them into a [`GraphIndex`] ordered by id, so that the same store content always gives the
/// same index, whatever order the quads came in.
///
/// Quads come in chunks ([`chunk`](IndexBuilder::chunk)): a paper's annotations and code
/// repositories must arrive in the same chunk as the paper's links, as they do from the
/// quad writer, which writes every batch of papers whole.
#[derive(Default)]
pub struct IndexBuilder {
    papers: Vec<PaperDraft>,
    paper_slots: HashMap<String, u32>,
    entities: Vec<EntityDraft>,
    entity_slots: HashMap<String, u32>,
    /// `(paper, entity)` draft slots with the link's count and introduction.
    links: Vec<(u32, u32, Link)>,
    link_keys: HashMap<(u32, u32), usize>,
    introductions: HashSet<(u32, u32)>,
    derivations: HashSet<(u32, u32, bool)>,
    code_urls: Vec<String>,
    code_slots: HashMap<String, u32>,
    paper_code: HashSet<(u32, u32)>,
    results: Vec<ResultDraft>,
    result_slots: HashMap<String, u32>,
    // What a chunk resolves at its end.
    pending_counts: Vec<PendingCount>,
    counts: HashMap<BlankNode, u16>,
    has_code: Vec<(u32, String)>,
    repositories: HashMap<String, String>,
}

impl IndexBuilder {
    /// An empty builder.
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// A builder that starts from everything `index` holds, for `add`.
    pub fn from_index(index: &GraphIndex) -> IndexBuilder {
        let mut builder = IndexBuilder::new();
        for paper in index.papers() {
            let slot = builder.papers.len() as u32;
            builder.papers.push(PaperDraft {
                article: true,
                key: Some(index.paper_key(paper).to_string()),
                title: Some(index.title(paper).to_string()),
                date: index.month(paper).map(|(y, m)| format!("{y:04}-{m:02}")),
            });
            // Quads never name a stored paper again (`add` skips papers already stored), so
            // its key only has to be distinct from every IRI.
            builder
                .paper_slots
                .insert(format!(" stored {}", index.paper_key(paper)), slot);
        }
        for entity in index.entities() {
            let slot = builder.entity(index.entity_id(entity));
            let draft = &mut builder.entities[slot as usize];
            draft.entity_type = Some(index.entity_type(entity));
            draft.name = Some(index.name(entity).to_string());
            draft.aliases = index.aliases(entity).map(str::to_string).collect();
            draft.url_kind = index.url_kind(entity);
        }
        for paper in index.papers() {
            for link in index.links_of(paper) {
                builder.links.push((paper.0, link.entity.0, link));
                builder
                    .link_keys
                    .insert((paper.0, link.entity.0), builder.links.len() - 1);
            }
            for url in index.code_of(paper) {
                let code = builder.code(url);
                builder.paper_code.insert((paper.0, code));
            }
        }
        for d in index.derivations() {
            builder
                .derivations
                .insert((d.child.0, d.parent.0, d.fine_tuned));
        }
        // Draft slots are the index's slots: papers and entities were taken in index order.
        for dataset in index.entities() {
            for r in index.results_on(dataset) {
                builder.results.push(ResultDraft {
                    dataset: Some(dataset.0),
                    metric: Some(r.metric.0),
                    model: r.model.map(|m| m.0),
                    paper: Some(r.paper.0),
                    number: Some(r.number),
                    value: Some(r.value),
                    difference: false,
                });
            }
        }
        builder
    }

    /// Watches one chunk of quads, as handed to the store.
    pub fn chunk(&mut self, quads: &[Quad]) {
        for quad in quads {
            self.quad(quad);
        }
        self.end_chunk();
    }

    /// Watches one quad. Call [`end_chunk`](IndexBuilder::end_chunk) after the last quad of
    /// a chunk.
    pub fn quad(&mut self, quad: &Quad) {
        let predicate = quad.predicate.as_ref();
        let subject = match &quad.subject {
            NamedOrBlankNode::NamedNode(n) => n,
            NamedOrBlankNode::BlankNode(b) => {
                if predicate == pkg::MENTION_COUNT {
                    let count = literal(&quad.object).parse::<u64>().unwrap_or(1).max(1);
                    self.counts
                        .insert(b.clone(), u16::try_from(count).unwrap_or(u16::MAX));
                }
                return;
            }
        };
        if predicate == rdf::TYPE {
            if matches!(&quad.object, Term::NamedNode(n) if n.as_ref() == schema::SCHOLARLY_ARTICLE)
            {
                self.paper(subject.as_str()).article = true;
            }
        } else if predicate == dcterms::TITLE {
            set_once(
                &mut self.paper(subject.as_str()).title,
                literal(&quad.object),
            );
        } else if predicate == dcterms::DATE {
            set_once(
                &mut self.paper(subject.as_str()).date,
                literal(&quad.object),
            );
        } else if predicate == schema::MENTIONS || predicate == pkg::HAS_LINK {
            self.mention(subject, &quad.object);
        } else if predicate == pkg::INTRODUCES {
            self.introduction(subject, &quad.object);
        } else if predicate == pkg::HAS_CODE {
            if let Term::NamedNode(code) = &quad.object {
                let paper = self.paper_slot(subject.as_str());
                self.has_code.push((paper, code.as_str().to_string()));
            }
        } else if predicate == schema::CODE_REPOSITORY {
            self.repositories
                .insert(subject.as_str().to_string(), literal(&quad.object));
        } else if predicate == prov::WAS_DERIVED_FROM || predicate == fair4ml::FINE_TUNED_FROM {
            self.derivation(subject, &quad.object, predicate == fair4ml::FINE_TUNED_FROM);
        } else if RESULT_PREDICATES.contains(&predicate) {
            self.result_quad(subject, predicate, &quad.object);
        } else {
            self.entity_quad(subject, predicate, &quad.object);
        }
    }

    /// Watches a `pkg:spans` quad of a store made before `pkg:mentionCount` was stored: the
    /// mention count is the number of spans.
    pub fn spans_quad(&mut self, quad: &Quad) {
        let NamedOrBlankNode::BlankNode(b) = &quad.subject else {
            return;
        };
        if quad.predicate.as_ref() != pkg::SPANS {
            return;
        }
        let count = literal(&quad.object).split_whitespace().count().max(1);
        self.counts
            .entry(b.clone())
            .or_insert(u16::try_from(count).unwrap_or(u16::MAX));
    }

    /// Resolves what waited for the end of a chunk: mention counts from annotations, code
    /// repositories from their URLs.
    pub fn end_chunk(&mut self) {
        for pending in std::mem::take(&mut self.pending_counts) {
            if let (Some(count), Some((_, _, link))) = (
                self.counts.get(&pending.annotation),
                self.links.get_mut(pending.link),
            ) {
                link.count = *count;
            }
        }
        self.counts.clear();
        for (paper, code) in std::mem::take(&mut self.has_code) {
            if let Some(url) = self.repositories.get(&code).cloned() {
                let code = self.code(&url);
                self.paper_code.insert((paper, code));
            }
        }
        self.repositories.clear();
    }

    fn entity_quad(
        &mut self,
        subject: &NamedNode,
        predicate: oxigraph::model::NamedNodeRef<'_>,
        object: &Term,
    ) {
        let Some(id) = crate::rdf::entity_id(subject.as_str()) else {
            return;
        };
        let is_entity_predicate = predicate == pkg::ENTITY_TYPE
            || predicate == skos::PREF_LABEL
            || predicate == skos::ALT_LABEL
            || predicate == pkg::LINK_KIND;
        if !is_entity_predicate {
            return;
        }
        let slot = self.entity(id) as usize;
        let draft = &mut self.entities[slot];
        let value = literal(object);
        if predicate == pkg::ENTITY_TYPE {
            if draft.entity_type.is_none() {
                draft.entity_type = value.parse().ok();
            }
        } else if predicate == skos::PREF_LABEL {
            match &draft.name {
                None => draft.name = Some(value),
                // A second label (an add that named the entity differently) is an alias.
                Some(name) if *name != value => push_alias(&mut draft.aliases, value),
                Some(_) => {}
            }
        } else if predicate == skos::ALT_LABEL {
            push_alias(&mut draft.aliases, value);
        } else if draft.url_kind.is_none() {
            draft.url_kind = Some(match value.as_str() {
                "code" => UrlKind::Code,
                "model" => UrlKind::Model,
                "dataset" => UrlKind::Dataset,
                _ => UrlKind::Page,
            });
        }
    }

    /// Watches a quad about a result: its dataset, metric, model, paper, value or unit.
    fn result_quad(
        &mut self,
        result: &NamedNode,
        predicate: oxigraph::model::NamedNodeRef<'_>,
        object: &Term,
    ) {
        let entity = |builder: &mut IndexBuilder| match object {
            Term::NamedNode(n) => crate::rdf::entity_id(n.as_str()).map(|id| builder.entity(id)),
            _ => None,
        };
        let slot = match self.result_slots.get(result.as_str()) {
            Some(&slot) => slot,
            None => {
                let slot = self.results.len() as u32;
                self.results.push(ResultDraft::default());
                self.result_slots.insert(result.as_str().to_string(), slot);
                slot
            }
        };
        if predicate == pkg::DATASET {
            let e = entity(self);
            self.results[slot as usize].dataset = e;
        } else if predicate == mls::SPECIFIED_BY {
            let e = entity(self);
            self.results[slot as usize].metric = e;
        } else if predicate == pkg::MODEL {
            let e = entity(self);
            self.results[slot as usize].model = e;
        } else if predicate == mls::HAS_VALUE {
            self.results[slot as usize].value = literal(object).parse::<f64>().ok();
        } else if predicate == pkg::UNIT {
            let unit = literal(object);
            self.results[slot as usize].difference =
                matches!(unit.as_str(), "pp" | "points" | "point");
        } else if let Term::NamedNode(paper) = object {
            let number = result
                .as_str()
                .strip_prefix(paper.as_str())
                .and_then(|rest| rest.strip_prefix("/result/"))
                .and_then(|n| n.parse::<u32>().ok());
            let paper = self.paper_slot(paper.as_str());
            let draft = &mut self.results[slot as usize];
            draft.paper = Some(paper);
            draft.number = number;
        }
    }

    fn mention(&mut self, paper: &NamedNode, object: &Term) {
        let Term::NamedNode(entity) = object else {
            return;
        };
        let Ok(id) = crate::rdf::iri::entity_id(entity.as_str()) else {
            return;
        };
        let annotation = annotation_node(paper, &id);
        let (p, e) = (
            self.paper_slot(paper.as_str()),
            self.entity(&id.to_string()),
        );
        let link = self.link(p, e);
        self.pending_counts.push(PendingCount { link, annotation });
    }

    fn introduction(&mut self, paper: &NamedNode, object: &Term) {
        let Term::NamedNode(entity) = object else {
            return;
        };
        let Some(id) = crate::rdf::entity_id(entity.as_str()) else {
            return;
        };
        let (p, e) = (self.paper_slot(paper.as_str()), self.entity(id));
        self.introductions.insert((p, e));
    }

    fn derivation(&mut self, child: &NamedNode, object: &Term, fine_tuned: bool) {
        let Term::NamedNode(parent) = object else {
            return;
        };
        let (Some(a), Some(b)) = (
            crate::rdf::entity_id(child.as_str()),
            crate::rdf::entity_id(parent.as_str()),
        ) else {
            return;
        };
        let (a, b) = (self.entity(a), self.entity(b));
        self.derivations.insert((a, b, fine_tuned));
    }

    fn paper(&mut self, iri: &str) -> &mut PaperDraft {
        let slot = self.paper_slot(iri);
        &mut self.papers[slot as usize]
    }

    fn paper_slot(&mut self, iri: &str) -> u32 {
        if let Some(&slot) = self.paper_slots.get(iri) {
            return slot;
        }
        let slot = self.papers.len() as u32;
        self.papers.push(PaperDraft {
            key: crate::rdf::iri::paper_id(iri)
                .ok()
                .map(|id| id.iri_segment()),
            ..PaperDraft::default()
        });
        self.paper_slots.insert(iri.to_string(), slot);
        slot
    }

    fn entity(&mut self, id: &str) -> u32 {
        if let Some(&slot) = self.entity_slots.get(id) {
            return slot;
        }
        let slot = self.entities.len() as u32;
        self.entities.push(EntityDraft {
            id: id.to_string(),
            ..EntityDraft::default()
        });
        self.entity_slots.insert(id.to_string(), slot);
        slot
    }

    fn code(&mut self, url: &str) -> u32 {
        if let Some(&slot) = self.code_slots.get(url) {
            return slot;
        }
        let slot = self.code_urls.len() as u32;
        self.code_urls.push(url.to_string());
        self.code_slots.insert(url.to_string(), slot);
        slot
    }

    /// The link between two draft slots, made with count 1 if new.
    fn link(&mut self, paper: u32, entity: u32) -> usize {
        if let Some(&at) = self.link_keys.get(&(paper, entity)) {
            return at;
        }
        self.links.push((
            paper,
            entity,
            Link {
                entity: EntitySlot(entity),
                count: 1,
                introduces: false,
            },
        ));
        self.link_keys.insert((paper, entity), self.links.len() - 1);
        self.links.len() - 1
    }

    /// The finished index: papers with a type, an id and a title; entities with a type and a
    /// name; links, lineage and code among those. Papers, entities and code are ordered by
    /// id, links by paper then entity.
    pub fn finish(mut self) -> GraphIndex {
        // An introduction marks the paper's mention of the entity; alone it draws no link.
        for (p, e) in std::mem::take(&mut self.introductions) {
            if let Some(&at) = self.link_keys.get(&(p, e)) {
                self.links[at].2.introduces = true;
            }
        }
        let (paper_order, paper_map) = order(&self.papers, |d| {
            (d.article && d.title.is_some())
                .then_some(d.key.as_deref())
                .flatten()
        });
        let (entity_order, entity_map) = order(&self.entities, |d| {
            (d.entity_type.is_some() && d.name.is_some()).then_some(d.id.as_str())
        });
        let mut index = IndexParts::default();
        self.fill_papers(&mut index, &paper_order);
        self.fill_entities(&mut index, &entity_order);
        fill_links(&mut index, &self.links, &paper_map, &entity_map);
        index.derivations = self
            .derivations
            .iter()
            .filter_map(|&(a, b, fine_tuned)| {
                Some(Derivation {
                    child: EntitySlot(entity_map[a as usize]?),
                    parent: EntitySlot(entity_map[b as usize]?),
                    fine_tuned,
                })
            })
            .collect();
        merge_fine_tuned(&mut index.derivations);
        self.fill_code(&mut index, &paper_map);
        index.results = self.laid_out_results(&paper_map, &entity_map);
        // PageRank and the co-mentions are computed over the laid-out index, then stored
        // with it.
        let unranked = index.encode();
        index.pagerank = super::analytics::page_rank(&unranked, 0.85)
            .get(unranked.paper_count()..)
            .unwrap_or(&[])
            .to_vec();
        index.co_mentions = super::analytics::co_mention_lists(&unranked, super::CO_MENTIONS);
        drop(unranked);
        index.encode()
    }

    /// The results on a kept dataset with a kept metric and paper, a number and a finite
    /// value that is not a gain in points, by dataset slot, ordered by dataset, metric,
    /// paper, number.
    fn laid_out_results(
        &self,
        paper_map: &[Option<u32>],
        entity_map: &[Option<u32>],
    ) -> Vec<(u32, ReportedResult)> {
        let entity = |slot: Option<u32>| entity_map.get(slot? as usize).copied().flatten();
        let mut results: Vec<(u32, ReportedResult)> = self
            .results
            .iter()
            .filter(|r| !r.difference)
            .filter_map(|r| {
                let value = r.value.filter(|v| v.is_finite())?;
                let paper = paper_map.get(r.paper? as usize).copied().flatten()?;
                let result = ReportedResult {
                    metric: EntitySlot(entity(r.metric)?),
                    model: entity(r.model).map(EntitySlot),
                    paper: PaperSlot(paper),
                    number: r.number?,
                    value,
                };
                Some((entity(r.dataset)?, result))
            })
            .collect();
        results.sort_by_key(|(d, r)| (*d, r.metric, r.paper, r.number));
        results
    }

    fn fill_papers(&self, index: &mut IndexParts, order: &[u32]) {
        for &slot in order {
            let draft = &self.papers[slot as usize];
            index.paper_keys.push(draft.key.as_deref().unwrap_or(""));
            index.titles.push(draft.title.as_deref().unwrap_or(""));
            let month = draft.date.as_deref().and_then(month_of);
            index
                .months
                .push(month.map_or(0, |(y, m)| u32::from(y) * 12 + u32::from(m) - 1 + 1));
        }
    }

    fn fill_entities(&self, index: &mut IndexParts, order: &[u32]) {
        index.alias_starts.push(0);
        for &slot in order {
            let draft = &self.entities[slot as usize];
            let name = draft.name.as_deref().unwrap_or("");
            index.entity_ids.push(&draft.id);
            index.names.push(name);
            index
                .types
                .push(draft.entity_type.unwrap_or(EntityType::Url));
            index.url_kinds.push(draft.url_kind);
            // Sorted, so that the order the store returns them in does not matter.
            let mut aliases: Vec<&String> = draft.aliases.iter().filter(|a| *a != name).collect();
            aliases.sort();
            for alias in aliases {
                index.aliases.push(alias);
            }
            index.alias_starts.push(index.aliases.len() as u32);
        }
    }

    fn fill_code(&self, index: &mut IndexParts, paper_map: &[Option<u32>]) {
        let mut urls: Vec<(&str, u32)> = self
            .code_urls
            .iter()
            .enumerate()
            .map(|(i, u)| (u.as_str(), i as u32))
            .collect();
        urls.sort();
        let mut code_map = vec![0u32; urls.len()];
        for (new, (url, old)) in urls.iter().enumerate() {
            index.code_urls.push(url);
            code_map[*old as usize] = new as u32;
        }
        index.paper_code = self
            .paper_code
            .iter()
            .filter_map(|&(p, c)| Some((PaperSlot(paper_map[p as usize]?), code_map[c as usize])))
            .collect();
        index.paper_code.sort();
    }
}

/// The slots of the drafts that have a key, in key order, and each draft slot's new position.
fn order<T>(drafts: &[T], key: impl Fn(&T) -> Option<&str>) -> (Vec<u32>, Vec<Option<u32>>) {
    let mut keyed: Vec<(&str, u32)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((key(d)?, i as u32)))
        .collect();
    keyed.sort();
    keyed.dedup_by(|a, b| a.0 == b.0);
    let mut map = vec![None; drafts.len()];
    for (new, (_, old)) in keyed.iter().enumerate() {
        map[*old as usize] = Some(new as u32);
    }
    (keyed.into_iter().map(|(_, old)| old).collect(), map)
}

/// Lays the links out as runs per paper, ordered by entity, keeping only links between kept
/// papers and entities.
fn fill_links(
    index: &mut IndexParts,
    links: &[(u32, u32, Link)],
    paper_map: &[Option<u32>],
    entity_map: &[Option<u32>],
) {
    let mut kept: Vec<(u32, Link)> = links
        .iter()
        .filter_map(|&(p, e, link)| {
            let entity = EntitySlot(entity_map[e as usize]?);
            Some((paper_map[p as usize]?, Link { entity, ..link }))
        })
        .collect();
    kept.sort_by_key(|(p, link)| (*p, link.entity));
    let mut starts = vec![0u32; index.paper_keys.len() + 1];
    for (p, _) in &kept {
        starts[*p as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    index.link_starts = starts;
    index.links = kept.into_iter().map(|(_, link)| link).collect();
}

/// One derivation per pair, fine-tuned if any said so.
fn merge_fine_tuned(derivations: &mut Vec<Derivation>) {
    derivations.sort();
    let mut merged: Vec<Derivation> = Vec::with_capacity(derivations.len());
    for d in derivations.drain(..) {
        match merged.last_mut() {
            Some(last) if last.child == d.child && last.parent == d.parent => {
                last.fine_tuned |= d.fine_tuned;
            }
            _ => merged.push(d),
        }
    }
    *derivations = merged;
}

/// The predicates of a result's quads that the index keeps.
const RESULT_PREDICATES: [oxigraph::model::NamedNodeRef<'static>; 6] = [
    pkg::DATASET,
    mls::SPECIFIED_BY,
    pkg::MODEL,
    mls::HAS_VALUE,
    pkg::UNIT,
    pkg::REPORTED_IN,
];

fn literal(term: &Term) -> String {
    crate::rdf::term_string(term)
}

fn set_once(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn push_alias(aliases: &mut Vec<String>, alias: String) {
    if !aliases.contains(&alias) {
        aliases.push(alias);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_tuned_wins_over_plain_derivation() {
        let mut d = vec![
            Derivation {
                child: EntitySlot(1),
                parent: EntitySlot(0),
                fine_tuned: false,
            },
            Derivation {
                child: EntitySlot(1),
                parent: EntitySlot(0),
                fine_tuned: true,
            },
        ];
        merge_fine_tuned(&mut d);
        assert_eq!(d.len(), 1);
        assert!(d[0].fine_tuned);
    }
}

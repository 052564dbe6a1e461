//! Merging candidates into entities: one entity per distinct thing per paper, ambiguous aliases
//! resolved, spans turned into character offsets, first-found rule and confidence kept.

use super::candidates::{Candidate, Found, Target};
use super::{Entity, Extractor, Field, FoundBy, Mention};
use crate::corpus::Paper;
use crate::dictionary::{EntityType, EntryId};
use crate::text::{name_key, slug, CharOffsets};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Entry(EntryId),
    Named(EntityType, String),
}

/// Merges one paper's candidates into entities in order of first mention.
pub(crate) fn entities(extractor: &Extractor, paper: &Paper, found: Found) -> Vec<Entity> {
    let mut candidates = found.candidates;
    candidates.sort_by_key(|c| (c.field, c.start, std::cmp::Reverse(c.end)));
    drop_overlaps(&mut candidates);
    let preferred = unambiguous_entries(&candidates);
    let title = CharOffsets::new(&paper.title);
    let abstract_offsets = CharOffsets::new(&paper.abstract_text);
    let mut order: Vec<Key> = Vec::new();
    let mut by_key: HashMap<Key, Entity> = HashMap::new();
    for candidate in candidates {
        let text = match candidate.field {
            Field::Title => &paper.title,
            Field::Abstract => &paper.abstract_text,
        };
        let offsets = match candidate.field {
            Field::Title => &title,
            Field::Abstract => &abstract_offsets,
        };
        let Some(quote) = text.get(candidate.start..candidate.end) else {
            continue;
        };
        let mention = Mention {
            text: quote.to_string(),
            start: offsets.char_offset(candidate.start),
            end: offsets.char_offset(candidate.end),
            field: candidate.field,
        };
        let (key, fresh) = keyed(extractor, &candidate, &preferred);
        let entity = by_key.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            fresh
        });
        entity.introduced |= candidate.introduced;
        // Spans no longer overlap, so every mention is new: no search through the others.
        entity.mentions.push(mention);
    }
    let mut out: Vec<Entity> = order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect();
    for entity in &mut out {
        entity.mentions.sort_by_key(|m| (m.field, m.start));
    }
    out
}

/// Overlapping candidates: the earlier (and, at the same start, the longer) one wins, so a
/// URL beats the names inside it and "Segment Anything Model" beats "Segment Anything".
///
/// The candidates come sorted by field and start, so a candidate clashes with a kept one
/// exactly when it starts before the furthest end kept so far in its field: one pass, however
/// many mentions a paper has. Empty candidates quote nothing and are dropped.
fn drop_overlaps(candidates: &mut Vec<Candidate>) {
    let mut furthest: Option<(Field, usize)> = None;
    candidates.retain(|c| {
        if c.start >= c.end {
            return false;
        }
        let clash = furthest.is_some_and(|(field, end)| field == c.field && c.start < end);
        if !clash {
            let end = match furthest {
                Some((field, end)) if field == c.field => end.max(c.end),
                _ => c.end,
            };
            furthest = Some((c.field, end));
        }
        !clash
    });
}

/// Entries this paper names without ambiguity; an ambiguous alias resolves to one of them
/// ("Sharpness-Aware Minimization" elsewhere in the paper makes "SAM" the method).
fn unambiguous_entries(candidates: &[Candidate]) -> Vec<EntryId> {
    candidates
        .iter()
        .filter_map(|c| match &c.target {
            Target::Entries(ids) if ids.len() == 1 => Some(ids[0]),
            _ => None,
        })
        .collect()
}

fn keyed(extractor: &Extractor, candidate: &Candidate, preferred: &[EntryId]) -> (Key, Entity) {
    let dictionary = extractor.dictionary();
    let base = |entity_type: EntityType, name: &str| Entity {
        entity_type,
        name: name.to_string(),
        id: format!("{entity_type}/{}", slug(name)),
        introduced: false,
        kind: None,
        mentions: Vec::new(),
        aliases: Vec::new(),
        external_ids: Vec::new(),
        derived_from: Vec::new(),
        fine_tuned_from: Vec::new(),
        found_by: candidate.found_by,
        confidence: candidate.confidence,
        evidence: candidate.evidence.clone(),
    };
    let from_entry = |id: EntryId| {
        let entry = dictionary.entry(id);
        let mut entity = base(entry.entity_type, &entry.canonical);
        entity.aliases = entry.aliases.iter().map(|a| a.text.clone()).collect();
        entity.aliases.dedup();
        entity.external_ids = entry.external_ids.clone();
        entity.derived_from = entry.parent.iter().cloned().collect();
        (Key::Entry(id), entity)
    };
    match &candidate.target {
        Target::Entries(ids) => {
            let id = pick(ids, preferred);
            from_entry(id)
        }
        Target::Variant { family, label } => {
            let mut entity = base(EntityType::Model, label);
            entity.derived_from = vec![dictionary.entry(*family).canonical.clone()];
            (Key::Named(EntityType::Model, name_key(label)), entity)
        }
        Target::Named {
            entity_type,
            name,
            derived_from,
        } => {
            let known = dictionary
                .by_alias(name)
                .iter()
                .copied()
                .find(|&id| dictionary.entry(id).entity_type == *entity_type)
                .or_else(|| {
                    dictionary
                        .by_alias(name)
                        .first()
                        .copied()
                        .filter(|_| candidate.found_by != FoundBy::Acronym)
                });
            if let Some(id) = known {
                let (key, mut entity) = from_entry(id);
                entity.found_by = candidate.found_by;
                return (key, entity);
            }
            let mut entity = base(*entity_type, name);
            entity.derived_from = derived_from.iter().cloned().collect();
            (Key::Named(*entity_type, name_key(name)), entity)
        }
        Target::Url { url, kind } => {
            let mut entity = base(EntityType::Url, url);
            entity.id = format!("url/{:016x}", crate::text::fnv1a(url.as_bytes()));
            entity.kind = Some(*kind);
            (Key::Named(EntityType::Url, url.clone()), entity)
        }
    }
}

/// The reading of a (possibly ambiguous) alias: one the paper names unambiguously elsewhere,
/// else the declared default, which candidates list first.
fn pick(ids: &[EntryId], preferred: &[EntryId]) -> EntryId {
    ids.iter()
        .copied()
        .find(|id| preferred.contains(id))
        .unwrap_or(ids[0])
}

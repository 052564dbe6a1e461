//! Merging candidates into entities: one entity per distinct thing per paper, ambiguous aliases
//! resolved, spans turned into character offsets, first-found rule and confidence kept.

use super::candidates::{Candidate, Found, Target};
use super::{Entity, Extractor, Field, FoundBy, Mention};
use crate::corpus::Paper;
use crate::dictionary::{Dictionary, EntityType, EntryId};
use crate::ids::EntityId;
use crate::text::{name_key, CharOffsets};
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
        id: EntityId::for_name(entity_type, name),
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
            let readings = dictionary.by_alias(name);
            let known = readings
                .iter()
                .copied()
                .find(|&id| {
                    dictionary.entry(id).entity_type == *entity_type
                        && (!is_short_capitals(name) || written_as_alias(dictionary, id, name))
                })
                .or_else(|| {
                    readings.iter().copied().find(|&id| {
                        candidate.found_by != FoundBy::Acronym
                            && !own_name_over_bulk(dictionary, candidate, id)
                            && written_as_alias(dictionary, id, name)
                    })
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
            entity.id = EntityId::for_url_hash(crate::text::fnv1a(url.as_bytes()));
            entity.kind = Some(*kind);
            (Key::Named(EntityType::Url, url.clone()), entity)
        }
    }
}

/// Whether a paper's own title name is kept apart from a bulk-source entry of another type
/// that has its spelling (see `typing::own_title_name_over_bulk`): a curated entry still
/// takes it.
fn own_name_over_bulk(dictionary: &Dictionary, candidate: &Candidate, id: EntryId) -> bool {
    candidate.found_by == FoundBy::TitleName
        && dictionary.entry(id).source.as_str() != crate::dictionary::Source::CURATED
}

/// Whether `name` is one of the entry's aliases as the dictionary matches it in text: exactly
/// for a case-sensitive alias ("RoPE" is not "ROPE"), in any case for a lower-case one.
pub(crate) fn written_as_alias(dictionary: &Dictionary, id: EntryId, name: &str) -> bool {
    dictionary.entry(id).aliases.iter().any(|a| {
        if a.case_sensitive {
            a.text == name
        } else {
            a.text.to_lowercase() == name.to_lowercase()
        }
    })
}

/// A short name in capitals ("ROPE", "DAD"): an acronym, which another spelling of the same
/// letters does not name.
fn is_short_capitals(name: &str) -> bool {
    name.chars().count() <= 6
        && name.chars().any(char::is_uppercase)
        && name
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '-')
}

/// The reading of a (possibly ambiguous) alias: one the paper names unambiguously elsewhere,
/// else the declared default, which candidates list first.
fn pick(ids: &[EntryId], preferred: &[EntryId]) -> EntryId {
    ids.iter()
        .copied()
        .find(|id| preferred.contains(id))
        .unwrap_or(ids[0])
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// Invented entries: the method "ZoPE" (case-sensitive) and the dataset "blorp set" (any
    /// case).
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let dictionary = crate::dictionary::Dictionary::from_files([
            (
                "method.txt".to_string(),
                "ZoPE | Zonal Position Embedding\n".to_string(),
            ),
            ("dataset.txt".to_string(), "Quixbench\n".to_string()),
        ])
        .unwrap_or_else(|e| panic!("test dictionary: {e}"));
        Extractor::builder()
            .dictionary(dictionary)
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"))
    });

    /// A discovered name takes a dictionary entry only as the dictionary would match it: a
    /// short name in capitals is not another entry's mixed-case alias, whatever its type.
    #[test]
    fn a_discovered_name_is_not_a_case_folded_entry_of_another_type() {
        let cases: &[(&str, &str, EntityType)] = &[
            (
                "We evaluate on four benchmarks Quixbench, ZOPE, Blorp-7 and FLANGE.",
                "ZOPE",
                EntityType::Dataset,
            ),
            (
                "We evaluate on four benchmarks Quixbench, ZoPE, Blorp-7 and FLANGE.",
                "ZoPE",
                EntityType::Method,
            ),
        ];
        for &(text, name, want) in cases {
            let paper = crate::extract::testing::paper(text);
            let entities = EXTRACTOR.extract(&paper).entities;
            let found: Vec<_> = entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.text == name))
                .map(|e| (e.name.as_str(), e.entity_type))
                .collect();
            assert_eq!(found, [(name, want)], "{text:?}: {entities:#?}");
        }
    }
}

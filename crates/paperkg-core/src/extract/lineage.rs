//! Lineage stated in the text: "X, a model based on Y", "X is fine-tuned from Y", "X extends
//! Y", "X, a subset of Y". The subject is the nearest entity of the same type before the
//! phrase in the same sentence; the object is the entity right after the phrase, with at most
//! a few filler words ("the pre-trained") in between.
//!
//! Variants ("Llama-3-8B") and composites ("SAM-Adapter") get their parent elsewhere, from
//! their shape; this rule adds what only the wording says.

use super::{Entity, Field, Mention};
use crate::corpus::Paper;
use crate::dictionary::EntityType;
use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex: {e}"))
}

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(based on|built (?:up)?on(?: top of)?|fine[- ]?tuned (?:from|on)|variant of|extends|extending|initiali[sz]ed (?:from|with)|distilled from|subset of|built from|derived from)\b",
    )
});

/// What may stand between the phrase and its object: articles and a few adjectives, or
/// "the weights of".
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:(?:the|a|an|our|their|its|pre-?trained|original|lightweight|popular|open-source|frozen|powerful|existing|well-known|large|base|vanilla|standard|strong|public|publicly|available)\s+){0,3}(?:(?:weights|checkpoints?|parameters) of\s+(?:the\s+)?)?$",
    )
});

/// A sentence or clause end, or a word showing that the phrase describes something else than
/// the entity before it ("X and fine-tuning using a variant of Y", "X outperforms models
/// based on Y"): the subject must not be separated from the phrase by one.
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)[.!?;](?:\s|$)|\b(?:using|uses|use|with|via|by|through|and|or|on|for|from|of|in|to|than|while|whereas|but|outperform\w*|compar\w*|unlike)\b",
    )
});

/// The furthest (in bytes) a subject may end before its phrase.
const SUBJECT_WINDOW: usize = 120;

/// What a phrase says about the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Derived in some way: based on, extends, a variant of, a subset of.
    Derived,
    /// Fine-tuned from: also derived.
    FineTuned,
}

/// The kind of a matched phrase and the entity types it can link.
fn classify(phrase: &str) -> (Kind, &'static [EntityType]) {
    const MODELS: &[EntityType] = &[EntityType::Model];
    const DATASETS: &[EntityType] = &[EntityType::Dataset];
    const NAMED: &[EntityType] = &[EntityType::Model, EntityType::Dataset, EntityType::Method];
    let lower = phrase.to_lowercase();
    if lower.starts_with("fine") {
        (Kind::FineTuned, MODELS)
    } else if lower.starts_with("distilled") || lower.starts_with("initiali") {
        (Kind::Derived, MODELS)
    } else if lower.starts_with("subset") || lower == "built from" {
        (Kind::Derived, DATASETS)
    } else {
        (Kind::Derived, NAMED)
    }
}

/// One mention of one entity, in bytes of its field.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    entity: usize,
}

/// Adds the lineage the text states to `entities` (their `derived_from`, and
/// `fine_tuned_from` where the text says fine-tuned).
pub(crate) fn link(paper: &Paper, entities: &mut [Entity]) {
    for (field, text) in [
        (Field::Title, paper.title.as_str()),
        (Field::Abstract, paper.abstract_text.as_str()),
    ] {
        let spans = spans(field, text, entities);
        for m in PHRASE.find_iter(text) {
            let (kind, types) = classify(m.as_str());
            let Some(object) = object_after(text, m.end(), &spans) else {
                continue;
            };
            if !types.contains(&entities[object.entity].entity_type) {
                continue;
            }
            if let Some(subject) = subject_before(text, m.start(), &spans, entities, object.entity)
            {
                add_parent(entities, subject, object.entity, kind);
            }
        }
    }
}

/// Every mention in `field`, as byte spans sorted by start.
fn spans(field: Field, text: &str, entities: &[Entity]) -> Vec<Span> {
    let bytes = &ByteOffsets::new(text);
    let mut spans: Vec<Span> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.entity_type != EntityType::Url)
        .flat_map(|(i, e)| {
            e.mentions
                .iter()
                .filter(move |m| m.field == field)
                .filter_map(move |m: &Mention| {
                    Some(Span {
                        start: bytes.byte(m.start)?,
                        end: bytes.byte(m.end)?,
                        entity: i,
                    })
                })
        })
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    spans
}

/// The first mention after the phrase, if only filler words stand between.
fn object_after(text: &str, phrase_end: usize, spans: &[Span]) -> Option<Span> {
    let next = spans.iter().find(|s| s.start >= phrase_end)?;
    let gap = text.get(phrase_end..next.start)?;
    FILLER.is_match(gap).then_some(*next)
}

/// The entity of the nearest mention of the object's type before the phrase, in the same
/// sentence and within [`SUBJECT_WINDOW`] bytes, that is not the object itself.
fn subject_before(
    text: &str,
    phrase_start: usize,
    spans: &[Span],
    entities: &[Entity],
    object: usize,
) -> Option<usize> {
    let wanted = entities[object].entity_type;
    let candidate = spans
        .iter()
        .rev()
        .filter(|s| s.end <= phrase_start)
        .find(|s| entities[s.entity].entity_type == wanted)?;
    let gap = text.get(candidate.end..phrase_start)?;
    let near = gap.len() <= SUBJECT_WINDOW && !BOUNDARY.is_match(gap);
    (near && candidate.entity != object).then_some(candidate.entity)
}

/// Records `parent` as a parent of `child`, unless it would close a loop.
fn add_parent(entities: &mut [Entity], child: usize, parent: usize, kind: Kind) {
    let child_name = entities[child].name.clone();
    if entities[parent].derived_from.contains(&child_name) {
        return;
    }
    let parent_name = entities[parent].name.clone();
    let entity = &mut entities[child];
    if !entity.derived_from.contains(&parent_name) {
        entity.derived_from.push(parent_name.clone());
    }
    if kind == Kind::FineTuned && !entity.fine_tuned_from.contains(&parent_name) {
        entity.fine_tuned_from.push(parent_name);
    }
}

/// Character offsets back to byte offsets (mentions are reported in characters).
struct ByteOffsets {
    /// The byte offset of every character, plus the text's length; empty for ASCII text.
    table: Vec<usize>,
    len: usize,
}

impl ByteOffsets {
    fn new(text: &str) -> ByteOffsets {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect()
        };
        ByteOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_offset: usize) -> Option<usize> {
        if self.table.is_empty() {
            (char_offset <= self.len).then_some(char_offset)
        } else {
            self.table.get(char_offset).copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Paper, PaperId};
    use crate::extract::Entity;

    use crate::extract::testing::BUILTIN as EXTRACTOR;

    fn entities(text: &str) -> Vec<Entity> {
        let paper = Paper {
            id: PaperId::Local("t".into()),
            title: "A test".into(),
            abstract_text: text.into(),
            ..Paper::default()
        };
        EXTRACTOR.extract(&paper).entities
    }

    fn parents(entities: &[Entity], name: &str) -> (Vec<String>, Vec<String>) {
        entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| (e.derived_from.clone(), e.fine_tuned_from.clone()))
            .unwrap_or_else(|| panic!("no entity {name} in {entities:#?}"))
    }

    #[test]
    fn based_on_links_the_apposition_subject() {
        let found = entities(
            "We present Adversarial-MidiBERT, a symbolic music understanding model based on \
             Bidirectional Encoder Representations from Transformers (BERT).",
        );
        let (derived, tuned) = parents(&found, "Adversarial-MidiBERT");
        assert!(derived.contains(&"BERT".to_string()), "{derived:?}");
        assert!(tuned.is_empty());
    }

    #[test]
    fn fine_tuned_from_is_marked() {
        let found = entities("Our Meditron-7B is fine-tuned from Llama 2 on medical text.");
        let (derived, tuned) = parents(&found, "Meditron-7B");
        assert!(derived.contains(&"Llama 2".to_string()), "{derived:?}");
        assert_eq!(tuned, vec!["Llama 2".to_string()]);
    }

    #[test]
    fn fine_tuned_on_a_dataset_is_not_lineage() {
        let found = entities("We evaluate BERT fine-tuned on SQuAD.");
        let (derived, _) = parents(&found, "BERT");
        assert!(derived.is_empty(), "{derived:?}");
    }

    #[test]
    fn dataset_subset() {
        let found =
            entities("We release the ImageNet-Tiny dataset, a subset of the ImageNet corpus.");
        let (derived, _) = parents(&found, "ImageNet-Tiny");
        assert!(derived.contains(&"ImageNet".to_string()), "{derived:?}");
    }

    #[test]
    fn no_subject_across_a_sentence_end() {
        let found = entities("We use CLIP. Based on BERT, the results improve.");
        let (derived, _) = parents(&found, "CLIP");
        assert!(derived.is_empty(), "{derived:?}");
    }

    #[test]
    fn a_phrase_about_another_noun_is_not_lineage() {
        let found = entities(
            "It combines a self-critique mechanism and fine-tuning using an off-policy variant \
             of the Direct Preference Optimization (DPO) algorithm.",
        );
        assert!(found
            .iter()
            .all(|e| e.derived_from.iter().all(|d| d != "DPO")));
    }

    #[test]
    fn a_loop_is_not_added() {
        let found = entities("Unlike RoBERTa, BERT is based on RoBERTa.");
        let (derived, _) = parents(&found, "BERT");
        assert!(derived.is_empty(), "{derived:?}");
    }
}

//! The reading of an ambiguous dictionary alias that its context gives, before the paper-wide
//! default: the head noun right after it ("the SAM optimizer" is a method) or the things it
//! is coordinated with ("via SAM, weight decay and dropout": a list holds things of one type,
//! so SAM is sharpness-aware minimisation there, not the Segment Anything Model).

use super::candidates::{Candidate, Target};
use super::{heads, Field};
use crate::dictionary::{Dictionary, EntityType, EntryId, Words};

/// Resolves each ambiguous dictionary candidate of `field` whose context gives one of its
/// readings' types. The others keep every reading, for the paper-wide resolution.
pub(crate) fn resolve_by_context(
    dictionary: &Dictionary,
    field: Field,
    text: &str,
    candidates: &mut [Candidate],
) {
    for i in 0..candidates.len() {
        let c = &candidates[i];
        let Target::Entries(ids) = &c.target else {
            continue;
        };
        if c.field != field || ids.len() < 2 {
            continue;
        }
        let cue = head_after(dictionary, text, c.end)
            .or_else(|| coordinated_type(dictionary, text, candidates, i));
        let Some(cue) = cue else { continue };
        let readings: Vec<EntryId> = ids
            .iter()
            .copied()
            .filter(|&id| dictionary.entry(id).entity_type == cue)
            .collect();
        if let [id] = readings[..] {
            let c = &mut candidates[i];
            c.target = Target::Entries(vec![id]);
            c.evidence = format!("{}; read as a {cue} from its context", c.evidence);
        }
    }
}

/// The type the noun right after a name gives it ("SAM optimizer", "SAM encoder"), unless
/// that noun is vague.
fn head_after(dictionary: &Dictionary, text: &str, end: usize) -> Option<EntityType> {
    let rest = text.get(end..)?;
    let rest = rest.strip_prefix(' ')?;
    let word: &str = rest
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()?;
    let lexicon = dictionary.lexicon();
    if word.is_empty() || lexicon.has_lower(Words::VagueHeads, word) {
        return None;
    }
    heads::type_of_head(lexicon, word)
}

/// Separators of a coordinated list.
const COORDINATION: &[&str] = &[", ", " and ", ", and ", " or ", ", or ", " / ", "/"];

/// The type of the unambiguous things a candidate is listed with, when they agree: the
/// candidates right before and after it, joined to it by a list separator.
fn coordinated_type(
    dictionary: &Dictionary,
    text: &str,
    candidates: &[Candidate],
    index: usize,
) -> Option<EntityType> {
    let c = &candidates[index];
    let joined = |start: usize, end: usize| {
        text.get(start..end)
            .is_some_and(|between| COORDINATION.contains(&between))
    };
    let mut types = candidates
        .iter()
        .filter(|n| n.field == c.field)
        .filter(|n| joined(n.end, c.start) || joined(c.end, n.start))
        .filter_map(|n| certain_type(dictionary, n));
    let first = types.next()?;
    types.all(|t| t == first).then_some(first)
}

/// The type of a candidate that has one reading.
fn certain_type(dictionary: &Dictionary, c: &Candidate) -> Option<EntityType> {
    match &c.target {
        Target::Entries(ids) if ids.len() == 1 => Some(dictionary.entry(ids[0]).entity_type),
        Target::Named { entity_type, .. } => Some(*entity_type),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// Invented names only, so the built-in dictionary cannot mask a failure: "ZAP" is both a
    /// model and a method, with the model as the default reading.
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let files = [
            (
                "model.txt",
                "ZAP | Zonal Attention Perceiver\nQuorNet\nBlipFormer\n",
            ),
            (
                "method.txt",
                "Zero-Aware Pruning | ZAP\nweight decay\ndropout\ngradient clipping\n",
            ),
            ("ambiguous.txt", "ZAP = model:ZAP\n"),
        ];
        crate::extract::testing::invented(&files)
    });

    fn type_of_zap(text: &str) -> EntityType {
        let paper = crate::extract::testing::paper(text);
        let entities = EXTRACTOR.extract(&paper).entities;
        let zap: Vec<_> = entities
            .iter()
            .filter(|e| e.mentions.iter().any(|m| m.text == "ZAP"))
            .collect();
        match zap[..] {
            [one] => one.entity_type,
            _ => panic!("{text:?}: not one ZAP entity in {entities:#?}"),
        }
    }

    #[test]
    fn an_ambiguous_alias_takes_the_reading_its_context_gives() {
        use EntityType::{Method, Model};
        let cases: &[(&str, EntityType)] = &[
            ("We regularise via ZAP, weight decay and dropout.", Method),
            ("Training uses dropout, ZAP or gradient clipping.", Method),
            ("We tune the ZAP optimizer with care.", Method),
            ("We compare ZAP, QuorNet and BlipFormer on images.", Model),
            ("We fine-tune the ZAP encoder on images.", Model),
            ("We fine-tune ZAP on images.", Model),
            // A context that says nothing leaves the default reading.
            ("We apply ZAP, then evaluate.", Model),
        ];
        for &(text, expected) in cases {
            assert_eq!(type_of_zap(text), expected, "{text:?}");
        }
    }
}

//! Methods named by a verb: "a compact student distilled from the teacher" mentions knowledge
//! distillation though no noun names it. A verb form of `dictionaries/lexicon/method-verbs.txt`
//! names the dictionary method whose alias is the verb's noun ("distilled" → "distillation"),
//! when its sentence also holds a cue word of `method-verb-cues.txt` ("teacher", "student",
//! "knowledge", "into"); elsewhere the verb is an everyday one ("we distill simple
//! guidelines"). The mention is the verb itself.

use super::candidates::{Candidate, Target};
use super::discovery::method_verb_forms;
use super::{Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, Words};

/// Adds a method mention for every verb form of a method verb with a cue in its sentence,
/// where no other candidate covers the verb.
pub(crate) fn method_verbs(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut Vec<Candidate>,
) {
    let dictionary = extractor.dictionary();
    let lexicon = dictionary.lexicon();
    let mut found = Vec::new();
    for &(field, text) in fields {
        // Most fields hold no method verb: one scan for every verb form, in any ASCII case,
        // skips them before any sentence is split.
        if !any_verb_form(extractor, text) {
            continue;
        }
        for sentence in sentences(text) {
            let words = words(text, sentence);
            let cued = words
                .iter()
                .any(|&(s, e)| lexicon.has_lower(Words::MethodVerbCues, &text[s..e]));
            if !cued {
                continue;
            }
            for &(start, end) in &words {
                let verb = text[start..end].to_lowercase();
                let Some(noun) = noun_of(extractor, &verb) else {
                    continue;
                };
                let ids: Vec<_> = dictionary
                    .by_alias(&noun)
                    .iter()
                    .copied()
                    .filter(|&id| dictionary.entry(id).entity_type == EntityType::Method)
                    .collect();
                let covered = out
                    .iter()
                    .any(|c| c.field == field && c.start < end && start < c.end);
                // A part of a hyphenated word is not the verb: "self-distilling".
                let compound = text[..start].ends_with('-') || text[end..].starts_with('-');
                if ids.is_empty() || covered || compound {
                    continue;
                }
                found.push(Candidate {
                    field,
                    start,
                    end,
                    target: Target::Entries(ids),
                    found_by: FoundBy::MethodVerb,
                    confidence: FoundBy::MethodVerb.confidence(),
                    introduced: false,
                    evidence: format!("method-verb rule: {verb:?} names {noun:?}"),
                });
            }
        }
    }
    out.extend(found);
}

/// Whether the text holds a verb form of the lexicon's method verbs anywhere, in any ASCII
/// case (inside a longer word too: this is only a gate).
fn any_verb_form(extractor: &Extractor, text: &str) -> bool {
    match &extractor.patterns().method_verb_forms {
        Some(forms) => forms.is_match(text),
        None => {
            let lower = text.to_ascii_lowercase();
            method_verb_forms(extractor.dictionary().lexicon()).any(|form| lower.contains(form))
        }
    }
}

/// The noun a verb form names ("distilled" → "distillation"), from the lexicon's
/// "verb noun" lines.
fn noun_of(extractor: &Extractor, verb: &str) -> Option<String> {
    let lexicon = extractor.dictionary().lexicon();
    lexicon
        .words(Words::MethodVerbs)
        .filter_map(|line| line.split_once(' '))
        .find(|&(form, _)| form == verb)
        .map(|(_, noun)| noun.to_string())
}

/// The byte ranges of the sentences of a text: a sentence ends at ".", "!" or "?" before a
/// space or the end.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_mark = matches!(b, b'.' | b'!' | b'?');
        let at_break = bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if end_mark && at_break {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// The words (runs of letters) of one sentence, as byte ranges into the text.
fn words(text: &str, (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        match (c.is_alphabetic(), word) {
            (true, None) => word = Some(at),
            (false, Some(s)) => {
                out.push((s, at));
                word = None;
            }
            _ => {}
        }
    }
    if let Some(s) = word {
        out.push((s, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::testing::{invented_with, names_of, paper};
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// An invented method whose alias is the noun of "distill", and discovery on.
    static EXTRACTOR: LazyLock<Extractor> =
        LazyLock::new(|| invented_with(&[("method.txt", "zorb teaching | distillation\n")], true));

    /// A method verb names its dictionary method only with a cue in its sentence, and never
    /// as part of a hyphenated word.
    #[test]
    fn a_method_verb_with_a_cue_names_its_method() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The Blorp student is distilled from a Quix teacher.",
                &["zorb teaching"],
            ),
            ("We distill Blorp knowledge from Quix.", &["zorb teaching"]),
            (
                "Quix is then distilled into a small Blorp.",
                &["zorb teaching"],
            ),
            ("Distilling Quix. The teacher is large.", &[]),
            ("We distill simple guidelines for Blorp users.", &[]),
            ("Blorp trains the student in a self-distilling way.", &[]),
            // The noun itself is the dictionary's, found once, with the verb as one more mention.
            (
                "We use distillation: the student distills the teacher.",
                &["zorb teaching"],
            ),
        ];
        for &(text, want) in cases {
            let found = names_of(&EXTRACTOR, &paper(text), EntityType::Method);
            assert_eq!(found, want, "{text:?}");
        }
        let entity = EXTRACTOR
            .extract(&paper("A student distilled from a teacher."))
            .entities
            .into_iter()
            .find(|e| e.entity_type == EntityType::Method)
            .unwrap_or_else(|| panic!("no method"));
        let quotes: Vec<&str> = entity.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(quotes, ["distilled"]);
    }
}

//! Dictionary methods named inside a coordination that shares one word between two conjuncts:
//! "Zorb and pseudo-Zorb moments" names "Zorb moments" too, and "data cleaning and
//! augmentation" names "data augmentation". The dictionary decides: the rebuilt phrase must be
//! an alias of a dictionary method that no candidate already covers. The mention is the
//! conjunct that stands for it ("Zorb", "augmentation").

use super::candidates::{Candidate, Target};
use super::{Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, EntryId};

/// One word of a field with its byte span.
type Span = (usize, usize);

/// Adds the dictionary methods that a coordination names by sharing a head or a modifier.
pub(crate) fn coordinated_methods(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut Vec<Candidate>,
) {
    let mut found: Vec<Candidate> = Vec::new();
    // The rebuilt phrase, written into one buffer: most are looked up and dropped.
    let mut phrase = String::new();
    for &(field, text) in fields {
        let conjunctions = text
            .match_indices(" and ")
            .chain(text.match_indices(" or "));
        for (at, conjunction) in conjunctions {
            let Some((before2, before, after, after2)) = around(text, at, at + conjunction.len())
            else {
                continue;
            };
            let word = |(s, e): Span| &text[s..e];
            // "A and B head": "A head"; the mention is A.
            let shared_head = (before, (before, after2));
            // "modifier A and B": "modifier B"; the mention is B.
            let shared_modifier = before2.map(|m| (after, (m, after)));
            for (span, (first, second)) in std::iter::once(shared_head).chain(shared_modifier) {
                phrase.clear();
                phrase.push_str(word(first));
                phrase.push(' ');
                phrase.push_str(word(second));
                let Some(ids) = method_entries(extractor, &phrase) else {
                    continue;
                };
                let taken = |c: &Candidate| c.field == field && c.start < span.1 && span.0 < c.end;
                let named = |c: &Candidate| matches!(&c.target, Target::Entries(e) if e == &ids);
                if out.iter().chain(&found).any(|c| taken(c) || named(c)) {
                    continue;
                }
                found.push(Candidate {
                    field,
                    start: span.0,
                    end: span.1,
                    target: Target::Entries(ids),
                    found_by: FoundBy::CoordinatedHead,
                    confidence: FoundBy::CoordinatedHead.confidence(),
                    introduced: false,
                    evidence: format!("coordinated-head rule: the coordination names {phrase:?}"),
                });
            }
        }
    }
    out.extend(found);
}

/// The words around a conjunction at `start..end` ("A and B head"): the word before the one
/// before it (when only a space parts them), the word before, the word after and the word
/// after that. `None` when the three nearest are not words parted by single spaces.
fn around(text: &str, start: usize, end: usize) -> Option<(Option<Span>, Span, Span, Span)> {
    let before = word_ending_at(text, start)?;
    let after = word_starting_at(text, end)?;
    let after2 = text[after.1..]
        .strip_prefix(' ')
        .and_then(|_| word_starting_at(text, after.1 + 1))?;
    let before2 = text[..before.0]
        .strip_suffix(' ')
        .and_then(|rest| word_ending_at(text, rest.len()));
    Some((before2, before, after, after2))
}

/// The word (letters, digits, inner hyphens) that ends exactly at `end`.
fn word_ending_at(text: &str, end: usize) -> Option<Span> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let word = text[start..end].trim_start_matches('-');
    (!word.is_empty()).then_some((end - word.len(), end))
}

/// The word (letters, digits, inner hyphens) that starts exactly at `start`.
fn word_starting_at(text: &str, start: usize) -> Option<Span> {
    let len: usize = text[start..]
        .chars()
        .take_while(|&c| c.is_alphanumeric() || c == '-')
        .map(char::len_utf8)
        .sum();
    let word = text[start..start + len].trim_end_matches('-');
    (!word.is_empty()).then_some((start, start + word.len()))
}

/// The dictionary methods with this alias, if there are any.
fn method_entries(extractor: &Extractor, phrase: &str) -> Option<Vec<EntryId>> {
    let dictionary = extractor.dictionary();
    let ids: Vec<EntryId> = dictionary
        .by_alias(phrase)
        .iter()
        .copied()
        .filter(|&id| dictionary.entry(id).entity_type == EntityType::Method)
        .collect();
    (!ids.is_empty()).then_some(ids)
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::testing::{invented_with, names_of, paper};
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// Invented methods, and a task that must not come from a coordination rule for methods.
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let files = [
            (
                "method.txt",
                "Zorb moments\npseudo-Zorb moments\nblorp augmentation\nquix merging\n",
            ),
            ("task.txt", "flange detection\n"),
        ];
        invented_with(&files, true)
    });

    /// A coordination that shares its head or its modifier names each dictionary method it
    /// holds; a rebuilt phrase the dictionary does not hold names nothing.
    #[test]
    fn a_shared_head_or_modifier_names_a_dictionary_method() {
        let cases: &[(&str, &[&str])] = &[
            (
                "We compare Zorb and pseudo-Zorb moments here.",
                &["pseudo-Zorb moments", "Zorb moments"],
            ),
            (
                "A pipeline of blorp cleaning and augmentation runs.",
                &["blorp augmentation"],
            ),
            ("Token or blorp merging helps.", &[]),
            ("We apply quix and token merging.", &["quix merging"]),
            // Stated on its own already: no second mention from the coordination.
            (
                "Zorb moments and pseudo-Zorb moments: Zorb and pseudo-Zorb moments.",
                &["Zorb moments", "pseudo-Zorb moments"],
            ),
            // Punctuation breaks the coordination; tasks are left to the task rules.
            ("We use quix, and token merging.", &[]),
            ("We study flange and blorp detection.", &[]),
        ];
        for &(text, want) in cases {
            let mut found = names_of(&EXTRACTOR, &paper(text), EntityType::Method);
            found.sort();
            let mut want: Vec<&str> = want.to_vec();
            want.sort();
            assert_eq!(found, want, "{text:?}");
        }
    }
}

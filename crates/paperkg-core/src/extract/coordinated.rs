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
    for &(field, text) in fields {
        let words = words(text);
        for (i, w) in words.iter().enumerate() {
            let conjunction = &text[w.0..w.1];
            if !(conjunction == "and" || conjunction == "or") || i < 2 || i + 2 >= words.len() {
                continue;
            }
            let plain = |a: Span, b: Span| text[a.1..b.0].trim().is_empty();
            let (before2, before, after, after2) =
                (words[i - 2], words[i - 1], words[i + 1], words[i + 2]);
            if !(plain(before, *w) && plain(*w, after) && plain(after, after2)) {
                continue;
            }
            // "A and B head": "A head"; the mention is A.
            let shared_head = (
                before,
                format!(
                    "{} {}",
                    &text[before.0..before.1],
                    &text[after2.0..after2.1]
                ),
            );
            // "modifier A and B": "modifier B"; the mention is B.
            let shared_modifier = plain(before2, before).then(|| {
                (
                    after,
                    format!(
                        "{} {}",
                        &text[before2.0..before2.1],
                        &text[after.0..after.1]
                    ),
                )
            });
            for (span, phrase) in std::iter::once(shared_head).chain(shared_modifier) {
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

/// The words of a text (letters, digits and inner hyphens) as byte spans.
fn words(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        } else if c == '-' && start.is_some() && end == i {
            continue;
        } else if let Some(s) = start.take() {
            out.push((s, end));
        }
    }
    if let Some(s) = start {
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

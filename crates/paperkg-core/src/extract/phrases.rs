//! Task and method phrases that no dictionary holds, recognised by their head noun: "few-shot
//! view synthesis" is a task because it ends in "synthesis", "attention distillation" a method
//! because it ends in "distillation".
//!
//! From each head noun the phrase grows leftwards over at most three modifiers and stops at a
//! function word, a verb, an evaluative adjective ("efficient", "novel"), a capitalised word
//! inside a sentence, or a word that is itself a head. The word lists live in
//! `dictionaries/lexicon/` (see the header of each file). "image and video segmentation"
//! also gives "image segmentation". A method phrase is kept only when the paper repeats it
//! or puts it in its title: single mentions are mostly the paper's own unnamed steps
//! ("a constrained optimization approach").

use super::candidates::{Candidate, Target};
use super::{Extractor, Field, FoundBy};
use crate::dictionary::EntityType;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// At most this many modifiers before a head noun.
const MAX_MODIFIERS: usize = 3;

/// The word lists the head-phrase rules read, from `dictionaries/lexicon/`.
struct PhraseLexicon {
    task_heads: HashSet<&'static str>,
    method_heads: HashSet<&'static str>,
    stopwords: HashSet<&'static str>,
    exceptions: HashSet<&'static str>,
    stop_suffixes: HashSet<&'static str>,
    task_contexts: HashSet<&'static str>,
}

/// The words of a lexicon file: one per line, `#` comments and blank lines skipped.
fn lexicon_words(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|word| !word.is_empty())
        .collect()
}

static LEXICON: LazyLock<PhraseLexicon> = LazyLock::new(|| PhraseLexicon {
    task_heads: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/phrase-task-heads.txt"
    )),
    method_heads: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/phrase-method-heads.txt"
    )),
    stopwords: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/phrase-stopwords.txt"
    )),
    exceptions: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/phrase-modifier-exceptions.txt"
    )),
    stop_suffixes: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/phrase-stop-suffixes.txt"
    )),
    task_contexts: lexicon_words(include_str!(
        "../../../../dictionaries/lexicon/task-context-words.txt"
    )),
});

/// One word of a field with its byte span.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// A task or method phrase found in one field.
#[derive(Clone, Debug, PartialEq)]
struct Phrase {
    entity_type: EntityType,
    start: usize,
    end: usize,
    name: String,
    found_by: FoundBy,
    /// Whether a task context word or a comma comes just before it ("for X", ", X").
    in_context: bool,
}

/// Adds the task and method phrases of both fields that overlap no earlier candidate.
pub(crate) fn head_phrases(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut Vec<Candidate>,
) {
    let mut found: Vec<(Field, Phrase)> = Vec::new();
    for &(field, text) in fields {
        for phrase in phrases_in(text, field == Field::Title) {
            let generic = extractor.dictionary().is_generic(&phrase.name);
            let clash = out
                .iter()
                .any(|c| c.field == field && phrase.start < c.end && c.start < phrase.end)
                || found
                    .iter()
                    .any(|(f, p)| *f == field && phrase.start < p.end && p.start < phrase.end);
            if !generic && !clash {
                found.push((field, phrase));
            }
        }
    }
    let mut uses: HashMap<&str, (usize, bool)> = HashMap::new();
    for (field, phrase) in &found {
        let entry = uses.entry(phrase.name.as_str()).or_default();
        entry.0 += 1;
        entry.1 |= *field == Field::Title;
    }
    let mut kept = Vec::new();
    for (field, phrase) in &found {
        let (count, in_title) = uses.get(phrase.name.as_str()).copied().unwrap_or_default();
        let confirmed = count >= 2 || in_title;
        let confidence = match (confirmed, phrase.entity_type) {
            (true, _) => phrase.found_by.confidence(),
            (false, EntityType::Task) if phrase.in_context => FoundBy::CONTEXT_ONLY_PHRASE,
            _ => continue,
        };
        kept.push(candidate(*field, phrase.clone(), confidence));
    }
    out.extend(kept);
}

fn candidate(field: Field, phrase: Phrase, confidence: f32) -> Candidate {
    let evidence = format!(
        "{} rule: head noun {:?}",
        phrase.found_by.as_str(),
        phrase.name.rsplit(' ').next().unwrap_or_default()
    );
    Candidate {
        field,
        start: phrase.start,
        end: phrase.end,
        target: Target::Named {
            entity_type: phrase.entity_type,
            name: phrase.name,
            derived_from: None,
        },
        found_by: phrase.found_by,
        confidence,
        introduced: false,
        evidence,
    }
}

/// Every head phrase of one field, in text order, with the split halves of coordinations.
fn phrases_in(text: &str, title: bool) -> Vec<Phrase> {
    let lexicon = &*LEXICON;
    let words = words(text);
    let mut out = Vec::new();
    for (i, head) in words.iter().enumerate() {
        let Some((entity_type, found_by)) = head_type(lexicon, head.text) else {
            continue;
        };
        let first = first_modifier(text, &words, i, title);
        if first == i {
            continue;
        }
        let start = words[first].start;
        out.push(Phrase {
            entity_type,
            start,
            end: head.end,
            name: canonical(&text[start..head.end]),
            found_by,
            in_context: after_task_context(lexicon, &text[..start]),
        });
        if let Some(other) = coordinated(text, &words, first, i, title) {
            out.push(Phrase {
                entity_type,
                start: other.start,
                end: other.end,
                name: canonical(&format!("{} {}", other.text, head.text)),
                found_by: FoundBy::CoordinatedHead,
                in_context: after_task_context(lexicon, &text[..other.start]),
            });
        }
    }
    out
}

/// Whether the text before a phrase ends in a task context word or a comma.
fn after_task_context(lexicon: &PhraseLexicon, before: &str) -> bool {
    let before = before.trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before[word_start..].to_lowercase();
    before.ends_with(',') || lexicon.task_contexts.contains(word.as_str())
}

/// The words of a text: letters and digits, with inner hyphens, slashes and apostrophes
/// ("3T-to-7T", "Kendall's"). A plain scan: a regex with Unicode classes costs more here.
fn words(text: &str) -> Vec<Word<'_>> {
    const INNER: &[char] = &['-', '/', '\'', '’', '@'];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            end = i + c.len_utf8();
        } else if start.is_some() && INNER.contains(&c) && end == i {
            continue;
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..end],
                start: s,
                end,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..end],
            start: s,
            end,
        });
    }
    out
}

/// The type and rule a head noun stands for, if it is one.
fn head_type(lexicon: &PhraseLexicon, word: &str) -> Option<(EntityType, FoundBy)> {
    let lower = word.to_lowercase();
    if lexicon.task_heads.contains(lower.as_str()) {
        Some((EntityType::Task, FoundBy::TaskHead))
    } else if lexicon.method_heads.contains(lower.as_str()) {
        Some((EntityType::Method, FoundBy::MethodHead))
    } else {
        None
    }
}

/// The index of the phrase's first word: the head's own index when no word before it can
/// modify it.
fn first_modifier(text: &str, words: &[Word<'_>], head: usize, title: bool) -> usize {
    let head_capitalised = words[head].text.starts_with(char::is_uppercase);
    let mut first = head;
    while first > 0 && head - first < MAX_MODIFIERS {
        let word = words[first - 1];
        let joined = text[word.end..words[first].start].trim().is_empty();
        let sentence_start = first == 1
            || text[..word.start]
                .trim_end()
                .ends_with(['.', '!', '?', ':']);
        let capital_ok = title || head_capitalised || sentence_start;
        if !joined || !is_modifier(word.text, capital_ok) {
            break;
        }
        first -= 1;
    }
    first
}

/// "X and Y head" with one modifier: the other conjunct X, when it can modify the head too.
fn coordinated<'a>(
    text: &str,
    words: &[Word<'a>],
    first: usize,
    head: usize,
    title: bool,
) -> Option<Word<'a>> {
    if head - first != 1 || first < 2 {
        return None;
    }
    let conjunction = words[first - 1];
    let other = words[first - 2];
    let plain = |a: &Word<'_>, b: &Word<'_>| text[a.end..b.start].trim().is_empty();
    let is_conjunction = matches!(conjunction.text.to_lowercase().as_str(), "and" | "or");
    let capital_ok = title || words[head].text.starts_with(char::is_uppercase);
    (is_conjunction
        && plain(&other, &conjunction)
        && plain(&conjunction, &words[first])
        && is_modifier(other.text, capital_ok))
    .then_some(other)
}

/// Whether a word can stand inside a task or method phrase before its head.
fn is_modifier(word: &str, capital_ok: bool) -> bool {
    let lexicon = &*LEXICON;
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    if lexicon.stopwords.contains(lower)
        || head_type(lexicon, word).is_some()
        || word.chars().all(|c| !c.is_alphabetic())
        || lower.ends_with("'s")
        || lower.ends_with("’s")
    {
        return false;
    }
    match lower.rsplit_once('-') {
        Some((_, suffix)) if lexicon.stop_suffixes.contains(suffix) => return false,
        Some(_) => {}
        None if looks_inflected(lower)
            && !lexicon.exceptions.contains(lower)
            && !is_acronym(word) =>
        {
            return false;
        }
        None => {}
    }
    capital_ok || !word.starts_with(char::is_uppercase) || is_acronym(word)
}

/// Whether an unhyphenated lower-case word ends like an adverb, a participle, a gerund or a
/// plural ("mostly", "achieved", "improving", "tasks"): such words end a noun phrase.
fn looks_inflected(lower: &str) -> bool {
    const NOT_ADVERBS: &[&str] = &["anomaly", "family", "supply", "poly", "assembly"];
    let adverb = lower.ends_with("ly") && !NOT_ADVERBS.contains(&lower);
    let plural = lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us");
    let plural = plural && !lower.ends_with("is");
    adverb || lower.ends_with("ed") || lower.ends_with("ing") || plural
}

/// Whether a word is written like an acronym or a code: two capitals or a digit ("MRI",
/// "LiDAR", "3D").
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2 || word.chars().any(|c| c.is_numeric())
}

/// The phrase's name: lower case, except acronym-like parts ("3T-to-7T MRI translation").
fn canonical(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|word| {
            word.split('-')
                .map(|part| {
                    if is_acronym(part) {
                        part.to_string()
                    } else {
                        part.to_lowercase()
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, title: bool) -> Vec<(EntityType, String)> {
        phrases_in(text, title)
            .into_iter()
            .map(|p| (p.entity_type, p.name))
            .collect()
    }

    #[test]
    fn head_phrases_are_tight() {
        use EntityType::{Method, Task};
        type Case<'a> = (&'a str, bool, &'a [(EntityType, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "We study few-shot zorb synthesis.",
                false,
                &[(Task, "few-shot zorb synthesis")],
            ),
            (
                "A new method for robust quibble detection in scans.",
                false,
                &[(Task, "quibble detection")],
            ),
            (
                "Blorp Flange Estimation for Drones",
                true,
                &[(Task, "blorp flange estimation")],
            ),
            (
                "on 3T-to-7T MRI translation tasks",
                false,
                &[(Task, "3T-to-7T MRI translation")],
            ),
            (
                "we apply frobnic distillation twice",
                false,
                &[(Method, "frobnic distillation")],
            ),
            (
                "Zorb detection is hard.",
                false,
                &[(Task, "zorb detection")],
            ),
        ];
        for (text, title, want) in cases {
            let want: Vec<(EntityType, String)> =
                want.iter().map(|(t, n)| (*t, n.to_string())).collect();
            assert_eq!(names(text, *title), want, "in {text:?}");
        }
    }

    #[test]
    fn no_phrase_without_a_modifier_or_after_verbs() {
        let cases = [
            "This improves detection.",
            "Our model achieves segmentation of organs.",
            "It has gained significant attention recently.",
            "the RGB-based tracking of items",
            "real-time generation",
            "models such as Zorbix segmentation",
            "a 2024 generation",
            "classification segmentation",
        ];
        for text in cases {
            assert_eq!(names(text, false), Vec::new(), "in {text:?}");
        }
    }

    #[test]
    fn words_keep_inner_joiners_only() {
        let got: Vec<&str> = words("3T-to-7T MRI, Kendall's tau; a- b (zorb)/x")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            got,
            ["3T-to-7T", "MRI", "Kendall's", "tau", "a", "b", "zorb", "x"]
        );
    }

    #[test]
    fn coordinations_split() {
        let cases: &[(&str, &[&str])] = &[
            (
                "for blorp and zorb segmentation",
                &["zorb segmentation", "blorp segmentation"],
            ),
            (
                "in quibble or flange retrieval",
                &["flange retrieval", "quibble retrieval"],
            ),
            ("for fast and zorb segmentation", &["zorb segmentation"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = names(text, false).into_iter().map(|(_, n)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn task_context_is_the_word_or_comma_before() {
        let cases = [
            ("results for zorb detection", true),
            ("work on quibble retrieval", true),
            ("blorp, flange estimation", true),
            ("Including blorp synthesis", true),
            ("enables zorb detection", false),
            ("(zorb detection", false),
            ("zorb detection", false),
        ];
        for (text, want) in cases {
            let found = phrases_in(text, false);
            assert_eq!(found.len(), 1, "in {text:?}");
            assert_eq!(found[0].in_context, want, "in {text:?}");
        }
    }

    #[test]
    fn coordination_has_its_own_rule() {
        let found = phrases_in("blorp and zorb segmentation", false);
        let rules: Vec<FoundBy> = found.iter().map(|p| p.found_by).collect();
        assert_eq!(rules, [FoundBy::TaskHead, FoundBy::CoordinatedHead]);
    }

    #[test]
    fn names_are_lower_case_but_acronyms_stay() {
        let cases = [
            (
                "Zero-Shot Plant Segmentation",
                "zero-shot plant segmentation",
            ),
            ("LiDAR Flange Reconstruction", "LiDAR flange reconstruction"),
            ("Multi-Robot Zorb Tracking", "multi-robot zorb tracking"),
            ("6D Quibble Estimation", "6D quibble estimation"),
        ];
        for (phrase, want) in cases {
            assert_eq!(canonical(phrase), want);
        }
    }

    #[test]
    fn lexicon_files_are_lower_case_without_duplicates() {
        let files = [
            include_str!("../../../../dictionaries/lexicon/phrase-task-heads.txt"),
            include_str!("../../../../dictionaries/lexicon/phrase-method-heads.txt"),
            include_str!("../../../../dictionaries/lexicon/phrase-stopwords.txt"),
            include_str!("../../../../dictionaries/lexicon/phrase-modifier-exceptions.txt"),
            include_str!("../../../../dictionaries/lexicon/phrase-stop-suffixes.txt"),
            include_str!("../../../../dictionaries/lexicon/task-context-words.txt"),
        ];
        for file in files {
            let mut seen = HashSet::new();
            for word in file
                .lines()
                .map(|l| l.split('#').next().unwrap_or_default().trim())
                .filter(|w| !w.is_empty())
            {
                assert_eq!(word, word.to_lowercase(), "not lower case: {word}");
                assert!(seen.insert(word), "duplicate: {word}");
            }
        }
        let task: HashSet<_> = LEXICON.task_heads.iter().collect();
        assert!(
            LEXICON.method_heads.iter().all(|w| !task.contains(w)),
            "a head is both a task and a method head"
        );
    }
}

#[cfg(test)]
mod paper_tests {
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::{Dictionary, EntityType};
    use crate::extract::{Extractor, FoundBy};

    fn extract(title: &str, abstract_text: &str) -> Vec<(EntityType, String, FoundBy)> {
        let dictionary = Dictionary::builtin().unwrap_or_else(|e| panic!("dictionary: {e}"));
        let extractor = Extractor::builder()
            .dictionary(dictionary)
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"));
        let paper = Paper {
            id: PaperId::Local("p".into()),
            title: title.into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        };
        extractor
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| matches!(e.entity_type, EntityType::Task | EntityType::Method))
            .map(|e| (e.entity_type, e.name, e.found_by))
            .collect()
    }

    #[test]
    fn which_phrases_a_paper_keeps() {
        use EntityType::{Method, Task};
        use FoundBy::{CoordinatedHead, MethodHead, TaskHead};
        type Case<'a> = (&'a str, &'a str, &'a [(EntityType, &'a str, FoundBy)]);
        let cases: &[Case<'_>] = &[
            // A task once in the abstract needs a context word; in the title it needs none.
            (
                "Zorblets",
                "Results for quibble detection. It enables flange detection.",
                &[(Task, "quibble detection", TaskHead)],
            ),
            (
                "Blorp Flange Estimation with Zorblets",
                "We estimate things.",
                &[(Task, "blorp flange estimation", TaskHead)],
            ),
            // A method phrase used once is the paper's own step; used twice it is kept.
            (
                "Zorblets",
                "We use frobnic regularization. Frobnic regularization helps.",
                &[(Method, "frobnic regularization", MethodHead)],
            ),
            ("Zorblets", "We use frobnic regularization once.", &[]),
            // Coordinations give both tasks.
            (
                "Zorblets",
                "We work on blorp and quibble segmentation.",
                &[
                    (Task, "blorp segmentation", CoordinatedHead),
                    (Task, "quibble segmentation", TaskHead),
                ],
            ),
        ];
        for (title, abstract_text, want) in cases {
            let want: Vec<_> = want
                .iter()
                .map(|(t, n, f)| (*t, n.to_string(), *f))
                .collect();
            assert_eq!(extract(title, abstract_text), want, "in {abstract_text:?}");
        }
    }

    #[test]
    fn a_dictionary_task_is_not_repeated_as_a_phrase() {
        let found = extract("Zorblets", "We study object detection for zorbs.");
        let tasks: Vec<_> = found.iter().filter(|e| e.0 == EntityType::Task).collect();
        assert_eq!(tasks.len(), 1, "{found:?}");
        assert_eq!(tasks[0].2, FoundBy::Dictionary, "{found:?}");
    }
}

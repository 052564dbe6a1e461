//! Single dataset names that their neighbourhood marks as datasets, where no list and no
//! dictionary says so: "a multi-domain dataset Blorpix", "experiments on ZORB-7 dataset",
//! "Quixbench, the largest benchmark for ...", "one real-world dataset (Zorb-Occ)",
//! "gains of 9.3% on FlimBench", "accuracy on the qiXo&CO".
//!
//! Every rule here takes only names written like names ([`dataset_shaped`]), so plain words
//! ("a new dataset Covering ...") and modalities ("RGB dataset") stay out.

use super::candidates::{Candidate, Target};
use super::lists::{add_items_because, is_shaped, list_items, ITEM, JOIN};
use super::{Extractor, Field};
use crate::dictionary::{EntityType, Lexicon, Words};
use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex: {e}"))
}

/// One name token (no spaces): "ATR-UMOD", "mmWalkVQA", "qiXo&CO", with an optional version
/// ("Zorbatlas 2.0", "Blorp v2").
const TOKEN: &str =
    r"(?:[A-Z0-9]|[a-z]+[A-Z0-9])[A-Za-z0-9]*(?:[-.+/&'’][A-Za-z0-9]+)*\+*(?: v?\d+\.\d+| v\d+)?";

/// A collection noun: the literal every rule of this module around such a noun starts from,
/// so that the name patterns run on short windows next to it, never on a whole abstract.
/// Group 1 is the singular noun.
static COLLECTION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(dataset|benchmark|corpus|suite|test ?set)(?:s|es)?\b"));

/// Right after a singular collection noun, a name: "dataset Blorpix covering ...",
/// "benchmark suite ZORB-7.". Group 1 is the name.
static THEN_NAME: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^(?: suite)?,? ({TOKEN})(?:[\s,.;:)]|$)")));

/// The word right before a collection noun. Group 1 is the word.
static WORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:^|\s)([A-Za-z-]+) $"));

/// A name right before a collection noun, with or without an article: "on ZORB-7 ", "the
/// interactive qiXo ". Group 1 is the name.
static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?:^|[\s(])({TOKEN}) $")));

/// A name set off before a description that a collection noun ends: "Blorpix, the largest
/// multimodal ", "Zorbatlas 2.0--a ", "qiXo — a ". Group 1 is the name, group 2 the words
/// between the article and the noun.
static SET_OFF_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:^|[\s(])({TOKEN})\s*(?:,|--|—|–|\s-)\s*(?:a|an|the|our)\s+((?:[A-Za-z0-9_-]+\s+){{0,6}}?)$"
    ))
});

/// How far before a collection noun the name patterns look, in bytes.
const BEFORE: usize = 120;

/// Names in parentheses right after a singular collection noun or "data": "one real-world
/// dataset (Zorb-Occ)", "captions data (Blorp and Quix-2)". Group 1 is the list.
static NOUN_PARENTHESIS: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:dataset|benchmark|corpus|suite|data)\s*\(\s*({ITEM}(?:{JOIN}{ITEM})*)\s*\)"
    ))
});

/// A stated value right before "on" and a name: "gains of 9.3% on FlimBench", "2.35 on
/// Zorb-512", "+4.1 points on QIX". Group 1 is the name.
static VALUE_ON: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:^|[\s(])[+\-−]?\d+(?:[.,]\d+)*\s*(?:%|\\%|\s(?:points?|pp|dB))?\s+on\s+(?:the\s+)?({ITEM})"
    ))
});

/// Right after a metric: an optional value, then "on" and a list of names: "accuracy on the
/// qiXo&CO", "F1 of 81.2 on Blorp and Quix-2". Group 1 is the list.
static AFTER_METRIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?:\s+(?:of|=|is|was|reaches|reaching)?\s*[+\-−]?\d[\d.,]*\s*(?:%|\\%)?)?\s+on\s+(?:the\s+)?({ITEM}(?:{JOIN}(?:the\s+)?{ITEM})*)"
    ))
});

/// A sentence that opens with an evaluation word and "on": "Experiments on Zorb and QuixQA
/// show ...", "Experimental results on the Flim-2 benchmark". Group 1 is the opening words,
/// group 2 the list.
static OPENING_ON: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?:^|[.!?]\s+)([A-Z][a-z]+(?: [a-z]+)?) on (?:the\s+)?({ITEM}(?:{JOIN}(?:the\s+)?{ITEM})*)"
    ))
});

/// Adds the dataset names that one field's neighbourhoods mark.
pub(crate) fn named_datasets(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    around_collection_nouns(extractor, field, text, out);
    noun_parenthesis(extractor, field, text, out);
    values_on(extractor, field, text, out);
    after_metrics(extractor, field, text, out);
    opening_on(extractor, field, text, out);
}

/// Whether a name is written like a dataset's: a capital after its first letter or a digit
/// ([`is_shaped`]), at least two letters ("3D" is none), no lower-case last hyphen part
/// ("COCO-derived", "LLM-generated" are modifiers), no modality or other non-dataset word
/// and no venue ("NeurIPS 2024").
pub(crate) fn dataset_shaped(lexicon: &Lexicon, name: &str) -> bool {
    let last_part = name.rsplit('-').next().unwrap_or_default();
    let modifier_end = name.contains('-')
        && (last_part.chars().all(|c| c.is_ascii_lowercase())
            || lexicon.has_lower(Words::HyphenModifiers, last_part));
    // "v1/v2" is a version, "10-Split-X" a setting.
    let version_or_setting = name.starts_with('v')
        && name[1..].starts_with(|c: char| c.is_ascii_digit())
        || name
            .split_once('-')
            .is_some_and(|(head, _)| head.chars().all(|c| c.is_ascii_digit()));
    is_shaped(name)
        && !version_or_setting
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !modifier_end
        && !lexicon.has(Words::NotDatasets, &name.to_lowercase())
        && !lexicon.is_venue(name)
}

/// Adds the shaped names among `spans` as datasets found by `rule`.
fn add_shaped(
    extractor: &Extractor,
    field: Field,
    text: &str,
    spans: Vec<(usize, usize)>,
    rule: &str,
    out: &mut Vec<Candidate>,
) {
    let lexicon = extractor.dictionary().lexicon();
    let spans: Vec<(usize, usize)> = spans
        .into_iter()
        .filter(|&(s, e)| dataset_shaped(lexicon, &text[s..e]))
        .collect();
    add_items_because(extractor, field, text, &spans, rule, out);
}

/// The text of up to [`BEFORE`] bytes before `at`, starting between words, and its offset.
fn before(text: &str, at: usize) -> (usize, &str) {
    let mut start = at.saturating_sub(BEFORE);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text[start..at]
            .find(char::is_whitespace)
            .map_or(at, |i| start + i);
    }
    (start, &text[start..at])
}

/// The names that the collection nouns of one field mark, by the way they stand next to the
/// noun: after it ("a multi-domain dataset Blorpix"), right before it ("on ZORB-7 dataset")
/// or set off before a description it ends ("Blorpix, the largest multimodal dataset").
fn around_collection_nouns(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    let lexicon = extractor.dictionary().lexicon();
    let (mut after, mut right_before, mut set_off) = (Vec::new(), Vec::new(), Vec::new());
    for noun in COLLECTION.captures_iter(text) {
        let (Some(whole), Some(singular)) = (noun.get(0), noun.get(1)) else {
            continue;
        };
        let plural = whole.end() > singular.end();
        let (offset, window) = before(text, whole.start());
        let plain_noun = matches!(singular.as_str(), "dataset" | "benchmark" | "corpus");
        if plain_noun && !plural {
            let noun_use = WORD_BEFORE
                .captures(window)
                .and_then(|c| c.get(1))
                .is_some_and(|w| !verb_context(lexicon, w.as_str()));
            if let Some(name) = THEN_NAME
                .captures(&text[whole.end()..])
                .and_then(|c| c.get(1))
            {
                if noun_use {
                    after.push((whole.end() + name.start(), whole.end() + name.end()));
                }
            }
        }
        if !plural && singular.as_str() != "suite" {
            if let Some(name) = NAME_BEFORE.captures(window).and_then(|c| c.get(1)) {
                if !short_acronym(name.as_str()) {
                    right_before.push((offset + name.start(), offset + name.end()));
                }
            }
        }
        if !singular.as_str().starts_with("test") {
            if let Some(caps) = SET_OFF_BEFORE.captures(window) {
                if let (Some(name), Some(between)) = (caps.get(1), caps.get(2)) {
                    if headed(lexicon, between.as_str()) {
                        set_off.push((offset + name.start(), offset + name.end()));
                    }
                }
            }
        }
    }
    let found = [
        (after, "name after a collection noun"),
        (right_before, "name before a collection noun"),
        (set_off, "name set off before a collection noun"),
    ];
    for (spans, rule) in found {
        add_shaped(extractor, field, text, spans, rule, out);
    }
}

/// Whether the word before "benchmark" makes it a verb ("we benchmark", "to benchmark",
/// "and benchmark", "also benchmark"). Closed-class words, not a word list.
fn verb_context(lexicon: &Lexicon, before: &str) -> bool {
    let lower = before.to_lowercase();
    matches!(
        lower.as_str(),
        "we" | "to" | "they" | "and" | "or" | "also" | "then" | "can" | "will" | "further"
    ) || lower.ends_with("ly")
        || lexicon.has(Words::SelfReferences, &lower)
}

/// Whether a short acronym of capitals alone stands before the noun: there it names a domain
/// more often than a dataset ("a 3D HOI dataset", "a popular VLA benchmark").
fn short_acronym(name: &str) -> bool {
    name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether the collection noun heads the description: the words between the article and
/// the noun hold no preposition and no "that"/"which" ("Zorb-7B, the best model on the
/// benchmark" is no dataset).
fn headed(lexicon: &Lexicon, between: &str) -> bool {
    between.split_whitespace().all(|w| {
        let lower = w.to_lowercase();
        !lexicon.has(Words::Prepositions, &lower) && !matches!(lower.as_str(), "that" | "which")
    })
}

/// "one real-world dataset (Zorb-Occ)": shaped names in parentheses right after a singular
/// collection noun.
fn noun_parenthesis(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    let mut spans = Vec::new();
    for caps in NOUN_PARENTHESIS.captures_iter(text) {
        if let Some(list) = caps.get(1) {
            spans.extend(list_items(lexicon, text, list.start(), list.end()));
        }
    }
    add_shaped(
        extractor,
        field,
        text,
        spans,
        "name in parentheses after a collection noun",
        out,
    );
}

/// "gains of 1.8% on Zorb and 9.3% on FlimBench": a shaped name a stated value is on, unless
/// its last word is a metric head ("on Navigation Error") or none of its words is shaped.
fn values_on(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    let spans = VALUE_ON
        .captures_iter(text)
        .filter_map(|caps| caps.get(1))
        .map(|m| (m.start(), m.end()))
        .filter(|&(s, e)| {
            let name = &text[s..e];
            let last = name.rsplit(' ').next().unwrap_or_default();
            // "on Intervention Timing performance": capitalised plain words modify a noun.
            !lexicon.has_lower(Words::MetricHeads, last) && name.split(' ').any(is_shaped)
        })
        .collect();
    add_shaped(
        extractor,
        field,
        text,
        spans,
        "name a value is stated on",
        out,
    );
}

/// "accuracy on the qiXo&CO", "F1 of 81.2 on Blorp and Quix-2": shaped names right after a
/// metric (from the dictionary or a rule) and "on".
fn after_metrics(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    let metric_ends: Vec<usize> = out
        .iter()
        .filter(|c| c.field == field && is_metric(extractor, c))
        .map(|c| c.end)
        .collect();
    let mut spans = Vec::new();
    for end in metric_ends {
        let Some(list) = AFTER_METRIC.captures(&text[end..]).and_then(|c| c.get(1)) else {
            continue;
        };
        spans.extend(list_items(
            lexicon,
            text,
            end + list.start(),
            end + list.end(),
        ));
    }
    add_shaped(
        extractor,
        field,
        text,
        spans,
        "name a metric is measured on",
        out,
    );
}

/// "Experiments on Zorb and QuixQA show ...": a sentence opened by an evaluation word
/// (`evaluation-cues.txt`: "Experiments", "Experimental results", "Evaluations") and "on"
/// names datasets. The discovery rule leaves a capitalised cue out, as "Experiments on X"
/// often names no data; here only shaped names count.
fn opening_on(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    let mut spans = Vec::new();
    for caps in OPENING_ON.captures_iter(text) {
        let (Some(opening), Some(list)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let cue = opening
            .as_str()
            .split(' ')
            .any(|w| lexicon.has(Words::EvaluationCues, &w.to_lowercase()));
        if cue {
            spans.extend(list_items(lexicon, text, list.start(), list.end()));
        }
    }
    add_shaped(
        extractor,
        field,
        text,
        spans,
        "name after an opening evaluation word",
        out,
    );
}

/// Whether a candidate is a metric, from the dictionary or from a rule.
fn is_metric(extractor: &Extractor, candidate: &Candidate) -> bool {
    let dictionary = extractor.dictionary();
    match &candidate.target {
        Target::Entries(ids) => ids
            .iter()
            .all(|&id| dictionary.entry(id).entity_type == EntityType::Metric),
        Target::Named { entity_type, .. } => *entity_type == EntityType::Metric,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::testing::{names_of, paper, BUILTIN};

    fn datasets(abstract_text: &str) -> Vec<String> {
        names_of(&BUILTIN, &paper(abstract_text), EntityType::Dataset)
    }

    #[test]
    fn neighbourhoods_name_datasets() {
        let cases: &[(&str, &[&str])] = &[
            (
                "We introduce a high-diversity dataset QRX-UMOD covering varied scenes.",
                &["QRX-UMOD"],
            ),
            (
                "We build a multi-domain dataset DocZorb of 117K paired documents.",
                &["DocZorb"],
            ),
            (
                "Experiments on QRX-UMOD dataset reveal the gains.",
                &["QRX-UMOD"],
            ),
            (
                "Results on the challenging interactive blorPlan benchmark are strong.",
                &["blorPlan"],
            ),
            (
                "At its core is SZorgoge, the largest multimodal dataset for vector tasks.",
                &["SZorgoge"],
            ),
            (
                "We created ZorbAtlas 2.0--a dataset of 10,135 scans.",
                &["ZorbAtlas 2.0"],
            ),
            (
                "We also generate mmZorbVQA, a VQA benchmark with 69k triplets.",
                &["mmZorbVQA"],
            ),
            (
                "We extend one real-world dataset (GauZorb-Occ) for evaluation.",
                &["GauZorb-Occ"],
            ),
            (
                "It improves by 1.8% on Blorpx-2 and 9.3% on ZorbTwin over the baseline.",
                &["Blorpx-2", "ZorbTwin"],
            ),
            (
                "It shows higher retrieval accuracy on the qiXo&CO than prior models.",
                &["qiXo&CO"],
            ),
            (
                "Results on ZorbImagesV7 and QuixSet confirm this. Experiments on FlimQA show it.",
                &["ZorbImagesV7", "QuixSet", "FlimQA"],
            ),
            // A short parenthesis after a list item belongs to it (lists.rs, `JOIN`).
            (
                "Models trained on datasets such as BLORPO (20M) and Zorb3Det (200K) fail.",
                &["BLORPO", "Zorb3Det"],
            ),
        ];
        for &(text, expected) in cases {
            let mut found = datasets(text);
            found.sort();
            let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            expected.sort();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn a_name_after_on_is_no_apposition() {
        let text = "It is strong on ZorbNet-256 and QixNet-512. Furthermore, on ZorbNet-256, \
                    our consistency model reaches a low error.";
        let models = names_of(&BUILTIN, &paper(text), EntityType::Model);
        assert!(!models.contains(&"ZorbNet-256".to_string()), "{models:?}");
        let text = "We answer it with ZorbSplit, a novel model that splits images.";
        let models = names_of(&BUILTIN, &paper(text), EntityType::Model);
        assert_eq!(models, vec!["ZorbSplit".to_string()]);
    }

    #[test]
    fn neighbourhoods_without_a_dataset_name_name_nothing() {
        let cases = [
            // "benchmark" as a verb.
            "To compare them, we benchmark ZorbNet on reasoning.",
            // A short acronym before the noun names a domain.
            "We construct a diverse 3D QHO dataset of interactions.",
            // A version, a setting and a lower-case modifier are no names.
            "Experiments on the Zorbnav v1/v2 benchmark and a ZORBCO-derived dataset.",
            "This baseline reaches 88.5% on 10-Split-Zorb, a hard setting.",
            // A model set off before a description whose head is not the noun.
            "Zorb-7B, the strongest model on the benchmark, fails.",
            // Capitalised plain words that modify a noun.
            "It improves Zorb by 45.6% on Intervention Timing performance.",
            // An opening word that is no evaluation cue.
            "Building on ZorbNet and QuixSet, we go further.",
            // Hardware-like plain words and modalities.
            "A synthetic RGB dataset with noise.",
        ];
        for text in cases {
            assert_eq!(datasets(text), Vec::<String>::new(), "{text}");
        }
    }
}

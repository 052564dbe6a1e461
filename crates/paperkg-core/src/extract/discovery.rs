//! Discovery of names that no dictionary knows, from the way abstracts introduce them:
//! the title's "Name: ..." prefix, "we propose X", "X, a ... model", "the X dataset",
//! "on X" after evaluation verbs, and model-like tokens such as "SAM-Adapter" or "Foo-7B".
//!
//! Context words decide the type; what the paper itself proposes is marked introduced.

use super::candidates::{Candidate, Target};
use super::{heads, Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, EntryId};
use crate::text::is_word_char;
use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex: {e}"))
}

/// A name token: starts with a capital or digit, may hold hyphens, dots, slashes and plus signs.
const NAME: &str = r"[\p{Lu}0-9][\p{L}0-9]*(?:[-.+/][\p{L}0-9]+)*\+*";

static PROPOSAL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?:[Ww]e|[Tt]his (?:paper|work|study)|[Ii]n this (?:paper|work), we) (?:first |also |further |then |hereby )?(?:propose|introduce|present|develop|release|design|build|construct|curate|create|collect|contribute|open-source|formulate|devise)s?\b([^.;:()]{0,160})",
    )
});

static CALLED: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:called|named|dubbed|termed|coined|namely)\s+(?:as\s+)?({NAME}(?: (?:[0-9][\w.]*|v[0-9][\w.]*|[\p{{Lu}}0-9]{{2,}}\b))?)"
    ))
});

static LEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^\s*(?:(?:a|an|the|our)\s+)?({NAME})(?:\s*\(|,|\s+(?:which|that|to|for|as|a|an|-|–|—)\b|\s*$)"
    ))
});

static APPOSITION_IN_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r",\s*({NAME})\s*(?:,|$)")));

static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b({NAME}), (?:a|an|our) ((?:[\w-]+ ){{0,6}}?)(model|framework|architecture|network|dataset|benchmark|corpus|method|approach|algorithm|technique|optimizer|suite|agent|system|metric|library|toolkit)s?\b"
    ))
});

static COLLECTION: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b[Tt]he ({NAME}(?: {NAME}){{0,3}}) (dataset|benchmark|corpus|suite|leaderboard|challenge|environment)s?\b"
    ))
});

static EVALUATED_ON: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:evaluat\w*|experiments?|results|tested|test|benchmarked|validated|achiev\w*|accuracy|outperform\w*|state-of-the-art|SOTA|performance)\b[^.;]{{0,40}}?\bon ((?:the )?{NAME}(?:(?:, | and |, and )(?:the )?{NAME}){{0,6}})"
    ))
});

static TOKEN: LazyLock<Regex> = LazyLock::new(|| regex(NAME));

static SIZED: LazyLock<Regex> = LazyLock::new(|| regex(r"-\d+(?:\.\d+)?[BM]\b"));

/// Words that start titles without naming anything ("Towards: ...", "Position: ...").
const NOT_NAMES: &[&str] = &[
    "a",
    "an",
    "the",
    "towards",
    "toward",
    "beyond",
    "rethinking",
    "revisiting",
    "position",
    "survey",
    "review",
    "tutorial",
    "introduction",
    "overview",
    "benchmarking",
    "on",
    "when",
    "what",
    "why",
    "how",
    "is",
    "are",
    "do",
    "does",
    "can",
    "should",
    "from",
    "learning",
    "editorial",
    "perspective",
    "report",
    "technical report",
    "we",
    "our",
    "this",
    "in",
    "for",
    "with",
    "via",
    "and",
    "or",
    "of",
    "to",
    "by",
    "it",
    "its",
    "these",
    "those",
    "such",
    "however",
    "moreover",
    "furthermore",
    "specifically",
    "finally",
    "first",
    "second",
    "third",
    "code",
    "data",
    "github",
    "experiments",
    "results",
    "extensive",
    "comprehensive",
];

/// Runs every discovery rule over one field, adding candidates that do not overlap an existing
/// one. A rule that lands exactly on an existing candidate marks it introduced instead.
pub(crate) fn discover(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    if field == Field::Title {
        title_name(extractor, text, out);
    }
    proposals(extractor, field, text, out);
    appositions(extractor, field, text, out);
    collections(extractor, field, text, out);
    evaluated_on(extractor, field, text, out);
    model_like(extractor, field, text, out);
}

/// Runs only the rules that introduce names (the title's name, "we propose X"): what the
/// corpus-level first pass needs.
pub(crate) fn discover_introductions(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    if field == Field::Title {
        title_name(extractor, text, out);
    }
    proposals(extractor, field, text, out);
}

/// Retypes the names a paper introduces by how the abstract describes them: "a novel
/// training procedure, Birdie", "SVFit, a novel PEFT approach", "a model termed X". The
/// nearest telling head noun wins over the type guessed from the title.
///
/// A name built on a known model ("SlimSAM", "ContraBERT") stays a model whatever the
/// abstract calls it: what such a paper releases is that model's new weights.
pub(crate) fn retype_introduced(extractor: &Extractor, abstract_text: &str, out: &mut [Candidate]) {
    let names: Vec<String> = out
        .iter()
        .filter(|c| c.introduced)
        .filter_map(|c| match &c.target {
            Target::Named { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    for name in names {
        let Some(described) = described_type(abstract_text, &name) else {
            continue;
        };
        if described != EntityType::Model && known_model_inside(extractor, &name).is_some() {
            continue;
        }
        for c in out.iter_mut() {
            if let Target::Named {
                entity_type,
                name: n,
                ..
            } = &mut c.target
            {
                if *n == name {
                    *entity_type = described;
                }
            }
        }
    }
}

/// Head nouns that say what a proposed name is; "framework" and "system" say nothing.
fn described_head(word: &str) -> Option<EntityType> {
    const METHOD: &[&str] = &[
        "approach",
        "method",
        "methodology",
        "technique",
        "procedure",
        "strategy",
        "paradigm",
        "scheme",
        "recipe",
        "objective",
        "algorithm",
        "optimizer",
        "loss",
        "regularizer",
        "regularization",
        "mechanism",
        "initialization",
    ];
    const MODEL: &[&str] = &[
        "model",
        "network",
        "architecture",
        "transformer",
        "encoder",
        "backbone",
        "llm",
    ];
    const DATASET: &[&str] = &["dataset", "benchmark", "corpus", "suite"];
    let word = word.to_lowercase();
    let word = word.as_str();
    if METHOD.contains(&word) {
        Some(EntityType::Method)
    } else if MODEL.contains(&word) {
        Some(EntityType::Model)
    } else if DATASET.contains(&word) {
        Some(EntityType::Dataset)
    } else {
        None
    }
}

/// Words before "framework" or "system" that make it a procedure rather than a model: "a
/// self-supervised training framework", "a reset-free fine-tuning system".
const PROCEDURE_WORDS: &[&str] = &[
    "training",
    "pre-training",
    "pretraining",
    "fine-tuning",
    "finetuning",
    "tuning",
    "learning",
    "distillation",
    "selection",
    "compression",
    "pruning",
    "quantization",
    "optimization",
    "alignment",
    "augmentation",
    "prompting",
];

/// Heads that say nothing by themselves; the word before them decides.
const VAGUE_HEADS: &[&str] = &["framework", "system", "pipeline", "paradigm"];

/// The type of a head noun given the word before it: [`described_head`], or a method for a
/// vague head after a procedure word ("training framework").
fn described_head_after(previous: Option<&str>, word: &str) -> Option<EntityType> {
    described_head(word).or_else(|| {
        let vague = VAGUE_HEADS.contains(&word.to_lowercase().as_str());
        let procedure = previous
            .is_some_and(|p| PROCEDURE_WORDS.contains(&trim_word(p).to_lowercase().as_str()));
        (vague && procedure).then_some(EntityType::Method)
    })
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The type the abstract gives a name, from the word just before it ("a method termed X")
/// or the apposition just after it ("X, a novel PEFT approach").
fn described_type(text: &str, name: &str) -> Option<EntityType> {
    const LINKING: &[&str] = &[
        "called", "named", "termed", "dubbed", "coined", "as", "namely",
    ];
    for (pos, _) in text.match_indices(name) {
        let mut before = text[..pos]
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .rev()
            .skip_while(|w| LINKING.contains(&w.to_lowercase().as_str()));
        if let Some(head) = before.next() {
            if let Some(t) = described_head_after(before.next(), trim_word(head)) {
                return Some(t);
            }
        }
        let after = text[pos + name.len()..].trim_start();
        let after = match after.strip_prefix('(') {
            Some(rest) => rest.split_once(')').map_or("", |(_, r)| r).trim_start(),
            None => after,
        };
        let Some(rest) = after.strip_prefix(',').map(str::trim_start) else {
            continue;
        };
        let mut words = rest.split_whitespace();
        if !matches!(words.next(), Some("a" | "an" | "our" | "the")) {
            continue;
        }
        let mut previous = None;
        for word in words.take(5) {
            if let Some(t) = described_head_after(previous, trim_word(word)) {
                return Some(t);
            }
            if word.ends_with([',', '.', ';']) {
                break;
            }
            previous = Some(word);
        }
    }
    None
}

struct Discovered<'a> {
    field: Field,
    start: usize,
    end: usize,
    text: &'a str,
    entity_type: EntityType,
    found_by: FoundBy,
    confidence: f32,
    introduced: bool,
    derived_from: Option<String>,
}

fn add(extractor: &Extractor, out: &mut Vec<Candidate>, d: Discovered<'_>) {
    let name = d.text[d.start..d.end].trim_end_matches(['.', ',']);
    let end = d.start + name.len();
    if !is_name(extractor, name) {
        return;
    }
    let mut overlapped = false;
    for c in out
        .iter_mut()
        .filter(|c| c.field == d.field && d.start < c.end && c.start < end)
    {
        overlapped = true;
        if d.introduced && c.start == d.start && !matches!(c.target, Target::Url { .. }) {
            c.introduced = true;
        }
    }
    if overlapped {
        return;
    }
    out.push(Candidate {
        field: d.field,
        start: d.start,
        end,
        target: Target::Named {
            entity_type: d.entity_type,
            name: name.to_string(),
            derived_from: d.derived_from,
        },
        found_by: d.found_by,
        confidence: d.confidence,
        introduced: d.introduced,
        evidence: format!("{} rule", d.found_by.as_str()),
    });
}

/// A discovered name must look like one: not generic, not a common word, not a bare number,
/// and with a capital letter or digit beyond its first character or a CamelCase shape.
fn is_name(extractor: &Extractor, name: &str) -> bool {
    let lower = name.to_lowercase();
    if name.chars().count() < 2 || NOT_NAMES.contains(&lower.as_str()) {
        return false;
    }
    if extractor.dictionary().is_generic(name)
        || extractor
            .dictionary()
            .is_generic(lower.trim_end_matches('s'))
    {
        return false;
    }
    if name
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return false;
    }
    let first_word = name.split_whitespace().next().unwrap_or(name);
    if NOT_NAMES.contains(&first_word.to_lowercase().as_str()) {
        return false;
    }
    let marked = name
        .chars()
        .skip(1)
        .any(|c| c.is_uppercase() || c.is_ascii_digit());
    marked || name.contains(' ')
}

/// "Name: what it does" in the title. Only the last piece before the colon counts
/// ("SAM Fails? -- SAM-Adapter: ..." names SAM-Adapter).
fn title_name(extractor: &Extractor, title: &str, out: &mut Vec<Candidate>) {
    let Some(colon) = title.find(": ") else {
        return;
    };
    let prefix = &title[..colon];
    let piece_start = ["--", " - ", "? ", "! ", " — ", " – "]
        .iter()
        .filter_map(|sep| prefix.rfind(sep).map(|p| p + sep.len()))
        .max()
        .unwrap_or(0);
    let raw = &prefix[piece_start..];
    let name = raw.trim();
    let start = piece_start + (raw.len() - raw.trim_start().len());
    let words = name.split_whitespace().count();
    let single_capitalised = words == 1 && name.starts_with(char::is_uppercase);
    if words == 0
        || words > 3
        || !name
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
    {
        return;
    }
    let plain_word_name = single_capitalised && !NOT_NAMES.contains(&name.to_lowercase().as_str());
    if !is_name(extractor, name) && !plain_word_name {
        return;
    }
    let rest = &title[colon + 1..];
    let entity_type = known_model_inside(extractor, name)
        .map(|_| EntityType::Model)
        .or_else(|| type_of_name(name))
        .or_else(|| title_type(rest))
        .unwrap_or(EntityType::Model);
    let end = start + name.len();
    // Single capitalised words ("Selfie") pass here although `is_name` wants a marked shape.
    let mut overlapped = false;
    for c in out
        .iter_mut()
        .filter(|c| c.field == Field::Title && start < c.end && c.start < end)
    {
        overlapped = true;
        if c.start == start {
            c.introduced = true;
        }
    }
    if overlapped || extractor.dictionary().is_generic(name) {
        return;
    }
    out.push(Candidate {
        field: Field::Title,
        start,
        end,
        target: Target::Named {
            entity_type,
            name: name.to_string(),
            derived_from: None,
        },
        found_by: FoundBy::TitleName,
        confidence: 0.8,
        introduced: true,
        evidence: "title-name rule".to_string(),
    });
}

/// The type a name's own shape implies: "...Bench" or "...-1k" is a dataset, "...Net" a model.
fn type_of_name(name: &str) -> Option<EntityType> {
    let lower = name.to_lowercase();
    if lower.ends_with("bench")
        || lower.ends_with("qa")
        || lower.contains("bench-")
        || lower.ends_with("set")
    {
        return Some(EntityType::Dataset);
    }
    if lower.ends_with("net")
        || lower.ends_with("former")
        || lower.ends_with("gpt")
        || lower.ends_with("bert")
    {
        return Some(EntityType::Model);
    }
    None
}

/// The type implied by the rest of a title: a dataset or benchmark, a training method, or
/// (by default) a model.
fn title_type(rest: &str) -> Option<EntityType> {
    let lower = rest.to_lowercase();
    let has = |words: &[&str]| {
        words.iter().any(|w| {
            lower
                .split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|t| t == *w)
        })
    };
    if has(&[
        "dataset",
        "benchmark",
        "benchmarks",
        "corpus",
        "suite",
        "leaderboard",
    ]) {
        return Some(EntityType::Dataset);
    }
    if leading_phrase_is_procedure(rest) {
        return Some(EntityType::Method);
    }
    let method_words = [
        "training",
        "pre-training",
        "pretraining",
        "fine-tuning",
        "finetuning",
        "tuning",
        "optimization",
        "optimizer",
        "regularization",
        "distillation",
        "pruning",
        "quantization",
        "augmentation",
        "attention",
        "objective",
        "loss",
        "prompting",
        "strategy",
        "procedure",
        "algorithm",
        "decoding",
        "sampling",
        "merging",
        "adaptation",
        "alignment",
        "approach",
    ];
    if has(&method_words)
        && !has(&[
            "model",
            "models",
            "network",
            "transformer",
            "architecture",
            "agent",
            "agents",
            "llm",
            "framework",
        ])
    {
        return Some(EntityType::Method);
    }
    None
}

/// Whether the phrase that opens a title's rest, up to its first preposition, names a
/// procedure: it starts with a training word ("PELA: Learning Parameter-Efficient Models
/// with ...") or its head noun is a method head ("MATES: Model-Aware Data Selection for ...").
fn leading_phrase_is_procedure(rest: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "for", "with", "via", "in", "of", "on", "from", "by", "using", "through", "towards",
        "toward", "without", "beyond", "across", "under", "to", "at", "as", "into",
    ];
    const OPENING: &[&str] = &[
        "learning",
        "training",
        "pre-training",
        "pretraining",
        "fine-tuning",
        "finetuning",
        "tuning",
        "distilling",
        "pruning",
        "prompting",
    ];
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| trim_word(w).to_lowercase())
        .skip_while(|w| matches!(w.as_str(), "a" | "an" | "the"))
        .take_while(|w| !PREPOSITIONS.contains(&w.as_str()))
        .collect();
    let (Some(first), Some(head)) = (words.first(), words.last()) else {
        return false;
    };
    let last_part = head.rsplit('-').next().unwrap_or(head);
    let method_head = |w: &str| {
        heads::type_of_head(w) == Some(EntityType::Method)
            || described_head(w) == Some(EntityType::Method)
    };
    OPENING.contains(&first.as_str()) || method_head(head) || method_head(last_part)
}

fn proposals(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in PROPOSAL.captures_iter(text) {
        let Some(phrase) = caps.get(1) else { continue };
        let phrase_text = phrase.as_str();
        let phrase_type = heads::type_of_phrase(phrase_text);
        let (start, end) = if let Some(c) = CALLED.captures(phrase_text).and_then(|c| c.get(1)) {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else if let Some(c) = LEADING_NAME.captures(phrase_text).and_then(|c| c.get(1)) {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else if let Some(c) = APPOSITION_IN_PHRASE
            .captures(phrase_text)
            .and_then(|c| c.get(1))
        {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else {
            continue;
        };
        let entity_type = type_of_name(&text[start..end])
            .or_else(|| known_model_inside(extractor, &text[start..end]).map(|_| EntityType::Model))
            .or(phrase_type.filter(|t| *t != EntityType::Metric && *t != EntityType::Task))
            .unwrap_or(EntityType::Model);
        add(
            extractor,
            out,
            Discovered {
                field,
                start,
                end,
                text,
                entity_type,
                found_by: FoundBy::Proposal,
                confidence: 0.8,
                introduced: true,
                derived_from: None,
            },
        );
    }
}

fn appositions(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in APPOSITION.captures_iter(text) {
        let (Some(name), Some(between), Some(head)) = (caps.get(1), caps.get(2), caps.get(3))
        else {
            continue;
        };
        let Some(entity_type) = heads::type_of_head(head.as_str()) else {
            continue;
        };
        let introduced = caps[0].contains(", our ")
            || between.as_str().contains("new ")
            || between.as_str().contains("novel ");
        add(
            extractor,
            out,
            Discovered {
                field,
                start: name.start(),
                end: name.end(),
                text,
                entity_type,
                found_by: FoundBy::Apposition,
                confidence: 0.7,
                introduced,
                derived_from: None,
            },
        );
    }
}

fn collections(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in COLLECTION.captures_iter(text) {
        let Some(name) = caps.get(1) else { continue };
        add(
            extractor,
            out,
            Discovered {
                field,
                start: name.start(),
                end: name.end(),
                text,
                entity_type: EntityType::Dataset,
                found_by: FoundBy::NamedCollection,
                confidence: 0.75,
                introduced: false,
                derived_from: None,
            },
        );
    }
}

fn evaluated_on(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in EVALUATED_ON.captures_iter(text) {
        let Some(list) = caps.get(1) else { continue };
        for token in TOKEN.find_iter(list.as_str()) {
            let name = token.as_str();
            let shaped = name.chars().filter(|c| c.is_uppercase()).count() >= 2
                || name.chars().any(|c| c.is_ascii_digit())
                    && name.chars().any(char::is_alphabetic);
            if !shaped {
                continue;
            }
            add(
                extractor,
                out,
                Discovered {
                    field,
                    start: list.start() + token.start(),
                    end: list.start() + token.end(),
                    text,
                    entity_type: EntityType::Dataset,
                    found_by: FoundBy::EvaluatedOn,
                    confidence: 0.6,
                    introduced: false,
                    derived_from: None,
                },
            );
        }
    }
}

/// Model-like tokens: a composite built on a known model ("SAM-Adapter", "TinySAM",
/// "MobileSAM"), or a name with a size suffix ("Foo-7B").
fn model_like(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for token in TOKEN.find_iter(text) {
        let (start, end) = (token.start(), token.end());
        let name = token.as_str();
        if text[..start].ends_with(is_word_char) || text[end..].starts_with(is_word_char) {
            continue;
        }
        if out
            .iter()
            .any(|c| c.field == field && start < c.end && c.start < end)
        {
            continue;
        }
        let base = known_model_inside(extractor, name);
        if base.is_none() && !SIZED.is_match(name) {
            continue;
        }
        let entity_type = if base.is_none() && after_data_noun(&text[..start]) {
            EntityType::Dataset
        } else {
            EntityType::Model
        };
        add(
            extractor,
            out,
            Discovered {
                field,
                start,
                end,
                text,
                entity_type,
                found_by: FoundBy::ModelLike,
                confidence: 0.7,
                introduced: false,
                derived_from: base,
            },
        );
    }
}

/// Whether the text before a sized name ends with a data noun: "large-scale data Time-300B"
/// names a corpus of 300B points, not a 300B-parameter model.
fn after_data_noun(before: &str) -> bool {
    const DATA_NOUNS: &[&str] = &["data", "dataset", "corpus", "benchmark", "collection"];
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| DATA_NOUNS.contains(&trim_word(w).to_lowercase().as_str()))
}

/// The canonical name of a dictionary model that a composite token is built on: a hyphen
/// part ("SAM-Adapter"), or a CamelCase prefix or suffix ("MobileSAM", "SAMNet").
fn known_model_inside(extractor: &Extractor, token: &str) -> Option<String> {
    let dictionary = extractor.dictionary();
    let model_named = |part: &str| -> Option<String> {
        dictionary
            .by_alias(part)
            .iter()
            .map(|&id: &EntryId| dictionary.entry(id))
            .find(|e| {
                e.entity_type == EntityType::Model && e.aliases.iter().any(|a| a.text == part)
            })
            .map(|e| e.canonical.clone())
    };
    if token.contains('-') {
        for part in token.split('-') {
            if part.len() >= 2 && part != token {
                if let Some(found) = model_named(part) {
                    return Some(found);
                }
            }
        }
        return None;
    }
    let boundaries: Vec<usize> = token
        .char_indices()
        .skip(1)
        .filter(|&(i, c)| {
            let prev = token[..i].chars().next_back().unwrap_or(' ');
            c.is_uppercase() && prev.is_lowercase()
        })
        .map(|(i, _)| i)
        .collect();
    for &b in &boundaries {
        for part in [&token[b..], &token[..b]] {
            if part.chars().count() >= 3 {
                if let Some(found) = model_named(part) {
                    return Some(found);
                }
            }
        }
    }
    None
}

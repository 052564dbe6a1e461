//! Discovery of names that no dictionary knows, from the way abstracts introduce them:
//! the title's "Name: ..." prefix, "we propose X", "X, a ... model", "the X dataset",
//! "on X" after evaluation verbs, and model-like tokens such as "SAM-Adapter" or "Foo-7B".
//!
//! Context words decide the type; what the paper itself proposes is marked introduced.

use super::boundary::glued;
use super::candidates::{Candidate, Target};
use super::greedy_tail::GreedyTail;
use super::typing::{after_data_noun, known_model_inside, title_type, type_of_name};
use super::{heads, Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, Lexicon, Words};
use regex::Regex;
use std::sync::LazyLock;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex: {e}"))
}

/// A name token: starts with a capital or digit, may hold hyphens, dots, slashes and plus signs.
const NAME: &str = r"[\p{Lu}0-9][\p{L}0-9]*(?:[-.+/][\p{L}0-9]+)*\+*";

/// The discovery patterns whose words come from the lexicon (proposal verbs, naming words,
/// apposition heads, collection nouns, evaluation cues), so that `--dictionaries DIR` reads
/// them from `DIR/lexicon/` like every other list. Built once per extractor.
#[derive(Debug)]
pub(crate) struct Patterns {
    /// "we propose ...", "this paper introduces ...", "by introducing ...": group 1 is what
    /// follows, up to the end of the clause.
    proposal: GreedyTail,
    /// "called X", "dubbed X", "namely X": group 1 is the name.
    called: Regex,
    /// "our method, dubbed X": group 1 is the noun named, group 2 the name.
    own_naming: Regex,
    /// "X, a ... model": group 1 the name, group 2 the words between, group 3 the head.
    apposition: Regex,
    /// "the X dataset": group 1 the name.
    collection: Regex,
    /// "evaluated ... on X, Y and Z": group 1 the list.
    evaluated_on: Regex,
    /// What every match of `evaluated_on` holds: "on", perhaps "the", and a name's first
    /// character. Most fields lack it, and checking it costs a fraction of `evaluated_on`'s
    /// search, so a field without it skips the pattern. Widen it with the pattern.
    evaluated_on_gate: Regex,
    /// Whether no match of `evaluated_on` can hold ". " or ";" (true unless an evaluation cue
    /// holds a dot or a semicolon), so that the pattern may read only the pieces of a text
    /// between those that hold a gate match. See [`evaluated_on`].
    evaluated_on_in_pieces: bool,
    /// The words right before a long form that make it the paper's own proposal: "we
    /// propose", "we introduce a novel", "by introducing" (matched at the end of the text
    /// before the long form).
    pub(crate) proposed_before: Regex,
    /// The verb forms of `method-verbs.txt` ("distilled"), in any ASCII case: a field that
    /// holds none skips the method-verb rule. `None` only if the automaton could not be
    /// built; the rule then looks for each form on its own.
    pub(crate) method_verb_forms: Option<aho_corasick::AhoCorasick>,
}

/// A regex alternation of a lexicon list, longest words first (so a longer word wins where
/// one is a prefix of another).
fn alternation(lexicon: &Lexicon, words: Words) -> String {
    let mut list: Vec<&str> = lexicon.words(words).collect();
    list.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    list.iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

impl Patterns {
    /// Builds the patterns from the lexicon's lists. The lists hold only validated words, so
    /// an error here is a bug, reported rather than a panic.
    pub(crate) fn new(lexicon: &Lexicon) -> Result<Patterns, regex::Error> {
        let verbs = alternation(lexicon, Words::ProposalVerbs);
        let adverbs = alternation(lexicon, Words::ProposalAdverbs);
        let gerunds = alternation(lexicon, Words::ProposalGerunds);
        let selves = alternation(lexicon, Words::SelfReferences);
        let naming = alternation(lexicon, Words::NamingParticiples);
        let heads = alternation(lexicon, Words::AppositionHeads);
        let collections = alternation(lexicon, Words::CollectionNouns);
        let cues = alternation(lexicon, Words::EvaluationCues);
        let long_verbs = alternation(lexicon, Words::LongFormProposalVerbs);
        let long_gerunds = alternation(lexicon, Words::LongFormProposalGerunds);
        let novelty = alternation(lexicon, Words::NoveltyAdjectives);
        // A cue counts in lower case or in capitals ("SOTA"), not capitalised at a sentence
        // start, where "Experiments on X" is often no evaluation.
        let cues = format!("{cues}|{}", cues.to_uppercase());
        Ok(Patterns {
            proposal: GreedyTail::new(&format!(
                r"(?:\b(?:[Ww]e|[Tt]his (?:{selves})|[Ii]n this (?:{selves}), we) (?:(?:{adverbs}) )?(?:{verbs})s?|\bby (?:{gerunds}))\b([^.;:()]{{0,160}})"
            ))?,
            called: Regex::new(&format!(
                r"\b(?:{naming})\s+(?:as\s+)?(?:\\textbf\{{|\\emph\{{|\\textit\{{)?({NAME}(?: (?:[0-9][\w.]*|v[0-9][\w.]*|[\p{{Lu}}0-9]{{2,}}\b))?)"
            ))?,
            own_naming: Regex::new(&format!(
                r"\b[Oo]ur (?:[\w-]+ ){{0,3}}?([\w-]+),? (?:{naming}) (?:as )?(?:\\textbf\{{|\\emph\{{|\\textit\{{)?({NAME})"
            ))?,
            apposition: Regex::new(&format!(
                r"\b({NAME}), (?:a|an|our) ((?:[\w-]+ ){{0,6}}?)({heads})s?\b"
            ))?,
            collection: Regex::new(&format!(
                r"\b[Tt]he (?:[a-z][a-z-]+ ){{0,2}}({NAME}(?: {NAME}){{0,3}}) (?:[a-z]+ )?({collections})s?\b"
            ))?,
            evaluated_on: Regex::new(&format!(
                r"\b(?:{cues})\b[^.;]{{0,40}}?\bon ((?:the )?{NAME}(?:(?:, | and |, and )(?:the )?{NAME}){{0,6}})"
            ))?,
            // "on", perhaps "the", and the first character of a NAME.
            evaluated_on_gate: Regex::new(r"\bon (?:the )?[\p{Lu}0-9]")?,
            evaluated_on_in_pieces: !lexicon
                .words(Words::EvaluationCues)
                .any(|cue| cue.contains(['.', ';'])),
            proposed_before: Regex::new(&format!(
                r"(?:\b[Ww]e (?:{long_verbs})|\bby (?:{long_gerunds}))(?: (?:a|an|the))?(?: (?:{novelty}))?\s*$"
            ))?,
            method_verb_forms: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(method_verb_forms(lexicon))
                .ok(),
        })
    }
}

/// The verb forms of the lexicon's method verbs: the first word of each "verb noun" line.
pub(crate) fn method_verb_forms(lexicon: &Lexicon) -> impl Iterator<Item = &str> {
    lexicon
        .words(Words::MethodVerbs)
        .filter_map(|line| line.split_once(' '))
        .map(|(form, _)| form)
}

/// "we term our global localization pipeline X", "we call this method X": group 1 is the
/// verb (a naming verb from the lexicon), group 2 the noun named, group 3 the name.
static WE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b[Ww]e ([a-z]+) (?:our|the|this|these) (?:[\w-]+ ){{0,3}}?([\w-]+),? (?:as |to as )?(?:\\textbf\{{|\\emph\{{|\\textit\{{)?({NAME})"
    ))
});

static LEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^\s*(?:(?:a|an|the|our)\s+)?(?:\\textbf\{{|\\emph\{{|\\textit\{{|\\textsc\{{)?({NAME})\}}?(?:\s*\(|,|\s+(?:which|that|to|for|as|a|an|-|–|—)\b|\s*$)"
    ))
});

/// Two to four capitalised words right after a proposal verb, ended by a comma or
/// "which"/"that" (a parenthesis is a definition, read by `definitions`): group 1 is the name.
static PHRASE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^\s*(?:(?:a|an|the)\s+)?(\p{Lu}[\p{L}0-9]*(?:-[\p{L}0-9]+)*(?:\s+\p{Lu}[\p{L}0-9]*(?:-[\p{L}0-9]+)*){1,3})(?:,|\s+(?:which|that)\b)",
    )
});

static APPOSITION_IN_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?:,|\s[-–—])\s*({NAME})\s*(?:,|$)")));

/// An article, up to two lower-case modifiers, then two to six capitalised words and the word
/// after them: "an Environment Perception Module", "a novel Visual Manipulation stage".
/// Group 1 is the name, group 2 the lower-case word after it (if any).
static COMPONENT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?:[Aa]n?|[Tt]he|[Oo]ur)\s+(?:[a-z][a-z-]+\s+){0,2}((?:\p{Lu}[\p{L}0-9]*(?:-[\p{L}0-9]+)*\s+){1,5}\p{Lu}[\p{L}0-9]*(?:-[\p{L}0-9]+)*)(?:\s*\([^()]{1,16}\))?,?(?:\s+(?:a\s+|an\s+)?([a-z]+))?",
    )
});

static TOKEN: LazyLock<Regex> = LazyLock::new(|| regex(NAME));

/// A letter of `\p{Lu}`, for characters outside ASCII (the regex crate's own table).
static UPPER_LETTER: LazyLock<Regex> = LazyLock::new(|| regex(r"\A\p{Lu}"));
/// A letter of `\p{L}`, for characters outside ASCII.
static LETTER: LazyLock<Regex> = LazyLock::new(|| regex(r"\A\p{L}"));

/// The spans of [`TOKEN`]'s matches in `text`, as `TOKEN.find_iter` gives them, found by a
/// hand scan: [`NAME`] has one way to match from each start (its parts are greedy, optional
/// after the first character, and its separators are no letters), so the leftmost start
/// and the longest run from it make the match. ASCII is classified by byte; other
/// characters by the regex crate's classes.
fn name_tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // The character at `i` and its length, if it is in the class (`upper`: `[\p{Lu}0-9]`,
    // else `[\p{L}0-9]`).
    let class_len = move |i: usize, upper: bool| -> Option<usize> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            let ok =
                b.is_ascii_digit() || b.is_ascii_uppercase() || (!upper && b.is_ascii_lowercase());
            return ok.then_some(1);
        }
        let rest = text.get(i..)?;
        let c = rest.chars().next()?;
        let class: &Regex = if upper { &UPPER_LETTER } else { &LETTER };
        class.is_match(rest).then_some(c.len_utf8())
    };
    let run = move |mut i: usize| {
        while let Some(len) = class_len(i, false) {
            i += len;
        }
        i
    };
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            let start = pos;
            let Some(len) = class_len(start, true) else {
                pos += text[pos..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let mut end = run(start + len);
            while matches!(bytes.get(end), Some(b'-' | b'.' | b'+' | b'/'))
                && class_len(end + 1, false).is_some()
            {
                end = run(end + 1);
            }
            while bytes.get(end) == Some(&b'+') {
                end += 1;
            }
            pos = end;
            return Some((start, end));
        }
        None
    })
}

static SIZED: LazyLock<Regex> = LazyLock::new(|| regex(r"-\d+(?:\.\d+)?[BM]\b"));

/// Runs every discovery rule over one field, adding candidates that do not overlap an existing
/// one. A rule that lands exactly on an existing candidate marks it introduced instead.
pub(crate) fn discover(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    if field == Field::Title {
        title_name(extractor, text, out);
    }
    proposals(extractor, field, text, out);
    own_namings(extractor, field, text, out);
    appositions(extractor, field, text, out);
    collections(extractor, field, text, out);
    evaluated_on(extractor, field, text, out);
    components(extractor, field, text, out);
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

struct Discovered<'a> {
    field: Field,
    start: usize,
    end: usize,
    text: &'a str,
    entity_type: EntityType,
    found_by: FoundBy,
    introduced: bool,
    derived_from: Option<String>,
    /// Whether the text said the type, or the rule guessed the likeliest one.
    guessed: bool,
}

fn add(extractor: &Extractor, out: &mut Vec<Candidate>, d: Discovered<'_>) {
    let name = d.text[d.start..d.end].trim_end_matches(['.', ',']);
    let end = d.start + name.len();
    if !is_name(extractor, name) {
        return;
    }
    let (confidence, evidence) = if d.guessed {
        (
            d.found_by.guessed_confidence(),
            guessed_evidence(d.found_by, d.entity_type),
        )
    } else {
        (
            d.found_by.confidence(),
            format!("{} rule", d.found_by.as_str()),
        )
    };
    let mut overlapped = false;
    for c in out
        .iter_mut()
        .filter(|c| c.field == d.field && d.start < c.end && c.start < end)
    {
        overlapped = true;
        if d.introduced && c.start == d.start && !matches!(c.target, Target::Url { .. }) {
            c.introduced = true;
            if c.end == end {
                own_introduction(c, d.found_by, confidence, &evidence);
            }
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
        confidence,
        introduced: d.introduced,
        evidence,
    });
}

/// A discovered name must look like one: not generic, not a common word, not a bare number,
/// and with a capital letter or digit beyond its first character or a CamelCase shape.
fn is_name(extractor: &Extractor, name: &str) -> bool {
    let lexicon = extractor.dictionary().lexicon();
    let lower = name.to_lowercase();
    if name.chars().count() < 2 || lexicon.has(Words::NotNames, &lower) || lexicon.is_venue(name) {
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
    if lexicon.has_lower(Words::NotNames, first_word) {
        return false;
    }
    // "YOLO-Based", "DETR-based": a modifier built on a name, not a name.
    let last_part = name.rsplit(['-', ' ']).next().unwrap_or(name);
    if name.contains('-') && lexicon.has_lower(Words::PhraseStopSuffixes, last_part) {
        return false;
    }
    let marked = name
        .chars()
        .skip(1)
        .any(|c| c.is_uppercase() || c.is_ascii_digit());
    marked || name.contains(' ')
}

/// The type an introducing rule gives a name it cannot type from the text: a paper's own
/// named framework or system is most often a trainable model (GUIDELINES), so a model, with
/// a lower confidence and an evidence that says so.
pub(crate) const LIKELIEST: EntityType = EntityType::Model;

/// The type an introducing rule gives a name, with the confidence and evidence that go with
/// it: lower when the text did not say.
struct Reading {
    entity_type: EntityType,
    confidence: f32,
    evidence: String,
}

impl Reading {
    fn of(found_by: FoundBy, said: Option<EntityType>) -> Reading {
        match said {
            Some(entity_type) => Reading {
                entity_type,
                confidence: found_by.confidence(),
                evidence: format!("{} rule", found_by.as_str()),
            },
            None => Reading::guessed(found_by, LIKELIEST),
        }
    }

    /// A type guessed, not said: the lower confidence and an evidence that says so.
    fn guessed(found_by: FoundBy, entity_type: EntityType) -> Reading {
        Reading {
            entity_type,
            confidence: found_by.guessed_confidence(),
            evidence: guessed_evidence(found_by, entity_type),
        }
    }
}

/// A name matched from another paper of the run that this paper introduces itself: its own
/// introduction is the better explanation, with its confidence.
fn own_introduction(c: &mut Candidate, found_by: FoundBy, confidence: f32, evidence: &str) {
    if c.found_by == FoundBy::Corpus {
        c.found_by = found_by;
        c.confidence = confidence;
        c.evidence = evidence.to_string();
    }
}

/// The evidence of a name whose type the text does not say.
fn guessed_evidence(found_by: FoundBy, entity_type: EntityType) -> String {
    format!(
        "{} rule; the text does not say what it is: a {entity_type}, the likeliest",
        found_by.as_str()
    )
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
    // "Zorb-VL Technical Report: ..." reports on Zorb-VL.
    let raw = raw.strip_suffix(" Technical Report").unwrap_or(raw);
    let name = raw.trim();
    let start = piece_start + (raw.len() - raw.trim_start().len());
    let words = name.split_whitespace().count();
    let single_capitalised = words == 1 && name.starts_with(char::is_uppercase);
    // One word that starts in lower case but has a capital inside is a coined name too
    // ("pi-Flow", "mmWalk", "iMoWM").
    let lower_initial_name = words == 1
        && name.starts_with(char::is_lowercase)
        && name.chars().skip(1).any(char::is_uppercase);
    if words == 0
        || words > 3
        || !(lower_initial_name
            || name
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())))
    {
        return;
    }
    let lexicon = extractor.dictionary().lexicon();
    // A phrase opened by a gerund is a clause, not a name: "Connecting Giants: ...",
    // "Achieving Meaningful Collaboration: ...".
    let gerund_phrase = words > 1
        && name
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with("ing") && w.chars().skip(1).all(char::is_lowercase));
    if gerund_phrase {
        return;
    }
    let plain_word_name = single_capitalised && !lexicon.has_lower(Words::NotNames, name);
    if (!is_name(extractor, name) && !plain_word_name) || lexicon.is_venue(name) {
        return;
    }
    let rest = &title[colon + 1..];
    if survey_title(lexicon, rest) {
        return;
    }
    let said = known_model_inside(extractor, name)
        .map(|_| EntityType::Model)
        .or_else(|| type_of_name(name))
        .or_else(|| title_type(lexicon, rest));
    // A phrase of ordinary words ("Noise Projection") names a technique more often than a
    // trained artifact, which gets a coined name: with nothing else said, a method (guessed).
    let plain_phrase = words > 1
        && name
            .split_whitespace()
            .all(|w| w.chars().skip(1).all(|c| c.is_lowercase() || c == '-'));
    if plain_phrase && said.is_none() && !noun_phrase(lexicon, name) {
        return;
    }
    let reading = match said {
        None if plain_phrase => Reading::guessed(FoundBy::TitleName, EntityType::Method),
        _ => Reading::of(FoundBy::TitleName, said),
    };
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
            if c.end == end {
                own_introduction(c, FoundBy::TitleName, reading.confidence, &reading.evidence);
            }
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
            entity_type: reading.entity_type,
            name: name.to_string(),
            derived_from: None,
        },
        found_by: FoundBy::TitleName,
        confidence: reading.confidence,
        introduced: true,
        evidence: reading.evidence,
    });
}

/// Whether the title after its colon says the paper is a survey, tutorial or review
/// ("Zorb Learning: A Survey"): the piece before the colon is the topic it reviews, a field
/// the paper neither proposes nor names as an entity.
fn survey_title(lexicon: &Lexicon, rest: &str) -> bool {
    let lower = rest.trim_start().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    matches!(words.as_slice(), ["a" | "an", kind] if lexicon.has(Words::SurveyKinds, kind))
}

/// Whether a phrase of ordinary words reads as a noun phrase, the shape of a technique's name
/// ("Noise Projection", "Point Prompting", "Fully Zorbic Fusion"), rather than a clause or
/// slogan: no adverb before a verb form or at the end ("Virtually Being"), no closing past
/// participle ("Interestingness Decoded", "X Revisited") and no closing particle ("Eyes Wide
/// Open").
fn noun_phrase(lexicon: &Lexicon, name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let verb_form = |w: &str| w.len() > 4 && (w.ends_with("ing") || w.ends_with("ed"));
    let adverb = words.iter().enumerate().any(|(i, w)| {
        w.len() > 4
            && w.ends_with("ly")
            && !lexicon.has(Words::NotAdverbs, w)
            && words.get(i + 1).is_none_or(|next| verb_form(next))
    });
    let last = words.last().copied().unwrap_or_default();
    let participle = last.len() > 4 && last.ends_with("ed") && !last.ends_with("eed");
    !(adverb || participle || lexicon.has(Words::SloganClosers, last))
}

/// "our method, dubbed X": an introduced name, typed by the noun it names (a vague or unknown
/// noun leaves the likeliest type, with a lower confidence).
fn own_namings(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    let ours = extractor
        .patterns()
        .own_naming
        .captures_iter(text)
        .filter_map(|caps| Some((caps.get(1)?, caps.get(2)?)));
    // "we term our pipeline X": the same naming, said with a verb.
    let we_name = WE_NAME.captures_iter(text).filter_map(|caps| {
        let verb = caps.get(1)?.as_str();
        lexicon
            .has(Words::NamingVerbs, verb)
            .then_some((caps.get(2)?, caps.get(3)?))
    });
    for (noun, name) in ours.chain(we_name) {
        let said = type_of_name(name.as_str())
            .or_else(|| known_model_inside(extractor, name.as_str()).map(|_| EntityType::Model))
            .or_else(|| {
                heads::type_of_head(lexicon, noun.as_str())
                    .filter(|_| !lexicon.has_lower(Words::VagueHeads, noun.as_str()))
            })
            .filter(|t| *t != EntityType::Metric && *t != EntityType::Task);
        add(
            extractor,
            out,
            Discovered {
                field,
                start: name.start(),
                end: name.end(),
                text,
                entity_type: said.unwrap_or(LIKELIEST),
                found_by: FoundBy::Proposal,
                introduced: true,
                derived_from: None,
                guessed: said.is_none(),
            },
        );
    }
}

/// A name given further on in a proposal's sentence than the proposal pattern reads: "we
/// propose a novel framework that unifies ... (a long description) ..., dubbed Zorbit". The
/// naming participle ("dubbed", "called") must be in the same sentence; the span found is
/// the name's, in `text`.
fn called_later(extractor: &Extractor, text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let end = [". ", "; "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let sentence = rest.get(..end)?;
    let name = extractor.patterns().called.captures(sentence)?.get(1)?;
    Some((from + name.start(), from + name.end()))
}

fn proposals(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for phrase in extractor.patterns().proposal.group1_spans(text) {
        let phrase_text = phrase.as_str();
        let phrase_type =
            heads::telling_type_of_phrase(extractor.dictionary().lexicon(), phrase_text);
        let (start, end) = if let Some(c) = extractor
            .patterns()
            .called
            .captures(phrase_text)
            .and_then(|c| c.get(1))
        {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else if let Some(c) = LEADING_NAME.captures(phrase_text).and_then(|c| c.get(1)) {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else if let Some(c) = APPOSITION_IN_PHRASE
            .captures(phrase_text)
            .and_then(|c| c.get(1))
        {
            (phrase.start() + c.start(), phrase.start() + c.end())
        } else if let Some(span) = called_later(extractor, text, phrase.start()) {
            span
        } else {
            proposed_phrase_name(extractor, field, text, phrase.start(), out);
            continue;
        };
        let said = type_of_name(&text[start..end])
            .or_else(|| known_model_inside(extractor, &text[start..end]).map(|_| EntityType::Model))
            .or(phrase_type.filter(|t| *t != EntityType::Metric && *t != EntityType::Task));
        add(
            extractor,
            out,
            Discovered {
                field,
                start,
                end,
                text,
                entity_type: said.unwrap_or(LIKELIEST),
                found_by: FoundBy::Proposal,
                introduced: true,
                derived_from: None,
                guessed: said.is_none(),
            },
        );
    }
}

/// A proposal of a name of two to four capitalised words: "we introduce Class Zorbs, which
/// ...", "we present Latent Blorping, a method ...". Typed by a known model as its last word
/// ("Global Spatiotemporal Mamba"), else by its head noun; a task or metric head is no
/// proposal of a thing. With no telling head, a descriptive name of several words is most
/// likely a technique: a method, with a lower confidence (the apposition after it, read by
/// the typing of introduced names, may still say otherwise).
fn proposed_phrase_name(
    extractor: &Extractor,
    field: Field,
    text: &str,
    phrase_start: usize,
    out: &mut Vec<Candidate>,
) {
    let Some(name) = PHRASE_NAME
        .captures(&text[phrase_start..])
        .and_then(|c| c.get(1))
    else {
        return;
    };
    let dictionary = extractor.dictionary();
    let last = name.as_str().rsplit(' ').next().unwrap_or_default();
    let model_last = dictionary
        .by_alias(last)
        .iter()
        .any(|&id| dictionary.entry(id).entity_type == EntityType::Model);
    let said = if model_last {
        Some(EntityType::Model)
    } else {
        heads::type_of_long_form(dictionary.lexicon(), name.as_str())
    };
    let lexicon = dictionary.lexicon();
    let task_head = lexicon.has_lower(Words::PhraseTaskHeads, last)
        || lexicon.has_lower(Words::PhraseTitleTaskHeads, last);
    if task_head || matches!(said, Some(EntityType::Task | EntityType::Metric)) {
        return;
    }
    add(
        extractor,
        out,
        Discovered {
            field,
            start: phrase_start + name.start(),
            end: phrase_start + name.end(),
            text,
            entity_type: said.unwrap_or(EntityType::Method),
            found_by: FoundBy::Proposal,
            introduced: true,
            derived_from: None,
            guessed: said.is_none(),
        },
    );
}

fn appositions(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in extractor.patterns().apposition.captures_iter(text) {
        let (Some(name), Some(between), Some(head)) = (caps.get(1), caps.get(2), caps.get(3))
        else {
            continue;
        };
        let lexicon = extractor.dictionary().lexicon();
        let Some(entity_type) = heads::type_of_head(lexicon, head.as_str()) else {
            continue;
        };
        // "Furthermore, on Zorb-256, our model ...": after "on" or "across" the name is where
        // something is evaluated, not what the description describes ("with X, a framework"
        // still is one).
        let word_before = text[..name.start()].split_whitespace().next_back();
        if word_before.is_some_and(|w| matches!(w, "on" | "On" | "across" | "Across")) {
            continue;
        }
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
                introduced,
                derived_from: None,
                guessed: false,
            },
        );
    }
}

fn collections(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in extractor.patterns().collection.captures_iter(text) {
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
                introduced: false,
                derived_from: None,
                guessed: false,
            },
        );
    }
}

/// "evaluated on X, Y and Z": each shaped name of the list is a dataset.
///
/// Every match of the pattern holds a match of its gate ("on" and a name's first character),
/// and none holds ";" or ". " (a dot in it is always followed by a letter or digit). So the
/// matches of a text are the matches of its pieces between those separators (the `\b`s read
/// a piece's edge like the separator beside it), and only a piece with a gate match can
/// hold one: the pattern reads those pieces only.
fn evaluated_on(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let patterns = extractor.patterns();
    let mut searched = 0;
    for gate in patterns.evaluated_on_gate.find_iter(text) {
        if gate.start() < searched {
            continue;
        }
        let (from, to) = if patterns.evaluated_on_in_pieces {
            piece_around(text, gate.start())
        } else {
            (0, text.len())
        };
        evaluated_on_in(extractor, field, text, (from, to), out);
        searched = to;
    }
}

/// The piece of `text` around byte `at` between the separators ";" and ". " (exclusive).
fn piece_around(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let from = [
        before.rfind(';').map(|i| i + 1),
        before.rfind(". ").map(|i| i + 2),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let after = &text[at..];
    let to = [after.find(';'), after.find(". ")]
        .into_iter()
        .flatten()
        .min()
        .map_or(text.len(), |i| at + i);
    (from, to)
}

/// The `evaluated_on` matches of `text[from..to]`, added as datasets.
fn evaluated_on_in(
    extractor: &Extractor,
    field: Field,
    text: &str,
    (from, to): (usize, usize),
    out: &mut Vec<Candidate>,
) {
    for caps in extractor
        .patterns()
        .evaluated_on
        .captures_iter(&text[from..to])
    {
        let Some(list) = caps.get(1) else { continue };
        let list_start = from + list.start();
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
                    start: list_start + token.start(),
                    end: list_start + token.end(),
                    text,
                    entity_type: EntityType::Dataset,
                    found_by: FoundBy::EvaluatedOn,
                    introduced: false,
                    derived_from: None,
                    guessed: false,
                },
            );
        }
    }
}

/// Named parts of the paper's method, written in Title Case after an article: a name whose
/// last word is a component head ("an Environment Perception Module") or that a component
/// noun follows ("a Contextual Layout Anchoring mechanism"). Such a part is a method
/// (GUIDELINES: a named module or technique that is not itself a model). The name replaces
/// shorter candidates inside it ("Soft Supervision" in "Semantic-Aware Soft Supervision").
fn components(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    if field != Field::Abstract {
        return;
    }
    if !may_hold_component(text) {
        return;
    }
    let lexicon = extractor.dictionary().lexicon();
    for caps in COMPONENT.captures_iter(text) {
        let Some(name) = caps.get(1) else { continue };
        let words: Vec<&str> = name.as_str().split_whitespace().collect();
        let last = words.last().copied().unwrap_or_default();
        let by_head = lexicon.has_lower(Words::ComponentHeads, last);
        let by_noun = caps
            .get(2)
            .is_some_and(|n| lexicon.has(Words::ComponentNouns, n.as_str()));
        if !(by_head || by_noun) || !component_words(extractor, &words) {
            continue;
        }
        let (start, end) = (name.start(), name.end());
        if out.iter().any(|c| {
            c.field == field && start < c.end && c.start < end && (c.start < start || c.end > end)
        }) {
            continue;
        }
        out.retain(|c| !(c.field == field && start <= c.start && c.end <= end));
        add(
            extractor,
            out,
            Discovered {
                field,
                start,
                end,
                text,
                entity_type: EntityType::Method,
                found_by: FoundBy::MethodHead,
                introduced: false,
                derived_from: None,
                guessed: false,
            },
        );
    }
}

/// Whether [`COMPONENT`] may match in `text`: false only for ASCII text with no capitalised
/// word (a run of letters, digits and hyphens that starts with a capital) followed by white
/// space and a capital. Every match has one: its name's first word, which white space
/// precedes, so it starts a run. Text with other characters is always searched.
fn may_hold_component(text: &str) -> bool {
    let bytes = text.as_bytes();
    if !bytes.is_ascii() {
        return true;
    }
    let in_run = |b: u8| b.is_ascii_alphanumeric() || b == b'-';
    // `\s` in ASCII, with the vertical tab that `u8::is_ascii_whitespace` leaves out.
    let space = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let mut i = 0;
    while i < bytes.len() {
        let run_start = i == 0 || !in_run(bytes[i - 1]);
        if !(run_start && bytes[i].is_ascii_uppercase()) {
            i += 1;
            continue;
        }
        let end = (i..bytes.len())
            .find(|&j| !in_run(bytes[j]))
            .unwrap_or(bytes.len());
        let next = (end..bytes.len())
            .find(|&j| !space(bytes[j]))
            .unwrap_or(bytes.len());
        if next > end && bytes.get(next).is_some_and(u8::is_ascii_uppercase) {
            return true;
        }
        i = end;
    }
    false
}

/// Whether the words of a Title Case phrase can name a component: none is a word that never
/// starts a name ("We", "The") or a venue, and none ends like a modifier ("GRPO-based").
fn component_words(extractor: &Extractor, words: &[&str]) -> bool {
    let lexicon = extractor.dictionary().lexicon();
    let generic = extractor.dictionary().is_generic(&words.join(" "));
    !generic
        && words.iter().all(|w| {
            let last_part = w.rsplit('-').next().unwrap_or(w).to_lowercase();
            let modifier = w.contains('-') && lexicon.has(Words::PhraseStopSuffixes, &last_part);
            !(lexicon.has_lower(Words::NotNames, w) || lexicon.is_venue(w) || modifier)
        })
}

/// Model-like tokens: a composite built on a known model ("SAM-Adapter", "TinySAM",
/// "MobileSAM"), or a name with a size suffix ("Foo-7B").
fn model_like(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for (start, end) in name_tokens(text) {
        let name = &text[start..end];
        if glued(text, start, end) {
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
        let entity_type = if base.is_none()
            && after_data_noun(extractor.dictionary().lexicon(), &text[..start])
        {
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
                introduced: false,
                derived_from: base,
                guessed: false,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Paper, PaperId};

    use crate::extract::testing::BUILTIN as EXTRACTOR;

    /// Conference and journal names are where papers appear, never entities, whichever rule
    /// meets them; a name that only starts like one is still a name.
    #[test]
    fn venues_are_never_entities() {
        let cases: &[(&str, &str)] = &[
            ("ICLR: Lessons from a Decade of Reviews", "We study reviews."),
            (
                "A test",
                "Experiments on NeurIPS 2024 and ICML papers show a trend in QuilNet usage.",
            ),
            (
                "A test",
                "We survey papers of the Conference on Computer Vision and Pattern Recognition (CVPR).",
            ),
            ("A test", "We propose ICLR'25, a model of peer review."),
        ];
        for &(title, text) in cases {
            let paper = Paper {
                id: PaperId::Local("t".into()),
                title: title.into(),
                abstract_text: text.into(),
                ..Paper::default()
            };
            let entities = EXTRACTOR.extract(&paper).entities;
            let venues: Vec<&str> = entities
                .iter()
                .map(|e| e.name.as_str())
                .filter(|n| {
                    ["ICLR", "NeurIPS", "ICML", "CVPR"]
                        .iter()
                        .any(|v| n.starts_with(v))
                })
                .collect();
            assert!(venues.is_empty(), "{title:?} / {text:?}: {entities:#?}");
        }
    }

    /// "the X dataset" with up to two lower-case words before the name and one after it.
    #[test]
    fn collections_name_datasets_past_their_adjectives() {
        use crate::dictionary::EntityType;
        let cases: &[(&str, &[&str])] = &[
            ("We test on the BlorpFactory dataset.", &["BlorpFactory"]),
            (
                "We test on the BlorpFactory motherboard dataset.",
                &["BlorpFactory"],
            ),
            (
                "Experiments on the challenging ZorbEgo4 benchmark.",
                &["ZorbEgo4"],
            ),
            ("We use the widely used Quix-9 corpus.", &["Quix-9"]),
            // A lower-case word is no name.
            ("We test on the motherboard dataset.", &[]),
        ];
        for &(text, want) in cases {
            let paper = crate::extract::testing::paper(text);
            let got = crate::extract::testing::names_of(&EXTRACTOR, &paper, EntityType::Dataset);
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// "our method, dubbed X" and "by introducing X" introduce X, typed by the noun named.
    #[test]
    fn own_namings_and_introducing_introduce_names() {
        use crate::dictionary::EntityType::{Method, Model};
        let cases: &[(&str, &str, crate::dictionary::EntityType)] = &[
            (
                "In tests, our method, dubbed QX-Blorp, wins.",
                "QX-Blorp",
                Method,
            ),
            ("Our new network termed ZorbTraj wins.", "ZorbTraj", Model),
            (
                r"Our framework, dubbed \textbf{ZorbTraj}. It wins.",
                "ZorbTraj",
                Model,
            ),
            (
                "We fix this by introducing QuixClip (a thing), which wins.",
                "QuixClip",
                Model,
            ),
            // Several capitalised words: a descriptive name, most likely a technique.
            (
                "We introduce Class Zorbs, which capture blorps.",
                "Class Zorbs",
                Method,
            ),
            (
                "We term our global zorbing pipeline Quix-GSF and test it.",
                "Quix-GSF",
                Method,
            ),
            (
                r"We introduce \textbf{ZorbT}, a separable orthogonal transform.",
                "ZorbT",
                Method,
            ),
            (
                "We present an efficient scheduling framework for retrieval - QuixMIR.",
                "QuixMIR",
                Method,
            ),
            // "dubbed" far after the proposal verb, still in its sentence, behind markup.
            (
                concat!(
                    r"We propose a novel framework that unifies comprehensive zorb ",
                    r"\textbf{P}erception and explicit \textbf{R}oute blorp modelling for ",
                    r"effective \textbf{Traj}ectory quix learning at scale, dubbed \textbf{ZorbTraj}. ",
                    "It wins."
                ),
                "ZorbTraj",
                Model,
            ),
            (
                concat!(
                    "We introduce a blorp scheme that aligns zorbs and quixes across many ",
                    "frobnic views and long glimmer sequences without any extra labels, ",
                    "called QuixAlign."
                ),
                "QuixAlign",
                Model,
            ),
        ];
        for &(text, name, want) in cases {
            let paper = crate::extract::testing::paper(text);
            let entities = EXTRACTOR.extract(&paper).entities;
            let found: Vec<_> = entities
                .iter()
                .filter(|e| e.name == name)
                .map(|e| (e.entity_type, e.introduced))
                .collect();
            assert_eq!(found, [(want, true)], "{text:?}: {entities:#?}");
        }
    }

    /// A naming participle in a later sentence than the proposal names nothing for it.
    #[test]
    fn a_later_sentence_names_nothing_for_a_proposal() {
        let text = concat!(
            "We propose a blorp scheme that aligns zorbs and quixes across many frobnic ",
            "views and long glimmer sequences without any extra labels or costs at all. ",
            "A prior zorb aligner, called OldQuix, fails."
        );
        let paper = crate::extract::testing::paper(text);
        let entities = EXTRACTOR.extract(&paper).entities;
        assert!(
            entities
                .iter()
                .all(|e| !(e.name == "OldQuix" && e.introduced)),
            "{entities:#?}"
        );
    }

    /// Title Case names of a paper's parts are methods: by their last word ("Module",
    /// "Encoder") or by the component noun after them ("mechanism", "stage", "(ACR) module");
    /// a sentence-initial phrase, a network, or a "-based" modifier is not one.
    #[test]
    fn title_case_components_are_methods() {
        use crate::dictionary::EntityType;
        let cases: &[(&str, &[&str])] = &[
            (
                "It first uses an Zorbic Perception Module to read maps.",
                &["Zorbic Perception Module"],
            ),
            (
                "Then a Quix Choice Encoder models routes.",
                &["Quix Choice Encoder"],
            ),
            (
                "We add a learnable Blorp Layout Anchoring (BLA) mechanism to it.",
                &["Blorp Layout Anchoring"],
            ),
            (
                "First, a Visual Zorbing stage trains it.",
                &["Visual Zorbing"],
            ),
            (
                "It has (2) Quix Fidelity Booster Block (QFBB), a module that fuses.",
                &["Quix Fidelity Booster Block"],
            ),
            ("We build a Zorbic Quix Network for it.", &[]),
            ("A second Quix-based Zorb stage follows.", &[]),
            ("Zorbic Perception Module is used.", &[]),
            // A proposed Title Case phrase with a task head names a task, not a method.
            ("We introduce Free-Form Zorb Generation, which blorps.", &[]),
        ];
        for &(text, want) in cases {
            let paper = crate::extract::testing::paper(text);
            let got = crate::extract::testing::names_of(&EXTRACTOR, &paper, EntityType::Method);
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// A title opened by a gerund phrase ("Zorbing Quix Giants: ...") names nothing, and a
    /// modifier built on a name ("ZORB-Based", "Quix-driven") is no name; a real title name
    /// still is one.
    #[test]
    fn clauses_and_modifiers_are_not_names() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Connecting Quix Giants: Blorp Transfer",
                "We study it.",
                &[],
            ),
            (
                "A test",
                "We build ZORB-Based trackers and Quix-driven planners.",
                &[],
            ),
            ("ZorbNet: Blorp Trackers", "We study it.", &["ZorbNet"]),
            // A plain phrase is a guessed method only when it reads as a noun phrase.
            (
                "Quix Projection: Blorp Trackers",
                "We study it.",
                &["Quix Projection"],
            ),
            ("Quix Wide Open: Blorp Trackers", "We study it.", &[]),
            ("Quix Zorbness Decoded: Blorp Trackers", "We study it.", &[]),
            ("Virtually Zorbing: Blorp Trackers", "We study it.", &[]),
            // An adverb before an adjective stays inside a noun phrase.
            (
                "Fully Zorbic Fusion: Blorp Trackers",
                "We study it.",
                &["Fully Zorbic Fusion"],
            ),
            ("Quix Matters: Blorp Trackers", "We study it.", &[]),
            // A survey's topic is no entity, whatever its shape.
            ("Zorb Learning: A Tutorial", "We study it.", &[]),
            ("ZorbNet: A Survey of Blorp Trackers", "We study it.", &[]),
            (
                "Zorb Learning: A Blorp Tracker",
                "We study it.",
                &["Zorb Learning"],
            ),
        ];
        for &(title, text, want) in cases {
            let paper = Paper {
                id: PaperId::Local("t".into()),
                title: title.into(),
                abstract_text: text.into(),
                ..Paper::default()
            };
            let got: Vec<String> = EXTRACTOR
                .extract(&paper)
                .entities
                .into_iter()
                .map(|e| e.name)
                .collect();
            assert_eq!(got, want, "{title:?} / {text:?}");
        }
    }
    #[test]
    fn name_tokens_are_the_token_pattern_matches() {
        let texts = [
            "ZorbNet-7B and Blorp-v2.1/3D+X beat C++ and A+B, iQuux, x.Y, 3D-ResNet/50.",
            "ÜberNet, Ωmega-Ⅻ, ǅemo, ٣D, Zorb–Blorp, ZORB++, Q-, R-.5, (S/T) UNet++-like",
            "",
            "no names at all here",
            "9",
        ];
        for text in texts {
            let want: Vec<(usize, usize)> = super::TOKEN
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            let got: Vec<(usize, usize)> = super::name_tokens(text).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// Reading only the pieces around gate matches finds what reading the whole text finds.
    #[test]
    fn evaluated_on_pieces_find_what_the_whole_text_finds() {
        let lexicon = crate::dictionary::Lexicon::builtin().unwrap_or_else(|e| panic!("{e}"));
        let patterns = super::Patterns::new(&lexicon).unwrap_or_else(|e| panic!("{e}"));
        assert!(patterns.evaluated_on_in_pieces);
        let text = "We evaluate on Zorb-1.5. Tests on Quux; results on the Frob, \
            Blorp v2.1 and Zap-3 sets. accuracy on X1;outperforms all on Y2. SOTA on E.g. Z3";
        let whole: Vec<(usize, usize)> = patterns
            .evaluated_on
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut pieces = Vec::new();
        let mut searched = 0;
        for gate in patterns.evaluated_on_gate.find_iter(text) {
            if gate.start() < searched {
                continue;
            }
            let (from, to) = super::piece_around(text, gate.start());
            let found = patterns.evaluated_on.find_iter(&text[from..to]);
            pieces.extend(found.map(|m| (from + m.start(), from + m.end())));
            searched = to;
        }
        assert!(whole.len() >= 5, "{whole:?}");
        assert_eq!(pieces, whole);
    }

    /// The component gate lets through every text the pattern matches in, and keeps out
    /// ASCII text without two capitalised words in a row.
    #[test]
    fn the_component_gate_holds_wherever_the_pattern_matches() {
        let matched = [
            "We add a Zorb Blorp module.",
            "an x-ray Quux-2D\x0bFrob (QF) block",
            "Our Zorb\tBlorp, a stage",
            "the Über Zorb layer",
        ];
        for text in matched {
            assert!(super::COMPONENT.is_match(text), "pattern: {text}");
            assert!(super::may_hold_component(text), "gate: {text}");
        }
        for text in [
            "We add a Zorb module. Blorp works",
            "a zorb-Blorp x. Quux",
            "A B",
        ] {
            assert!(!super::COMPONENT.is_match(text), "pattern: {text}");
        }
        for text in [
            "We add a Zorb module. blorp works",
            "all lower case",
            "Zorb- blorp",
        ] {
            assert!(!super::may_hold_component(text), "{text}");
        }
    }

    #[test]
    fn the_evaluated_on_gate_holds_wherever_the_pattern_matches() {
        let lexicon = crate::dictionary::Lexicon::builtin().unwrap_or_else(|e| panic!("{e}"));
        let patterns = super::Patterns::new(&lexicon).unwrap_or_else(|e| panic!("{e}"));
        let texts = [
            "We evaluate Zorbnet on the Quuxbench, Frob-3 and Blorp datasets.",
            "Experiments on 3DQux show gains. Results on the Zeta and Eta sets.",
            "SOTA accuracy on FOO-12; evaluated extensively on BarSet.",
            "We tested it in Quux and at Frob, with results over Blorp and for Zap.",
            "Evaluated on zorbnet, on the blorp set, and on  Quux.",
            "We evaluate on\nQuux and on\tFrob; experiments upon Zap.",
        ];
        let mut matched = 0;
        for text in texts {
            let found = patterns.evaluated_on.is_match(text);
            assert!(
                !found || patterns.evaluated_on_gate.is_match(text),
                "{text}"
            );
            matched += usize::from(found);
        }
        assert_eq!(matched, 2);
    }
}

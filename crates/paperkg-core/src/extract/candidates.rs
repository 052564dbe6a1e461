//! Collecting raw candidates from one paper: URLs, acronym definitions, dictionary hits,
//! corpus names and discovered names, before they are merged into entities.

use super::acronyms::{self, AcronymDef};
use super::dict_match::DictHit;
use super::{discovery, heads, urls, CorpusName, Extractor, Field, FoundBy, UrlKind};
use crate::corpus::Paper;
use crate::dictionary::{EntityType, EntryId};
use crate::text::is_word_char;
use aho_corasick::{AhoCorasick, MatchKind};

/// What a candidate refers to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    /// Dictionary entries (more than one for an unresolved ambiguous alias).
    Entries(Vec<EntryId>),
    /// A variant of a dictionary family.
    Variant { family: EntryId, label: String },
    /// A name no dictionary knows.
    Named {
        entity_type: EntityType,
        name: String,
        derived_from: Option<String>,
    },
    /// A URL.
    Url { url: String, kind: UrlKind },
}

/// One candidate mention, with byte offsets into its field.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) field: Field,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) target: Target,
    pub(crate) found_by: FoundBy,
    pub(crate) confidence: f32,
    pub(crate) introduced: bool,
    pub(crate) evidence: String,
}

/// What a locally defined short form means in this paper.
#[derive(Clone, Debug)]
pub(crate) enum Meaning {
    /// A dictionary entry (the long form is one of its aliases).
    Entry(EntryId),
    /// A new name typed by its head noun.
    Named(EntityType, String),
    /// A generic class or an unknown phrase: the short form is no entity here.
    Nothing,
}

/// A local definition with its resolved meaning.
#[derive(Clone, Debug)]
pub(crate) struct LocalDef {
    pub(crate) field: Field,
    pub(crate) def: AcronymDef,
    pub(crate) meaning: Meaning,
}

/// All candidates of one paper.
pub(crate) struct Found {
    pub(crate) candidates: Vec<Candidate>,
}

/// Runs every matcher over the title and the abstract.
pub(crate) fn collect(extractor: &Extractor, paper: &Paper) -> Found {
    let fields = fields(paper);
    let mut candidates = Vec::new();
    let mut defs = Vec::new();
    for (field, text) in fields {
        let blocked = url_candidates(field, text, &mut candidates);
        local_definitions(extractor, field, text, &mut defs);
        for hit in extractor.matcher.find(text, &blocked) {
            candidates.push(dictionary_candidate(extractor, field, hit));
        }
        extractor
            .corpus
            .find(field, text, &blocked, &mut candidates);
    }
    apply_local_definitions(&fields, &defs, &mut candidates);
    if extractor.discovery {
        for (field, text) in fields {
            discovery::discover(extractor, field, text, &mut candidates);
        }
        discovery::retype_introduced(extractor, &paper.abstract_text, &mut candidates);
    }
    Found { candidates }
}

/// The candidates the corpus-level first pass needs: URLs (so that no name is taken from
/// inside one), local acronym definitions, the title's name and "we propose X". The dictionary
/// scan and the other discovery rules are left out: they introduce nothing, and a name the
/// dictionary knows is found by the dictionary in every paper anyway.
pub(crate) fn collect_introductions(extractor: &Extractor, paper: &Paper) -> Found {
    let fields = fields(paper);
    let mut candidates = Vec::new();
    let mut defs = Vec::new();
    for (field, text) in fields {
        url_candidates(field, text, &mut candidates);
        local_definitions(extractor, field, text, &mut defs);
    }
    apply_local_definitions(&fields, &defs, &mut candidates);
    for (field, text) in fields {
        discovery::discover_introductions(extractor, field, text, &mut candidates);
    }
    discovery::retype_introduced(extractor, &paper.abstract_text, &mut candidates);
    Found { candidates }
}

/// A paper's fields with their text, title first.
fn fields(paper: &Paper) -> [(Field, &str); 2] {
    [
        (Field::Title, paper.title.as_str()),
        (Field::Abstract, paper.abstract_text.as_str()),
    ]
}

/// Appends the acronym definitions of one field, each with what it means in this paper.
fn local_definitions(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<LocalDef>) {
    for def in acronyms::find_definitions(text) {
        let meaning = meaning_of(extractor, &def);
        out.push(LocalDef {
            field,
            def,
            meaning,
        });
    }
}

fn url_candidates(field: Field, text: &str, out: &mut Vec<Candidate>) -> Vec<(usize, usize)> {
    let mut blocked = Vec::new();
    for found in urls::find_urls(text) {
        blocked.push((found.start, found.end));
        out.push(Candidate {
            field,
            start: found.start,
            end: found.end,
            target: Target::Url {
                url: found.url,
                kind: found.kind,
            },
            found_by: FoundBy::Url,
            confidence: 1.0,
            introduced: false,
            evidence: "URL pattern".to_string(),
        });
    }
    blocked
}

fn dictionary_candidate(extractor: &Extractor, field: Field, hit: DictHit) -> Candidate {
    let dictionary = extractor.dictionary();
    let (target, found_by, confidence) = match hit.variant {
        Some(suffix) => {
            let family = hit.entries[0];
            let label =
                super::variants::variant_label(&dictionary.entry(family).canonical, &suffix);
            (Target::Variant { family, label }, FoundBy::Variant, 0.85)
        }
        None => {
            let mut entries = hit.entries;
            let confidence = if entries.len() > 1 { 0.6 } else { 0.9 };
            // The declared default reading goes first; resolution falls back to it.
            if let Some(default) = dictionary.ambiguous_default(&hit.alias) {
                entries.sort_by_key(|&id| id != default);
            }
            (Target::Entries(entries), FoundBy::Dictionary, confidence)
        }
    };
    Candidate {
        field,
        start: hit.start,
        end: hit.end,
        target,
        found_by,
        confidence,
        introduced: false,
        evidence: format!("alias {:?}", hit.alias),
    }
}

/// Resolves what a definition's long form means: a dictionary entry, a new typed name, or
/// nothing (a generic class, or a phrase with no telling head noun).
fn meaning_of(extractor: &Extractor, def: &AcronymDef) -> Meaning {
    let dictionary = extractor.dictionary();
    let long = def.long.trim();
    if is_generic_phrase(dictionary, long) {
        return Meaning::Nothing;
    }
    for form in [long, singular(long)] {
        if let Some(&id) = dictionary.by_alias(form).first() {
            let ids = dictionary.by_alias(form);
            let id = dictionary
                .ambiguous_default(form)
                .filter(|_| ids.len() > 1)
                .unwrap_or(id);
            return Meaning::Entry(id);
        }
    }
    if let Some(&id) = dictionary
        .by_alias(&def.short)
        .iter()
        .find(|&&id| long_form_agrees(&dictionary.entry(id).aliases, long))
    {
        return Meaning::Entry(id);
    }
    let name_like = long.chars().next().is_some_and(char::is_uppercase)
        && long
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            >= 2;
    match heads::type_of_long_form(long) {
        Some(EntityType::Model) if !name_like => Meaning::Nothing,
        Some(t) => Meaning::Named(t, long.to_string()),
        None => Meaning::Nothing,
    }
}

/// Whether a long form is a generic class, also after modifiers that do not make it a name:
/// "Pretrained Foundation Models (PFMs)" is as generic as "foundation models".
fn is_generic_phrase(dictionary: &crate::dictionary::Dictionary, long: &str) -> bool {
    const MODIFIERS: &[&str] = &[
        "pretrained",
        "pre-trained",
        "large",
        "large-scale",
        "big",
        "general",
        "general-purpose",
        "generic",
        "modern",
        "multimodal",
        "multi-modal",
    ];
    let mut phrase = long;
    loop {
        if dictionary.is_generic(phrase) || dictionary.is_generic(singular(phrase)) {
            return true;
        }
        match phrase.split_once(' ') {
            Some((first, rest)) if MODIFIERS.contains(&first.to_lowercase().as_str()) => {
                phrase = rest;
            }
            _ => return false,
        }
    }
}

/// A long form agrees with an entry when it shares its first word with one of the entry's
/// multi-word aliases ("Vision Transformer" for ViT).
fn long_form_agrees(aliases: &[crate::dictionary::Alias], long: &str) -> bool {
    let first = long
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    aliases.iter().any(|a| {
        a.text.contains(' ')
            && a.text
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_lowercase()
                == first
    })
}

fn singular(phrase: &str) -> &str {
    phrase
        .strip_suffix("es")
        .filter(|p| p.ends_with("ss") || p.ends_with('x'))
        .or_else(|| phrase.strip_suffix('s').filter(|p| !p.ends_with('s')))
        .unwrap_or(phrase)
}

/// A local definition beats the dictionary: every use of the short form in this paper takes
/// the local meaning, and dictionary hits inside a new long form are dropped.
fn apply_local_definitions(
    fields: &[(Field, &str); 2],
    defs: &[LocalDef],
    candidates: &mut Vec<Candidate>,
) {
    for local in defs {
        let short = local.def.short.as_str();
        let (long_start, long_end) = local.def.long_span;
        candidates.retain(|c| {
            let inside_long = c.field == local.field && c.start >= long_start && c.end <= long_end;
            let is_short = matches!(c.target, Target::Entries(_) | Target::Variant { .. })
                && short_form_quote(fields, c) == Some(short);
            let replaced_long = inside_long && !matches!(local.meaning, Meaning::Entry(_));
            !(is_short || replaced_long)
        });
        let target = match &local.meaning {
            Meaning::Entry(id) => Target::Entries(vec![*id]),
            Meaning::Named(t, name) => Target::Named {
                entity_type: *t,
                name: name.clone(),
                derived_from: None,
            },
            Meaning::Nothing => continue,
        };
        let evidence = format!("defined as \"{} ({})\"", local.def.long, local.def.short);
        let mut push = |field, start, end| {
            candidates.push(Candidate {
                field,
                start,
                end,
                target: target.clone(),
                found_by: FoundBy::Acronym,
                confidence: if matches!(local.meaning, Meaning::Entry(_)) {
                    0.95
                } else {
                    0.8
                },
                introduced: false,
                evidence: evidence.clone(),
            });
        };
        if matches!(local.meaning, Meaning::Named(..)) {
            push(local.field, long_start, long_end);
        }
        for &(field, text) in fields {
            for (start, end) in word_occurrences(text, short) {
                push(field, start, end);
            }
        }
    }
}

/// The quote of a dictionary candidate with a plural `s` or possessive removed.
fn short_form_quote<'a>(fields: &[(Field, &'a str); 2], c: &Candidate) -> Option<&'a str> {
    let text = fields.iter().find(|(f, _)| *f == c.field)?.1;
    let quote = text.get(c.start..c.end)?;
    let quote = quote
        .strip_suffix("'s")
        .or_else(|| {
            quote
                .strip_suffix('s')
                .filter(|q| q.ends_with(|ch: char| ch.is_uppercase()))
        })
        .unwrap_or(quote);
    Some(quote)
}

/// Word-bounded occurrences of `word` in `text`, each extended over a plural `s` or a
/// possessive `'s`.
pub(crate) fn word_occurrences(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    for (start, _) in text.match_indices(word) {
        let before_ok = !continues_left(text, start);
        let mut end = start + word.len();
        let rest = &text[end..];
        if rest.starts_with("'s") {
            end += 2;
        } else if rest.starts_with('s') && !rest[1..].starts_with(is_word_char) {
            end += 1;
        }
        let after_ok = !continues_right(text, end);
        if before_ok && after_ok {
            out.push((start, end));
        }
    }
    out
}

/// Whether the text just before `start` continues a word or a hyphenated name.
fn continues_left(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.ends_with(is_word_char)
        || before
            .strip_suffix('-')
            .is_some_and(|rest| rest.ends_with(is_word_char))
}

/// Whether the text from `end` continues a word, a hyphenated name, or a name with trailing
/// plus signs ("SAM2Act+" is not "SAM2Act").
fn continues_right(text: &str, end: usize) -> bool {
    let after = &text[end..];
    after.starts_with(is_word_char)
        || after
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with(char::is_alphanumeric))
        || crate::text::trailing_plus(after)
}

/// Matches the names discovered in other papers of the same run.
pub(crate) struct CorpusMatcher {
    automaton: Option<AhoCorasick>,
    names: Vec<CorpusName>,
}

impl CorpusMatcher {
    pub(crate) fn new(mut names: Vec<CorpusName>) -> Result<CorpusMatcher, super::BuildError> {
        names.sort();
        names.dedup_by(|a, b| a.name == b.name);
        if names.is_empty() {
            return Ok(CorpusMatcher {
                automaton: None,
                names,
            });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| n.name.as_str()))
            .map_err(super::BuildError::from)?;
        Ok(CorpusMatcher {
            automaton: Some(automaton),
            names,
        })
    }

    fn find(&self, field: Field, text: &str, blocked: &[(usize, usize)], out: &mut Vec<Candidate>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for m in automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let bounded = !continues_left(text, start) && !continues_right(text, end);
            let is_blocked = blocked.iter().any(|&(s, e)| start < e && s < end);
            let overlaps = out
                .iter()
                .any(|c| c.field == field && start < c.end && c.start < end);
            if !bounded || is_blocked || overlaps {
                continue;
            }
            let name = &self.names[m.pattern().as_usize()];
            out.push(Candidate {
                field,
                start,
                end,
                target: Target::Named {
                    entity_type: name.entity_type,
                    name: name.name.clone(),
                    derived_from: None,
                },
                found_by: FoundBy::Corpus,
                confidence: 0.7,
                introduced: false,
                evidence: "introduced by another paper of this run".to_string(),
            });
        }
    }
}

//! Datasets named by the lists that hold them: "on four benchmarks SOPE, ROPE, and HANDAL",
//! "the Blorp and Zorb-2 datasets", and a list that mixes known datasets with unknown names
//! ("Across DAD, DoTA, and Nexar": DAD is known, so DoTA and Nexar are datasets too).

use super::candidates::{Candidate, Target};
use super::{Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, Lexicon, Words};
use regex::Regex;
use std::sync::LazyLock;

/// One list item: up to three name-like words ("Safety Gym", "DADA-2000", "nuPlan"). The first
/// word starts with a capital or a digit, or has one after a lower-case start. ASCII classes
/// keep the automaton small: with Unicode letter classes these regexes cost a fifth of the
/// extraction time.
pub(super) const ITEM: &str = r"(?:[A-Z0-9]|[a-z]+[A-Z0-9])[A-Za-z0-9]*(?:[-.+/&'’][A-Za-z0-9]+)*\+*(?: [A-Z0-9][A-Za-z0-9]*(?:[-.+/&'’][A-Za-z0-9]+)*\+*){0,2}";

/// One metric name: a list item whose capitalised words may be joined by "of", "over" or
/// "to" ("Cost of Transport", "Intersection over Union").
const METRIC_ITEM: &str = r"(?:[A-Z0-9]|[a-z]+[A-Z0-9])[A-Za-z0-9]*(?:[-.+/&'’][A-Za-z0-9]+)*\+*(?: (?:(?:of|over|to) )?[A-Z0-9][A-Za-z0-9]*(?:[-.+/&'’][A-Za-z0-9]+)*\+*){0,3}";

/// What joins two list items: a comma, "and", "or", "&", or a comma and "and"; a short
/// parenthesis before it belongs to the item before ("GRIT (20M) and Zorb (200K)").
pub(super) const JOIN: &str =
    r"(?:\s*\([^()]{1,24}\))?(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)";

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| unreachable!("static regex: {e}"))
}

/// A list after a plural collection noun; the opener says how it is introduced.
static AFTER_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:datasets|benchmarks|corpora|suites)(\s*[:(]\s*|,\s*|\s+(?:such as|including|namely|like)\s+|\s+)({ITEM}(?:{JOIN}{ITEM})*)"
    ))
});

/// A plural collection noun.
static COLLECTION_NOUN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b(?:datasets|benchmarks|corpora|suites)\b"));

/// A list of at least two items that ends the text it is run on (a window before a plural
/// collection noun).
static LIST_AT_END: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"({ITEM}(?:{JOIN}{ITEM})+)\s+$")));

/// How far around a collection noun or a known dataset the list rules look, in bytes: the
/// list regexes run on these windows only, never on a whole abstract.
const WINDOW: usize = 160;

/// Names after "in terms of", "measured by", "metrics such as".
static METRIC_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:in terms of|measured by|metrics?,? such as|metrics? including|metrics?:)\s+(?:the\s+)?({METRIC_ITEM}(?:{JOIN}(?:the\s+)?{METRIC_ITEM})*)"
    ))
});

/// A list of at least three items after "across" or "on" ("Across A, B-2, C and D, X wins").
static ACROSS_LIST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:[Aa]cross|[Oo]n)\s+(?:the\s+)?({ITEM}(?:{JOIN}{ITEM}){{2,}})"
    ))
});

/// A value next to a name: "(+3.7)", "(11.8%", "by +4.30", "by up to 12%", "from 43.82",
/// "to 85%".
const VALUE: &str = r"\s*(?:\(\s*[+\-−]\s*\d|\(\s*\d[\d.]*\s*%|by (?:up to |over |about |nearly )?[+\-−]?\d|from [+\-−]?\d|to [+\-−]?\d[\d.]*\s*%)";

/// "on X by +4.3", "on X from 43.8 to 46.7", "on X(+3.7)": a name that a result is stated on.
static RESULT_ON: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\bon (?:the )?({ITEM}){VALUE}")));

/// The next member of such a run of results: "..., and Y by +5.9", "and on Z from 20.0".
static RESULT_ON_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"^(?:[^.;]|\.\d){{0,40}}?(?:,|\band\b)\s*(?:on\s+)?(?:the\s+)?({ITEM}){VALUE}"
    ))
});

/// A metric head noun that a value follows: "errors below 15.0%", "rate improved by 50%",
/// "rate at 1%" (after "at" only a percentage: "distance at 40 mph" states a condition).
/// Only heads that name a measured quantity. The regex starts at the head, a literal, so it
/// is cheap; the modifiers before it are read by hand.
static METRIC_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"\b(?:error|rate|ratio|distance|divergence)s?\s+(?:of|below|above|under|by|to|(?:was |is |were |are )?(?:improved|increased|reduced|decreased|dropped|rose) (?:by|to))\s+(?:up to |over |about |only |nearly |approximately )?[+\-−]?\d|\b(?:error|rate|ratio|distance|divergence)s?\s+at\s+\d[\d.]*\s*%",
    )
});

/// Any list of at least two items.
static ANY_LIST: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"{ITEM}(?:{JOIN}{ITEM})+")));

static JOINER: LazyLock<Regex> = LazyLock::new(|| regex(JOIN));

/// A year or version right after a dataset name: " 2025", "-2007", " v2", "v1.1".
static EDITION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:[ -](?:19|20)\d\d|[ -]?v\d+(?:\.\d+)?)\b"));

/// A hyphenated word ("GIR-Bench-UGC", "Morpho-MNIST", "ImageNet-R").
static HYPHENATED: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b[A-Za-z0-9][A-Za-z0-9.&+]*(?:-[A-Za-z0-9][A-Za-z0-9.&+]*)+"));

/// Adds the datasets that the lists of one field name.
pub(crate) fn dataset_lists(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    lists_after_noun(extractor, field, text, out);
    lists_before_noun(extractor, field, text, out);
    lists_around_datasets(extractor, field, text, out);
    results_on(extractor, field, text, out);
    lists_across(extractor, field, text, out);
    editions(extractor, field, text, out);
    composites(extractor, field, text, out);
}

/// "BraTS 2025", "NAVSIM v1", "SemEval-2007": a dataset (from the dictionary or a rule) with
/// a year or version after it names that edition, an entity of its own derived from the
/// dataset.
fn editions(extractor: &Extractor, field: Field, text: &str, out: &mut [Candidate]) {
    let dictionary = extractor.dictionary();
    let mut grown = Vec::new();
    for (i, c) in out.iter().enumerate() {
        if c.field != field {
            continue;
        }
        let family = match &c.target {
            Target::Entries(ids) if is_dictionary_dataset(extractor, c) => {
                dictionary.entry(ids[0]).canonical.clone()
            }
            Target::Named {
                entity_type: EntityType::Dataset,
                name,
                ..
            } => name.clone(),
            _ => continue,
        };
        let Some(edition) = EDITION.find(&text[c.end..]) else {
            continue;
        };
        let end = c.end + edition.end();
        // A range or list of editions ("2019-2020", "v1/v2") or a longer number names no one
        // edition.
        let rest = &text[end..];
        let continued = rest.starts_with(['-', '/'])
            || rest
                .strip_prefix('.')
                .is_some_and(|r| r.starts_with(|d: char| d.is_ascii_digit()));
        if continued {
            continue;
        }
        grown.push((i, end, family));
    }
    for (i, end, family) in grown.into_iter().rev() {
        let (start, overlapping) = (out[i].start, |c: &Candidate| {
            c.field == field && out[i].end < c.end && c.start < end
        });
        if out.iter().any(overlapping) {
            continue;
        }
        let c = &mut out[i];
        c.end = end;
        c.target = Target::Named {
            entity_type: EntityType::Dataset,
            name: text[start..end].to_string(),
            derived_from: Some(family.clone()),
        };
        c.found_by = FoundBy::Variant;
        c.confidence = FoundBy::Variant.confidence();
        c.evidence = format!("edition of the dataset {family:?}");
    }
}

/// "ImageNet-R", "Morpho-MNIST", "GIR-Bench-UGC": a hyphenated word no candidate holds, one
/// of whose parts is a dataset (a dictionary dataset, a dataset this paper names, or the
/// family of one: "MathCanvas" of "MathCanvas-Bench") and whose other parts start like a
/// name, is a dataset derived from it. Lower-case parts
/// ("ImageNet-pretrained") and hyphen modifiers ("COCO-style") make no composite.
fn composites(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let dictionary = extractor.dictionary();
    let lexicon = dictionary.lexicon();
    let paper_datasets: Vec<String> = out
        .iter()
        .filter_map(|c| match &c.target {
            Target::Named {
                entity_type: EntityType::Dataset,
                name,
                ..
            } => Some(name.clone()),
            _ => None,
        })
        .collect();
    // "MathCanvas-Edit" beside the paper's "MathCanvas-Bench": a sibling shares the family
    // before the last hyphen.
    let is_dataset_name = |name: &str| {
        paper_datasets.iter().any(|d| {
            d == name
                || d.len() > name.len()
                    && d.starts_with(name)
                    && d[name.len()..].starts_with('-')
                    && name.chars().any(|c| c.is_ascii_uppercase())
        }) || dictionary.by_alias(name).iter().any(|&id| {
            dictionary.entry(id).entity_type == EntityType::Dataset
                && super::resolve::written_as_alias(dictionary, id, name)
        })
    };
    let mut found = Vec::new();
    for word in HYPHENATED.find_iter(text) {
        let start = word.start();
        let name = word.as_str().trim_end_matches('.');
        // Every dataset part and name part has a capital ("state-of-the-art" has none).
        if !name.bytes().any(|b| b.is_ascii_uppercase()) {
            continue;
        }
        let end = start + name.len();
        if out
            .iter()
            .any(|c| c.field == field && start < c.end && c.start < end)
        {
            continue;
        }
        let parts: Vec<&str> = name.split('-').collect();
        let base = (1..parts.len()).find_map(|k| {
            let (head, tail) = (parts[..k].join("-"), parts[k..].join("-"));
            if is_dataset_name(&head) && parts[k..].iter().all(|p| name_part(lexicon, p, true)) {
                Some(head)
            } else if is_dataset_name(&tail)
                && parts[..k].iter().all(|p| name_part(lexicon, p, false))
            {
                Some(tail)
            } else {
                None
            }
        });
        if let Some(base) = base {
            if !known_as_other(extractor, name, EntityType::Dataset) {
                found.push((start, end, name.to_string(), base));
            }
        }
    }
    for (start, end, name, base) in found {
        out.push(Candidate {
            field,
            start,
            end,
            target: Target::Named {
                entity_type: EntityType::Dataset,
                name,
                derived_from: Some(base.clone()),
            },
            found_by: FoundBy::ModelLike,
            confidence: FoundBy::ModelLike.confidence(),
            introduced: false,
            evidence: format!("composite of the dataset {base:?}"),
        });
    }
}

/// A part of a composite dataset name: starts with a capital (or, after the dataset, a digit:
/// "ImageNet-1K"; "10-Split-X" is a setting), is no hyphen modifier ("Style") and no stopword.
fn name_part(lexicon: &Lexicon, part: &str, after_base: bool) -> bool {
    let lower = part.to_lowercase();
    part.starts_with(|c: char| c.is_ascii_uppercase() || after_base && c.is_ascii_digit())
        && !lexicon.has(Words::HyphenModifiers, &lower)
        && !lexicon.has(Words::PhraseStopwords, &lower)
}

/// "Across A, B-2, C, and D, X wins", "on A-1, A-2 and B": a coordination of at least three
/// names after "across" or "on", at least two written like names ("DoTA", "KITTI 2015"), is
/// a list of datasets. The list ends with the item after its "and" / "or" ("..., and D, X
/// wins" leaves X out).
fn lists_across(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in ACROSS_LIST.captures_iter(text) {
        let Some(list) = caps.get(1) else { continue };
        let body = list.as_str();
        let end = match [" and ", " or "].iter().filter_map(|j| body.rfind(j)).max() {
            Some(last_join) => body[last_join..]
                .find(',')
                .map_or(body.len(), |comma| last_join + comma),
            None => continue,
        };
        let items = list_items(
            extractor.dictionary().lexicon(),
            text,
            list.start(),
            list.start() + end,
        );
        let shaped = items
            .iter()
            .filter(|&&(s, e)| is_shaped(&text[s..e]))
            .count();
        if items.len() >= 3 && shaped >= 2 {
            add_items(extractor, field, text, &items, FoundBy::DatasetList, out);
        }
    }
}

/// "improves on Blorp by +4.3 and Zorb-2 by +5.9": the names a stated result is on. A name
/// whose last word is a metric head ("Navigation Error") is left to the metric rules.
fn results_on(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    let lexicon = extractor.dictionary().lexicon();
    for caps in RESULT_ON.captures_iter(text) {
        let (Some(whole), Some(first)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let mut items = vec![(first.start(), first.end())];
        let mut end = whole.end();
        while let Some(next) = RESULT_ON_NEXT.captures(&text[end..]) {
            let (Some(all), Some(name)) = (next.get(0), next.get(1)) else {
                break;
            };
            items.push((end + name.start(), end + name.end()));
            end += all.end();
        }
        items.retain(|&(s, e)| {
            let last = text[s..e].rsplit(' ').next().unwrap_or_default();
            !lexicon.has_lower(Words::MetricHeads, last)
        });
        add_items(extractor, field, text, &items, FoundBy::DatasetList, out);
    }
}

/// "the benchmarks A, B and C", "datasets (A and B)", "benchmarks such as A".
fn lists_after_noun(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for caps in AFTER_NOUN.captures_iter(text) {
        let (Some(opener), Some(list)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        let items = list_items(
            extractor.dictionary().lexicon(),
            text,
            list.start(),
            list.end(),
        );
        let opened = !opener.as_str().trim().is_empty() && !opener.as_str().contains(',');
        if items.len() >= 2 || opened {
            add_items(extractor, field, text, &items, FoundBy::DatasetList, out);
        }
    }
}

/// "the A and B datasets". Before the noun, plain words name domains ("both Vision and
/// Speech benchmarks"), so only names written like names count.
fn lists_before_noun(extractor: &Extractor, field: Field, text: &str, out: &mut Vec<Candidate>) {
    for noun in COLLECTION_NOUN.find_iter(text) {
        let (start, _) = window(text, noun.start(), noun.start());
        let Some(list) = LIST_AT_END
            .captures(&text[start..noun.start()])
            .and_then(|c| c.get(1))
        else {
            continue;
        };
        let items: Vec<(usize, usize)> = list_items(
            extractor.dictionary().lexicon(),
            text,
            start + list.start(),
            start + list.end(),
        )
        .into_iter()
        .filter(|&(s, e)| is_shaped(&text[s..e]))
        .collect();
        add_items(extractor, field, text, &items, FoundBy::DatasetList, out);
    }
}

/// A coordination "A, B and C" in which the dictionary knows one member as a dataset.
fn lists_around_datasets(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    let known: Vec<(usize, usize)> = out
        .iter()
        .filter(|c| c.field == field && is_dictionary_dataset(extractor, c))
        .map(|c| (c.start, c.end))
        .collect();
    for (known_start, known_end) in known {
        let (start, end) = window(text, known_start, known_end);
        for list in ANY_LIST.find_iter(&text[start..end]) {
            let (list_start, list_end) = (start + list.start(), start + list.end());
            if known_start < list_start || known_end > list_end {
                continue;
            }
            let items = list_items(extractor.dictionary().lexicon(), text, list_start, list_end);
            // A true coordination ("A, B and C"), not a run of commas ("in Quebec, Canada, X").
            let coordinated = JOINER
                .find_iter(list.as_str())
                .any(|j| j.as_str().trim_start_matches(',').trim() != "");
            if coordinated && items.contains(&(known_start, known_end)) {
                add_items(extractor, field, text, &items, FoundBy::ListMember, out);
            }
        }
    }
}

/// A window of about [`WINDOW`] bytes on each side of `from..to`, cut at whitespace so that
/// it starts and ends between words.
fn window(text: &str, from: usize, to: usize) -> (usize, usize) {
    let mut start = from.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    if start > 0 {
        start = text[start..from]
            .find(char::is_whitespace)
            .map_or(from, |i| start + i + 1);
    }
    let mut end = (to + WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        end = text[to..end]
            .rfind(char::is_whitespace)
            .map_or(to, |i| to + i);
    }
    (start, end)
}

/// Adds the metrics named after "in terms of X and Y", "measured by X", "metrics such as X".
pub(crate) fn metric_contexts(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    for caps in METRIC_CONTEXT.captures_iter(text) {
        let Some(list) = caps.get(1) else { continue };
        let items: Vec<(usize, usize)> = list_items(
            extractor.dictionary().lexicon(),
            text,
            list.start(),
            list.end(),
        )
        .into_iter()
        .filter(|&(s, e)| {
            !extractor
                .dictionary()
                .lexicon()
                .has(Words::NotMetrics, &text[s..e].to_lowercase())
        })
        .collect();
        add_items(extractor, field, text, &items, FoundBy::MetricContext, out);
    }
}

/// Adds the lower-case metric phrases that a value follows: "relative errors below 15%",
/// "the conversion rate improved by 14%". Leading function words and verbs are cut
/// ("achieves relative errors" gives "relative error"); a plural names the singular.
pub(crate) fn metric_values(
    extractor: &Extractor,
    field: Field,
    text: &str,
    out: &mut Vec<Candidate>,
) {
    let lexicon = extractor.dictionary().lexicon();
    for found in METRIC_VALUE.find_iter(text) {
        let head_end = found.start()
            + found
                .as_str()
                .find(char::is_whitespace)
                .unwrap_or(found.len());
        let phrase_start = lower_words_before(text, found.start(), 2);
        let (start, end) = (
            modifiers_start(lexicon, text, phrase_start, head_end),
            head_end,
        );
        let quote = &text[start..end];
        if quote.split(' ').count() < 2 {
            continue;
        }
        let name = quote.strip_suffix('s').unwrap_or(quote);
        push_metric(extractor, field, start, end, name.to_string(), out);
        // "position and orientation errors": the coordinated modifier names a metric too.
        let head = name.rsplit(' ').next().unwrap_or_default();
        if let Some((s, e)) = coordinated_modifier(lexicon, text, start) {
            push_metric(
                extractor,
                field,
                s,
                e,
                format!("{} {head}", &text[s..e]),
                out,
            );
        }
    }
}

/// The start of up to `n` lower-case words right before `at` (each followed by one space).
fn lower_words_before(text: &str, at: usize, n: usize) -> usize {
    let mut start = at;
    for _ in 0..n {
        let Some(before) = text[..start].strip_suffix(' ') else {
            break;
        };
        let word_start = before
            .rfind(|c: char| !(c.is_ascii_lowercase() || c == '\'' || c == '-'))
            .map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if word.len() < 2 || !word.starts_with(|c: char| c.is_ascii_lowercase()) {
            break;
        }
        if word_start > 0 && !before[..word_start].ends_with(' ') {
            break;
        }
        start = word_start;
    }
    start
}

/// Where the modifiers of a metric phrase start: leading function words and verbs
/// ("achieves", "reported", "improving") are cut.
fn modifiers_start(lexicon: &Lexicon, text: &str, start: usize, end: usize) -> usize {
    let mut s = start;
    let words: Vec<&str> = text[start..end].split(' ').collect();
    for word in &words[..words.len().saturating_sub(1)] {
        let lower = word.to_lowercase();
        let verb_like = lower.ends_with('s') || lower.ends_with("ed") || lower.ends_with("ing");
        if lexicon.has(Words::PhraseStopwords, &lower) || lower.ends_with("ly") || verb_like {
            s += word.len() + 1;
        } else {
            break;
        }
    }
    s
}

/// The lower-case modifier coordinated before a phrase: "position" in "position and
/// orientation errors".
fn coordinated_modifier(lexicon: &Lexicon, text: &str, start: usize) -> Option<(usize, usize)> {
    let before = text[..start].strip_suffix(" and ")?;
    let word_start = before.rfind(' ').map_or(0, |i| i + 1);
    let word = &before[word_start..];
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '-');
    (plain && !lexicon.has(Words::PhraseStopwords, word)).then_some((word_start, before.len()))
}

/// Adds a metric named by a phrase, unless a candidate holds the span already. A task inside
/// the phrase is its modifier, not a mention ("trajectory prediction" in "trajectory
/// prediction error by 63%"): the metric phrase replaces it.
fn push_metric(
    extractor: &Extractor,
    field: Field,
    start: usize,
    end: usize,
    name: String,
    out: &mut Vec<Candidate>,
) {
    let overlaps = |c: &Candidate| c.field == field && start < c.end && c.start < end;
    let modifier =
        |c: &Candidate| start <= c.start && c.end < end && is_task(extractor, c) && !c.introduced;
    if out.iter().any(|c| overlaps(c) && !modifier(c)) {
        return;
    }
    out.retain(|c| !(overlaps(c) && modifier(c)));
    out.push(Candidate {
        field,
        start,
        end,
        target: Target::Named {
            entity_type: EntityType::Metric,
            name,
            derived_from: None,
        },
        found_by: FoundBy::MetricContext,
        confidence: FoundBy::MetricContext.confidence(),
        introduced: false,
        evidence: "metric phrase before a value".to_string(),
    });
}

/// Whether a candidate is a task, from the dictionary or from a rule.
fn is_task(extractor: &Extractor, candidate: &Candidate) -> bool {
    let dictionary = extractor.dictionary();
    match &candidate.target {
        Target::Entries(ids) => ids
            .iter()
            .all(|&id| dictionary.entry(id).entity_type == EntityType::Task),
        Target::Named { entity_type, .. } => *entity_type == EntityType::Task,
        _ => false,
    }
}

/// Whether a name is written like one: a capital after its first letter, or a digit
/// ("LV-VIS", "nuPlan", "Zorb-7"; not "Vision").
pub(super) fn is_shaped(name: &str) -> bool {
    name.chars().skip(1).any(|c| c.is_uppercase()) || name.chars().any(|c| c.is_numeric())
}

/// The byte spans of a list's items, each without leading stopwords.
pub(super) fn list_items(
    lexicon: &Lexicon,
    text: &str,
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    let list = &text[start..end];
    let mut items = Vec::new();
    let mut from = 0;
    let mut push = |item_start: usize, item_end: usize| {
        let mut s = item_start;
        let item = &list[item_start..item_end];
        for word in item.split(' ') {
            let lower = word.to_lowercase();
            if lexicon.has(Words::PhraseStopwords, &lower) || lower.ends_with("ly") {
                s += word.len() + 1;
            } else {
                break;
            }
        }
        if s < item_end {
            items.push((start + s, start + item_end));
        }
    };
    for joiner in JOINER.find_iter(list) {
        push(from, joiner.start());
        from = joiner.end();
    }
    push(from, list.len());
    items
}

/// Whether a candidate is a dictionary dataset (a discovered one is not sure enough to vouch
/// for its neighbours).
fn is_dictionary_dataset(extractor: &Extractor, candidate: &Candidate) -> bool {
    let dictionary = extractor.dictionary();
    match &candidate.target {
        Target::Entries(ids) => ids
            .iter()
            .any(|&id| dictionary.entry(id).entity_type == EntityType::Dataset),
        _ => false,
    }
}

/// Whether the dictionary knows the name, in another spelling, as something else: the list
/// rule must not turn a dataset "ROPE" into the method "RoPE".
fn known_as_other(extractor: &Extractor, name: &str, entity_type: EntityType) -> bool {
    let dictionary = extractor.dictionary();
    let ids: Vec<_> = dictionary
        .by_alias(name)
        .iter()
        .copied()
        .filter(|&id| super::resolve::written_as_alias(dictionary, id, name))
        .collect();
    !ids.is_empty()
        && ids
            .iter()
            .all(|&id| dictionary.entry(id).entity_type != entity_type)
}

/// Adds the items that look like names, overlap no candidate and are not known as something
/// else; the rule decides the type (metric after a metric context, else dataset).
fn add_items(
    extractor: &Extractor,
    field: Field,
    text: &str,
    items: &[(usize, usize)],
    found_by: FoundBy,
    out: &mut Vec<Candidate>,
) {
    let entity_type = match found_by {
        FoundBy::MetricContext => EntityType::Metric,
        _ => EntityType::Dataset,
    };
    let evidence = format!("{} rule", found_by.as_str());
    add_typed_items(
        extractor,
        field,
        text,
        items,
        (entity_type, found_by),
        &evidence,
        out,
    );
}

/// Adds the items that look like names, overlap no candidate and are not known as something
/// else, as datasets found by the dataset-list rule with `evidence` (the context that marked
/// them).
pub(super) fn add_items_because(
    extractor: &Extractor,
    field: Field,
    text: &str,
    items: &[(usize, usize)],
    evidence: &str,
    out: &mut Vec<Candidate>,
) {
    let how = (EntityType::Dataset, FoundBy::DatasetList);
    add_typed_items(extractor, field, text, items, how, evidence, out);
}

/// The checks and the push that [`add_items`] and [`add_items_because`] share.
fn add_typed_items(
    extractor: &Extractor,
    field: Field,
    text: &str,
    items: &[(usize, usize)],
    (entity_type, found_by): (EntityType, FoundBy),
    evidence: &str,
    out: &mut Vec<Candidate>,
) {
    for &(start, end) in items {
        let name = &text[start..end];
        let taken = out
            .iter()
            .any(|c| c.field == field && start < c.end && c.start < end);
        let not_this_type = match entity_type {
            EntityType::Dataset => extractor
                .dictionary()
                .lexicon()
                .has(Words::NotDatasets, &name.to_lowercase()),
            _ => false,
        };
        if taken
            || not_this_type
            || !looks_like_a_name(extractor, name)
            || known_as_other(extractor, name, entity_type)
        {
            continue;
        }
        out.push(Candidate {
            field,
            start,
            end,
            target: Target::Named {
                entity_type,
                name: name.to_string(),
                derived_from: None,
            },
            found_by,
            confidence: found_by.confidence(),
            introduced: false,
            evidence: evidence.to_string(),
        });
    }
}

/// A list item is a name when it has a capital or a digit, is no bare number, no stopword and
/// no generic term.
fn looks_like_a_name(extractor: &Extractor, name: &str) -> bool {
    let marked = name.chars().any(|c| c.is_uppercase() || c.is_numeric());
    let number = name.chars().all(|c| !c.is_alphabetic());
    let lower = name.to_lowercase();
    name.chars().count() >= 2
        && marked
        && !number
        && !extractor
            .dictionary()
            .lexicon()
            .has(Words::PhraseStopwords, &lower)
        && !extractor.dictionary().is_generic(name)
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::EntityType;
    use crate::extract::FoundBy;

    fn datasets(abstract_text: &str) -> Vec<(String, FoundBy)> {
        entities(abstract_text, EntityType::Dataset)
    }

    fn entities(abstract_text: &str, entity_type: EntityType) -> Vec<(String, FoundBy)> {
        let paper = Paper {
            id: PaperId::Local("p".into()),
            title: "Zorblets".into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        };
        crate::extract::testing::BUILTIN
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == entity_type)
            .map(|e| (e.name, e.found_by))
            .collect()
    }

    #[test]
    fn lists_name_datasets() {
        use FoundBy::{DatasetList, Dictionary, ListMember};
        let cases: &[(&str, &[(&str, FoundBy)])] = &[
            (
                "We test on four benchmarks Blorp, Quix-2, Zorb Gym, and FLANGE.",
                &[
                    ("Blorp", DatasetList),
                    ("Quix-2", DatasetList),
                    ("Zorb Gym", DatasetList),
                    ("FLANGE", DatasetList),
                ],
            ),
            (
                "Experiments on three datasets (Blorp, qiXo and Zorb) show gains.",
                &[
                    ("Blorp", DatasetList),
                    ("qiXo", DatasetList),
                    ("Zorb", DatasetList),
                ],
            ),
            (
                "We extend the BLORP and Zorb-7 datasets.",
                &[("BLORP", DatasetList), ("Zorb-7", DatasetList)],
            ),
            (
                "Across ImageNet, Blorp and Zorb, our model wins.",
                &[
                    ("ImageNet", Dictionary),
                    ("Blorp", ListMember),
                    ("Zorb", ListMember),
                ],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<_> = want.iter().map(|(n, f)| (n.to_string(), *f)).collect();
            assert_eq!(datasets(text), want, "in {text:?}");
        }
    }

    fn metrics(abstract_text: &str) -> Vec<(String, FoundBy)> {
        entities(abstract_text, EntityType::Metric)
    }

    #[test]
    fn metric_contexts_name_metrics() {
        let cases: &[(&str, &[&str])] = &[
            (
                "better in terms of Blorp Distance, Zorb's Index, and FLOPs.",
                &["Blorp Distance", "Zorb's Index"],
            ),
            ("as measured by the Quix Score.", &["Quix Score"]),
            (
                "as measured by the Cost of Zorbing and the Blorp over Quix.",
                &["Cost of Zorbing", "Blorp over Quix"],
            ),
            (
                "diversity metrics such as the Flange Score and Zorbique",
                &["Flange Score", "Zorbique"],
            ),
            ("in terms of memory and speed", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = metrics(text).into_iter().map(|(n, _)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
            assert!(metrics(text)
                .iter()
                .all(|(_, f)| *f == FoundBy::MetricContext));
        }
    }

    #[test]
    fn lists_across_name_datasets() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Across BLORP, Blorp-2000, QuiX, and Zorbset, Flangey achieves the best AP.",
                &["BLORP", "Blorp-2000", "QuiX", "Zorbset"],
            ),
            (
                "We test on Quix-1, Quix-2 and Zorbset for depth.",
                &["Quix-1", "Quix-2", "Zorbset"],
            ),
            // Two items, no coordination, or fewer than two shaped names: no list.
            ("on Quix-1 and Quix-2 for depth.", &[]),
            ("on Quix-1, Quix-2, Quix-3 for depth.", &[]),
            ("Across Paris, Berlin, and Rome-1, we travel.", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = datasets(text).into_iter().map(|(n, _)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn results_on_a_name_make_it_a_dataset() {
        let cases: &[(&str, &[&str])] = &[
            (
                "improving performance on Blorpset by +4.30 and ZORB Live by +5.96.",
                &["Blorpset", "ZORB Live"],
            ),
            ("gains on Quix-Reason(+3.7), and FlangeEval++(+4.3).", &["Quix-Reason", "FlangeEval++"]),
            (
                "boosting scores on Quix-Comp from 82.18 to 88.37 and on Quix-Reas from 43.8 to 46.7.",
                &["Quix-Comp", "Quix-Reas"],
            ),
            ("results on ZorbLong (11.8% improvement)", &["ZorbLong"]),
            // No value, a value in a name, or a metric head: no dataset.
            ("we build on Blorpset for speed.", &[]),
            ("based on Zorb Splatting (3DGS), have", &[]),
            ("gains on Navigation Error from 2.91m to 2.1m", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = datasets(text).into_iter().map(|(n, _)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn a_metric_phrase_before_a_value_is_a_metric() {
        let cases: &[(&str, &[&str])] = &[
            (
                "the model achieves relative errors below 15.0% on Zed.",
                &["relative error"],
            ),
            (
                "the click-through rate improved by 50% whereas",
                &["click-through rate"],
            ),
            (
                "reduces position and orientation errors by up to 40%.",
                &["orientation error", "position error"],
            ),
            ("a quix ratio of 0.3 between them", &["quix ratio"]),
            // A condition after "at" is no value.
            ("a quix distance at 40 mph", &[]),
            (
                "the true zorb rate at 1% false zorb rate",
                &["true zorb rate"],
            ),
            // One word, no value, or a head outside the list: no metric.
            ("errors of 15% remain", &[]),
            ("a high zorb error in our tests", &[]),
            ("with blorp time of 3 seconds", &[]),
        ];
        for (text, want) in cases {
            let mut got: Vec<String> = metrics(text).into_iter().map(|(n, _)| n).collect();
            got.sort();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn editions_and_composites_of_a_dataset_are_datasets() {
        let extractor = crate::extract::testing::invented_with(
            &[("dataset.txt", "Zorbset\n"), ("metric.txt", "")],
            true,
        );
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "A test",
                "We test on Zorbset-Hard, Zorbset-1K and Morpho-Zorbset.",
                &["Zorbset-Hard", "Zorbset-1K", "Morpho-Zorbset"],
            ),
            (
                "A test",
                "Results on Zorbset 2025 and Zorbset v2 hold.",
                &["Zorbset 2025", "Zorbset v2"],
            ),
            (
                "A test",
                "on two benchmarks, QuixSet and BlorpSet v2.",
                &["QuixSet", "BlorpSet v2"],
            ),
            (
                "A test",
                "on Zorbset v1/v2 and Zorbset 2019-2020",
                &["Zorbset"],
            ),
            // A sub-benchmark of the paper's own benchmark.
            (
                "Quix-Bench: A Benchmark for Zorbing",
                "We study consistency (Quix-Bench-UGC).",
                &["Quix-Bench", "Quix-Bench-UGC"],
            ),
            // A sibling of the paper's own dataset.
            (
                "A test",
                "We build Quix-Bench, a new benchmark, from pairs (Quix-Edit).",
                &["Quix-Bench", "Quix-Edit"],
            ),
            // Lower-case parts, modifiers and settings make no composite.
            (
                "A test",
                "Zorbset-pretrained models on Zorbset-style data and 10-Split-Zorbset.",
                &["Zorbset"],
            ),
        ];
        for (title, text, want) in cases {
            let paper = crate::corpus::Paper {
                id: crate::corpus::PaperId::Local("p".into()),
                title: title.to_string(),
                abstract_text: text.to_string(),
                ..crate::corpus::Paper::default()
            };
            let got = crate::extract::testing::names_of(&extractor, &paper, EntityType::Dataset);
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn a_task_inside_a_metric_phrase_is_its_modifier() {
        let extractor = crate::extract::testing::invented_with(
            &[("task.txt", "zorb sorting\n"), ("metric.txt", "")],
            true,
        );
        let cases: &[(&str, &[(&str, EntityType)])] = &[
            (
                "It cuts the zorb sorting error by 12% on Zed.",
                &[("zorb sorting error", EntityType::Metric)],
            ),
            (
                "It cuts zorb sorting time by 12%.",
                &[("zorb sorting", EntityType::Task)],
            ),
        ];
        for (text, want) in cases {
            let paper = crate::extract::testing::paper(text);
            let got: Vec<(String, EntityType)> = extractor
                .extract(&paper)
                .entities
                .into_iter()
                .filter(|e| matches!(e.entity_type, EntityType::Metric | EntityType::Task))
                .map(|e| (e.name, e.entity_type))
                .collect();
            let want: Vec<_> = want.iter().map(|(n, t)| (n.to_string(), *t)).collect();
            assert_eq!(got, want, "in {text:?}");
        }
    }

    #[test]
    fn lists_without_a_dataset_context_name_nothing() {
        let cases = [
            "We compare Blorp, Quix and Zorb on speed.",
            "These datasets, Our method wins.",
            "on many benchmarks. Moreover, Blorp and Zorb are fast.",
            "The Blorp and Zorb models are fast.",
            "on both Vision and Speech benchmarks",
            "the CT and MRI datasets",
            "collected in Quebec, Canada, ImageNet and more",
        ];
        for text in cases {
            let found = datasets(text);
            assert!(
                found
                    .iter()
                    .all(|(_, f)| !matches!(f, FoundBy::DatasetList | FoundBy::ListMember)),
                "in {text:?}: {found:?}"
            );
        }
    }
}

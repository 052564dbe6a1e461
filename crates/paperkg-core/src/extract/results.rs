//! Results: a metric value stated next to a metric, tied to a model and a dataset when the
//! sentence names them ("a Dice score of 0.883 on SA-Med2D-16M", "88.53% on CIFAR-100").

use super::{Entity, Field};
use crate::corpus::Paper;
use crate::dictionary::EntityType;
use crate::text::CharOffsets;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// One reported result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultRecord {
    /// The model's canonical name, when the sentence names one or the paper introduces one.
    pub model: Option<String>,
    /// The dataset's canonical name, when named.
    pub dataset: Option<String>,
    /// The metric's canonical name, when named.
    pub metric: Option<String>,
    /// The value as a number ("88.53%" gives 88.53).
    pub value: f64,
    /// The value as written ("88.53%").
    pub value_text: String,
    /// `%` for percentages, `pp` for points; none for plain numbers.
    pub unit: Option<String>,
    /// Character span of the value in the abstract.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(~≈])(\d{1,4}(?:\.\d+)?)(\s?%|\s?pp\b| points?\b)?")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// Words that may follow a score without making it a count ("0.883 on", "91% and").
const FUNCTION_WORDS: &[&str] = &[
    "on",
    "in",
    "for",
    "at",
    "with",
    "and",
    "or",
    "over",
    "across",
    "compared",
    "vs",
    "versus",
    "while",
    "which",
    "when",
    "respectively",
    "after",
    "than",
    "using",
    "to",
    "from",
    "by",
    "as",
    "against",
    "under",
    "without",
    "of",
    "is",
    "are",
    "was",
    "were",
    "higher",
    "lower",
    "better",
    "improvement",
    "gain",
    "points",
    "absolute",
    "relative",
    "average",
    "mean",
    "overall",
    "top",
    "the",
    "a",
    "an",
    "achieved",
    "compared",
    "despite",
    "outperforming",
    "surpassing",
    "setting",
    "establishing",
    "among",
    "among",
    "within",
    "even",
];

/// How far (in bytes) a metric may stand from its value within a sentence.
const METRIC_REACH: usize = 90;

struct Located<'a> {
    entity: &'a Entity,
    start: usize,
    end: usize,
}

/// Finds results in the abstract of `paper`, given its entities.
pub fn find(paper: &Paper, entities: &[Entity]) -> Vec<ResultRecord> {
    let text = paper.abstract_text.as_str();
    let offsets = CharOffsets::new(text);
    let byte_of = &char_to_byte(text);
    let located = |t: EntityType| -> Vec<Located<'_>> {
        entities
            .iter()
            .filter(|e| e.entity_type == t)
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.field == Field::Abstract)
                    .map(move |m| Located {
                        entity: e,
                        start: byte_of(m.start),
                        end: byte_of(m.end),
                    })
            })
            .collect::<Vec<_>>()
    };
    let metrics = by_start(located(EntityType::Metric));
    let datasets = by_start(located(EntityType::Dataset));
    let models = by_start(located(EntityType::Model));
    let all_mentions = Spans::new(
        entities
            .iter()
            .flat_map(|e| e.mentions.iter().filter(|m| m.field == Field::Abstract))
            .map(|m| (byte_of(m.start), byte_of(m.end)))
            .collect(),
    );
    let introduced_model = entities
        .iter()
        .find(|e| e.introduced && e.entity_type == EntityType::Model)
        .map(|e| e.name.clone());
    let mut results = Vec::new();
    for caps in NUMBER.captures_iter(text) {
        let Some(number) = caps.get(1) else { continue };
        let (start, mut end) = (number.start(), number.end());
        if all_mentions.overlaps(start, end) || looks_like_year(number.as_str(), &caps) {
            continue;
        }
        let unit = caps.get(2).map(|u| u.as_str().trim().to_string());
        if let Some(u) = caps.get(2) {
            end = u.end();
        }
        let after = &text[end..];
        if after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '×') {
            continue;
        }
        // "64 experts", "8 GPUs": a plain number followed by a word that is not a metric counts
        // things; it is no score.
        let next_word_start = end + (after.len() - after.trim_start().len());
        let next_word: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let followed_by_word = !next_word.is_empty()
            && !FUNCTION_WORDS.contains(&next_word.as_str())
            && metrics
                .binary_search_by_key(&next_word_start, |l| l.start)
                .is_err();
        if unit.is_none() && followed_by_word {
            continue;
        }
        let (sentence_start, sentence_end) = sentence_around(text, start);
        let in_sentence = |l: &&Located| l.start >= sentence_start && l.end <= sentence_end;
        let [metrics, datasets, models] =
            [&metrics, &datasets, &models].map(|list| within(list, sentence_start, sentence_end));
        let metric = metrics
            .iter()
            .filter(in_sentence)
            .filter(|l| distance(l, start, end) <= METRIC_REACH)
            .min_by_key(|l| distance(l, start, end));
        let dataset = datasets
            .iter()
            .filter(in_sentence)
            .filter(|l| l.start >= end)
            .min_by_key(|l| l.start)
            .or_else(|| {
                datasets
                    .iter()
                    .filter(in_sentence)
                    .min_by_key(|l| distance(l, start, end))
            });
        if metric.is_none() && !(unit.as_deref() == Some("%") && dataset.is_some()) {
            continue;
        }
        let Ok(value) = number.as_str().parse::<f64>() else {
            continue;
        };
        let model = models
            .iter()
            .filter(in_sentence)
            .filter(|l| l.end <= start)
            .max_by_key(|l| l.end)
            .map(|l| l.entity.name.clone())
            .or_else(|| introduced_model.clone());
        results.push(ResultRecord {
            model,
            dataset: dataset.map(|l| l.entity.name.clone()),
            metric: metric.map(|l| l.entity.name.clone()),
            value,
            value_text: text[start..end].to_string(),
            unit: unit.map(|u| {
                if u.starts_with('p') && u != "pp" {
                    "points".to_string()
                } else {
                    u
                }
            }),
            start: offsets.char_offset(start),
            end: offsets.char_offset(end),
        });
    }
    results
}

fn by_start(mut list: Vec<Located<'_>>) -> Vec<Located<'_>> {
    list.sort_by_key(|l| l.start);
    list
}

/// The located mentions (sorted by start) that start inside `from..to`.
fn within<'l, 'e>(list: &'l [Located<'e>], from: usize, to: usize) -> &'l [Located<'e>] {
    let first = list.partition_point(|l| l.start < from);
    let last = list.partition_point(|l| l.start < to).max(first);
    &list[first..last]
}

/// Byte spans sorted by start, with the furthest end reached so far at each position, so
/// that an overlap test is one binary search.
struct Spans {
    starts: Vec<usize>,
    furthest_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let mut furthest = 0;
        let furthest_end = spans
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Spans {
            starts: spans.into_iter().map(|(start, _)| start).collect(),
            furthest_end,
        }
    }

    /// Whether any span overlaps `start..end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        before_end > 0 && self.furthest_end[before_end - 1] > start
    }
}

fn looks_like_year(number: &str, caps: &regex::Captures<'_>) -> bool {
    caps.get(2).is_none()
        && number.len() == 4
        && !number.contains('.')
        && (number.starts_with("19") || number.starts_with("20"))
}

fn distance(l: &Located<'_>, start: usize, end: usize) -> usize {
    if l.end <= start {
        start - l.end
    } else {
        l.start.saturating_sub(end)
    }
}

fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind(". ").map_or(0, |p| p + 2);
    let end = text[at..].find(". ").map_or(text.len(), |p| at + p + 1);
    (start, end)
}

/// Maps character offsets back to byte offsets for one text. Non-ASCII text gets a table built
/// once, so each lookup is constant time rather than a walk from the start.
fn char_to_byte(text: &str) -> impl Fn(usize) -> usize + '_ {
    let table: Vec<usize> = if text.is_ascii() {
        Vec::new()
    } else {
        text.char_indices().map(|(b, _)| b).collect()
    };
    move |chars: usize| {
        if table.is_empty() {
            chars.min(text.len())
        } else {
            table.get(chars).copied().unwrap_or(text.len())
        }
    }
}

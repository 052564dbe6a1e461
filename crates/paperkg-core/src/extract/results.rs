//! Results: a metric value stated next to a metric, tied to a model and a dataset when the
//! sentence names them ("a Dice score of 0.883 on SA-Med2D-16M", "88.53% on CIFAR-100").

use super::{Entity, Field};
use crate::corpus::Paper;
use crate::dictionary::{Dictionary, Direction, EntityType, Lexicon, ValueRange, Words};
use crate::ids::EntityId;
use crate::text::CharOffsets;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// An entity a result refers to: the identity of one of the paper's entities, resolved once
/// here, and its canonical name for people. Written as the name alone (`"model": "BERT"` in
/// the `extract` output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultEntity {
    /// The entity's identity, as the paper's [`Entity::id`].
    pub id: EntityId,
    /// The entity's canonical name.
    pub name: String,
}

impl ResultEntity {
    fn of(entity: &Entity) -> ResultEntity {
        ResultEntity {
            id: entity.id.clone(),
            name: entity.name.clone(),
        }
    }
}

impl Serialize for ResultEntity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// One reported result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultRecord {
    /// The model, when the sentence names one or the paper introduces one.
    pub model: Option<ResultEntity>,
    /// The dataset, when named.
    pub dataset: Option<ResultEntity>,
    /// The metric, when named.
    pub metric: Option<ResultEntity>,
    /// Whether higher or lower values of the metric are better, when the dictionary says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub better: Option<Direction>,
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
    Regex::new(r"(?:^|[\s(~≈])(\d{1,4}(?:\.\d+)?)(\s?\\?%|\s?pp\b| points?\b)?")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// How far (in bytes) a metric may stand from its value within a sentence.
const METRIC_REACH: usize = 90;

struct Located<'a> {
    entity: &'a Entity,
    start: usize,
    end: usize,
}

/// Why a number next to a metric is not taken as a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// A year ("in 2024"), not a score.
    Year,
    /// An image size ("accuracy 224" on ImageNet at 224 pixels).
    ImageSize,
    /// Outside the range of values the metric can take (`@range` in `metric.txt`), or a
    /// percentage above 100.
    OutOfRange,
    /// The spread of a score, not the score: "0.70 ± 0.04", "(+/- 1.8%)".
    Spread,
    /// A statistic or the value of another quantity: a p-value ("p < 0.0001"), a confidence
    /// level or interval ("95% CI: 88.5-100"), "HR = 3.34" next to a metric.
    Statistic,
}

/// A number that stands where a result would, but is not one: `extract --explain` lists these
/// with the reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RejectedResult {
    /// The value as written.
    pub value_text: String,
    /// The metric, when named (written as its canonical name).
    pub metric: Option<ResultEntity>,
    /// Why it is not a result.
    pub reason: RejectReason,
    /// The metric's range, when the reason is [`RejectReason::OutOfRange`] and the dictionary
    /// gives one (none: a percentage above 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<ValueRange>,
    /// Character span of the value in the abstract.
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// The results of one abstract, and the numbers turned down.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// The results that hold up.
    pub found: Vec<ResultRecord>,
    /// Numbers next to a metric that are not results, with the reason.
    pub rejected: Vec<RejectedResult>,
}

/// The mentions of one abstract that a result can refer to, by byte span.
struct Context<'a> {
    text: &'a str,
    metrics: Vec<Located<'a>>,
    datasets: Vec<Located<'a>>,
    models: Vec<Located<'a>>,
    all_mentions: Spans,
    introduced_model: Option<&'a Entity>,
}

impl<'a> Context<'a> {
    fn new(text: &'a str, entities: &'a [Entity]) -> Context<'a> {
        let byte_of = &char_to_byte(text);
        let located = |t: EntityType| -> Vec<Located<'a>> {
            let mut list: Vec<Located<'a>> = entities
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
                .collect();
            list.sort_by_key(|l| l.start);
            list
        };
        let all_mentions = Spans::new(
            entities
                .iter()
                .flat_map(|e| e.mentions.iter().filter(|m| m.field == Field::Abstract))
                .map(|m| (byte_of(m.start), byte_of(m.end)))
                .collect(),
        );
        Context {
            text,
            metrics: located(EntityType::Metric),
            datasets: located(EntityType::Dataset),
            models: located(EntityType::Model),
            all_mentions,
            introduced_model: entities
                .iter()
                .find(|e| e.introduced && e.entity_type == EntityType::Model),
        }
    }
}

/// A number that may be a score: its byte span (unit included) and unit.
struct Number<'t> {
    digits: &'t str,
    start: usize,
    end: usize,
    unit: Option<String>,
}

/// The metric, dataset and model a number refers to.
struct Attachment<'c> {
    metric: Option<&'c Located<'c>>,
    dataset: Option<&'c Located<'c>>,
    model: Option<&'c Entity>,
}

/// Finds results in the abstract of `paper`, given its entities. A value that does not fit its
/// metric's range (from `dictionary`), a year or an image size is turned down with the reason.
pub fn find(paper: &Paper, entities: &[Entity], dictionary: &Dictionary) -> Results {
    let text = paper.abstract_text.as_str();
    let context = Context::new(text, entities);
    let offsets = CharOffsets::new(text);
    let mut results = Results::default();
    for caps in NUMBER.captures_iter(text) {
        let Some(number) = score_like(&context, dictionary.lexicon(), &caps) else {
            continue;
        };
        let Some(attachment) = attach(&context, &number) else {
            continue;
        };
        let metric = attachment.metric.map(|l| l.entity);
        let span = (
            offsets.char_offset(number.start),
            offsets.char_offset(number.end),
        );
        let value_text = text[number.start..number.end].to_string();
        let entry = metric.and_then(|m| dictionary.metric(&m.name));
        let range = entry.and_then(|e| e.range);
        let Ok(value) = number.digits.parse::<f64>() else {
            continue;
        };
        let metric_span = attachment.metric.map(|l| (l.start, l.end));
        let reason = reject_reason(&caps, &number, value, range, text)
            .or_else(|| not_a_score(text, &number, metric_span));
        if let Some(reason) = reason {
            results.rejected.push(RejectedResult {
                value_text,
                metric: metric.map(ResultEntity::of),
                reason,
                range: range.filter(|_| reason == RejectReason::OutOfRange),
                start: span.0,
                end: span.1,
            });
            continue;
        }
        results.found.push(ResultRecord {
            model: attachment.model.map(ResultEntity::of),
            dataset: attachment.dataset.map(|l| ResultEntity::of(l.entity)),
            better: entry.and_then(|e| e.better),
            metric: metric.map(ResultEntity::of),
            value,
            value_text,
            unit: number.unit.map(|u| {
                if u.starts_with('p') && u != "pp" {
                    "points".to_string()
                } else {
                    u
                }
            }),
            start: span.0,
            end: span.1,
        });
    }
    results
}

/// The number of a match when it can be a score: not inside a mention, not glued to a word
/// ("3D", "8-bit", "4×"), and not a count of things ("64 experts"): a plain number may only be
/// followed by a metric or a word of `score-followers.txt`.
fn score_like<'t>(
    context: &Context<'_>,
    lexicon: &Lexicon,
    caps: &regex::Captures<'t>,
) -> Option<Number<'t>> {
    let text = context.text;
    let digits = caps.get(1)?;
    let (start, mut end) = (digits.start(), digits.end());
    if context.all_mentions.overlaps(start, end) {
        return None;
    }
    let unit = caps
        .get(2)
        .map(|u| u.as_str().trim().trim_start_matches('\\').to_string());
    if let Some(u) = caps.get(2) {
        end = u.end();
    }
    let after = &text[end..];
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '×') {
        return None;
    }
    if unit.is_none() && not_a_quantity(context, text, digits.as_str(), start, after) {
        return None;
    }
    // "1,429-way", "100,000 inferences": a count with a thousands separator.
    let thousands = after
        .strip_prefix(',')
        .is_some_and(|rest| rest.len() >= 3 && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit));
    if unit.is_none() && thousands {
        return None;
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
        && !lexicon.has(Words::ScoreFollowers, &next_word)
        && !metric_follows(context, next_word_start);
    // "under 10% label noise", "on the 20% test set", "at 1% false alarm rate": a percentage
    // followed by a plain word is a share of something, a condition; no score.
    let plain_word_next = after.trim_start().starts_with(|c: char| c.is_lowercase());
    let percent = unit.as_deref() == Some("%");
    if (unit.is_none() || percent && plain_word_next) && followed_by_word {
        return None;
    }
    Some(Number {
        digits: digits.as_str(),
        start,
        end,
        unit,
    })
}

/// Whether a metric mention starts at `at` or after at most two more words of the same
/// phrase ("92.4% recognition accuracy", "31.5 dB PSNR"; not "4 cm and orientation accuracy").
fn metric_follows(context: &Context<'_>, at: usize) -> bool {
    let text = context.text;
    context.metrics.iter().any(|m| {
        m.start >= at && m.start <= at + 40 && {
            let between = &text[at..m.start];
            between.split_whitespace().count() <= 2
                && !between.contains([',', '.', ';', ':', '(', ')'])
                && !between
                    .split_whitespace()
                    .any(|w| matches!(w, "and" | "or" | "but"))
        }
    })
}

/// Whether a plain number is no quantity at all: the base of a power ("10^{-3}"), a list
/// marker ("; 2) a module"), or a name's version ("Zorb 2's accuracy", "Zorb 2 reaches"): a
/// one- or two-digit integer right after a word with a capital that is no metric.
fn not_a_quantity(
    context: &Context<'_>,
    text: &str,
    digits: &str,
    start: usize,
    after: &str,
) -> bool {
    let integer = !digits.contains('.');
    let power = after.starts_with("^{-") || after.starts_with("^-");
    let before = &text[..start];
    let marker_context =
        before.trim_end().is_empty() || before.trim_end().ends_with([';', ':', '.', ',']);
    let list_marker = after.starts_with(')') && integer && digits.len() == 1 && marker_context;
    let word_before = before
        .strip_suffix(' ')
        .map(|b| &b[b.rfind(char::is_whitespace).map_or(0, |i| i + 1)..]);
    let version = integer
        && digits.len() <= 2
        && word_before.is_some_and(|w| {
            w.chars().any(|c| c.is_uppercase())
                && w.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !context.metrics.iter().any(|m| m.end + 1 == start)
        });
    power || list_marker || version
}

/// The metric (within reach in the sentence), dataset and model of a number; `None` when it
/// has neither a metric nor (for a percentage) a dataset.
fn attach<'c>(context: &'c Context<'c>, number: &Number<'_>) -> Option<Attachment<'c>> {
    let (start, end) = (number.start, number.end);
    let (sentence_start, sentence_end) = sentence_around(context.text, start);
    let [metrics, datasets, models] = [&context.metrics, &context.datasets, &context.models]
        .map(|list| within(list, sentence_start, sentence_end));
    let in_sentence = |l: &&Located| l.start >= sentence_start && l.end <= sentence_end;
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
    if metric.is_none() && !(number.unit.as_deref() == Some("%") && dataset.is_some()) {
        return None;
    }
    let model = models
        .iter()
        .filter(in_sentence)
        .filter(|l| l.end <= start)
        .max_by_key(|l| l.end)
        .map(|l| l.entity)
        .or(context.introduced_model);
    Some(Attachment {
        metric,
        dataset,
        model,
    })
}

/// Why a number next to a metric is no result: a year, an image size, or a value outside the
/// metric's range (a percentage above 100 for a metric without one).
fn reject_reason(
    caps: &regex::Captures<'_>,
    number: &Number<'_>,
    value: f64,
    range: Option<ValueRange>,
    text: &str,
) -> Option<RejectReason> {
    if looks_like_year(number.digits, caps) {
        return Some(RejectReason::Year);
    }
    // Points ("5pp", "3 points") are on the percent scale, like "%".
    let percent_scale = number
        .unit
        .as_deref()
        .is_some_and(|u| u == "%" || u == "pp" || u.starts_with("point"));
    let fits = range
        .unwrap_or(ValueRange::Unbounded)
        .admits(value, percent_scale)
        && (!percent_scale || value <= 100.0);
    let size_like = number.unit.is_none() && looks_like_image_side(number.digits);
    let squared = ["$^2$", "^2", "²", "$^{2}$"]
        .iter()
        .any(|sq| text[number.end..].starts_with(sq));
    if size_like && (!fits || squared || mentions_resolution(text, number.start)) {
        return Some(RejectReason::ImageSize);
    }
    (!fits).then_some(RejectReason::OutOfRange)
}

/// Why a number in a metric's reach is no score of it: a spread after "±", a statistic (a
/// p-value, a confidence level or interval), or the value of another quantity named right
/// before it ("HR = 3.34", "DSE > 0.3").
fn not_a_score(
    text: &str,
    number: &Number<'_>,
    metric: Option<(usize, usize)>,
) -> Option<RejectReason> {
    let before = text[..number.start].trim_end();
    let spread = ["±", "+-", "+/-", "\\pm", "\\pm$", "$\\pm$"]
        .iter()
        .any(|sign| before.ends_with(sign));
    if spread {
        return Some(RejectReason::Spread);
    }
    let after = text[number.end..].trim_start();
    let lower_before = before.to_lowercase();
    let p_value = ["p <", "p =", "p<", "p=", "p-value of", "p-value"]
        .iter()
        .any(|cue| lower_before.ends_with(cue));
    // "with a standard deviation of 0.2%": the spread of a score, written out.
    let deviation = [
        "standard deviation of",
        "std of",
        "variance of",
        "standard deviation",
    ]
    .iter()
    .any(|cue| lower_before.ends_with(cue));
    if deviation {
        return Some(RejectReason::Spread);
    }
    let interval = after.starts_with("CI")
        || lower_before.ends_with("ci:")
        || lower_before.ends_with("ci =")
        || lower_before.ends_with("ci");
    if p_value || interval {
        return Some(RejectReason::Statistic);
    }
    // "HR = 3.34": the value of the name before the operator, unless that name is the metric.
    let operator = before
        .trim_end_matches('$')
        .trim_end()
        .strip_suffix(['=', '<', '>', '≤', '≥']);
    if let Some(left) = operator {
        let left = left.trim_end().trim_end_matches(['$', ' ']);
        let of_metric = metric.is_some_and(|(start, end)| {
            end <= number.start && left.len() >= start && left.len() <= end + 1
        });
        if !of_metric {
            return Some(RejectReason::Statistic);
        }
    }
    None
}

/// A whole number that is a usual image side: 128 to 4096 and a multiple of 16 (224, 384,
/// 512). Smaller multiples (64, 80, 96) are common scores.
fn looks_like_image_side(digits: &str) -> bool {
    digits
        .parse::<u32>()
        .is_ok_and(|n| (128..=4096).contains(&n) && n % 16 == 0)
}

/// Whether the sentence around `at` speaks of resolution or pixels.
fn mentions_resolution(text: &str, at: usize) -> bool {
    let (start, end) = sentence_around(text, at);
    let sentence = text[start..end].to_lowercase();
    ["resolution", "pixel", "px"]
        .iter()
        .any(|w| sentence.contains(w))
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

#[cfg(test)]
mod tests {
    use super::{RejectReason, Results};
    use crate::dictionary::{Direction, ValueRange};
    use crate::extract::Extractor;
    use crate::ids::{EntityId, EntityType};
    use std::sync::LazyLock;

    /// Invented names, so that the built-in dictionaries cannot mask a failure.
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let files = [
            ("model.txt", "Zorblax\n"),
            ("dataset.txt", "QuuxNet-9K\n"),
            (
                "metric.txt",
                "glorp accuracy | @better=higher | @range=percent\n\
                 snarf error | @better=lower | @range=unbounded\n\
                 blip similarity | @better=higher | @range=fraction\n",
            ),
            ("task.txt", "widget sorting\n"),
            ("method.txt", "FrobDrop\n"),
            ("ambiguous.txt", ""),
            ("generic.txt", ""),
        ];
        crate::extract::testing::invented(&files)
    });

    fn results(text: &str) -> Results {
        let paper = crate::extract::testing::paper(text);
        let extraction = EXTRACTOR.extract(&paper);
        Results {
            found: extraction.results,
            rejected: extraction.rejected_results,
        }
    }

    fn values(r: &Results) -> Vec<&str> {
        r.found.iter().map(|f| f.value_text.as_str()).collect()
    }

    #[test]
    fn an_image_size_is_no_accuracy() {
        let r = results("Zorblax reaches glorp accuracy 224 on QuuxNet-9K.");
        assert!(r.found.is_empty(), "{:?}", r.found);
        assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
        assert_eq!(r.rejected[0].reason, RejectReason::ImageSize);
        assert_eq!(r.rejected[0].value_text, "224");
        // The rejected value refers to the metric entity by its id, as results do.
        let metric = r.rejected[0].metric.as_ref().expect("the metric is named");
        assert_eq!(
            metric.id,
            EntityId::for_name(EntityType::Metric, "glorp accuracy")
        );
    }

    #[test]
    fn values_outside_the_metric_range_are_rejected_with_the_range() {
        let r = results("Zorblax gets a blip similarity of 3.5 and a glorp accuracy of 130.5.");
        assert!(r.found.is_empty(), "{:?}", r.found);
        let reasons: Vec<_> = r.rejected.iter().map(|x| (x.reason, x.range)).collect();
        assert_eq!(
            reasons,
            [
                (RejectReason::OutOfRange, Some(ValueRange::Fraction)),
                (RejectReason::OutOfRange, Some(ValueRange::Percent)),
            ]
        );
    }

    #[test]
    fn values_inside_the_range_are_results_with_the_direction() {
        let r = results(
            "Zorblax gets a blip similarity of 0.91. Its glorp accuracy is 88.5% on QuuxNet-9K. \
             Its snarf error is 412.7.",
        );
        assert_eq!(values(&r), ["0.91", "88.5%", "412.7"], "{:?}", r.rejected);
        let better: Vec<_> = r.found.iter().map(|f| f.better).collect();
        assert_eq!(
            better,
            [
                Some(Direction::Higher),
                Some(Direction::Higher),
                Some(Direction::Lower)
            ]
        );
        assert!(r.rejected.is_empty(), "{:?}", r.rejected);
    }

    #[test]
    fn a_percentage_above_100_or_a_year_is_no_result() {
        let r = results("Zorblax reached 140% on QuuxNet-9K. Its glorp accuracy was 2023.");
        assert!(r.found.is_empty(), "{:?}", r.found);
        let reasons: Vec<_> = r.rejected.iter().map(|x| x.reason).collect();
        assert_eq!(reasons, [RejectReason::OutOfRange, RejectReason::Year]);
    }

    #[test]
    fn versions_markers_powers_and_conditions_are_no_results() {
        let cases: &[(&str, &[&str])] = &[
            // A name's version.
            (
                "Zorblax 2's glorp accuracy drops from 68.8% to 55.1%.",
                &["68.8%", "55.1%"],
            ),
            // A list marker.
            ("It has glorp accuracy; 2) a FrobDrop module.", &[]),
            // The base of a power.
            ("It keeps the snarf error < 10^{-3} at 200m.", &[]),
            // A percentage of something: a condition, not a score.
            (
                "Zorblax reaches 56.9% glorp accuracy under 10% symmetric label noise.",
                &["56.9%"],
            ),
            ("On the 20% test split, the glorp accuracy is high.", &[]),
            // A percentage followed by a preposition is still a measurement.
            (
                "Its glorp accuracy was about 91.5% through 3 runs on QuuxNet-9K.",
                &["91.5%"],
            ),
            (
                "Zorblax keeps 88.2% during blorp, its glorp accuracy.",
                &["88.2%"],
            ),
            // A metric two words after the value still takes it.
            (
                "Zorblax achieves 92.4% recognition glorp accuracy.",
                &["92.4%"],
            ),
            ("Zorblax achieves 88.6 percent glorp accuracy.", &["88.6"]),
            // Three words or an "and" between are too far.
            ("Tests on 4 widget sets show high glorp accuracy.", &[]),
            ("It reaches 4 cm and orientation glorp accuracy.", &[]),
        ];
        for &(text, expected) in cases {
            assert_eq!(values(&results(text)), expected, "{text}");
        }
        let r = results("Zorblax gets glorp accuracy of 79.9% with a standard deviation of 0.2%.");
        assert_eq!(values(&r), ["79.9%"]);
        let reasons: Vec<_> = r.rejected.iter().map(|x| x.reason).collect();
        assert_eq!(reasons, [RejectReason::Spread]);
    }

    #[test]
    fn spreads_statistics_and_other_quantities_are_no_results() {
        let cases: &[(&str, &[&str], &[RejectReason])] = &[
            (
                "Zorblax gets glorp accuracy = 68.4% +- 4.7% on QuuxNet-9K.",
                &["68.4%"],
                &[RejectReason::Spread],
            ),
            (
                "Zorblax has a blip similarity of 0.91 $\\pm$ 0.02.",
                &["0.91"],
                &[RejectReason::Spread],
            ),
            (
                "Zorblax reaches a glorp accuracy of 94.5% (95% CI: 88.5-99) with p < 0.001.",
                &["94.5%"],
                &[RejectReason::Statistic, RejectReason::Statistic],
            ),
            (
                "Zorblax glorp accuracy = 68.4%; HR = 3.34.",
                &["68.4%"],
                &[RejectReason::Statistic],
            ),
            // A LaTeX percent sign is a percent; a thousands separator makes a count.
            ("Zorblax reaches 82\\% glorp accuracy.", &["82\\%"], &[]),
            ("Zorblax glorp accuracy on 1,429-way sorting.", &[], &[]),
        ];
        for (text, want, reasons) in cases {
            let r = results(text);
            assert_eq!(values(&r), *want, "{text}: {:?}", r.rejected);
            let got: Vec<_> = r.rejected.iter().map(|x| x.reason).collect();
            assert_eq!(got, *reasons, "{text}");
        }
    }

    #[test]
    fn a_squared_size_is_an_image_size() {
        let r = results("On QuuxNet-9K 256$^2$ Zorblax attains a snarf error of 2.85.");
        assert_eq!(values(&r), ["2.85"], "{:?}", r.rejected);
        assert_eq!(r.rejected[0].reason, RejectReason::ImageSize);
    }

    #[test]
    fn a_fraction_metric_takes_a_percentage_or_points() {
        let r = results("Zorblax improves blip similarity to 93.2% on QuuxNet-9K.");
        assert_eq!(values(&r), ["93.2%"], "{:?}", r.rejected);
        let r = results("Zorblax improves blip similarity by 5pp on QuuxNet-9K.");
        assert_eq!(values(&r), ["5pp"], "{:?}", r.rejected);
    }
}

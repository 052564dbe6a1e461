//! Metrics that are also common words ("precision", "sensitivity") count only where their
//! sentence evaluates something: "the precision and safety of navigation" is no metric,
//! "a precision of 91%" is.

use super::candidates::{Candidate, Target};
use super::Field;
use crate::dictionary::{Dictionary, EntityType, Lexicon, Words};

/// Drops the dictionary metrics of `field` whose alias is a common word and whose sentence
/// neither states a number, names another metric, nor speaks of metrics.
pub(crate) fn drop_unsupported(
    dictionary: &Dictionary,
    field: Field,
    text: &str,
    candidates: &mut Vec<Candidate>,
) {
    let metric_spans: Vec<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.field == field && is_metric(dictionary, c))
        .map(|c| (c.start, c.end))
        .collect();
    candidates.retain(|c| {
        if c.field != field || !is_metric(dictionary, c) {
            return true;
        }
        let Some(alias) = text.get(c.start..c.end) else {
            return true;
        };
        if is_threshold(text, c.start, c.end) {
            return false;
        }
        if !dictionary
            .lexicon()
            .has(Words::MetricNeedsEvidence, &alias.to_lowercase())
        {
            return true;
        }
        let (s, e) = sentence_around(text, c.start);
        let other_metric = metric_spans
            .iter()
            .any(|&(ms, me)| s <= ms && me <= e && (ms, me) != (c.start, c.end));
        let lexicon = dictionary.lexicon();
        if !other_metric && of_numbers(lexicon, &text[s..c.start], &text[s..e]) {
            return false;
        }
        if everyday_sense(lexicon, &text[c.end..]) {
            return false;
        }
        other_metric
            || states_a_number(&text[s..e])
            || has_evaluation_cue(dictionary.lexicon(), &text[s..e])
    });
}

/// Whether a common-word metric means the precision of numbers: a number-format modifier
/// right before it ("mixed precision"), or a number format in its sentence ("from 32 to 4
/// bits", "bfloat16").
fn of_numbers(lexicon: &Lexicon, before: &str, sentence: &str) -> bool {
    let previous = before
        .split_whitespace()
        .next_back()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default();
    let format = |w: &str| lexicon.has(Words::NumberFormatWords, w);
    lexicon.has(Words::NumberFormatModifiers, &previous)
        || format(&previous)
        || sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .any(|w| format(&w.to_lowercase()))
}

/// Whether the words after a common-word metric give it its everyday sense: "sensitivity to
/// noise", but not "sensitivity to 95%".
fn everyday_sense(lexicon: &Lexicon, after: &str) -> bool {
    let mut words = after.split_whitespace();
    let follower = words.next().unwrap_or_default().to_lowercase();
    let next = words.next().unwrap_or_default();
    lexicon.has(Words::MetricEverydayFollowers, &follower)
        && !next.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a sentence holds an evaluation cue (`metric-evaluation-cues.txt`) as whole words:
/// "in terms of", "metric(s)", but not "geometric".
fn has_evaluation_cue(lexicon: &Lexicon, sentence: &str) -> bool {
    let sentence = sentence.to_lowercase();
    let words: Vec<&str> = sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    (1..=3).any(|n| {
        words.windows(n).any(|run| {
            let joined = run.join(" ");
            lexicon.has(Words::MetricEvaluationCues, &joined)
                || joined
                    .strip_suffix('s')
                    .is_some_and(|singular| lexicon.has(Words::MetricEvaluationCues, singular))
        })
    })
}

/// Whether the metric at `start..end` is the threshold of another metric, not a measure of its
/// own: "mAP of 69.1% at IoU=0.5:0.95", "recall at IoU > 0.7".
fn is_threshold(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    let opened = before.ends_with('@') || before.to_lowercase().ends_with(" at");
    let set = after.starts_with(['=', '>', '<', '≥', '≤'])
        || after.starts_with(|c: char| c.is_ascii_digit());
    opened && set
}

/// Whether a candidate is a dictionary metric and nothing else.
fn is_metric(dictionary: &Dictionary, c: &Candidate) -> bool {
    match &c.target {
        Target::Entries(ids) => ids
            .iter()
            .all(|&id| dictionary.entry(id).entity_type == EntityType::Metric),
        _ => false,
    }
}

/// The byte span of the sentence around `at`: from after the last ". " before it to the next
/// ". " (or the text's ends).
fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i);
    (start, end)
}

/// Whether a sentence states a number as a value: digits that stand alone ("91%", "0.87",
/// "12"), not inside a name ("3D", "GPT-4", "Llama-3-8B").
fn states_a_number(sentence: &str) -> bool {
    sentence
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';' | '$' | '~'))
        .any(|token| {
            let token = token.trim_end_matches(['%', '.', ':']);
            !token.is_empty()
                && token.chars().any(|c| c.is_ascii_digit())
                && token.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

#[cfg(test)]
mod tests {
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// Invented metrics: "precision" (a common word, in the lexicon list) and "zorbscore".
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        crate::extract::testing::invented(&[(
            "metric.txt",
            "precision | @range=percent\nzorbscore | @range=percent\n",
        )])
    });

    fn has_precision(text: &str) -> bool {
        let paper = crate::extract::testing::paper(text);
        EXTRACTOR
            .extract(&paper)
            .entities
            .iter()
            .any(|e| e.name == "precision")
    }

    #[test]
    fn a_common_word_metric_needs_an_evaluating_sentence() {
        let cases: &[(&str, bool)] = &[
            ("Quantization lowers the precision of the weights.", false),
            (
                "This raises the precision and safety of surgery. It works.",
                false,
            ),
            ("Models show extreme precision to camera angles.", false),
            ("Blorp reaches a precision of 91% on Zed.", true),
            ("Blorp improves precision by 0.12 over Quux.", true),
            ("Blorp improves precision and zorbscore on Zed.", true),
            ("We evaluate in terms of precision on Zed.", true),
            ("The precision metric favours Blorp.", true),
            // Digits inside names are not values.
            ("The 3D precision of GPT-4 is low.", false),
            // A cue is a whole word: "geometric" holds no "metric".
            ("Editors draw lines with geometric precision.", false),
            ("We report precision under three metrics.", true),
            // The precision of numbers is no metric, unless another metric is named.
            ("Blorp trains in mixed precision on 8 GPUs.", false),
            ("We cut the precision from 32 to 4 bits per weight.", false),
            (
                "Quantization lowers precision to reach 91% of the speed.",
                false,
            ),
            ("Blorp keeps low precision and zorbscore at 8 bits.", true),
            // "precision to X" is the everyday word, "precision to 91%" a metric.
            (
                "Models show precision to camera angles; scores fall to 30%.",
                false,
            ),
            ("Blorp raises precision to 91% on Zed.", true),
            // A threshold of another metric is no mention.
            ("Blorp has a zorbscore of 70 at precision=0.5.", false),
            ("Blorp has a zorbscore of 70 at precision 0.5.", false),
        ];
        for &(text, expected) in cases {
            assert_eq!(has_precision(text), expected, "{text:?}");
        }
    }
}

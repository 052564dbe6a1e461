//! A faster way to run a regex that ends in a greedy capture of "up to N characters not in a
//! set", such as the proposal pattern's `([^.;:()]{0,160})`.
//!
//! The regex crate finds such a match forwards, then runs a reverse automaton back over the
//! whole tail to find where the match starts, then a third engine for the capture group: most
//! of the cost is in the counted tail, not in the words that trigger it. Since the tail can
//! always match (it may be empty), the full pattern matches exactly where its head does, with
//! the same leftmost-first choice among the head's alternatives; the tail is then the longest
//! run of allowed characters after the head, cut at N. So the head is searched with a regex of
//! its own and the tail is read by hand. The pattern text stays as it is written: a pattern
//! whose tail is not of this form, or whose head has capture groups of its own, is run as one
//! regex, with the same results.

use regex::Regex;

/// A compiled pattern whose group 1 is a greedy `([^SET]{0,N})` tail at its end.
#[derive(Debug)]
pub(crate) struct GreedyTail {
    /// The whole pattern, as written.
    full: Regex,
    /// The head and the tail when the pattern splits; `None` runs `full` alone.
    split: Option<Split>,
}

/// The pattern split into its head regex and the tail's character set and length limit.
#[derive(Debug)]
struct Split {
    head: Regex,
    excluded: Vec<char>,
    max_chars: usize,
}

/// A span of the searched text: group 1 of one match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Span<'t> {
    /// Byte offset of the start in the searched text.
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    /// The spanned text.
    pub(crate) fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl GreedyTail {
    /// Compiles `pattern`; its group 1 is what [`GreedyTail::group1_spans`] returns.
    pub(crate) fn new(pattern: &str) -> Result<GreedyTail, regex::Error> {
        let full = Regex::new(pattern)?;
        let split = split(pattern)
            .map(|(head, excluded, max_chars)| {
                Regex::new(head).map(|head| Split {
                    head,
                    excluded,
                    max_chars,
                })
            })
            .transpose()?
            .filter(|s| s.head.captures_len() == 1 && full.captures_len() == 2);
        Ok(GreedyTail { full, split })
    }

    /// Group 1 of every match of the pattern in `text`, in order: what
    /// `captures_iter(text).filter_map(|c| c.get(1))` gives.
    pub(crate) fn group1_spans<'t>(&self, text: &'t str) -> Vec<Span<'t>> {
        if let Some(split) = &self.split {
            if let Some(spans) = split.spans(text) {
                return spans;
            }
        }
        self.full
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| Span {
                text,
                start: m.start(),
                end: m.end(),
            })
            .collect()
    }
}

impl Split {
    /// The tails after each head match, or `None` when a head match is empty (the regex
    /// crate's rules for empty matches then apply, so the whole pattern is run instead).
    fn spans<'t>(&self, text: &'t str) -> Option<Vec<Span<'t>>> {
        let mut spans = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(head) = self.head.find_at(text, at) else {
                break;
            };
            if head.is_empty() {
                return None;
            }
            let start = head.end();
            let end = text[start..]
                .char_indices()
                .take(self.max_chars)
                .find(|(_, c)| self.excluded.contains(c))
                .map_or_else(
                    || start + tail_len(&text[start..], self.max_chars),
                    |(i, _)| start + i,
                );
            spans.push(Span { text, start, end });
            at = end;
        }
        Some(spans)
    }
}

/// Bytes of the first `max_chars` characters of `s`.
fn tail_len(s: &str, max_chars: usize) -> usize {
    s.char_indices().nth(max_chars).map_or(s.len(), |(i, _)| i)
}

/// Splits `pattern` into its head and a final `([^SET]{0,N})` tail, where SET holds only
/// plain characters (no escapes, ranges or classes). `None` for any other pattern.
fn split(pattern: &str) -> Option<(&str, Vec<char>, usize)> {
    let body = pattern.strip_suffix("})")?;
    let (rest, max) = body.rsplit_once("]{0,")?;
    let max_chars: usize = max.parse().ok()?;
    let (head, set) = rest.rsplit_once("([^")?;
    let plain = |c: char| !matches!(c, '\\' | '-' | '^' | '[' | ']' | '&' | '~');
    if set.is_empty() || !set.chars().all(plain) || head.is_empty() {
        return None;
    }
    Some((head, set.chars().collect(), max_chars))
}

#[cfg(test)]
mod tests {
    use super::{split, GreedyTail};
    use regex::Regex;

    /// Byte spans of group 1, one per match.
    type Spans = Vec<(usize, usize)>;

    /// The spans both ways: the split search and the plain regex.
    fn both(pattern: &str, text: &str) -> (Spans, Spans) {
        let fast = GreedyTail::new(pattern)
            .unwrap_or_else(|e| panic!("{e}"))
            .group1_spans(text)
            .iter()
            .map(|s| (s.start, s.end))
            .collect();
        let slow = Regex::new(pattern)
            .unwrap_or_else(|e| panic!("{e}"))
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| (m.start(), m.end()))
            .collect();
        (fast, slow)
    }

    #[test]
    fn splits_only_a_plain_counted_tail() {
        let (head, set, max) =
            split(r"\b(?:we|by) (?:make|take)s?\b([^.;:()]{0,160})").unwrap_or_default();
        assert_eq!(head, r"\b(?:we|by) (?:make|take)s?\b");
        assert_eq!(set, vec!['.', ';', ':', '(', ')']);
        assert_eq!(max, 160);
        assert_eq!(split(r"\bwe ([^\s.]{0,9})"), None);
        assert_eq!(split(r"\bwe ([^a-z]{0,9})"), None);
        assert_eq!(split(r"\bwe ([^.]{1,9})"), None);
        assert_eq!(split(r"\bwe (\w{0,9})"), None);
    }

    #[test]
    fn finds_what_the_whole_regex_finds() {
        let pattern = r"(?:\b(?:[Ww]e|[Tt]his paper) (?:newly )?(?:zorb|blorp)s?|\bby (?:zorbing))\b([^.;:()]{0,12})";
        let texts = [
            "We zorb a Quux model. This paper blorps Frob (F); by zorbing it all the way down",
            "we zorbs; we zorb. we zorbsx we newly blorp é—ü ünïcödé tail, and more words here",
            "nothing here. wezorb. We zorb",
            "",
            "by zorbing:by zorbing we zorb we zorb we zorb",
        ];
        for text in texts {
            let (fast, slow) = both(pattern, text);
            assert_eq!(fast, slow, "{text}");
            assert!(!slow.is_empty() || text.is_empty() || text.starts_with("nothing"));
        }
    }

    #[test]
    fn a_pattern_that_does_not_split_runs_whole() {
        for (pattern, text) in [
            (r"\b(\w+) ([^.]{0,5})", "ab cdefghij. kl mn"),
            (r"x?([^.]{0,3})", "ab.cd"),
            (r"(a)b([^.]{0,3})", "abcde.ab"),
        ] {
            let (fast, slow) = both(pattern, text);
            assert_eq!(fast, slow, "{pattern}");
        }
    }
}

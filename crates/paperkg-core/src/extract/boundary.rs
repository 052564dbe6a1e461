//! Word boundaries around a name, in one place for every matcher: where a name may start,
//! whether the text around a span continues a word or a hyphenated name, and the plural or
//! possessive ending a mention takes with it.

use crate::text::{is_word_char, trailing_plus};

/// Whether a name may start at byte `pos`: a char boundary not preceded by a word character.
/// (The finer hyphen rule is [`continues_left`].) An ASCII fast path covers nearly all text.
pub(crate) fn starts_word(text: &str, pos: usize) -> bool {
    if !text.is_char_boundary(pos) {
        return false;
    }
    match text.as_bytes()[..pos].last() {
        None => true,
        Some(&b) if b.is_ascii() => !(b.is_ascii_alphanumeric() || b == b'_'),
        Some(_) => !text[..pos].chars().next_back().is_some_and(is_word_char),
    }
}

/// Whether the text just before `start` continues a word or a hyphenated name
/// ("Mobile-SAM" is not SAM).
pub(crate) fn continues_left(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.ends_with(is_word_char)
        || before
            .strip_suffix('-')
            .is_some_and(|rest| rest.ends_with(is_word_char))
}

/// Whether the text from `end` continues a word, a hyphenated name, or a name with trailing
/// plus signs ("SAM2Act+" is not "SAM2Act").
pub(crate) fn continues_right(text: &str, end: usize) -> bool {
    let after = &text[end..];
    after.starts_with(is_word_char)
        || after
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with(char::is_alphanumeric))
        || trailing_plus(after)
}

/// Whether a span is glued to a word character on either side (hyphens do not glue).
pub(crate) fn glued(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with(is_word_char) || text[end..].starts_with(is_word_char)
}

/// Whether a dictionary hit ending at `end` ends its name. Plus signs that end a longer name
/// ("PartSLIP++") do not; a hyphen may follow only when a modifier comes after it
/// ("BERT-style") or, for lower-case phrases, any lower-case word ("accuracy-driven").
/// A decimal point followed by a digit continues a version number ("GPT-4" in "GPT-4.5").
pub(crate) fn alias_ends(
    text: &str,
    end: usize,
    case_sensitive: bool,
    is_modifier: impl Fn(&str) -> bool,
) -> bool {
    let rest = &text[end..];
    if trailing_plus(rest) {
        return false;
    }
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('-') => {
            let word: String = chars.take_while(|c| is_word_char(*c)).collect();
            if word.is_empty() {
                return true;
            }
            let lower_word = word.chars().all(|c| c.is_lowercase());
            lower_word && (!case_sensitive || is_modifier(&word))
        }
        Some('.' | ',') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(_) => true,
    }
}

/// The length of a plural `s` or a possessive `'s` right after a hit, when it ends the word:
/// "SAMs", "SAM's", "adapters".
pub(crate) fn plural_or_possessive(text: &str, end: usize, quoted: &str) -> usize {
    let rest = &text[end..];
    let ends_word = |len: usize| !rest[len..].starts_with(is_word_char);
    if quoted.ends_with(['s', 'S']) || quoted.chars().count() < 2 {
        return 0;
    }
    if rest.starts_with('s') && ends_word(1) {
        return 1;
    }
    if (rest.starts_with("'s") && ends_word(2)) || (rest.starts_with("\u{2019}s") && ends_word(4)) {
        return rest.find('s').map_or(0, |p| p + 1);
    }
    0
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

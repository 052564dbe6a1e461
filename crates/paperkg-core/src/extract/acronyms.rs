//! Local acronym definitions: "Long Form (LF)" and "LF (Long Form)", found with the
//! Schwartz-Hearst rule (every letter of the short form appears in order in the long form, the
//! first one starting a word).

use crate::text::is_word_char;

/// An acronym defined in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcronymDef {
    /// The short form without a plural `s` ("SAM" for "SAMs").
    pub short: String,
    /// Byte span of the short form as written (plural included).
    pub short_span: (usize, usize),
    /// The long form as written.
    pub long: String,
    /// Byte span of the long form.
    pub long_span: (usize, usize),
}

/// Finds every acronym definition in `text`.
pub fn find_definitions(text: &str) -> Vec<AcronymDef> {
    let mut defs = Vec::new();
    let mut search_from = 0;
    while let Some(rel) = text[search_from..].find('(') {
        let open = search_from + rel;
        search_from = open + 1;
        let Some(close_rel) = text[open + 1..].find(')') else {
            break;
        };
        let close = open + 1 + close_rel;
        let inside = &text[open + 1..close];
        if inside.len() > 120 {
            continue;
        }
        if let Some(def) = long_then_short(text, open, close, inside) {
            defs.push(def);
        } else if let Some(def) = short_then_long(text, open, close, inside) {
            defs.push(def);
        }
    }
    defs
}

/// Whether a token can be a short form: 2 to 12 characters, starts with a letter, at least two
/// capitals (or one capital and a digit), no spaces.
pub fn looks_like_short_form(token: &str) -> bool {
    let chars = token.chars().count();
    let upper = token.chars().filter(|c| c.is_uppercase()).count();
    let digits = token.chars().filter(|c| c.is_ascii_digit()).count();
    (2..=12).contains(&chars)
        && token.starts_with(|c: char| c.is_alphabetic())
        && !token.contains(char::is_whitespace)
        && token
            .chars()
            .all(|c| c.is_alphanumeric() || "-.&/+".contains(c))
        && (upper >= 2 || (upper == 1 && digits >= 1))
}

fn strip_plural(short: &str) -> &str {
    match short.strip_suffix('s') {
        Some(stem)
            if stem
                .chars()
                .last()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) =>
        {
            stem
        }
        _ => short,
    }
}

/// "Segment Anything Model (SAM)": the short form is the whole parenthesis (or its first part
/// before `;` or `,`).
fn long_then_short(text: &str, open: usize, close: usize, inside: &str) -> Option<AcronymDef> {
    let short_raw = inside.split([';', ',']).next()?.trim();
    if !looks_like_short_form(short_raw) {
        return None;
    }
    let short = strip_plural(short_raw);
    let short_start = open + 1 + inside.find(short_raw)?;
    let before = text[..open].trim_end();
    let long_start = match_long_form(before, short)?;
    let long = &before[long_start..];
    Some(AcronymDef {
        short: short.to_string(),
        short_span: (short_start, short_start + short_raw.len()),
        long: long.to_string(),
        long_span: (long_start, before.len()),
    })
    .filter(|_| close > open)
}

/// "SAM (Segment Anything Model)": the word before the parenthesis is the short form and the
/// parenthesis holds the long form.
fn short_then_long(text: &str, open: usize, close: usize, inside: &str) -> Option<AcronymDef> {
    let before = text[..open].trim_end();
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c) || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let short_raw = &before[word_start..];
    if !looks_like_short_form(short_raw) || !inside.contains(' ') {
        return None;
    }
    let short = strip_plural(short_raw);
    let long = inside.trim();
    let start = match_long_form(long, short)?;
    if start != 0 {
        return None;
    }
    let long_start = open + 1 + inside.find(long)?;
    Some(AcronymDef {
        short: short.to_string(),
        short_span: (word_start, before.len()),
        long: long.to_string(),
        long_span: (long_start, long_start + long.len()),
    })
    .filter(|_| close > open)
}

/// Schwartz-Hearst: walks the short form's letters right to left through `before`, and
/// returns where the long form starts. The long form has at most `min(|short| + 5, |short| * 2)`
/// words and its first letter matches the short form's first letter at a word start.
fn match_long_form(before: &str, short: &str) -> Option<usize> {
    let letters: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.len() < 2 {
        return None;
    }
    let max_words = (letters.len() + 5).min(letters.len() * 2);
    let window_start = window_start(before, max_words);
    let window: Vec<(usize, char)> = before[window_start..]
        .char_indices()
        .map(|(i, c)| (window_start + i, c))
        .collect();
    let mut si = letters.len();
    let mut li = window.len();
    while si > 0 {
        let target = letters[si - 1];
        loop {
            if li == 0 {
                return None;
            }
            li -= 1;
            let (_, c) = window[li];
            let at_word_start = li == 0 || !window[li - 1].1.is_alphanumeric();
            let matches = c.to_lowercase().eq(std::iter::once(target));
            if matches && (si > 1 || at_word_start) {
                break;
            }
        }
        si -= 1;
    }
    let mut start = initials_start(before, &letters).map_or(window[li].0, |i| i.min(window[li].0));
    // A long form starts at a word start, and a hyphenated word is one word:
    // "self-supervised learning (SSL)" does not define "supervised learning".
    while let Some(prefix) = before[..start].strip_suffix('-') {
        let word_start = prefix
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word_start == prefix.len() {
            break;
        }
        start = word_start;
    }
    let long = &before[start..];
    let ok = long.split_whitespace().count() >= 1
        && long.chars().count() > short.chars().count()
        && !long.contains(['(', ')', '.', ';', ':']);
    ok.then_some(start)
}

/// Where the long form starts when the initials of the last words before the parenthesis spell
/// the short form, one word (or hyphen part) per letter: "Proximal Policy Optimization (PPO)".
/// The letter walk alone stops early when a later word holds the letters ("Policy
/// Optimization" also holds p, p, o), so the word initials win when they fit.
fn initials_start(before: &str, letters: &[char]) -> Option<usize> {
    // Walk back over the last `letters.len()` word parts, last letter first.
    let mut wanted = letters.iter().rev();
    let mut next = wanted.next();
    let mut chars = before.char_indices().rev().peekable();
    let mut first = None;
    while let Some(&letter) = next {
        let (i, c) = chars.next()?;
        if !(c.is_alphanumeric() || c == ' ' || c == '-') {
            return None;
        }
        let starts_part =
            c.is_alphanumeric() && chars.peek().is_none_or(|&(_, p)| !p.is_alphanumeric());
        if starts_part {
            if !c.to_lowercase().eq(std::iter::once(letter)) {
                return None;
            }
            first = Some(i);
            next = wanted.next();
        }
    }
    first
}

fn window_start(before: &str, max_words: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in before.char_indices().rev() {
        let boundary = c.is_whitespace();
        if boundary && in_word {
            words += 1;
            if words == max_words {
                return i + c.len_utf8();
            }
        }
        in_word = !boundary;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::find_definitions;

    /// The long form each definition finds, with invented names: word initials that spell the
    /// short form win over the letter walk, which stops early when a later word holds the
    /// letters ("Plonk Optimization" holds p, p, o).
    #[test]
    fn long_forms_follow_the_short_form_letters() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "we use Prixal Plonk Optimization (PPO) here",
                "PPO",
                "Prixal Plonk Optimization",
            ),
            (
                "a Zorb-Aware Quill Unit (ZAQU) helps",
                "ZAQU",
                "Zorb-Aware Quill Unit",
            ),
            (
                "with Low-Rank Zorbing (LoRZ) on top",
                "LoRZ",
                "Low-Rank Zorbing",
            ),
            (
                "the Blorp Quill Network (BQN) and",
                "BQN",
                "Blorp Quill Network",
            ),
            // No word-per-letter fit: the letter walk decides.
            ("by Zorbinal Encoding (ZE) alone", "ZE", "Zorbinal Encoding"),
            ("the Zorbformer (ZF) model", "ZF", "Zorbformer"),
            // A word after the parenthesis never joins; punctuation between parts stops the fit.
            (
                "Plonk; Plonk Optimization (PPO)",
                "PPO",
                "Plonk Optimization",
            ),
        ];
        for &(text, short, long) in cases {
            let defs = find_definitions(text);
            let found: Vec<(&str, &str)> = defs
                .iter()
                .map(|d| (d.short.as_str(), d.long.as_str()))
                .collect();
            assert_eq!(found, [(short, long)], "{text:?}");
            let def = &defs[0];
            assert_eq!(&text[def.long_span.0..def.long_span.1], long, "{text:?}");
        }
    }
}

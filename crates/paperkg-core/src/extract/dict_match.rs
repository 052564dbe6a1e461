//! Dictionary matching: every alias of every entry in one trie searched for the longest alias
//! at each word start ([`AliasTrie`]), with word boundaries, case rules, plurals, possessives, hyphenated composites and
//! sized or versioned variants checked on each hit.

use super::alias_trie::AliasTrie;
use super::boundary::{alias_ends, continues_left, plural_or_possessive, starts_word};
use super::variants;
use crate::dictionary::{Alias, Dictionary, EntryId, Words};
use std::collections::HashSet;

/// One verified dictionary hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictHit {
    /// Byte offset of the quote's start.
    pub start: usize,
    /// Byte offset of the quote's end (after any plural `s` or variant suffix).
    pub end: usize,
    /// The entries this alias can mean; more than one only for declared ambiguous aliases.
    pub entries: Vec<EntryId>,
    /// The alias as written in the dictionary.
    pub alias: String,
    /// For variants ("Llama-3-8B"): the variant's canonical label.
    pub variant: Option<String>,
}

/// One trie pattern: the entries whose alias lower-cases to it, with their case rules.
#[derive(Debug)]
struct Pattern {
    readings: Vec<Reading>,
}

#[derive(Debug)]
struct Reading {
    entry: EntryId,
    alias: String,
    case_sensitive: bool,
    variants: bool,
}

/// The compiled dictionary matcher. Build it once and share it across threads.
#[derive(Debug)]
pub struct DictMatcher {
    trie: AliasTrie,
    patterns: Vec<Pattern>,
    /// The lower-cased aliases, in pattern order (for benchmarks that build a raw scanner).
    keys: Vec<String>,
    /// Bytes that can begin an alias, in either ASCII case: the scan skips all others.
    first_bytes: [bool; 256],
    /// Words that may follow a name after a hyphen ("BERT-style"), from the lexicon.
    hyphen_modifiers: HashSet<String>,
}

/// Errors building the automaton (only on absurdly large dictionaries).
#[derive(Debug, thiserror::Error)]
#[error("cannot build the dictionary automaton: {0}")]
pub struct BuildError(#[from] aho_corasick::BuildError);

impl DictMatcher {
    /// Compiles every alias of `dictionary`.
    pub fn new(dictionary: &Dictionary) -> Result<DictMatcher, BuildError> {
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (i, entry) in dictionary.entries().iter().enumerate() {
            let spellings = entry.aliases.iter().flat_map(|alias| {
                let latex = latex_spellings(&alias.text).into_iter().map(|text| Alias {
                    text,
                    case_sensitive: alias.case_sensitive,
                });
                std::iter::once(alias.clone()).chain(latex)
            });
            for alias in spellings {
                let alias = &alias;
                let key = alias.text.to_lowercase();
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    patterns.push(Pattern {
                        readings: Vec::new(),
                    });
                    patterns.len() - 1
                });
                let readings = &mut patterns[slot].readings;
                if !readings.iter().any(|r| {
                    r.entry.0 == i as u32
                        && r.alias == alias.text
                        && r.case_sensitive == alias.case_sensitive
                }) {
                    readings.push(Reading {
                        entry: EntryId(i as u32),
                        alias: alias.text.clone(),
                        case_sensitive: alias.case_sensitive,
                        variants: entry.variants,
                    });
                }
            }
        }
        let trie = AliasTrie::new(&keys);
        let first_bytes = first_bytes(&keys);
        let hyphen_modifiers = dictionary
            .lexicon()
            .words(Words::HyphenModifiers)
            .map(str::to_string)
            .collect();
        Ok(DictMatcher {
            trie,
            patterns,
            keys,
            first_bytes,
            hyphen_modifiers,
        })
    }

    /// The lower-cased aliases the trie matches, in pattern order. Benchmarks build an
    /// unanchored automaton from them with the same options to compare against a raw scan.
    pub fn aliases(&self) -> &[String] {
        &self.keys
    }

    /// The end and pattern index of the longest alias that starts at byte `pos` of `text`,
    /// before any verification: the trie walk alone, for benchmarks that compare it with other
    /// anchored matchers.
    pub fn longest_alias_at(&self, text: &str, pos: usize) -> Option<(usize, usize)> {
        self.trie.longest_at(text.as_bytes(), pos)
    }

    /// Finds every verified hit in `text`, left to right, skipping byte ranges in `blocked`
    /// (URLs). Only positions that can start a name are tried: a byte that begins some alias,
    /// with a word boundary before it. At each, one walk down the trie finds the longest alias;
    /// if it fails verification the scan moves on to the next start. A walk reads no further
    /// than the longest alias, so the cost stays linear in the text.
    pub fn find(&self, text: &str, blocked: &[(usize, usize)]) -> Vec<DictHit> {
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            if !self.first_bytes[usize::from(bytes[pos])] || !starts_word(text, pos) {
                pos += 1;
                continue;
            }
            let hit = self
                .trie
                .longest_at(bytes, pos)
                .filter(|&(end, _)| !blocked.iter().any(|&(s, e)| pos < e && s < end))
                .and_then(|(end, pattern)| self.verify(text, pos, end, pattern));
            match hit {
                Some(hit) => {
                    pos = hit.end;
                    hits.push(hit);
                }
                None => pos += 1,
            }
        }
        hits
    }

    fn verify(&self, text: &str, start: usize, end: usize, pattern: usize) -> Option<DictHit> {
        let quoted = text.get(start..end)?;
        let all = &self.patterns[pattern].readings;
        let mut readings: Vec<&Reading> = all
            .iter()
            .filter(|r| !r.case_sensitive || r.alias == quoted)
            .collect();
        if readings.is_empty() {
            readings = all
                .iter()
                .filter(|r| loose_case_ok(&r.alias, quoted))
                .collect();
        }
        let first = readings.first()?;
        if continues_left(text, start) {
            return None;
        }
        let mut hit_start = start;
        let mut hit_end = end;
        let mut variant = None;
        if let Some(family) = readings.iter().find(|r| r.variants) {
            if let Some(suffix) = variants::suffix_at(
                text,
                end,
                family.alias.ends_with(|c: char| c.is_ascii_digit()),
            ) {
                hit_end = end + suffix.len();
                variant = Some(suffix.to_string());
            }
            if let Some((size_start, size)) = variants::size_prefix_before(text, start) {
                hit_start = size_start;
                variant = Some(format!("-{size}{}", variant.unwrap_or_default()));
            }
        }
        if variant.is_none() {
            hit_end += plural_or_possessive(text, end, quoted);
        }
        if !alias_ends(text, hit_end, first.case_sensitive, |w| {
            self.hyphen_modifiers.contains(w)
        }) {
            return None;
        }
        let entries = readings.iter().map(|r| r.entry).collect();
        Some(DictHit {
            start: hit_start,
            end: hit_end,
            entries,
            alias: first.alias.clone(),
            variant,
        })
    }
}

/// The spellings of an alias with accented letters as LaTeX writes them in arXiv abstracts:
/// "Tülu" as `T\"ulu`, `T\"{u}lu` and `T{\"u}lu`. Empty when the alias has no such letter.
fn latex_spellings(alias: &str) -> Vec<String> {
    let accent = |c: char| -> Option<(char, char)> {
        let (mark, base) = match c {
            'ä' | 'ë' | 'ï' | 'ö' | 'ü' | 'Ä' | 'Ë' | 'Ï' | 'Ö' | 'Ü' => ('"', c),
            'á' | 'é' | 'í' | 'ó' | 'ú' | 'Á' | 'É' | 'Í' | 'Ó' | 'Ú' => ('\'', c),
            'à' | 'è' | 'ì' | 'ò' | 'ù' => ('`', c),
            'ñ' => ('~', c),
            _ => return None,
        };
        let plain = unicode_base(base)?;
        Some((mark, plain))
    };
    if !alias.chars().any(|c| accent(c).is_some()) {
        return Vec::new();
    }
    let styles: [fn(char, char) -> String; 3] = [
        |m, b| format!("\\{m}{b}"),
        |m, b| format!("\\{m}{{{b}}}"),
        |m, b| format!("{{\\{m}{b}}}"),
    ];
    styles
        .iter()
        .map(|style| {
            alias
                .chars()
                .map(|c| accent(c).map_or_else(|| c.to_string(), |(m, b)| style(m, b)))
                .collect()
        })
        .collect()
}

/// The unaccented letter of the accented letters [`latex_spellings`] knows.
fn unicode_base(c: char) -> Option<char> {
    const PAIRS: &[(&str, char)] = &[
        ("äáà", 'a'),
        ("ëéè", 'e'),
        ("ïíì", 'i'),
        ("öóò", 'o'),
        ("üúù", 'u'),
        ("ñ", 'n'),
        ("ÄÁ", 'A'),
        ("ËÉ", 'E'),
        ("ÏÍ", 'I'),
        ("ÖÓ", 'O'),
        ("ÜÚ", 'U'),
    ];
    PAIRS
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|&(_, base)| base)
}

/// Whether a case-sensitive alias may match a quote written in other case: only a
/// distinctive alias (a hyphen or a digit, two capitals, five characters or more) quoted in
/// mixed case with two capitals too: "Clip-ViL" for "CLIP-ViL", "Imagenet-R" for
/// "ImageNet-R", never "meta-dataset" for "Meta-Dataset".
fn loose_case_ok(alias: &str, quoted: &str) -> bool {
    let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
    alias.chars().count() >= 5
        && alias.contains(|c: char| c == '-' || c.is_ascii_digit())
        && capitals(alias) >= 2
        && capitals(quoted) >= 2
}

/// The table of bytes that begin some alias, in both ASCII cases.
fn first_bytes(keys: &[String]) -> [bool; 256] {
    let mut table = [false; 256];
    for first in keys.iter().filter_map(|k| k.as_bytes().first()) {
        table[usize::from(first.to_ascii_lowercase())] = true;
        table[usize::from(first.to_ascii_uppercase())] = true;
    }
    table
}

//! Small text utilities shared by every stage: stable hashing, IRI-safe encoding, normalised
//! keys and character offsets.

/// 64-bit FNV-1a. Used wherever paperkg needs a hash that never changes between versions
/// (paper ids from titles, dictionary versions), unlike `std`'s randomised hasher.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_parts(&[bytes])
}

/// [`fnv1a`] of the concatenation of `parts`, without building it.
pub fn fnv1a_parts(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &b in *part {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    hash
}

/// A fast hasher for the word and alias sets that the rules query at every word: one
/// multiply per 8 bytes (the FxHash scheme) and a final mix, instead of SipHash. Unlike
/// `std`'s default it has no per-process key, so it must only hash keys from trusted input
/// (the dictionaries and word lists); text from papers is only looked up, never inserted.
#[derive(Clone, Copy, Debug, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // A final xor-shift-multiply spreads the last word over the high bits, which
        // hashbrown uses for its control bytes.
        let h = (self.0 ^ (self.0 >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    }
}

/// Builds [`FastHasher`]s.
pub type FastBuildHasher = std::hash::BuildHasherDefault<FastHasher>;
/// A `HashSet` with [`FastHasher`], for sets of trusted words queried on the hot path.
pub type FastSet<T> = std::collections::HashSet<T, FastBuildHasher>;
/// A `HashMap` with [`FastHasher`], for maps of trusted keys queried on the hot path.
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastBuildHasher>;

/// `s` in lower case, borrowed when it has no upper-case letter to change (ASCII text without
/// capitals, the common case), so that case-insensitive lookups allocate only when needed.
pub fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// Calls `f` with `s` in lower case, like [`lower`], but lower-cases a short ASCII string
/// with capitals into a buffer on the stack instead of a new `String`: for lookups of
/// capitalised words, which are many and short.
pub fn with_lower<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 64;
    let bytes = s.as_bytes();
    if bytes.len() <= SHORT && bytes.is_ascii() && bytes.iter().any(u8::is_ascii_uppercase) {
        let mut buf = [0u8; SHORT];
        let buf = &mut buf[..bytes.len()];
        buf.copy_from_slice(bytes);
        buf.make_ascii_lowercase();
        // ASCII stays ASCII, so the buffer is UTF-8; the fallback only satisfies the types.
        match std::str::from_utf8(buf) {
            Ok(lowered) => f(lowered),
            Err(_) => f(&s.to_lowercase()),
        }
    } else {
        f(&lower(s))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so any string can sit in an
/// IRI path segment.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The key under which names are merged: lower-case letters and digits only, so "Llama-3-8B",
/// "Llama 3 8B" and "llama3-8b" are one entity. A trailing possessive `'s` is dropped.
/// Trailing plus signs are spelled out, so "PartSLIP++" (`partslipplusplus`) stays apart
/// from "PartSLIP".
pub fn name_key(name: &str) -> String {
    let name = name
        .strip_suffix("'s")
        .or_else(|| name.strip_suffix("\u{2019}s"))
        .unwrap_or(name);
    let stem = name.trim_end_matches('+');
    let pluses = name.len() - stem.len();
    let mut key: String = if stem.is_ascii() {
        // The same letters and digits as the general case below, without decoding chars.
        stem.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect()
    } else {
        stem.chars()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    if !key.is_empty() {
        key.push_str(&"plus".repeat(pluses));
    }
    key
}

/// A path segment for an entity IRI: the name key, or a hash when the name has no letters or
/// digits at all.
pub fn slug(name: &str) -> String {
    let key = name_key(name);
    if key.is_empty() {
        format!("h{:016x}", fnv1a(name.as_bytes()))
    } else {
        percent_encode(&key)
    }
}

/// Converts byte offsets into a string to character offsets, in one forward pass over sorted
/// queries. Used to report spans in characters, as the extract contract promises.
pub struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> CharOffsets<'a> {
    /// Prepares conversion for `text`.
    pub fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
        }
    }

    /// The character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            self.text
                .get(..byte)
                .map_or(byte, |prefix| prefix.chars().count())
        }
    }
}

/// Whether a character joins a word: letters, digits and the underscore.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `after` (the text right after a name) opens with plus signs that end the name, as
/// in "SAM2Act+" or "PartSLIP++": such a name is a new one, not a mention of the shorter
/// name. "BERT+CRF" joins two names and is not one.
pub fn trailing_plus(after: &str) -> bool {
    let rest = after.trim_start_matches('+');
    rest.len() < after.len() && !rest.starts_with(is_word_char)
}

/// The sentence of `text` that holds the characters `start..end` (character offsets): from
/// after the previous ". " to the next one, trimmed. Offsets past the end give the last
/// sentence; an empty text gives "".
pub fn sentence_at(text: &str, start: usize, end: usize) -> &str {
    let byte = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(byte, _)| byte)
    };
    let (start, end) = (byte(start), byte(end.max(start)));
    let from = text[..start].rfind(". ").map_or(0, |p| p + 2);
    let to = text[end..].find(". ").map_or(text.len(), |p| end + p + 1);
    text[from..to].trim()
}

#[cfg(test)]
mod name_key_tests {
    use super::name_key;

    #[test]
    fn name_keys_keep_lower_case_letters_and_digits() {
        let cases = [
            ("Llama-3-8B", "llama38b"),
            ("llama3 8b", "llama38b"),
            ("SAM's", "sam"),
            ("SAM\u{2019}s", "sam"),
            ("PartSLIP++", "partslipplusplus"),
            ("Tülu 3", "tülu3"),
            ("\u{212A}-Means", "kmeans"),
            ("++", ""),
            ("", ""),
        ];
        for (name, key) in cases {
            assert_eq!(name_key(name), key, "{name:?}");
        }
    }
}

#[cfg(test)]
mod hash_tests {
    use super::{fnv1a, fnv1a_parts, lower, with_lower, FastSet};

    #[test]
    fn with_lower_lowers_like_lower() {
        let long = "Zorb".repeat(20);
        for s in [
            "",
            "zorb",
            "ZorbNet-7B",
            "ÜberZORB",
            "K\u{212A}",
            long.as_str(),
        ] {
            let lowered = with_lower(s, str::to_string);
            assert_eq!(lowered, lower(s), "{s}");
            assert_eq!(lowered, s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn fnv1a_of_parts_is_fnv1a_of_their_concatenation() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            fnv1a_parts(&[b"Ti", b"tle\n", b"", b"Abs"]),
            fnv1a(b"Title\nAbs")
        );
    }

    #[test]
    fn fast_sets_find_what_they_hold_and_nothing_else() {
        let words: Vec<String> = (0..5000).map(|i| format!("word{i}-x")).collect();
        let set: FastSet<String> = words.iter().cloned().collect();
        assert!(words.iter().all(|w| set.contains(w.as_str())));
        assert!(!set.contains("word5000-x"));
        assert!(!set.contains(""));
        assert!(!set.contains("word1-x\0"));
    }

    #[test]
    fn lower_borrows_only_text_that_is_already_lower_case() {
        assert!(matches!(
            lower("bert-base"),
            std::borrow::Cow::Borrowed("bert-base")
        ));
        assert_eq!(lower("BERT"), "bert");
        assert_eq!(lower("Ünïcode"), "ünïcode");
        assert_eq!(lower("straße"), "straße");
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::sentence_at;

    #[test]
    fn the_sentence_around_a_span_is_cut_at_full_stops() {
        let text = "We train ViT. It reaches 88.5% on ImageNet. Code is released.";
        let at = text.find("88.5%").unwrap_or_else(|| panic!("fixture"));
        assert_eq!(
            sentence_at(text, at, at + 5),
            "It reaches 88.5% on ImageNet."
        );
        assert_eq!(sentence_at("Ünïcode 3.5 é. Next.", 8, 11), "Ünïcode 3.5 é.");
        assert_eq!(sentence_at("", 3, 9), "");
    }
}

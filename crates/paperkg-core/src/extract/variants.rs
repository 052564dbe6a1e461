//! Sized and versioned variants of model families: "Llama-3-8B", "Qwen2.5-72B-Instruct",
//! "ViT-B/16", "ResNet-50", "YOLOv11m-seg". One rule instead of one entry per size.

use regex::Regex;
use std::sync::LazyLock;

/// Suffix parts that any family takes: parameter counts, ViT sizes, release tags.
/// A separator may be a hyphen or an underscore ("BERT_BASE"); a parameter count may be written
/// in lower case, as Hugging Face repository names do ("mistral-7b-instruct", "opt-125m").
const COMMON: &str = r"(?:[-_ ]?\d+(?:\.\d+)?(?:[xX]\d+(?:\.\d+)?)?[BMKTbm](?:-A\d+(?:\.\d+)?B)?|[-_][SBLHGTD](?:/\d+)?\b|[-_](?i:instruct|chat|base|large|small|medium|tiny|mini|nano|micro|xl|xxl|huge|giant|it|hf|coder|code|math|vision|vl|turbo|pro|plus|max|ultra|flash|lite|preview|distill|v\d+(?:\.\d+)?|seg|pose|cls|obb|sft|dpo|uncased|cased|multilingual|moe|r1|b\d|l\d)| (?:Base|Large|Instruct|Chat|XL|XXL|Small|Tiny))";

static AFTER_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    // Families that end in a letter also take a bare depth or size number: ResNet-50, VGG16.
    Regex::new(&format!(r"^(?:{COMMON}|-?\d{{1,3}}\b)+"))
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

static AFTER_DIGIT: LazyLock<Regex> = LazyLock::new(|| {
    // Families that end in a digit also take a one-letter size: YOLOv8n, YOLOv11m-seg.
    Regex::new(&format!(r"^(?:[nsmlxt]\b|{COMMON})+"))
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// The variant suffix that starts at byte `end` of `text`, if any. The suffix must end a
/// word; a trailing hyphen is not part of it.
pub fn suffix_at(text: &str, end: usize, family_ends_in_digit: bool) -> Option<&str> {
    let rest = text.get(end..)?;
    let regex = if family_ends_in_digit {
        &*AFTER_DIGIT
    } else {
        &*AFTER_LETTER
    };
    let m = regex.find(rest)?;
    let suffix = m.as_str().trim_end_matches('-');
    let after = &rest[suffix.len()..];
    if suffix.is_empty() || after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(suffix)
}

/// The canonical label of a variant: the family name with spaces turned into hyphens, then the
/// suffix parts joined by hyphens, a one-letter size glued on ("YOLOv11m-seg").
pub fn variant_label(family: &str, suffix: &str) -> String {
    let mut label = family.replace(' ', "-");
    let parts = suffix
        .split(['-', '_', ' '])
        .filter(|p| !p.is_empty())
        .enumerate();
    for (i, part) in parts {
        let glued = i == 0
            && part.len() == 1
            && !suffix.starts_with(['-', '_', ' '])
            && family.ends_with(|c: char| c.is_ascii_digit());
        if !glued {
            label.push('-');
        }
        label.push_str(part);
    }
    label
}

static SIZE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.])(\d+(?:\.\d+)?[BMT])[ -]$")
        .unwrap_or_else(|e| unreachable!("static regex: {e}"))
});

/// A parameter count written before a family name, "175B GPT-3" or "7B-Llama": the count and
/// the byte offset where it starts in `text`, when the name starts at byte `start`.
pub fn size_prefix_before(text: &str, start: usize) -> Option<(usize, &str)> {
    let mut from = start.saturating_sub(12);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..start)?;
    let caps = SIZE_PREFIX.captures(before)?;
    let size = caps.get(1)?;
    Some((start - before.len() + size.start(), size.as_str()))
}

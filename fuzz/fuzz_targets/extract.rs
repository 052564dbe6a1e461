//! The extractor on arbitrary text: the first line is the title, the rest the abstract.
//!
//! Besides not panicking, every mention must quote exactly the characters its span points at,
//! and every result's span must lie inside the abstract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperkg_core::corpus::{Paper, PaperId};
use paperkg_core::extract::{Extractor, Field};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
    Extractor::builder()
        .build()
        .unwrap_or_else(|e| panic!("built-in dictionary: {e}"))
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (title, abstract_text) = text.split_once('\n').unwrap_or((text, ""));
    let paper = Paper {
        id: PaperId::choose(None, None, title),
        title: title.to_string(),
        abstract_text: abstract_text.to_string(),
        ..Paper::default()
    };
    let extraction = EXTRACTOR.extract(&paper);
    for entity in &extraction.entities {
        for mention in &entity.mentions {
            let field = match mention.field {
                Field::Title => &paper.title,
                Field::Abstract => &paper.abstract_text,
            };
            let quoted: String = field
                .chars()
                .skip(mention.start)
                .take(mention.end.saturating_sub(mention.start))
                .collect();
            assert!(mention.start < mention.end, "empty span {mention:?}");
            assert_eq!(quoted, mention.text, "span of {mention:?}");
        }
    }
    let chars = paper.abstract_text.chars().count();
    for result in &extraction.results {
        assert!(
            result.start <= result.end && result.end <= chars,
            "{result:?}"
        );
    }
});

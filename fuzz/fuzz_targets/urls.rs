//! The URL finder and cleaner on arbitrary text: spans must be character boundaries inside
//! the text, cleaning must keep a prefix, and normalising must give a URL with a scheme.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperkg_core::extract::urls::{classify, find_urls, normalise, repository_root, trim_debris};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let trimmed = trim_debris(text);
    assert!(text.starts_with(trimmed));
    let normal = normalise(text);
    assert!(normal.contains("://"));
    let _ = classify(&normal);
    let _ = repository_root(&normal);
    for found in find_urls(text) {
        assert!(
            found.start <= found.end && found.end <= text.len(),
            "{found:?}"
        );
        assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        assert!(found.url.contains("://"), "{found:?}");
        assert_eq!(classify(&found.url), found.kind);
    }
});

//! The input readers on arbitrary bytes: format detection, listing and JSON lines parsing,
//! gzip decoding (the stream is recognised by content, as for files), invalid UTF-8.
//!
//! The first byte picks the format the user could force with `--input-format`; the rest is
//! the input. Every record must come out as a paper with non-empty text or as a skipped
//! record with a line number inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paperkg_core::corpus::{decode, read_records, InputFormat, Record};
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let format = match selector % 6 {
        0 => InputFormat::Auto,
        1 => InputFormat::Listing,
        2 => InputFormat::Openalex,
        3 => InputFormat::S2,
        4 => InputFormat::S2Bulk,
        _ => InputFormat::Jsonl,
    };
    let lines = input.iter().filter(|&&b| b == b'\n').count() + 1;
    let Ok(source) = decode(Box::new(Cursor::new(input.to_vec())), "fuzz") else {
        return;
    };
    let gzip = input.starts_with(&[0x1f, 0x8b]);
    let mut check = |record: Record| match record {
        Record::Paper(paper) => {
            assert!(!paper.title.is_empty(), "empty title from {}", paper.origin);
            assert!(
                !paper.abstract_text.is_empty(),
                "empty abstract from {}",
                paper.origin
            );
            assert!(paper.origin.starts_with("fuzz:"));
        }
        Record::Skipped(issue) => {
            assert_eq!(issue.source, "fuzz");
            assert!(
                gzip || issue.line <= lines,
                "line {} of {lines}",
                issue.line
            );
        }
    };
    let _ = read_records(source.reader, &source.name, format, &mut check);
});

//! The raw-scan baseline for `scripts/bench.sh`: every dictionary alias in one unanchored
//! leftmost-longest, ASCII-case-insensitive Aho-Corasick automaton (the options paperkg's
//! matcher uses), `find_iter` over the titles and abstracts of a JSON-lines corpus already
//! read into memory. Prints one JSON line: bytes, matches, scan seconds and MB/s.
//!
//! Usage: `cargo run --release --example raw_scan CORPUS.jsonl`

use aho_corasick::{AhoCorasick, MatchKind};
use paperkg_core::corpus::{read_path, InputFormat, Record};
use paperkg_core::extract::Extractor;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: raw_scan CORPUS.jsonl"))?;
    let mut texts = Vec::new();
    read_path(path.as_ref(), InputFormat::Auto, &mut |record| {
        if let Record::Paper(paper) = record {
            texts.push(format!("{}\n{}", paper.title, paper.abstract_text));
        }
    })?;
    let extractor = Extractor::builder().build()?;
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(extractor.matcher().aliases())?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = Instant::now();
    let matches: usize = texts.iter().map(|t| automaton.find_iter(t).count()).sum();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"bytes\": {bytes}, \"matches\": {matches}, \"scan_s\": {seconds:.3}, \"mb_per_s\": {:.1}}}",
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}

//! Matcher benchmarks: a raw Aho-Corasick scan of the dictionary's aliases, paperkg's
//! dictionary matcher, and the whole per-paper extraction, over the same text.
//!
//! The corpus is `$PAPERKG_BENCH_CORPUS` (JSON lines, for example from
//! `../shared/tools/gen_corpus.py 2000`), else the shared dev corpus, else the test fixtures.
//! Run with `cargo bench --bench matcher`; `scripts/bench.sh` runs the whole-process figures.

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paperkg_core::corpus::{read_path, InputFormat, Paper, Record};
use paperkg_core::extract::Extractor;
use std::hint::black_box;
use std::path::PathBuf;

/// The papers to scan: the first candidate corpus that exists.
fn papers() -> Vec<Paper> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("PAPERKG_BENCH_CORPUS").map(PathBuf::from),
        Some(manifest.join("../shared/corpus/trending-papers.jsonl")),
        Some(manifest.join("tests/fixtures/papers.jsonl")),
    ];
    let mut papers = Vec::new();
    for path in candidates.into_iter().flatten().filter(|p| p.exists()) {
        let mut sink = |record| {
            if let Record::Paper(paper) = record {
                papers.push(paper);
            }
        };
        if read_path(&path, InputFormat::Auto, &mut sink).is_ok() && !papers.is_empty() {
            break;
        }
    }
    papers
}

fn matcher(c: &mut Criterion) {
    let Ok(extractor) = Extractor::builder().build() else {
        return;
    };
    let papers = papers();
    let texts: Vec<String> = papers
        .iter()
        .map(|p| format!("{}\n{}", p.title, p.abstract_text))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let Ok(raw) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(extractor.matcher().aliases())
    else {
        return;
    };
    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("raw_find_iter", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| raw.find_iter(t).count())
                .sum::<usize>()
        })
    });
    group.bench_function("dictionary_find", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| extractor.matcher().find(black_box(t), &[]).len())
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            papers
                .iter()
                .map(|p| extractor.extract(black_box(p)).entities.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, matcher);
criterion_main!(benches);

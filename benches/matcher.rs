//! Matcher benchmarks over the same text: a raw Aho-Corasick scan of the dictionary's aliases;
//! the longest alias at every word start found three ways (paperkg's byte trie, and
//! aho-corasick's anchored DFA and contiguous NFA built with `StartKind::Anchored`); paperkg's
//! whole dictionary matcher (the trie plus verification); and the whole per-paper extraction.
//!
//! The corpus is `$PAPERKG_BENCH_CORPUS` (JSON lines, for example from
//! `../shared/tools/gen_corpus.py 2000`), else the shared dev corpus, else the test fixtures.
//! Run with `cargo bench --bench matcher`; `scripts/bench.sh` runs the whole-process figures.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
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

/// True where a word starts at byte `pos`: a letter or digit after a byte that is neither.
fn word_start(bytes: &[u8], pos: usize) -> bool {
    bytes[pos].is_ascii_alphanumeric() && (pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric())
}

/// Sums the ends of the longest alias found at every word start of every text by `longest`.
fn walk_word_starts(texts: &[String], longest: impl Fn(&str, usize) -> Option<usize>) -> usize {
    let mut total = 0;
    for text in texts {
        let bytes = text.as_bytes();
        for pos in (0..bytes.len()).filter(|&pos| word_start(bytes, pos)) {
            total += longest(text, pos).unwrap_or(0);
        }
    }
    total
}

/// An anchored leftmost-longest automaton of `kind` over `aliases`, with the trie's options.
fn anchored(aliases: &[String], kind: AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(kind))
        .start_kind(StartKind::Anchored)
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(aliases)
        .ok()
}

/// The longest alias at every word start: the trie against aho-corasick's anchored automata.
fn anchored_walks(c: &mut Criterion, extractor: &Extractor, texts: &[String], bytes: usize) {
    let aliases = extractor.matcher().aliases();
    let (Some(dfa), Some(nfa)) = (
        anchored(aliases, AhoCorasickKind::DFA),
        anchored(aliases, AhoCorasickKind::ContiguousNFA),
    ) else {
        return;
    };
    let automaton_end = |ac: &AhoCorasick, text: &str, pos: usize| {
        let input = Input::new(text)
            .span(pos..text.len())
            .anchored(Anchored::Yes);
        ac.find(input).map(|m| m.end())
    };
    let trie_end = |text: &str, pos: usize| {
        let longest = extractor.matcher().longest_alias_at(text, pos);
        longest.map(|(end, _)| end)
    };
    let trie_ends = walk_word_starts(texts, trie_end);
    for (name, ac) in [("anchored DFA", &dfa), ("anchored contiguous NFA", &nfa)] {
        let ends = walk_word_starts(texts, |t, pos| automaton_end(ac, t, pos));
        if ends != trie_ends {
            eprintln!("the {name} and the trie disagree ({ends} != {trie_ends}): not timed");
            return;
        }
    }
    let mut group = c.benchmark_group("longest_alias_at_word_starts");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("trie", |b| b.iter(|| walk_word_starts(texts, trie_end)));
    group.bench_function("anchored_dfa", |b| {
        b.iter(|| walk_word_starts(texts, |t, pos| automaton_end(&dfa, t, pos)))
    });
    group.bench_function("anchored_contiguous_nfa", |b| {
        b.iter(|| walk_word_starts(texts, |t, pos| automaton_end(&nfa, t, pos)))
    });
    group.finish();
    let mut build = c.benchmark_group("build_anchored");
    build.sample_size(10);
    build.bench_function("anchored_dfa", |b| {
        b.iter(|| anchored(aliases, AhoCorasickKind::DFA).map(|ac| ac.memory_usage()))
    });
    build.bench_function("anchored_contiguous_nfa", |b| {
        b.iter(|| anchored(aliases, AhoCorasickKind::ContiguousNFA).map(|ac| ac.memory_usage()))
    });
    build.finish();
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
    anchored_walks(c, &extractor, &texts, bytes);
}

criterion_group!(benches, matcher);
criterion_main!(benches);

//! `paperkg eval`: per-type precision, recall and F1 against a gold file, scored like
//! `shared/eval/score.py`, so a curator can measure a dictionary change in one command.

use super::InputArgs;
use clap::Args;
use paperkg_core::eval::{read_gold, score, ScoredName};
use paperkg_core::ids::EntityType;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg eval --gold ../shared/eval/gold-dev.jsonl ../shared/corpus/trending-papers.txt
  paperkg eval --gold gold.jsonl papers.jsonl --dictionaries dictionaries/ --errors 20")]
pub(super) struct EvalArgs {
    /// The gold JSON lines file.
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    input: InputArgs,
    /// List up to N misses and false positives per type.
    #[arg(long, default_value_t = 0)]
    errors: usize,
}

pub(super) fn run(args: EvalArgs) -> anyhow::Result<()> {
    let gold = read_gold(&args.gold)?;
    let extractor = args.input.extractor()?;
    let mut predictions = Vec::new();
    args.input.run_pipeline(&extractor, &|e| e, &mut |batch| {
        predictions.extend(batch);
        Ok(())
    })?;
    let report = score(&gold, &predictions);
    if report.papers > 0 && report.missing_papers == report.papers {
        anyhow::bail!(
            "none of the {} gold papers in {} is among the {} read from the input, so there is \
             nothing to score (papers are matched by title); is the input the corpus the gold \
             file was made from?",
            report.papers,
            args.gold.display(),
            super::plural(predictions.len(), "paper")
        );
    }
    if report.papers == 0 {
        anyhow::bail!("{} holds no gold paper", args.gold.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "papers {}  missing from prediction {}",
        report.papers, report.missing_papers
    )?;
    writeln!(
        out,
        "{:8} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
        "type", "tp", "fp", "fn", "P", "R", "F1"
    )?;
    let total = report.total();
    for (t, c) in report
        .counts
        .iter()
        .map(|(t, c)| (t.as_str(), *c))
        .chain(std::iter::once(("ALL", total)))
    {
        let (p, r, f) = c.prf();
        let (p, r, f) = (four_places(p), four_places(r), four_places(f));
        writeln!(
            out,
            "{t:8} {:5} {:5} {:5} {p:6.3} {r:6.3} {f:6.3}",
            c.tp, c.fp, c.fn_
        )?;
    }
    if args.errors > 0 {
        for (t, _) in &report.counts {
            writeln!(out, "\n## {t}")?;
            for m in of_type(&report.misses, *t).take(args.errors) {
                writeln!(out, "  MISS {:30} {}", m.name, head(&m.title))?;
            }
            for m in of_type(&report.false_positives, *t).take(args.errors) {
                writeln!(out, "  FP   {:30} {}", m.name, head(&m.title))?;
            }
        }
    }
    Ok(())
}

/// The entries of one type.
fn of_type(list: &[ScoredName], t: EntityType) -> impl Iterator<Item = &ScoredName> {
    list.iter().filter(move |m| m.entity_type == t)
}

/// The first 50 characters of a title.
fn head(title: &str) -> String {
    title.chars().take(50).collect()
}

/// Rounds to four decimals before printing three, as `shared/eval/score.py` does (it stores
/// four and prints three): F1 118/126 = 0.93651 prints as 0.936 there, so it must here too.
fn four_places(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

//! Scoring extractions against a gold file, by the rules of `shared/eval/score.py`: papers are
//! aligned by normalised title; a gold entity is found by a predicted entity of the same type
//! whose name or a mention normalises to one of its name or aliases; a second prediction of an
//! already-found gold entity counts as a false positive.

use crate::extract::PaperExtraction;
use serde::Deserialize;
use std::collections::HashMap;
use std::collections::HashSet;

/// The types scored, in report order.
pub const TYPES: [&str; 6] = ["model", "dataset", "metric", "task", "method", "url"];

/// One gold paper.
#[derive(Debug, Deserialize)]
pub struct GoldPaper {
    /// The exact title.
    pub title: String,
    /// The gold entities.
    pub entities: Vec<GoldEntity>,
}

/// One gold entity.
#[derive(Debug, Deserialize)]
pub struct GoldEntity {
    /// Its type.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// Its canonical name.
    pub name: String,
    /// Surface forms.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Counts for one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.tp + self.fp);
        let r = ratio(self.tp, self.tp + self.fn_);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A full report: per-type counts, the papers missing from the prediction, and the misses.
#[derive(Debug, Default)]
pub struct Report {
    /// Counts per type, in [`TYPES`] order.
    pub counts: Vec<(String, Counts)>,
    /// Gold papers with no prediction.
    pub missing_papers: usize,
    /// Gold papers.
    pub papers: usize,
    /// `(type, title, name)` of missed gold entities.
    pub misses: Vec<(String, String, String)>,
    /// `(type, title, name)` of false positives.
    pub false_positives: Vec<(String, String, String)>,
}

impl Report {
    /// Counts summed over all types.
    pub fn total(&self) -> Counts {
        self.counts
            .iter()
            .fold(Counts::default(), |acc, (_, c)| Counts {
                tp: acc.tp + c.tp,
                fp: acc.fp + c.fp,
                fn_: acc.fn_ + c.fn_,
            })
    }
}

/// Normalises a name: lower case, a final `'s` dropped, letters and digits only.
pub fn norm(s: &str) -> String {
    let lower = s.to_lowercase().replace('\u{2019}', "'");
    let lower = lower.strip_suffix("'s").unwrap_or(&lower);
    lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Normalises a URL: no scheme, no `www.`, no trailing punctuation or slash, lower case.
pub fn norm_url(u: &str) -> String {
    let u = u
        .trim()
        .trim_end_matches(['/', '.', ',', ';', ')', '}'])
        .to_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

fn title_key(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Scores `predictions` against `gold`.
pub fn score(gold: &[GoldPaper], predictions: &[PaperExtraction]) -> Report {
    let by_title: HashMap<String, &PaperExtraction> = predictions
        .iter()
        .map(|p| (title_key(&p.paper.title), p))
        .collect();
    let mut counts: HashMap<&str, Counts> = HashMap::new();
    let mut report = Report {
        papers: gold.len(),
        ..Report::default()
    };
    for g in gold {
        let predicted = by_title.get(&title_key(&g.title));
        if predicted.is_none() {
            report.missing_papers += 1;
        }
        for t in TYPES {
            let gold_keys: Vec<(&GoldEntity, HashSet<String>)> = g
                .entities
                .iter()
                .filter(|e| e.entity_type == t)
                .map(|e| (e, gold_keys(e, t)))
                .collect();
            let mut found = vec![false; gold_keys.len()];
            let entry = counts.entry(t).or_default();
            for e in predicted
                .iter()
                .flat_map(|p| p.entities.iter())
                .filter(|e| e.entity_type.as_str() == t)
            {
                let mut texts = vec![e.name.clone()];
                texts.extend(e.mentions.iter().map(|m| m.text.clone()));
                texts.extend(e.aliases.iter().cloned());
                let keys: HashSet<String> = texts
                    .iter()
                    .map(|x| if t == "url" { norm_url(x) } else { norm(x) })
                    .filter(|k| !k.is_empty())
                    .collect();
                let hits: Vec<usize> = gold_keys
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, k))| !k.is_disjoint(&keys))
                    .map(|(i, _)| i)
                    .collect();
                match hits.iter().find(|&&i| !found[i]) {
                    Some(&i) => {
                        found[i] = true;
                        entry.tp += 1;
                    }
                    None => {
                        entry.fp += 1;
                        report.false_positives.push((
                            t.to_string(),
                            g.title.clone(),
                            e.name.clone(),
                        ));
                    }
                }
            }
            for (i, f) in found.iter().enumerate() {
                if !f {
                    entry.fn_ += 1;
                    report.misses.push((
                        t.to_string(),
                        g.title.clone(),
                        gold_keys[i].0.name.clone(),
                    ));
                }
            }
        }
    }
    report.counts = TYPES
        .iter()
        .map(|t| (t.to_string(), counts.get(t).copied().unwrap_or_default()))
        .collect();
    report
}

fn gold_keys(e: &GoldEntity, t: &str) -> HashSet<String> {
    std::iter::once(&e.name)
        .chain(e.aliases.iter())
        .map(|x| if t == "url" { norm_url(x) } else { norm(x) })
        .filter(|k| !k.is_empty())
        .collect()
}

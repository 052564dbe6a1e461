//! Scoring extractions against a gold file, by the rules of `shared/eval/score.py`: papers are
//! aligned by normalised title; a gold entity is found by a predicted entity of the same type
//! whose name or a mention normalises to one of its name or aliases; a second prediction of an
//! already-found gold entity counts as a false positive.

use crate::extract::PaperExtraction;
use crate::ids::EntityType;
use serde::Deserialize;
use std::collections::HashMap;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be opened or read.
    #[error("reading {path}")]
    Io {
        /// The gold file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line is not a gold record.
    #[error("{path}:{line}: not a gold record")]
    Record {
        /// The gold file.
        path: PathBuf,
        /// The line, from 1.
        line: usize,
        /// Why it is not one.
        source: serde_json::Error,
    },
}

/// Reads a gold file: one [`GoldPaper`] per line, blank lines skipped. A gold set is small and
/// is the yardstick, so a bad line fails the whole read instead of being skipped.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPaper>, GoldError> {
    let io = |source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut gold = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let paper = serde_json::from_str(&line).map_err(|source| GoldError::Record {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        gold.push(paper);
    }
    Ok(gold)
}

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

/// A gold entity missed, or a predicted entity that matched no gold one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoredName {
    /// The entity's type.
    pub entity_type: EntityType,
    /// The title of the paper it belongs to.
    pub title: String,
    /// The entity's name.
    pub name: String,
}

/// A full report: per-type counts, the papers missing from the prediction, and the misses.
#[derive(Debug, Default)]
pub struct Report {
    /// Counts per type, in [`EntityType::ALL`] order.
    pub counts: Vec<(EntityType, Counts)>,
    /// Gold papers with no prediction.
    pub missing_papers: usize,
    /// Gold papers.
    pub papers: usize,
    /// Missed gold entities.
    pub misses: Vec<ScoredName>,
    /// False positives.
    pub false_positives: Vec<ScoredName>,
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
    let mut counts: HashMap<EntityType, Counts> = HashMap::new();
    let mut report = Report {
        papers: gold.len(),
        ..Report::default()
    };
    for g in gold {
        let predicted = by_title.get(&title_key(&g.title));
        if predicted.is_none() {
            report.missing_papers += 1;
        }
        for t in EntityType::ALL {
            let gold_keys: Vec<(&GoldEntity, HashSet<String>)> = g
                .entities
                .iter()
                .filter(|e| e.entity_type == t.as_str())
                .map(|e| (e, gold_keys(e, t)))
                .collect();
            let mut found = vec![false; gold_keys.len()];
            let entry = counts.entry(t).or_default();
            for e in predicted
                .iter()
                .flat_map(|p| p.entities.iter())
                .filter(|e| e.entity_type == t)
            {
                let mut texts = vec![e.name.clone()];
                texts.extend(e.mentions.iter().map(|m| m.text.clone()));
                texts.extend(e.aliases.iter().cloned());
                let keys: HashSet<String> = texts
                    .iter()
                    .map(|x| {
                        if t == EntityType::Url {
                            norm_url(x)
                        } else {
                            norm(x)
                        }
                    })
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
                        report.false_positives.push(ScoredName {
                            entity_type: t,
                            title: g.title.clone(),
                            name: e.name.clone(),
                        });
                    }
                }
            }
            for (i, f) in found.iter().enumerate() {
                if !f {
                    entry.fn_ += 1;
                    report.misses.push(ScoredName {
                        entity_type: t,
                        title: g.title.clone(),
                        name: gold_keys[i].0.name.clone(),
                    });
                }
            }
        }
    }
    report.counts = EntityType::ALL
        .iter()
        .map(|&t| (t, counts.get(&t).copied().unwrap_or_default()))
        .collect();
    report
}

fn gold_keys(e: &GoldEntity, t: EntityType) -> HashSet<String> {
    std::iter::once(&e.name)
        .chain(e.aliases.iter())
        .map(|x| {
            if t == EntityType::Url {
                norm_url(x)
            } else {
                norm(x)
            }
        })
        .filter(|k| !k.is_empty())
        .collect()
}

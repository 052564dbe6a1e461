//! [`EntityType`]: the kinds of thing paperkg extracts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kinds of entity paperkg extracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A named model, model family or architecture.
    Model,
    /// A named dataset, benchmark, corpus or environment.
    Dataset,
    /// An evaluation metric.
    Metric,
    /// An ML task.
    Task,
    /// A named technique, algorithm, objective or module.
    Method,
    /// A URL in the text.
    Url,
}

impl EntityType {
    /// Every type, in output order.
    pub const ALL: [EntityType; 6] = [
        EntityType::Model,
        EntityType::Dataset,
        EntityType::Metric,
        EntityType::Task,
        EntityType::Method,
        EntityType::Url,
    ];

    /// The types that have a dictionary file.
    pub const DICTIONARY_TYPES: [EntityType; 5] = [
        EntityType::Model,
        EntityType::Dataset,
        EntityType::Metric,
        EntityType::Task,
        EntityType::Method,
    ];

    /// The lower-case name used in files, JSON and IRIs.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Model => "model",
            EntityType::Dataset => "dataset",
            EntityType::Metric => "metric",
            EntityType::Task => "task",
            EntityType::Method => "method",
            EntityType::Url => "url",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no [`EntityType`].
#[derive(Debug, thiserror::Error)]
#[error("unknown entity type {0:?} (expected model, dataset, metric, task, method or url)")]
pub struct ParseEntityTypeError(pub String);

impl FromStr for EntityType {
    type Err = ParseEntityTypeError;

    fn from_str(s: &str) -> Result<EntityType, ParseEntityTypeError> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| ParseEntityTypeError(s.to_string()))
    }
}

/// Which way a metric improves: `@better=higher` (accuracy, BLEU) or `@better=lower` (error
/// rate, perplexity, FID, WER).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A higher value is better.
    #[default]
    Higher,
    /// A lower value is better.
    Lower,
}

impl Direction {
    /// The word used in `@better=` and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
        }
    }

    /// Whether `candidate` beats `incumbent` in this direction (ties do not).
    pub fn beats(self, candidate: f64, incumbent: f64) -> bool {
        match self {
            Direction::Higher => candidate > incumbent,
            Direction::Lower => candidate < incumbent,
        }
    }
}

impl FromStr for Direction {
    type Err = String;

    fn from_str(s: &str) -> Result<Direction, String> {
        match s {
            "higher" => Ok(Direction::Higher),
            "lower" => Ok(Direction::Lower),
            _ => Err(format!("@better={s:?}: expected higher or lower")),
        }
    }
}

/// The values a metric can take: `@range=percent` (0–100, or the same score written as a
/// fraction), `@range=fraction` (0–1 only: SSIM, LPIPS, correlations) or `@range=unbounded`
/// (FID, perplexity, PSNR, latency).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueRange {
    /// 0 to 100; a value written as a fraction (0.93) fits too.
    Percent,
    /// 0 to 1, or 0 to 100 when written with `%` or in points.
    Fraction,
    /// Any non-negative number.
    Unbounded,
}

impl ValueRange {
    /// The word used in `@range=` and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueRange::Percent => "percent",
            ValueRange::Fraction => "fraction",
            ValueRange::Unbounded => "unbounded",
        }
    }

    /// Whether `value` fits the range; `percent_scale` says it was written with `%` or in
    /// points ("5pp").
    pub fn admits(self, value: f64, percent_scale: bool) -> bool {
        let upper = match (self, percent_scale) {
            (ValueRange::Unbounded, false) => f64::INFINITY,
            (ValueRange::Fraction, false) => 1.0,
            _ => 100.0,
        };
        (0.0..=upper).contains(&value)
    }
}

impl FromStr for ValueRange {
    type Err = String;

    fn from_str(s: &str) -> Result<ValueRange, String> {
        match s {
            "percent" => Ok(ValueRange::Percent),
            "fraction" => Ok(ValueRange::Fraction),
            "unbounded" => Ok(ValueRange::Unbounded),
            _ => Err(format!(
                "@range={s:?}: expected percent, fraction or unbounded"
            )),
        }
    }
}

/// Where an entry comes from: `curated` for the hand-written files at the top of
/// `dictionaries/`, otherwise the name of its folder under `dictionaries/sources/` (`pwc` for
/// the Papers with Code lists).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source(String);

impl Source {
    /// The source of the hand-written top-level files.
    pub const CURATED: &'static str = "curated";

    /// The source of a dictionary file, from its path relative to `dictionaries/`:
    /// `sources/NAME/<type>.txt` is `NAME`, anything else is `curated`.
    pub fn of_file(file: &str) -> Source {
        let name = file
            .strip_prefix("sources/")
            .and_then(|rest| rest.split_once('/'))
            .map_or(Source::CURATED, |(name, _)| name);
        Source(name.to_string())
    }

    /// The source's name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

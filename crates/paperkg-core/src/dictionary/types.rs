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

//! What a link points at.

use serde::Serialize;

/// What a link points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlKind {
    /// A source repository (GitHub, GitLab, Gitee, Bitbucket, Codeberg).
    Code,
    /// Model weights (Hugging Face model repos and collections).
    Model,
    /// A dataset (Hugging Face datasets, Zenodo, Kaggle datasets).
    Dataset,
    /// Anything else: a project page, a demo, documentation.
    Page,
}

impl UrlKind {
    /// The lower-case name used in output and RDF.
    pub fn as_str(self) -> &'static str {
        match self {
            UrlKind::Code => "code",
            UrlKind::Model => "model",
            UrlKind::Dataset => "dataset",
            UrlKind::Page => "page",
        }
    }
}

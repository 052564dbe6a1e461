//! Where an entity is in a paper: the field and the character span of each quote.

use serde::Serialize;

/// Which text field of a paper a mention is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The title.
    Title,
    /// The abstract.
    Abstract,
}

impl Field {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Abstract => "abstract",
        }
    }
}

/// One occurrence of an entity in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The exact quote.
    pub text: String,
    /// Character offset of the quote's start in the field.
    pub start: usize,
    /// Character offset just past the quote's end.
    pub end: usize,
    /// The field the quote is in.
    pub field: Field,
}

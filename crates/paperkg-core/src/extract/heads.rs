//! Typing a name from the words around it: the head noun of a long form ("... Minimization" is
//! a method) or the noun a proposal names ("we introduce a new dataset").

use crate::dictionary::{EntityType, Lexicon, Words};

/// The head lists in the order they are asked, with the type each gives. A vague head
/// ("framework", "system") says nothing by itself; with no word before it to decide, the most
/// likely reading is a model.
const HEAD_TYPES: &[(Words, EntityType)] = &[
    (Words::DatasetHeads, EntityType::Dataset),
    (Words::MetricHeads, EntityType::Metric),
    (Words::TaskHeads, EntityType::Task),
    (Words::MethodHeads, EntityType::Method),
    (Words::ModelHeads, EntityType::Model),
    (Words::VagueHeads, EntityType::Model),
];

fn head_of(phrase: &str) -> String {
    phrase
        .split(char::is_whitespace)
        .rfind(|w| !w.is_empty())
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

/// The type a long form's head noun implies, if it implies one.
pub fn type_of_long_form(lexicon: &Lexicon, long: &str) -> Option<EntityType> {
    let head = head_of(long);
    let last_part = head.rsplit('-').next().unwrap_or(&head).to_string();
    type_of_head(lexicon, &head).or_else(|| type_of_head(lexicon, &last_part))
}

/// The type a single head noun implies (in any case), from the lexicon's head lists.
pub fn type_of_head(lexicon: &Lexicon, head: &str) -> Option<EntityType> {
    let head = head.to_lowercase();
    HEAD_TYPES
        .iter()
        .find(|(words, _)| lexicon.has(*words, &head))
        .map(|&(_, entity_type)| entity_type)
}

/// The type implied by the first head noun found in `words` (for "we introduce a new
/// benchmark"), scanning left to right. When that head is vague ("a framework for ..."), the
/// phrase tells nothing: `None`.
pub fn telling_type_of_phrase(lexicon: &Lexicon, words: &str) -> Option<EntityType> {
    let (head, entity_type) = words
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .find_map(|w| type_of_head(lexicon, w).map(|t| (w, t)))?;
    (!lexicon.has_lower(Words::VagueHeads, head)).then_some(entity_type)
}

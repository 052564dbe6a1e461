//! The rules that find entities, by name, with the one table of their confidences.

use serde::Serialize;

/// How an entity was found: the explanation `extract --explain` and the RDF provenance give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FoundBy {
    /// A dictionary alias.
    Dictionary,
    /// A sized or versioned variant of a dictionary family ("Llama-3-8B").
    Variant,
    /// A local acronym definition ("Sharpness-Aware Minimization (SAM)").
    Acronym,
    /// The title's "Name: ..." prefix.
    TitleName,
    /// "we propose / introduce / present X".
    Proposal,
    /// An apposition: "X, a ... model".
    Apposition,
    /// "the X dataset / benchmark / corpus".
    NamedCollection,
    /// "on X" after an evaluation verb.
    EvaluatedOn,
    /// A model-like token: a composite of a known name, CamelCase with digits, a size suffix.
    ModelLike,
    /// A name discovered with confidence in another paper of the same run.
    Corpus,
    /// The URL matcher.
    Url,
    /// A noun phrase ending in a task head noun ("few-shot view synthesis").
    TaskHead,
    /// A noun phrase ending in a method head noun ("attention distillation").
    MethodHead,
    /// The other half of a coordination before a head noun: "image and video segmentation"
    /// gives "image segmentation".
    CoordinatedHead,
    /// A list after or before "datasets" / "benchmarks": "the benchmarks A, B and C".
    DatasetList,
    /// A name in a list whose other members include a known dataset.
    ListMember,
    /// A name after "in terms of", "measured by" or "metrics such as".
    MetricContext,
    /// A verb form that names a dictionary method, with a cue in its sentence: "distilled
    /// from the teacher" mentions knowledge distillation.
    MethodVerb,
}

impl FoundBy {
    /// The kebab-case name used in output and RDF.
    pub fn as_str(self) -> &'static str {
        match self {
            FoundBy::Dictionary => "dictionary",
            FoundBy::Variant => "variant",
            FoundBy::Acronym => "acronym",
            FoundBy::TitleName => "title-name",
            FoundBy::Proposal => "proposal",
            FoundBy::Apposition => "apposition",
            FoundBy::NamedCollection => "named-collection",
            FoundBy::EvaluatedOn => "evaluated-on",
            FoundBy::ModelLike => "model-like",
            FoundBy::Corpus => "corpus",
            FoundBy::Url => "url",
            FoundBy::TaskHead => "task-head",
            FoundBy::MethodHead => "method-head",
            FoundBy::CoordinatedHead => "coordinated-head",
            FoundBy::DatasetList => "dataset-list",
            FoundBy::ListMember => "list-member",
            FoundBy::MetricContext => "metric-context",
            FoundBy::MethodVerb => "method-verb",
        }
    }

    /// How sure the rule is of what it finds, from 0 to 1: the one table of rule confidences,
    /// which `extract --explain` prints. Two rules have a second level:
    /// [`FoundBy::AMBIGUOUS_ALIAS`] and [`FoundBy::CONFIRMED_DEFINITION`].
    pub fn confidence(self) -> f32 {
        match self {
            FoundBy::Dictionary => 0.9,
            FoundBy::Variant => 0.85,
            FoundBy::Acronym => 0.8,
            FoundBy::TitleName => 0.8,
            FoundBy::Proposal => 0.8,
            FoundBy::Apposition => 0.7,
            FoundBy::NamedCollection => 0.75,
            FoundBy::EvaluatedOn => 0.6,
            FoundBy::ModelLike => 0.7,
            FoundBy::Corpus => 0.7,
            FoundBy::Url => 1.0,
            FoundBy::TaskHead | FoundBy::MethodHead | FoundBy::CoordinatedHead => 0.7,
            FoundBy::DatasetList | FoundBy::MetricContext => 0.7,
            FoundBy::ListMember => 0.6,
            FoundBy::MethodVerb => 0.6,
        }
    }

    /// The confidence of a head phrase used once, kept only for the context before it
    /// ("for X", "on X") rather than for being repeated or in the title.
    pub const CONTEXT_ONLY_PHRASE: f32 = 0.6;

    /// The confidence of the rule when it found a name but the text does not say what the
    /// name is, so the type is the likeliest one, not a stated one.
    pub fn guessed_confidence(self) -> f32 {
        self.confidence() * 0.75
    }

    /// The confidence of a dictionary alias with more than one reading.
    pub const AMBIGUOUS_ALIAS: f32 = 0.6;

    /// The confidence of an acronym whose long form is a dictionary alias.
    pub const CONFIRMED_DEFINITION: f32 = 0.95;
}

//! Typing a name from the words around it: the head noun of a long form ("... Minimization" is
//! a method) or the noun a proposal names ("we introduce a new dataset").

use crate::dictionary::EntityType;

const DATASET_HEADS: &[&str] = &[
    "dataset",
    "datasets",
    "benchmark",
    "benchmarks",
    "corpus",
    "corpora",
    "suite",
    "bench",
    "collection",
    "challenge",
    "database",
    "testbed",
    "leaderboard",
    "arena",
    "environment",
    "environments",
    "gym",
    "split",
    "subset",
    "set",
];

const METRIC_HEADS: &[&str] = &[
    "score",
    "rate",
    "error",
    "accuracy",
    "distance",
    "index",
    "coefficient",
    "measure",
    "precision",
    "recall",
    "ratio",
    "divergence",
    "metric",
    "gain",
    "similarity",
    "rank",
    "perplexity",
    "loss-rate",
];

const TASK_HEADS: &[&str] = &[
    "detection",
    "segmentation",
    "recognition",
    "classification",
    "translation",
    "answering",
    "retrieval",
    "forecasting",
    "summarization",
    "summarisation",
    "captioning",
    "tracking",
    "parsing",
    "completion",
    "localization",
    "localisation",
    "grounding",
    "inpainting",
    "super-resolution",
    "reconstruction",
    "synthesis",
    "labeling",
    "labelling",
    "tagging",
    "extraction",
    "matching",
    "spotting",
    "verification",
    "identification",
    "diarization",
];

const METHOD_HEADS: &[&str] = &[
    "minimization",
    "minimisation",
    "maximization",
    "optimization",
    "optimisation",
    "learning",
    "tuning",
    "training",
    "pretraining",
    "pre-training",
    "adaptation",
    "attention",
    "normalization",
    "normalisation",
    "regularization",
    "regularisation",
    "distillation",
    "sampling",
    "search",
    "decomposition",
    "estimation",
    "augmentation",
    "pruning",
    "quantization",
    "embedding",
    "embeddings",
    "encoding",
    "alignment",
    "descent",
    "propagation",
    "algorithm",
    "method",
    "technique",
    "strategy",
    "procedure",
    "objective",
    "modeling",
    "modelling",
    "prompting",
    "decoding",
    "analysis",
    "explanations",
    "explanation",
    "mechanism",
    "unit",
    "units",
    "pooling",
    "dropout",
    "fusion",
    "merging",
    "scheduling",
    "schedule",
    "optimizer",
    "regularizer",
    "approximation",
    "inference",
    "guidance",
    "initialization",
    "masking",
    "routing",
    "selection",
    "sharing",
    "reweighting",
    "factorization",
    "compression",
    "calibration",
    "editing",
    "steering",
    "ensembling",
    "filtering",
    "generation-based",
    "replay",
    "rehearsal",
    "framework-agnostic",
];

const MODEL_HEADS: &[&str] = &[
    "model",
    "models",
    "network",
    "networks",
    "net",
    "transformer",
    "transformers",
    "encoder",
    "decoder",
    "autoencoder",
    "machine",
    "gan",
    "llm",
    "vlm",
    "agent",
    "architecture",
    "backbone",
    "framework",
    "system",
    "policy",
    "predictor",
    "classifier",
    "detector",
    "segmenter",
    "generator",
    "tokenizer",
    "retriever",
    "planner",
    "assistant",
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
pub fn type_of_long_form(long: &str) -> Option<EntityType> {
    let head = head_of(long);
    let last_part = head.rsplit('-').next().unwrap_or(&head).to_string();
    type_of_head(&head).or_else(|| type_of_head(&last_part))
}

/// The type a single head noun implies.
pub fn type_of_head(head: &str) -> Option<EntityType> {
    let head = head.to_lowercase();
    let head = head.as_str();
    if DATASET_HEADS.contains(&head) {
        Some(EntityType::Dataset)
    } else if METRIC_HEADS.contains(&head) {
        Some(EntityType::Metric)
    } else if TASK_HEADS.contains(&head) {
        Some(EntityType::Task)
    } else if METHOD_HEADS.contains(&head) {
        Some(EntityType::Method)
    } else if MODEL_HEADS.contains(&head) {
        Some(EntityType::Model)
    } else {
        None
    }
}

/// The type implied by the first head noun found in `words` (for "we introduce a new
/// benchmark"), scanning left to right.
pub fn type_of_phrase(words: &str) -> Option<EntityType> {
    words
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .find_map(type_of_head)
}

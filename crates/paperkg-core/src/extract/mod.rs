//! Extraction: models, datasets, metrics, tasks, methods, URLs and results from one paper's
//! title and abstract, each with its character spans and the rule that found it.
//!
//! ```
//! use paperkg_core::corpus::{Paper, PaperId};
//! use paperkg_core::dictionary::{Dictionary, EntityType};
//! use paperkg_core::extract::Extractor;
//!
//! let dictionary = Dictionary::builtin()?;
//! let extractor = Extractor::builder().dictionary(dictionary).build()?;
//! let paper = Paper {
//!     id: PaperId::Local("p1".into()),
//!     title: "Fine-tuning BERT".into(),
//!     abstract_text: "We fine-tune BERT on SQuAD. Code: https://github.com/a/b.".into(),
//!     ..Paper::default()
//! };
//! let extraction = extractor.extract(&paper);
//! assert!(extraction.entities.iter().any(|e| e.name == "BERT"));
//! assert!(extraction.entities.iter().any(|e| e.entity_type == EntityType::Url));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod acronyms;
mod alias_trie;
mod boundary;
mod candidates;
mod collect;
mod coordinated;
mod corpus_match;
mod dataset_names;
mod definitions;
mod dict_match;
mod discovery;
mod greedy_tail;
mod heads;
mod lineage;
mod lists;
mod metric_evidence;
mod phrases;
pub mod record;
mod resolve;
mod results;
mod senses;
mod subtitle;
mod typing;
pub mod urls;
pub mod variants;
mod verb_methods;

/// The identity layer's mention types, re-exported where the rules use them.
pub use crate::ids::{Field, FoundBy, Mention};
pub use acronyms::{find_definitions, AcronymDef};
pub use dict_match::{BuildError, DictHit, DictMatcher};
pub use results::{RejectReason, RejectedResult, ResultEntity, ResultRecord};
pub use urls::UrlKind;

use crate::corpus::Paper;
use crate::dictionary::{Dictionary, EntityType};
use crate::ids::EntityId;
use serde::Serialize;
use std::sync::Arc;

/// An entity found in one paper, with every mention merged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The entity's type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The canonical name (for URLs, the cleaned URL).
    pub name: String,
    /// A stable identifier: `TYPE/SLUG`, the same in every paper and run.
    pub id: EntityId,
    /// Whether this paper proposes the entity.
    pub introduced: bool,
    /// For URLs: what the link points at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<UrlKind>,
    /// Every mention in the paper.
    pub mentions: Vec<Mention>,
    /// Known aliases (dictionary aliases plus local definitions).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// External identifiers from the dictionary (`arxiv:...`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_ids: Vec<String>,
    /// Canonical names of entities this one derives from (a variant's family, a composite's
    /// base, a dictionary parent, or what the text states: "based on", "a subset of").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub derived_from: Vec<String>,
    /// The names in `derived_from` that the text says this model was fine-tuned from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fine_tuned_from: Vec<String>,
    /// The rule that found the entity first.
    #[serde(skip)]
    pub found_by: FoundBy,
    /// How sure the rule is, from 0 to 1.
    #[serde(skip)]
    pub confidence: f32,
    /// A short human-readable reason ("alias 'SAM' in model.txt").
    #[serde(skip)]
    pub evidence: String,
}

/// Everything extracted from one paper.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PaperExtraction {
    /// The paper.
    pub paper: Paper,
    /// Its entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Reported results: a metric value for a model and dataset.
    pub results: Vec<ResultRecord>,
    /// Numbers next to a metric that are not results (a year, an image size, a value outside
    /// the metric's range), for `extract --explain`.
    #[serde(skip)]
    pub rejected_results: Vec<RejectedResult>,
}

/// Errors building an [`Extractor`].
#[derive(Debug, thiserror::Error)]
pub enum ExtractorError {
    /// The dictionaries did not load.
    #[error(transparent)]
    Dictionary(#[from] crate::dictionary::DictionaryError),
    /// The automaton did not build.
    #[error(transparent)]
    Automaton(#[from] BuildError),
    /// A discovery pattern built from the lexicon did not compile.
    #[error("discovery pattern: {0}")]
    Pattern(#[from] regex::Error),
}

/// The least confidence of an introduced name that the corpus-level second pass looks for in
/// every other paper: the title's name and "we propose X" pass, appositions do not.
const CORPUS_NAME_CONFIDENCE: f32 = 0.75;

/// A name discovered with confidence in one paper, to be matched in every other paper of the
/// same run (the corpus-level second pass).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CorpusName {
    /// Its type.
    pub entity_type: EntityType,
    /// The name as introduced.
    pub name: String,
}

/// Configures an [`Extractor`].
#[derive(Default)]
pub struct ExtractorBuilder {
    dictionary: Option<Dictionary>,
    discovery: Option<bool>,
    corpus_names: Vec<CorpusName>,
}

impl ExtractorBuilder {
    /// Uses this dictionary (default: the built-in one).
    pub fn dictionary(mut self, dictionary: Dictionary) -> Self {
        self.dictionary = Some(dictionary);
        self
    }

    /// Turns discovery of names that no dictionary knows on or off (default on).
    pub fn discovery(mut self, on: bool) -> Self {
        self.discovery = Some(on);
        self
    }

    /// Names found in other papers of the same run, matched in every paper.
    pub fn corpus_names(mut self, names: Vec<CorpusName>) -> Self {
        self.corpus_names = names;
        self
    }

    /// Compiles the automata.
    pub fn build(self) -> Result<Extractor, ExtractorError> {
        let dictionary = match self.dictionary {
            Some(d) => d,
            None => Dictionary::builtin()?,
        };
        let matcher = Arc::new(DictMatcher::new(&dictionary)?);
        let corpus = corpus_match::CorpusMatcher::new(self.corpus_names)?;
        let patterns = Arc::new(discovery::Patterns::new(dictionary.lexicon())?);
        Ok(Extractor {
            dictionary: Arc::new(dictionary),
            matcher,
            corpus,
            patterns,
            discovery: self.discovery.unwrap_or(true),
        })
    }
}

/// The extractor: compiled once, shared by reference across threads.
pub struct Extractor {
    dictionary: Arc<Dictionary>,
    matcher: Arc<DictMatcher>,
    corpus: corpus_match::CorpusMatcher,
    patterns: Arc<discovery::Patterns>,
    discovery: bool,
}

impl Extractor {
    /// Starts configuring an extractor.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The dictionary in use.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Whether it discovers names that no dictionary knows (the corpus pass needs it).
    pub fn discovers(&self) -> bool {
        self.discovery
    }

    /// The discovery patterns built from the lexicon.
    pub(crate) fn patterns(&self) -> &discovery::Patterns {
        &self.patterns
    }

    /// The dictionary matcher, for benchmarks.
    pub fn matcher(&self) -> &DictMatcher {
        &self.matcher
    }

    /// The same extractor, sharing its compiled dictionary, that also matches `names` found
    /// in other papers of the run (the corpus-level second pass).
    pub fn with_corpus_names(&self, names: Vec<CorpusName>) -> Result<Extractor, ExtractorError> {
        Ok(Extractor {
            dictionary: Arc::clone(&self.dictionary),
            matcher: Arc::clone(&self.matcher),
            corpus: corpus_match::CorpusMatcher::new(names)?,
            patterns: Arc::clone(&self.patterns),
            discovery: self.discovery,
        })
    }

    /// Extracts every entity and result from one paper.
    pub fn extract(&self, paper: &Paper) -> PaperExtraction {
        self.extract_owned(paper.clone())
    }

    /// Like [`Extractor::extract`], taking the paper instead of copying it into the result.
    pub fn extract_owned(&self, paper: Paper) -> PaperExtraction {
        let found = collect::collect(self, &paper);
        let mut entities = resolve::entities(self, &paper, found);
        lineage::link(&paper, &mut entities);
        let results = results::find(&paper, &entities, &self.dictionary);
        PaperExtraction {
            paper,
            entities,
            results: results.found,
            rejected_results: results.rejected,
        }
    }

    /// The names this paper introduces with enough confidence to look for them in other
    /// papers: introduced in the title or by "we propose", and unknown to the dictionary
    /// (which finds its own names everywhere already).
    ///
    /// This is the corpus-level first pass, so it runs only the rules that introduce names
    /// and skips everything else [`Extractor::extract`] does; for a paper without such a
    /// name it costs a few regex scans.
    pub fn corpus_names(&self, paper: &Paper) -> Vec<CorpusName> {
        let found = collect::collect_introductions(self, paper);
        resolve::entities(self, paper, found)
            .into_iter()
            .filter(|e| {
                e.introduced
                    && e.entity_type != EntityType::Url
                    && e.found_by.confidence() >= CORPUS_NAME_CONFIDENCE
            })
            .filter(|e| e.name.chars().count() >= 3 && !self.dictionary.is_generic(&e.name))
            .filter(|e| self.dictionary.by_alias(&e.name).is_empty())
            .map(|e| CorpusName {
                entity_type: e.entity_type,
                name: e.name,
            })
            .collect()
    }
}

/// What the rule tests of this module share: the built-in extractor, compiled once per test
/// binary.
#[cfg(test)]
pub(crate) mod testing {
    use super::Extractor;
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::Dictionary;
    use std::sync::LazyLock;

    /// An extractor over invented dictionary files (`(file name, text)`), discovery off, so
    /// that a rule test sees only the entries it wrote.
    pub(crate) fn invented(files: &[(&str, &str)]) -> Extractor {
        invented_with(files, false)
    }

    /// An extractor over invented dictionary files, with the discovery rules on or off.
    pub(crate) fn invented_with(files: &[(&str, &str)], discovery: bool) -> Extractor {
        let dictionary = Dictionary::from_files(
            files
                .iter()
                .map(|&(name, text)| (name.to_string(), text.to_string())),
        )
        .unwrap_or_else(|e| panic!("test dictionary: {e}"));
        Extractor::builder()
            .dictionary(dictionary)
            .discovery(discovery)
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"))
    }

    /// A paper titled "A test" with this abstract.
    pub(crate) fn paper(abstract_text: &str) -> Paper {
        Paper {
            id: PaperId::Local("t".into()),
            title: "A test".into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        }
    }

    /// The names of the entities of `entity_type` that `extractor` finds in `paper`, in
    /// output order.
    pub(crate) fn names_of(
        extractor: &Extractor,
        paper: &Paper,
        entity_type: crate::dictionary::EntityType,
    ) -> Vec<String> {
        extractor
            .extract(paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == entity_type)
            .map(|e| e.name)
            .collect()
    }

    /// The extractor with the built-in dictionaries and every rule on.
    pub(crate) static BUILTIN: LazyLock<Extractor> = LazyLock::new(|| {
        Extractor::builder()
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"))
    });
}

//! The lexicon: the word lists that extraction rules consult (head nouns, procedure words,
//! words that never start a name...), kept as data in `dictionaries/lexicon/NAME.txt` and
//! validated when loaded, like the dictionaries. See `dictionaries/README.md` ("Lexicon").

use super::DictionaryError;
use crate::text::FastSet;
use std::collections::HashMap;
use std::path::Path;

/// One list of the lexicon. Each list has one meaning, said in its file's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Words {
    /// Head nouns of datasets ("benchmark").
    DatasetHeads,
    /// Head nouns of metrics ("score").
    MetricHeads,
    /// Head nouns of tasks ("detection").
    TaskHeads,
    /// Head nouns of methods ("minimization").
    MethodHeads,
    /// Head nouns of models ("network").
    ModelHeads,
    /// Heads that say nothing by themselves ("framework").
    VagueHeads,
    /// Words before a vague head that make it a procedure ("training framework").
    ProcedureWords,
    /// Words that never start a name ("towards", "we").
    NotNames,
    /// Modifiers that leave a generic class generic ("pretrained").
    GenericModifiers,
    /// Words that may follow a name after a hyphen ("BERT-style").
    HyphenModifiers,
    /// Nouns that describe an introduced name as a method ("procedure").
    DescribedMethod,
    /// Nouns that describe an introduced name as a model ("architecture").
    DescribedModel,
    /// Nouns that describe an introduced name as a dataset ("benchmark").
    DescribedDataset,
    /// Nouns that make a sized name a corpus ("data Time-300B").
    DataNouns,
    /// Prepositions that end a title's opening phrase.
    Prepositions,
    /// Words that open a procedure title ("Learning ...").
    ProcedureOpeners,
    /// Words that link a description to a name ("termed").
    NamingWords,
    /// Title words that make the title's name a dataset.
    TitleDatasetWords,
    /// Title words that make the title's name a method.
    TitleMethodWords,
    /// Title words that keep the title's name a model.
    TitleModelWords,
    /// Conference and journal names: never entities ("ICLR").
    Venues,
    /// Head nouns that make a lower-case noun phrase a task ("few-shot zorb synthesis").
    PhraseTaskHeads,
    /// Head nouns that make a lower-case noun phrase a task only in the title or where the
    /// text lists it as a task ("compositional understanding tasks").
    PhraseTitleTaskHeads,
    /// Head nouns that make a lower-case noun phrase a method ("frobnic distillation").
    PhraseMethodHeads,
    /// Words that end a head phrase on its left and open no list item ("the", "novel").
    PhraseStopwords,
    /// Words ending like an inflection that may still modify a head ("masked", "physics").
    PhraseModifierExceptions,
    /// Last parts of hyphenated words that end a head phrase ("RGB-based", "real-time").
    PhraseStopSuffixes,
    /// Nouns ending in "-ly" that are not adverbs ("anomaly"): they may modify a head.
    NotAdverbs,
    /// Title words that introduce the paper's means ("via", "using"): a phrase after them is
    /// not a task.
    TitleMeansWords,
    /// Words before a task phrase that say the text names a task ("for", "including").
    TaskContextWords,
    /// Words right before a learning paradigm that make it the paper's means ("via").
    TaskMeansCues,
    /// Words before "task(s)"/"objective(s)" that make it a training objective ("pretext").
    ObjectiveTaskWords,
    /// Kinds of review ("survey", "tutorial"): a title "X: A Survey" names no entity X.
    SurveyKinds,
    /// Last words that close a slogan, not a noun phrase ("Eyes Wide Open", "X Matters").
    SloganClosers,
    /// Kinds of data that lists name next to datasets ("ct", "mri"): never a listed dataset.
    NotDatasets,
    /// Cost and efficiency quantities that a metric context does not make metrics ("flops").
    NotMetrics,
    /// Metric names that are common words ("precision"): a match needs evidence in its
    /// sentence.
    MetricNeedsEvidence,
    /// Words that make a sentence an evaluation ("in terms of", "metric"), for
    /// [`Words::MetricNeedsEvidence`].
    MetricEvaluationCues,
    /// Words that may follow a score without making it a count ("on", "and", "higher").
    ScoreFollowers,
    /// Number formats ("bfloat16", "bits"): in its sentence, a common-word metric
    /// ("precision") means the precision of numbers.
    NumberFormatWords,
    /// Words right before a common-word metric that make it the precision of numbers
    /// ("mixed precision").
    NumberFormatModifiers,
    /// Words right after a common-word metric that give it its everyday sense
    /// ("sensitivity to noise").
    MetricEverydayFollowers,
    /// Last words of a Title Case name that make it a method component ("... Module").
    ComponentHeads,
    /// Nouns after a Title Case name that make it a method component ("... mechanism").
    ComponentNouns,
    /// Verbs with which authors name their own thing ("we term our pipeline X").
    NamingVerbs,
    /// Verbs that introduce the paper's own thing ("we propose X").
    ProposalVerbs,
    /// Adverbs between "we" and a proposal verb ("we first introduce").
    ProposalAdverbs,
    /// Gerunds after "by" that introduce a thing ("by introducing X").
    ProposalGerunds,
    /// Nouns with which a paper speaks of itself ("this paper").
    SelfReferences,
    /// Words right before a name given to a thing ("called", "dubbed").
    NamingParticiples,
    /// Head nouns of an apposition after a name ("X, a ... model").
    AppositionHeads,
    /// Nouns after a name that make it a dataset ("the X benchmark").
    CollectionNouns,
    /// Words before "on X" that make X an evaluation dataset ("evaluated").
    EvaluationCues,
    /// Prepositions in a title that introduce how the named thing is made ("via").
    MeansPrepositions,
    /// Verbs after "we" right before a long form that make it the paper's own name ("we
    /// propose Zorb Sampling (ZS)").
    LongFormProposalVerbs,
    /// Gerunds after "by" right before a long form that make it the paper's own name ("by
    /// introducing Zorb Sampling (ZS)").
    LongFormProposalGerunds,
    /// Adjectives allowed between a proposal verb and a long form ("we propose a novel ...").
    NoveltyAdjectives,
    /// Verb forms with the noun of the dictionary method they name ("distilled distillation").
    MethodVerbs,
    /// Words that make a method verb name its technique in their sentence ("teacher").
    MethodVerbCues,
}

/// The head-noun lists: a word may be in only one of them, so a head has one type.
const HEAD_ROLES: &[Words] = &[
    Words::DatasetHeads,
    Words::MetricHeads,
    Words::TaskHeads,
    Words::MethodHeads,
    Words::ModelHeads,
    Words::VagueHeads,
];

/// The head nouns of lower-case phrases: a word may be in only one of them. These are a role
/// group of their own, apart from [`HEAD_ROLES`], which type a *name* (a long form, a
/// proposal): "estimation" heads a task phrase ("depth estimation") but a method name
/// ("Maximum Likelihood Estimation"). See `dictionaries/README.md` ("Two kinds of head").
const PHRASE_HEAD_ROLES: &[Words] = &[
    Words::PhraseTaskHeads,
    Words::PhraseTitleTaskHeads,
    Words::PhraseMethodHeads,
];

/// The lists that describe an introduced name: a word may be in only one of them.
const DESCRIPTION_ROLES: &[Words] = &[
    Words::DescribedMethod,
    Words::DescribedModel,
    Words::DescribedDataset,
    Words::VagueHeads,
];

macro_rules! builtin_lists {
    ($($variant:ident => $file:literal),* $(,)?) => {
        impl Words {
            /// Every list, in file-name order of declaration.
            pub const ALL: &'static [Words] = &[$(Words::$variant),*];

            /// The list's file name under `dictionaries/lexicon/`.
            pub fn file_name(self) -> &'static str {
                match self {
                    $(Words::$variant => $file),*
                }
            }

            fn builtin_text(self) -> &'static str {
                match self {
                    $(Words::$variant => include_str!(concat!("../../../../dictionaries/lexicon/", $file))),*
                }
            }
        }
    };
}

builtin_lists! {
    DatasetHeads => "dataset-heads.txt",
    MetricHeads => "metric-heads.txt",
    TaskHeads => "task-heads.txt",
    MethodHeads => "method-heads.txt",
    ModelHeads => "model-heads.txt",
    VagueHeads => "vague-heads.txt",
    ProcedureWords => "procedure-words.txt",
    NotNames => "not-names.txt",
    GenericModifiers => "generic-modifiers.txt",
    HyphenModifiers => "hyphen-modifiers.txt",
    DescribedMethod => "described-method.txt",
    DescribedModel => "described-model.txt",
    DescribedDataset => "described-dataset.txt",
    DataNouns => "data-nouns.txt",
    Prepositions => "prepositions.txt",
    ProcedureOpeners => "procedure-openers.txt",
    NamingWords => "naming-words.txt",
    TitleDatasetWords => "title-dataset-words.txt",
    TitleMethodWords => "title-method-words.txt",
    TitleModelWords => "title-model-words.txt",
    Venues => "venues.txt",
    PhraseTaskHeads => "phrase-task-heads.txt",
    PhraseTitleTaskHeads => "phrase-title-task-heads.txt",
    PhraseMethodHeads => "phrase-method-heads.txt",
    PhraseStopwords => "phrase-stopwords.txt",
    PhraseModifierExceptions => "phrase-modifier-exceptions.txt",
    PhraseStopSuffixes => "phrase-stop-suffixes.txt",
    NotAdverbs => "not-adverbs.txt",
    TitleMeansWords => "title-means-words.txt",
    TaskContextWords => "task-context-words.txt",
    TaskMeansCues => "task-means-cues.txt",
    ObjectiveTaskWords => "objective-task-words.txt",
    SurveyKinds => "survey-kinds.txt",
    SloganClosers => "slogan-closers.txt",
    NotDatasets => "not-datasets.txt",
    NotMetrics => "not-metrics.txt",
    MetricNeedsEvidence => "metric-needs-evidence.txt",
    MetricEvaluationCues => "metric-evaluation-cues.txt",
    ScoreFollowers => "score-followers.txt",
    NumberFormatWords => "number-format-words.txt",
    NumberFormatModifiers => "number-format-modifiers.txt",
    MetricEverydayFollowers => "metric-everyday-followers.txt",
    ComponentHeads => "component-heads.txt",
    ComponentNouns => "component-nouns.txt",
    NamingVerbs => "naming-verbs.txt",
    ProposalVerbs => "proposal-verbs.txt",
    ProposalAdverbs => "proposal-adverbs.txt",
    ProposalGerunds => "proposal-gerunds.txt",
    SelfReferences => "self-references.txt",
    NamingParticiples => "naming-participles.txt",
    AppositionHeads => "apposition-heads.txt",
    CollectionNouns => "collection-nouns.txt",
    EvaluationCues => "evaluation-cues.txt",
    MeansPrepositions => "means-prepositions.txt",
    LongFormProposalVerbs => "long-form-proposal-verbs.txt",
    LongFormProposalGerunds => "long-form-proposal-gerunds.txt",
    NoveltyAdjectives => "novelty-adjectives.txt",
    MethodVerbs => "method-verbs.txt",
    MethodVerbCues => "method-verb-cues.txt",
}

/// Every lexicon list, validated: lower case, no duplicates, one role per head word.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// One set per list, at the index of its `Words` discriminant: `has` is on every rule's
    /// hot path, so a list is found without hashing its name.
    lists: Vec<FastSet<String>>,
    /// The last two bytes of every phrase head ([`PHRASE_HEAD_ROLES`]), one bit per byte pair
    /// (65,536 bits): most words of a text end in a pair no head ends in, and this one load
    /// rules them out before any set is hashed. See [`Lexicon::may_be_phrase_head`].
    phrase_head_endings: Vec<u64>,
}

impl Lexicon {
    /// The lists compiled into this binary.
    pub fn builtin() -> Result<Lexicon, DictionaryError> {
        Lexicon::from_texts(
            Words::ALL
                .iter()
                .map(|&w| (w, w.builtin_text().to_string())),
        )
    }

    /// Reads every list from `dir` (a `dictionaries/lexicon/` directory).
    pub fn load_dir(dir: &Path) -> Result<Lexicon, DictionaryError> {
        let mut texts = Vec::new();
        for &words in Words::ALL {
            let path = dir.join(words.file_name());
            let text = std::fs::read_to_string(&path).map_err(|source| DictionaryError::Io {
                path: path.display().to_string(),
                source,
            })?;
            texts.push((words, text));
        }
        Lexicon::from_texts(texts)
    }

    /// Parses and validates the lists from their texts. Every list must be given.
    pub fn from_texts(
        texts: impl IntoIterator<Item = (Words, String)>,
    ) -> Result<Lexicon, DictionaryError> {
        let mut lists: Vec<Option<FastSet<String>>> = vec![None; Words::ALL.len()];
        let mut origins: HashMap<(Words, String), usize> = HashMap::new();
        for (words, text) in texts {
            let mut set = FastSet::default();
            for (line, word) in parse(words, &text)? {
                origins.insert((words, word.clone()), line);
                set.insert(word);
            }
            lists[words as usize] = Some(set);
        }
        if let Some(missing) = Words::ALL.iter().find(|&&w| lists[w as usize].is_none()) {
            return Err(syntax(*missing, 0, "the list is missing".to_string()));
        }
        let lists: Vec<FastSet<String>> =
            lists.into_iter().map(Option::unwrap_or_default).collect();
        let phrase_head_endings =
            head_endings(PHRASE_HEAD_ROLES.iter().flat_map(|&w| &lists[w as usize]));
        let lexicon = Lexicon {
            lists,
            phrase_head_endings,
        };
        lexicon.check_one_role(HEAD_ROLES, &origins)?;
        lexicon.check_one_role(DESCRIPTION_ROLES, &origins)?;
        lexicon.check_one_role(PHRASE_HEAD_ROLES, &origins)?;
        Ok(lexicon)
    }

    /// Whether `word` (already lower case) is in the list.
    pub fn has(&self, words: Words, word: &str) -> bool {
        self.list(words).contains(word)
    }

    /// Whether `name` is a venue, alone or with a year ("NeurIPS 2024", "ICLR'25"). A longer
    /// name that starts with a venue ("ACL-ARC", "KDD Cup") is not one.
    pub fn is_venue(&self, name: &str) -> bool {
        let letters = name
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(name.len());
        let (venue, rest) = name.split_at(letters);
        let year = rest.trim_start_matches([' ', '\'', '\u{2019}', '-']);
        self.has_lower(Words::Venues, venue) && year.chars().all(|c| c.is_ascii_digit())
    }

    /// Whether `word` may be a phrase head, in any case, hyphenated or not: false only when it
    /// cannot be, so a rule asks the head lists only when this holds. A word whose last two
    /// bytes are ASCII and no hyphen ends like its lower-case form (and like the form with
    /// its hyphens removed, and like its last hyphenated part), so when no phrase head ends
    /// in that pair, none of those forms is a head. Shorter or other words always may be.
    pub fn may_be_phrase_head(&self, word: &str) -> bool {
        let &[a, b] = word.as_bytes().last_chunk::<2>().unwrap_or(&[0, 0]);
        if !a.is_ascii() || !b.is_ascii() || a == b'-' || b == b'-' || word.len() < 2 {
            return true;
        }
        let pair = ending_pair(a, b);
        self.phrase_head_endings[pair / 64] & (1 << (pair % 64)) != 0
    }

    /// Whether `word`, in any case, is in the list.
    pub fn has_lower(&self, words: Words, word: &str) -> bool {
        crate::text::with_lower(word, |lower| self.has(words, lower))
    }

    /// The words of a list, in no particular order.
    pub fn words(&self, words: Words) -> impl Iterator<Item = &str> {
        self.list(words).iter().map(String::as_str)
    }

    /// The number of words in a list.
    pub fn count(&self, words: Words) -> usize {
        self.list(words).len()
    }

    /// The set of one list (every list is present once `from_texts` has succeeded).
    fn list(&self, words: Words) -> &FastSet<String> {
        static EMPTY: std::sync::LazyLock<FastSet<String>> =
            std::sync::LazyLock::new(FastSet::default);
        self.lists.get(words as usize).unwrap_or(&EMPTY)
    }

    /// Fails when a word is in two lists of `roles`, naming both places.
    fn check_one_role(
        &self,
        roles: &[Words],
        origins: &HashMap<(Words, String), usize>,
    ) -> Result<(), DictionaryError> {
        for (i, &a) in roles.iter().enumerate() {
            for &b in &roles[i + 1..] {
                let mut shared: Vec<&String> = self.list(a).intersection(self.list(b)).collect();
                shared.sort();
                if let Some(word) = shared.first() {
                    let line = origins.get(&(b, (*word).clone())).copied().unwrap_or(0);
                    let first = origins.get(&(a, (*word).clone())).copied().unwrap_or(0);
                    return Err(syntax(
                        b,
                        line,
                        format!(
                            "{word:?} is also in lexicon/{}:{first}; a word has one role",
                            a.file_name()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The bit index of a word's last two bytes, ASCII letters in lower case.
fn ending_pair(a: u8, b: u8) -> usize {
    usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase())
}

/// The bit set of the last two bytes of `words` (see [`Lexicon::may_be_phrase_head`]). A
/// word shorter than two bytes sets no bit: only words of under two bytes or with a hyphen
/// at their end could equal it, and those always pass.
fn head_endings<'a>(words: impl Iterator<Item = &'a String>) -> Vec<u64> {
    let mut bits = vec![0u64; 65536 / 64];
    for word in words {
        if let Some(&[a, b]) = word.as_bytes().last_chunk::<2>() {
            let pair = ending_pair(a, b);
            bits[pair / 64] |= 1 << (pair % 64);
        }
    }
    bits
}

fn syntax(words: Words, line: usize, reason: String) -> DictionaryError {
    DictionaryError::Syntax {
        file: format!("lexicon/{}", words.file_name()),
        line,
        reason,
    }
}

/// The words of one list with their 1-based lines, checked one by one.
fn parse(words: Words, text: &str) -> Result<Vec<(usize, String)>, DictionaryError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let word = raw.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        if let Some(reason) = bad_word(word) {
            return Err(syntax(words, line, reason));
        }
        if let Some(first) = seen.insert(word, line) {
            return Err(syntax(
                words,
                line,
                format!("{word:?} is already on line {first}"),
            ));
        }
        out.push((line, word.to_string()));
    }
    Ok(out)
}

/// Why a lexicon line is not a lower-case word or phrase, if it is not.
fn bad_word(word: &str) -> Option<String> {
    if word.chars().any(char::is_uppercase) {
        return Some(format!(
            "{word:?} has upper case; lexicon words are lower case"
        ));
    }
    if word.contains("  ") {
        return Some(format!("{word:?} has two spaces in a row"));
    }
    let odd = word
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'')));
    odd.map(|c| {
        format!("{word:?} has {c:?}; a lexicon word has letters, digits, '-', ''' and spaces")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(words: Words, text: &str) -> Result<Lexicon, DictionaryError> {
        Lexicon::from_texts(Words::ALL.iter().map(|&w| {
            let body = if w == words { text } else { w.builtin_text() };
            (w, body.to_string())
        }))
    }

    /// The ending filter lets every phrase head through, in any case and hyphenated, and
    /// stops words that end like no head.
    #[test]
    fn only_words_ending_like_no_phrase_head_are_ruled_out() {
        let lexicon =
            with(Words::PhraseMethodHeads, "zorbification\nq\n").unwrap_or_else(|e| panic!("{e}"));
        for word in [
            "zorbification",
            "ZORBIFICATION",
            "Blorp-Zorbification",
            "zorbifi-cation",
            "q",
            "x-q",
            "xq-",
            "Zorbificatioñ",
            "ñ",
        ] {
            assert!(lexicon.may_be_phrase_head(word), "{word}");
        }
        for word in ["zorbifications", "the", "Blorp", "x-qq", "3D"] {
            assert!(!lexicon.may_be_phrase_head(word), "{word}");
        }
        let all = PHRASE_HEAD_ROLES.iter().flat_map(|&w| lexicon.words(w));
        for head in all {
            assert!(lexicon.may_be_phrase_head(head), "{head}");
            assert!(lexicon.may_be_phrase_head(&head.to_uppercase()), "{head}");
        }
    }

    fn error_of(words: Words, text: &str) -> String {
        match with(words, text) {
            Ok(_) => panic!("{text:?} in {} loaded", words.file_name()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_builtin_lists_load() {
        let lexicon = Lexicon::builtin().unwrap_or_else(|e| panic!("builtin lexicon: {e}"));
        for &words in Words::ALL {
            assert!(lexicon.count(words) > 0, "{} is empty", words.file_name());
        }
        assert!(lexicon.has(Words::VagueHeads, "framework"));
        assert!(!lexicon.has(Words::ModelHeads, "framework"));
        assert!(lexicon.has_lower(Words::NotNames, "Towards"));
        // Phrase heads and name heads are separate role groups: "estimation" heads a task
        // phrase ("depth estimation") and a method name ("Maximum Likelihood Estimation").
        assert!(lexicon.has(Words::PhraseTaskHeads, "estimation"));
        assert!(lexicon.has(Words::MethodHeads, "estimation"));
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line() {
        let cases: &[(Words, &str, &str)] = &[
            (
                Words::DataNouns,
                "# header\n\ndata\nCorpus\n",
                "lexicon/data-nouns.txt:4: \"Corpus\" has upper case",
            ),
            (
                Words::DataNouns,
                "data\ncorpus\ndata\n",
                "lexicon/data-nouns.txt:3: \"data\" is already on line 1",
            ),
            (
                Words::NotNames,
                "a | b\n",
                "lexicon/not-names.txt:1: \"a | b\" has '|'",
            ),
            (
                Words::ModelHeads,
                "network\nbenchmark\n",
                "lexicon/model-heads.txt:2: \"benchmark\" is also in lexicon/dataset-heads.txt",
            ),
            (
                Words::DescribedModel,
                "model\nframework\n",
                "lexicon/vague-heads.txt:",
            ),
            (
                Words::PhraseMethodHeads,
                "pruning\ndetection\n",
                "lexicon/phrase-method-heads.txt:2: \"detection\" is also in lexicon/phrase-task-heads.txt",
            ),
        ];
        for (words, text, expected) in cases {
            let error = error_of(*words, text);
            assert!(error.starts_with(expected), "{text:?}: got {error:?}");
        }
    }

    #[test]
    fn a_venue_is_a_venue_name_alone_or_with_a_year() {
        let lexicon = Lexicon::builtin().unwrap_or_else(|e| panic!("builtin lexicon: {e}"));
        let cases: &[(&str, bool)] = &[
            ("ICLR", true),
            ("NeurIPS 2024", true),
            ("ICLR'25", true),
            ("cvpr", true),
            ("ACL-ARC", false),
            ("KDD Cup", false),
            ("ICLRNet", false),
            ("BERT", false),
        ];
        for &(name, expected) in cases {
            assert_eq!(lexicon.is_venue(name), expected, "{name:?}");
        }
    }

    #[test]
    fn comments_and_blank_lines_are_ignored() {
        let lexicon = with(Words::DataNouns, "# data nouns\n\n  data  \n# corpus\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lexicon.count(Words::DataNouns), 1);
        assert!(lexicon.has(Words::DataNouns, "data"));
        assert!(!lexicon.has(Words::DataNouns, "corpus"));
    }
}

//! Typing an introduced or discovered name from what the text says it is: the head noun
//! before or after it ("a training procedure, Birdie"), the shape of the name ("...Bench",
//! "...Net"), the rest of a title, or a known model it is built on.

use super::candidates::{Candidate, Target};
use super::{discovery, heads, Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, EntryId, Lexicon, Source, Words};

/// Retypes the names a paper introduces by how the abstract describes them: "a novel
/// training procedure, Birdie", "SVFit, a novel PEFT approach", "a model termed X". The
/// nearest telling head noun wins over the type guessed from the title.
///
/// A name built on a known model ("SlimSAM", "ContraBERT") or shaped like a network
/// ("ZorbNet") stays a model whatever the abstract calls it: what such a paper releases is
/// that model's new weights.
pub(crate) fn retype_introduced(extractor: &Extractor, abstract_text: &str, out: &mut [Candidate]) {
    let names: Vec<String> = out
        .iter()
        .filter(|c| c.introduced)
        .filter_map(|c| match &c.target {
            Target::Named { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    for name in names {
        let Some(described) =
            described_type(extractor.dictionary().lexicon(), abstract_text, &name)
        else {
            continue;
        };
        // A name built on a known model, or shaped like a network ("ZorbNet", "Quixformer"),
        // is a model whatever method-like words the abstract uses.
        let model_shaped = known_model_inside(extractor, &name).is_some()
            || type_of_name(&name) == Some(EntityType::Model);
        if described == EntityType::Method && model_shaped {
            continue;
        }
        for c in out.iter_mut() {
            if let Target::Named {
                entity_type,
                name: n,
                ..
            } = &mut c.target
            {
                if *n == name {
                    *entity_type = described;
                    // The text said what it is: no longer a guess.
                    if c.confidence < c.found_by.confidence() {
                        c.confidence = c.found_by.confidence();
                        c.evidence = format!("{} rule", c.found_by.as_str());
                    }
                }
            }
        }
    }
}

/// A paper's own title name ("Zorbit: Hybrid Planning with ...") that a bulk dictionary
/// source (not the curated files) holds as another thing: the paper's statement of what it
/// introduces wins for this paper. When the abstract, the name's shape or the title's rest
/// says a type the bulk entries do not have (or, saying nothing, the likeliest type of an
/// introduced name is not theirs), every mention of those entries becomes the
/// paper's own name of that type. Curated entries stay authoritative.
pub(crate) fn own_title_name_over_bulk(
    extractor: &Extractor,
    title: &str,
    abstract_text: &str,
    out: &mut [Candidate],
) {
    let dictionary = extractor.dictionary();
    let lexicon = dictionary.lexicon();
    let own = out.iter().find_map(|c| match &c.target {
        Target::Entries(ids) if c.field == Field::Title && c.introduced => {
            let rest = title.get(c.end..)?.strip_prefix(": ")?;
            let name = title.get(c.start..c.end)?;
            let bulk = !ids.is_empty()
                && ids
                    .iter()
                    .all(|&id| dictionary.entry(id).source.as_str() != Source::CURATED);
            bulk.then(|| (ids.clone(), name.to_string(), rest))
        }
        _ => None,
    });
    let Some((ids, name, rest)) = own else {
        return;
    };
    let said = known_model_inside(extractor, &name)
        .map(|_| EntityType::Model)
        .or_else(|| described_type(lexicon, abstract_text, &name))
        .or_else(|| type_of_name(&name))
        .or_else(|| title_type(lexicon, rest));
    // Nothing says what it is: the likeliest type of a paper's own name, as a guess.
    let (said, confidence, evidence) = match said {
        Some(t) => (
            t,
            FoundBy::TitleName.confidence(),
            "the text says what it is",
        ),
        None => (
            discovery::LIKELIEST,
            FoundBy::TitleName.guessed_confidence(),
            "the text does not say what it is: the likeliest type",
        ),
    };
    if ids
        .iter()
        .any(|&id| dictionary.entry(id).entity_type == said)
    {
        return;
    }
    let evidence = format!(
        "{} rule; the paper's own name outweighs a bulk dictionary entry; {evidence}",
        FoundBy::TitleName.as_str()
    );
    for c in out
        .iter_mut()
        .filter(|c| matches!(&c.target, Target::Entries(other) if *other == ids))
    {
        c.target = Target::Named {
            entity_type: said,
            name: name.clone(),
            derived_from: None,
        };
        c.found_by = FoundBy::TitleName;
        c.confidence = confidence;
        c.evidence.clone_from(&evidence);
    }
}

/// Gives every candidate of an introduced name one type: the type of its most confident
/// candidate. The title's "CBF-RL: Safety Filtering Reinforcement Learning ..." says a method;
/// the abstract's "we propose CBF-RL, a framework" says nothing and guessed a model, and a
/// name matched from another paper of the run carries that paper's reading (it takes this
/// paper's, and never decides). The reading that
/// the text stated wins over the guesses (a guess has a lower confidence); a tie keeps the
/// first candidate's type.
pub(crate) fn unify_introduced(out: &mut [Candidate]) {
    let mut best: Vec<(String, EntityType, f32)> = Vec::new();
    // A name matched from another paper carries that paper's reading: it does not decide.
    for c in out.iter().filter(|c| c.found_by != FoundBy::Corpus) {
        let Target::Named {
            entity_type, name, ..
        } = &c.target
        else {
            continue;
        };
        match best.iter_mut().find(|(n, _, _)| n == name) {
            Some(b) if c.confidence > b.2 => *b = (name.clone(), *entity_type, c.confidence),
            Some(_) => {}
            None => best.push((name.clone(), *entity_type, c.confidence)),
        }
    }
    let introduced = |name: &str, out: &[Candidate]| {
        out.iter().any(|c| {
            c.introduced && matches!(&c.target, Target::Named { name: n, .. } if n == name)
        })
    };
    for (name, entity_type, _) in best {
        if !introduced(&name, out) {
            continue;
        }
        for c in out.iter_mut() {
            if let Target::Named {
                entity_type: t,
                name: n,
                ..
            } = &mut c.target
            {
                if *n == name {
                    *t = entity_type;
                }
            }
        }
    }
}

/// The lists of nouns that say what a proposed name is, with the type each gives; vague
/// heads ("framework", "system") say nothing by themselves.
const DESCRIBED: &[(Words, EntityType)] = &[
    (Words::DescribedMethod, EntityType::Method),
    (Words::DescribedModel, EntityType::Model),
    (Words::DescribedDataset, EntityType::Dataset),
];

/// The type a describing noun gives a proposed name ("a new optimizer, X").
fn described_head(lexicon: &Lexicon, word: &str) -> Option<EntityType> {
    let word = word.to_lowercase();
    DESCRIBED
        .iter()
        .find(|(words, _)| lexicon.has(*words, &word))
        .map(|&(_, entity_type)| entity_type)
}

/// The type of the members of a collection, from the first plural describing noun ("models",
/// "MLLMs", "benchmarks") within four words after "of", up to the first punctuation.
fn members_type(lexicon: &Lexicon, complement: &[&str]) -> Option<EntityType> {
    for word in complement.iter().take(4) {
        let plural = trim_word(word).strip_suffix('s');
        if let Some(t) = plural.and_then(|singular| described_head(lexicon, singular)) {
            return Some(t);
        }
        if word.ends_with([',', '.', ';']) {
            break;
        }
    }
    None
}

/// The type of a head noun given the word before it: [`described_head`], or a method for a
/// vague head after a procedure word ("training framework").
fn described_head_after(
    lexicon: &Lexicon,
    previous: Option<&str>,
    word: &str,
) -> Option<EntityType> {
    described_head(lexicon, word).or_else(|| {
        let vague = lexicon.has_lower(Words::VagueHeads, word);
        let procedure =
            previous.is_some_and(|p| lexicon.has_lower(Words::ProcedureWords, trim_word(p)));
        (vague && procedure).then_some(EntityType::Method)
    })
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// The type the abstract gives a name, from the word just before it ("a method termed X")
/// or the apposition just after it ("X, a novel PEFT approach").
fn described_type(lexicon: &Lexicon, text: &str, name: &str) -> Option<EntityType> {
    for (pos, _) in text.match_indices(name) {
        if let Some(t) = described_before(lexicon, &text[..pos]) {
            return Some(t);
        }
        let after = text[pos + name.len()..]
            .trim_start_matches('}')
            .trim_start();
        let after = match after.strip_prefix('(') {
            Some(rest) => rest.split_once(')').map_or("", |(_, r)| r).trim_start(),
            None => after,
        };
        // "X, a novel training procedure" or "X is a framework for fine-tuning ...".
        let Some(rest) = after
            .strip_prefix(',')
            .or_else(|| after.strip_prefix("is "))
            .map(str::trim_start)
        else {
            continue;
        };
        if let Some(t) = described_after(lexicon, rest) {
            return Some(t);
        }
    }
    None
}

/// The type the words just before a name give it: "a method termed X", "our Zorb Adapter
/// (X)", "a novel training procedure, X". Across a comma the head must close a noun phrase
/// opened by a determiner, with no name inside ("our method, X"); "Built upon the Zorb-6M
/// dataset, X achieves" says nothing of X.
fn described_before(lexicon: &Lexicon, before: &str) -> Option<EntityType> {
    let mut words = before
        .split_whitespace()
        .rev()
        // LaTeX markup around the name ("\textbf{X}") and a definition's "(" say nothing.
        .skip_while(|w| {
            w.starts_with('\\') || *w == "(" || lexicon.has_lower(Words::NamingWords, w)
        })
        .peekable();
    let head = words.next()?;
    let across_comma = head.ends_with(',');
    let head = trim_word(head);
    if head.is_empty() {
        return None;
    }
    if across_comma && !determined_phrase_before(words.clone()) {
        return None;
    }
    described_head_after(lexicon, words.peek().copied(), head)
}

/// Whether the words before a head noun (nearest first) open its noun phrase with a
/// determiner within six words, all lower-case: "a novel training procedure", "our method",
/// not "the Zorb-6M dataset" (a name inside is another thing's phrase).
fn determined_phrase_before<'a>(mut words: impl Iterator<Item = &'a str>) -> bool {
    for _ in 0..6 {
        match words.next() {
            Some("a" | "an" | "the" | "our" | "this" | "A" | "An" | "The" | "Our" | "This") => {
                return true
            }
            Some(w)
                if w.chars().all(|c| !c.is_uppercase() && !c.is_ascii_digit())
                    && !w.ends_with([',', '.', ';', ':']) => {}
            _ => return false,
        }
    }
    false
}

/// The type a description right after a name gives it: "a novel PEFT approach", "an
/// open-source framework for training ...". Up to five words after the article are read, up
/// to the first punctuation.
fn described_after(lexicon: &Lexicon, rest: &str) -> Option<EntityType> {
    let words: Vec<&str> = rest.split_whitespace().take(12).collect();
    if !matches!(words.first(), Some(&("a" | "an" | "our" | "the"))) {
        return None;
    }
    for i in 1..words.len().min(6) {
        let previous = (i > 1).then(|| words[i - 1]);
        let word = trim_word(words[i]);
        if let Some(t) = described_head_after(lexicon, previous, word) {
            // "a suite of ... MLLMs", "a family of ... models": a telling head of the
            // complement says what the members are.
            let members = (words.get(i + 1) == Some(&"of"))
                .then(|| members_type(lexicon, &words[i + 2..]))
                .flatten();
            return Some(members.unwrap_or(t));
        }
        if lexicon.has_lower(Words::VagueHeads, word) && for_a_procedure(lexicon, &words[i + 1..]) {
            return Some(EntityType::Method);
        }
        if words[i].ends_with([',', '.', ';']) {
            break;
        }
    }
    None
}

/// Whether the words after a vague head say it is for a procedure: "for training ...",
/// "for efficient fine-tuning ...". A framework for doing a procedure is a method.
fn for_a_procedure(lexicon: &Lexicon, after: &[&str]) -> bool {
    let Some((&first, rest)) = after.split_first() else {
        return false;
    };
    first == "for"
        && rest
            .iter()
            .take(2)
            .any(|w| lexicon.has_lower(Words::ProcedureWords, trim_word(w)))
}

/// The type a name's own shape implies: "...Bench" or "...-1k" is a dataset, "...Net" a model.
pub(crate) fn type_of_name(name: &str) -> Option<EntityType> {
    let lower = name.to_lowercase();
    if lower.ends_with("bench")
        || lower.ends_with("qa")
        || lower.contains("bench-")
        || lower.ends_with("set")
    {
        return Some(EntityType::Dataset);
    }
    if lower.ends_with("net")
        || lower.ends_with("former")
        || lower.ends_with("gpt")
        || lower.ends_with("bert")
    {
        return Some(EntityType::Model);
    }
    None
}

/// The type implied by the rest of a title: a dataset or benchmark, a training method, or
/// (by default) a model.
pub(crate) fn title_type(lexicon: &Lexicon, rest: &str) -> Option<EntityType> {
    let lower = rest.to_lowercase();
    let has = |words: Words| {
        lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|t| lexicon.has(words, t))
    };
    if has(Words::TitleDatasetWords) {
        return Some(EntityType::Dataset);
    }
    if leading_phrase_is_procedure(lexicon, rest) {
        return Some(EntityType::Method);
    }
    // "X: Policy-Based Generation via Imitation Distillation": what follows "via" is how X
    // is made, not what X is; only the words before it say whether X is a procedure.
    let what: String = lower
        .split_whitespace()
        .take_while(|w| !lexicon.has(Words::MeansPrepositions, w))
        .collect::<Vec<_>>()
        .join(" ");
    let says = |words: Words| {
        what.split(|c: char| !c.is_alphanumeric() && c != '-')
            .any(|t| lexicon.has(words, t))
    };
    if says(Words::TitleMethodWords) && !has(Words::TitleModelWords) {
        return Some(EntityType::Method);
    }
    None
}

/// Whether the phrase that opens a title's rest, up to its first preposition, names a
/// procedure: it starts with a training word ("PELA: Learning Parameter-Efficient Models
/// with ...") or its head noun is a method head ("MATES: Model-Aware Data Selection for ...").
fn leading_phrase_is_procedure(lexicon: &Lexicon, rest: &str) -> bool {
    let words: Vec<String> = rest
        .split_whitespace()
        .map(|w| trim_word(w).to_lowercase())
        .skip_while(|w| matches!(w.as_str(), "a" | "an" | "the"))
        .take_while(|w| !lexicon.has(Words::Prepositions, w))
        .collect();
    let (Some(first), Some(head)) = (words.first(), words.last()) else {
        return false;
    };
    let last_part = head.rsplit('-').next().unwrap_or(head);
    let method_head = |w: &str| {
        heads::type_of_head(lexicon, w) == Some(EntityType::Method)
            || described_head(lexicon, w) == Some(EntityType::Method)
    };
    lexicon.has(Words::ProcedureOpeners, first) || method_head(head) || method_head(last_part)
}

/// Whether the text before a sized name ends with a data noun: "large-scale data Time-300B"
/// names a corpus of 300B points, not a 300B-parameter model.
pub(crate) fn after_data_noun(lexicon: &Lexicon, before: &str) -> bool {
    before
        .split_whitespace()
        .next_back()
        .is_some_and(|w| lexicon.has_lower(Words::DataNouns, trim_word(w)))
}

/// The canonical name of a dictionary model that a composite token is built on: a hyphen
/// part ("SAM-Adapter"), or a CamelCase prefix or suffix ("MobileSAM", "SAMNet").
pub(crate) fn known_model_inside(extractor: &Extractor, token: &str) -> Option<String> {
    let dictionary = extractor.dictionary();
    let model_named = |part: &str| -> Option<String> {
        dictionary
            .by_alias(part)
            .iter()
            .map(|&id: &EntryId| dictionary.entry(id))
            .find(|e| {
                e.entity_type == EntityType::Model && e.aliases.iter().any(|a| a.text == part)
            })
            .map(|e| e.canonical.clone())
    };
    if token.contains('-') {
        for part in token.split('-') {
            if part.len() >= 2 && part != token {
                if let Some(found) = model_named(part) {
                    return Some(found);
                }
            }
        }
        return None;
    }
    let boundaries: Vec<usize> = token
        .char_indices()
        .skip(1)
        .filter(|&(i, c)| {
            let prev = token[..i].chars().next_back().unwrap_or(' ');
            c.is_uppercase() && prev.is_lowercase()
        })
        .map(|(i, _)| i)
        .collect();
    // A CamelCase part names a model when it is written like one: an acronym ("SAM" in
    // "MobileSAM") or a word of four letters or more ("Llama"); a short word piece ("Evo" in
    // "EvoCAD") is a prefix, not a model.
    let model_shaped = |part: &str| {
        let n = part.chars().count();
        n >= 4 || (n == 3 && part.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
    };
    for &b in &boundaries {
        for part in [&token[b..], &token[..b]] {
            if model_shaped(part) {
                if let Some(found) = model_named(part) {
                    return Some(found);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::EntityType;
    use crate::extract::{CorpusName, Entity, FoundBy};

    use crate::extract::testing::BUILTIN as EXTRACTOR;

    fn entity(title: &str, abstract_text: &str, name: &str) -> Entity {
        let paper = Paper {
            id: PaperId::Local("t".into()),
            title: title.into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        };
        let entities = EXTRACTOR.extract(&paper).entities;
        entities
            .iter()
            .find(|e| e.name == name)
            .cloned()
            .unwrap_or_else(|| panic!("no entity {name} in {entities:#?}"))
    }

    /// What the text says an introduced name is decides its type; where it says nothing, the
    /// likeliest type (a model) comes with a lower confidence.
    #[test]
    fn an_introduced_name_is_typed_by_what_the_text_says_it_is() {
        use EntityType::{Method, Model};
        const SAID: bool = false;
        const GUESSED: bool = true;
        let cases: &[(&str, &str, &str, EntityType, bool)] = &[
            (
                "A test",
                "We propose ZorVex, a training recipe for small models.",
                "ZorVex",
                Method,
                SAID,
            ),
            (
                "A test",
                "We propose QuanDrel, a pipeline that cleans noisy labels.",
                "QuanDrel",
                Method,
                SAID,
            ),
            (
                "A test",
                "We introduce VorTig, a framework for fine-tuning diffusion models.",
                "VorTig",
                Method,
                SAID,
            ),
            (
                "A test",
                "We propose BrinDle, a self-rewarding post-training framework.",
                "BrinDle",
                Method,
                SAID,
            ),
            (
                "A test",
                "We propose ThreNody, a plug-in module that routes tokens.",
                "ThreNody",
                Method,
                SAID,
            ),
            (
                "A test",
                "We present PlimBo, a convolutional network for point clouds.",
                "PlimBo",
                Model,
                SAID,
            ),
            (
                "A test",
                "We introduce CalYxo, a new architecture for speech.",
                "CalYxo",
                Model,
                SAID,
            ),
            (
                "A test",
                "We present MossGrove, a novel framework that unifies perception.",
                "MossGrove",
                Model,
                GUESSED,
            ),
            (
                "SkelLig: Motion Imitation at Scale",
                "SkelLig is an open-source framework for training motion controllers.",
                "SkelLig",
                Method,
                SAID,
            ),
            (
                "FernWick: Unified Perception",
                "We study perception in robots.",
                "FernWick",
                Model,
                GUESSED,
            ),
            (
                "Zorb Projection: Closing the Blorp Gap",
                "We study perception in robots.",
                "Zorb Projection",
                Method,
                GUESSED,
            ),
        ];
        for &(title, text, name, expected, guessed) in cases {
            let found = entity(title, text, name);
            assert_eq!(found.entity_type, expected, "{text:?}: {found:#?}");
            assert!(found.introduced, "{text:?}: {found:#?}");
            let rule = found.found_by.confidence();
            if guessed {
                assert_eq!(
                    found.confidence,
                    found.found_by.guessed_confidence(),
                    "{text:?}"
                );
                assert!(
                    found.evidence.contains("does not say"),
                    "{text:?}: {found:#?}"
                );
            } else {
                assert_eq!(found.confidence, rule, "{text:?}: {found:#?}");
            }
            assert!(
                matches!(found.found_by, FoundBy::Proposal | FoundBy::TitleName),
                "{text:?}: {found:#?}"
            );
        }
    }

    /// The words just before a name type it only when they describe it: across a comma the
    /// head must close a determined noun phrase with no other name inside; a definition's
    /// parenthesis does not hide its head; a network-shaped name stays a model.
    #[test]
    fn the_words_before_a_name_type_it_only_when_they_describe_it() {
        use EntityType::{Dataset, Method, Model};
        let cases: &[(&str, &str, &str, EntityType)] = &[
            // "the Zorb-6M dataset, Zorblex achieves": the dataset is another thing.
            (
                "Zorblex: Vision-Language-Action Model with Blorps",
                "Built upon the large Zorblex-6M dataset, Zorblex achieves gains.",
                "Zorblex",
                Model,
            ),
            (
                "A test",
                "We propose a novel training procedure, QuiVvle, for blorps.",
                "QuiVvle",
                Method,
            ),
            (
                "A test",
                "We propose a new benchmark, QuiBlorp, for blorps.",
                "QuiBlorp",
                Dataset,
            ),
            (
                "QuoRAX: Zorb Planning",
                "We evaluate our method, QuoRAX, on blorps.",
                "QuoRAX",
                Method,
            ),
            // A definition's parenthesis: the long form's head describes the short form.
            (
                "ZQ-HBAdapter: Zorb Adapter for Large Language Models",
                "Tests validate our Zorb Quix Hyperblorp Adapter (ZQ-HBAdapter), showing gains.",
                "ZQ-HBAdapter",
                Method,
            ),
            // Shaped like a network: a model, whatever method words describe it.
            (
                "Zorb-BlipNet: A Point Cloud Framework",
                "We propose Zorb-BlipNet, a novel deep learning framework for blorps.",
                "Zorb-BlipNet",
                Model,
            ),
            (
                "A test",
                "We present GlomVix, an open-source LVLM tailored to blorps.",
                "GlomVix",
                Model,
            ),
            // A collection takes the type of its members.
            (
                "GlimVL Technical Report: Small Blorp Models",
                "This paper introduces GlimVL, a suite of mobile-side MLLMs for blorps.",
                "GlimVL",
                Model,
            ),
            (
                "A test",
                "We introduce ZorbSuite, a suite of blorp benchmarks for quix.",
                "ZorbSuite",
                Dataset,
            ),
            // A phrase of ordinary words, with nothing said: a technique (guessed).
            (
                "Blorp Projection: Closing the Zorb Gap",
                "We study zorbs.",
                "Blorp Projection",
                Method,
            ),
        ];
        for &(title, text, name, want) in cases {
            let got = entity(title, text, name);
            assert_eq!(got.entity_type, want, "{text:?}: {got:#?}");
        }
    }

    /// In the corpus-level second pass a paper meets its own names again; what it says of
    /// them, not "introduced by another paper", explains them.
    #[test]
    fn a_paper_explains_its_own_names_in_the_corpus_pass() {
        let corpus = EXTRACTOR
            .with_corpus_names(vec![
                CorpusName {
                    entity_type: EntityType::Model,
                    name: "FernWick".into(),
                },
                CorpusName {
                    entity_type: EntityType::Method,
                    name: "ZorVex".into(),
                },
            ])
            .unwrap_or_else(|e| panic!("corpus extractor: {e}"));
        let cases: &[(&str, &str, &str, FoundBy, bool)] = &[
            (
                "FernWick: Unified Perception",
                "We study perception.",
                "FernWick",
                FoundBy::TitleName,
                true,
            ),
            (
                "A test",
                "We propose ZorVex, a training recipe.",
                "ZorVex",
                FoundBy::Proposal,
                false,
            ),
            (
                "A test",
                "We compare with ZorVex on images.",
                "ZorVex",
                FoundBy::Corpus,
                false,
            ),
        ];
        for &(title, text, name, found_by, guessed) in cases {
            let paper = Paper {
                id: PaperId::Local("t".into()),
                title: title.into(),
                abstract_text: text.into(),
                ..Paper::default()
            };
            let entities = corpus.extract(&paper).entities;
            let found = entities
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("no entity {name} in {entities:#?}"));
            assert_eq!(found.found_by, found_by, "{text:?}: {found:#?}");
            let expected = if guessed {
                found_by.guessed_confidence()
            } else {
                found_by.confidence()
            };
            assert_eq!(found.confidence, expected, "{text:?}: {found:#?}");
        }
    }

    /// One type per introduced name: the title's stated reading wins over the abstract's
    /// guess; a CamelCase piece names a model only when written like one ("Evo" in "EvoQuix"
    /// is a prefix, "SAM" in "ZorbSAM" is the model).
    #[test]
    fn an_introduced_name_has_one_type() {
        let cases: &[(&str, &str, &str, EntityType)] = &[
            (
                "QBF-ZL: Safety Filtering Reinforcement Learning in Training",
                "This paper proposes QBF-ZL, a framework for blorps. QBF-ZL works.",
                "QBF-ZL",
                EntityType::Method,
            ),
            (
                "EvoQuix: Evolutionary Quix Code Generation",
                "We present EvoQuix, a method for generating quix.",
                "EvoQuix",
                EntityType::Method,
            ),
            // What follows "via" is how the thing is made, not what it is.
            (
                "QuixDiff: End-to-end Zorb Nowcasting via Blorp Distillation",
                "We study zorbs.",
                "QuixDiff",
                EntityType::Model,
            ),
            (
                "QuixDiff: End-to-end Zorb Distillation for Blorps",
                "We study zorbs.",
                "QuixDiff",
                EntityType::Method,
            ),
            // A lower-case initial with a capital inside is a coined title name.
            (
                "zi-Quix: Few-Step Blorp Generation via Zorb Distillation",
                "We study zorbs.",
                "zi-Quix",
                EntityType::Model,
            ),
            (
                "ZorbSAM: Blorp Segmentation Everywhere",
                "We present ZorbSAM, a method for blorp segmentation.",
                "ZorbSAM",
                EntityType::Model,
            ),
        ];
        for &(title, text, name, want) in cases {
            let got = entity(title, text, name);
            assert_eq!(got.entity_type, want, "{title:?}: {got:#?}");
        }
    }
    /// A paper's own title name that a bulk source holds as another type is the paper's own
    /// thing, in the title and the abstract; a curated entry, or a bulk entry of the type the
    /// text says, keeps it.
    #[test]
    fn a_papers_own_title_name_outweighs_a_bulk_entry_of_another_type() {
        use EntityType::{Dataset, Method, Model};
        let extractor = crate::extract::testing::invented_with(
            &[
                ("dataset.txt", "Quorbel\n"),
                ("sources/bulk/dataset.txt", "ZORBIT\nBLIXA\n"),
                ("sources/bulk/model.txt", "GLOMP\n"),
            ],
            true,
        );
        let cases: &[(&str, &str, &str, EntityType)] = &[
            // Nothing says what it is: the likeliest type, not the bulk dataset.
            (
                "ZORBIT: Hybrid Zorbing with Blorp Predictions",
                "We propose ZORBIT: a planner. Results show that ZORBIT works.",
                "ZORBIT",
                Model,
            ),
            // The abstract says a method.
            (
                "BLIXA: Frobnic Transfer for Glimmer",
                "We present BLIXA, a novel training procedure. BLIXA is fast.",
                "BLIXA",
                Method,
            ),
            // A bulk entry of the type the text says keeps its entry.
            (
                "GLOMP: A Zorb Model for Blorps",
                "We propose GLOMP, a new model.",
                "GLOMP",
                Model,
            ),
            // A curated entry stays authoritative.
            (
                "Quorbel: Hybrid Zorbing with Blorp Predictions",
                "We propose Quorbel. Quorbel works.",
                "Quorbel",
                Dataset,
            ),
        ];
        for &(title, abstract_text, name, want) in cases {
            let paper = Paper {
                id: PaperId::Local("t".into()),
                title: title.into(),
                abstract_text: abstract_text.into(),
                ..Paper::default()
            };
            let entities = extractor.extract(&paper).entities;
            let named: Vec<&Entity> = entities.iter().filter(|e| e.name == name).collect();
            assert_eq!(named.len(), 1, "{title}: one {name} in {entities:#?}");
            assert_eq!(named[0].entity_type, want, "{title}: {:#?}", named[0]);
            assert!(named[0].introduced, "{title}: {:#?}", named[0]);
            let in_abstract = named[0]
                .mentions
                .iter()
                .filter(|m| m.field == crate::extract::Field::Abstract)
                .count();
            assert_eq!(in_abstract, abstract_text.matches(name).count(), "{title}");
        }
    }
}

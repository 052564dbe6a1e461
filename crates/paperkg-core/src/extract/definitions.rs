//! Local acronym definitions ("Sharpness-Aware Minimization (SAM)"): what each defined short
//! form means in this paper (a dictionary entry, a new typed name, or nothing), and how that
//! meaning replaces the dictionary's reading of every use of the short form.

use super::acronyms::{self, AcronymDef};
use super::boundary::word_occurrences;
use super::candidates::{Candidate, Target};
use super::{heads, Extractor, Field, FoundBy};
use crate::dictionary::{Dictionary, EntityType, Entry, EntryId, Words};

/// What a locally defined short form means in this paper.
#[derive(Clone, Debug)]
pub(crate) enum Meaning {
    /// A dictionary entry (the long form is one of its aliases).
    Entry(EntryId),
    /// A dictionary entry that lists the short form but no long form, which the long form
    /// fits by its head noun: "Diffusion Transformer (DiT)" is the dictionary's DiT. The long
    /// form is a mention of it too.
    Spelled(EntryId),
    /// A new name typed by its head noun.
    Named(EntityType, String),
    /// A generic class or an unknown phrase: the short form is no entity here.
    Nothing,
}

/// A local definition with its resolved meaning.
#[derive(Clone, Debug)]
pub(crate) struct LocalDef {
    pub(crate) field: Field,
    pub(crate) def: AcronymDef,
    pub(crate) meaning: Meaning,
}

/// Appends the acronym definitions of one field, each with what it means in this paper.
pub(crate) fn local_definitions(
    extractor: &Extractor,
    field: Field,
    text: &str,
    title: &str,
    out: &mut Vec<LocalDef>,
) {
    for def in acronyms::find_definitions(text) {
        let mut meaning = meaning_of(extractor, &def);
        // A short form that the title names is left to the title's rule, which reads the
        // rest of the title.
        let in_title = !word_occurrences(title, &def.short).is_empty();
        if let Some(retyped) = task_name_by_follower(extractor, text, &def, &meaning) {
            meaning = retyped;
        }
        if matches!(meaning, Meaning::Nothing) && component_after(extractor, text, &def) {
            meaning = Meaning::Named(EntityType::Method, def.long.trim().to_string());
        }
        if matches!(meaning, Meaning::Nothing) && !in_title && proposed_name(extractor, text, &def)
        {
            let long = def.long.trim();
            // A gerund or an -ation head names a procedure ("Perception-Time Scaling",
            // "Gated Sparsification"), and so does one that opens the long form before a
            // preposition ("Reasoning with Simulations"); else a model.
            let head = long.rsplit(' ').next().unwrap_or(long);
            let opener = long
                .split_once(' ')
                .filter(|(_, rest)| {
                    rest.split(' ').next().is_some_and(|w| {
                        extractor.dictionary().lexicon().has(Words::Prepositions, w)
                    })
                })
                .map(|(first, _)| first);
            let procedure = |w: &str| w.ends_with("ing") || w.ends_with("tion");
            let entity_type = if procedure(head) || opener.is_some_and(procedure) {
                EntityType::Method
            } else {
                EntityType::Model
            };
            meaning = Meaning::Named(entity_type, long.to_string());
        }
        if class_of_models(extractor, text, &def, &meaning) {
            // The class keeps the dictionary's reading of its short form, if any.
            let dictionary = extractor.dictionary();
            let reading = dictionary.by_alias(&def.short).iter().copied().find(|&id| {
                matches!(
                    dictionary.entry(id).entity_type,
                    EntityType::Model | EntityType::Method
                )
            });
            meaning = reading.map_or(Meaning::Nothing, Meaning::Entry);
        }
        out.push(LocalDef {
            field,
            def,
            meaning,
        });
    }
}

/// Whether a model definition written in the plural on both sides ("Feed-Zorb Networks
/// (FZNs)", "Video Blorp Models (VideoBMs)") names a class of models rather than one model:
/// so unless the paper proposes or names it ("what we term Quixel Autoencoders (QAEs)").
fn class_of_models(extractor: &Extractor, text: &str, def: &AcronymDef, meaning: &Meaning) -> bool {
    if !matches!(meaning, Meaning::Named(EntityType::Model, _)) {
        return false;
    }
    let lexicon = extractor.dictionary().lexicon();
    let written_short = text
        .get(def.short_span.0..def.short_span.1)
        .unwrap_or_default();
    let long = def.long.trim();
    let plural_long = long.ends_with('s') && !long.ends_with("ss");
    let plural_short = written_short.len() > def.short.len();
    let before = text.get(..def.long_span.0).unwrap_or_default();
    let named_here = before.split_whitespace().next_back().is_some_and(|w| {
        lexicon.has_lower(Words::NamingVerbs, w) || lexicon.has_lower(Words::NamingWords, w)
    }) || extractor.patterns().proposed_before.is_match(before);
    plural_long && plural_short && !named_here
}

/// Whether a definition whose long form has no telling head is still a name the paper
/// proposes: "We propose Blorp-Guided Zorb Sampling (BGZS)". Its long form is written like a
/// name (capitalised words) and no generic class; its type is not said, so the likeliest:
/// a method when the head is a gerund or an -ation noun ("Quix Scaling"), else a model.
fn proposed_name(extractor: &Extractor, text: &str, def: &AcronymDef) -> bool {
    let long = def.long.trim();
    let capitalised = long
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let before = text.get(..def.long_span.0).unwrap_or_default();
    // Lower-case prepositions may join the words ("Reasoning with Simulations").
    let joined = long
        .split_whitespace()
        .filter(|w| !w.starts_with(char::is_uppercase))
        .all(|w| extractor.dictionary().lexicon().has(Words::Prepositions, w));
    capitalised >= 2
        && long.starts_with(char::is_uppercase)
        && joined
        && !is_generic_phrase(extractor.dictionary(), long)
        && extractor.patterns().proposed_before.is_match(before)
}

/// Whether a definition whose long form has no telling head is a named part of the paper's
/// method: a component noun follows it ("Contextual Layout Anchoring (CLA) mechanism",
/// "Structural Fidelity Enhancement Block (SFEB), a module that ..."), and its long form is
/// written like a name (two or more capitalised words; short lower-case function words
/// between them are allowed: "Contrastive Learning with Memory Bank (CMB) module").
fn component_after(extractor: &Extractor, text: &str, def: &AcronymDef) -> bool {
    let lexicon = extractor.dictionary().lexicon();
    let long = def.long.trim();
    let words: Vec<&str> = long.split_whitespace().collect();
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let name_like = capitalised >= 2
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase) || lexicon.has(Words::Prepositions, w) || *w == "and"
        });
    if !name_like || is_generic_phrase(extractor.dictionary(), long) {
        return false;
    }
    let after = text.get(def.short_span.1..).unwrap_or_default();
    let after = after.strip_prefix(')').unwrap_or(after);
    let mut next = after
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .skip_while(|w| matches!(*w, "a" | "an"));
    next.next()
        .is_some_and(|w| lexicon.has(Words::ComponentNouns, w.trim_end_matches(['.', ';', ':'])))
}

/// The first word after a definition's short form and its closing parenthesis, trimmed of
/// sentence punctuation ("dataset" in "... (VAAR) dataset, is ...").
fn word_after_short<'a>(text: &'a str, def: &AcronymDef) -> Option<&'a str> {
    let after = text.get(def.short_span.1..).unwrap_or_default();
    let after = after.strip_prefix(')').unwrap_or(after);
    after
        .split(|c: char| c.is_whitespace() || c == ',')
        .find(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['.', ';', ':']))
}

/// A new task name written like a name (capitalised words) that the next noun calls a
/// collection or a part of a method is no task: "Zorb-Audio Anomaly Recognition (ZAAR)
/// dataset" names a dataset, "Global-Local Zorb Detection (GLZD) framework" and "Blorp Mask
/// Segmentation (BMS) module" name methods. A task in the dictionary keeps its reading
/// ("Visual Question Answering (VQA) benchmarks").
fn task_name_by_follower(
    extractor: &Extractor,
    text: &str,
    def: &AcronymDef,
    meaning: &Meaning,
) -> Option<Meaning> {
    let Meaning::Named(EntityType::Task, long) = meaning else {
        return None;
    };
    let capitalised = long
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    if capitalised < 2 || !long.starts_with(char::is_uppercase) {
        return None;
    }
    let lexicon = extractor.dictionary().lexicon();
    let next = word_after_short(text, def)?.to_lowercase();
    // A dataset goes by its short form ("ZAAR"), as datasets are cited.
    if lexicon.has(Words::CollectionNouns, &next) {
        Some(Meaning::Named(EntityType::Dataset, def.short.clone()))
    } else if lexicon.has(Words::ComponentNouns, &next) || lexicon.has(Words::VagueHeads, &next) {
        Some(Meaning::Named(EntityType::Method, long.clone()))
    } else {
        None
    }
}

/// Resolves what a definition's long form means: a dictionary entry, a new typed name, or
/// nothing (a generic class, or a phrase with no telling head noun).
fn meaning_of(extractor: &Extractor, def: &AcronymDef) -> Meaning {
    let dictionary = extractor.dictionary();
    let long = def.long.trim();
    if is_generic_phrase(dictionary, long) || dictionary.lexicon().is_venue(&def.short) {
        return Meaning::Nothing;
    }
    for form in [long, singular(long)] {
        if let Some(&id) = dictionary.by_alias(form).first() {
            let ids = dictionary.by_alias(form);
            let id = dictionary
                .ambiguous_default(form)
                .filter(|_| ids.len() > 1)
                .unwrap_or(id);
            return Meaning::Entry(id);
        }
    }
    if let Some(&id) = dictionary
        .by_alias(&def.short)
        .iter()
        .find(|&&id| long_form_agrees(&dictionary.entry(id).aliases, long))
    {
        return Meaning::Entry(id);
    }
    let long_type = heads::type_of_long_form(dictionary.lexicon(), long);
    if let Some(&id) = dictionary
        .by_alias(&def.short)
        .iter()
        .find(|&&id| spelled_out_by(dictionary.entry(id), &def.short, long_type))
    {
        return Meaning::Spelled(id);
    }
    // A vague head ("... System", "... Framework") says nothing by itself: the long form is
    // a name only where the paper proposes it (read by `local_definitions`).
    let head = long.rsplit(' ').next().unwrap_or(long);
    if dictionary
        .lexicon()
        .has_lower(Words::VagueHeads, singular(head))
    {
        return Meaning::Nothing;
    }
    let name_like = long.chars().next().is_some_and(char::is_uppercase)
        && long
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            >= 2;
    match long_type {
        Some(EntityType::Model) if !name_like => Meaning::Nothing,
        Some(t) => Meaning::Named(t, long.to_string()),
        None => Meaning::Nothing,
    }
}

/// Whether a long form is a generic class, also after modifiers that do not make it a name:
/// "Pretrained Foundation Models (PFMs)" is as generic as "foundation models".
fn is_generic_phrase(dictionary: &Dictionary, long: &str) -> bool {
    let mut phrase = long;
    loop {
        if dictionary.is_generic(phrase) || dictionary.is_generic(singular(phrase)) {
            return true;
        }
        match phrase.split_once(' ') {
            Some((first, rest))
                if dictionary
                    .lexicon()
                    .has_lower(Words::GenericModifiers, first) =>
            {
                phrase = rest;
            }
            _ => return false,
        }
    }
}

/// Whether a long form typed `long_type` spells out an entry that has the short form, as
/// written, as an alias ("LENet" is not "LeNet"): the entry lists no long form of its own (no
/// alias of several words) and is of the type the long form's head noun gives. An entry with long forms must agree with one of them
/// ([`long_form_agrees`]): "Sharpness-Aware Minimization (SAM)" is not the Segment Anything
/// Model.
fn spelled_out_by(entry: &Entry, short: &str, long_type: Option<EntityType>) -> bool {
    let written = entry
        .aliases
        .iter()
        .any(|a| a.text == short || (!a.case_sensitive && a.text.eq_ignore_ascii_case(short)));
    written
        && !entry.aliases.iter().any(|a| a.text.contains(' '))
        && long_type == Some(entry.entity_type)
}

/// A long form agrees with an entry when it shares its first word with one of the entry's
/// multi-word aliases ("Vision Transformer" for ViT).
fn long_form_agrees(aliases: &[crate::dictionary::Alias], long: &str) -> bool {
    let first = long
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    aliases.iter().any(|a| {
        a.text.contains(' ')
            && a.text
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_lowercase()
                == first
    })
}

fn singular(phrase: &str) -> &str {
    phrase
        .strip_suffix("es")
        .filter(|p| p.ends_with("ss") || p.ends_with('x'))
        .or_else(|| phrase.strip_suffix('s').filter(|p| !p.ends_with('s')))
        .unwrap_or(phrase)
}

/// A local definition beats the dictionary: every use of the short form in this paper takes
/// the local meaning, and dictionary hits inside a new long form are dropped.
pub(crate) fn apply_local_definitions(
    fields: &[(Field, &str); 2],
    defs: &[LocalDef],
    candidates: &mut Vec<Candidate>,
) {
    for local in defs {
        let short = local.def.short.as_str();
        let (long_start, long_end) = local.def.long_span;
        candidates.retain(|c| {
            let inside_long = c.field == local.field && c.start >= long_start && c.end <= long_end;
            let is_short = matches!(c.target, Target::Entries(_) | Target::Variant { .. })
                && short_form_quote(fields, c) == Some(short);
            let replaced_long = inside_long && !matches!(local.meaning, Meaning::Entry(_));
            !(is_short || replaced_long)
        });
        let target = match &local.meaning {
            Meaning::Entry(id) | Meaning::Spelled(id) => Target::Entries(vec![*id]),
            Meaning::Named(t, name) => Target::Named {
                entity_type: *t,
                name: name.clone(),
                derived_from: None,
            },
            Meaning::Nothing => continue,
        };
        let evidence = format!("defined as \"{} ({})\"", local.def.long, local.def.short);
        let mut push = |field, start, end| {
            candidates.push(Candidate {
                field,
                start,
                end,
                target: target.clone(),
                found_by: FoundBy::Acronym,
                confidence: if matches!(local.meaning, Meaning::Entry(_)) {
                    FoundBy::CONFIRMED_DEFINITION
                } else {
                    FoundBy::Acronym.confidence()
                },
                introduced: false,
                evidence: evidence.clone(),
            });
        };
        if matches!(local.meaning, Meaning::Named(..) | Meaning::Spelled(_)) {
            push(local.field, long_start, long_end);
        }
        for &(field, text) in fields {
            for (start, end) in word_occurrences(text, short) {
                push(field, start, end);
            }
        }
    }
}

/// After discovery, a defined long form that no meaning was given names what its short form
/// names: "Frequency Zorb-RWKV (FZ-RWKV)" in a paper titled "FZ-RWKV: ..." is a mention of the
/// title's FZ-RWKV, not a "Zorb-RWKV" nor a phrase of its own. A model-like piece inside any
/// defined long form is no name of its own either.
pub(crate) fn settle_long_forms_after_discovery(
    fields: &[(Field, &str); 2],
    defs: &[LocalDef],
    candidates: &mut Vec<Candidate>,
) {
    candidates.retain(|c| {
        !(matches!(c.found_by, FoundBy::ModelLike)
            && defs.iter().any(|local| {
                let (start, end) = local.def.long_span;
                c.field == local.field
                    && c.start >= start
                    && c.end <= end
                    && (c.start, c.end) != (start, end)
            }))
    });
    for local in defs {
        if !matches!(local.meaning, Meaning::Nothing) {
            continue;
        }
        let named = candidates
            .iter()
            .find(|c| {
                c.introduced
                    && matches!(&c.target, Target::Named { name, .. } if *name == local.def.short)
            })
            .cloned();
        let Some(named) = named else { continue };
        // Every use of the long form, the title's included, is a mention of the name.
        for &(field, text) in fields {
            for (start, end) in word_occurrences(text, local.def.long.trim()) {
                mention_long_form(&named, local, (field, start, end), candidates);
            }
        }
    }
}

/// Adds one use of a long form as a mention of the name it defines, unless another candidate
/// crosses its edges; the pieces inside it ("Adapter" in "Zorb Adapter") are its words.
fn mention_long_form(
    named: &Candidate,
    local: &LocalDef,
    (field, start, end): (Field, usize, usize),
    candidates: &mut Vec<Candidate>,
) {
    let inside = |c: &Candidate| c.field == field && c.start >= start && c.end <= end;
    let crossing = candidates
        .iter()
        .any(|c| c.field == field && start < c.end && c.start < end && !inside(c));
    if crossing {
        return;
    }
    candidates.retain(|c| !inside(c));
    let mut long = named.clone();
    long.field = field;
    long.start = start;
    long.end = end;
    long.evidence = format!(
        "{}; defined as \"{} ({})\"",
        named.evidence, local.def.long, local.def.short
    );
    candidates.push(long);
}

/// The quote of a dictionary candidate with a plural `s` or possessive removed.
fn short_form_quote<'a>(fields: &[(Field, &'a str); 2], c: &Candidate) -> Option<&'a str> {
    let text = fields.iter().find(|(f, _)| *f == c.field)?.1;
    let quote = text.get(c.start..c.end)?;
    let quote = quote
        .strip_suffix("'s")
        .or_else(|| {
            quote
                .strip_suffix('s')
                .filter(|q| q.ends_with(|ch: char| ch.is_uppercase()))
        })
        .unwrap_or(quote);
    Some(quote)
}

#[cfg(test)]
mod tests {
    use crate::dictionary::EntityType;
    use crate::extract::{Entity, Extractor};
    use std::sync::LazyLock;

    /// Invented entries: "ZoT" lists no long form; "QRN" lists one.
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let files = [
            (
                "model.txt",
                "ZoT | ZoTs\nQRN | Quantized Recurrent Network\n",
            ),
            ("method.txt", "dropout\n"),
        ];
        crate::extract::testing::invented(&files)
    });

    fn entities(text: &str) -> Vec<Entity> {
        let paper = crate::extract::testing::paper(text);
        EXTRACTOR.extract(&paper).entities
    }

    /// A local definition is the dictionary's entity when its long form fits it, and a new
    /// local entity when the long form says something else.
    #[test]
    fn a_definition_resolves_to_the_dictionary_entity_its_long_form_fits() {
        // (text, short form, expected entity id, mentions the entity has)
        let cases: &[(&str, &str, &str, &[&str])] = &[
            (
                "We scale the Zonal Optical Transformer (ZoT) and train ZoT longer.",
                "ZoT",
                "model/zot",
                &["Zonal Optical Transformer", "ZoT", "ZoT"],
            ),
            (
                "We apply Zero-order Tuning (ZoT) to ZoT.",
                "ZoT",
                "method/zeroordertuning",
                &["Zero-order Tuning", "ZoT", "ZoT"],
            ),
            (
                "A Quick Residual Network (QRN) beats QRN baselines.",
                "QRN",
                "model/quickresidualnetwork",
                &["Quick Residual Network", "QRN", "QRN"],
            ),
            (
                "We design the Zippy Open Transformer (ZOT) for speed.",
                "ZOT",
                "model/zippyopentransformer",
                &["Zippy Open Transformer", "ZOT"],
            ),
            (
                "A Quantized Recurrent Network (QRN) is small.",
                "QRN",
                "model/qrn",
                &["Quantized Recurrent Network", "QRN"],
            ),
        ];
        for &(text, short, id, mentions) in cases {
            let found = entities(text);
            let with_short: Vec<&Entity> = found
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.text == short))
                .collect();
            let [entity] = with_short[..] else {
                panic!("{text:?}: not one entity for {short}: {found:#?}");
            };
            assert_eq!(entity.id.to_string(), id, "{text:?}: {entity:#?}");
            let quotes: Vec<&str> = entity.mentions.iter().map(|m| m.text.as_str()).collect();
            assert_eq!(quotes, mentions, "{text:?}");
        }
        let zot = &entities("We scale the Zonal Optical Transformer (ZoT).")[0];
        assert_eq!(zot.entity_type, EntityType::Model);
        assert_eq!(zot.name, "ZoT");
    }

    /// A long form with no telling head is a name when the paper proposes it; elsewhere it
    /// stays nothing.
    #[test]
    fn a_proposed_long_form_without_a_telling_head_is_a_name() {
        let cases: &[(&str, Option<(&str, EntityType)>)] = &[
            (
                "We propose Blorp-Guided Zorb Diffusion (BGZD), which works.",
                Some(("Blorp-Guided Zorb Diffusion", EntityType::Model)),
            ),
            (
                "We solve this by introducing a novel Quix Flange Diffusion (QFD) here.",
                Some(("Quix Flange Diffusion", EntityType::Model)),
            ),
            (
                "We propose Blorp-Time Zorbing (BTZ), a paradigm.",
                Some(("Blorp-Time Zorbing", EntityType::Method)),
            ),
            (
                "We propose Gated Zorb Sparsification (GZS) here.",
                Some(("Gated Zorb Sparsification", EntityType::Method)),
            ),
            // A gerund that opens the long form before a preposition names a procedure.
            (
                "We introduce Zorbing with Blorps (ZwB), which trains it.",
                Some(("Zorbing with Blorps", EntityType::Method)),
            ),
            // A component noun after the definition makes a named part of the method.
            (
                "It adds a Quix Layout Anchoring (QLA) mechanism to it.",
                Some(("Quix Layout Anchoring", EntityType::Method)),
            ),
            (
                "(2) Quix Fidelity Booster Blob (QFBB), a module that fuses.",
                Some(("Quix Fidelity Booster Blob", EntityType::Method)),
            ),
            // Not proposed, or not written like a name: nothing.
            (
                "Prior work used Blorp-Guided Zorb Diffusion (BGZD) here.",
                None,
            ),
            (
                "We propose blorp-guided zorb diffusion (BGZD), which works.",
                None,
            ),
        ];
        for &(text, want) in cases {
            let got: Vec<(String, EntityType)> = entities(text)
                .into_iter()
                .map(|e| (e.name, e.entity_type))
                .collect();
            let want: Vec<(String, EntityType)> =
                want.iter().map(|&(n, t)| (n.to_string(), t)).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// A new task name that the next noun calls a collection or a part of a method is a
    /// dataset or a method; a task phrase followed by anything else stays a task.
    #[test]
    fn a_task_long_form_followed_by_a_collection_or_component_noun_is_retyped() {
        let cases: &[(&str, &str, EntityType)] = &[
            (
                "A novel Zorb-Audio Anomaly Recognition (ZAAR) dataset, is also introduced.",
                "ZAAR",
                EntityType::Dataset,
            ),
            (
                "We hold the Large-scale Blorp Object Segmentation (LBOS) Challenge again.",
                "LBOS",
                EntityType::Dataset,
            ),
            (
                "We present a Global-Local Zorb Detection (GLZD) framework. It works.",
                "Global-Local Zorb Detection",
                EntityType::Method,
            ),
            (
                "It adds a Quix Mask Segmentation (QMS) module to the decoder.",
                "Quix Mask Segmentation",
                EntityType::Method,
            ),
            // Any other follower, or a lower-case long form, leaves the task.
            (
                "Zorb Anomaly Recognition (ZAR) remains hard for models.",
                "Zorb Anomaly Recognition",
                EntityType::Task,
            ),
            (
                "Existing zorb anomaly recognition (ZAR) datasets are small.",
                "zorb anomaly recognition",
                EntityType::Task,
            ),
        ];
        for &(text, name, entity_type) in cases {
            let found = entities(text);
            let Some(entity) = found.iter().find(|e| e.name == name) else {
                panic!("{text:?}: no {name}: {found:#?}");
            };
            assert_eq!(entity.entity_type, entity_type, "{text:?}: {entity:#?}");
        }
    }

    /// A long form whose head is a plural model noun names a model; a model-like piece
    /// inside a defined long form is no name of its own.
    #[test]
    fn long_forms_name_one_thing() {
        /// (title, abstract, the model and method entities expected)
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, EntityType)]);
        let cases: &[Case] = &[
            (
                "Zorbing with Blorps",
                "We build what we term Quixel Autoencoders (QAEs). QAE works.",
                &[("Quixel Autoencoders", EntityType::Model)],
            ),
            // A vague head says nothing unless the paper proposes the name.
            (
                "Zorbing with Blorps",
                "Data from the Automatic Zorb Identification System (AZIS) helps.",
                &[],
            ),
            (
                "Zorbing with Blorps",
                "We propose Automatic Zorb Identification System (AZIS), which helps.",
                &[("Automatic Zorb Identification System", EntityType::Model)],
            ),
            // The title's use of the long form is a mention of the name too.
            (
                "ZQ-BA: Zorb Quix Blorp Alignment for Robots",
                "We introduce Zorb Quix Blorp Alignment (ZQ-BA), a method that aligns.",
                &[("Zorb Quix Blorp Alignment", EntityType::Method)],
            ),
            (
                "ZQ-BM: Zorb Quix Blorp Memory for Robot Navigation",
                "We introduce Zorb Quix Blorp Memory for Robot Navigation (ZQ-BM), which helps.",
                &[("ZQ-BM", EntityType::Model)],
            ),
            // Plural on both sides and not named by the paper: a class of models.
            (
                "Zorbing with Blorps",
                "Video Blorp Language Models (VideoBLMs) lag. VideoBLMs fail.",
                &[],
            ),
            (
                "Zorbing with Blorps",
                "The Quixel Blorp Network (QBN) lags.",
                &[("Quixel Blorp Network", EntityType::Model)],
            ),
            (
                "ZQ-RWKV: Zorbing with Blorps",
                "We propose Zorbic Quixel-RWKV (ZQ-RWKV), which works.",
                &[("ZQ-RWKV", EntityType::Model)],
            ),
            // The long form is a mention of the title's name, not a phrase of its own.
            (
                "ZQ-HBAdapter: Zorbing for Large Language Models",
                "Tests validate our Zorb Quix Hyperblorp Adapter (ZQ-HBAdapter), showing gains.",
                &[("ZQ-HBAdapter", EntityType::Method)],
            ),
        ];
        for &(title, text, want) in cases {
            let paper = crate::corpus::Paper {
                id: crate::corpus::PaperId::Local("t".into()),
                title: title.into(),
                abstract_text: text.into(),
                ..crate::corpus::Paper::default()
            };
            let entities = crate::extract::testing::BUILTIN.extract(&paper).entities;
            if let Some(long) = text
                .split(" (")
                .next()
                .and_then(|t| t.rsplit(" our ").next())
            {
                let quoted = entities
                    .iter()
                    .any(|e| e.mentions.iter().any(|m| m.text == long));
                assert!(!text.contains(" our ") || quoted, "{text:?}: {entities:#?}");
            }
            let got: Vec<(String, EntityType)> = entities
                .into_iter()
                .filter(|e| matches!(e.entity_type, EntityType::Model | EntityType::Method))
                .map(|e| (e.name, e.entity_type))
                .collect();
            let want: Vec<(String, EntityType)> =
                want.iter().map(|&(n, t)| (n.to_string(), t)).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // The title's long form is the name's mention, not a task or phrase of its own.
        let paper = crate::corpus::Paper {
            id: crate::corpus::PaperId::Local("t".into()),
            title: "ZQ-BM: Zorb Quix Blorp Memory for Robot Navigation".into(),
            abstract_text: "We introduce Zorb Quix Blorp Memory for Robot Navigation (ZQ-BM)."
                .into(),
            ..crate::corpus::Paper::default()
        };
        let entities = crate::extract::testing::BUILTIN.extract(&paper).entities;
        let in_title: Vec<&str> = entities
            .iter()
            .filter(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.field == crate::extract::Field::Title)
            })
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(in_title, ["ZQ-BM"], "{entities:#?}");
    }

    /// A proposed short form that the title names is left to the title's rule.
    #[test]
    fn a_proposed_short_form_in_the_title_is_the_title_name() {
        let paper = crate::corpus::Paper {
            id: crate::corpus::PaperId::Local("t".into()),
            title: "BGZD: Faster Zorbs".into(),
            abstract_text: "We propose Blorp-Guided Zorb Diffusion (BGZD), which works.".into(),
            ..crate::corpus::Paper::default()
        };
        let names: Vec<String> = crate::extract::testing::BUILTIN
            .extract(&paper)
            .entities
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["BGZD"], "{paper:?}");
    }
}

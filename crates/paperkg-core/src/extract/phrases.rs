//! Task and method phrases that no dictionary holds, recognised by their head noun: "few-shot
//! view synthesis" is a task because it ends in "synthesis", "attention distillation" a method
//! because it ends in "distillation".
//!
//! From each head noun the phrase grows leftwards over at most three modifiers and stops at a
//! function word, a verb, an evaluative adjective ("efficient", "novel"), a capitalised word
//! inside a sentence, or a word that is itself a head. The word lists live in
//! `dictionaries/lexicon/` (see the header of each file). "image and video segmentation"
//! also gives "image segmentation". A method phrase is kept only when the paper repeats it
//! or puts it in its title: single mentions are mostly the paper's own unnamed steps
//! ("a constrained optimization approach").

use super::candidates::{Candidate, Target};
use super::{Extractor, Field, FoundBy};
use crate::dictionary::{EntityType, EntryId, Lexicon, Words};
use std::collections::HashMap;

/// At most this many modifiers before a head noun.
const MAX_MODIFIERS: usize = 3;

/// One word of a field with its byte span.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// A task or method phrase found in one field.
#[derive(Clone, Debug, PartialEq)]
struct Phrase {
    entity_type: EntityType,
    start: usize,
    end: usize,
    name: String,
    found_by: FoundBy,
    /// Whether a task context word or a comma comes just before it ("for X", ", X"), or
    /// "task(s)" just after it ("X tasks").
    in_context: bool,
    /// Whether the text names it as a task: "task(s)" after it, or a list opener before it
    /// (", X", "including X", "such as X").
    listed: bool,
    /// Whether its head is a title-only head ("reasoning"): kept only in the title or listed.
    title_only: bool,
}

/// Adds the task and method phrases of both fields that overlap no earlier candidate, after
/// widening dictionary tasks over the modifiers before them.
pub(crate) fn head_phrases(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut Vec<Candidate>,
) {
    let lexicon = extractor.dictionary().lexicon();
    drop_paradigms_used_as_means(extractor, fields, out);
    // Each field is split into words once, for the widening and the phrases.
    let words = fields.map(|(_, text)| words(text));
    widen_dictionary_hits(extractor, fields, &words, out);
    let mut found: Vec<(Field, Phrase)> = Vec::new();
    for (&(field, text), words) in fields.iter().zip(&words) {
        for phrase in phrases_in(lexicon, text, words, field == Field::Title) {
            let generic = extractor.dictionary().is_generic(&phrase.name);
            let clash = out
                .iter()
                .any(|c| c.field == field && phrase.start < c.end && c.start < phrase.end)
                || found
                    .iter()
                    .any(|(f, p)| *f == field && phrase.start < p.end && p.start < phrase.end);
            if !generic && !clash {
                found.push((field, phrase));
            }
        }
    }
    out.extend(confirmed_phrases(found));
    settle_wider_names_onto_their_acronym(extractor, fields, out);
}

/// A task name written just before an acronym that the paper defines for a narrower task
/// ("semi-supervised video anomaly detection (VAD)", where VAD is "video anomaly detection")
/// is one more way of naming that task: the acronym's initials say which words its name
/// covers, and the extra modifiers ("semi-supervised") are the setting. Every candidate of the
/// wider name, the title's included, becomes a mention of the defined task.
fn settle_wider_names_onto_their_acronym(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut [Candidate],
) {
    let mut settled: Vec<(Target, Target)> = Vec::new();
    for c in out.iter() {
        let Some(text) = fields.iter().find(|(f, _)| *f == c.field).map(|(_, t)| *t) else {
            continue;
        };
        // A task the dictionary knows as written names its own task ("safe reinforcement
        // learning (RL)" stays safe RL).
        let new_task = matches!(
            c.target,
            Target::Named {
                entity_type: EntityType::Task,
                ..
            }
        );
        if !new_task || !text[c.end..].starts_with(" (") {
            continue;
        }
        let acronym = out
            .iter()
            .find(|a| a.field == c.field && a.start == c.end + 2 && a.found_by == FoundBy::Acronym);
        let Some(acronym) = acronym.filter(|a| a.target != c.target) else {
            continue;
        };
        let Some(narrow) = task_name(extractor, &acronym.target) else {
            continue;
        };
        let wide = text[c.start..c.end].to_lowercase();
        let narrower = wide
            .strip_suffix(narrow.as_str())
            .is_some_and(|rest| rest.ends_with(' '));
        if narrower {
            settled.push((c.target.clone(), acronym.target.clone()));
        }
    }
    for (wide, narrow) in settled {
        for c in out.iter_mut().filter(|c| c.target == wide) {
            c.target = narrow.clone();
            c.evidence = format!("{}; a wider name of the defined task", c.evidence);
        }
    }
}

/// The lower-case name of a task target: a task entry's canonical name or a new task name.
fn task_name(extractor: &Extractor, target: &Target) -> Option<String> {
    match target {
        Target::Entries(ids) => {
            let entry = extractor.dictionary().entry(*ids.first()?);
            (entry.entity_type == EntityType::Task).then(|| entry.canonical.to_lowercase())
        }
        Target::Named {
            entity_type: EntityType::Task,
            name,
            ..
        } => Some(name.to_lowercase()),
        _ => None,
    }
}

/// A learning paradigm that the abstract names once, right after a word that introduces the
/// paper's means ("optimized via reinforcement learning", "using weakly supervised
/// learning"), is how the paper trains, not a task it studies: the dictionary task is
/// dropped there. Named again anywhere in the paper (or by another alias), it stays.
fn drop_paradigms_used_as_means(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    out: &mut Vec<Candidate>,
) {
    let dictionary = extractor.dictionary();
    let lexicon = dictionary.lexicon();
    let paradigm = |c: &Candidate| match &c.target {
        Target::Entries(ids) if c.found_by == FoundBy::Dictionary && c.field == Field::Abstract => {
            let id = *ids.first()?;
            let entry = dictionary.entry(id);
            let last = entry.canonical.rsplit(' ').next().unwrap_or_default();
            (entry.entity_type == EntityType::Task
                && entry.canonical.contains(' ')
                && last.eq_ignore_ascii_case("learning"))
            .then_some(id)
        }
        _ => None,
    };
    let paradigms: Vec<(usize, EntryId)> = out
        .iter()
        .enumerate()
        .filter_map(|(i, c)| paradigm(c).map(|id| (i, id)))
        .collect();
    if paradigms.is_empty() {
        return;
    }
    let [(_, title), (_, abstract_text)] = fields;
    let paper = format!("{title}\n{abstract_text}").to_lowercase();
    let mut dropped: Vec<usize> = Vec::new();
    for (i, id) in paradigms {
        let c = &out[i];
        let alone = out.iter().enumerate().all(|(j, o)| {
            j == i || !matches!(&o.target, Target::Entries(ids) if ids.contains(&id))
        });
        let before = last_word(abstract_text[..c.start].trim_end());
        let once = paper
            .matches(&abstract_text[c.start..c.end].to_lowercase())
            .count()
            == 1;
        if alone && once && lexicon.has_lower(Words::TaskMeansCues, before) {
            dropped.push(i);
        }
    }
    for i in dropped.into_iter().rev() {
        out.remove(i);
    }
}

/// The phrases worth keeping: those the paper repeats or puts in its title, and task phrases
/// used once in a task context.
fn confirmed_phrases(mut found: Vec<(Field, Phrase)>) -> Vec<Candidate> {
    merge_narrower_names(&mut found);
    let mut uses: HashMap<String, (usize, bool)> = HashMap::new();
    for (field, phrase) in &found {
        let entry = uses.entry(phrase.name.clone()).or_default();
        entry.0 += 1;
        entry.1 |= *field == Field::Title;
    }
    let mut kept = Vec::new();
    for (field, phrase) in found {
        let (count, in_title) = uses.get(&phrase.name).copied().unwrap_or_default();
        if phrase.title_only && !in_title && !phrase.listed {
            continue;
        }
        let confirmed = count >= 2 || in_title;
        let confidence = match (confirmed, phrase.entity_type) {
            (true, _) => phrase.found_by.confidence(),
            (false, EntityType::Task) if phrase.in_context => FoundBy::CONTEXT_ONLY_PHRASE,
            _ => continue,
        };
        kept.push(candidate(field, phrase, confidence));
    }
    kept
}

/// A phrase whose name ends in another phrase's name ("multilingual document parsing",
/// "document parsing") is one more mention of that shorter task: the paper names one task two
/// ways, as with a dictionary task it also narrows (see [`widen_dictionary_hits`]).
fn merge_narrower_names(found: &mut [(Field, Phrase)]) {
    let names: Vec<String> = found.iter().map(|(_, p)| p.name.clone()).collect();
    for (_, phrase) in found.iter_mut() {
        let shorter = names.iter().find(|short| {
            short.len() < phrase.name.len()
                && phrase.name.ends_with(short.as_str())
                && phrase.name[..phrase.name.len() - short.len()].ends_with(' ')
        });
        if let Some(short) = shorter {
            phrase.name = short.clone();
        }
    }
}

fn candidate(field: Field, phrase: Phrase, confidence: f32) -> Candidate {
    let evidence = format!(
        "{} rule: head noun {:?}",
        phrase.found_by.as_str(),
        phrase.name.rsplit(' ').next().unwrap_or_default()
    );
    Candidate {
        field,
        start: phrase.start,
        end: phrase.end,
        target: Target::Named {
            entity_type: phrase.entity_type,
            name: phrase.name,
            derived_from: None,
        },
        found_by: phrase.found_by,
        confidence,
        introduced: false,
        evidence,
    }
}

/// At most this many modifiers widen a dictionary task ("open-domain visual" + "entity
/// recognition").
const MAX_WIDENING: usize = 2;

/// A dictionary task (or method) with modifiers before it that no other candidate covers
/// names a narrower task when the paper uses the wider name at least twice (title and abstract count):
/// "concealed weapon detection", "risk-aware reinforcement learning". A task phrase the paper
/// repeats is the task as the paper names it, and the gold takes that span; a modifier used
/// once ("consistent video editing", "two-stage occupancy prediction") qualifies the paper's
/// method, not its task. The widest repeated name wins. When the dictionary task also stands
/// alone in the paper, the wider phrase is one more mention of it (the paper names one task
/// two ways); otherwise it is a task of its own, with the dictionary task as its broader task.
/// A title names its task as a whole ("Open-World Object Detection"), and so does the noun
/// phrase after a preposition ("in medical image synthesis"), so there a dictionary task's
/// mention also widens over the one modifier before it when the paper does not repeat it
/// (see [`title_start`], [`after_preposition`]); the entity stays the dictionary task.
fn widen_dictionary_hits(
    extractor: &Extractor,
    fields: &[(Field, &str); 2],
    field_words: &[Vec<Word<'_>>; 2],
    out: &mut [Candidate],
) {
    let dictionary = extractor.dictionary();
    let mut paper: Option<String> = None;
    for (&(field, text), words) in fields.iter().zip(field_words) {
        for i in 0..out.len() {
            let c = &out[i];
            let entry = match &c.target {
                Target::Entries(ids) if c.field == field && c.found_by == FoundBy::Dictionary => {
                    dictionary.entry(ids[0])
                }
                _ => continue,
            };
            let found_by = match entry.entity_type {
                EntityType::Task => FoundBy::TaskHead,
                EntityType::Method => FoundBy::MethodHead,
                _ => continue,
            };
            let lexicon = dictionary.lexicon();
            let Some(widest) = widest_start(lexicon, field, text, words, c) else {
                continue;
            };
            let paper = paper
                .get_or_insert_with(|| format!("{}\n{}", fields[0].1, fields[1].1).to_lowercase());
            let repeated = repeated_start(text, words, widest, c, paper);
            let title_only = match repeated {
                Some(_) => None,
                None if found_by == FoundBy::TaskHead => title_start(lexicon, words, widest)
                    .filter(|&s| field == Field::Title || after_preposition(lexicon, &text[..s])),
                None => None,
            };
            let Some(start) = repeated.or(title_only) else {
                continue;
            };
            let covered = out
                .iter()
                .any(|o| o.field == field && o.start < c.start && start < o.end);
            let name = canonical(&text[start..c.end]);
            if covered || dictionary.is_generic(&name) {
                continue;
            }
            let wide = paper.matches(&name.to_lowercase()).count();
            let alone = title_only.is_some()
                || paper.matches(&text[c.start..c.end].to_lowercase()).count() > wide;
            let c = &mut out[i];
            c.start = start;
            if alone {
                c.evidence = format!("{}, widened over its modifiers", c.evidence);
                continue;
            }
            c.evidence = format!(
                "{} rule: {name:?} narrows {:?}",
                found_by.as_str(),
                entry.canonical
            );
            c.target = Target::Named {
                entity_type: entry.entity_type,
                name,
                derived_from: Some(entry.canonical.clone()),
            };
            c.found_by = found_by;
            c.confidence = found_by.confidence();
        }
    }
}

/// The index of the first modifier before a dictionary hit, if any word before it modifies it.
fn widest_start(
    lexicon: &Lexicon,
    field: Field,
    text: &str,
    words: &[Word<'_>],
    hit: &Candidate,
) -> Option<(usize, usize)> {
    let at = words.iter().position(|w| w.start == hit.start)?;
    let capital_ok = field == Field::Title || words[at].text.starts_with(char::is_uppercase);
    let widest = modifiers_before(lexicon, text, words, at, capital_ok, MAX_WIDENING);
    (widest < at).then_some((widest, at))
}

/// Where the widest name of `widest..at` modifiers and the hit that the paper (`paper`,
/// both fields in lower case) uses at least twice, starts.
fn repeated_start(
    text: &str,
    words: &[Word<'_>],
    (widest, at): (usize, usize),
    hit: &Candidate,
    paper: &str,
) -> Option<usize> {
    (widest..at)
        .map(|first| words[first].start)
        .find(|&start| paper.matches(&text[start..hit.end].to_lowercase()).count() >= 2)
}

/// Where a title's dictionary task widens when the paper does not repeat the wider name: over
/// the one modifier just before it ("Open-World Object Detection", "Multimodal Mathematical
/// Reasoning"), which names the task the title is about. A participle, gerund or adverb
/// ("Improved", "Scaling") says what the paper does to the task, so it does not widen.
fn title_start(
    lexicon: &Lexicon,
    words: &[Word<'_>],
    (widest, at): (usize, usize),
) -> Option<usize> {
    let modifier = words[at.checked_sub(1)?];
    let lower = modifier.text.to_lowercase();
    let inflected = !lower.contains('-') && looks_inflected(lexicon, &lower);
    (widest < at && !inflected).then_some(modifier.start)
}

/// Every head phrase of one field, in text order, with the split halves of coordinations;
/// `words` are the field's [`words`].
fn phrases_in(lexicon: &Lexicon, text: &str, words: &[Word<'_>], title: bool) -> Vec<Phrase> {
    let mut out = Vec::new();
    for (i, head) in words.iter().enumerate() {
        let Some((entity_type, found_by)) = head_type(lexicon, head.text) else {
            continue;
        };
        let capital_ok = title || head.text.starts_with(char::is_uppercase);
        let first = modifiers_before(lexicon, text, words, i, capital_ok, MAX_MODIFIERS);
        let first = match first {
            f if f < i => f,
            _ => match gerund_modifier(lexicon, text, words, i, capital_ok) {
                Some(f) => f,
                None => continue,
            },
        };
        if title && entity_type == EntityType::Task && after_means_word(lexicon, text, words[first])
        {
            continue;
        }
        let task_after = task_noun_after(&text[head.end..]);
        let title_only = lexicon.has_lower(Words::PhraseTitleTaskHeads, head.text);
        let phrase = |start: usize, end: usize, name: String, found_by: FoundBy| {
            let before = &text[..start];
            let objective = in_objective_list(lexicon, before);
            let listed = !objective && (task_after || after_list_opener(lexicon, before));
            Phrase {
                entity_type,
                start,
                end,
                name,
                found_by,
                in_context: listed || (!objective && after_task_context(lexicon, before)),
                listed,
                title_only,
            }
        };
        let start = words[first].start;
        out.push(phrase(
            start,
            head.end,
            canonical(&text[start..head.end]),
            found_by,
        ));
        if let Some(other) = coordinated(lexicon, text, words, first, i, title) {
            let name = canonical(&format!("{} {}", other.text, head.text));
            out.push(phrase(
                other.start,
                other.end,
                name,
                FoundBy::CoordinatedHead,
            ));
        }
    }
    out
}

/// Whether a phrase is an item of a list of training objectives in its sentence: "an
/// auxiliary task like contrastive zorbing, or masked blorp reconstruction", "a pretext task
/// (time regression and class prediction)". Such items are the paper's means, not tasks.
fn in_objective_list(lexicon: &Lexicon, before: &str) -> bool {
    let sentence = before.rsplit(". ").next().unwrap_or(before).to_lowercase();
    let Some((head, items)) = [" like ", " such as ", " (", " e.g. ", " e.g., "]
        .iter()
        .filter_map(|opener| sentence.rfind(opener).map(|at| (at, opener.len())))
        .max()
        .map(|(at, len)| (&sentence[..at], &sentence[at + len..]))
    else {
        return false;
    };
    let mut words = head.split_whitespace().rev();
    let noun = words.next().unwrap_or_default().trim_end_matches(',');
    let objective_noun = matches!(noun, "task" | "tasks" | "objective" | "objectives");
    objective_noun
        && !items.contains(')')
        && words
            .next()
            .is_some_and(|w| lexicon.has_lower(Words::ObjectiveTaskWords, w))
}

/// Whether the text before a phrase opens a list item: a comma, "including", "such as",
/// "e.g.".
fn after_list_opener(lexicon: &Lexicon, before: &str) -> bool {
    let before = before.trim_end();
    // The last item of a list: ", and X", ", or X".
    let item_end = [" and", " or"]
        .iter()
        .find_map(|c| before.strip_suffix(c).map(str::trim_end))
        .unwrap_or(before);
    if after_list_comma(lexicon, item_end) {
        return true;
    }
    let tail = before
        .char_indices()
        .rev()
        .nth(9)
        .map_or(before, |(i, _)| &before[i..]);
    let before = tail.to_lowercase();
    before.ends_with("including") || before.ends_with("such as") || before.ends_with("e.g.")
}

/// Whether a text ends in a comma that separates list items, not adjectives: the word before
/// the comma is no function word or evaluative adjective ("enabling consistent, scene-aware
/// reasoning" lists nothing).
fn after_list_comma(lexicon: &Lexicon, before: &str) -> bool {
    before.strip_suffix(',').is_some_and(|item| {
        let word = item.rsplit(char::is_whitespace).next().unwrap_or_default();
        !lexicon.has_lower(Words::PhraseStopwords, word)
    })
}

/// Whether a title phrase follows a word that introduces the paper's means ("via",
/// "using"): "X via Geometric Latent Rendering" names how the paper does X, not a task.
fn after_means_word(lexicon: &Lexicon, text: &str, first: Word<'_>) -> bool {
    let before = text[..first.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    lexicon.has_lower(Words::TitleMeansWords, word)
}

/// Whether the text after a phrase goes on with "task" or "tasks" ("on zorb detection tasks").
fn task_noun_after(after: &str) -> bool {
    let after = after.trim_start_matches([' ', '-']);
    let word_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    matches!(&after[..word_end], "task" | "tasks")
}

/// Whether the text before a phrase ends in a task context word or a comma.
fn after_task_context(lexicon: &Lexicon, before: &str) -> bool {
    let before = before.trim_end();
    after_list_comma(lexicon, before)
        || lexicon.has_lower(Words::TaskContextWords, last_word(before))
}

/// Whether the text before a modifier ends in a task context word that is a preposition
/// ("for", "in", "on"), so that the modifier starts the noun phrase the preposition governs:
/// "in medical image synthesis". "to" is left out, as it also opens an infinitive ("to
/// realize image denoising"), and so are conjunctions and commas.
fn after_preposition(lexicon: &Lexicon, before: &str) -> bool {
    let word = last_word(before.trim_end());
    lexicon.has_lower(Words::TaskContextWords, word)
        && lexicon.has_lower(Words::Prepositions, word)
        && !word.eq_ignore_ascii_case("to")
}

/// The last run of letters of a text (empty when it ends otherwise).
fn last_word(text: &str) -> &str {
    let word_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[word_start..]
}

/// The words of a text: letters and digits, with inner hyphens, slashes and apostrophes
/// ("3T-to-7T", "Kendall's"). A plain scan: a regex with Unicode classes costs more here.
/// ASCII bytes are classified as bytes; only other characters are decoded.
fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (alphanumeric, inner, len) = match bytes[i] {
            b if b.is_ascii() => (
                b.is_ascii_alphanumeric(),
                matches!(b, b'-' | b'/' | b'\'' | b'@'),
                1,
            ),
            _ => {
                let c = text[i..].chars().next().unwrap_or_default();
                (c.is_alphanumeric(), c == '’', c.len_utf8().max(1))
            }
        };
        if alphanumeric {
            start.get_or_insert(i);
            end = i + len;
        } else if !(inner && end == i) {
            // An inner joiner right after a word may continue it; anything else ends it.
            if let Some(s) = start.take() {
                out.push(Word {
                    text: &text[s..end],
                    start: s,
                    end,
                });
            }
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..end],
            start: s,
            end,
        });
    }
    out
}

/// The type and rule a head noun stands for, if it is one.
fn head_type(lexicon: &Lexicon, word: &str) -> Option<(EntityType, FoundBy)> {
    if !lexicon.may_be_phrase_head(word) {
        return None;
    }
    crate::text::with_lower(word, |lower| {
        if is_task_head(lexicon, lower) || hyphenated_task_head(lexicon, lower) {
            Some((EntityType::Task, FoundBy::TaskHead))
        } else if lexicon.has(Words::PhraseMethodHeads, lower) {
            Some((EntityType::Method, FoundBy::MethodHead))
        } else {
            None
        }
    })
}

/// Whether a lower-case word is a task head of either list.
fn is_task_head(lexicon: &Lexicon, lower: &str) -> bool {
    lexicon.has(Words::PhraseTaskHeads, lower) || lexicon.has(Words::PhraseTitleTaskHeads, lower)
}

/// Whether a hyphenated lower-case word is a task head written another way: a hyphen inside
/// the head ("in-painting" is "inpainting") or a compound whose last part is a head
/// ("loco-manipulation", "re-identification"). Only task heads: a method compound
/// ("fine-tuning") is a name of its own.
fn hyphenated_task_head(lexicon: &Lexicon, lower: &str) -> bool {
    let Some((_, last)) = lower.rsplit_once('-') else {
        return false;
    };
    is_task_head(lexicon, &lower.replace('-', "")) || is_task_head(lexicon, last)
}

/// The index of the first of at most `max` modifiers before the word at `head` (the head's
/// own index when no word before it can modify it). A capitalised word inside a sentence may
/// modify only when `capital_ok` (a title, or a capitalised phrase).
fn modifiers_before(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    head: usize,
    capital_ok: bool,
    max: usize,
) -> usize {
    let mut first = head;
    while first > 0 && head - first < max {
        let word = words[first - 1];
        let joined = text[word.end..words[first].start].trim().is_empty();
        // LaTeX debris glued on the left ("\\textbf{Traj}ectory") cuts a word in two.
        let cut = text[..word.start].ends_with(['}', '{', '\\', '$', '_', '^']);
        let sentence_start = first == 1
            || text[..word.start]
                .trim_end()
                .ends_with(['.', '!', '?', ':']);
        if !joined || cut || !is_modifier(lexicon, word.text, capital_ok || sentence_start) {
            break;
        }
        first -= 1;
    }
    first
}

/// The index of a gerund right before a head that names a kind of the task ("seasonal
/// grazing detection", "MARG-Only Heading Estimation"): a gerund is a noun there when a
/// content word that could itself modify a noun comes before it. After a function word, a
/// verb, an adverb or at a sentence start it is a verb ("by improving detection", "Scaling
/// Detection"). The phrase stops at the gerund: the words before it qualify the whole.
fn gerund_modifier(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'_>],
    head: usize,
    capital_ok: bool,
) -> Option<usize> {
    let gerund = *words.get(head.checked_sub(1)?)?;
    let before = *words.get(head.checked_sub(2)?)?;
    let joined = |a: &Word<'_>, b: &Word<'_>| text[a.end..b.start].trim().is_empty();
    let lower = gerund.text.to_lowercase();
    let is_gerund = lower.ends_with("ing")
        && !lower.contains('-')
        && !lexicon.has(Words::PhraseStopwords, &lower)
        && head_type(lexicon, &lower).is_none()
        && (capital_ok || !gerund.text.starts_with(char::is_uppercase));
    let nominal = joined(&before, &gerund)
        && joined(&gerund, &words[head])
        && is_modifier(lexicon, before.text, capital_ok)
        && !before.text.to_lowercase().ends_with("ing");
    (is_gerund && nominal).then_some(head - 1)
}

/// "X and Y head" with one modifier: the other conjunct X, when it can modify the head too.
fn coordinated<'a>(
    lexicon: &Lexicon,
    text: &str,
    words: &[Word<'a>],
    first: usize,
    head: usize,
    title: bool,
) -> Option<Word<'a>> {
    if head - first != 1 || first < 2 {
        return None;
    }
    let conjunction = words[first - 1];
    let other = words[first - 2];
    let plain = |a: &Word<'_>, b: &Word<'_>| text[a.end..b.start].trim().is_empty();
    let is_conjunction = matches!(conjunction.text.to_lowercase().as_str(), "and" | "or");
    let capital_ok = title || words[head].text.starts_with(char::is_uppercase);
    (is_conjunction
        && plain(&other, &conjunction)
        && plain(&conjunction, &words[first])
        && is_modifier(lexicon, other.text, capital_ok))
    .then_some(other)
}

/// Whether a word can stand inside a task or method phrase before its head.
fn is_modifier(lexicon: &Lexicon, word: &str, capital_ok: bool) -> bool {
    let lower = crate::text::lower(word);
    let lower = lower.as_ref();
    if lexicon.has(Words::PhraseStopwords, lower)
        || head_type(lexicon, word).is_some()
        || word.chars().all(|c| !c.is_alphabetic())
        || lower.ends_with("'s")
        || lower.ends_with("’s")
    {
        return false;
    }
    match lower.rsplit_once('-') {
        Some((_, suffix)) if lexicon.has(Words::PhraseStopSuffixes, suffix) => return false,
        Some(_) => {}
        None if looks_inflected(lexicon, lower)
            && !may_modify_inflected(lexicon, word, capital_ok) =>
        {
            return false;
        }
        None => {}
    }
    capital_ok || !word.starts_with(char::is_uppercase) || is_acronym(word)
}

/// Whether an inflected-looking word may modify a head all the same: a listed exception
/// ("masked"), an acronym, or a capitalised participle where capitals are allowed.
fn may_modify_inflected(lexicon: &Lexicon, word: &str, capital_ok: bool) -> bool {
    lexicon.has_lower(Words::PhraseModifierExceptions, word)
        || is_acronym(word)
        || (capital_ok && title_case_participle(word))
}

/// Whether a word is a capitalised participle ("Concealed", "Interleaved"): in a title or a
/// capitalised phrase it is an adjective of the task ("Concealed Weapon Detection"), not a
/// verb.
fn title_case_participle(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && word.ends_with("ed")
}

/// Whether an unhyphenated lower-case word ends like an adverb, a participle, a gerund or a
/// plural ("mostly", "achieved", "improving", "tasks"): such words end a noun phrase.
fn looks_inflected(lexicon: &Lexicon, lower: &str) -> bool {
    let adverb = lower.ends_with("ly") && !lexicon.has(Words::NotAdverbs, lower);
    let plural = lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us");
    let plural = plural && !lower.ends_with("is");
    adverb || lower.ends_with("ed") || lower.ends_with("ing") || plural
}

/// Whether a word is written like an acronym or a code: two capitals or a digit ("MRI",
/// "LiDAR", "3D").
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2 || word.chars().any(|c| c.is_numeric())
}

/// The phrase's name: lower case, except acronym-like parts ("3T-to-7T MRI translation"),
/// and a one-letter capital part after one ("RGB-D registration").
fn canonical(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|word| {
            let mut after_acronym = false;
            word.split('-')
                .map(|part| {
                    let letter = part.len() == 1 && part.starts_with(char::is_uppercase);
                    let keep = is_acronym(part) || (after_acronym && letter);
                    after_acronym = is_acronym(part);
                    if keep {
                        part.to_string()
                    } else {
                        part.to_lowercase()
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static LEXICON: LazyLock<Lexicon> =
        LazyLock::new(|| Lexicon::builtin().unwrap_or_else(|e| panic!("lexicon: {e}")));

    fn phrases(text: &str, title: bool) -> Vec<Phrase> {
        phrases_in(&LEXICON, text, &super::words(text), title)
    }

    fn names(text: &str, title: bool) -> Vec<(EntityType, String)> {
        phrases(text, title)
            .into_iter()
            .map(|p| (p.entity_type, p.name))
            .collect()
    }

    #[test]
    fn head_phrases_are_tight() {
        use EntityType::{Method, Task};
        type Case<'a> = (&'a str, bool, &'a [(EntityType, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "We study few-shot zorb synthesis.",
                false,
                &[(Task, "few-shot zorb synthesis")],
            ),
            (
                "A new method for robust quibble detection in scans.",
                false,
                &[(Task, "quibble detection")],
            ),
            (
                "Blorp Flange Estimation for Drones",
                true,
                &[(Task, "blorp flange estimation")],
            ),
            (
                "on 3T-to-7T MRI translation tasks",
                false,
                &[(Task, "3T-to-7T MRI translation")],
            ),
            (
                "we apply frobnic distillation twice",
                false,
                &[(Method, "frobnic distillation")],
            ),
            (
                "Zorb detection is hard.",
                false,
                &[(Task, "zorb detection")],
            ),
        ];
        for (text, title, want) in cases {
            let want: Vec<(EntityType, String)> =
                want.iter().map(|(t, n)| (*t, n.to_string())).collect();
            assert_eq!(names(text, *title), want, "in {text:?}");
        }
    }

    #[test]
    fn no_phrase_without_a_modifier_or_after_verbs() {
        let cases = [
            "This improves detection.",
            "Our model achieves segmentation of organs.",
            "It has gained significant attention recently.",
            "the RGB-based tracking of items",
            "real-time generation",
            "models such as Zorbix segmentation",
            "a 2024 generation",
            "classification segmentation",
        ];
        for text in cases {
            assert_eq!(names(text, false), Vec::new(), "in {text:?}");
        }
    }

    #[test]
    fn words_keep_inner_joiners_only() {
        let got: Vec<&str> = words("3T-to-7T MRI, Kendall's tau; a- b (zorb)/x")
            .into_iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(
            got,
            ["3T-to-7T", "MRI", "Kendall's", "tau", "a", "b", "zorb", "x"]
        );
    }

    #[test]
    fn coordinations_split() {
        let cases: &[(&str, &[&str])] = &[
            (
                "for blorp and zorb segmentation",
                &["zorb segmentation", "blorp segmentation"],
            ),
            (
                "in quibble or flange retrieval",
                &["flange retrieval", "quibble retrieval"],
            ),
            ("for fast and zorb segmentation", &["zorb segmentation"]),
        ];
        for (text, want) in cases {
            let got: Vec<String> = names(text, false).into_iter().map(|(_, n)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn task_context_is_the_word_or_comma_before() {
        let cases = [
            ("results for zorb detection", true),
            ("work on quibble retrieval", true),
            ("blorp, flange estimation", true),
            // A comma between adjectives opens no list item.
            ("enabling consistent, flange estimation", false),
            ("Including blorp synthesis", true),
            ("enables zorb detection", false),
            ("an alternative to zorb detection", false),
            ("(zorb detection", false),
            ("zorb detection", false),
        ];
        for (text, want) in cases {
            let found = phrases(text, false);
            assert_eq!(found.len(), 1, "in {text:?}");
            assert_eq!(found[0].in_context, want, "in {text:?}");
        }
    }

    #[test]
    fn a_list_or_a_following_task_noun_lists_a_phrase() {
        let cases = [
            ("on zorb detection tasks", true),
            ("the zorb detection task", true),
            ("tasks such as zorb detection", true),
            ("tasks including zorb detection", true),
            ("blorp, zorb detection", true),
            ("blorp, flange, and zorb detection", true),
            ("blorp, flange, or zorb detection", true),
            ("it blorps and zorb detection", false),
            ("achieves fast, accurate, zorb detection", false),
            ("achieves fast, accurate, and zorb detection", false),
            ("for zorb detection", false),
            ("zorb detection taskforce", false),
            ("zorb detection", false),
        ];
        for (text, want) in cases {
            let found = phrases(text, false);
            assert_eq!(found.len(), 1, "in {text:?}");
            assert_eq!(found[0].listed, want, "in {text:?}");
        }
    }

    #[test]
    fn title_only_heads_are_marked() {
        let cases = [
            ("We study zorb reasoning.", true),
            ("We study zorb understanding.", true),
            ("We study blorp racing.", true),
            ("We study bimanual zorb assembly.", true),
            ("We study quibble flight.", true),
            ("We study zorb comprehension.", true),
            ("We study blorp imitation.", true),
            ("We study quibble map construction.", true),
            ("We study zorb motion correction.", false),
            ("We study zorb detection.", false),
        ];
        for (text, want) in cases {
            let found = phrases(text, false);
            assert_eq!(found.len(), 1, "in {text:?}");
            assert_eq!(found[0].title_only, want, "in {text:?}");
        }
    }

    #[test]
    fn a_gerund_after_a_content_word_modifies_a_head() {
        type Case<'a> = (&'a str, bool, &'a [&'a str]);
        let cases: &[Case<'_>] = &[
            (
                "Adaptive Zorb-Only Blorping Estimation",
                true,
                &["blorping estimation"],
            ),
            (
                "we study seasonal blorping detection",
                false,
                &["blorping detection"],
            ),
            // After a function word, an adverb, a gerund or at the start: a verb.
            ("by blorping detection", false, &[]),
            ("the blorping detection", false, &[]),
            ("Blorping Detection in Scans", true, &[]),
            ("significantly blorping detection", false, &[]),
            ("seasonal, blorping detection", false, &[]),
        ];
        for (text, title, want) in cases {
            let got: Vec<String> = names(text, *title).into_iter().map(|(_, n)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn hyphenated_task_heads() {
        type Case<'a> = (&'a str, bool, &'a [&'a str]);
        let cases: &[Case<'_>] = &[
            // A hyphen inside a head ("in-painting") or a compound ending in a head.
            ("We study blorp in-painting.", false, &["blorp in-painting"]),
            (
                "Humanoid Zorb-Manipulation",
                true,
                &["humanoid zorb-manipulation"],
            ),
            (
                "for quibble re-identification",
                false,
                &["quibble re-identification"],
            ),
            // Method compounds are names of their own, not task heads.
            ("we apply quibble zorb-tuning", false, &[]),
            // A compound head alone has no modifier: no phrase.
            ("Zorb-manipulation is hard.", false, &[]),
            // An adverb compound ("commonly-used") describes, it does not name.
            ("commonly-used zorb imitation", false, &["zorb imitation"]),
            ("a two-stage zorb generation", false, &["zorb generation"]),
            (
                "a well-known zorb classification",
                false,
                &["zorb classification"],
            ),
            ("a rigorous zorb assessment", false, &["zorb assessment"]),
            ("for quibble removal", false, &["quibble removal"]),
            ("for blorp registration", false, &["blorp registration"]),
            ("for zorb diagnosis", false, &["zorb diagnosis"]),
        ];
        for (text, title, want) in cases {
            let got: Vec<String> = names(text, *title).into_iter().map(|(_, n)| n).collect();
            assert_eq!(got, *want, "in {text:?}");
        }
    }

    #[test]
    fn coordination_has_its_own_rule() {
        let found = phrases("blorp and zorb segmentation", false);
        let rules: Vec<FoundBy> = found.iter().map(|p| p.found_by).collect();
        assert_eq!(rules, [FoundBy::TaskHead, FoundBy::CoordinatedHead]);
    }

    #[test]
    fn names_are_lower_case_but_acronyms_stay() {
        let cases = [
            (
                "Zero-Shot Plant Segmentation",
                "zero-shot plant segmentation",
            ),
            ("LiDAR Flange Reconstruction", "LiDAR flange reconstruction"),
            ("Multi-Robot Zorb Tracking", "multi-robot zorb tracking"),
            ("6D Quibble Estimation", "6D quibble estimation"),
            ("RGB-D Zorb Registration", "RGB-D zorb registration"),
            ("A-Zorb Removal", "a-zorb removal"),
        ];
        for (phrase, want) in cases {
            assert_eq!(canonical(phrase), want);
        }
    }
}

#[cfg(test)]
mod paper_tests {
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::{Dictionary, EntityType};
    use crate::extract::{Extractor, FoundBy};

    fn extract(title: &str, abstract_text: &str) -> Vec<(EntityType, String, FoundBy)> {
        let dictionary = Dictionary::builtin().unwrap_or_else(|e| panic!("dictionary: {e}"));
        let extractor = Extractor::builder()
            .dictionary(dictionary)
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"));
        let paper = Paper {
            id: PaperId::Local("p".into()),
            title: title.into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        };
        extractor
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| matches!(e.entity_type, EntityType::Task | EntityType::Method))
            .map(|e| (e.entity_type, e.name, e.found_by))
            .collect()
    }

    #[test]
    fn which_phrases_a_paper_keeps() {
        use EntityType::{Method, Task};
        use FoundBy::{CoordinatedHead, MethodHead, TaskHead};
        type Case<'a> = (&'a str, &'a str, &'a [(EntityType, &'a str, FoundBy)]);
        let cases: &[Case<'_>] = &[
            // A task once in the abstract needs a context word; in the title it needs none.
            (
                "Zorblets",
                "Results for quibble detection. It enables flange detection.",
                &[(Task, "quibble detection", TaskHead)],
            ),
            (
                "Blorp Flange Estimation with Zorblets",
                "We estimate things.",
                &[(Task, "blorp flange estimation", TaskHead)],
            ),
            // A method phrase used once is the paper's own step; used twice it is kept.
            (
                "Zorblets",
                "We use frobnic regularization. Frobnic regularization helps.",
                &[(Method, "frobnic regularization", MethodHead)],
            ),
            ("Zorblets", "We use frobnic regularization once.", &[]),
            // A title-only head ("reasoning") needs the title or a list, never repetition.
            (
                "Zorblets",
                "Explicit blorp reasoning helps. Explicit blorp reasoning again.",
                &[],
            ),
            (
                "Blorp Reasoning with Zorblets",
                "We study blorp reasoning.",
                &[(Task, "blorp reasoning", TaskHead)],
            ),
            (
                "Zorblets",
                "It helps on blorp understanding tasks.",
                &[(Task, "blorp understanding", TaskHead)],
            ),
            // In the title, a phrase after "via" / "using" / "through" is the means.
            (
                "Quibble Detection via Blorp Flange Synthesis",
                "We test it.",
                &[(Task, "quibble detection", TaskHead)],
            ),
            (
                "Zorblets: Quibble Detection Using Frobnic Estimation",
                "We test it.",
                &[(Task, "quibble detection", TaskHead)],
            ),
            (
                "Blorp Flange Synthesis for Quibble Detection",
                "We test it.",
                &[
                    (Task, "blorp flange synthesis", TaskHead),
                    (Task, "quibble detection", TaskHead),
                ],
            ),
            // A longer phrase is one more mention of a shorter one the paper also uses.
            (
                "Multilingual Quibble Parsing",
                "We do quibble parsing.",
                &[(Task, "quibble parsing", TaskHead)],
            ),
            // Coordinations give both tasks.
            (
                "Zorblets",
                "We work on blorp and quibble segmentation.",
                &[
                    (Task, "blorp segmentation", CoordinatedHead),
                    (Task, "quibble segmentation", TaskHead),
                ],
            ),
        ];
        for (title, abstract_text, want) in cases {
            let want: Vec<_> = want
                .iter()
                .map(|(t, n, f)| (*t, n.to_string(), *f))
                .collect();
            assert_eq!(extract(title, abstract_text), want, "in {abstract_text:?}");
        }
    }

    #[test]
    fn a_dictionary_task_is_not_repeated_as_a_phrase() {
        let found = extract("Zorblets", "We study object detection for zorbs.");
        let tasks: Vec<_> = found.iter().filter(|e| e.0 == EntityType::Task).collect();
        assert_eq!(tasks.len(), 1, "{found:?}");
        assert_eq!(tasks[0].2, FoundBy::Dictionary, "{found:?}");
    }
}

#[cfg(test)]
mod widening_tests {
    use crate::dictionary::EntityType;
    use crate::extract::testing::invented_with;
    use crate::extract::{Extractor, FoundBy};
    use std::sync::LazyLock;

    /// Invented tasks only, discovery on, so that no built-in entry masks a failure.
    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| {
        let files = [
            ("task.txt", "zorb detection\nflange learning | FL\n"),
            ("method.txt", "quibble pruning\n"),
        ];
        invented_with(&files, true)
    });

    /// The tasks of a paper: name, mention texts, the rule, what it derives from.
    fn tasks(title: &str, abstract_text: &str) -> Vec<(String, Vec<String>, FoundBy, Vec<String>)> {
        let mut paper = crate::extract::testing::paper(abstract_text);
        paper.title = title.into();
        EXTRACTOR
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == EntityType::Task)
            .map(|e| {
                let texts = e.mentions.iter().map(|m| m.text.clone()).collect();
                (e.name, texts, e.found_by, e.derived_from)
            })
            .collect()
    }

    #[test]
    fn a_repeated_wider_name_is_a_narrower_task() {
        let found = tasks(
            "Concealed Zorb Detection in Scans",
            "Concealed zorb detection is hard. We study it.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let (name, texts, rule, broader) = &found[0];
        assert_eq!(name, "concealed zorb detection");
        assert_eq!(
            texts,
            &["Concealed Zorb Detection", "Concealed zorb detection"]
        );
        assert_eq!(*rule, FoundBy::TaskHead);
        assert_eq!(broader, &["zorb detection"]);
    }

    /// A phrase listed after a training objective ("an auxiliary task like ...") is no task
    /// named once; the same phrase listed after other tasks is.
    #[test]
    fn objectives_listed_after_an_auxiliary_task_are_no_tasks() {
        // (title, abstract, the task names found)
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "A test",
                "We use an auxiliary task like contrastive blorp prediction, or masked quix reconstruction.",
                &[],
            ),
            (
                "A test",
                "It adds a pretext task (blorp regression and quix prediction) to training.",
                &[],
            ),
            (
                "A test",
                "It handles tasks such as contrastive blorp prediction, or masked quix reconstruction.",
                &["contrastive blorp prediction", "masked quix reconstruction"],
            ),
        ];
        for &(title, abstract_text, want) in cases {
            let found = tasks(title, abstract_text);
            let names: Vec<&str> = found.iter().map(|t| t.0.as_str()).collect();
            assert_eq!(names, want, "{abstract_text:?}: {found:?}");
        }
    }

    /// A wider name written just before an acronym defined for a narrower task is that task;
    /// an acronym that covers the whole wider name keeps it.
    #[test]
    fn a_wider_name_before_a_narrower_acronym_is_that_task() {
        // (title, abstract, the task names found)
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Explainable Semi-Supervised Zorb Detection",
                "Existing semi-supervised zorb detection (ZD) methods fail. ZD is hard.",
                &["zorb detection"],
            ),
            (
                "Explainable Semi-Supervised Zorb Detection",
                "Existing semi-supervised zorb detection (SSZD) methods fail. SSZD is hard.",
                &["semi-supervised zorb detection"],
            ),
        ];
        for &(title, abstract_text, want) in cases {
            let found = tasks(title, abstract_text);
            let names: Vec<&str> = found.iter().map(|t| t.0.as_str()).collect();
            assert_eq!(names, want, "{abstract_text:?}: {found:?}");
        }
    }

    #[test]
    fn which_modifiers_widen() {
        // (title, abstract, the task names found)
        let cases: &[(&str, &str, &[&str])] = &[
            // Used once: the modifier describes the method, the task stays.
            (
                "A test",
                "We do two-stage zorb detection.",
                &["zorb detection"],
            ),
            // Repeated, with two modifiers: the widest repeated name.
            (
                "Open-Domain Visual Zorb Detection",
                "Open-domain visual zorb detection matters.",
                &["open-domain visual zorb detection"],
            ),
            // Only the narrower of two widths repeats.
            (
                "Cross-Blorp Risky Flange Learning",
                "Risky flange learning matters.",
                &["risky flange learning"],
            ),
            // Stopwords and evaluative adjectives never widen.
            (
                "A test",
                "Robust zorb detection. Robust zorb detection.",
                &["zorb detection"],
            ),
            // LaTeX debris never lends a piece of a word.
            (
                "A test",
                "For \\textbf{Q}uibble zorb detection and \\textbf{Q}uibble zorb detection.",
                &["zorb detection"],
            ),
        ];
        for (title, abstract_text, want) in cases {
            let got: Vec<String> = tasks(title, abstract_text)
                .into_iter()
                .map(|t| t.0)
                .collect();
            assert_eq!(got, *want, "in {title:?} / {abstract_text:?}");
        }
    }

    #[test]
    fn a_title_widens_a_task_mention_over_one_modifier() {
        // (title, the title mention of the task); the entity stays the dictionary task.
        let cases: &[(&str, &str)] = &[
            (
                "Open-Blorp Zorb Detection in Scans",
                "Open-Blorp Zorb Detection",
            ),
            (
                "Toward Rich Quibble Zorb Detection",
                "Quibble Zorb Detection",
            ),
            ("Multimodal Flange Learning", "Multimodal Flange Learning"),
            // A participle, gerund or adverb says what the paper does to the task.
            ("Improved Zorb Detection", "Zorb Detection"),
            ("Scaling Zorb Detection", "Zorb Detection"),
            // Evaluative words never widen.
            ("Robust Zorb Detection", "Zorb Detection"),
        ];
        for (title, want) in cases {
            let found = tasks(title, "We study it once.");
            assert_eq!(found.len(), 1, "{title:?}: {found:?}");
            let (name, texts, rule, _) = &found[0];
            assert!(["zorb detection", "flange learning"].contains(&name.as_str()));
            assert_eq!(texts, &[want.to_string()], "in {title:?}");
            assert_eq!(*rule, FoundBy::Dictionary, "in {title:?}");
        }
    }

    #[test]
    fn a_task_after_a_preposition_widens_its_mention_over_one_modifier() {
        // (abstract, the mention of the task); the entity stays the dictionary task.
        let cases: &[(&str, &str)] = &[
            ("Results in blorp zorb detection.", "blorp zorb detection"),
            (
                "A method for open-quibble zorb detection.",
                "open-quibble zorb detection",
            ),
            // No preposition, an infinitive, a stopword or an inflected word: no widening.
            ("We study blorp zorb detection.", "zorb detection"),
            ("We aim to realize zorb detection.", "zorb detection"),
            ("A method for robust zorb detection.", "zorb detection"),
            ("Results in improved zorb detection.", "zorb detection"),
        ];
        for (abstract_text, want) in cases {
            let found = tasks("A test", abstract_text);
            assert_eq!(found.len(), 1, "{abstract_text:?}: {found:?}");
            let (name, texts, rule, _) = &found[0];
            assert_eq!(name, "zorb detection");
            assert_eq!(texts, &[want.to_string()], "in {abstract_text:?}");
            assert_eq!(*rule, FoundBy::Dictionary, "in {abstract_text:?}");
        }
    }

    #[test]
    fn a_title_method_does_not_widen_unless_repeated() {
        let mut paper = crate::extract::testing::paper("We apply it once.");
        paper.title = "Blorp Quibble Pruning".into();
        let methods: Vec<Vec<String>> = EXTRACTOR
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == EntityType::Method)
            .map(|e| e.mentions.iter().map(|m| m.text.clone()).collect())
            .collect();
        assert_eq!(methods, [vec!["Quibble Pruning".to_string()]]);
    }

    #[test]
    fn a_method_widens_like_a_task() {
        let mut paper = crate::extract::testing::paper("Blorp quibble pruning is all we use.");
        paper.title = "Blorp Quibble Pruning".into();
        let methods: Vec<(String, FoundBy)> = EXTRACTOR
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == EntityType::Method)
            .map(|e| (e.name, e.found_by))
            .collect();
        assert_eq!(
            methods,
            [("blorp quibble pruning".to_string(), FoundBy::MethodHead)]
        );
    }

    #[test]
    fn a_learning_paradigm_named_once_as_a_means_is_no_task() {
        let cases: &[(&str, &[&str])] = &[
            ("We train it via flange learning.", &[]),
            ("We adapt it using flange learning on scans.", &[]),
            ("Our method leverages flange learning well.", &[]),
            // Named again, by the same or another alias, or in a task context: a task.
            (
                "We train via flange learning. Flange learning helps.",
                &["flange learning"],
            ),
            ("We train via flange learning (FL).", &["flange learning"]),
            ("Results for flange learning.", &["flange learning"]),
            // Only learning paradigms: other tasks after a means word stay.
            ("We find it using zorb detection.", &["zorb detection"]),
        ];
        for (abstract_text, want) in cases {
            let got: Vec<String> = tasks("A test", abstract_text)
                .into_iter()
                .map(|t| t.0)
                .collect();
            assert_eq!(got, *want, "in {abstract_text:?}");
        }
    }

    #[test]
    fn a_task_also_named_alone_takes_the_wider_mention() {
        let found = tasks(
            "Risky Flange Learning",
            "Risky flange learning extends flange learning to risk.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let (name, texts, rule, _) = &found[0];
        assert_eq!(name, "flange learning");
        assert_eq!(
            texts,
            &[
                "Risky Flange Learning",
                "Risky flange learning",
                "flange learning"
            ]
        );
        assert_eq!(*rule, FoundBy::Dictionary);
    }
}

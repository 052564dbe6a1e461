//! Orchestration: runs every matcher over one paper's title and abstract (URLs, local
//! acronym definitions, dictionary hits, corpus names, discovered names) and returns the raw
//! candidates, before they are merged into entities.

use super::candidates::{Candidate, Found, Target};
use super::dict_match::DictHit;
use super::{coordinated, definitions, subtitle};
use super::{
    dataset_names, discovery, lists, metric_evidence, phrases, senses, typing, urls, verb_methods,
    Extractor, Field, FoundBy,
};
use crate::corpus::Paper;

/// Runs every matcher over the title and the abstract.
pub(crate) fn collect(extractor: &Extractor, paper: &Paper) -> Found {
    let fields = fields(paper);
    let mut candidates = Vec::new();
    let mut defs = Vec::new();
    for (field, text) in fields {
        let blocked = url_candidates(field, text, &mut candidates);
        definitions::local_definitions(extractor, field, text, &paper.title, &mut defs);
        for hit in extractor.matcher.find(text, &blocked) {
            candidates.push(dictionary_candidate(extractor, field, hit));
        }
        extractor
            .corpus
            .find(field, text, &blocked, &mut candidates);
    }
    definitions::apply_local_definitions(&fields, &defs, &mut candidates);
    for (field, text) in fields {
        senses::resolve_by_context(extractor.dictionary(), field, text, &mut candidates);
        metric_evidence::drop_unsupported(extractor.dictionary(), field, text, &mut candidates);
    }
    if extractor.discovery {
        for (field, text) in fields {
            discovery::discover(extractor, field, text, &mut candidates);
        }
        definitions::settle_long_forms_after_discovery(&fields, &defs, &mut candidates);
        typing::own_title_name_over_bulk(
            extractor,
            &paper.title,
            &paper.abstract_text,
            &mut candidates,
        );
        typing::retype_introduced(extractor, &paper.abstract_text, &mut candidates);
        typing::unify_introduced(&mut candidates);
        for (field, text) in fields {
            lists::dataset_lists(extractor, field, text, &mut candidates);
            lists::metric_contexts(extractor, field, text, &mut candidates);
            lists::metric_values(extractor, field, text, &mut candidates);
            dataset_names::named_datasets(extractor, field, text, &mut candidates);
        }
        phrases::head_phrases(extractor, &fields, &mut candidates);
        verb_methods::method_verbs(extractor, &fields, &mut candidates);
        coordinated::coordinated_methods(extractor, &fields, &mut candidates);
        subtitle::subtitle_as_title_name(&paper.title, &mut candidates);
    }
    Found { candidates }
}

/// The candidates the corpus-level first pass needs: URLs (so that no name is taken from
/// inside one), local acronym definitions, the title's name and "we propose X". The dictionary
/// scan and the other discovery rules are left out: they introduce nothing, and a name the
/// dictionary knows is found by the dictionary in every paper anyway.
pub(crate) fn collect_introductions(extractor: &Extractor, paper: &Paper) -> Found {
    let fields = fields(paper);
    let mut candidates = Vec::new();
    let mut defs = Vec::new();
    for (field, text) in fields {
        url_candidates(field, text, &mut candidates);
        definitions::local_definitions(extractor, field, text, &paper.title, &mut defs);
    }
    definitions::apply_local_definitions(&fields, &defs, &mut candidates);
    for (field, text) in fields {
        discovery::discover_introductions(extractor, field, text, &mut candidates);
    }
    typing::retype_introduced(extractor, &paper.abstract_text, &mut candidates);
    typing::unify_introduced(&mut candidates);
    Found { candidates }
}

/// A paper's fields with their text, title first.
fn fields(paper: &Paper) -> [(Field, &str); 2] {
    [
        (Field::Title, paper.title.as_str()),
        (Field::Abstract, paper.abstract_text.as_str()),
    ]
}

fn url_candidates(field: Field, text: &str, out: &mut Vec<Candidate>) -> Vec<(usize, usize)> {
    let mut blocked = Vec::new();
    for found in urls::find_urls(text) {
        blocked.push((found.start, found.end));
        out.push(Candidate {
            field,
            start: found.start,
            end: found.end,
            target: Target::Url {
                url: found.url,
                kind: found.kind,
            },
            found_by: FoundBy::Url,
            confidence: FoundBy::Url.confidence(),
            introduced: false,
            evidence: "URL pattern".to_string(),
        });
    }
    blocked
}

fn dictionary_candidate(extractor: &Extractor, field: Field, hit: DictHit) -> Candidate {
    let dictionary = extractor.dictionary();
    let (target, found_by, confidence) = match hit.variant {
        Some(suffix) => {
            let family = hit.entries[0];
            let label =
                super::variants::variant_label(&dictionary.entry(family).canonical, &suffix);
            (
                Target::Variant { family, label },
                FoundBy::Variant,
                FoundBy::Variant.confidence(),
            )
        }
        None => {
            let mut entries = hit.entries;
            let confidence = if entries.len() > 1 {
                FoundBy::AMBIGUOUS_ALIAS
            } else {
                FoundBy::Dictionary.confidence()
            };
            // The declared default reading goes first; resolution falls back to it.
            if let Some(default) = dictionary.ambiguous_default(&hit.alias) {
                entries.sort_by_key(|&id| id != default);
            }
            (Target::Entries(entries), FoundBy::Dictionary, confidence)
        }
    };
    Candidate {
        field,
        start: hit.start,
        end: hit.end,
        target,
        found_by,
        confidence,
        introduced: false,
        evidence: format!("alias {:?}", hit.alias),
    }
}

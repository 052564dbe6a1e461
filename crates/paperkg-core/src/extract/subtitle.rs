//! A title's method name spelled out after its colon: in "Zorb-RPF: Adaptive Blorp Sampling for
//! ...", the phrase right after the name says what the method Zorb-RPF is, so it is one more
//! mention of it, not a second method. A phrase the dictionary knows stays its own entity
//! ("ZorbDistill: Attention Distillation for ..." uses attention distillation).

use super::candidates::{Candidate, Target};
use super::{Field, FoundBy};
use crate::dictionary::EntityType;

/// Makes a rule-found method phrase that opens the rest of a "Name: ..." title, and every
/// other mention of that phrase, a mention of the title's method name.
pub(crate) fn subtitle_as_title_name(title: &str, out: &mut [Candidate]) {
    let Some(name) = out.iter().find(|c| {
        c.field == Field::Title
            && c.found_by == FoundBy::TitleName
            && matches!(
                c.target,
                Target::Named {
                    entity_type: EntityType::Method,
                    ..
                }
            )
    }) else {
        return;
    };
    let (name_end, target) = (name.end, name.target.clone());
    let Some(rest) = title.get(name_end..) else {
        return;
    };
    let Some(after_colon) = rest.strip_prefix(':') else {
        return;
    };
    let opens_at = title.len() - after_colon.trim_start().len();
    let spelled_out: Vec<String> = out
        .iter()
        .filter(|c| {
            c.field == Field::Title && c.start == opens_at && c.found_by != FoundBy::TitleName
        })
        .filter_map(|c| method_name(&c.target))
        .collect();
    for c in out.iter_mut() {
        let same = method_name(&c.target).is_some_and(|key| spelled_out.contains(&key));
        if same && c.found_by != FoundBy::TitleName {
            c.target = target.clone();
            c.evidence = format!(
                "{}; the title's name spelled out after its colon",
                c.evidence
            );
        }
    }
}

/// The name key of a rule-found method target ("adaptive trajectory sampling" for "Adaptive
/// Trajectory Sampling"); `None` for any other target.
fn method_name(target: &Target) -> Option<String> {
    match target {
        Target::Named {
            entity_type: EntityType::Method,
            name,
            ..
        } => Some(crate::text::name_key(name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Paper, PaperId};
    use crate::dictionary::EntityType;
    use crate::extract::testing::invented_with;
    use crate::extract::Extractor;
    use std::sync::LazyLock;

    /// The methods a title should give: name, then the quotes of its mentions.
    type Expected = &'static [(&'static str, &'static [&'static str])];

    static EXTRACTOR: LazyLock<Extractor> =
        LazyLock::new(|| invented_with(&[("method.txt", "blorp distillation\n")], true));

    fn methods(title: &str, abstract_text: &str) -> Vec<(String, Vec<String>)> {
        let paper = Paper {
            id: PaperId::Local("t".into()),
            title: title.into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        };
        let mut found: Vec<(String, Vec<String>)> = EXTRACTOR
            .extract(&paper)
            .entities
            .into_iter()
            .filter(|e| e.entity_type == EntityType::Method)
            .map(|e| (e.name, e.mentions.into_iter().map(|m| m.text).collect()))
            .collect();
        found.sort();
        found
    }

    /// A rule-found method phrase right after a title's method name is that method, in the
    /// title and in the abstract; a dictionary method there stays its own entity.
    #[test]
    fn a_subtitle_phrase_spells_out_the_title_name() {
        let abstract_text = "We sample with adaptive quix sampling and blorp distillation.";
        let cases: &[(&str, Expected)] = &[
            (
                "Zorb-RPF: Adaptive Quix Sampling for Flange Following",
                &[
                    (
                        "Zorb-RPF",
                        &[
                            "Zorb-RPF",
                            "Adaptive Quix Sampling",
                            "adaptive quix sampling",
                        ],
                    ),
                    ("blorp distillation", &["blorp distillation"]),
                ],
            ),
            (
                "ZorbKD: Blorp Distillation for Adaptive Quix Sampling",
                &[
                    ("ZorbKD", &["ZorbKD"]),
                    (
                        "adaptive quix sampling",
                        &["Adaptive Quix Sampling", "adaptive quix sampling"],
                    ),
                    (
                        "blorp distillation",
                        &["Blorp Distillation", "blorp distillation"],
                    ),
                ],
            ),
        ];
        for &(title, want) in cases {
            let want: Vec<(String, Vec<String>)> = want
                .iter()
                .map(|(n, m)| (n.to_string(), m.iter().map(|s| s.to_string()).collect()))
                .collect();
            assert_eq!(methods(title, abstract_text), want, "{title:?}");
        }
    }
}

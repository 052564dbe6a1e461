//! The corpus-name matcher: names that other papers of the same run introduced with
//! confidence, matched in every paper (the corpus-level second pass).

use super::boundary::{continues_left, continues_right};
use super::candidates::{Candidate, Target};
use super::{CorpusName, Field, FoundBy};
use aho_corasick::{AhoCorasick, MatchKind};

/// Matches the names discovered in other papers of the same run.
pub(crate) struct CorpusMatcher {
    automaton: Option<AhoCorasick>,
    names: Vec<CorpusName>,
}

impl CorpusMatcher {
    pub(crate) fn new(mut names: Vec<CorpusName>) -> Result<CorpusMatcher, super::BuildError> {
        names.sort();
        names.dedup_by(|a, b| a.name == b.name);
        if names.is_empty() {
            return Ok(CorpusMatcher {
                automaton: None,
                names,
            });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| n.name.as_str()))
            .map_err(super::BuildError::from)?;
        Ok(CorpusMatcher {
            automaton: Some(automaton),
            names,
        })
    }

    pub(crate) fn find(
        &self,
        field: Field,
        text: &str,
        blocked: &[(usize, usize)],
        out: &mut Vec<Candidate>,
    ) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        for m in automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let bounded = !continues_left(text, start) && !continues_right(text, end);
            let is_blocked = blocked.iter().any(|&(s, e)| start < e && s < end);
            let overlaps = out
                .iter()
                .any(|c| c.field == field && start < c.end && c.start < end);
            if !bounded || is_blocked || overlaps {
                continue;
            }
            let name = &self.names[m.pattern().as_usize()];
            out.push(Candidate {
                field,
                start,
                end,
                target: Target::Named {
                    entity_type: name.entity_type,
                    name: name.name.clone(),
                    derived_from: None,
                },
                found_by: FoundBy::Corpus,
                confidence: FoundBy::Corpus.confidence(),
                introduced: false,
                evidence: "introduced by another paper of this run".to_string(),
            });
        }
    }
}

//! Stored leaderboards written before metrics had a direction: such a store ranked every
//! metric higher-is-better, so a lower-is-better metric's stored best (`pkg:bestValue`) is its
//! worst value. `add` finds these boards before it writes anything ([`OldBoards::find`]: the
//! board's metric has no `pkg:better`, which every store since directions has written with
//! its results), and once its own papers are in, recomputes each one whose metric is
//! lower-is-better from every result the store then holds ([`OldBoards::recompute`]),
//! recording the direction on the metric so that it happens once.

use crate::rdf::mapping::{leaderboard_quads, Leaderboard};
use crate::rdf::vocab::{mls, pkg, rdf, skos};
use crate::rdf::MappingConfig;
use crate::stats::AddTally;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::{StorageError, Transaction};
use paperkg_core::dictionary::{Dictionary, Direction};
use std::collections::BTreeSet;

/// The stored boards whose metric records no direction, as `(dataset, metric)` IRIs.
#[derive(Debug, Default)]
pub(crate) struct OldBoards(Vec<(NamedNode, NamedNode)>);

impl OldBoards {
    /// The boards of the store whose metric has no `pkg:better`.
    pub(crate) fn find(transaction: &Transaction<'_>) -> Result<OldBoards, StorageError> {
        let board_type = Term::from(pkg::LEADERBOARD.into_owned());
        let mut old = Vec::new();
        for quad in
            transaction.quads_for_pattern(None, Some(rdf::TYPE), Some(board_type.as_ref()), None)
        {
            let oxigraph::model::NamedOrBlankNode::NamedNode(board) = quad?.subject else {
                continue;
            };
            let dataset = named_object(transaction, &board, pkg::OF_DATASET)?;
            let metric = named_object(transaction, &board, pkg::OF_METRIC)?;
            if let (Some(dataset), Some(metric)) = (dataset, metric) {
                if first_literal(transaction, &metric, pkg::BETTER)?.is_none() {
                    old.push((dataset, metric));
                }
            }
        }
        Ok(OldBoards(old))
    }

    /// Recomputes each found board whose metric is lower-is-better (by the `pkg:better` the
    /// added papers wrote, else the built-in metric dictionary) from every result on its
    /// dataset and metric, and records the direction on the metric. Returns how many boards
    /// were recomputed.
    pub(crate) fn recompute(
        self,
        transaction: &mut Transaction<'_>,
        tally: &mut AddTally,
        config: &MappingConfig,
    ) -> Result<usize, StorageError> {
        let dictionary = Dictionary::builtin().ok();
        let mut recomputed = 0;
        let mut marked = BTreeSet::new();
        for (dataset, metric) in self.0 {
            if direction(transaction, dictionary.as_ref(), &metric)? != Direction::Lower {
                continue;
            }
            let (Some(dataset_id), Some(metric_id)) = (
                crate::rdf::iri::entity_id(dataset.as_str()).ok(),
                crate::rdf::iri::entity_id(metric.as_str()).ok(),
            ) else {
                continue;
            };
            let Some(board) = best_lower(transaction, &dataset, &metric)? else {
                continue;
            };
            let node = crate::rdf::mapping::leaderboard_iri(config, &dataset_id, &metric_id);
            let old: Vec<Quad> = transaction
                .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
                .collect::<Result<_, _>>()?;
            for quad in &old {
                tally.remove(transaction, quad)?;
            }
            let mut quads = Vec::new();
            leaderboard_quads(config, &dataset_id, &metric_id, &board, &mut quads);
            for quad in &quads {
                tally.insert(transaction, quad)?;
            }
            recomputed += 1;
            marked.insert(metric);
        }
        for metric in marked {
            let better = Literal::new_simple_literal(Direction::Lower.as_str());
            let quad = Quad::new(
                metric,
                pkg::BETTER,
                better,
                oxigraph::model::GraphName::DefaultGraph,
            );
            tally.insert(transaction, &quad)?;
        }
        Ok(recomputed)
    }
}

/// The direction of a metric: its `pkg:better`, else the built-in dictionary's for its label
/// (higher-is-better when neither says).
fn direction(
    transaction: &Transaction<'_>,
    dictionary: Option<&Dictionary>,
    metric: &NamedNode,
) -> Result<Direction, StorageError> {
    if let Some(stored) = first_literal(transaction, metric, pkg::BETTER)? {
        return Ok(stored.parse().unwrap_or_default());
    }
    let label = first_literal(transaction, metric, skos::PREF_LABEL)?;
    Ok(match (dictionary, label) {
        (Some(d), Some(label)) => d.metric_direction(&label),
        _ => Direction::default(),
    })
}

/// The board of every result on `dataset` and `metric` ranked lower-is-better, as a build
/// keeps it: the lowest finite value, the first result (by IRI) reporting it, and how many
/// papers report it. `None` when there is no such result.
fn best_lower(
    transaction: &Transaction<'_>,
    dataset: &NamedNode,
    metric: &NamedNode,
) -> Result<Option<Leaderboard>, StorageError> {
    let dataset_term = Term::from(dataset.clone());
    let mut found: Vec<(f64, NamedNode, NamedNode)> = Vec::new();
    for quad in
        transaction.quads_for_pattern(None, Some(pkg::DATASET), Some(dataset_term.as_ref()), None)
    {
        let oxigraph::model::NamedOrBlankNode::NamedNode(result) = quad?.subject else {
            continue;
        };
        if named_object(transaction, &result, mls::SPECIFIED_BY)?.as_ref() != Some(metric) {
            continue;
        }
        let value = first_literal(transaction, &result, mls::HAS_VALUE)?
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite());
        let paper = named_object(transaction, &result, pkg::REPORTED_IN)?;
        if let (Some(value), Some(paper)) = (value, paper) {
            found.push((value, result, paper));
        }
    }
    let Some(best) = found.iter().map(|f| f.0).min_by(f64::total_cmp) else {
        return Ok(None);
    };
    let mut at_best: Vec<&(f64, NamedNode, NamedNode)> =
        found.iter().filter(|f| f.0 == best).collect();
    at_best.sort_by(|a, b| a.1.as_str().cmp(b.1.as_str()));
    let papers: BTreeSet<&str> = at_best.iter().map(|f| f.2.as_str()).collect();
    let Some(first) = at_best.first() else {
        return Ok(None);
    };
    Ok(Some(
        Leaderboard::new(best, first.1.clone(), first.2.clone(), papers.len() as u64)
            .ranked(Direction::Lower),
    ))
}

fn named_object(
    transaction: &Transaction<'_>,
    subject: &NamedNode,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<NamedNode>, StorageError> {
    for quad in
        transaction.quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, None)
    {
        if let Term::NamedNode(n) = quad?.object {
            return Ok(Some(n));
        }
    }
    Ok(None)
}

fn first_literal(
    transaction: &Transaction<'_>,
    subject: &NamedNode,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    match transaction
        .quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, None)
        .next()
    {
        Some(quad) => Ok(Some(crate::rdf::term_string(&quad?.object))),
        None => Ok(None),
    }
}

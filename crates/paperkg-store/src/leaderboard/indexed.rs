//! The results on a dataset read from the graph index rather than through SPARQL: the index
//! keeps, per dataset, each result's metric, model, paper and value (see
//! [`GraphIndex::results_on`]), which is all a board needs to rank, count and find
//! disagreements; the wording, unit and quote of the few rows shown are read from the store
//! by the result's IRI. The rows are those [`super::result_rows`] reads, so the boards are the
//! same (tested in `tests/boards.rs`).

use super::{PaperRef, Row};
use crate::index::{EntitySlot, GraphIndex};
use crate::lookup::{select, LookupError};
use crate::rdf::iri::{self, EntityIri};
use crate::rdf::vocab::pkg;
use oxigraph::model::{NamedNode, NamedNodeRef};
use oxigraph::store::Store;
use paperkg_core::dictionary::Direction;
use paperkg_core::extract::ResultEntity;
use paperkg_core::ids::EntityId;
use std::collections::{HashMap, HashSet};

/// The rows of the results on `dataset` (for one metric, from papers on one task or its
/// subtasks, when given), without their wording; `None` when the index does not know the
/// dataset or the metric, so that the caller asks the store.
pub(super) fn rows(
    store: &Store,
    index: &GraphIndex,
    dataset: &EntityIri,
    metric: Option<&EntityIri>,
    task: Option<&EntityIri>,
) -> Result<Option<Vec<Row>>, LookupError> {
    let slot = |entity: &EntityIri| index.entity_slot(&entity.id.to_string());
    let Some(dataset_slot) = slot(dataset) else {
        return Ok(None);
    };
    // Entity IRIs are the base followed by `entity/ID`, papers' by `paper/KEY`.
    let Some(base) = dataset
        .iri
        .as_str()
        .strip_suffix(&format!("entity/{}", dataset.id))
    else {
        return Ok(None);
    };
    let metric = match metric {
        Some(entity) => match slot(entity) {
            Some(m) => Some(m),
            None => return Ok(None),
        },
        None => None,
    };
    let on_task = match task {
        Some(task) => Some(papers_on_task(store, index, task)?),
        None => None,
    };
    let mut better: HashMap<EntitySlot, Option<Direction>> = HashMap::new();
    let mut rows = Vec::new();
    for result in index.results_on(dataset_slot) {
        if metric.is_some_and(|m| m != result.metric) {
            continue;
        }
        let paper_entities =
            |on: &HashSet<u32>| index.linked_entities(result.paper).any(|e| on.contains(&e));
        if on_task.as_ref().is_some_and(|on| !paper_entities(on)) {
            continue;
        }
        let direction = match better.get(&result.metric) {
            Some(d) => *d,
            None => {
                let iri = format!("{base}entity/{}", index.entity_id(result.metric));
                let d = stored_direction(store, &iri)?;
                better.insert(result.metric, d);
                d
            }
        };
        let key = index.paper_key(result.paper);
        let (Some(metric), Ok(model)) = (
            result_entity(index, result.metric),
            result
                .model
                .map(|m| result_entity(index, m).ok_or(()))
                .transpose(),
        ) else {
            return Ok(None);
        };
        rows.push(Row {
            result: format!("{base}paper/{key}/result/{}", result.number),
            loaded: false,
            metric,
            better: direction,
            value: result.value,
            value_text: String::new(),
            unit: None,
            model,
            paper: PaperRef {
                id: index.paper_id(result.paper),
                title: index.title(result.paper).to_string(),
            },
            quote: None,
        });
    }
    Ok(Some(rows))
}

/// An indexed entity as a result refers to it; `None` for an id the index holds that does
/// not parse (the caller then asks the store).
fn result_entity(index: &GraphIndex, entity: EntitySlot) -> Option<ResultEntity> {
    Some(ResultEntity {
        id: EntityId::parse(index.entity_id(entity))?,
        name: index.name(entity).to_string(),
    })
}

/// The entities that put a paper on `task`: the task and every task below it
/// (`skos:broader*`), by slot.
fn papers_on_task(
    store: &Store,
    index: &GraphIndex,
    task: &EntityIri,
) -> Result<HashSet<u32>, LookupError> {
    let rows = select(
        store,
        "SELECT ?sub ?task WHERE { ?sub skos:broader* ?task }",
        &[("task", task.iri.clone().into())],
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .filter_map(|iri| iri::entity_id_text(&iri).and_then(|id| index.entity_slot(id)))
        .map(|e| e.0)
        .collect())
}

/// The direction a metric's `pkg:better` records, if any.
fn stored_direction(store: &Store, metric: &str) -> Result<Option<Direction>, LookupError> {
    let node = NamedNode::new_unchecked(metric);
    Ok(first_object(store, &node, pkg::BETTER)?.and_then(|b| b.parse().ok()))
}

fn first_object(
    store: &Store,
    subject: &NamedNode,
    predicate: NamedNodeRef<'_>,
) -> Result<Option<String>, LookupError> {
    match store
        .quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, None)
        .next()
    {
        Some(quad) => Ok(Some(crate::rdf::term_string(&quad?.object))),
        None => Ok(None),
    }
}

/// Reads a row's wording, unit and quote from the store, by its result's IRI.
pub(super) fn load(store: &Store, row: &mut Row) -> Result<(), LookupError> {
    let node = NamedNode::new_unchecked(row.result.as_str());
    row.value_text =
        first_object(store, &node, pkg::VALUE_TEXT)?.unwrap_or_else(|| row.value.to_string());
    row.unit = first_object(store, &node, pkg::UNIT)?;
    row.quote = first_object(store, &node, pkg::QUOTE)?;
    Ok(())
}

//! `paperkg leaderboard`: every result reported on a dataset, one board per metric, ranked in
//! the metric's direction (the highest accuracy first, the lowest error rate first), with the
//! value as written, the model, the paper and the sentence that reports it. When papers give
//! different values for the same model on the same dataset and metric, the board says so and
//! lists each value with its papers, rather than keeping one of them. Gains stated in points
//! ("an improvement of 11.1 points") are differences, not scores, and stay off the boards.
//!
//! User text only reaches SPARQL as bound literals or IRIs found through the lookup keys.

mod indexed;
pub(crate) mod upgrade;

use crate::index::GraphIndex;
use crate::lookup::{resolve_typed, select, suggest, LookupError};
use crate::rdf::iri::{self, EntityIri, IriError};
use oxigraph::model::Term;
use oxigraph::store::Store;
use paperkg_core::dictionary::{Direction, EntityType};
use paperkg_core::extract::ResultEntity;
use paperkg_core::ids::{EntityId, PaperId};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// Errors building a leaderboard.
#[derive(Debug, thiserror::Error)]
pub enum LeaderboardError {
    /// Reading the store failed.
    #[error(transparent)]
    Lookup(#[from] LookupError),
    /// No entity of the type carries the name.
    #[error("no {entity_type} named {name:?} in the store{}", did_you_mean(.suggestions))]
    Unknown {
        /// The type looked for.
        entity_type: EntityType,
        /// The name given.
        name: String,
        /// Close names that the store knows.
        suggestions: Vec<String>,
    },
}

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean: {}?)", suggestions.join(", "))
    }
}

/// What to list: a dataset, optionally one metric and one task (with its subtasks).
#[derive(Clone, Debug)]
pub struct LeaderboardRequest<'a> {
    /// Any alias of the dataset.
    pub dataset: &'a str,
    /// Any alias of a metric: only its board is listed.
    pub metric: Option<&'a str>,
    /// Any alias of a task: only results from papers on it or on a subtask are listed.
    pub task: Option<&'a str>,
    /// Entries shown per board (0: all).
    pub top: usize,
}

/// The boards of one dataset. Datasets, metrics, tasks and models are the stored entities,
/// written by their canonical names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Leaderboards {
    /// The dataset (the likeliest one carrying the name asked for).
    pub dataset: ResultEntity,
    /// The task the results were limited to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<ResultEntity>,
    /// One board per metric, in the order of the metrics' names.
    pub boards: Vec<Board>,
}

/// The results of one dataset and metric, best first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Board {
    /// The metric.
    pub metric: ResultEntity,
    /// Which way the metric improves, as the store records it (higher when it does not say).
    pub better: Direction,
    /// How many results the board holds in all (entries may show fewer).
    pub results: usize,
    /// The results, best first, up to the requested number.
    pub entries: Vec<Entry>,
    /// The models for which papers report different values, with each value and its papers.
    pub disagreements: Vec<Disagreement>,
}

/// One reported result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entry {
    /// The rank: equal values share one.
    pub rank: usize,
    /// The value as a number.
    pub value: f64,
    /// The value as written ("88.5%").
    pub value_text: String,
    /// `%`, `pp` or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The model, when the sentence names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<ResultEntity>,
    /// The paper reporting it.
    pub paper: PaperRef,
    /// The sentence reporting it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Whether another paper reports a different value for the same model.
    pub disputed: bool,
}

/// A paper, by id and title. Papers are ordered by their ids as written
/// (`arxiv:2304.02643`), then by title.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PaperRef {
    /// The paper's id (read from its IRI).
    pub id: PaperId,
    /// Its title.
    pub title: String,
}

impl Ord for PaperRef {
    fn cmp(&self, other: &PaperRef) -> Ordering {
        (self.id.to_string(), &self.title).cmp(&(other.id.to_string(), &other.title))
    }
}

impl PartialOrd for PaperRef {
    fn partial_cmp(&self, other: &PaperRef) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Papers disagreeing about one model's value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    /// The model.
    pub model: ResultEntity,
    /// Each value reported, best first, with the papers reporting it.
    pub values: Vec<ReportedValue>,
}

/// One value of a disagreement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportedValue {
    /// The value as written the first time.
    pub value_text: String,
    /// The value as a number.
    pub value: f64,
    /// The papers reporting it.
    pub papers: Vec<PaperRef>,
}

/// Lists the results on a dataset, one board per metric, each ranked in its metric's
/// direction. Fails with suggestions when the dataset, metric or task is not in the store.
/// Reads every result through SPARQL; [`leaderboard_with`] reads them from the graph index.
pub fn leaderboard(
    store: &Store,
    request: &LeaderboardRequest<'_>,
) -> Result<Leaderboards, LeaderboardError> {
    leaderboard_with(store, None, request)
}

/// As [`leaderboard`], finding the results on the dataset in `index` when there is one (it
/// must be the store's, as [`crate::index::IndexedStore`] opens them): the index says which
/// results there are, with their metric, model, paper and value, and the store gives the
/// wording, unit and quote of those shown. The answer is the same.
pub fn leaderboard_with(
    store: &Store,
    index: Option<&GraphIndex>,
    request: &LeaderboardRequest<'_>,
) -> Result<Leaderboards, LeaderboardError> {
    let datasets = named(store, request.dataset, EntityType::Dataset)?;
    let metric = match request.metric {
        Some(name) => Some(named(store, name, EntityType::Metric)?),
        None => None,
    };
    let task = match request.task {
        Some(name) => Some(named(store, name, EntityType::Task)?),
        None => None,
    };
    let mut rows = Vec::new();
    for dataset in &datasets {
        let metrics: Vec<Option<&EntityIri>> = match &metric {
            Some(entities) => entities.iter().map(Some).collect(),
            None => vec![None],
        };
        for metric in metrics {
            let task = task.as_ref().map(|t| &t[0]);
            let indexed = match index {
                Some(index) => indexed::rows(store, index, dataset, metric, task)?,
                None => None,
            };
            match indexed {
                Some(found) => rows.extend(found),
                None => rows.extend(result_rows(store, dataset, metric, task)?),
            }
        }
    }
    let dataset = labelled(store, &datasets[0])?;
    let dataset = ResultEntity {
        name: dataset.name.unwrap_or_else(|| request.dataset.to_string()),
        id: dataset.id,
    };
    let task = match &task {
        Some(entities) => {
            let task = labelled(store, &entities[0])?;
            task.name.map(|name| ResultEntity { id: task.id, name })
        }
        None => None,
    };
    let mut load = |row: &mut Row| indexed::load(store, row);
    Ok(Leaderboards {
        dataset,
        task,
        boards: boards(rows, request.top, &mut load)?,
    })
}

/// The entities of `entity_type` named `name`, or an error with suggestions.
fn named(
    store: &Store,
    name: &str,
    entity_type: EntityType,
) -> Result<Vec<EntityIri>, LeaderboardError> {
    let entities = resolve_typed(store, name, entity_type)?;
    if entities.is_empty() {
        return Err(LeaderboardError::Unknown {
            entity_type,
            name: name.to_string(),
            suggestions: suggest(store, name)?.into_iter().map(|s| s.name).collect(),
        });
    }
    Ok(entities)
}

/// An entity's id with its stored label, when it has one.
struct Labelled {
    id: EntityId,
    name: Option<String>,
}

fn labelled(store: &Store, entity: &EntityIri) -> Result<Labelled, LookupError> {
    let rows = select(
        store,
        "SELECT ?l ?e WHERE { ?e skos:prefLabel ?l }",
        &[("e", iri_term(entity))],
    )?;
    Ok(Labelled {
        id: entity.id.clone(),
        name: rows
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next().flatten()),
    })
}

fn iri_term(entity: &EntityIri) -> Term {
    entity.iri.clone().into()
}

/// One result as read from the store.
#[derive(Clone, Debug)]
struct Row {
    /// The result's IRI.
    result: String,
    /// Whether `value_text`, `unit` and `quote` have been read (rows from the graph index
    /// read them only when shown).
    loaded: bool,
    metric: ResultEntity,
    /// The direction stored on the metric (`pkg:better`); none in a store built before it
    /// was recorded.
    better: Option<Direction>,
    value: f64,
    value_text: String,
    unit: Option<String>,
    model: Option<ResultEntity>,
    paper: PaperRef,
    quote: Option<String>,
}

/// The results on one dataset, for one metric or all, from papers on one task (or its
/// subtasks) or all.
fn result_rows(
    store: &Store,
    dataset: &EntityIri,
    metric: Option<&EntityIri>,
    task: Option<&EntityIri>,
) -> Result<Vec<Row>, LookupError> {
    let task_filter = if task.is_some() {
        "FILTER EXISTS { ?paper schema:mentions ?sub . ?sub skos:broader* ?task }"
    } else {
        ""
    };
    let query = format!(
        "SELECT ?metric ?better ?value ?text ?unit ?m ?model ?paper ?title ?quote ?r ?x ?d ?task WHERE {{
           ?r pkg:dataset ?d ; mls:specifiedBy ?x ; mls:hasValue ?value ; pkg:reportedIn ?paper .
           {task_filter}
           OPTIONAL {{ ?x skos:prefLabel ?metric }}
           OPTIONAL {{ ?x pkg:better ?better }}
           OPTIONAL {{ ?r pkg:valueText ?text }}
           OPTIONAL {{ ?r pkg:unit ?unit }}
           OPTIONAL {{ ?r pkg:model ?m . ?m skos:prefLabel ?model }}
           OPTIONAL {{ ?paper dcterms:title ?title }}
           OPTIONAL {{ ?r pkg:quote ?quote }}
         }}"
    );
    let mut bindings = vec![("d", iri_term(dataset))];
    if let Some(metric) = metric {
        bindings.push(("x", iri_term(metric)));
    }
    if let Some(task) = task {
        bindings.push(("task", iri_term(task)));
    }
    let mut results = Vec::new();
    for columns in select(store, &query, &bindings)? {
        if let Some(row) = row(columns, metric)? {
            results.push(row);
        }
    }
    Ok(results)
}

/// A result from its columns (as [`result_rows`] selects them; the metric's IRI, `?x`, is a
/// column when no `metric` is bound); `None` for a row that is not a score. An IRI that is
/// not an entity's or a paper's where one belongs is an error.
fn row(columns: Vec<Option<String>>, metric: Option<&EntityIri>) -> Result<Option<Row>, IriError> {
    let [metric_name, better, value, value_text, unit, model_iri, model, paper, title, quote, result, rest @ ..] =
        columns.as_slice()
    else {
        return Ok(None);
    };
    let (Some(metric_name), Some(value), Some(paper), Some(result)) =
        (metric_name, value, paper, result)
    else {
        return Ok(None);
    };
    let Ok(value) = value.parse::<f64>() else {
        return Ok(None);
    };
    let metric_id = match (metric, rest.first()) {
        (Some(bound), _) => bound.id.clone(),
        (None, Some(Some(x))) => iri::entity_id(x)?,
        (None, _) => return Ok(None),
    };
    let model = match (model_iri, model) {
        (Some(iri), Some(name)) => Some(ResultEntity {
            id: iri::entity_id(iri)?,
            name: name.clone(),
        }),
        _ => None,
    };
    let row = Row {
        result: result.clone(),
        loaded: true,
        metric: ResultEntity {
            id: metric_id,
            name: metric_name.clone(),
        },
        better: better.as_deref().and_then(|b| b.parse().ok()),
        value,
        value_text: value_text.clone().unwrap_or_else(|| value.to_string()),
        unit: unit.clone(),
        model,
        paper: PaperRef {
            id: iri::paper_id(paper)?,
            title: title.clone().unwrap_or_default(),
        },
        quote: quote.clone(),
    };
    Ok(Some(row).filter(|r| r.value.is_finite() && !is_difference(r.unit.as_deref())))
}

/// Whether a unit marks a difference between two scores ("an improvement of 11.1 points",
/// "+2.3 pp"): a gain is not a place on a board.
fn is_difference(unit: Option<&str>) -> bool {
    matches!(unit, Some("pp" | "points" | "point"))
}

/// The direction of each metric the store does not record one for (a store built before
/// directions were recorded): the built-in metric dictionary's, higher-is-better for a metric
/// it does not know.
fn fill_directions(rows: &mut [Row]) {
    if rows.iter().all(|r| r.better.is_some()) {
        return;
    }
    let dictionary = paperkg_core::dictionary::Dictionary::builtin().ok();
    for row in rows.iter_mut().filter(|r| r.better.is_none()) {
        let direction = dictionary
            .as_ref()
            .map(|d| d.metric_direction(&row.metric.name))
            .unwrap_or_default();
        row.better = Some(direction);
    }
}

/// Reads what a row shows that it was made without (its wording, unit and quote).
type Loader<'a> = dyn FnMut(&mut Row) -> Result<(), LookupError> + 'a;

/// Groups rows into boards by metric (in the order of the metrics' names), ranks each, and
/// finds the disagreements. Rows are taken in the order of their results' IRIs, so that of
/// two rows one paper gives for the same value the same one is kept whatever order they were
/// read in.
fn boards(
    mut rows: Vec<Row>,
    top: usize,
    load: &mut Loader<'_>,
) -> Result<Vec<Board>, LookupError> {
    fill_directions(&mut rows);
    rows.sort_by(|a, b| a.result.cmp(&b.result));
    let mut by_metric: BTreeMap<(String, EntityId), Vec<Row>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for row in rows {
        // One paper stating the same result twice is one result.
        let key = (
            row.metric.id.clone(),
            row.model.as_ref().map(|m| m.id.clone()),
            row.paper.id.clone(),
            row.value.to_bits(),
        );
        if seen.insert(key) {
            let metric = (row.metric.name.clone(), row.metric.id.clone());
            by_metric.entry(metric).or_default().push(row);
        }
    }
    by_metric
        .into_iter()
        .map(|((name, id), rows)| board(ResultEntity { id, name }, rows, top, load))
        .collect()
}

fn board(
    metric: ResultEntity,
    mut rows: Vec<Row>,
    top: usize,
    load: &mut Loader<'_>,
) -> Result<Board, LookupError> {
    let better = rows.first().and_then(|r| r.better).unwrap_or_default();
    rows.sort_by(|a, b| {
        let order = a.value.total_cmp(&b.value);
        let order = match better {
            Direction::Higher => order.reverse(),
            Direction::Lower => order,
        };
        order
            .then_with(|| a.paper.cmp(&b.paper))
            .then_with(|| model_name(a).cmp(&model_name(b)))
    });
    load_shown(&mut rows, top, load)?;
    let disagreements = disagreements(&rows);
    let disputed: HashSet<&EntityId> = disagreements.iter().map(|d| &d.model.id).collect();
    let results = rows.len();
    let mut entries = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if top > 0 && i >= top {
            break;
        }
        let rank = match entries.last() {
            Some(last @ Entry { .. }) if last.value == row.value => last.rank,
            _ => i + 1,
        };
        entries.push(Entry {
            rank,
            value: row.value,
            value_text: row.value_text.clone(),
            unit: row.unit.clone(),
            model: row.model.clone(),
            paper: row.paper.clone(),
            quote: row.quote.clone(),
            disputed: row.model.as_ref().is_some_and(|m| disputed.contains(&m.id)),
        });
    }
    Ok(Board {
        metric,
        better,
        results,
        entries,
        disagreements,
    })
}

/// Reads the wording of the rows a ranked board shows: its first `top` entries (all for 0)
/// and, for each model papers disagree on, the first row of each of its values.
fn load_shown(rows: &mut [Row], top: usize, load: &mut Loader<'_>) -> Result<(), LookupError> {
    let mut values: BTreeMap<&EntityId, (HashSet<u64>, HashSet<&PaperRef>)> = BTreeMap::new();
    for row in rows.iter() {
        if let Some(model) = row.model.as_ref() {
            let (v, p) = values.entry(&model.id).or_default();
            v.insert(row.value.to_bits());
            p.insert(&row.paper);
        }
    }
    let disputed: HashSet<EntityId> = values
        .into_iter()
        .filter(|(_, (v, p))| v.len() > 1 && p.len() > 1)
        .map(|(m, _)| m.clone())
        .collect();
    let mut first_of_value = HashSet::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let shown = top == 0 || i < top;
        let first = row
            .model
            .as_ref()
            .filter(|m| disputed.contains(&m.id))
            .is_some_and(|m| first_of_value.insert((m.id.clone(), row.value.to_bits())));
        if (shown || first) && !row.loaded {
            load(row)?;
            row.loaded = true;
        }
    }
    Ok(())
}

fn model_name(row: &Row) -> Option<&str> {
    row.model.as_ref().map(|m| m.name.as_str())
}

/// The models with different values from different papers, in board order (`rows` is
/// ranked, so each model's values come best first).
fn disagreements(rows: &[Row]) -> Vec<Disagreement> {
    let mut order: Vec<&ResultEntity> = Vec::new();
    let mut by_model: BTreeMap<&EntityId, Vec<ReportedValue>> = BTreeMap::new();
    for row in rows {
        let Some(model) = row.model.as_ref() else {
            continue;
        };
        let values = by_model.entry(&model.id).or_insert_with(|| {
            order.push(model);
            Vec::new()
        });
        match values.iter_mut().find(|v| v.value == row.value) {
            Some(value) if value.papers.contains(&row.paper) => {}
            Some(value) => value.papers.push(row.paper.clone()),
            None => values.push(ReportedValue {
                value_text: row.value_text.clone(),
                value: row.value,
                papers: vec![row.paper.clone()],
            }),
        }
    }
    order
        .into_iter()
        .filter_map(|model| {
            let values = by_model.remove(&model.id)?;
            let papers: HashSet<&PaperRef> = values.iter().flat_map(|v| &v.papers).collect();
            // One paper giving two values (two settings) is not papers disagreeing.
            (values.len() > 1 && papers.len() > 1).then(|| Disagreement {
                model: model.clone(),
                values,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(entity_type: EntityType, name: &str) -> ResultEntity {
        ResultEntity {
            id: EntityId::for_name(entity_type, name),
            name: name.to_string(),
        }
    }

    fn row(metric: &str, better: Direction, value: f64, model: &str, paper: &str) -> Row {
        Row {
            result: format!("{paper}/result/{value}"),
            loaded: true,
            metric: entity(EntityType::Metric, metric),
            better: Some(better),
            value,
            value_text: format!("{value}"),
            unit: None,
            model: Some(entity(EntityType::Model, model)).filter(|_| !model.is_empty()),
            paper: PaperRef {
                id: PaperId::Local(paper.to_string()),
                title: format!("Paper {paper}"),
            },
            quote: None,
        }
    }

    #[test]
    fn gains_in_points_are_not_scores() {
        assert!(is_difference(Some("points")));
        assert!(is_difference(Some("pp")));
        assert!(!is_difference(Some("%")));
        assert!(!is_difference(None));
    }

    #[test]
    fn lower_is_better_boards_rank_ascending_and_ties_share_a_rank() {
        let rows = vec![
            row("FID", Direction::Lower, 9.5, "A", "p1"),
            row("FID", Direction::Lower, 3.2, "B", "p2"),
            row("FID", Direction::Lower, 3.2, "C", "p3"),
            row("accuracy", Direction::Higher, 71.0, "A", "p1"),
            row("accuracy", Direction::Higher, 88.0, "B", "p2"),
        ];
        let boards = boards(rows, 0, &mut |_| Ok(())).unwrap_or_else(|e| panic!("{e}"));
        let ranked = |b: &Board| -> Vec<(usize, f64)> {
            b.entries.iter().map(|e| (e.rank, e.value)).collect()
        };
        assert_eq!(boards[0].metric.name, "FID");
        assert_eq!(ranked(&boards[0]), [(1, 3.2), (1, 3.2), (3, 9.5)]);
        assert_eq!(ranked(&boards[1]), [(1, 88.0), (2, 71.0)]);
    }

    #[test]
    fn papers_disagreeing_on_a_model_are_listed_with_each_value() {
        let rows = vec![
            row("accuracy", Direction::Higher, 80.1, "ViT", "p1"),
            row("accuracy", Direction::Higher, 81.5, "ViT", "p2"),
            row("accuracy", Direction::Higher, 80.1, "ViT", "p3"),
            row("accuracy", Direction::Higher, 70.0, "CNN", "p4"),
            row("accuracy", Direction::Higher, 72.0, "CNN", "p4"),
        ];
        let board = &boards(rows, 2, &mut |_| Ok(())).unwrap_or_else(|e| panic!("{e}"))[0];
        assert_eq!(board.results, 5);
        assert_eq!(board.entries.len(), 2);
        assert!(board.entries.iter().all(|e| e.disputed));
        let [vit] = board.disagreements.as_slice() else {
            panic!("expected one disagreement: {:?}", board.disagreements);
        };
        let values: Vec<(f64, Vec<String>)> = vit
            .values
            .iter()
            .map(|v| (v.value, v.papers.iter().map(|p| p.id.to_string()).collect()))
            .collect();
        let expected = [(81.5, vec!["p2"]), (80.1, vec!["p1", "p3"])];
        let expected: Vec<(f64, Vec<String>)> = expected
            .into_iter()
            .map(|(v, papers)| (v, papers.into_iter().map(String::from).collect()))
            .collect();
        assert_eq!(values, expected);
    }

    #[test]
    fn a_result_row_with_an_iri_of_the_wrong_kind_is_an_error() {
        let base = "https://w3id.org/paperkg/";
        let columns = |model: &str, paper: &str, metric: &str| -> Vec<Option<String>> {
            [
                "top-1",
                "",
                "88.5",
                "88.5%",
                "%",
                model,
                "ViT",
                paper,
                "A title",
                "",
                "https://w3id.org/paperkg/paper/arxiv/2304.02643/result/0",
                metric,
            ]
            .into_iter()
            .map(|c| Some(c.to_string()).filter(|c| !c.is_empty()))
            .collect()
        };
        let paper = format!("{base}paper/arxiv/2304.02643");
        let model = format!("{base}entity/model/vit");
        let metric = format!("{base}entity/metric/top1");
        let good = super::row(columns(&model, &paper, &metric), None)
            .unwrap()
            .unwrap();
        assert_eq!(good.paper.id, PaperId::Arxiv("2304.02643".into()));
        assert_eq!(good.model.unwrap().id.to_string(), "model/vit");
        assert_eq!(good.metric.id.to_string(), "metric/top1");
        // A result's own IRI where the paper's belongs once read as the arXiv id
        // `2304.02643/result/0`; an entity IRI whose slug holds a `/` as the slug `vit/x`.
        let result = format!("{paper}/result/0");
        assert_eq!(
            super::row(columns(&model, &result, &metric), None).err(),
            Some(IriError::NotAPaper(result))
        );
        let bad_model = format!("{model}/x");
        assert_eq!(
            super::row(columns(&bad_model, &paper, &metric), None).err(),
            Some(IriError::NotAnEntity(bad_model))
        );
        assert!(super::row(columns(&model, &paper, &paper), None).is_err());
    }
}

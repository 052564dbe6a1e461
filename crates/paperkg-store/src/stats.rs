//! What a store holds, counted: papers, entities by type, mentions, links, code repositories,
//! results and triples. Every count is read from stored triples (mentions from each
//! annotation's `pkg:mentionCount`), never re-derived from a literal's text.

use crate::query::evaluator;
use crate::rdf::term_string;
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlSyntaxError};
use oxigraph::store::{StorageError, Store};
use paperkg_core::ids::EntityType;

/// Why the counts could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    /// A count query failed.
    #[error("count query failed: {0}")]
    Query(#[from] QueryEvaluationError),
    /// An internal query did not parse.
    #[error("internal query error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// Reading the store failed.
    #[error("reading the store: {0}")]
    Storage(#[from] StorageError),
}

/// The counts of one store.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Papers (`schema:ScholarlyArticle`).
    pub papers: u64,
    /// Distinct entities.
    pub entities: u64,
    /// Distinct entities per type, in type order; types with none are left out.
    pub entities_by_type: Vec<(EntityType, u64)>,
    /// Mentions: the sum of every annotation's stored mention count.
    pub mentions: u64,
    /// Paper-entity links (`schema:mentions` and `pkg:hasLink`).
    pub links: u64,
    /// Distinct code repositories.
    pub code_repositories: u64,
    /// Reported results (`mls:ModelEvaluation`).
    pub results: u64,
    /// Triples.
    pub triples: u64,
}

impl Stats {
    /// The counts as labelled rows, in the order `paperkg stats` prints them.
    pub fn rows(&self) -> Vec<(String, u64)> {
        let mut rows = vec![
            ("papers".to_string(), self.papers),
            ("entities".to_string(), self.entities),
        ];
        for (t, n) in &self.entities_by_type {
            rows.push((format!("entities: {t}"), *n));
        }
        rows.extend([
            ("mentions".to_string(), self.mentions),
            ("paper-entity links".to_string(), self.links),
            ("code repositories".to_string(), self.code_repositories),
            ("results".to_string(), self.results),
            ("triples".to_string(), self.triples),
        ]);
        rows
    }
}

/// Counts what `store` holds.
pub fn stats(store: &Store) -> Result<Stats, StatsError> {
    let one = |query: &str| -> Result<u64, StatsError> {
        Ok(count(store, query)?.first().map_or(0, |(_, n)| *n))
    };
    let entities_by_type = count(
        store,
        "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?k } GROUP BY ?k ORDER BY ?k",
    )?
    .into_iter()
    .filter_map(|(t, n)| Some((t.parse().ok()?, n)))
    .collect();
    Ok(Stats {
        papers: one("SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }")?,
        entities: one("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t }")?,
        entities_by_type,
        mentions: one("SELECT (SUM(?c) AS ?n) WHERE { ?a pkg:mentionCount ?c }")?,
        links: one("SELECT (COUNT(*) AS ?n) WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } }")?,
        code_repositories: one("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p pkg:hasCode ?c }")?,
        results: one("SELECT (COUNT(?r) AS ?n) WHERE { ?r a mls:ModelEvaluation }")?,
        triples: u64::try_from(store.len()?).unwrap_or(u64::MAX),
    })
}

/// The rows of a query binding `?k` (optional) and a number `?n`.
fn count(store: &Store, query: &str) -> Result<Vec<(String, u64)>, StatsError> {
    let QueryResults::Solutions(solutions) =
        evaluator().parse_query(query)?.on_store(store).execute()?
    else {
        return Ok(Vec::new());
    };
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        let key = solution.get("k").map(term_string).unwrap_or_default();
        let n = solution
            .get("n")
            .map(term_string)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        rows.push((key, n));
    }
    Ok(rows)
}

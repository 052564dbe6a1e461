//! What a store holds, counted: papers, entities by type, mentions, links, code repositories,
//! results and triples. Every count is read from stored triples (mentions from each
//! annotation's `pkg:mentionCount`), never re-derived from a literal's text.
//!
//! `build` and `add` keep these counts in the store itself (see [`counts`]), so [`stats`]
//! reads a few quads at any size. A store made by an older paperkg keeps none: then they are
//! counted by scanning it ([`scan`]), and [`refresh`] stores them.

mod counts;

pub use counts::is_kept_count;
pub(crate) use counts::{kept_quads, AddTally, BuildTally, StoreCounts};

use crate::query::evaluator;
use crate::rdf::{term_string, StoreError, StoreLocation};
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
    /// The store could not be opened for writing the counts.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Where a [`Counted`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The counts the store keeps (written by `build`, `add` or [`refresh`]).
    Stored,
    /// A scan of the whole store, which keeps no counts (made by an older paperkg).
    Scanned,
}

/// The counts of a store and where they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    /// The counts.
    pub stats: Stats,
    /// Whether they were kept in the store or counted by a scan.
    pub source: Source,
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

/// Counts what `store` holds: the counts it keeps, else a scan ([`counted`] says which).
pub fn stats(store: &Store) -> Result<Stats, StatsError> {
    counted(store).map(|c| c.stats)
}

/// The counts `store` keeps, or, when it keeps none, a scan of it.
pub fn counted(store: &Store) -> Result<Counted, StatsError> {
    Ok(match StoreCounts::read(store)? {
        Some(kept) => Counted {
            stats: kept.into(),
            source: Source::Stored,
        },
        None => Counted {
            stats: scan(store)?,
            source: Source::Scanned,
        },
    })
}

/// Counts what `store` holds by reading all of it (queries over every paper, annotation and
/// entity, and a pass over every triple): seconds at 100K papers, a minute at a million.
pub fn scan(store: &Store) -> Result<Stats, StatsError> {
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
    let all = u64::try_from(store.len()?).unwrap_or(u64::MAX);
    Ok(Stats {
        papers: one("SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }")?,
        entities: one("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t }")?,
        entities_by_type,
        mentions: one("SELECT (SUM(?c) AS ?n) WHERE { ?a pkg:mentionCount ?c }")?,
        links: one("SELECT (COUNT(*) AS ?n) WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } }")?,
        code_repositories: one("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p pkg:hasCode ?c }")?,
        results: one("SELECT (COUNT(?r) AS ?n) WHERE { ?r a mls:ModelEvaluation }")?,
        // The kept counts are not part of what is counted.
        triples: all.saturating_sub(kept_quads(store)?),
    })
}

/// Counts the store at `location` by a scan and keeps the counts in it (one transaction), so
/// that later `stats` read them. For stores made before paperkg kept its counts; takes the
/// store's write lock.
pub fn refresh(location: &StoreLocation) -> Result<Stats, StatsError> {
    let store = location.open_write()?;
    let scanned = scan(&store)?;
    let kept = StoreCounts::from(&scanned);
    let mut transaction = store.start_transaction()?;
    kept.write(&mut transaction)?;
    transaction.commit()?;
    store.flush()?;
    Ok(scanned)
}

impl From<StoreCounts> for Stats {
    fn from(kept: StoreCounts) -> Stats {
        Stats {
            papers: kept.papers,
            entities: kept.entities,
            entities_by_type: kept
                .entities_by_type
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .filter_map(|(t, n)| Some((t.parse().ok()?, n)))
                .collect(),
            mentions: kept.mentions,
            links: kept.links,
            code_repositories: kept.code_repositories,
            results: kept.results,
            triples: kept.triples,
        }
    }
}

impl From<&Stats> for StoreCounts {
    fn from(stats: &Stats) -> StoreCounts {
        StoreCounts {
            papers: stats.papers,
            entities: stats.entities,
            entities_by_type: stats
                .entities_by_type
                .iter()
                .map(|(t, n)| (t.to_string(), *n))
                .collect(),
            mentions: stats.mentions,
            links: stats.links,
            code_repositories: stats.code_repositories,
            results: stats.results,
            triples: stats.triples,
        }
    }
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

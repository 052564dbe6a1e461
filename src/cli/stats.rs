//! `paperkg stats`: what the store holds.

use super::{ReportFormat, StoreArgs};
use clap::Args;
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use paperkg_store::query::evaluator;
use paperkg_store::rdf::term_string;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg stats --store my-store
  paperkg stats --format json | jq .entities_by_type")]
pub(super) struct StatsArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// Output format (the JSON keys are listed in docs/cli.md).
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
}

/// The store's counts; the JSON of `--format json`, whose keys are stable.
#[derive(Serialize, Default)]
struct Stats {
    papers: u64,
    entities: u64,
    entities_by_type: BTreeMap<String, u64>,
    mentions: u64,
    paper_entity_links: u64,
    code_repositories: u64,
    results: u64,
    triples: u64,
}

fn count(store: &Store, query: &str) -> anyhow::Result<Vec<(String, u64)>> {
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

fn one(store: &Store, query: &str) -> anyhow::Result<u64> {
    Ok(count(store, query)?.first().map_or(0, |(_, n)| *n))
}

fn read(store: &Store) -> anyhow::Result<Stats> {
    Ok(Stats {
        papers: one(store, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }")?,
        entities: one(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t }")?,
        entities_by_type: count(store, "SELECT (?t AS ?k) (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t } GROUP BY ?t")?
            .into_iter()
            .collect(),
        mentions: one(store, "SELECT (SUM(STRLEN(?s) - STRLEN(REPLACE(?s, \" \", \"\")) + 1) AS ?n) WHERE { ?a pkg:spans ?s }")?,
        paper_entity_links: one(store, "SELECT (COUNT(*) AS ?n) WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } }")?,
        code_repositories: one(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p pkg:hasCode ?c }")?,
        results: one(store, "SELECT (COUNT(?r) AS ?n) WHERE { ?r a mls:ModelEvaluation }")?,
        triples: store.len()? as u64,
    })
}

pub(super) fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = args.store.location().open_read()?;
    let progress = super::progress("counting");
    let stats = read(&store)?;
    progress.finish_and_clear();
    let mut rows: Vec<Vec<String>> = vec![
        vec!["papers".into(), stats.papers.to_string()],
        vec!["entities".into(), stats.entities.to_string()],
    ];
    for (t, n) in &stats.entities_by_type {
        rows.push(vec![format!("entities: {t}"), n.to_string()]);
    }
    for (what, n) in [
        ("mentions", stats.mentions),
        ("paper-entity links", stats.paper_entity_links),
        ("code repositories", stats.code_repositories),
        ("results", stats.results),
        ("triples", stats.triples),
    ] {
        rows.push(vec![what.into(), n.to_string()]);
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    super::output::write_report(args.format, &["what", "count"], &rows, &stats, &mut out)?;
    out.flush()?;
    Ok(())
}

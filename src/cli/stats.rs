//! `paperkg stats`: what the store holds.

use super::StoreArgs;
use clap::Args;
use oxigraph::sparql::QueryResults;
use paperkg_store::query::{evaluator, write_table};
use paperkg_store::rdf::term_string;

#[derive(Args)]
pub(super) struct StatsArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn count(store: &oxigraph::store::Store, query: &str) -> anyhow::Result<Vec<(String, u64)>> {
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

pub(super) fn run(args: StatsArgs) -> anyhow::Result<()> {
    let store = args.store.location().open_read()?;
    let mut rows: Vec<(String, u64)> = Vec::new();
    rows.extend(count(
        &store,
        "SELECT (\"papers\" AS ?k) (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }",
    )?);
    rows.extend(count(
        &store,
        "SELECT (\"entities\" AS ?k) (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t }",
    )?);
    for (t, n) in count(&store, "SELECT (?t AS ?k) (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e pkg:entityType ?t } GROUP BY ?t ORDER BY ?t")? {
        rows.push((format!("entities: {t}"), n));
    }
    rows.extend(count(
        &store,
        "SELECT (\"mentions\" AS ?k) (SUM(STRLEN(?s) - STRLEN(REPLACE(?s, \" \", \"\")) + 1) AS ?n) WHERE { ?a pkg:spans ?s }",
    )?);
    rows.extend(count(&store, "SELECT (\"paper-entity links\" AS ?k) (COUNT(*) AS ?n) WHERE { { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } }")?);
    rows.extend(count(&store, "SELECT (\"code repositories\" AS ?k) (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p pkg:hasCode ?c }")?);
    rows.extend(count(
        &store,
        "SELECT (\"results\" AS ?k) (COUNT(?r) AS ?n) WHERE { ?r a mls:ModelEvaluation }",
    )?);
    rows.push(("triples".to_string(), store.len()? as u64));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> =
            rows.into_iter().map(|(k, n)| (k, n.into())).collect();
        serde_json::to_writer_pretty(&mut out, &map)?;
        use std::io::Write;
        writeln!(out)?;
    } else {
        let header = vec!["what".to_string(), "count".to_string()];
        let table: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(k, n)| vec![k, n.to_string()])
            .collect();
        write_table(&header, &table, &mut out)?;
    }
    Ok(())
}

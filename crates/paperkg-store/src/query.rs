//! Running SPARQL against the store and writing the results as a table, CSV, TSV, JSON or XML
//! (and graphs as Turtle, N-Triples or RDF/XML).

mod canned;
mod params;
mod syntax;

pub use canned::{parse_header, QueryHeader, QueryParam};
pub use params::{ParamError, ParamValue};
pub use syntax::SyntaxError;

use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output formats for query results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// An aligned text table (graphs as Turtle).
    Table,
    /// SPARQL CSV (graphs as N-Triples).
    Csv,
    /// SPARQL TSV (graphs as N-Triples).
    Tsv,
    /// SPARQL JSON (graphs as N-Triples).
    Json,
    /// SPARQL XML (graphs as RDF/XML).
    Xml,
}

/// Errors running a query.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query text does not parse.
    #[error("{0}")]
    Syntax(SyntaxError),
    /// A parameter could not be bound.
    #[error(transparent)]
    Param(#[from] ParamError),
    /// Evaluation failed.
    #[error("query failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
    /// Writing the output failed.
    #[error("writing results: {0}")]
    Io(#[from] std::io::Error),
    /// A named query or query file does not exist.
    #[error("no query {0:?}: not a file, not in ./queries/, and not a built-in query name (`paperkg query --list` lists them)")]
    UnknownName(String),
    /// Updates are refused: the store is read-only to queries.
    #[error("SPARQL updates are not allowed here; paperkg queries are read-only")]
    Update,
}

/// The canned queries shipped in `queries/`, compiled into the binary.
pub const BUILTIN_QUERIES: &[(&str, &str)] = &[
    (
        "papers-using-dataset",
        include_str!("../../../queries/papers-using-dataset.rq"),
    ),
    ("top-models", include_str!("../../../queries/top-models.rq")),
    (
        "model-evaluations",
        include_str!("../../../queries/model-evaluations.rq"),
    ),
    (
        "papers-with-code",
        include_str!("../../../queries/papers-with-code.rq"),
    ),
    (
        "introduced-entities",
        include_str!("../../../queries/introduced-entities.rq"),
    ),
    (
        "co-mentioned",
        include_str!("../../../queries/co-mentioned.rq"),
    ),
    (
        "datasets-per-task",
        include_str!("../../../queries/datasets-per-task.rq"),
    ),
    (
        "papers-without-code",
        include_str!("../../../queries/papers-without-code.rq"),
    ),
    (
        "leaderboard",
        include_str!("../../../queries/leaderboard.rq"),
    ),
    (
        "leaderboard-results",
        include_str!("../../../queries/leaderboard-results.rq"),
    ),
    (
        "entity-provenance",
        include_str!("../../../queries/entity-provenance.rq"),
    ),
    ("built-on", include_str!("../../../queries/built-on.rq")),
    (
        "papers-on-task",
        include_str!("../../../queries/papers-on-task.rq"),
    ),
];

/// The text of a canned query by name: `./queries/NAME.rq` when there is one (a curator's
/// working copy), else the built-in query.
pub fn canned_query(name: &str) -> Option<String> {
    let local = PathBuf::from("queries").join(format!("{name}.rq"));
    if let Ok(text) = std::fs::read_to_string(local) {
        return Some(text);
    }
    BUILTIN_QUERIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| text.to_string())
}

/// Resolves what the user passed: a `.rq` file, a name in `./queries/`, a built-in name, or
/// SPARQL text.
pub fn resolve_query_text(arg: &str) -> Result<String, QueryError> {
    let path = Path::new(arg);
    if arg.ends_with(".rq") || (path.is_file() && !arg.contains('{')) {
        return std::fs::read_to_string(path).map_err(|_| QueryError::UnknownName(arg.to_string()));
    }
    let is_name = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if is_name {
        return canned_query(arg).ok_or_else(|| QueryError::UnknownName(arg.to_string()));
    }
    Ok(arg.to_string())
}

/// A SPARQL evaluator with paperkg's prefixes predeclared and no federated SERVICE calls.
pub fn evaluator() -> SparqlEvaluator {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in PREFIXES {
        evaluator = evaluator
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|e| unreachable!("static prefix: {e}"));
    }
    evaluator
}

/// Parses `text` with paperkg's prefixes and binds `params` into its `VALUES` clauses (see
/// [`params::bind`]). Updates are refused; a syntax error is located in `text`.
pub fn prepare(text: &str, params: &[ParamValue]) -> Result<spargebra::Query, QueryError> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, iri) in PREFIXES {
        parser = parser
            .with_prefix(*prefix, *iri)
            .unwrap_or_else(|e| unreachable!("static prefix: {e}"));
    }
    let mut query = match parser.parse_query(text) {
        Ok(query) => query,
        Err(e) => {
            if evaluator().parse_update(text).is_ok() {
                return Err(QueryError::Update);
            }
            return Err(QueryError::Syntax(syntax::describe(text, &e.to_string())));
        }
    };
    let accepted: Vec<String> = parse_header(text)
        .params
        .into_iter()
        .map(|p| p.name)
        .collect();
    params::bind(&mut query, params, &accepted)?;
    Ok(query)
}

/// Runs a query with its parameters bound and writes its results to `out` in `format`.
/// Updates are refused.
///
/// ```
/// # use paperkg_core::corpus::{Paper, PaperId};
/// # use paperkg_core::extract::Extractor;
/// # use paperkg_core::graph::KnowledgeGraph;
/// # use paperkg_store::rdf::mapping::QuadWriter;
/// # use paperkg_store::rdf::{vocab::DEFAULT_BASE, MappingConfig};
/// # let extractor = Extractor::builder().build()?;
/// # let paper = Paper {
/// #     id: PaperId::Local("p1".into()),
/// #     title: "BERT on SQuAD".into(),
/// #     abstract_text: "We fine-tune BERT on SQuAD.".into(),
/// #     ..Paper::default()
/// # };
/// # let graph = KnowledgeGraph::from_extractions(&[extractor.extract(&paper)]);
/// # let config = MappingConfig { base: DEFAULT_BASE.into(), dictionary_version: "doc".into() };
/// # let mut writer = QuadWriter::new(config);
/// # let mut quads = Vec::new();
/// # writer.graph(&graph, &mut quads);
/// # writer.paper_count_quads(&mut quads);
/// use paperkg_store::query::{run, OutputFormat};
///
/// // A store holding one paper, "BERT on SQuAD" (built as `StoreLocation::build` shows).
/// let store = oxigraph::store::Store::new()?;
/// store.extend(quads)?;
///
/// let mut csv = Vec::new();
/// let titles = "SELECT ?title WHERE { ?paper dcterms:title ?title }";
/// run(&store, titles, &[], OutputFormat::Csv, &mut csv)?;
/// assert_eq!(String::from_utf8(csv)?, "title\r\nBERT on SQuAD\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run(
    store: &Store,
    text: &str,
    params: &[ParamValue],
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    let query = prepare(text, params)?;
    let results = evaluator().for_query(query).on_store(store).execute()?;
    write_results(results, format, out)
}

/// Writes query results in the chosen format.
pub fn write_results(
    results: QueryResults<'_>,
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<(), QueryError> {
    match results {
        QueryResults::Boolean(value) => match results_format(format) {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *out, value)?;
                writeln!(out)?;
            }
            None => writeln!(out, "{value}")?,
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            match results_format(format) {
                Some(f) => {
                    let mut writer = QueryResultsSerializer::from_format(f)
                        .serialize_solutions_to_writer(&mut *out, variables)?;
                    for solution in solutions {
                        writer.serialize(&solution?)?;
                    }
                    writer.finish()?;
                }
                None => {
                    let mut rows = Vec::new();
                    for solution in solutions {
                        let solution = solution?;
                        rows.push(
                            variables
                                .iter()
                                .map(|v| solution.get(v).map(display_term).unwrap_or_default())
                                .collect(),
                        );
                    }
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_string()).collect();
                    write_table(&header, &rows, out)?;
                }
            }
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                OutputFormat::Table => RdfFormat::Turtle,
                OutputFormat::Xml => RdfFormat::RdfXml,
                _ => RdfFormat::NTriples,
            };
            let mut serializer = RdfSerializer::from_format(rdf_format);
            for (prefix, iri) in PREFIXES {
                serializer = serializer
                    .with_prefix(*prefix, *iri)
                    .unwrap_or_else(|e| unreachable!("static prefix: {e}"));
            }
            let mut writer = serializer.for_writer(&mut *out);
            for triple in triples {
                writer.serialize_triple(&triple?)?;
            }
            writer.finish()?;
        }
    }
    Ok(())
}

fn results_format(format: OutputFormat) -> Option<QueryResultsFormat> {
    match format {
        OutputFormat::Table => None,
        OutputFormat::Csv => Some(QueryResultsFormat::Csv),
        OutputFormat::Tsv => Some(QueryResultsFormat::Tsv),
        OutputFormat::Json => Some(QueryResultsFormat::Json),
        OutputFormat::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// A term for people: literals as their value, IRIs with a known prefix shortened.
pub(crate) fn display_term(term: &Term) -> String {
    match term {
        Term::Literal(l) => l.value().to_string(),
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .find_map(|(prefix, ns)| {
                    iri.strip_prefix(ns)
                        .map(|local| format!("{prefix}:{local}"))
                })
                .unwrap_or_else(|| iri.to_string())
        }
        other => other.to_string(),
    }
}

/// Writes rows as a table with aligned columns; long cells are cut at 80 characters.
pub fn write_table(
    header: &[String],
    rows: &[Vec<String>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    const MAX: usize = 80;
    let cut = |s: &str| -> String {
        let flat = s.replace(['\n', '\t'], " ");
        if flat.chars().count() > MAX {
            format!("{}…", flat.chars().take(MAX - 1).collect::<String>())
        } else {
            flat
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cols: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let padded: Vec<String> = cols
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for row in &cells {
        line(row, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

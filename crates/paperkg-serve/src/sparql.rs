//! The SPARQL 1.1 Protocol at `/sparql`: query by GET, by POST `application/sparql-query` and
//! by POST form; updates refused; every query under a timeout and a result-size cap.

use super::http::{decode_form, Request, Response};
use super::limits::{cap_rows, CappedWriter, Limits, Places, Slot};
use super::negotiate::{self, Format, ResultKind};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryEvaluationError, QueryResults, SparqlSyntaxError,
};
use oxigraph::store::Store;
use paperkg_store::query::{evaluator, write_results, QueryError};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// Why a SPARQL request got no results. Each maps to an HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// Only GET, POST (and OPTIONS, handled by the router) are allowed.
    #[error("method {0} is not allowed on /sparql; use GET or POST")]
    Method(String),
    /// The request is an update, or carries one.
    #[error("SPARQL updates are not allowed: this endpoint is read-only")]
    Update,
    /// No query text was found.
    #[error("no query: pass ?query=, a form field query=, or an application/sparql-query body")]
    MissingQuery,
    /// A POST body of another media type.
    #[error("unsupported content type {0:?}: use application/sparql-query or application/x-www-form-urlencoded")]
    MediaType(String),
    /// The body or a parameter is not UTF-8.
    #[error("the query is not valid UTF-8")]
    NotUtf8,
    /// The query does not parse.
    #[error("SPARQL syntax error: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    /// A `default-graph-uri` or `named-graph-uri` is not an IRI.
    #[error("invalid graph IRI {0:?}")]
    GraphIri(String),
    /// No format the client accepts can hold this kind of result.
    #[error("none of the accepted formats can hold this result; for SELECT and ASK use JSON, XML, CSV or TSV, for CONSTRUCT and DESCRIBE use Turtle, N-Triples or RDF/XML")]
    NotAcceptable,
    /// The query ran past the timeout and was cancelled.
    #[error("the query was cancelled after the {0:?} timeout")]
    Timeout(Duration),
    /// The result has more rows than the cap.
    #[error("the result has more than {0} rows; add a LIMIT")]
    TooManyRows(usize),
    /// The serialized result is larger than the cap.
    #[error("the result is larger than {0} bytes; add a LIMIT")]
    TooManyBytes(usize),
    /// Too many queries are running (including timed-out ones still winding down).
    #[error("too many queries are running; try again shortly")]
    Busy,
    /// The query thread could not be started, or ended without an answer.
    #[error("the query thread failed: {0}")]
    Thread(String),
    /// Evaluation failed.
    #[error("query failed: {0}")]
    Evaluation(QueryEvaluationError),
    /// Writing the results failed.
    #[error("writing results: {0}")]
    Write(QueryError),
}

impl ProtocolError {
    /// The HTTP status for this error.
    pub fn status(&self) -> u16 {
        match self {
            ProtocolError::Method(_) => 405,
            ProtocolError::Update => 403,
            ProtocolError::MissingQuery
            | ProtocolError::NotUtf8
            | ProtocolError::Syntax(_)
            | ProtocolError::GraphIri(_) => 400,
            ProtocolError::MediaType(_) => 415,
            ProtocolError::NotAcceptable => 406,
            ProtocolError::TooManyRows(_) | ProtocolError::TooManyBytes(_) => 422,
            ProtocolError::Timeout(_) | ProtocolError::Busy => 503,
            ProtocolError::Evaluation(e) if is_client_error(e) => 400,
            ProtocolError::Evaluation(_) | ProtocolError::Write(_) | ProtocolError::Thread(_) => {
                500
            }
        }
    }
}

/// Errors caused by the query itself rather than the server: federated SERVICE calls, which
/// paperkg does not make.
fn is_client_error(error: &QueryEvaluationError) -> bool {
    matches!(
        error,
        QueryEvaluationError::Service(_)
            | QueryEvaluationError::UnsupportedService(_)
            | QueryEvaluationError::UnboundService
            | QueryEvaluationError::InvalidServiceName(_)
    )
}

/// The SPARQL endpoint: the store, the limits, and a count of the queries running.
pub struct Endpoint {
    store: Store,
    limits: Limits,
    places: Arc<Places>,
}

impl Endpoint {
    /// An endpoint over a store (open it read-only: the endpoint never writes, but a
    /// read-only store makes that a guarantee).
    pub fn new(store: Store, limits: Limits) -> Endpoint {
        Endpoint {
            store,
            limits,
            places: Arc::new(Places::default()),
        }
    }

    /// Answers one request to `/sparql`.
    pub fn handle(&self, request: &Request) -> Response {
        match self.answer(request) {
            Ok((format, body)) => Response::new(200, format.content_type(), body),
            Err(e) => {
                let response = Response::error(e.status(), &e);
                match e {
                    ProtocolError::Method(_) => response.with_header("Allow", "GET, POST, OPTIONS"),
                    // A place frees up when a query ends; a second is a fair time to come back.
                    ProtocolError::Busy => response.with_header("Retry-After", "1"),
                    _ => response,
                }
            }
        }
    }

    /// Parses here, then evaluates and serializes on a thread of its own, so that the answer
    /// comes back when the timeout passes even if the evaluation has not yet noticed that it
    /// was cancelled (oxigraph checks the token between reads, not inside every in-memory
    /// join or sort).
    fn answer(&self, request: &Request) -> Result<(Format, Vec<u8>), ProtocolError> {
        let operation = operation(request)?;
        let token = CancellationToken::new();
        let mut prepared = prepare(&operation.query, token.clone())?;
        set_dataset(&mut prepared, &operation)?;
        let slot = Slot::take(
            &self.places,
            self.limits.max_running,
            self.limits.queue_wait,
        )
        .map_err(|_| ProtocolError::Busy)?;
        let requested = match operation.values("format").next() {
            Some(name) => Requested::Param(name.to_string()),
            None => Requested::Accept(request.header("accept").unwrap_or("").to_string()),
        };
        let (store, limits) = (self.store.clone(), self.limits);
        let (send, receive) = mpsc::channel();
        std::thread::Builder::new()
            .name("query".to_string())
            .spawn(move || {
                let _slot = slot;
                // The receiver is gone when the query timed out; the result is then dropped.
                let _ = send.send(evaluate(&store, &limits, prepared, &requested));
            })
            .map_err(|e| ProtocolError::Thread(e.to_string()))?;
        match receive.recv_timeout(self.limits.timeout) {
            Ok(result) => result,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                token.cancel();
                Err(ProtocolError::Timeout(self.limits.timeout))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(ProtocolError::Thread(
                "it ended without an answer".to_string(),
            )),
        }
    }
}

/// How the client asked for a format.
enum Requested {
    /// A `format` parameter.
    Param(String),
    /// The `Accept` header (empty when absent).
    Accept(String),
}

/// Executes a prepared query and serializes its results in the negotiated format.
fn evaluate(
    store: &Store,
    limits: &Limits,
    prepared: PreparedSparqlQuery,
    requested: &Requested,
) -> Result<(Format, Vec<u8>), ProtocolError> {
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| evaluation_error(e, limits))?;
    let kind = match results {
        QueryResults::Graph(_) => ResultKind::Graph,
        _ => ResultKind::Solutions,
    };
    let format = match requested {
        Requested::Param(name) => negotiate::from_param(name, kind),
        Requested::Accept(accept) => negotiate::from_accept(accept, kind),
    }
    .ok_or(ProtocolError::NotAcceptable)?;
    let body = serialize(results, format, limits)?;
    Ok((format, body))
}

/// The operation's parameters, from the query string and, for a form, the body.
struct Operation {
    query: String,
    params: Vec<(String, String)>,
}

impl Operation {
    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.params
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn operation(request: &Request) -> Result<Operation, ProtocolError> {
    let mut params = request.params();
    let query = match request.method.as_str() {
        "GET" => None,
        "POST" => match request.content_type().unwrap_or_default().as_str() {
            "application/sparql-query" => {
                Some(String::from_utf8(request.body.clone()).map_err(|_| ProtocolError::NotUtf8)?)
            }
            "application/x-www-form-urlencoded" => {
                params.extend(decode_form(&request.body));
                None
            }
            "application/sparql-update" => return Err(ProtocolError::Update),
            other => return Err(ProtocolError::MediaType(other.to_string())),
        },
        other => return Err(ProtocolError::Method(other.to_string())),
    };
    if params.iter().any(|(n, _)| n == "update") {
        return Err(ProtocolError::Update);
    }
    let query = query
        .or_else(|| {
            params
                .iter()
                .find(|(n, _)| n == "query")
                .map(|(_, v)| v.clone())
        })
        .ok_or(ProtocolError::MissingQuery)?;
    Ok(Operation { query, params })
}

/// Parses a query, telling an update (refused) from a syntax error.
fn prepare(text: &str, token: CancellationToken) -> Result<PreparedSparqlQuery, ProtocolError> {
    match evaluator().with_cancellation_token(token).parse_query(text) {
        Ok(prepared) => Ok(prepared),
        Err(_) if evaluator().parse_update(text).is_ok() => Err(ProtocolError::Update),
        Err(e) => Err(e.into()),
    }
}

/// Applies `default-graph-uri` and `named-graph-uri`, which override the query's own dataset.
fn set_dataset(
    prepared: &mut PreparedSparqlQuery,
    operation: &Operation,
) -> Result<(), ProtocolError> {
    let iri =
        |value: &str| NamedNode::new(value).map_err(|_| ProtocolError::GraphIri(value.to_string()));
    let defaults = operation
        .values("default-graph-uri")
        .map(|v| iri(v).map(GraphName::from))
        .collect::<Result<Vec<_>, _>>()?;
    let named = operation
        .values("named-graph-uri")
        .map(|v| iri(v).map(NamedOrBlankNode::from))
        .collect::<Result<Vec<_>, _>>()?;
    if !defaults.is_empty() || !named.is_empty() {
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults);
        dataset.set_available_named_graphs(named);
    }
    Ok(())
}

fn evaluation_error(error: QueryEvaluationError, limits: &Limits) -> ProtocolError {
    match error {
        QueryEvaluationError::Cancelled => ProtocolError::Timeout(limits.timeout),
        other => ProtocolError::Evaluation(other),
    }
}

/// Writes the results into memory, enforcing the row and byte caps, so that a failure can
/// still be reported with an error status.
fn serialize(
    results: QueryResults<'_>,
    format: Format,
    limits: &Limits,
) -> Result<Vec<u8>, ProtocolError> {
    let over_rows = Rc::new(Cell::new(false));
    let results = cap_rows(results, limits.max_rows, &over_rows);
    let mut out = CappedWriter::new(limits.max_bytes);
    let written = write_results(results, format.output_format(), &mut out);
    if out.over {
        return Err(ProtocolError::TooManyBytes(limits.max_bytes));
    }
    match written {
        Err(QueryError::Evaluation(QueryEvaluationError::Cancelled)) => {
            Err(ProtocolError::Timeout(limits.timeout))
        }
        Err(QueryError::Evaluation(e)) => Err(ProtocolError::Evaluation(e)),
        Err(e) => Err(ProtocolError::Write(e)),
        Ok(()) if over_rows.get() => Err(ProtocolError::TooManyRows(limits.max_rows)),
        Ok(()) => Ok(out.buffer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, QuadRef};

    fn store(triples: usize) -> Store {
        let store = Store::new().unwrap_or_else(|e| panic!("store: {e}"));
        let s = NamedNodeRef::new_unchecked("http://example.com/s");
        let p = NamedNodeRef::new_unchecked("http://example.com/p");
        for i in 0..triples {
            let o = Literal::from(i as i64);
            store
                .insert(QuadRef::new(s, p, o.as_ref(), GraphNameRef::DefaultGraph))
                .unwrap_or_else(|e| panic!("insert: {e}"));
        }
        store
    }

    fn handle(store: &Store, limits: &Limits, request: &Request) -> Response {
        Endpoint::new(store.clone(), *limits).handle(request)
    }

    #[test]
    fn refuses_queries_past_the_running_cap() {
        let limits = Limits {
            max_running: 0,
            queue_wait: Duration::from_millis(10),
            ..Limits::default()
        };
        let response = handle(&store(1), &limits, &get("ASK {}"));
        assert_eq!(response.status, 503);
        assert_eq!(response.header("retry-after"), Some("1"));
    }

    fn get(query: &str) -> Request {
        let encoded: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
        Request::new("GET", &format!("/sparql?query={encoded}"))
    }

    #[test]
    fn answers_a_select_as_json() {
        let response =
            Endpoint::new(store(3), Limits::default()).handle(&get("SELECT * { ?s ?p ?o }"));
        assert_eq!(response.status, 200);
        assert_eq!(
            response.header("content-type"),
            Some("application/sparql-results+json")
        );
    }

    #[test]
    fn caps_rows_and_bytes() {
        let store = store(10);
        let query = get("SELECT * { ?s ?p ?o }");
        let rows = Limits {
            max_rows: 9,
            ..Limits::default()
        };
        assert_eq!(handle(&store, &rows, &query).status, 422);
        let exact = Limits {
            max_rows: 10,
            ..Limits::default()
        };
        assert_eq!(handle(&store, &exact, &query).status, 200);
        let bytes = Limits {
            max_bytes: 100,
            ..Limits::default()
        };
        assert_eq!(handle(&store, &bytes, &query).status, 422);
    }

    #[test]
    fn refuses_updates() {
        let update = get("INSERT DATA { <http://a> <http://b> <http://c> }");
        assert_eq!(handle(&store(0), &Limits::default(), &update).status, 403);
        let mut form = Request::new("POST", "/sparql");
        form.headers
            .push(("content-type".into(), "application/sparql-update".into()));
        form.body = b"CLEAR ALL".to_vec();
        assert_eq!(handle(&store(0), &Limits::default(), &form).status, 403);
    }

    #[test]
    fn a_zero_timeout_cancels() {
        let limits = Limits {
            timeout: Duration::ZERO,
            ..Limits::default()
        };
        let query = get("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }");
        assert_eq!(handle(&store(60), &limits, &query).status, 503);
    }
}

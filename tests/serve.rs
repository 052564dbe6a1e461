//! `paperkg serve` over a store built from the bundled example corpus: the SPARQL protocol,
//! content negotiation, the read-only rule, limits, CORS and the page's JSON endpoints. Each
//! test starts its own server on an ephemeral loopback port and kills it when done.

mod common;

use common::served::{encode, Reply, Served};
use common::TempStore;
use std::path::Path;
use std::process::Command;

const COUNT_PAPERS: &str =
    "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://schema.org/ScholarlyArticle> }";

fn example_store() -> TempStore {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus.jsonl");
    TempStore::build(&[&corpus])
}

fn count_of(reply: &Reply) -> String {
    let json = reply.json();
    json["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no count in {json}"))
        .to_string()
}

#[test]
fn get_post_and_form_queries_agree_with_the_cli() {
    let store = example_store();
    let expected = store.query_json(COUNT_PAPERS)[0]["n"].clone();
    let served = Served::start(&store, &[]);
    let get = served.get(&format!("/sparql?query={}", encode(COUNT_PAPERS)), "*/*");
    let post = served.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        COUNT_PAPERS.as_bytes(),
    );
    let form = served.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        format!("query={}", encode(COUNT_PAPERS)).as_bytes(),
    );
    for reply in [&get, &post, &form] {
        assert_eq!(reply.status, 200, "{}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/sparql-results+json")
        );
        assert_eq!(serde_json::Value::from(count_of(reply)), expected);
    }
}

#[test]
fn negotiates_result_and_graph_formats() {
    let store = example_store();
    let served = Served::start(&store, &[]);
    let select = format!("/sparql?query={}", encode(COUNT_PAPERS));
    let cases = [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        ("text/csv", "text/csv; charset=utf-8", "n\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "?n\n",
        ),
    ];
    for (accept, content_type, start) in cases {
        let reply = served.get(&select, accept);
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some(content_type));
        assert!(reply.body.contains(start), "{accept}: {}", reply.body);
    }
    let by_param = served.get(&format!("{select}&format=csv"), "application/json");
    assert_eq!(
        by_param.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    assert_eq!(served.get(&select, "image/png").status, 406);

    let construct = format!(
        "/sparql?query={}",
        encode("CONSTRUCT { ?p a <https://schema.org/ScholarlyArticle> } WHERE { ?p a <https://schema.org/ScholarlyArticle> }")
    );
    let graph_cases = [
        ("*/*", "text/turtle", "schema:ScholarlyArticle"),
        (
            "application/n-triples",
            "application/n-triples",
            "<https://schema.org/ScholarlyArticle> .",
        ),
        ("application/rdf+xml", "application/rdf+xml", "<rdf:RDF"),
    ];
    for (accept, content_type, needle) in graph_cases {
        let reply = served.get(&construct, accept);
        assert_eq!(reply.status, 200, "{accept}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some(content_type));
        assert!(reply.body.contains(needle), "{accept}: {}", reply.body);
    }
    assert_eq!(
        served
            .get(&construct, "application/sparql-results+json")
            .status,
        406
    );
}

#[test]
fn updates_are_refused_and_change_nothing() {
    let store = example_store();
    let served = Served::start(&store, &[]);
    let before = count_of(&served.get(&format!("/sparql?query={}", encode(COUNT_PAPERS)), ""));
    let update = "INSERT DATA { <urn:x> a <https://schema.org/ScholarlyArticle> }";
    let attempts = [
        served.get(&format!("/sparql?query={}", encode(update)), ""),
        served.get(&format!("/sparql?update={}", encode(update)), ""),
        served.request(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-update")],
            update.as_bytes(),
        ),
        served.request(
            "POST",
            "/sparql",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            format!("update={}", encode(update)).as_bytes(),
        ),
        served.request(
            "POST",
            "/sparql",
            &[("Content-Type", "application/sparql-query")],
            b"DELETE WHERE { ?s ?p ?o }",
        ),
    ];
    for reply in &attempts {
        assert!(
            (400..500).contains(&reply.status),
            "{} {}",
            reply.status,
            reply.body
        );
    }
    let after = count_of(&served.get(&format!("/sparql?query={}", encode(COUNT_PAPERS)), ""));
    assert_eq!(before, after);
    drop(served);
    assert_eq!(
        store.query_json(COUNT_PAPERS)[0]["n"],
        serde_json::Value::from(after)
    );
}

#[test]
fn bad_requests_get_clear_statuses() {
    let store = example_store();
    let served = Served::start(&store, &["--max-body", "64"]);
    assert_eq!(served.get("/sparql", "").status, 400);
    assert_eq!(served.get("/sparql?query=SELEKT", "").status, 400);
    let wrong_type = served.request(
        "POST",
        "/sparql",
        &[("Content-Type", "text/plain")],
        b"ASK {}",
    );
    assert_eq!(wrong_type.status, 415);
    let big = served.request(
        "POST",
        "/sparql",
        &[("Content-Type", "application/sparql-query")],
        format!("ASK {{}} #{}", "x".repeat(100)).as_bytes(),
    );
    assert_eq!(big.status, 413);
    assert_eq!(served.request("DELETE", "/sparql", &[], b"").status, 405);
    assert_eq!(served.get("/etc/passwd", "").status, 404);
    assert_eq!(served.get("/../Cargo.toml", "").status, 404);
}

#[test]
fn cors_headers_and_preflight() {
    let store = example_store();
    let served = Served::start(&store, &[]);
    let reply = served.get(&format!("/sparql?query={}", encode("ASK {}")), "");
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
    let preflight = served.request(
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    let methods = preflight
        .header("access-control-allow-methods")
        .unwrap_or_default();
    assert!(methods.contains("POST"), "{methods}");
    let allowed = preflight
        .header("access-control-allow-headers")
        .unwrap_or_default();
    assert!(
        allowed.to_ascii_lowercase().contains("content-type"),
        "{allowed}"
    );
}

#[test]
fn row_byte_and_time_limits() {
    let store = example_store();
    let everything = format!("/sparql?query={}", encode("SELECT * WHERE { ?s ?p ?o }"));
    let served = Served::start(&store, &["--max-rows", "5"]);
    assert_eq!(served.get(&everything, "").status, 422);
    let limited = format!(
        "/sparql?query={}",
        encode("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    );
    assert_eq!(served.get(&limited, "").status, 200);
    drop(served);

    let served = Served::start(&store, &["--max-bytes", "1000"]);
    assert_eq!(served.get(&everything, "").status, 422);
    drop(served);

    // With the caps lifted only the (zero) timeout can stop this cross product.
    let served = Served::start(
        &store,
        &[
            "--timeout",
            "0",
            "--max-rows",
            "1000000000",
            "--max-bytes",
            "100000000000",
        ],
    );
    let cross = encode("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let reply = served.get(&format!("/sparql?query={cross}"), "");
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(reply.body.contains("timeout"), "{}", reply.body);
}

#[test]
fn lookup_queries_and_graph_endpoints() {
    let store = example_store();
    let served = Served::start(&store, &[]);
    let found = served.get("/api/lookup?name=segment%20anything%20model", "");
    assert_eq!(found.status, 200, "{}", found.body);
    let json = found.json();
    assert_eq!(json["status"], "found");
    assert_eq!(json["cards"][0]["name"], "SAM");
    assert!(json["cards"][0]["papers"]
        .as_array()
        .is_some_and(|p| !p.is_empty()));

    let missing = served.get("/api/lookup?name=segment%20anythin", "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["status"], "not-found");
    assert_eq!(served.get("/api/lookup", "").status, 400);

    let queries = served.get("/api/queries", "").json();
    let names: Vec<&str> = queries
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {queries}"))
        .iter()
        .filter_map(|q| q["name"].as_str())
        .collect();
    assert!(names.contains(&"top-models"), "{names:?}");

    let graph = served
        .get("/api/graph?name=SAM&depth=2&format=json", "")
        .json();
    assert!(graph["nodes"][0]["label"] == "SAM", "{graph}");
    assert!(graph["edges"].as_array().is_some_and(|e| !e.is_empty()));
    let dot = served.get("/api/graph?name=SAM&format=dot", "");
    assert!(dot.body.starts_with("digraph"), "{}", dot.body);
    assert_eq!(
        served.get("/api/graph?name=nothing-like-this", "").status,
        404
    );
    assert_eq!(served.get("/api/graph?name=SAM&depth=9", "").status, 400);
}

#[test]
fn serves_the_page_and_logs_each_request() {
    let store = example_store();
    let served = Served::start(&store, &[]);
    let page = served.get("/", "text/html");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<label for=\"lookup-name\""));
    assert!(
        !page.body.contains("http://") && !page.body.contains("https://"),
        "no CDN"
    );
    for asset in ["/app.js", "/style.css"] {
        assert_eq!(served.get(asset, "").status, 200, "{asset}");
    }
    assert!(page.header("content-security-policy").is_some());
    // The log line is written after the reply is sent; wait for it without timing anything.
    let wanted = "GET /style.css 200";
    for _ in 0..100 {
        if served.log().iter().any(|l| l.starts_with(wanted)) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let log = served.log();
    let line = log
        .iter()
        .find(|l| l.starts_with(wanted))
        .unwrap_or_else(|| panic!("no log line {wanted:?} in {log:?}"));
    assert!(line.ends_with("ms"), "{line}");
}

#[test]
fn stops_cleanly_on_sigterm() {
    let store = example_store();
    let mut served = Served::start(&store, &[]);
    assert_eq!(served.get("/api/queries", "").status, 200);
    let pid = served.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status();
    assert!(killed.is_ok_and(|s| s.success()), "kill -TERM {pid}");
    let status = served.child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(status.success(), "serve exited with {status} on SIGTERM");
}

/// Load: 16 clients each sending the cheap `top-models` query 40 times, at once, to a server
/// with four workers (three queries running at most). A query that finds every place taken
/// waits for one instead of being refused at once, so at most 1% are refused; a refusal
/// carries Retry-After. Loopback only, and bounded by the request count, not by time.
#[test]
fn sixteen_clients_of_cheap_queries_are_nearly_all_answered() {
    const CLIENTS: usize = 16;
    const EACH: usize = 40;
    let store = example_store();
    let served = Served::start(&store, &["--threads", "4"]);
    let query = include_str!("../queries/top-models.rq");
    let target = format!("/sparql?query={}", encode(query));
    let replies: Vec<(u16, Option<String>, std::time::Duration)> = std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| {
                scope.spawn(|| {
                    (0..EACH)
                        .map(|_| {
                            let started = std::time::Instant::now();
                            let reply = served.get(&target, "application/sparql-results+json");
                            let retry = reply.header("retry-after").map(str::to_string);
                            (reply.status, retry, started.elapsed())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        clients
            .into_iter()
            .flat_map(|c| c.join().unwrap_or_else(|_| panic!("a client panicked")))
            .collect()
    });
    assert_eq!(replies.len(), CLIENTS * EACH);
    let refused: Vec<_> = replies.iter().filter(|(s, _, _)| *s == 503).collect();
    assert!(
        replies.iter().all(|(s, _, _)| *s == 200 || *s == 503),
        "only answers and refusals"
    );
    assert!(
        refused
            .iter()
            .all(|(_, retry, _)| retry.as_deref() == Some("1")),
        "every refusal says when to come back"
    );
    assert!(
        refused.len() * 100 <= replies.len(),
        "{} of {} refused",
        refused.len(),
        replies.len()
    );
    // Reported, not asserted: timings depend on the machine.
    let mut times: Vec<_> = replies.iter().map(|(_, _, t)| *t).collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    eprintln!(
        "{} requests, {} refused; p50 {:?}, p99 {:?}, max {:?}",
        replies.len(),
        refused.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

/// Long queries hold every place for running queries and more wait for one; the page and the
/// API are still answered, since queries wait and run on threads of their own, not on the
/// workers.
#[test]
fn long_queries_do_not_starve_the_page_or_the_api() {
    let store = example_store();
    let served = Served::start(
        &store,
        &["--threads", "3", "--timeout", "4", "--queue-wait", "2"],
    );
    let slow = format!(
        "/sparql?query={}",
        encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    );
    std::thread::scope(|scope| {
        // Two run (threads - 1), two wait for a place and are refused after --queue-wait.
        let long: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| served.get(&slow, "").status))
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(500));
        assert_eq!(served.get("/", "text/html").status, 200);
        let card = served.get("/api/lookup?name=SAM", "");
        assert_eq!(card.status, 200, "{}", card.body);
        assert_eq!(card.json()["cards"][0]["name"], "SAM");
        let graph = served.get("/api/graph?name=SAM&format=json", "");
        assert_eq!(graph.status, 200, "{}", graph.body);
        for status in long {
            let status = status.join().unwrap_or(0);
            assert_eq!(status, 503, "long queries time out or are refused");
        }
    });
}

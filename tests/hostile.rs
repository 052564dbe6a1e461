//! Hostile input: names that try to break out of the lookup query, requests that try to write,
//! to read files, or to swamp `serve` with slow queries.

mod common;

use common::served::{encode, Reply, Served};
use common::{paperkg, TempStore};
use paperkg_core::text::name_key;
use paperkg_store::lookup::{lookup, Lookup};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn example_store() -> TempStore {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus.jsonl");
    TempStore::build(&[&corpus])
}

/// Names that would change the query if they were spliced into its text.
const HOSTILE: &[&str] = &[
    "\"",
    "'",
    "SAM\" } UNION { ?e ?p ?o } #",
    "sam' } UNION { ?e ?p ?o . FILTER(true) } #",
    "} UNION {",
    "{ ?e ?p ?o }",
    "SAM # comment",
    "#",
    "SAM\"^^<http://www.w3.org/2001/XMLSchema#string>",
    "<https://w3id.org/paperkg/entity/model/sam>",
    "https://w3id.org/paperkg/entity/model/sam",
    "?needle",
    "$e",
    "\\\" . ?e ?p ?o . \\\"",
    "SAM\\u0022 } UNION {",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "S-A-M",
];

/// Whatever a name holds, the lookup finds exactly the entities whose aliases share its key,
/// and nothing else: the cards' names or aliases must all normalise to the name's key.
/// `found` is the lookup's JSON, as `paperkg lookup --format json` and `/api/lookup` give it.
fn assert_only_same_key(name: &str, found: &serde_json::Value) {
    let key = name_key(name);
    for card in found["cards"].as_array().into_iter().flatten() {
        assert!(!key.is_empty(), "{name:?} has no key but found {card}");
        let labels = std::iter::once(&card["name"])
            .chain(card["aliases"].as_array().into_iter().flatten())
            .filter_map(|l| l.as_str());
        assert!(
            labels.map(name_key).any(|k| k == key),
            "{name:?} (key {key:?}) found {}",
            card["name"]
        );
    }
}

fn as_json(found: &Lookup) -> serde_json::Value {
    serde_json::to_value(found).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn lookup_names_reach_sparql_only_as_bound_literals() {
    let store = example_store();
    let opened = oxigraph::store::Store::open_read_only(store.path())
        .unwrap_or_else(|e| panic!("open: {e}"));
    let with_nul = ["SAM\0", "\0\" } UNION { ?e ?p ?o } #\0"];
    for name in HOSTILE.iter().chain(with_nul.iter()) {
        let found = lookup(&opened, name, 5).unwrap_or_else(|e| panic!("{name:?}: {e}"));
        assert_only_same_key(name, &as_json(&found));
    }
    // The injection attempts find nothing, where a spliced query would have matched all.
    let attempt = lookup(&opened, "SAM\" } UNION { ?e ?p ?o } #", 5);
    assert!(
        matches!(attempt, Ok(Lookup::NotFound { .. })),
        "{attempt:?}"
    );
    // Case, hyphens and a NUL are not part of a name's key: these are SAM, legitimately.
    for name in ["S-A-M", "SAM\0"] {
        let Ok(Lookup::Found { cards }) = lookup(&opened, name, 5) else {
            panic!("{name:?} should find SAM");
        };
        assert_eq!(cards[0].name, "SAM");
    }
}

#[test]
fn hostile_names_on_the_command_line_and_over_http() {
    let store = example_store();
    for name in HOSTILE {
        let out = paperkg()
            .args(["lookup", name, "--format", "json", "--store"])
            .arg(store.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)) && !stderr.contains("query"),
            "{name:?}: {stderr}"
        );
        if out.status.code() == Some(0) {
            let found: serde_json::Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name:?}: {e}"));
            assert_only_same_key(name, &found);
        } else {
            assert!(stderr.contains("no entity named"), "{name:?}: {stderr}");
        }
    }
    let served = Served::start(&store, &[]);
    for name in HOSTILE
        .iter()
        .chain(["\0", "SAM\0\" } UNION {", &"x".repeat(20_000)].iter())
    {
        let reply = served.get(&format!("/api/lookup?name={}", encode(name)), "");
        assert!(
            matches!(reply.status, 200 | 404),
            "{name:?}: {} {}",
            reply.status,
            reply.body
        );
        let found = reply.json();
        assert!(
            found["status"] == "found" || found["status"] == "not-found",
            "{found}"
        );
        assert_only_same_key(name, &found);
    }
}

fn count(served: &Served) -> String {
    let query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let reply = served.get(&format!("/sparql?query={}", encode(query)), "");
    reply.json()["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A request that tries to write: method, target, headers, body, and the status it must get.
type Attempt<'a> = (&'a str, String, &'a [(&'a str, &'a str)], Vec<u8>, u16);

#[test]
fn serve_refuses_writes_and_never_reads_files_by_path() {
    let store = example_store();
    let served = Served::start(&store, &["--max-body", "4096"]);
    let before = count(&served);
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let sparql = [("Content-Type", "application/sparql-query")];
    let update = "INSERT DATA { <http://a> <http://b> <http://c> }";
    let load = "LOAD <file:///etc/passwd>";
    let attempts: Vec<Attempt> = vec![
        (
            "GET",
            format!("/sparql?query={}", encode(update)),
            &[],
            vec![],
            403,
        ),
        (
            "GET",
            format!("/sparql?update={}", encode(update)),
            &[],
            vec![],
            403,
        ),
        (
            "GET",
            format!("/sparql?query={}", encode(load)),
            &[],
            vec![],
            403,
        ),
        (
            "GET",
            format!("/sparql?query={}", encode("ASK {} ; CLEAR ALL")),
            &[],
            vec![],
            400,
        ),
        (
            "POST",
            "/sparql".into(),
            &form,
            format!("update={}", encode(update)).into_bytes(),
            403,
        ),
        ("POST", "/sparql".into(), &sparql, b"DROP ALL".to_vec(), 403),
        ("POST", "/sparql".into(), &sparql, vec![b' '; 5000], 413),
        (
            "PUT",
            "/sparql".into(),
            &sparql,
            update.as_bytes().to_vec(),
            405,
        ),
        ("DELETE", "/sparql".into(), &[], vec![], 405),
    ];
    for (method, target, headers, body, expected) in attempts {
        let reply = served.request(method, &target, headers, &body);
        assert_eq!(reply.status, expected, "{method} {target}: {}", reply.body);
    }
    assert_eq!(count(&served), before);

    // Paths, encoded or not, and queries naming files never give a file's content.
    let cargo = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let file_iri = format!("file://{}", cargo.display());
    let targets = [
        "/etc/passwd".to_string(),
        "/../Cargo.toml".to_string(),
        "/%2e%2e/Cargo.toml".to_string(),
        "/..%2fCargo.toml".to_string(),
        "//etc/passwd".to_string(),
        "/app.js/../../Cargo.toml".to_string(),
        format!("/{}", cargo.display()),
        format!(
            "/sparql?query={}",
            encode(&format!("SELECT * FROM <{file_iri}> WHERE {{ ?s ?p ?o }}"))
        ),
        format!(
            "/sparql?query={}",
            encode(&format!(
                "SELECT * WHERE {{ SERVICE <{file_iri}> {{ ?s ?p ?o }} }}"
            ))
        ),
        format!("/api/graph?name={}", encode(&cargo.display().to_string())),
    ];
    for target in &targets {
        let reply = served.get(target, "");
        assert!(
            !reply.body.contains("[package]") && !reply.body.contains("root:"),
            "{target} answered with a file: {}",
            reply.body
        );
        assert_ne!(reply.status, 500, "{target}: {}", reply.body);
    }
}

/// What the load loop measured.
#[derive(Default)]
struct Tally {
    slow: Vec<(u16, Duration)>,
    fast: Vec<(u16, Duration)>,
    ask: Vec<(u16, Duration)>,
    fast_during_burst: usize,
    errors: Vec<String>,
}

fn percentile(samples: &[(u16, Duration)], p: f64) -> Duration {
    let mut times: Vec<Duration> = samples.iter().map(|(_, d)| *d).collect();
    times.sort();
    let index = ((times.len() as f64 - 1.0) * p).round() as usize;
    times.get(index).copied().unwrap_or_default()
}

fn timed(served: &Served, target: &str) -> Result<(u16, Duration), String> {
    let started = Instant::now();
    let reply: Reply = served
        .try_request("GET", target, &[], b"")
        .map_err(|e| format!("{target}: {e}"))?;
    Ok((reply.status, started.elapsed()))
}

/// A burst of concurrent slow queries, each cut by the one-second timeout, while a client asks
/// for quick answers. The loop is bounded: `CLIENTS * ROUNDS` slow requests, then it stops.
#[test]
fn serve_stays_responsive_under_a_burst_of_slow_queries() {
    const CLIENTS: usize = 12;
    const ROUNDS: usize = 4;
    let store = example_store();
    let served = Arc::new(Served::start(&store, &["--timeout", "1", "--threads", "4"]));
    let slow = format!(
        "/sparql?query={}",
        encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    );
    let tally = Arc::new(Mutex::new(Tally::default()));
    let burst = Arc::new(AtomicBool::new(true));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (served, tally, slow) = (Arc::clone(&served), Arc::clone(&tally), slow.clone());
            std::thread::spawn(move || {
                for _ in 0..ROUNDS {
                    let result = timed(&served, &slow);
                    let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
                    match result {
                        Ok(sample) => tally.slow.push(sample),
                        Err(e) => tally.errors.push(e),
                    }
                }
            })
        })
        .collect();
    let quick = {
        let (served, tally, burst) = (Arc::clone(&served), Arc::clone(&tally), Arc::clone(&burst));
        std::thread::spawn(move || {
            let targets = ["/api/queries", "/sparql?query=ASK%20%7B%7D", "/"];
            for n in 0..2000 {
                if !burst.load(Ordering::SeqCst) {
                    break;
                }
                let result = timed(&served, targets[n % targets.len()]);
                let during = burst.load(Ordering::SeqCst);
                let mut tally = tally.lock().unwrap_or_else(|e| e.into_inner());
                match result {
                    // A query, however quick, may be turned away while the slow ones run.
                    Ok(sample) if targets[n % targets.len()].starts_with("/sparql") => {
                        tally.ask.push(sample);
                    }
                    Ok(sample) => {
                        tally.fast.push(sample);
                        tally.fast_during_burst += usize::from(during);
                    }
                    Err(e) => tally.errors.push(e),
                }
            }
        })
    };
    for client in clients {
        client
            .join()
            .unwrap_or_else(|_| panic!("a slow client panicked"));
    }
    burst.store(false, Ordering::SeqCst);
    quick
        .join()
        .unwrap_or_else(|_| panic!("the quick client panicked"));

    let tally = tally.lock().unwrap_or_else(|e| e.into_inner());
    let statuses = |samples: &[(u16, Duration)]| {
        let mut s: Vec<u16> = samples.iter().map(|(s, _)| *s).collect();
        s.sort_unstable();
        s.dedup();
        s
    };
    eprintln!(
        "load: {} slow queries from {CLIENTS} clients (statuses {:?}, p50 {:?}, p99 {:?}); \
         {} page and API requests during the burst (statuses {:?}, p50 {:?}, p99 {:?}); \
         {} quick ASK queries (statuses {:?}, p50 {:?}, p99 {:?}); {} errors",
        tally.slow.len(),
        statuses(&tally.slow),
        percentile(&tally.slow, 0.5),
        percentile(&tally.slow, 0.99),
        tally.fast.len(),
        statuses(&tally.fast),
        percentile(&tally.fast, 0.5),
        percentile(&tally.fast, 0.99),
        tally.ask.len(),
        statuses(&tally.ask),
        percentile(&tally.ask, 0.5),
        percentile(&tally.ask, 0.99),
        tally.errors.len()
    );
    assert!(tally.errors.is_empty(), "{:?}", tally.errors);
    assert_eq!(tally.slow.len(), CLIENTS * ROUNDS);
    assert!(statuses(&tally.slow).iter().all(|s| *s == 503));
    assert!(statuses(&tally.fast).iter().all(|s| *s == 200));
    assert!(statuses(&tally.ask).iter().all(|s| matches!(s, 200 | 503)));
    assert!(
        tally.fast_during_burst > 0,
        "no quick answer during the burst"
    );
    // The server is still there and still answers after the burst.
    assert_eq!(served.get("/api/queries", "").status, 200);
}

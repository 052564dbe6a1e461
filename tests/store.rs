//! Build, add, query, lookup and export through the binary, on fixtures and on the shared
//! corpus.

mod common;

use common::{extract_json, fixture, paperkg, shared_corpus, TempStore};
use oxigraph::io::{RdfFormat, RdfParser};
use std::collections::BTreeSet;
use std::path::Path;

fn strings(rows: &[serde_json::Map<String, serde_json::Value>], var: &str) -> Vec<String> {
    rows.iter()
        .filter_map(|r| r.get(var)?.as_str().map(str::to_string))
        .collect()
}

/// `paperkg lookup NAME --related 10 --format json` on a store.
fn lookup_json(store: &Path, name: &str) -> std::process::Output {
    paperkg()
        .args([
            "lookup",
            name,
            "--related",
            "10",
            "--format",
            "json",
            "--store",
        ])
        .arg(store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn nquads(store: &Path) -> BTreeSet<String> {
    let out = paperkg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn canned_queries_answer_on_the_shared_corpus() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let store = TempStore::build(&[&corpus]);

    let rows = store.query_json("papers-using-dataset");
    assert!(
        strings(&rows, "title")
            .iter()
            .any(|t| t.starts_with("ASAM")),
        "SA-1B users: {rows:?}"
    );

    let rows = store.query_json("top-models");
    assert_eq!(
        strings(&rows, "model").first().map(String::as_str),
        Some("SAM"),
        "{rows:?}"
    );

    let rows = store.query_json("model-evaluations");
    assert!(
        rows.iter()
            .any(|r| r["name"] == "SA-1B" && r["type"] == "dataset"),
        "what SAM is evaluated with: {rows:?}"
    );

    let rows = store.query_json("papers-with-code");
    assert!(
        rows.iter().any(|r| r["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("SAM-UNet"))
            && r["repository"] == "https://github.com/Hhankyangg/sam-unet"),
        "{rows:?}"
    );
    let with_code: BTreeSet<String> = strings(&rows, "title").into_iter().collect();

    let rows = store.query_json("introduced-entities");
    assert!(
        rows.iter()
            .any(|r| r["entity"] == "TinySAM" && r["type"] == "model"),
        "{rows:?}"
    );

    let rows = store.query_json("co-mentioned");
    assert!(
        rows.iter()
            .any(|r| r["of"] == "SAM" && r["entity"] == "SA-1B" && r["type"] == "dataset"),
        "what goes with SAM: {rows:?}"
    );
    let number = |v: &serde_json::Value| v.as_str().and_then(|n| n.parse::<f64>().ok());
    for row in &rows {
        let (shared, papers) = (number(&row["shared"]), number(&row["papers"]));
        assert!(
            shared.is_some_and(|s| s >= 1.0 && Some(s) <= papers),
            "{row:?}"
        );
        assert!(
            number(&row["jaccard"]).is_some_and(|j| j > 0.0 && j <= 1.0),
            "{row:?}"
        );
    }

    let rows = store.query_json("datasets-per-task");
    assert!(
        strings(&rows, "dataset").contains(&"ADE20K".to_string()),
        "datasets for semantic segmentation: {rows:?}"
    );

    let rows = store.query_json("papers-without-code");
    assert!(!rows.is_empty());
    for title in strings(&rows, "title") {
        assert!(!with_code.contains(&title), "{title} has code");
    }

    let rows = store.query_json_with("leaderboard", &["--dataset", "sa-med2d-16m"]);
    assert!(
        rows.iter().any(|r| r["dataset"] == "SA-Med2D-16M"
            && r["metric"] == "Dice"
            && r["best"] == "0.883"
            && r["model"] == "SAM-UNet"),
        "{rows:?}"
    );

    // "SAM" is also sharpness-aware minimization (a method): the query lists both entities.
    let rows = store.query_json("entity-provenance");
    assert!(rows.iter().any(|r| r["type"] == "method"), "{rows:?}");
    let rows: Vec<_> = rows.into_iter().filter(|r| r["type"] == "model").collect();
    assert!(rows.len() >= 5, "{rows:?}");
    for row in &rows {
        assert_eq!(row["entity"], "SAM", "{row:?}");
        let quote = row["quote"].as_str().unwrap_or_default();
        assert!(
            [
                "SAM",
                "SAM's",
                "SAMs",
                "Segment Anything",
                "Segment Anything Model",
                "SegAny"
            ]
            .contains(&quote),
            "{row:?}"
        );
        assert!(row["spans"].as_str().is_some_and(|s| s.contains(':')));
    }
}

#[test]
fn building_twice_gives_the_same_store() {
    let inputs = [fixture("listing.txt"), fixture("papers.jsonl")];
    let refs: Vec<&Path> = inputs.iter().map(|p| p.as_path()).collect();
    let a = TempStore::build(&refs);
    let b = TempStore::build(&refs);
    let (qa, qb) = (nquads(&a.path()), nquads(&b.path()));
    assert!(qa.len() > 100);
    assert_eq!(qa, qb);
    // Rebuilding in place replaces the store with the same content.
    paperkg()
        .arg("build")
        .args(&refs)
        .arg("--store")
        .arg(a.path())
        .assert()
        .success();
    assert_eq!(nquads(&a.path()), qb);
}

#[test]
fn add_does_not_duplicate_and_adds_new_papers() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    let before = nquads(&store.path());
    store.add(&[&fixture("listing.txt")]);
    assert_eq!(
        nquads(&store.path()),
        before,
        "re-adding the same papers changes nothing"
    );
    store.add(&[&fixture("papers.jsonl")]);
    let rows = store.query_json("SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }");
    assert_eq!(rows[0]["n"], "5");
}

/// `pkg:paperCount` after `build A` then `add B` equals the count from one build of A and B,
/// and equals the number of papers that mention each entity.
#[test]
fn add_keeps_paper_counts_exact() {
    let counts = |store: &TempStore| -> Vec<(String, String, String)> {
        store
            .query_json(
                "SELECT ?e ?n (COUNT(?p) AS ?mentions) WHERE { ?e pkg:paperCount ?n . \
                 { ?p schema:mentions ?e } UNION { ?p pkg:hasLink ?e } } GROUP BY ?e ?n ORDER BY ?e",
            )
            .into_iter()
            .map(|r| {
                let text = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                (text("e"), text("n"), text("mentions"))
            })
            .collect()
    };
    let whole = TempStore::build(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let grown = TempStore::build(&[&fixture("listing.txt")]);
    grown.add(&[&fixture("papers.jsonl"), &fixture("listing.txt")]);
    let expected = counts(&whole);
    assert!(expected.len() > 5, "{expected:?}");
    for (entity, count, mentions) in &expected {
        assert_eq!(count, mentions, "{entity}");
    }
    assert_eq!(counts(&grown), expected);
}

/// `stats` counts mentions from the stored `pkg:mentionCount`: the number of mentions
/// `extract` reports, after `build A` then `add B` (with A again) as after one build of both.
#[test]
fn stats_counts_every_mention_extract_reports() {
    let inputs = [fixture("listing.txt"), fixture("papers.jsonl")];
    let extracted: u64 = extract_json(&[&inputs[0], &inputs[1]])
        .iter()
        .flat_map(|p| p["entities"].as_array().cloned().unwrap_or_default())
        .map(|e| e["mentions"].as_array().map_or(0, |m| m.len() as u64))
        .sum();
    assert!(extracted > 10, "{extracted}");
    let mentions = |store: &TempStore| -> u64 {
        let output = paperkg()
            .args(["stats", "--format", "json", "--store"])
            .arg(store.path())
            .output()
            .unwrap_or_else(|e| panic!("stats: {e}"));
        assert!(output.status.success());
        let stats: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
        stats["mentions"].as_u64().unwrap_or(0)
    };
    let whole = TempStore::build(&[&inputs[0], &inputs[1]]);
    assert_eq!(mentions(&whole), extracted);
    let grown = TempStore::build(&[&inputs[0]]);
    grown.add(&[&inputs[1], &inputs[0]]);
    assert_eq!(mentions(&grown), extracted);
}

/// The stored leaderboards hold the highest value per dataset and metric and the number of
/// papers reporting it, as a scan of every result finds them; `build A` then `add B` gives the
/// same boards as one build of A and B.
#[test]
fn leaderboards_match_the_results_and_survive_add() {
    let boards = |store: &TempStore| -> Vec<Vec<String>> {
        store
            .query_json(
                "SELECT ?d ?x ?best ?n ?r WHERE { ?b a pkg:Leaderboard ; pkg:ofDataset ?d ; \
                 pkg:ofMetric ?x ; pkg:bestValue ?best ; pkg:bestPaperCount ?n ; \
                 pkg:bestResult ?r } ORDER BY ?d ?x",
            )
            .into_iter()
            .map(|r| {
                ["d", "x", "best", "n", "r"]
                    .iter()
                    .map(|k| r[*k].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .collect()
    };
    let whole = TempStore::build(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let scanned: Vec<Vec<String>> = whole
        .query_json(
            "SELECT ?d ?x ?best (COUNT(DISTINCT ?p) AS ?n) WHERE { \
             { SELECT ?d ?x (MAX(?v) AS ?best) WHERE { ?r pkg:dataset ?d ; \
               mls:specifiedBy ?x ; mls:hasValue ?v } GROUP BY ?d ?x } \
             ?r2 pkg:dataset ?d ; mls:specifiedBy ?x ; mls:hasValue ?best ; pkg:reportedIn ?p } \
             GROUP BY ?d ?x ?best ORDER BY ?d ?x",
        )
        .into_iter()
        .map(|r| {
            ["d", "x", "best", "n"]
                .iter()
                .map(|k| r[*k].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .collect();
    let expected = boards(&whole);
    assert!(!expected.is_empty(), "no leaderboards in the fixtures");
    let without_result: Vec<Vec<String>> = expected.iter().map(|b| b[..4].to_vec()).collect();
    assert_eq!(without_result, scanned);

    let grown = TempStore::build(&[&fixture("listing.txt")]);
    grown.add(&[&fixture("papers.jsonl")]);
    assert_eq!(boards(&grown), expected);
}

#[test]
fn turtle_export_reparses_to_the_same_triples() {
    let store = TempStore::build(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let out = paperkg()
        .args(["export", "--format", "turtle", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let parsed = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&out.stdout)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("turtle: {e}"));
    let stats = paperkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stats: serde_json::Value =
        serde_json::from_slice(&stats.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed.len() as u64, stats["triples"].as_u64().unwrap_or(0));
    for format in [
        ("ntriples", RdfFormat::NTriples),
        ("rdfxml", RdfFormat::RdfXml),
    ] {
        let out = paperkg()
            .args(["export", "--format", format.0, "--store"])
            .arg(store.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let n = RdfParser::from_format(format.1)
            .for_slice(&out.stdout)
            .count();
        assert_eq!(n, parsed.len(), "{}", format.0);
    }
}

#[test]
fn dot_export_renders_with_graphviz() {
    let store = TempStore::build(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    for around in [None, Some("segment anything model")] {
        let mut cmd = paperkg();
        cmd.args(["export", "--format", "dot", "--store"])
            .arg(store.path());
        if let Some(name) = around {
            cmd.args(["--around", name, "--depth", "2"]);
        }
        let out = cmd.output().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dot = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(dot.starts_with("digraph paperkg {"));
        if around.is_some() {
            assert!(
                dot.contains("\"SAM\"") && !dot.contains("GSM8K"),
                "neighbourhood only"
            );
        }
        let svg = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .map(|mut s| s.write_all(dot.as_bytes()))
                    .transpose()?;
                child.wait_with_output()
            })
            .unwrap_or_else(|e| panic!("graphviz `dot` must be installed (scripts/deps.sh): {e}"));
        assert!(svg.status.success());
        assert!(String::from_utf8_lossy(&svg.stdout).contains("<svg"));
    }
}

#[test]
fn lookup_by_alias_and_case_variant() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    for name in [
        "SAM",
        "segment anything model",
        "SEGMENT-ANYTHING MODEL",
        "sam's",
    ] {
        let out = lookup_json(&store.path(), name);
        assert!(out.status.success(), "{name}");
        let card: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(card["status"], "found");
        let first = &card["cards"][0];
        assert_eq!(first["name"], "SAM", "{name}");
        assert_eq!(first["type"], "model");
        assert!(first["papers"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["code"]
                .as_array()
                .is_some_and(|c| c.contains(&"https://github.com/example/us-sam".into())))));
        assert!(first["related"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r["name"] == "SA-1B")));
    }
    let out = paperkg()
        .args(["lookup", "Segmnt Anything", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("no entity named").count(), 1, "{stderr}");
    assert!(stderr.contains("did you mean"), "{stderr}");
}

#[test]
fn hostile_lookup_text_is_only_ever_a_literal() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    for name in [
        "\" } UNION { ?e ?p ?o } #",
        "SAM\" . ?x ?y ?z",
        "<http://example.org/>",
        "a\u{1}b",
        "'); DROP",
    ] {
        let out = lookup_json(&store.path(), name);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let card: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(card["status"], "not-found", "{name}");
    }
}

#[test]
fn store_location_comes_from_the_environment() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    let out = paperkg()
        .args(["stats", "--format", "json"])
        .env("PAPERKG_STORE", store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let stats: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["papers"], 2);
}

#[test]
fn query_refuses_updates_and_reports_syntax_errors() {
    let store = TempStore::build(&[&fixture("listing.txt")]);
    let out = paperkg()
        .args(["query", "DELETE WHERE { ?s ?p ?o }", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not allowed"));
    let out = paperkg()
        .args(["query", "SELECT WHERE {", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("syntax"));
    let out = paperkg()
        .args(["query", "ASK { ?s a schema:ScholarlyArticle }", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "true");
}

//! The command line's conventions (issue 17, sections 2-6): canned queries with parameters,
//! one `--format` flag for reports, runs that cannot mean what the user meant, `lookup` and
//! `paper` cards, completions, man pages, global options. Each runs the binary on the example
//! corpus and parses what it prints.

mod common;

use common::{paperkg, TempStore};
use std::path::{Path, PathBuf};
use std::process::Output;

fn example_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus.jsonl")
}

fn example_store() -> TempStore {
    TempStore::build(&[&example_corpus()])
}

/// Runs paperkg with `args` against `store` (`--store` last).
fn run(store: &TempStore, args: &[&str]) -> Output {
    paperkg()
        .args(args)
        .arg("--store")
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a command that must succeed and parses its stdout as JSON.
fn json(store: &TempStore, args: &[&str]) -> serde_json::Value {
    let output = run(store, args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// The SPARQL JSON bindings of a query run, as `variable -> value` strings.
fn bindings(store: &TempStore, args: &[&str]) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    common::bindings_of(&json(store, &all))
}

#[test]
fn canned_query_parameters_match_any_alias_in_any_case() {
    let store = example_store();
    let by_name = bindings(
        &store,
        &["query", "papers-using-dataset", "--dataset", "sa 1b"],
    );
    assert!(!by_name.is_empty());
    assert!(by_name.iter().all(|r| r["id"].as_str().is_some()));
    let canonical = bindings(
        &store,
        &["query", "papers-using-dataset", "--dataset", "SA-1B"],
    );
    assert_eq!(by_name, canonical);
    let co = bindings(
        &store,
        &[
            "query",
            "co-mentioned",
            "--entity",
            "segment anything model",
        ],
    );
    assert!(!co.is_empty());
    assert!(co.iter().all(|r| r["of"] == "SAM"), "{co:?}");
    let board = bindings(
        &store,
        &[
            "query",
            "leaderboard",
            "--dataset",
            "kvasir seg",
            "--metric",
            "dice",
        ],
    );
    assert_eq!(board.len(), 1, "{board:?}");
    assert_eq!(board[0]["best"], "0.912");
    let other_metric = bindings(
        &store,
        &[
            "query",
            "leaderboard",
            "--dataset",
            "Kvasir-SEG",
            "--metric",
            "mIoU",
        ],
    );
    assert!(other_metric.is_empty(), "{other_metric:?}");
}

#[test]
fn hostile_parameters_stay_literals_and_wrong_ones_are_bad_usage() {
    let store = example_store();
    let rows = bindings(
        &store,
        &[
            "query",
            "co-mentioned",
            "--entity",
            "\" } UNION { ?e ?p ?o } #",
        ],
    );
    assert!(rows.is_empty(), "{rows:?}");
    let wrong = run(&store, &["query", "top-models", "--entity", "SAM"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("this query takes no --entity parameter (it takes none)"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn query_list_show_and_stdin() {
    let store = example_store();
    let list = stdout(&run(&store, &["query", "--list"]));
    for name in [
        "papers-using-dataset",
        "leaderboard",
        "co-mentioned",
        "top-models",
    ] {
        assert!(list.lines().any(|l| l.starts_with(name)), "{name}: {list}");
    }
    assert!(list.contains("--dataset NAME"), "{list}");
    assert!(list.contains("--metric NAME"), "{list}");
    let shown = stdout(&run(&store, &["query", "--show", "papers-with-code"]));
    let file = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("queries/papers-with-code.rq"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown, file);
    let output = paperkg()
        .args(["query", "-", "--store"])
        .arg(store.path())
        .write_stdin("ASK { ?s a schema:ScholarlyArticle }")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stdout(&output).trim(), "true", "{}", stderr(&output));
    let missing = run(&store, &["query", "--show", "no-such-query"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn sparql_errors_are_said_once_with_line_column_and_caret() {
    let store = example_store();
    let output = run(&store, &["query", "SELECT ?x WHERE {\n  ?x foo:bar ?y\n}"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.matches("unknown prefix foo:").count(), 1, "{err}");
    assert!(err.contains("line 2, column 6"), "{err}");
    assert!(err.contains(" 2 |   ?x foo:bar ?y\n   |      ^"), "{err}");
    let output = run(&store, &["query", "SELECT ?x WHERE { ?x a ?y "]);
    let err = stderr(&output);
    assert_eq!(err.matches("SPARQL syntax error").count(), 1, "{err}");
    assert!(!err.contains("\\u{"), "{err}");
}

#[test]
fn reports_print_table_json_and_tsv_with_one_flag() {
    let store = example_store();
    let stats = json(&store, &["stats", "--format", "json"]);
    assert_eq!(stats["papers"], 8);
    assert!(stats["entities_by_type"]["model"]
        .as_u64()
        .is_some_and(|n| n > 0));
    assert!(stats["paper_entity_links"].as_u64().is_some_and(|n| n > 0));
    let rank = json(
        &store,
        &["rank", "--type", "model", "--top", "3", "--format", "json"],
    );
    assert_eq!(rank[0]["rank"], 1);
    assert_eq!(rank[0]["name"], "SAM");
    assert_eq!(rank[0]["type"], "model");
    let related = json(
        &store,
        &["related", "SAM", "--top", "100", "--format", "json"],
    );
    assert_eq!(related["entity"]["name"], "SAM");
    assert!(related["related"]
        .as_array()
        .is_some_and(|r| r.iter().any(|e| e["name"] == "SA-1B" && e["shared"] == 1)));
    let path = json(&store, &["path", "SAM", "LoRA", "--format", "json"]);
    assert_eq!(path["from"], "SAM");
    assert_eq!(path["steps"][0]["kind"], "entity");
    assert_eq!(path["steps"][1]["kind"], "paper");
    let check = paperkg()
        .args(["dictionary", "check", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let check: serde_json::Value =
        serde_json::from_slice(&check.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(check["entries_by_type"]["model"]
        .as_u64()
        .is_some_and(|n| n > 100));
    for args in [
        &["rank", "--format", "tsv"][..],
        &["related", "SAM", "--format", "tsv"],
        &["path", "SAM", "LoRA", "--format", "tsv"],
        &["stats", "--format", "tsv"],
    ] {
        let text = stdout(&run(&store, args));
        let header = text.lines().next().unwrap_or_default();
        let columns = header.split('\t').count();
        assert!(columns >= 2, "{args:?}: {text}");
        assert!(
            text.lines().all(|l| l.split('\t').count() == columns),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn trend_notes_go_to_stderr_and_counts_to_stdout() {
    let store = TempStore::build(&[&common::fixture("trend.jsonl")]);
    let output = run(&store, &["trend", "SAM", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let trend: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(trend["months"].as_array().is_some_and(|m| !m.is_empty()));
    assert_eq!(trend["series"][0]["name"], "SAM");
}

#[test]
fn trend_without_dates_warns_and_writes_no_chart() {
    let store = example_store();
    let chart = store.dir.path().join("chart.svg");
    let output = run(&store, &["trend", "SAM", "-o", &chart.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).contains("warning: no paper mentioning SAM has a date"));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    assert!(!chart.exists());
}

#[test]
fn build_prints_the_triple_count_that_stats_gives() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    let output = paperkg()
        .arg("build")
        .arg(example_corpus())
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = stderr(&output);
    assert!(err.contains("8 papers read, 0 records skipped"), "{err}");
    assert!(err.contains("triples in the store)"), "{err}");
    let written: u64 = err
        .split('(')
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {err}"));
    let stats = paperkg()
        .args(["stats", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stats: serde_json::Value =
        serde_json::from_slice(&stats.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stats["triples"].as_u64(), Some(written));
}

#[test]
fn eval_with_no_gold_paper_in_the_input_fails_with_a_hint() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"title\": \"A Paper Not In The Input\", \"entities\": []}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let output = paperkg()
        .arg("eval")
        .arg("--gold")
        .arg(&gold)
        .arg(example_corpus())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("none of the 1 gold papers"), "{err}");
    assert!(err.contains("is the input the corpus"), "{err}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn requests_that_cannot_mean_what_was_meant_are_bad_usage() {
    let store = example_store();
    let png = store.dir.path().join("chart.png");
    let png = png.to_string_lossy();
    for args in [
        &["export", "--format", "dot", "--depth", "3"][..],
        &["export", "--format", "turtle", "--around", "SAM"],
        &["export", "--format", "dot", "-o", &png],
        &["export", "--format", "turtle", "-o", "store.nt"],
        &["export"],
        &["trend", "SAM", "-o", &png],
    ] {
        let output = run(&store, args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert!(!Path::new(&*png).exists());
}

#[test]
fn export_takes_the_format_from_the_extension() {
    let store = example_store();
    let file = store.dir.path().join("store.nt");
    let output = run(&store, &["export", "-o", &file.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    let triples = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NTriples)
        .for_slice(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("not N-Triples: {e}"));
    let stats = json(&store, &["stats", "--format", "json"]);
    assert_eq!(stats["triples"].as_u64(), Some(triples.len() as u64));
}

#[test]
fn unknown_names_get_entity_suggestions_once_each() {
    let store = example_store();
    let output = run(&store, &["export", "--format", "dot", "--around", "SAMM"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.matches("  SAM (model, 2 papers)").count(), 1, "{err}");
    let output = run(&store, &["lookup", "Segment Anythin"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert_eq!(err.matches("no entity named").count(), 1, "{err}");
    assert_eq!(err.matches("SAM (model, 2 papers)").count(), 1, "{err}");
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn lookup_says_when_the_dictionary_knows_a_name_the_store_lacks() {
    let store = example_store();
    let output = run(&store, &["lookup", "llama"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "the dictionary knows it as Llama (model), but no paper in this store mentions it"
        ),
        "{err}"
    );
}

#[test]
fn lookup_limit_and_all_apply_to_json() {
    let store = example_store();
    let limited = json(
        &store,
        &["lookup", "SAM", "--limit", "1", "--format", "json"],
    );
    let card = &limited["cards"][0];
    assert_eq!(card["paper_count"], 2);
    assert_eq!(card["papers"].as_array().map(Vec::len), Some(1));
    let all = json(&store, &["lookup", "SAM", "--all", "--format", "json"]);
    assert_eq!(all["cards"][0]["papers"].as_array().map(Vec::len), Some(2));
}

#[test]
fn paper_ids_from_lookup_open_paper_cards() {
    let store = example_store();
    let found = json(&store, &["lookup", "MedSeg-Adapter", "--format", "json"]);
    let id = found["cards"][0]["papers"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id in {found}"))
        .to_string();
    let card = json(&store, &["paper", &id, "--format", "json"]);
    assert_eq!(card["id"], id.as_str());
    assert!(card["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("MedSeg-Adapter")));
    let of_type = |t: &str| {
        card["entities_by_type"][t]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("no {t} in {card}"))
    };
    assert!(of_type("model").iter().any(|m| m["name"] == "SAM"));
    assert!(of_type("method")
        .iter()
        .any(|m| m["name"] == "MedSeg-Adapter" && m["introduced"] == true));
    assert!(card["code"]
        .as_array()
        .is_some_and(|c| c.contains(&"https://github.com/example-lab/medseg-adapter".into())));
    assert!(card["results"].as_array().is_some_and(|r| r
        .iter()
        .any(|r| r["value"] == "0.912" && r["metric"] == "Dice")));
    let missing = run(&store, &["paper", "arxiv:0000.00000"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn completions_parse_and_the_man_page_renders() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bash = paperkg()
        .args(["completions", "bash"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let script = dir.path().join("paperkg.bash");
    std::fs::write(&script, &bash.stdout).unwrap_or_else(|e| panic!("{e}"));
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    assert!(checked.success());
    assert!(stdout(&bash).contains("lookup"));
    for shell in ["zsh", "fish", "powershell"] {
        let out = paperkg()
            .args(["completions", shell])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success() && stdout(&out).contains("paperkg"),
            "{shell}"
        );
    }
    let pages = dir.path().join("man1");
    paperkg()
        .args(["man", "--dir"])
        .arg(&pages)
        .assert()
        .success();
    for page in ["paperkg.1", "paperkg-query.1", "paperkg-lookup.1"] {
        let rendered = std::process::Command::new("man")
            .arg("-l")
            .arg(pages.join(page))
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .unwrap_or_else(|e| panic!("man (install man-db: scripts/deps.sh): {e}"));
        let text = stdout(&rendered);
        assert!(rendered.status.success(), "{page}: {}", stderr(&rendered));
        assert!(
            text.contains("NAME") && text.contains("paperkg"),
            "{page}: {text}"
        );
    }
}

#[test]
fn every_command_has_an_example_and_the_top_help_points_at_the_docs() {
    let top = paperkg()
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let top = stdout(&top);
    assert!(top.contains("docs/cli.md"), "{top}");
    let commands: Vec<String> = top
        .split("Commands:")
        .nth(1)
        .unwrap_or_default()
        .split("Options:")
        .next()
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    for command in &commands {
        let help = paperkg()
            .args([command.as_str(), "--help"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(stdout(&help).contains("Examples:"), "{command}");
    }
}

#[test]
fn store_is_accepted_before_or_after_the_command_and_from_the_environment() {
    let store = example_store();
    let before = paperkg()
        .arg("--store")
        .arg(store.path())
        .args(["stats", "--format", "json"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let after = run(&store, &["stats", "--format", "json"]);
    let env = paperkg()
        .args(["stats", "--format", "json"])
        .env("PAPERKG_STORE", store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    for output in [&before, &after, &env] {
        let stats: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stats["papers"], 8);
    }
}

#[test]
fn quiet_builds_say_nothing_and_verbose_names_the_store() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    let quiet = paperkg()
        .args(["build", "--quiet"])
        .arg(example_corpus())
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "");
    let verbose = paperkg()
        .args(["stats", "-v", "--store"])
        .arg(&store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(stderr(&verbose).contains(&format!("store: {}", store.display())));
}

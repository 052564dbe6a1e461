//! Leaderboards, the task hierarchy and paper dates, end to end on invented papers
//! (`tests/fixtures/boards.jsonl`): the `leaderboard` command, the canned queries
//! `leaderboard-results` and `papers-on-task`, `lookup`, and the page's API.

mod common;

use common::served::{encode, Served};
use common::{fixture, paperkg, TempStore};
use serde_json::Value;

fn store() -> TempStore {
    TempStore::build(&[fixture("boards.jsonl").as_path()])
}

/// Runs paperkg against `store`; the command must succeed. Returns stdout.
fn run(store: &TempStore, args: &[&str]) -> String {
    let output = paperkg()
        .args(args)
        .arg("--store")
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert!(
        output.status.success(),
        "paperkg {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json(store: &TempStore, args: &[&str]) -> Value {
    let out = run(store, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("bad JSON ({e}): {out}"))
}

/// The board of `metric` in `leaderboard --format json` output.
fn board<'a>(boards: &'a Value, metric: &str) -> &'a Value {
    boards["boards"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["metric"] == metric))
        .unwrap_or_else(|| panic!("no {metric} board in {boards}"))
}

/// The text of the canned query `name`.
fn canned_query(name: &str) -> &'static str {
    paperkg_store::query::BUILTIN_QUERIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no {name} query"))
}

fn values(board: &Value) -> Vec<f64> {
    board["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no entries in {board}"))
        .iter()
        .filter_map(|e| e["value"].as_f64())
        .collect()
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {value}"))
        .iter()
        .filter_map(|v| v[key].as_str().map(String::from))
        .collect()
}

#[test]
fn higher_is_better_boards_rank_descending() {
    let store = store();
    let boards = json(&store, &["leaderboard", "imagenet", "--format", "json"]);
    assert_eq!(boards["dataset"], "ImageNet");
    let top1 = board(&boards, "top-1 accuracy");
    assert_eq!(top1["better"], "higher");
    let ranked = values(top1);
    assert_eq!(ranked.first(), Some(&88.1), "{top1}");
    assert!(ranked.windows(2).all(|w| w[0] >= w[1]), "{ranked:?}");
    let first = &top1["entries"][0];
    assert_eq!(first["model"], "ViT");
    assert_eq!(first["paper"]["id"], "arxiv:2401.10001");
    assert_eq!(
        first["quote"],
        "ViT reaches 88.1% top-1 accuracy on ImageNet."
    );
}

#[test]
fn lower_is_better_boards_rank_ascending() {
    let store = store();
    let boards = json(
        &store,
        &[
            "leaderboard",
            "CIFAR-10",
            "--metric",
            "FID",
            "--format",
            "json",
        ],
    );
    let fid = board(&boards, "FID");
    assert_eq!(fid["better"], "lower", "{fid}");
    assert_eq!(values(fid), [3.17, 12.4]);
    assert_eq!(fid["entries"][0]["rank"], 1);
}

/// A store built before metric directions were stored (no `pkg:better` on its metrics) still
/// ranks a lower-is-better metric ascending: the direction comes from the metric dictionary.
#[test]
fn a_store_without_stored_directions_ranks_by_the_dictionary() {
    let store = store();
    {
        let oxi = oxigraph::store::Store::open(store.path()).unwrap_or_else(|e| panic!("{e}"));
        let better =
            oxigraph::model::NamedNodeRef::new_unchecked("https://w3id.org/paperkg/vocab#better");
        let stated: Vec<_> = oxi
            .quads_for_pattern(None, Some(better), None, None)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!stated.is_empty(), "the fixture store records directions");
        for quad in &stated {
            oxi.remove(quad).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let boards = json(
        &store,
        &[
            "leaderboard",
            "CIFAR-10",
            "--metric",
            "FID",
            "--format",
            "json",
        ],
    );
    let fid = board(&boards, "FID");
    assert_eq!(fid["better"], "lower", "{fid}");
    assert_eq!(values(fid), [3.17, 12.4]);
}

#[test]
fn no_entry_lies_outside_its_metric_range() {
    let store = store();
    let boards = json(
        &store,
        &["leaderboard", "ImageNet", "--format", "json", "--top", "0"],
    );
    let top1 = board(&boards, "top-1 accuracy");
    let ranked = values(top1);
    assert!(
        ranked.iter().all(|v| (0.0..=100.0).contains(v)),
        "a percentage above 100 is on the board: {ranked:?}"
    );
    assert_eq!(ranked, [88.1, 85.3, 79.2]);
}

#[test]
fn papers_disagreeing_on_a_model_show_both_values_with_their_papers() {
    let store = store();
    let boards = json(&store, &["leaderboard", "ImageNet", "--format", "json"]);
    let top1 = board(&boards, "top-1 accuracy");
    let disagreements = top1["disagreements"]
        .as_array()
        .unwrap_or_else(|| panic!("no disagreements in {top1}"));
    assert_eq!(strings(&top1["disagreements"], "model"), ["ViT"]);
    let reported: Vec<(String, Vec<String>)> = disagreements[0]["values"]
        .as_array()
        .unwrap_or_else(|| panic!("no values"))
        .iter()
        .map(|v| {
            let text = v["value_text"].as_str().unwrap_or_default().to_string();
            (text, strings(&v["papers"], "id"))
        })
        .collect();
    assert_eq!(
        reported,
        [
            ("88.1%".to_string(), vec!["arxiv:2401.10001".to_string()]),
            ("85.3%".to_string(), vec!["arxiv:2402.20002".to_string()]),
        ]
    );
    let disputed: Vec<(String, bool)> = top1["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no entries"))
        .iter()
        .map(|e| {
            let model = e["model"].as_str().unwrap_or_default().to_string();
            (model, e["disputed"].as_bool().unwrap_or(false))
        })
        .collect();
    assert!(
        disputed.contains(&("ViT".to_string(), true)),
        "{disputed:?}"
    );
    assert!(
        disputed.contains(&("ResNet-50".to_string(), false)),
        "{disputed:?}"
    );
    let table = run(
        &store,
        &["leaderboard", "ImageNet", "--metric", "top-1 accuracy"],
    );
    assert!(table.contains("papers disagree on ViT:"), "{table}");
    assert!(table.contains("ViT (disputed)"), "{table}");
}

#[test]
fn a_task_takes_in_its_subtasks_on_the_board() {
    let store = store();
    let boards = json(
        &store,
        &[
            "leaderboard",
            "nuScenes",
            "--task",
            "3D object detection",
            "--format",
            "json",
        ],
    );
    assert_eq!(boards["task"], "3D object detection");
    let map = board(&boards, "mAP");
    let mut models = strings(&map["entries"], "model");
    models.sort();
    assert_eq!(models, ["BEVFormer", "DETR"], "{map}");
    let all = json(&store, &["leaderboard", "nuScenes", "--format", "json"]);
    assert_eq!(values(board(&all, "mAP")), [51.7, 45.0, 40.2]);
}

#[test]
fn tsv_has_one_line_per_entry_and_top_limits_it() {
    let store = store();
    let tsv = run(
        &store,
        &["leaderboard", "ImageNet", "--format", "tsv", "--top", "2"],
    );
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    assert_eq!(
        header[..5],
        ["dataset", "metric", "better", "rank", "value"]
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{tsv}");
    assert!(rows.iter().all(|r| r.len() == header.len()), "{tsv}");
    assert_eq!(rows[0][7], "ViT");
}

#[test]
fn an_unknown_dataset_fails_with_suggestions() {
    let store = store();
    let output = paperkg()
        .args(["leaderboard", "ImageNt", "--store"])
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no dataset named \"ImageNt\""), "{stderr}");
    assert!(stderr.contains("ImageNet"), "{stderr}");
}

/// The canned query lists the same results in the same order as the command, with the other
/// papers' values beside a disputed result.
#[test]
fn the_canned_query_agrees_with_the_command() {
    let store = store();
    let text = canned_query("leaderboard-results");
    let rows = store.query_json(text);
    let from_query: Vec<(String, String, String)> = rows
        .iter()
        .filter(|r| r["metric"] == "top-1 accuracy")
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (s("value"), s("model"), s("paper"))
        })
        .collect();
    let boards = json(&store, &["leaderboard", "ImageNet", "--format", "json"]);
    let from_command: Vec<(String, String, String)> = board(&boards, "top-1 accuracy")["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("no entries"))
        .iter()
        .map(|e| {
            let s = |v: &Value| v.as_str().unwrap_or("").to_string();
            (s(&e["value_text"]), s(&e["model"]), s(&e["paper"]["id"]))
        })
        .collect();
    assert_eq!(from_query, from_command);
    let vit = rows
        .iter()
        .find(|r| r["value"] == "85.3%")
        .unwrap_or_else(|| panic!("no 85.3% row in {rows:?}"));
    assert_eq!(vit["disagreeing"], "88.1% (arxiv:2401.10001)");
    let fid: Vec<&str> = rows
        .iter()
        .filter(|r| r["metric"] == "FID")
        .filter_map(|r| r["value"].as_str())
        .collect();
    assert!(fid.is_empty(), "FID is on CIFAR-10, not ImageNet: {fid:?}");
    let cifar = store.query_json(&text.replace("\"imagenet\"", "\"cifar10\""));
    let fid: Vec<(&str, &str)> = cifar
        .iter()
        .filter_map(|r| Some((r["better"].as_str()?, r["value"].as_str()?)))
        .collect();
    assert_eq!(fid, [("lower", "3.17"), ("lower", "12.4")]);
}

/// A value several papers report is listed once with their number; a value only the row's
/// own paper gives (a second setting) is no disagreement; a gain in points is no value
/// (`tests/fixtures/disputed-results.jsonl`: three papers give ViT 88.1%, one 85.3%; one
/// paper gives ResNet-50 two values and a gain).
#[test]
fn the_canned_query_counts_the_papers_behind_each_other_value() {
    let store = TempStore::build(&[fixture("disputed-results.jsonl").as_path()]);
    let text = canned_query("leaderboard-results");
    let rows = store.query_json(text);
    let mut cells: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (s("value"), s("paper"), s("disagreeing"))
        })
        .collect();
    cells.sort();
    let expected = [
        ("76.1%", "arxiv:2501.00005", ""),
        ("78.4%", "arxiv:2501.00005", ""),
        ("85.3%", "arxiv:2501.00004", "88.1% (3 papers)"),
        ("88.1%", "arxiv:2501.00001", "85.3% (arxiv:2501.00004)"),
        ("88.1%", "arxiv:2501.00002", "85.3% (arxiv:2501.00004)"),
        ("88.1%", "arxiv:2501.00003", "85.3% (arxiv:2501.00004)"),
    ]
    .map(|(v, p, d)| (v.to_string(), p.to_string(), d.to_string()));
    assert_eq!(cells, expected);
}

#[test]
fn papers_on_task_takes_in_subtasks() {
    let store = store();
    let text =
        canned_query("papers-on-task").replace("\"objectdetection\"", "\"3dobjectdetection\"");
    let rows = store.query_json(&text);
    let found: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (s("title"), s("tasks"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "Camera-only monocular 3D object detection for driving".to_string(),
                "monocular 3D object detection".to_string()
            ),
            (
                "Lidar-free detection in cities".to_string(),
                "3D object detection".to_string()
            ),
        ]
    );
}

#[test]
fn the_hierarchy_is_stored_as_skos_broader_and_lookup_shows_it() {
    let store = store();
    let broader = store.query_json(
        "SELECT ?c ?p WHERE { ?x skos:broader ?y . ?x skos:prefLabel ?c . ?y skos:prefLabel ?p }",
    );
    let pairs: Vec<(&str, &str)> = broader
        .iter()
        .filter_map(|r| Some((r["c"].as_str()?, r["p"].as_str()?)))
        .collect();
    assert!(
        pairs.contains(&("monocular 3D object detection", "3D object detection")),
        "{pairs:?}"
    );
    let derived = store.query_json(
        "SELECT ?x WHERE { ?x prov:wasDerivedFrom ?y . ?x a mls:Task . ?y a mls:Task }",
    );
    assert!(derived.is_empty(), "tasks use skos:broader: {derived:?}");

    let child = json(
        &store,
        &["lookup", "monocular 3D detection", "--format", "json"],
    );
    assert_eq!(
        child["cards"][0]["parents"],
        serde_json::json!(["3D object detection"])
    );
    let parent = json(
        &store,
        &["lookup", "3D object detection", "--format", "json"],
    );
    let children = parent["cards"][0]["children"].clone();
    assert_eq!(
        children,
        serde_json::json!(["monocular 3D object detection"])
    );
    let text = run(&store, &["lookup", "3D object detection"]);
    assert!(
        text.contains("subtasks:     monocular 3D object detection"),
        "{text}"
    );
    let text = run(&store, &["lookup", "monocular 3D object detection"]);
    assert!(text.contains("parent task:  3D object detection"), "{text}");
}

#[test]
fn dates_come_from_metadata_or_the_arxiv_id_and_are_typed() {
    let store = store();
    let rows = store.query_json(
        "SELECT ?id ?d (STR(DATATYPE(?d)) AS ?t) WHERE { ?p dcterms:identifier ?id . OPTIONAL { ?p dcterms:date ?d } } ORDER BY ?id",
    );
    let dates: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (
                s("id"),
                s("d"),
                s("t").replace("http://www.w3.org/2001/XMLSchema#", "xsd:"),
            )
        })
        .collect();
    let expected = [
        ("arxiv:2401.10001", "2024-01-20", "xsd:date"),
        ("arxiv:2402.20002", "2024-02-11", "xsd:date"),
        ("arxiv:2403.30003", "2024-03-05", "xsd:date"),
        ("arxiv:2404.40004", "2024-04", "xsd:gYearMonth"),
        ("local-5", "", ""),
        ("local-6", "", ""),
        ("local-7", "", ""),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(dates, expected);
    let trend = run(&store, &["trend", "ViT"]);
    let months: Vec<&str> = trend
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|m| m.starts_with("2024-"))
        .collect();
    assert_eq!(months, ["2024-01", "2024-02", "2024-03"], "{trend}");
}

#[test]
fn the_page_api_serves_the_boards() {
    let store = store();
    let served = Served::start(&store, &[]);
    let reply = served.get(
        &format!("/api/leaderboard?dataset={}&top=1", encode("imagenet")),
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let boards = reply.json();
    let top1 = board(&boards, "top-1 accuracy");
    assert_eq!(values(top1), [88.1]);
    assert_eq!(strings(&top1["disagreements"], "model"), ["ViT"]);
    let task = served.get(
        &format!(
            "/api/leaderboard?dataset=nuScenes&task={}",
            encode("3D object detection")
        ),
        "",
    );
    assert_eq!(values(board(&task.json(), "mAP")), [51.7, 40.2]);
    assert_eq!(
        served.get("/api/leaderboard?dataset=ImageNt", "").status,
        404
    );
    assert_eq!(served.get("/api/leaderboard", "").status, 400);
    assert_eq!(
        served
            .get("/api/leaderboard?dataset=CIFAR-10&top=0", "")
            .status,
        400
    );
    let card = served.get(
        &format!("/api/lookup?name={}", encode("3D object detection")),
        "",
    );
    assert_eq!(
        card.json()["cards"][0]["children"],
        serde_json::json!(["monocular 3D object detection"])
    );
}

/// The boards read from the graph index (as the `leaderboard` command reads them) are the
/// boards read through SPARQL, for every dataset with results on the shared corpus and the
/// fixture, every metric alone, a few tasks, and both a cut and a whole board.
#[test]
fn boards_from_the_graph_index_are_the_boards_from_sparql() {
    use paperkg_store::index::IndexedStore;
    use paperkg_store::leaderboard::{leaderboard, leaderboard_with, LeaderboardRequest};
    use paperkg_store::rdf::StoreLocation;
    let Some(corpus) = common::shared_corpus() else {
        return;
    };
    let store = TempStore::build(&[corpus.as_path(), fixture("boards.jsonl").as_path()]);
    let opened = IndexedStore::open(&StoreLocation(store.path())).unwrap_or_else(|e| panic!("{e}"));
    let index = &opened.index;
    let datasets: Vec<String> = index
        .entities()
        .filter(|&e| index.results_on(e).next().is_some())
        .map(|e| index.name(e).to_string())
        .collect();
    assert!(datasets.len() >= 10, "datasets with results: {datasets:?}");
    let tasks = [
        "image classification",
        "3D object detection",
        "object detection",
    ];
    let mut compared = 0;
    let mut same = |request: &LeaderboardRequest<'_>| {
        let slow = leaderboard(&opened.store, request).map_err(|e| e.to_string());
        let fast = leaderboard_with(&opened.store, Some(index), request).map_err(|e| e.to_string());
        assert_eq!(fast, slow, "{request:?}");
        compared += usize::from(slow.is_ok_and(|b| !b.boards.is_empty()));
    };
    for dataset in &datasets {
        for top in [0, 3] {
            let all = LeaderboardRequest {
                dataset,
                metric: None,
                task: None,
                top,
            };
            same(&all);
            let boards = leaderboard(&opened.store, &all).unwrap_or_else(|e| panic!("{e}"));
            for board in &boards.boards {
                same(&LeaderboardRequest {
                    metric: Some(&board.metric.name),
                    ..all.clone()
                });
            }
            for task in tasks {
                same(&LeaderboardRequest {
                    task: Some(task),
                    ..all.clone()
                });
            }
        }
    }
    assert!(compared > 40, "only {compared} non-empty answers compared");
}

/// The leaderboard quads of a store: (dataset, metric, best value, papers at the best).
fn stored_boards(store: &oxigraph::store::Store) -> Vec<[String; 4]> {
    use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};
    let pkg = |local: &str| format!("https://w3id.org/paperkg/vocab#{local}");
    let object = |s: &NamedOrBlankNode, p: &str| -> String {
        store
            .quads_for_pattern(
                Some(s.as_ref()),
                Some(NamedNodeRef::new_unchecked(p)),
                None,
                None,
            )
            .next()
            .map(|q| match q.unwrap_or_else(|e| panic!("{e}")).object {
                Term::NamedNode(n) => n.into_string(),
                Term::Literal(l) => l.value().to_string(),
                other => other.to_string(),
            })
            .unwrap_or_default()
    };
    let board_type = Term::from(oxigraph::model::NamedNode::new_unchecked(pkg(
        "Leaderboard",
    )));
    let rdf_type = NamedNodeRef::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let mut boards: Vec<[String; 4]> = store
        .quads_for_pattern(None, Some(rdf_type), Some(board_type.as_ref()), None)
        .map(|q| {
            let b = q.unwrap_or_else(|e| panic!("{e}")).subject;
            [
                object(&b, &pkg("ofDataset")),
                object(&b, &pkg("ofMetric")),
                object(&b, &pkg("bestValue")),
                object(&b, &pkg("bestPaperCount")),
            ]
        })
        .collect();
    boards.sort();
    boards
}

/// Makes a store look as an older paperkg wrote it: no `pkg:better` on any metric, and every
/// board's best value the highest one reported (every metric ranked higher-is-better).
fn age(path: &std::path::Path) {
    use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
    let store = oxigraph::store::Store::open(path).unwrap_or_else(|e| panic!("{e}"));
    let pkg =
        |local: &str| NamedNode::new_unchecked(format!("https://w3id.org/paperkg/vocab#{local}"));
    let mls = |local: &str| NamedNode::new_unchecked(format!("http://www.w3.org/ns/mls#{local}"));
    let all = |s: Option<&NamedNode>, p: &NamedNode, o: Option<&Term>| -> Vec<Quad> {
        store
            .quads_for_pattern(
                s.map(|s| s.as_ref().into()),
                Some(p.as_ref()),
                o.map(Term::as_ref),
                None,
            )
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let remove = |quads: Vec<Quad>| {
        for q in quads {
            store.remove(&q).unwrap_or_else(|e| panic!("{e}"));
        }
    };
    remove(all(None, &pkg("better"), None));
    let object =
        |s: &NamedNode, p: &NamedNode| all(Some(s), p, None).first().map(|q| q.object.clone());
    let rdf_type = NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    let board_type = Term::from(pkg("Leaderboard"));
    for quad in all(None, &rdf_type, Some(&board_type)) {
        let oxigraph::model::NamedOrBlankNode::NamedNode(board) = quad.subject else {
            continue;
        };
        let (Some(dataset), Some(metric)) = (
            object(&board, &pkg("ofDataset")),
            object(&board, &pkg("ofMetric")),
        ) else {
            continue;
        };
        let mut reported: Vec<(f64, Term, Term)> = Vec::new();
        for r in all(None, &pkg("dataset"), Some(&dataset)) {
            let oxigraph::model::NamedOrBlankNode::NamedNode(r) = r.subject else {
                continue;
            };
            if object(&r, &mls("specifiedBy")).as_ref() != Some(&metric) {
                continue;
            }
            let value = match object(&r, &mls("hasValue")) {
                Some(Term::Literal(l)) => l.value().parse::<f64>().unwrap_or(f64::NAN),
                _ => continue,
            };
            let paper = object(&r, &pkg("reportedIn")).unwrap_or_else(|| panic!("no paper"));
            reported.push((value, Term::from(r), paper));
        }
        let highest = reported
            .iter()
            .map(|r| r.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let at: Vec<&(f64, Term, Term)> = reported.iter().filter(|r| r.0 == highest).collect();
        let papers: std::collections::BTreeSet<String> =
            at.iter().map(|r| r.2.to_string()).collect();
        for p in ["bestValue", "bestResult", "bestPaperCount"] {
            remove(all(Some(&board), &pkg(p), None));
        }
        let put = |p: &str, o: Term| {
            store
                .insert(&Quad::new(
                    board.clone(),
                    pkg(p),
                    o,
                    GraphName::DefaultGraph,
                ))
                .unwrap_or_else(|e| panic!("{e}"));
        };
        let decimal = NamedNodeRef::new_unchecked("http://www.w3.org/2001/XMLSchema#decimal");
        put(
            "bestValue",
            Literal::new_typed_literal(format!("{highest}"), decimal).into(),
        );
        put("bestResult", at[0].1.clone());
        put("bestPaperCount", Literal::from(papers.len() as i64).into());
    }
}

/// `add` into a store an older paperkg wrote (every board ranked higher-is-better, no
/// directions stored) recomputes the boards of lower-is-better metrics from all their
/// results, says so once, and leaves the boards a fresh build of the same papers has.
#[test]
fn add_recomputes_the_boards_an_older_store_ranked_the_wrong_way() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let more = dir.path().join("more.jsonl");
    std::fs::write(
        &more,
        concat!(
            r#"{"id": "2406.60006", "title": "A faster diffusion sampler", "abstract": "#,
            r#""We study image generation. DDPM achieves an FID of 8.2 on CIFAR-10 with our sampler."}"#,
            "\n"
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let boards_fixture = fixture("boards.jsonl");
    let old = TempStore::build(&[boards_fixture.as_path()]);
    age(&old.path());
    let fid = |boards: &[[String; 4]]| -> [String; 2] {
        let b = boards
            .iter()
            .find(|b| b[1].ends_with("/fid") && b[0].contains("cifar"))
            .unwrap_or_else(|| panic!("no CIFAR-10 FID board in {boards:?}"));
        [b[2].clone(), b[3].clone()]
    };
    let open = |path: &std::path::Path| {
        oxigraph::store::Store::open(path).unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(
        fid(&stored_boards(&open(&old.path()))),
        ["12.4", "1"],
        "aged"
    );
    let add = |input: &std::path::Path| {
        let out = paperkg()
            .arg("add")
            .arg(input)
            .arg("--store")
            .arg(old.path())
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let said = add(&more);
    assert!(said.contains("recomputed 1 stored leaderboard "), "{said}");
    let fresh = TempStore::build(&[boards_fixture.as_path(), more.as_path()]);
    let (upgraded, expected) = (
        stored_boards(&open(&old.path())),
        stored_boards(&open(&fresh.path())),
    );
    assert_eq!(fid(&upgraded), ["3.17", "1"]);
    assert_eq!(upgraded, expected);
    // Once: the next add finds nothing to recompute.
    let again = dir.path().join("again.jsonl");
    std::fs::write(
        &again,
        "{\"id\": \"2407.70007\", \"title\": \"More samplers\", \"abstract\": \"DDPM achieves an FID of 9.9 on CIFAR-10.\"}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let said = add(&again);
    assert!(!said.contains("recomputed"), "{said}");
    assert_eq!(fid(&stored_boards(&open(&old.path()))), ["3.17", "1"]);
}

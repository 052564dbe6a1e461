//! The `extract` contract: shape, spans, entity resolution and input handling.

mod common;

use common::{entity, extract_json, fixture, paperkg, shared_corpus};
use serde_json::Value;

#[test]
fn jsonl_contract_has_the_promised_shape() {
    let papers = extract_json(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    assert_eq!(papers.len(), 5);
    for paper in &papers {
        assert!(paper["id"].is_string() && paper["title"].is_string());
        for e in paper["entities"].as_array().unwrap_or(&Vec::new()) {
            let t = e["type"].as_str().unwrap_or_default();
            assert!(
                ["model", "dataset", "metric", "task", "method", "url"].contains(&t),
                "{e}"
            );
            assert!(e["name"].is_string() && e["id"].is_string() && e["introduced"].is_boolean());
            assert_eq!(e["kind"].is_string(), t == "url", "{e}");
            let mentions = e["mentions"]
                .as_array()
                .unwrap_or_else(|| panic!("mentions in {e}"));
            assert!(!mentions.is_empty());
            for m in mentions {
                assert!(m["start"].as_u64() < m["end"].as_u64());
                assert!(["title", "abstract"].contains(&m["field"].as_str().unwrap_or_default()));
            }
        }
    }
}

#[test]
fn mention_spans_quote_the_text_exactly() {
    let papers = extract_json(&[&fixture("papers.jsonl")]);
    let source: Vec<Value> = std::fs::read_to_string(fixture("papers.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or(Value::Null))
        .collect();
    for (paper, input) in papers.iter().zip(&source) {
        for e in paper["entities"].as_array().unwrap_or(&Vec::new()) {
            for m in e["mentions"].as_array().unwrap_or(&Vec::new()) {
                let text = match m["field"].as_str() {
                    Some("title") => input["title"].as_str(),
                    _ => input["abstract"].as_str(),
                }
                .unwrap_or_default();
                let (start, end) = (
                    m["start"].as_u64().unwrap_or(0) as usize,
                    m["end"].as_u64().unwrap_or(0) as usize,
                );
                let quoted: String = text.chars().skip(start).take(end - start).collect();
                assert_eq!(
                    quoted,
                    m["text"].as_str().unwrap_or_default(),
                    "span of {e}"
                );
            }
        }
    }
}

/// The quoted texts of an entity's mentions.
fn quoted_texts(entity: &Value) -> Vec<&str> {
    entity["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str())
        .collect()
}

#[test]
fn local_acronym_beats_the_dictionary() {
    let papers = extract_json(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let tinydet = &papers[0];
    let sam_method = entity(tinydet, "method", "Sharpness-Aware Minimization")
        .unwrap_or_else(|| panic!("{tinydet}"));
    let quotes = quoted_texts(sam_method);
    assert!(
        quotes.contains(&"SAM"),
        "SAM should be the method here: {quotes:?}"
    );
    assert!(
        entity(tinydet, "model", "SAM").is_none(),
        "no Segment Anything in {tinydet}"
    );
    let sparse = papers
        .iter()
        .find(|p| p["title"] == "Sparse Experts at Scale")
        .unwrap_or_else(|| panic!("paper"));
    assert!(
        entity(sparse, "model", "SAM").is_none(),
        "'Sparsely activated models (SAMs)' is not SAM: {sparse}"
    );
    let ultrasound = &papers[1];
    let sam = entity(ultrasound, "model", "SAM").unwrap_or_else(|| panic!("{ultrasound}"));
    let quotes = quoted_texts(sam);
    assert!(
        quotes.contains(&"SAM's") && quotes.contains(&"SAMs"),
        "possessive and plural resolve: {quotes:?}"
    );
    assert!(
        entity(ultrasound, "model", "MedSAM").is_some(),
        "a composite is its own model"
    );
}

#[test]
fn variants_resolve_to_family_plus_variant() {
    let papers = extract_json(&[&fixture("papers.jsonl")]);
    let math = &papers[0];
    for name in ["Llama-3-8B", "Qwen2.5-72B-Instruct", "GPT-4o"] {
        assert!(entity(math, "model", name).is_some(), "{name} in {math}");
    }
    assert_eq!(
        entity(math, "model", "Llama-3-8B").map(|e| e["derived_from"][0].clone()),
        Some(Value::from("Llama 3"))
    );
    assert!(
        entity(math, "model", "Llama 3").is_none(),
        "the bare family is not mentioned on its own"
    );
    let cls = &papers[2];
    assert!(entity(cls, "model", "ResNet-50").is_some(), "{cls}");
}

#[test]
fn urls_are_cleaned_and_classified() {
    let papers = extract_json(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let urls: Vec<(String, String)> = papers
        .iter()
        .flat_map(|p| p["entities"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["type"] == "url")
        .map(|e| {
            (
                e["name"].as_str().unwrap_or_default().to_string(),
                e["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        urls.contains(&("https://github.com/example/tinydet".into(), "code".into())),
        "{urls:?}"
    );
    assert!(
        urls.contains(&("https://github.com/example/us-sam".into(), "code".into())),
        "LaTeX debris: {urls:?}"
    );
    assert!(
        urls.contains(&("https://gitlab.com/example/rescls".into(), "code".into())),
        "{urls:?}"
    );
}

#[test]
fn results_carry_numeric_values() {
    let papers = extract_json(&[&fixture("papers.jsonl")]);
    let results = papers[0]["results"].as_array().cloned().unwrap_or_default();
    assert!(
        results.iter().any(|r| r["model"] == "GPT-4o"
            && r["dataset"] == "GSM8K"
            && r["metric"] == "accuracy"
            && r["value"].as_f64() == Some(92.0)
            && r["unit"] == "%"),
        "{results:?}"
    );
    let sparse = &papers[1];
    assert!(
        sparse["results"].as_array().is_some_and(|r| r.is_empty()),
        "'64 experts' is no result: {sparse}"
    );
}

#[test]
fn gzip_stdin_and_format_override_give_the_same_papers() {
    let plain = extract_json(&[&fixture("papers.jsonl")]);
    let gz = extract_json(&[&fixture("papers.jsonl.gz")]);
    assert_eq!(plain, gz);
    let input = std::fs::read(fixture("papers.jsonl")).unwrap_or_default();
    let out = paperkg()
        .args(["extract", "-", "--input-format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let from_stdin: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(plain, from_stdin);
}

#[test]
fn ids_are_stable_and_chosen_by_priority() {
    let first = extract_json(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let second = extract_json(&[&fixture("listing.txt"), &fixture("papers.jsonl")]);
    let ids: Vec<&str> = first.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(
        ids,
        second
            .iter()
            .filter_map(|p| p["id"].as_str())
            .collect::<Vec<_>>()
    );
    assert!(
        ids[0].starts_with("title:") && ids[1].starts_with("title:"),
        "listing papers hash their title: {ids:?}"
    );
    assert_eq!(ids[2], "arxiv:2401.00001");
    assert_eq!(ids[3], "arxiv:2402.00002", "an arXiv id wins over a DOI");
}

#[test]
fn tsv_has_one_mention_per_line() {
    let out = paperkg()
        .args(["extract", "--format", "tsv"])
        .arg(fixture("papers.jsonl"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("paper\ttype\tname\tentity\tintroduced\tfield\tstart\tend\ttext")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 9));
    assert!(rows
        .iter()
        .any(|r| r[1] == "dataset" && r[2] == "GSM8K" && r[8] == "GSM8K"));
}

#[test]
fn listing_chrome_is_skipped() {
    let papers = extract_json(&[&fixture("listing.txt")]);
    let titles: Vec<&str> = papers.iter().filter_map(|p| p["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "TinyDet-7B: Compact Detection with Sharpness-Aware Minimization",
            "Adapting the Segment Anything Model to Ultrasound"
        ]
    );
    let out = paperkg()
        .arg("extract")
        .arg(fixture("listing.txt"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 records skipped"));
}

#[test]
fn shared_corpus_sam_unet_paper() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let papers = extract_json(&[&corpus]);
    assert_eq!(
        papers.len(),
        93,
        "every paper of the listing is read, no chrome"
    );
    let sam_unet = papers
        .iter()
        .find(|p| {
            p["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("SAM-UNet"))
        })
        .unwrap_or_else(|| panic!("SAM-UNet paper"));
    assert!(
        entity(sam_unet, "dataset", "SA-Med2D-16M").is_some(),
        "{sam_unet}"
    );
    let url = entity(sam_unet, "url", "https://github.com/Hhankyangg/sam-unet")
        .unwrap_or_else(|| panic!("{sam_unet}"));
    assert_eq!(url["kind"], "code");
    assert!(entity(sam_unet, "model", "SAM-UNet").is_some_and(|e| e["introduced"] == true));
}

/// Extracts one paper given inline, as a JSON line on stdin.
fn extract_one(title: &str, abstract_text: &str) -> Value {
    let line = serde_json::json!({"title": title, "abstract": abstract_text}).to_string();
    let out = paperkg()
        .args(["extract", "-", "--format", "jsonl"])
        .write_stdin(line)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("bad JSON: {e}"))
}

/// The first entity of a type with a mention quoting `quote` exactly.
fn entity_quoting<'a>(paper: &'a Value, entity_type: &str, quote: &str) -> Option<&'a Value> {
    paper["entities"]
        .as_array()?
        .iter()
        .find(|e| e["type"] == entity_type && quoted_texts(e).contains(&quote))
}

#[test]
fn size_prefixes_underscores_and_lower_case_sizes_are_variants() {
    let paper = extract_one(
        "Scaling Study",
        "Our model outperforms 175B GPT-3 and a 7B Llama 2. We distil BERT_LARGE into \
         BERT_BASE, and fine-tune mistral-7b-instruct and ResNet50-D.",
    );
    for (quote, name, family) in [
        ("175B GPT-3", "GPT-3-175B", "GPT-3"),
        ("7B Llama 2", "Llama-2-7B", "Llama 2"),
        ("BERT_LARGE", "BERT-LARGE", "BERT"),
        ("BERT_BASE", "BERT-BASE", "BERT"),
        ("mistral-7b-instruct", "Mistral-7b-instruct", "Mistral"),
        ("ResNet50-D", "ResNet-50-D", "ResNet"),
    ] {
        let e =
            entity_quoting(&paper, "model", quote).unwrap_or_else(|| panic!("{quote}: {paper}"));
        assert_eq!(e["name"], name, "{e}");
        assert_eq!(e["derived_from"][0], family, "{e}");
    }
    assert!(
        entity(&paper, "model", "GPT-3").is_none(),
        "the sized variant is not also the bare family: {paper}"
    );
}

#[test]
fn introduced_names_are_typed_by_how_the_abstract_describes_them() {
    let framework = extract_one(
        "Cheap Pretraining for Vision",
        "We propose a novel self-supervised training framework, termed as FraMo, that trains \
         many sizes at once. FraMo beats prior work.",
    );
    assert!(
        entity(&framework, "method", "FraMo").is_some(),
        "a training framework is a method: {framework}"
    );
    let system = extract_one(
        "Robots Learning Online",
        "We introduce ZorBlax, a reset-free fine-tuning system for robots. ZorBlax learns fast.",
    );
    assert!(
        entity(&system, "method", "ZorBlax").is_some(),
        "a fine-tuning system is a method: {system}"
    );
    let plain = extract_one(
        "Robots Acting Online",
        "We introduce QuorBlax, a multi-view robotic system for manipulation.",
    );
    assert!(
        entity(&plain, "method", "QuorBlax").is_none(),
        "a plain system is not a method: {plain}"
    );
    let composite = extract_one(
        "Smaller Encoders",
        "This paper introduces TrimBERT, a novel BERT compression method. TrimBERT is fast.",
    );
    assert!(
        entity(&composite, "model", "TrimBERT").is_some(),
        "a name built on a known model is a model whatever the text calls it: {composite}"
    );
}

#[test]
fn a_title_that_opens_with_a_procedure_names_a_method() {
    for title in [
        "FOLA: Learning Compact Models with Low-Rank Factors",
        "SELDA: Model-Aware Data Selection for Efficient Pretraining",
    ] {
        let paper = extract_one(title, "We study compact models on ImageNet.");
        let name = title.split(':').next().unwrap_or_default();
        assert!(
            entity(&paper, "method", name).is_some(),
            "{name} is a procedure: {paper}"
        );
    }
    let model = extract_one(
        "QUOLA: Unifying Language Learning Paradigms",
        "We release QUOLA checkpoints.",
    );
    assert!(
        entity(&model, "model", "QUOLA").is_some(),
        "'Learning' inside the phrase is not its head: {model}"
    );
}

#[test]
fn trailing_plus_signs_make_a_new_name() {
    let paper = extract_one(
        "GraBot: Grasping with Foundation Models",
        "We introduce GraBot, a robotic policy. We further propose GraBot+, a memory-based \
         architecture. GraBot+ beats GraBot and ViTPose++ beats ViTPose. BERT+CRF is a tagger.",
    );
    let plus = entity(&paper, "model", "GraBot+").unwrap_or_else(|| panic!("{paper}"));
    assert!(quoted_texts(plus).iter().all(|q| *q == "GraBot+"), "{plus}");
    let base = entity(&paper, "model", "GraBot").unwrap_or_else(|| panic!("{paper}"));
    assert!(!quoted_texts(base).contains(&"GraBot+"), "{base}");
    assert_ne!(plus["id"], base["id"], "distinct ids");
    assert!(entity(&paper, "model", "ViTPose++").is_some(), "{paper}");
    assert!(entity(&paper, "model", "ViTPose").is_some(), "{paper}");
    assert!(
        entity_quoting(&paper, "model", "BERT").is_some(),
        "'BERT+CRF' still mentions BERT: {paper}"
    );
}

#[test]
fn known_names_match_in_other_case_and_latex_spelling() {
    let paper = extract_one(
        "Adapters for Vision and Language",
        "We adapt Clip-ViL and CLIP4Clip, and compare with T\\\"ulu 3 and Imagenet-R. \
         A meta-dataset of tasks is no Meta-Dataset.",
    );
    let clip_vil = entity(&paper, "model", "CLIP-ViL").unwrap_or_else(|| panic!("{paper}"));
    assert_eq!(quoted_texts(clip_vil), ["Clip-ViL"]);
    let tulu = entity(&paper, "model", "Tülu 3").unwrap_or_else(|| panic!("{paper}"));
    assert_eq!(quoted_texts(tulu), ["T\\\"ulu 3"]);
    assert!(
        entity_quoting(&paper, "dataset", "meta-dataset").is_none(),
        "a lower-case phrase does not match a capitalised name: {paper}"
    );
}

#[test]
fn sized_corpora_generic_classes_and_tools_are_not_models() {
    let paper = extract_one(
        "Scaling Forecasters",
        "Pretrained Foundation Models (PFMs) are popular. We pre-train on our large-scale \
         data Weather-200B, and compare with Foo-7B. Code in PyTorch and PaddlePaddle.",
    );
    assert!(
        entity(&paper, "dataset", "Weather-200B").is_some(),
        "a sized name after 'data' is a corpus: {paper}"
    );
    assert!(entity(&paper, "model", "Foo-7B").is_some(), "{paper}");
    for quote in ["PFMs", "PyTorch", "PaddlePaddle"] {
        let found = paper["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| quoted_texts(e).contains(&quote));
        assert!(!found, "{quote} is no entity: {paper}");
    }
}

/// The corpus pass: a name one paper introduces (title name, "we propose") is found in the
/// other papers of the run; with `--no-corpus-pass` it is not. A name the dictionary knows is
/// left to the dictionary.
#[test]
fn names_introduced_by_one_paper_are_found_in_the_others() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = dir.path().join("papers.jsonl");
    let lines = [
        r#"{"id": "p1", "title": "Quillfeather: Sparse Routing for Long Documents", "abstract": "We propose Quillfeather, a model that routes tokens sparsely. We also compare with BERT."}"#,
        r#"{"id": "p2", "title": "A Study of Long Document Models", "abstract": "We compare Quillfeather with Longformer on long documents."}"#,
    ];
    std::fs::write(&input, lines.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let with_pass = extract_json(&[&input]);
    assert!(
        entity(&with_pass[0], "model", "Quillfeather").is_some(),
        "{}",
        with_pass[0]
    );
    let found = entity(&with_pass[1], "model", "Quillfeather")
        .unwrap_or_else(|| panic!("not found in the second paper: {}", with_pass[1]));
    assert_eq!(found["mentions"][0]["start"], 11);
    assert_eq!(found["introduced"], false);

    let output = paperkg()
        .arg("extract")
        .arg(&input)
        .arg("--no-corpus-pass")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let second: serde_json::Value = String::from_utf8_lossy(&output.stdout)
        .lines()
        .nth(1)
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|| panic!("no second paper"));
    assert!(
        entity(&second, "model", "Quillfeather").is_none(),
        "{second}"
    );
}

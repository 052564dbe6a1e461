//! The catalogue of bad input (issue 6): each case is fed next to a good file, must be reported
//! with file, line and reason, and must not cost the good file a single paper. Big cases are
//! generated in a temp dir at test time. The exit codes are checked at the end.

mod common;

use common::{fixture, paperkg, TempStore};
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What one `paperkg extract` run printed: the papers (parsed) and the diagnostics.
struct Run {
    code: Option<i32>,
    papers: Vec<serde_json::Value>,
    stderr: String,
}

impl Run {
    fn titles(&self) -> Vec<&str> {
        self.papers
            .iter()
            .filter_map(|p| p["title"].as_str())
            .collect()
    }

    fn paper(&self, id: &str) -> &serde_json::Value {
        self.papers
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("no paper {id} in {:?}", self.titles()))
    }

    /// Asserts a `paperkg: skipped FILE:LINE: REASON` line naming this file, line and reason.
    fn assert_skipped(&self, file: &Path, line: usize, reason: &str) {
        let expected = format!("paperkg: skipped {}:{line}: ", file.display());
        assert!(
            self.stderr
                .lines()
                .any(|l| l.starts_with(&expected) && l.contains(reason)),
            "no {expected}...{reason} in:\n{}",
            self.stderr
        );
    }

    /// Asserts the good fixture was read whole (its three papers) and nothing panicked.
    fn assert_good_file_kept(&self) {
        assert_eq!(self.code, Some(0), "{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        for title in [
            "Llama-3-8B and Qwen2.5-72B-Instruct on Grade-School Math",
            "Sparse Experts at Scale",
            "Image Classification with ResNet-50 and YOLOv11m-seg Features",
        ] {
            assert!(
                self.titles().contains(&title),
                "lost {title:?}: {:?}",
                self.titles()
            );
        }
    }
}

fn extract(inputs: &[&Path], extra: &[&str]) -> Run {
    let out = paperkg()
        .arg("extract")
        .args(inputs)
        .args(["--format", "jsonl"])
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("run: {e}"));
    let papers = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {l}: {e}")))
        .collect();
    Run {
        code: out.status.code(),
        papers,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A good file read after every bad one.
fn good() -> PathBuf {
    fixture("papers.jsonl")
}

fn temp_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path
}

fn record(id: &str, title: &str, abstract_text: &str) -> String {
    serde_json::json!({"id": id, "title": title, "abstract": abstract_text}).to_string() + "\n"
}

#[test]
fn empty_files_and_files_of_page_chrome_are_reported() {
    let empty = fixture("catalogue/empty.txt");
    let chrome = fixture("catalogue/chrome-only.txt");
    let blank = fixture("catalogue/blank-lines.jsonl");
    let run = extract(&[&empty, &chrome, &blank, &good()], &[]);
    run.assert_good_file_kept();
    run.assert_skipped(&empty, 1, "no papers: the input is empty");
    run.assert_skipped(
        &chrome,
        9,
        "no papers: all 9 lines are blank or page chrome",
    );
    run.assert_skipped(&blank, 3, "no papers: all 3 lines are blank");
    assert!(run.stderr.contains("3 papers read, 3 records skipped"));
}

#[test]
fn a_fifty_megabyte_line_is_skipped_with_its_size() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let sentence = "We evaluate BERT on ImageNet and reach 90.1% accuracy. ";
    let huge = sentence.repeat(50_000_000 / sentence.len());
    let mut jsonl = record("huge", "A Huge Paper", &huge);
    jsonl.push_str(&record(
        "after-huge",
        "Read After the Huge One",
        "We use BERT. Fine.",
    ));
    let as_json = temp_file(&dir, "huge.jsonl", jsonl.as_bytes());
    let as_listing = temp_file(
        &dir,
        "huge.txt",
        format!("A Huge Listing Entry\n\n{huge}\n").as_bytes(),
    );
    let run = extract(&[&as_json, &as_listing, &good()], &[]);
    run.assert_good_file_kept();
    let reason = format!(
        "the abstract is {} bytes long, over the limit of 65536",
        huge.trim_end().len()
    );
    run.assert_skipped(&as_json, 1, &reason);
    run.assert_skipped(&as_listing, 3, &reason);
    assert_eq!(run.paper("after-huge")["title"], "Read After the Huge One");
}

#[test]
fn binary_data_is_reported_line_by_line_and_never_panics() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut bytes = Vec::new();
    let mut x: u64 = 99;
    for _ in 0..100_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        bytes.push((x >> 56) as u8);
    }
    let binary = temp_file(&dir, "binary.bin", &bytes);
    let mut with_nul = record("before-nul", "Before NUL Bytes", "We use BERT. Fine.").into_bytes();
    with_nul.extend_from_slice(b"{\"id\": \"n\", \"title\": \"x\0y\", \"abstract\": \"a\0b\"}\n");
    with_nul.extend_from_slice(record("nul", "After NUL Bytes", "We use BERT. Fine.").as_bytes());
    let nul = temp_file(&dir, "nul.jsonl", &with_nul);
    let run = extract(&[&binary, &nul, &good()], &[]);
    run.assert_good_file_kept();
    for format in ["listing", "jsonl"] {
        let run = extract(&[&binary], &["--input-format", format]);
        assert_eq!(run.code, Some(0), "{format}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"));
        assert!(
            run.stderr
                .contains(&format!("skipped {}:", binary.display())),
            "{format}: {}",
            run.stderr
        );
    }
    let run = extract(&[&nul], &[]);
    run.assert_skipped(&nul, 2, "invalid JSON: control character");
    assert_eq!(run.titles(), ["Before NUL Bytes", "After NUL Bytes"]);
}

#[test]
fn invalid_utf8_in_the_middle_of_an_abstract_costs_only_that_record() {
    let jsonl = fixture("catalogue/utf8-mid-abstract.jsonl");
    let listing = fixture("catalogue/utf8-mid-abstract.txt");
    let run = extract(&[&jsonl, &listing, &good()], &[]);
    run.assert_good_file_kept();
    run.assert_skipped(&jsonl, 2, "invalid UTF-8");
    run.assert_skipped(&listing, 7, "invalid UTF-8 in the abstract");
    for title in [
        "Before the Bad Bytes",
        "After the Bad Bytes",
        "Listing Entry Before",
        "Listing Entry After",
    ] {
        assert!(run.titles().contains(&title), "{title}: {:?}", run.titles());
    }
}

#[test]
fn a_truncated_gzip_keeps_what_came_before_the_cut() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&record(
            &format!("gz-{i}"),
            &format!("Paper Number {i} on BERT"),
            "We fine-tune BERT on SQuAD. It works.",
        ));
    }
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let gz = encoder.finish().unwrap_or_else(|e| panic!("{e}"));
    let cut = temp_file(&dir, "cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let run = extract(&[&cut, &good()], &[]);
    run.assert_good_file_kept();
    let read = run.titles().len() - 3;
    assert!(read > 0 && read < 200, "{read} papers read before the cut");
    run.assert_skipped(
        &cut,
        read + 1,
        "read failed, rest of this input skipped: incomplete deflate stream",
    );
    assert_eq!(
        run.paper(&format!("gz-{}", read - 1))["entities"][0]["name"],
        "BERT"
    );
}

#[test]
fn json_with_wrong_types_names_the_field_and_the_type() {
    let bad = fixture("catalogue/wrong-types.jsonl");
    let run = extract(&[&bad, &good()], &[]);
    run.assert_good_file_kept();
    for (line, reason) in [
        (1, "field `title` is a number, expected a string"),
        (2, "field `abstract` is null, expected a string"),
        (3, "field `title` is an array, expected a string"),
        (4, "field `abstract` is an object, expected a string"),
        (5, "field `doi` is a boolean, expected a string"),
        (6, "field `authors` holds a number, expected strings"),
        (7, "expected a JSON object, found an array"),
        (8, "field `title` is empty"),
    ] {
        run.assert_skipped(&bad, line, reason);
    }
    // A numeric id is an id, not an error.
    assert_eq!(run.paper("arxiv:2304.02643")["title"], "Numeric Id Is Fine");
}

#[test]
fn duplicate_ids_keep_the_first_record_and_report_the_others() {
    let dups = fixture("catalogue/duplicates.jsonl");
    let run = extract(&[&dups, &good()], &[]);
    run.assert_good_file_kept();
    let first = format!("{}:1", dups.display());
    run.assert_skipped(
        &dups,
        2,
        &format!("duplicate id dup-1 (different title or abstract); the first record, at {first}, is kept"),
    );
    run.assert_skipped(&dups, 3, "duplicate id dup-1 (same title and abstract)");
    run.assert_skipped(&dups, 5, "duplicate id arxiv:2312.09999 (different title");
    assert_eq!(run.paper("dup-1")["title"], "The First Version");
    assert_eq!(run.papers.iter().filter(|p| p["id"] == "dup-1").count(), 1);

    // The store holds one title per paper.
    let store = TempStore::build(&[&dups]);
    let rows = store.query_json(
        "SELECT ?id (COUNT(?t) AS ?titles) WHERE { ?p <http://purl.org/dc/terms/identifier> ?id ; \
         <http://purl.org/dc/terms/title> ?t } GROUP BY ?id ORDER BY ?id",
    );
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r["titles"] == "1"), "{rows:?}");

    // `add` keeps a paper already in the store as it is, and adds the new one.
    let later = fixture("catalogue/duplicate-later.jsonl");
    let out = paperkg()
        .arg("add")
        .arg(&later)
        .arg("--store")
        .arg(store.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "skipped {}:1: paper dup-1 is already in the store; it is kept as it is",
            later.display()
        )),
        "{stderr}"
    );
    let titles = store.query_json(
        "SELECT ?id ?t WHERE { ?p <http://purl.org/dc/terms/identifier> ?id ; \
         <http://purl.org/dc/terms/title> ?t } ORDER BY ?id",
    );
    let pairs: Vec<(&str, &str)> = titles
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or(""),
                r["t"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("arxiv:2312.09999", "An arXiv Paper"),
            ("dup-1", "The First Version"),
            ("new-1", "A New Paper, Added Later")
        ]
    );
}

#[test]
fn control_characters_never_reach_the_output() {
    let controls = fixture("catalogue/control-chars.jsonl");
    let listing = fixture("catalogue/control-chars.txt");
    let run = extract(&[&controls, &listing, &good()], &[]);
    run.assert_good_file_kept();
    assert_eq!(
        run.paper("ctl-1")["title"],
        "Bell And Escape [31m Codes In BERT"
    );
    for paper in &run.papers {
        let title = paper["title"].as_str().unwrap_or_default();
        assert!(!title.chars().any(char::is_control), "{title:?}");
        assert!(!title.is_empty());
    }
    // A listing title of nothing but control characters is reported, not read as "".
    run.assert_skipped(
        &listing,
        1,
        "the title is empty once control characters are removed",
    );
    assert!(run.titles().contains(&"A Listing Title With a Tab"));
}

/// Checks that every mention in `field` quotes exactly the characters its span points at.
fn assert_offsets(paper: &serde_json::Value, field: &str, text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut checked = 0;
    for entity in paper["entities"].as_array().into_iter().flatten() {
        for mention in entity["mentions"].as_array().into_iter().flatten() {
            if mention["field"] != field {
                continue;
            }
            let span = |key: &str| mention[key].as_u64().unwrap_or(u64::MAX) as usize;
            let quote: String = chars
                .get(span("start")..span("end"))
                .unwrap_or_else(|| panic!("span outside the {field}: {mention}"))
                .iter()
                .collect();
            assert_eq!(quote, mention["text"], "{mention}");
            checked += 1;
        }
    }
    checked
}

#[test]
fn abstracts_in_other_scripts_are_extracted_with_exact_offsets() {
    let scripts = fixture("catalogue/scripts.jsonl");
    let run = extract(&[&scripts, &good()], &[]);
    run.assert_good_file_kept();
    let names = |id: &str| -> Vec<String> {
        run.paper(id)["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["name"].as_str().map(str::to_string))
            .collect()
    };
    for (id, name) in [
        ("cjk", "ImageNet"),
        ("cjk", "ResNet-50"),
        ("cyrillic", "BERT"),
        ("mixed", "GPT-2"),
    ] {
        let found = names(id);
        assert!(found.contains(&name.to_string()), "{id}: {found:?}");
    }
    // Offsets are checked against the title and abstract the store keeps.
    let store = TempStore::build(&[&scripts]);
    let rows = store.query_json(
        "SELECT ?id ?t ?a WHERE { ?p <http://purl.org/dc/terms/identifier> ?id ; \
         <http://purl.org/dc/terms/title> ?t ; <http://purl.org/dc/terms/abstract> ?a }",
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let mut checked = 0;
    for row in &rows {
        let paper = run.paper(row["id"].as_str().unwrap_or_default());
        assert_eq!(paper["title"], row["t"]);
        checked += assert_offsets(paper, "title", row["t"].as_str().unwrap_or_default());
        checked += assert_offsets(paper, "abstract", row["a"].as_str().unwrap_or_default());
    }
    assert!(checked >= 8, "only {checked} mentions checked");
}

#[test]
fn a_paper_with_thousands_of_mentions_keeps_every_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let names = ["BERT", "ImageNet", "ResNet-50", "GPT-2", "SQuAD"];
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(names[i % names.len()]);
        text.push_str(", ");
    }
    text.push_str("and more.");
    let many = temp_file(
        &dir,
        "many.jsonl",
        record("many", "Many Mentions", &text).as_bytes(),
    );
    let run = extract(&[&many, &good()], &[]);
    run.assert_good_file_kept();
    let paper = run.paper("many");
    let mentions: usize = paper["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| names.contains(&e["name"].as_str().unwrap_or_default()))
        .map(|e| e["mentions"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(mentions, 3000);
    let store = TempStore::build(&[&many]);
    let rows = store
        .query_json("SELECT ?spans WHERE { ?a <https://w3id.org/paperkg/vocab#spans> ?spans }");
    let spans: usize = rows
        .iter()
        .filter_map(|r| r["spans"].as_str())
        .map(|s| s.split_whitespace().count())
        .sum();
    assert_eq!(spans, 3000, "{rows:?}");
}

/// The documented exit codes: 0 success (also when records were skipped), 1 an error,
/// 2 bad usage or a bad record under `--strict`.
#[test]
fn exit_codes_are_as_documented() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = TempStore::build(&[&good()]);
    let store = store.path().to_string_lossy().into_owned();
    let missing = dir.path().join("missing").to_string_lossy().into_owned();
    let fresh = dir.path().join("fresh").to_string_lossy().into_owned();
    let bad = fixture("bad.jsonl").to_string_lossy().into_owned();
    let cases: [(&[&str], i32); 11] = [
        (&["stats", "--store", &store], 0),
        (&["extract", &bad], 0),
        (&["lookup", "ResNet-50", "--store", &store], 0),
        (&["lookup", "no such thing at all", "--store", &store], 1),
        (&["query", "SELECT WHERE {", "--store", &store], 1),
        (&["stats", "--store", &missing], 1),
        (&["add", &bad, "--store", &missing], 1),
        (&["extract", "--strict", &bad], 2),
        (&["build", "--strict", &bad, "--store", &fresh], 2),
        (&["stats", "--no-such-flag"], 2),
        (&["no-such-command"], 2),
    ];
    for (args, expected) in cases {
        let out = paperkg()
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    assert!(!dir.path().join("fresh").exists());
}

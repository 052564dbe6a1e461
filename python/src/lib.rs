//! `paperkg._paperkg`, the extension module behind `import paperkg`: the extractor of
//! `paperkg-core` with the records of `paperkg extract --format jsonl` as plain Python dicts,
//! and the per-paper quads of `paperkg-rdf` as N-Quads. No store, so no RocksDB in the wheel.
//!
//! Papers come in as dicts with the keys of a JSON lines input (`title`, `abstract`, and the
//! optional `id`, `doi`, `authors`, `categories`, `update_date`, `published`), or as JSON lines
//! text; both go through the CLI's own JSON lines reader, so a paper is read the same way from
//! Python as from a file. The work runs on rayon threads with the GIL released.

use paperkg_core::corpus::{read_records, InputFormat, Paper, Record};
use paperkg_core::dictionary::{Dictionary, EntityType};
use paperkg_core::extract::record::PaperRecord;
use paperkg_core::extract::{CorpusName, Extractor as CoreExtractor, PaperExtraction};
use paperkg_rdf::nquads::{NQuadsStream, PaperQuads};
use paperkg_rdf::vocab::DEFAULT_BASE;
use paperkg_rdf::{MappingConfig, TaskHierarchy};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ffi::CString;
use std::path::PathBuf;

create_exception!(
    paperkg,
    Error,
    PyValueError,
    "Bad input to paperkg: a paper without a title or abstract, a wrong type, a dictionary \
     that does not load."
);

/// What a call returns: the JSON records as dicts, or one N-Quads document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    NQuads,
}

impl Format {
    fn parse(text: &str) -> PyResult<Format> {
        match text {
            "json" => Ok(Format::Json),
            "nquads" => Ok(Format::NQuads),
            other => Err(PyValueError::new_err(format!(
                "format must be \"json\" or \"nquads\", not {other:?}"
            ))),
        }
    }
}

/// Finds entities and results in papers. Build one and reuse it: building compiles the
/// dictionaries (a fraction of a second); extracting one abstract takes well under a
/// millisecond.
///
/// `dictionaries` is a directory of dictionary files, as `paperkg --dictionaries` takes
/// (default: the built-in ones); `discovery=False` finds only dictionary names; `base` is the
/// base IRI of the N-Quads.
#[pyclass(frozen, module = "paperkg")]
struct Extractor {
    inner: CoreExtractor,
    quads: PaperQuads,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (dictionaries=None, *, discovery=true, base=DEFAULT_BASE.to_string()))]
    fn new(
        py: Python<'_>,
        dictionaries: Option<PathBuf>,
        discovery: bool,
        base: String,
    ) -> PyResult<Extractor> {
        if base.is_empty() || base.contains(char::is_whitespace) || !base.contains(':') {
            return Err(Error::new_err(format!("base {base:?} is not an IRI")));
        }
        py.detach(|| -> Result<Extractor, String> {
            let dictionary = match &dictionaries {
                Some(dir) => Dictionary::load_dir(dir)
                    .map_err(|e| format!("loading dictionaries from {}: {e}", dir.display()))?,
                None => Dictionary::builtin().map_err(|e| e.to_string())?,
            };
            let inner = CoreExtractor::builder()
                .dictionary(dictionary)
                .discovery(discovery)
                .build()
                .map_err(|e| e.to_string())?;
            Ok(Extractor::wrap(inner, base))
        })
        .map_err(Error::new_err)
    }

    /// The record of one paper, as `paperkg extract --format jsonl` prints it (a dict), or
    /// with `format="nquads"` its quads as an N-Quads document (a str). `explain=True` adds
    /// each entity's rule, confidence and evidence.
    #[pyo3(signature = (title, r#abstract, id=None, *, format="json", explain=false))]
    fn extract(
        &self,
        py: Python<'_>,
        title: String,
        r#abstract: String,
        id: Option<String>,
        format: &str,
        explain: bool,
    ) -> PyResult<Py<PyAny>> {
        let format = Format::parse(format)?;
        let mut object = serde_json::Map::new();
        if let Some(id) = id {
            object.insert("id".into(), id.into());
        }
        object.insert("title".into(), title.into());
        object.insert("abstract".into(), r#abstract.into());
        let line = serde_json::Value::Object(object).to_string();
        let paper = parse_paper(&line, "paper").map_err(Error::new_err)?;
        let extraction = py.detach(|| self.inner.extract_owned(paper));
        match format {
            Format::Json => {
                let text = record_json(&extraction, explain).map_err(Error::new_err)?;
                json_loads(py, &text)
            }
            Format::NQuads => {
                let text = self.nquads(std::slice::from_ref(&extraction))?;
                Ok(PyString::new(py, &text).into_any().unbind())
            }
        }
    }

    /// The records of many papers (a list of dicts, in input order), or with
    /// `format="nquads"` one N-Quads document of all their quads (a str).
    ///
    /// `papers` is any iterable of dicts with the keys of a JSON lines input, or of JSON lines
    /// (an open `.jsonl` file works). Blank lines are skipped. As the CLI does, the corpus
    /// pass first finds the names papers introduce and matches them in every paper
    /// (`corpus_pass=False` skips it), and a later paper with the id of an earlier one is a
    /// bad record. A bad record raises `paperkg.Error`, or with `on_error="skip"` is reported
    /// as a warning and skipped. `threads` sets the worker threads (default: all cores).
    #[pyo3(signature = (papers, *, threads=None, format="json", explain=false, corpus_pass=true, on_error="raise"))]
    #[allow(clippy::too_many_arguments)]
    fn extract_many(
        &self,
        py: Python<'_>,
        papers: &Bound<'_, PyAny>,
        threads: Option<usize>,
        format: &str,
        explain: bool,
        corpus_pass: bool,
        on_error: &str,
    ) -> PyResult<Py<PyAny>> {
        let format = Format::parse(format)?;
        let skip = match on_error {
            "raise" => false,
            "skip" => true,
            other => {
                return Err(PyValueError::new_err(format!(
                    "on_error must be \"raise\" or \"skip\", not {other:?}"
                )))
            }
        };
        let lines = json_lines(py, papers)?;
        let (papers, issues) = py.detach(|| read_papers(&lines, threads));
        report(py, &issues, skip)?;
        let extractions = py
            .detach(|| self.extract_all(papers, threads, corpus_pass))
            .map_err(Error::new_err)?;
        match format {
            Format::Json => {
                let text = py
                    .detach(|| records_json(&extractions, explain, threads))
                    .map_err(Error::new_err)?;
                json_loads(py, &text)
            }
            Format::NQuads => {
                let text = py.detach(|| self.nquads(&extractions))?;
                Ok(PyString::new(py, &text).into_any().unbind())
            }
        }
    }

    /// The names these papers introduce with confidence (the corpus pass's first half), as
    /// sorted `(type, name)` pairs: union the pairs of every shard of a corpus and give them
    /// to `with_corpus_names`, and each shard is extracted as the whole corpus would be.
    #[pyo3(signature = (papers, *, threads=None))]
    fn corpus_names(
        &self,
        py: Python<'_>,
        papers: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<(String, String)>> {
        let lines = json_lines(py, papers)?;
        let names = py.detach(|| {
            let (papers, _) = read_papers(&lines, threads);
            in_pool(threads, || self.names_of(&papers))
        });
        let names = names.map_err(Error::new_err)?;
        Ok(names
            .into_iter()
            .map(|n| (n.entity_type.as_str().to_string(), n.name))
            .collect())
    }

    /// This extractor also matching these introduced names (from `corpus_names`) in every
    /// paper. Use it with `corpus_pass=False`.
    fn with_corpus_names(&self, py: Python<'_>, names: Vec<(String, String)>) -> PyResult<Self> {
        let mut parsed = Vec::with_capacity(names.len());
        for (entity_type, name) in names {
            let entity_type = entity_type
                .parse::<EntityType>()
                .map_err(|_| Error::new_err(format!("not an entity type: {entity_type:?}")))?;
            parsed.push(CorpusName { entity_type, name });
        }
        parsed.sort();
        parsed.dedup();
        py.detach(|| self.inner.with_corpus_names(parsed))
            .map(|inner| Extractor::wrap(inner, self.quads.config().base.clone()))
            .map_err(|e| Error::new_err(e.to_string()))
    }

    /// The content hash of the dictionaries, as the quads' provenance records it.
    #[getter]
    fn dictionary_version(&self) -> String {
        self.inner.dictionary().version().to_string()
    }
}

impl Extractor {
    fn wrap(inner: CoreExtractor, base: String) -> Extractor {
        let config = MappingConfig {
            base,
            dictionary_version: inner.dictionary().version().to_string(),
        };
        let quads = PaperQuads::new(config, TaskHierarchy::from_dictionary(inner.dictionary()));
        Extractor { inner, quads }
    }

    /// The introduced names of these papers, sorted and without repeats.
    fn names_of(&self, papers: &[Paper]) -> Vec<CorpusName> {
        let mut names: Vec<CorpusName> = papers
            .par_iter()
            .flat_map_iter(|paper| self.inner.corpus_names(paper))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Extracts every paper on `threads` threads, after the corpus pass when asked for (and
    /// when discovery is on, as in the CLI).
    fn extract_all(
        &self,
        papers: Vec<Paper>,
        threads: Option<usize>,
        corpus_pass: bool,
    ) -> Result<Vec<PaperExtraction>, String> {
        in_pool(threads, || {
            let names = if corpus_pass && self.inner.discovers() {
                self.names_of(&papers)
            } else {
                Vec::new()
            };
            let run = |extractor: &CoreExtractor| -> Vec<PaperExtraction> {
                papers
                    .into_par_iter()
                    .map(|paper| extractor.extract_owned(paper))
                    .collect()
            };
            if names.is_empty() {
                return Ok(run(&self.inner));
            }
            let extractor = self
                .inner
                .with_corpus_names(names)
                .map_err(|e| e.to_string())?;
            Ok(run(&extractor))
        })?
    }

    /// One N-Quads document of these extractions: the provenance, each paper's own quads,
    /// each entity's description once.
    fn nquads(&self, extractions: &[PaperExtraction]) -> PyResult<String> {
        let rendered: Vec<_> = extractions
            .par_iter()
            .map(|e| self.quads.render(e))
            .collect();
        let mut stream = NQuadsStream::new(Vec::new(), &self.quads)
            .map_err(|e| Error::new_err(e.to_string()))?;
        for paper in &rendered {
            stream
                .paper(paper)
                .map_err(|e| Error::new_err(e.to_string()))?;
        }
        String::from_utf8(stream.finish()).map_err(|e| Error::new_err(e.to_string()))
    }
}

/// Runs `work` on a pool of `threads` threads, or on the global pool (all cores).
fn in_pool<T: Send>(threads: Option<usize>, work: impl FnOnce() -> T + Send) -> Result<T, String> {
    match threads {
        None | Some(0) => Ok(work()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(work))
            .map_err(|e| format!("starting {n} threads: {e}")),
    }
}

/// Each item of `papers` as one JSON line with its position: a dict through `json.dumps`, a
/// str as it is. Blank strings are dropped (a blank line of a file).
fn json_lines(py: Python<'_>, papers: &Bound<'_, PyAny>) -> PyResult<Vec<(usize, String)>> {
    let dumps = py.import("json")?.getattr("dumps")?;
    let mut lines = Vec::new();
    for (index, item) in papers.try_iter()?.enumerate() {
        let item = item?;
        let line = if item.is_instance_of::<PyDict>() {
            dumps.call1((&item,))?.extract::<String>()?
        } else if let Ok(text) = item.extract::<String>() {
            if text.trim().is_empty() {
                continue;
            }
            text
        } else {
            let kind = item.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "papers[{index}]: expected a dict or a JSON line, found {kind}"
            )));
        };
        lines.push((index, line));
    }
    Ok(lines)
}

/// Reads each JSON line as a paper with the CLI's reader; bad records and repeated ids come
/// back as issues (`papers[3]: missing field `abstract``).
fn read_papers(lines: &[(usize, String)], threads: Option<usize>) -> (Vec<Paper>, Vec<String>) {
    let parsed: Vec<Result<Paper, String>> = in_pool(threads, || {
        lines
            .par_iter()
            .map(|(index, line)| parse_paper(line, &format!("papers[{index}]")))
            .collect()
    })
    .unwrap_or_else(|e| vec![Err(e)]);
    let mut papers = Vec::with_capacity(parsed.len());
    let mut issues = Vec::new();
    let mut first_of: HashMap<String, String> = HashMap::new();
    for result in parsed {
        match result {
            Ok(paper) => {
                let id = paper.id.to_string();
                if let Some(first) = first_of.get(&id) {
                    issues.push(format!(
                        "{}: duplicate id {id} (first at {first}); skipped",
                        paper.origin
                    ));
                    continue;
                }
                first_of.insert(id, paper.origin.clone());
                papers.push(paper);
            }
            Err(issue) => issues.push(issue),
        }
    }
    (papers, issues)
}

/// One paper from one JSON line, read by the corpus reader; `name` names it in errors.
fn parse_paper(line: &str, name: &str) -> Result<Paper, String> {
    let mut records = Vec::new();
    let reader = Box::new(std::io::Cursor::new(line.as_bytes().to_vec()));
    read_records(reader, name, InputFormat::Jsonl, &mut |r| records.push(r))
        .map_err(|e| format!("{name}: {e}"))?;
    let mut records = records.into_iter();
    match (records.next(), records.next()) {
        (Some(Record::Paper(mut paper)), None) => {
            paper.origin = name.to_string();
            Ok(paper)
        }
        (Some(Record::Skipped(issue)), None) => Err(format!("{name}: {}", issue.reason)),
        _ => Err(format!("{name}: holds more than one JSON line")),
    }
}

/// Raises the first issue as `paperkg.Error`, or with `skip` warns about each.
fn report(py: Python<'_>, issues: &[String], skip: bool) -> PyResult<()> {
    let Some(first) = issues.first() else {
        return Ok(());
    };
    if !skip {
        let more = match issues.len() {
            1 => String::new(),
            n => format!(" (and {} more bad records)", n - 1),
        };
        return Err(Error::new_err(format!("{first}{more}")));
    }
    let category = py.get_type::<PyUserWarning>();
    for issue in issues {
        let message = CString::new(format!("paperkg: skipped {issue}"))
            .unwrap_or_else(|_| c"paperkg: skipped a bad record".to_owned());
        PyErr::warn(py, &category, &message, 1)?;
    }
    Ok(())
}

/// The JSON record of one extraction.
fn record_json(extraction: &PaperExtraction, explain: bool) -> Result<String, String> {
    serde_json::to_string(&PaperRecord::new(extraction, explain)).map_err(|e| e.to_string())
}

/// The JSON records of many extractions as one JSON array, rendered on `threads` threads.
fn records_json(
    extractions: &[PaperExtraction],
    explain: bool,
    threads: Option<usize>,
) -> Result<String, String> {
    let records: Vec<String> = in_pool(threads, || {
        extractions
            .par_iter()
            .map(|e| record_json(e, explain))
            .collect::<Result<_, _>>()
    })??;
    Ok(format!("[{}]", records.join(",")))
}

/// `json.loads(text)`: plain dicts, lists, strs and numbers.
fn json_loads(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    let loads = py.import("json")?.getattr("loads")?;
    Ok(loads.call1((text,))?.unbind())
}

/// The module.
#[pymodule]
fn _paperkg(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Extractor>()?;
    module.add("Error", module.py().get_type::<Error>())?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

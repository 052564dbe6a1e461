//! Each paper's quads on their own, as N-Quads: what `paperkg extract --format nquads` and the
//! Python package write, so that papers can be extracted in shards on many machines.
//!
//! A paper's quads are those a store built from that paper alone would hold, without the
//! run-level summaries: its own triples (title, abstract, ids, date, results, the annotation of
//! each mention, `pkg:introduces`, `pkg:hasCode`) and the descriptions of the entities it
//! mentions as this paper sees them (labels, aliases including the paper's own spellings,
//! external ids, a task's chain of parents). Nothing in them depends on the other papers of
//! the run, so the union of the shards' quads is the same set however the papers are split.
//!
//! Left out, because they depend on the whole run: `pkg:paperCount` (how many papers mention
//! an entity) and the `pkg:Leaderboard` nodes (the best result per dataset and metric). A
//! store build computes them ([`crate::mapping::QuadWriter`]); over shards, a second pass over
//! their union restores them (docs/scale.md).
//!
//! ```
//! use paperkg_core::corpus::{Paper, PaperId};
//! use paperkg_core::extract::Extractor;
//! use paperkg_rdf::nquads::{NQuadsStream, PaperQuads};
//! use paperkg_rdf::{vocab::DEFAULT_BASE, MappingConfig, TaskHierarchy};
//!
//! let extractor = Extractor::builder().build()?;
//! let paper = Paper {
//!     id: PaperId::Local("p1".into()),
//!     title: "BERT on SQuAD".into(),
//!     abstract_text: "We fine-tune BERT on SQuAD.".into(),
//!     ..Paper::default()
//! };
//! let config = MappingConfig {
//!     base: DEFAULT_BASE.to_string(),
//!     dictionary_version: extractor.dictionary().version().to_string(),
//! };
//! let papers = PaperQuads::new(config, TaskHierarchy::from_dictionary(extractor.dictionary()));
//! let mut stream = NQuadsStream::new(Vec::new(), &papers)?;
//! stream.paper(&papers.render(&extractor.extract(&paper)))?;
//! let text = String::from_utf8(stream.finish())?;
//! assert!(text.contains("<https://w3id.org/paperkg/paper/id/p1> <https://schema.org/mentions>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::hierarchy::TaskHierarchy;
use crate::mapping::{provenance_quads, MappingConfig, QuadWriter};
use oxrdf::{NamedOrBlankNode, Quad};
use oxttl::NQuadsSerializer;
use paperkg_core::extract::PaperExtraction;
use paperkg_core::graph::KnowledgeGraph;
use paperkg_core::text::fnv1a;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::sync::Arc;

/// Maps one paper at a time to its quads. Shared by the workers of a run (it is `Sync`).
#[derive(Clone, Debug)]
pub struct PaperQuads {
    config: MappingConfig,
    hierarchy: Arc<TaskHierarchy>,
}

/// One paper's quads, split by whom they are about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SplitQuads {
    /// Quads about the paper itself: its IRI, its fields and results, its annotations. No other
    /// paper writes them.
    pub own: Vec<Quad>,
    /// Quads about the entities and code it mentions, which other papers may write too.
    pub shared: Vec<Quad>,
}

/// One paper's quads rendered as N-Quads lines, ready for an [`NQuadsStream`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderedPaper {
    /// The lines of the paper's own quads.
    pub own: Vec<u8>,
    /// The lines of the shared quads, one per entry (each ends with a line break).
    pub shared: Vec<String>,
}

impl PaperQuads {
    /// A mapper with this configuration, linking tasks up to their roots in `hierarchy`.
    pub fn new(config: MappingConfig, hierarchy: TaskHierarchy) -> PaperQuads {
        PaperQuads {
            config,
            hierarchy: Arc::new(hierarchy),
        }
    }

    /// The mapping configuration.
    pub fn config(&self) -> &MappingConfig {
        &self.config
    }

    /// The quads of the run's provenance (the same for every shard of a run with the same
    /// dictionary).
    pub fn provenance(&self) -> Vec<Quad> {
        let mut quads = Vec::new();
        provenance_quads(&self.config, &mut quads);
        quads
    }

    /// The quads of one paper, without the run-level summaries (see the module docs).
    pub fn quads(&self, extraction: &PaperExtraction) -> SplitQuads {
        let graph = KnowledgeGraph::from_extractions([extraction]);
        let mut quads = Vec::new();
        QuadWriter::new(self.config.clone())
            .with_shared_hierarchy(Arc::clone(&self.hierarchy))
            .graph(&graph, &mut quads);
        let paper = self.config.paper_iri_for(&extraction.paper.id);
        let (own, shared) = quads
            .into_iter()
            .partition(|quad| is_about(&quad.subject, paper.as_str()));
        SplitQuads { own, shared }
    }

    /// The quads of one paper as N-Quads lines.
    pub fn render(&self, extraction: &PaperExtraction) -> RenderedPaper {
        let split = self.quads(extraction);
        let mut own = Vec::with_capacity(split.own.len() * 120);
        write_quads(&split.own, &mut own);
        let shared = split
            .shared
            .iter()
            .map(|quad| {
                let mut line = Vec::with_capacity(120);
                write_quads(std::slice::from_ref(quad), &mut line);
                String::from_utf8_lossy(&line).into_owned()
            })
            .collect();
        RenderedPaper { own, shared }
    }
}

/// Whether a quad's subject belongs to the paper with this IRI: the paper, one of its parts
/// (`#abstract`) or results (`/result/0`), or an annotation (a blank node, one per paper and
/// entity).
fn is_about(subject: &NamedOrBlankNode, paper: &str) -> bool {
    match subject {
        NamedOrBlankNode::BlankNode(_) => true,
        NamedOrBlankNode::NamedNode(node) => node
            .as_str()
            .strip_prefix(paper)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['#', '/'])),
    }
}

/// Appends quads as N-Quads lines.
pub fn write_quads(quads: &[Quad], out: &mut Vec<u8>) {
    let mut serializer = NQuadsSerializer::new().low_level();
    for quad in quads {
        // Writing into a Vec cannot fail.
        let _ = serializer.serialize_quad(quad, &mut *out);
    }
}

/// Shared lines an [`NQuadsStream`] remembers (as 128-bit hashes, about 100 MB) before it
/// forgets them and starts over.
const REMEMBERED_LINES: usize = 4_000_000;

/// An N-Quads document of many papers: the provenance first, then each paper's own quads, and
/// each shared quad (an entity's label, say) once however many papers write it. Past
/// [`REMEMBERED_LINES`] distinct shared lines (millions of papers) the memory of what was
/// written starts over, so a shared line may appear again: memory stays bounded, and an RDF
/// store or parser reads the document as the same set.
pub struct NQuadsStream<W: Write> {
    out: W,
    written: HashSet<u128>,
}

impl<W: Write> NQuadsStream<W> {
    /// Starts a document on `out` with the provenance of `papers`' run.
    pub fn new(mut out: W, papers: &PaperQuads) -> io::Result<NQuadsStream<W>> {
        let mut lines = Vec::new();
        write_quads(&papers.provenance(), &mut lines);
        out.write_all(&lines)?;
        Ok(NQuadsStream {
            out,
            written: HashSet::new(),
        })
    }

    /// Writes one paper's lines.
    pub fn paper(&mut self, paper: &RenderedPaper) -> io::Result<()> {
        self.out.write_all(&paper.own)?;
        for line in &paper.shared {
            if self.written.len() >= REMEMBERED_LINES {
                self.written.clear();
            }
            if self.written.insert(line_key(line)) {
                self.out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Ends the document, giving back the writer.
    pub fn finish(self) -> W {
        self.out
    }
}

/// A 128-bit hash of a line (FNV-1a and SipHash side by side): two distinct lines of a
/// document share it with a chance far below one in a billion.
fn line_key(line: &str) -> u128 {
    let mut sip = std::hash::DefaultHasher::new();
    line.hash(&mut sip);
    (u128::from(fnv1a(line.as_bytes())) << 64) | u128::from(sip.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::DEFAULT_BASE;
    use oxrdf::{BlankNode, NamedNode};
    use paperkg_core::corpus::{Paper, PaperId};
    use paperkg_core::extract::Extractor;

    fn extraction(id: &str, title: &str, abstract_text: &str) -> PaperExtraction {
        let extractor = Extractor::builder()
            .build()
            .unwrap_or_else(|e| panic!("extractor: {e}"));
        extractor.extract(&Paper {
            id: PaperId::Local(id.into()),
            title: title.into(),
            abstract_text: abstract_text.into(),
            ..Paper::default()
        })
    }

    fn papers() -> PaperQuads {
        let config = MappingConfig {
            base: DEFAULT_BASE.into(),
            dictionary_version: "test".into(),
        };
        PaperQuads::new(config, TaskHierarchy::default())
    }

    #[test]
    fn a_paper_owns_its_parts_results_and_annotations_not_a_longer_id() {
        let paper = format!("{DEFAULT_BASE}paper/x1");
        let named = |iri: &str| NamedOrBlankNode::from(NamedNode::new_unchecked(iri));
        assert!(is_about(&named(&paper), &paper));
        assert!(is_about(&named(&format!("{paper}#abstract")), &paper));
        assert!(is_about(&named(&format!("{paper}/result/0")), &paper));
        assert!(is_about(&BlankNode::default().into(), &paper));
        assert!(!is_about(&named(&format!("{paper}0")), &paper));
        assert!(!is_about(
            &named(&format!("{DEFAULT_BASE}entity/model/bert")),
            &paper
        ));
    }

    #[test]
    fn a_stream_writes_an_entity_label_once_for_two_papers() {
        let papers = papers();
        let mut stream =
            NQuadsStream::new(Vec::new(), &papers).unwrap_or_else(|e| panic!("stream: {e}"));
        for id in ["a", "b"] {
            let paper = extraction(id, "Zorblax on SQuAD", "We fine-tune Zorblax on SQuAD.");
            stream
                .paper(&papers.render(&paper))
                .unwrap_or_else(|e| panic!("write: {e}"));
        }
        let text = String::from_utf8(stream.finish()).unwrap_or_else(|e| panic!("utf-8: {e}"));
        let labels = text
            .lines()
            .filter(|l| l.contains("skos/core#prefLabel> \"SQuAD\""))
            .count();
        let mentions = text
            .lines()
            .filter(|l| l.contains("<https://schema.org/mentions>"))
            .count();
        assert_eq!(labels, 1, "{text}");
        assert!(mentions >= 2, "{text}");
    }
}

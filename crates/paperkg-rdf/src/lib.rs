//! paperkg's RDF mapping: the knowledge graph of `paperkg-core` as quads in standard
//! vocabularies, without a store. `paperkg-store` loads these quads into oxigraph (RocksDB);
//! the Python package and `paperkg extract --format nquads` write them as N-Quads.
//!
//! 1. [`vocab`] spells out every IRI.
//! 2. [`mapping`] turns graphs into quads ([`mapping::QuadWriter`]), with the run-level
//!    summaries a store keeps (paper counts, leaderboards).
//! 3. [`hierarchy`] links each task up to its root.
//! 4. [`nquads`] gives each paper's quads on their own, independent of the other papers of
//!    the run, for extraction in shards.
//! 5. [`iri`] reads the ids back from the IRIs the mapping writes: the only place an IRI is
//!    parsed.

#![deny(missing_docs)]

pub mod hierarchy;
pub mod iri;
pub mod mapping;
pub mod nquads;
pub mod vocab;

pub use hierarchy::TaskHierarchy;
pub use iri::{EntityIri, IriError, PaperIri};
pub use mapping::MappingConfig;
pub use oxrdf;

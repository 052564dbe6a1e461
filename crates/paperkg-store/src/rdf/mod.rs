//! RDF: the graph mapped onto standard vocabularies, and the oxigraph store that holds it.
//!
//! After a build the store is the source of truth: every consumer (query, lookup, export,
//! serve, the graph analytics) works from the store alone, through [`load_graph`].

mod load;
pub mod store;

// The mapping itself lives in `paperkg-rdf` (no RocksDB there); these paths stay as they were.
pub use paperkg_rdf::{hierarchy, iri, mapping, nquads, vocab};

pub use hierarchy::TaskHierarchy;
pub(crate) use load::entity_id;
pub use load::{load_graph, load_links, term_string, LoadError};
pub use mapping::MappingConfig;
pub use store::{LoadBudget, StoreError, StoreLocation};

//! What the graph commands (rank, related, path, trend, export --around) share: opening the
//! store with its graph index, finding the entities named on the command line, and naming
//! them in output.

use super::StoreArgs;
use oxigraph::store::Store;
use paperkg_store::index::{EntitySlot, GraphIndex, IndexedStore};
use paperkg_store::lookup::{find_indexed, NoEntity};
use paperkg_store::rdf::StoreLocation;

/// The store and its graph index.
pub(super) struct StoreGraph {
    pub store: Store,
    pub index: GraphIndex,
}

impl StoreGraph {
    /// Opens the store for reading with its graph index, saying so on stderr when the index
    /// had to be made from the store (an older store, or a damaged index).
    pub fn open(args: &StoreArgs) -> anyhow::Result<StoreGraph> {
        StoreGraph::open_at(&args.location())
    }

    /// As [`open`](StoreGraph::open), at a resolved location.
    pub fn open_at(location: &StoreLocation) -> anyhow::Result<StoreGraph> {
        let progress = super::progress("opening the graph index");
        let opened = IndexedStore::open(location);
        progress.finish_and_clear();
        let opened = opened?;
        if let Some(notice) = &opened.notice {
            super::note(&format!(
                "graph index of {}: {notice}",
                location.path().display()
            ));
        }
        Ok(StoreGraph {
            store: opened.store,
            index: opened.index,
        })
    }

    /// The entity a name on the command line means (any alias, any case). When nothing
    /// carries the name, the error lists the closest known entities.
    pub fn entity(&self, name: &str) -> Result<EntitySlot, NoEntity> {
        find_indexed(&self.store, &self.index, name)
    }

    /// An entity's name.
    pub fn name(&self, entity: EntitySlot) -> &str {
        self.index.name(entity)
    }

    /// An entity's type as a word.
    pub fn type_name(&self, entity: EntitySlot) -> &'static str {
        self.index.entity_type(entity).as_str()
    }
}

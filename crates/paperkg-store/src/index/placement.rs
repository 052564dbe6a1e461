//! Where the index lives and how it stays in step with the store.
//!
//! The index is the file [`INDEX_FILE`] inside the store directory:
//!
//! - `build` writes it into the new store directory before that directory is swapped into
//!   place, so the swap brings store and index in together.
//! - `add` writes the new index to [`PENDING_FILE`] before it commits its transaction, and
//!   renames it over [`INDEX_FILE`] after. The pending file names a *witness*: a paper that the
//!   transaction adds. A reader that finds a pending file whose witness the store holds knows
//!   the transaction committed and reads the pending file; otherwise the pending file belongs
//!   to an add that has not committed (or never will) and is ignored. The next `add`, holding
//!   the store's lock, renames or removes it. A SIGKILL at any point therefore leaves a store
//!   and an index that agree.
//! - A store without an index (made by an older paperkg) or with a damaged one gets a new
//!   index made from its quads, once: it is saved when the store's lock can be taken.

use super::{GraphIndex, IndexBuilder, IndexError};
use crate::rdf::vocab::{dcterms, fair4ml, mls, pkg, prov, rdf, schema, skos};
use crate::rdf::StoreLocation;
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store, Transaction};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The index file's name inside the store directory.
pub const INDEX_FILE: &str = "paperkg-graph.idx";
/// The name of an index written by an `add` that may not have committed yet.
pub const PENDING_FILE: &str = "paperkg-graph.idx.pending";

/// A store opened for reading together with the index that agrees with it.
pub struct IndexedStore {
    /// The store, read-only.
    pub store: Store,
    /// Its graph index.
    pub index: GraphIndex,
    /// Set when the index had to be made from the store's quads: what happened, for the user.
    pub notice: Option<String>,
}

impl IndexedStore {
    /// Opens the store at `location` read-only with its index. When the index is missing or
    /// damaged, makes it from the store (slow on a large store, and said in
    /// [`notice`](IndexedStore::notice)) and saves it if no writer holds the store.
    pub fn open(location: &StoreLocation) -> Result<IndexedStore, IndexError> {
        // An add may rename its index into place between our opening the store and reading
        // the index; then the index names a paper this store handle does not see yet, and a
        // fresh handle does.
        for _ in 0..3 {
            let store = location.open_read()?;
            match read_agreeing(location.path(), &store) {
                Ok(Some(index)) => {
                    return Ok(IndexedStore {
                        store,
                        index,
                        notice: None,
                    })
                }
                Ok(None) => continue,
                Err(reason) => return rebuild(location, store, &reason),
            }
        }
        let store = location.open_read()?;
        rebuild(location, store, "it is newer than the store")
    }
}

/// The index that agrees with `store`: `Ok(None)` when the index on disk is newer than this
/// store handle, `Err` with a reason when there is no readable index.
fn read_agreeing(dir: &Path, store: &Store) -> Result<Option<GraphIndex>, String> {
    let holds = |iri: &str| witnessed(iri, |s, p| store_has(store, s, p));
    match read_file(&dir.join(PENDING_FILE)) {
        Ok(Some((index, witness))) if holds(&witness) => return Ok(Some(index)),
        _ => {}
    }
    match read_file(&dir.join(INDEX_FILE)) {
        Ok(Some((index, witness))) => Ok(holds(&witness).then_some(index)),
        Ok(None) => Err("the store has no graph index".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether the store holds the witness paper's title (an empty witness always holds).
fn witnessed(iri: &str, has: impl Fn(&NamedNode, NamedNodeRef<'_>) -> bool) -> bool {
    if iri.is_empty() {
        return true;
    }
    NamedNode::new(iri).is_ok_and(|node| has(&node, dcterms::TITLE))
}

fn store_has(store: &Store, subject: &NamedNode, predicate: NamedNodeRef<'_>) -> bool {
    matches!(
        store
            .quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), None, None)
            .next(),
        Some(Ok(_))
    )
}

/// Makes the index from the store, saving it when the store's lock can be taken (so that no
/// add can interleave); says what happened in the notice.
fn rebuild(
    location: &StoreLocation,
    store: Store,
    reason: &str,
) -> Result<IndexedStore, IndexError> {
    let dir = location.path();
    let (index, saved) = match Store::open(dir) {
        Ok(locked) => {
            let index = from_store(&locked)?;
            let saved = write_file(&dir.join(INDEX_FILE), &index, "");
            drop(locked);
            (index, saved.map_err(|e| e.to_string()))
        }
        Err(e) => (
            from_store(&store)?,
            Err(location.storage_error(e).to_string()),
        ),
    };
    // Reopen so that the store handle sees what the index was made from.
    let store = location.open_read().unwrap_or(store);
    let notice = match saved {
        Ok(()) => format!(
            "{reason}; made it from the store's quads ({} papers) and saved it, once",
            index.paper_count()
        ),
        Err(why) => {
            format!("{reason}; made it from the store's quads for this run only (not saved: {why})")
        }
    };
    Ok(IndexedStore {
        store,
        index,
        notice: Some(notice),
    })
}

/// The predicates whose quads make the index.
const INDEXED: [NamedNodeRef<'static>; 20] = [
    dcterms::TITLE,
    dcterms::DATE,
    schema::MENTIONS,
    pkg::HAS_LINK,
    pkg::INTRODUCES,
    pkg::HAS_CODE,
    schema::CODE_REPOSITORY,
    prov::WAS_DERIVED_FROM,
    fair4ml::FINE_TUNED_FROM,
    pkg::ENTITY_TYPE,
    skos::PREF_LABEL,
    skos::ALT_LABEL,
    pkg::LINK_KIND,
    pkg::MENTION_COUNT,
    pkg::DATASET,
    mls::SPECIFIED_BY,
    pkg::MODEL,
    mls::HAS_VALUE,
    pkg::UNIT,
    pkg::REPORTED_IN,
];

/// Makes the index from the quads a store holds (papers, entities, links, lineage, code,
/// mention counts), reading only the predicates it needs. Mention counts are the stored
/// `pkg:mentionCount`s; a store made before those were stored has them counted from
/// `pkg:spans`.
pub fn from_store(store: &Store) -> Result<GraphIndex, IndexError> {
    from_quads(|p, o| store.quads_for_pattern(None, Some(p), o, None))
}

/// As [`from_store`], inside a transaction (for `add`, which holds the store's lock).
fn from_transaction(transaction: &Transaction<'_>) -> Result<GraphIndex, IndexError> {
    from_quads(|p, o| transaction.quads_for_pattern(None, Some(p), o, None))
}

/// Feeds the builder, one quad at a time, every quad of the indexed predicates.
fn from_quads<I: Iterator<Item = Result<Quad, StorageError>>>(
    read: impl Fn(NamedNodeRef<'_>, Option<oxigraph::model::TermRef<'_>>) -> I,
) -> Result<GraphIndex, IndexError> {
    let mut builder = IndexBuilder::new();
    let article = Term::from(schema::SCHOLARLY_ARTICLE.into_owned());
    for quad in read(rdf::TYPE, Some(article.as_ref())) {
        builder.quad(&quad?);
    }
    for predicate in INDEXED {
        for quad in read(predicate, None) {
            builder.quad(&quad?);
        }
    }
    if read(pkg::MENTION_COUNT, None).next().is_none() {
        for quad in read(pkg::SPANS, None) {
            builder.spans_quad(&quad?);
        }
    }
    builder.end_chunk();
    Ok(builder.finish())
}

/// Opens an index file, memory-mapped: `Ok(None)` when there is none.
fn read_file(path: &Path) -> Result<Option<(GraphIndex, String)>, IndexError> {
    let io = |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(io(source)),
    };
    // SAFETY: index files are never written in place: every writer writes a temporary file
    // and renames it over the index, so the mapped file's contents do not change while it is
    // mapped (a rename replaces the directory entry, not the mapped inode). Everything read
    // from the map is bounds-checked.
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
    let index = GraphIndex::from_bytes(super::file::Bytes::Mapped(map)).map_err(|reason| {
        IndexError::Corrupt {
            path: path.to_path_buf(),
            reason,
        }
    })?;
    let witness = index.witness().to_string();
    Ok(Some((index, witness)))
}

/// Writes an index file whole: to a temporary file, synced, then renamed over `path`.
pub(crate) fn write_file(path: &Path, index: &GraphIndex, witness: &str) -> Result<(), IndexError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IndexError::Io { path, source }
    };
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    let bytes = index.encode(witness);
    let mut file = std::fs::File::create(&temporary).map_err(io(&temporary))?;
    file.write_all(&bytes)
        .and_then(|()| file.sync_all())
        .map_err(io(&temporary))?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(io(path))?;
    sync_dir(path);
    Ok(())
}

/// Makes a rename durable; a file system that cannot sync a directory is left as it is.
fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(handle) = std::fs::File::open(dir) {
            let _ = handle.sync_all();
        }
    }
}

/// Writes the index of a store being built into its (not yet swapped in) directory.
pub fn write_built(dir: &Path, index: &GraphIndex) -> Result<(), IndexError> {
    write_file(&dir.join(INDEX_FILE), index, "")
}

/// The index side of one `add`, used inside the store's transaction (so under its lock):
/// [`start`](AddIndex::start) settles what an earlier add left and reads the current index;
/// [`prepare`](AddIndex::prepare) writes the new index as pending before the commit;
/// [`settle`] renames it into place after.
pub struct AddIndex {
    dir: PathBuf,
    /// Builds the new index from the current one and the quads the add inserts.
    pub builder: IndexBuilder,
    /// The first paper the add inserts (its title quad witnesses the commit).
    pub witness: Option<String>,
}

impl AddIndex {
    /// Settles an earlier add's pending index (renamed into place if it committed, else
    /// removed), then starts from the current index, made from the store if there is none.
    pub fn start(dir: &Path, transaction: &Transaction<'_>) -> Result<AddIndex, IndexError> {
        let has = |s: &NamedNode, p: NamedNodeRef<'_>| {
            matches!(
                transaction
                    .quads_for_pattern(Some(s.as_ref().into()), Some(p), None, None)
                    .next(),
                Some(Ok(_))
            )
        };
        let pending = dir.join(PENDING_FILE);
        if let Ok(Some((_, witness))) = read_file(&pending) {
            if witnessed(&witness, has) {
                settle(dir)?;
            }
        }
        let _ = std::fs::remove_file(&pending);
        let current = match read_file(&dir.join(INDEX_FILE)) {
            Ok(Some((index, witness))) if witnessed(&witness, has) => index,
            _ => from_transaction(transaction)?,
        };
        Ok(AddIndex {
            dir: dir.to_path_buf(),
            builder: IndexBuilder::from_index(&current),
            witness: None,
        })
    }

    /// Notes the papers among `quads` (the first becomes the witness) and watches them.
    pub fn chunk(&mut self, quads: &[Quad]) {
        if self.witness.is_none() {
            self.witness = quads.iter().find_map(|q| match &q.subject {
                NamedOrBlankNode::NamedNode(paper) if q.predicate == dcterms::TITLE => {
                    Some(paper.as_str().to_string())
                }
                _ => None,
            });
        }
        self.builder.chunk(quads);
    }

    /// Writes the new index as pending, before the transaction commits. Nothing to write
    /// when the add inserts no paper: the index stays as it is.
    pub fn prepare(self) -> Result<bool, IndexError> {
        let Some(witness) = self.witness else {
            return Ok(false);
        };
        let index = self.builder.finish();
        write_file(&self.dir.join(PENDING_FILE), &index, &witness)?;
        Ok(true)
    }
}

/// Renames the pending index over the index, after the add's transaction has committed.
pub fn settle(dir: &Path) -> Result<(), IndexError> {
    let (pending, index) = (dir.join(PENDING_FILE), dir.join(INDEX_FILE));
    std::fs::rename(&pending, &index).map_err(|source| IndexError::Io {
        path: pending,
        source,
    })?;
    sync_dir(&index);
    Ok(())
}

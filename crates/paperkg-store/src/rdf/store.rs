//! Opening, building and extending the on-disk oxigraph (RocksDB) store.
//!
//! A build writes into a fresh directory beside the target and swaps it into place only
//! after the bulk load has committed, so a failed or killed build never leaves a half-written
//! store behind. On Linux and macOS the swap is one atomic exchange of the two directories, so
//! the store path holds the old store or the new one at every instant; a directory left by a
//! killed build is removed by the next build. `add` writes through one transaction, so it too lands whole or not at all.
//!
//! Readers open the store read-only and take no lock: they see what was committed when they
//! opened it, and a writer (`build`, `add`) never waits for them.

use oxigraph::model::Quad;
use oxigraph::store::{StorageError, Store, Transaction};
use std::path::{Path, PathBuf};

/// The environment variable that overrides the default store location.
pub const STORE_ENV: &str = "PAPERKG_STORE";
/// The default store directory, relative to the working directory.
pub const DEFAULT_STORE: &str = "paperkg-store";
/// Bulk-loader threads that may sort and write batches at once. More than the two cores this
/// is tuned on: while one batch waits on its sort, the others and the extraction keep the
/// cores busy instead of the pipeline stalling behind it (measured: 2 left one core idle for
/// a third of a build). Each holds one batch (see [`LoadBudget`]).
const LOADER_THREADS: usize = 3;

/// What one quad on its way into the store costs in memory: about 300 bytes as a [`Quad`],
/// and as much again while a loader thread encodes and sorts it (measured: 1.71 GB of peak
/// RSS with four batches of a million quads in flight).
const BYTES_PER_QUAD: u64 = 420;

/// The smallest batch the loader is given, whatever the budget.
const MIN_BATCH: usize = 10_000;

/// How much memory a build may use, most of it for the bulk loader's batches: the batch being
/// filled and one in each loader thread. Each batch becomes one sorted file per index, so a
/// larger budget means fewer, larger files, and less for RocksDB to merge later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadBudget {
    bytes: u64,
}

impl LoadBudget {
    /// The budget when none is given: 2 GiB (about the million-quad batches of earlier
    /// releases), or a quarter of the machine's memory when that is less, at least 1 GiB.
    /// Larger budgets are opt-in: at 100K papers 6 GiB cost 15% more CPU for its longer sorts,
    /// and what it saves in compaction at a million papers is not yet measured
    /// (docs/scale.md).
    pub fn machine_default() -> LoadBudget {
        const GIB: u64 = 1 << 30;
        let bytes = total_memory().map_or(2 * GIB, |total| (total / 4).clamp(GIB, 2 * GIB));
        LoadBudget { bytes }
    }

    /// A budget of `bytes`.
    pub fn from_bytes(bytes: u64) -> LoadBudget {
        LoadBudget { bytes }
    }

    /// The budget in bytes.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Quads per batch handed to the loader: three quarters of the budget shared by the
    /// batch being filled and the loader threads' batches (the rest is for the extraction,
    /// the graph index and the counts).
    pub fn batch_quads(&self) -> usize {
        let in_flight = (LOADER_THREADS as u64 + 1) * BYTES_PER_QUAD;
        usize::try_from(self.bytes / 4 * 3 / in_flight)
            .unwrap_or(usize::MAX)
            .max(MIN_BATCH)
    }
}

impl Default for LoadBudget {
    fn default() -> LoadBudget {
        LoadBudget::machine_default()
    }
}

impl std::str::FromStr for LoadBudget {
    type Err = String;

    /// Parses a size: a number of bytes with an optional unit, `K`, `M`, `G` or `T` (powers of
    /// 1024; `KB`, `KiB`, `MB`, `MiB`, ... mean the same), such as `512M` or `6G`.
    fn from_str(text: &str) -> Result<LoadBudget, String> {
        let text = text.trim();
        let digits = text
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        let number: f64 = number
            .parse()
            .map_err(|_| format!("{text:?} is not a size (such as 512M or 6G)"))?;
        let shift = match unit.trim().to_ascii_lowercase().as_str() {
            "" | "b" => 0,
            "k" | "kb" | "kib" => 10,
            "m" | "mb" | "mib" => 20,
            "g" | "gb" | "gib" => 30,
            "t" | "tb" | "tib" => 40,
            _ => {
                return Err(format!(
                    "{text:?}: unknown unit {unit:?} (use K, M, G or T)"
                ))
            }
        };
        let bytes = number * (1u64 << shift) as f64;
        if bytes.is_nan() || bytes < (16u64 << 20) as f64 {
            return Err(format!("{text:?} is too small: give at least 16M"));
        }
        Ok(LoadBudget {
            bytes: bytes as u64,
        })
    }
}

/// The machine's memory in bytes (`MemTotal` of `/proc/meminfo`); `None` where there is none.
fn total_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Errors opening or writing a store. Each names the store's path.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// There is no store at the path.
    #[error("no paperkg store at {0} (run `paperkg build` first, or pass --store)")]
    Missing(PathBuf),
    /// Another process holds the store's write lock.
    #[error("store {0} is locked by another process")]
    Locked(PathBuf),
    /// The path exists but is not a directory holding a store.
    #[error("{0} is not a paperkg store directory")]
    NotAStore(PathBuf),
    /// Any other storage failure.
    #[error("store {path}: {source}")]
    Storage {
        /// The store's path.
        path: PathBuf,
        /// The underlying error.
        source: StorageError,
    },
    /// A file-system operation around the store failed.
    #[error("store {path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Where the store lives: `--store`, else `$PAPERKG_STORE`, else `./paperkg-store`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreLocation(pub PathBuf);

impl StoreLocation {
    /// Resolves the location from an explicit option and the environment.
    pub fn resolve(explicit: Option<&Path>) -> StoreLocation {
        let path = explicit
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os(STORE_ENV).map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE));
        StoreLocation(path)
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Opens an existing store for reading. Several readers may share a store; a reader does
    /// not see what a concurrent writer has not committed.
    pub fn open_read(&self) -> Result<Store, StoreError> {
        self.check_exists()?;
        Store::open_read_only(&self.0).map_err(|e| self.storage_error(e))
    }

    /// Opens an existing store for writing, taking its lock.
    pub fn open_write(&self) -> Result<Store, StoreError> {
        self.check_exists()?;
        Store::open(&self.0).map_err(|e| self.storage_error(e))
    }

    fn check_exists(&self) -> Result<(), StoreError> {
        if !self.0.exists() {
            return Err(StoreError::Missing(self.0.clone()));
        }
        if !self.0.is_dir() || !self.0.join("CURRENT").exists() {
            return Err(StoreError::NotAStore(self.0.clone()));
        }
        Ok(())
    }

    /// Wraps a storage failure with this store's path.
    pub fn storage_error(&self, source: StorageError) -> StoreError {
        let text = source.to_string();
        if text.contains("lock") || text.contains("Resource temporarily unavailable") {
            StoreError::Locked(self.0.clone())
        } else {
            StoreError::Storage {
                path: self.0.clone(),
                source,
            }
        }
    }

    /// Checks that a build may put a store here: nothing is there yet, or an empty directory,
    /// or a store that no other process is writing. Cheap; `build` calls it before loading,
    /// and a caller should call it before any costly extraction, so that a wrong `--store`
    /// fails at once rather than after the corpus has been read.
    pub fn check_buildable(&self) -> Result<(), StoreError> {
        if !self.0.exists() || is_empty_dir(&self.0) {
            return Ok(());
        }
        if !self.0.is_dir() || !self.0.join("CURRENT").exists() {
            return Err(StoreError::NotAStore(self.0.clone()));
        }
        if is_locked(&self.0) {
            return Err(StoreError::Locked(self.0.clone()));
        }
        Ok(())
    }

    /// Builds a fresh store at this location from chunks of quads. The old store, if any,
    /// stays in place and readable until the new one is complete; then the new one replaces it.
    ///
    /// ```
    /// use paperkg_core::corpus::{Paper, PaperId};
    /// use paperkg_core::extract::Extractor;
    /// use paperkg_core::graph::KnowledgeGraph;
    /// use paperkg_store::rdf::mapping::{provenance_quads, QuadWriter};
    /// use paperkg_store::rdf::vocab::DEFAULT_BASE;
    /// use paperkg_store::rdf::{MappingConfig, StoreError, StoreLocation};
    ///
    /// let extractor = Extractor::builder().build()?;
    /// let paper = Paper {
    ///     id: PaperId::Local("p1".into()),
    ///     title: "BERT on SQuAD".into(),
    ///     abstract_text: "We fine-tune BERT on SQuAD.".into(),
    ///     ..Paper::default()
    /// };
    /// let graph = KnowledgeGraph::from_extractions(&[extractor.extract(&paper)]);
    /// let config = MappingConfig {
    ///     base: DEFAULT_BASE.to_string(),
    ///     dictionary_version: extractor.dictionary().version().to_string(),
    /// };
    /// let mut writer = QuadWriter::new(config.clone());
    ///
    /// let dir = std::env::temp_dir().join(format!("paperkg-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let location = StoreLocation(dir.join("store"));
    /// location.build(|push| -> Result<(), StoreError> {
    ///     let mut quads = Vec::new();
    ///     provenance_quads(&config, &mut quads);
    ///     writer.graph(&graph, &mut quads);
    ///     writer.paper_count_quads(&mut quads);
    ///     push(quads)
    /// })?;
    /// let store = location.open_read()?;
    /// assert!(store.len()? > 10);
    /// # drop(store);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build<E: From<StoreError>>(
        &self,
        chunks: impl FnOnce(&mut dyn FnMut(Vec<Quad>) -> Result<(), StoreError>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.build_with(chunks, |(), _| Ok(()))
    }

    /// As [`build`](StoreLocation::build), and before the swap hands what `chunks` returned
    /// to `finish` with the new store's directory, so that files written there (the graph
    /// index) come into place together with the store, or not at all.
    pub fn build_with<T, E: From<StoreError>>(
        &self,
        chunks: impl FnOnce(&mut dyn FnMut(Vec<Quad>) -> Result<(), StoreError>) -> Result<T, E>,
        finish: impl FnOnce(T, &Path) -> Result<(), E>,
    ) -> Result<(), E> {
        self.build_within(LoadBudget::default(), chunks, finish)
    }

    /// As [`build_with`](StoreLocation::build_with), loading within a memory `budget`.
    pub fn build_within<T, E: From<StoreError>>(
        &self,
        budget: LoadBudget,
        chunks: impl FnOnce(&mut dyn FnMut(Vec<Quad>) -> Result<(), StoreError>) -> Result<T, E>,
        finish: impl FnOnce(T, &Path) -> Result<(), E>,
    ) -> Result<(), E> {
        self.check_buildable().map_err(E::from)?;
        let staging = self.sibling("building");
        self.remove_abandoned();
        remove_dir_if_exists(&staging).map_err(E::from)?;
        let result = self
            .load_fresh(&staging, budget, chunks)
            .and_then(|made| finish(made, &staging))
            .and_then(|()| self.swap_in(&staging).map_err(E::from));
        if result.is_err() {
            // Whatever failed, the staging directory (a new store, or after the swap the old
            // one) is of no further use.
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }

    /// Adds to the existing store through one transaction, committed only when `write`
    /// succeeds: readers see the store before or after, never between. A transaction holds its
    /// writes in memory, so `add` suits increments; a whole corpus goes through `build`.
    pub fn add<E: From<StoreError>>(
        &self,
        write: impl FnOnce(&mut Transaction<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.check_exists().map_err(E::from)?;
        let store = self.open_write().map_err(E::from)?;
        let mut transaction = store
            .start_transaction()
            .map_err(|e| E::from(self.storage_error(e)))?;
        write(&mut transaction)?;
        transaction
            .commit()
            .map_err(|e| E::from(self.storage_error(e)))?;
        store.flush().map_err(|e| E::from(self.storage_error(e)))
    }

    fn load_fresh<T, E: From<StoreError>>(
        &self,
        dir: &Path,
        budget: LoadBudget,
        chunks: impl FnOnce(&mut dyn FnMut(Vec<Quad>) -> Result<(), StoreError>) -> Result<T, E>,
    ) -> Result<T, E> {
        let location = StoreLocation(dir.to_path_buf());
        let store = Store::open(dir).map_err(|e| E::from(location.storage_error(e)))?;
        // Loading without atomicity (ingesting each batch as it is sorted, so that RocksDB
        // compacts during the build) was tried: 18 min 50 s against 17 min 30 s for 1M papers.
        let batch = budget.batch_quads();
        // oxigraph splits what it is given into batches of (megabytes * 1000 / threads)
        // quads: asking for two batches' worth keeps each hand-over (a batch and the last
        // chunk that filled it) whole. The memory is bounded by our batches, not by this.
        let megabytes = (batch / 500 + 1) * LOADER_THREADS;
        let mut loader = store
            .bulk_loader()
            .with_num_threads(LOADER_THREADS)
            .with_max_memory_size_in_megabytes(megabytes);
        // One buffer for the whole build, drained into each batch: handing the loader a fresh
        // vector each time made this one grow again from nothing (copies and page faults for
        // every batch).
        let mut pending: Vec<Quad> = Vec::with_capacity(batch);
        let mut load = |quads: Vec<Quad>| {
            pending.extend(quads);
            if pending.len() < batch {
                return Ok(());
            }
            loader
                .load_quads(pending.drain(..))
                .map_err(|e| location.storage_error(e))
        };
        let made = chunks(&mut load)?;
        loader
            .load_quads(pending)
            .map_err(|e| E::from(location.storage_error(e)))?;
        loader
            .commit()
            .map_err(|e| E::from(location.storage_error(e)))?;
        store
            .flush()
            .map_err(|e| E::from(location.storage_error(e)))?;
        Ok(made)
    }

    fn sibling(&self, what: &str) -> PathBuf {
        let name = self
            .0
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "paperkg-store".to_string());
        let parent = self
            .0
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        parent.join(format!(".{name}.{what}-{}", std::process::id()))
    }

    /// Moves the finished staging directory into place, keeping the old store until the
    /// new one is there.
    fn swap_in(&self, staging: &Path) -> Result<(), StoreError> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        if self.0.exists() {
            if !self.0.is_dir() || (!self.0.join("CURRENT").exists() && !is_empty_dir(&self.0)) {
                return Err(StoreError::NotAStore(self.0.clone()));
            }
            // Taking the write lock proves no other process is writing the old store.
            drop(self.open_write_unchecked()?);
            if exchange(staging, &self.0).is_ok() {
                // The staging path now holds the old store.
                return std::fs::remove_dir_all(staging).map_err(io(staging));
            }
            // No atomic exchange here (another OS, or a file system without it): two renames,
            // with a moment in between when the store path is empty.
            let old = self.sibling("old");
            std::fs::rename(&self.0, &old).map_err(io(&self.0))?;
            std::fs::rename(staging, &self.0).map_err(io(staging))?;
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        } else {
            if let Some(parent) = self.0.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::rename(staging, &self.0).map_err(io(staging))?;
        }
        Ok(())
    }

    /// Removes the staging and old directories that killed builds left beside the store.
    /// A directory whose RocksDB lock is held belongs to a build still running and stays.
    fn remove_abandoned(&self) {
        let own = self.sibling("building");
        let Some(prefix) = own
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.rsplit_once(".building-"))
            .map(|(prefix, _)| prefix.to_string())
        else {
            return;
        };
        let parent = own.parent().unwrap_or(Path::new("."));
        let Ok(entries) = std::fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(&prefix) else {
                continue;
            };
            let ours = rest.starts_with(".building-") || rest.starts_with(".old-");
            if ours && !is_locked(&entry.path()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    fn open_write_unchecked(&self) -> Result<Option<Store>, StoreError> {
        if is_empty_dir(&self.0) {
            return Ok(None);
        }
        Store::open(&self.0)
            .map(Some)
            .map_err(|e| self.storage_error(e))
    }
}

/// Swaps two directories in one step.
#[cfg(any(target_os = "linux", target_os = "macos"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether another process holds the RocksDB lock of the directory at `path`.
fn is_locked(path: &Path) -> bool {
    let location = StoreLocation(path.to_path_buf());
    match Store::open(path) {
        Ok(_) => false,
        Err(e) => matches!(location.storage_error(e), StoreError::Locked(_)),
    }
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

fn remove_dir_if_exists(path: &Path) -> Result<(), StoreError> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_sizes_parse_in_powers_of_1024() {
        let bytes = |text: &str| text.parse::<LoadBudget>().map(|b| b.bytes());
        assert_eq!(bytes("512M"), Ok(512 << 20));
        assert_eq!(bytes("6G"), Ok(6 << 30));
        assert_eq!(bytes("6gib"), Ok(6 << 30));
        assert_eq!(bytes("1.5G"), Ok(3 << 29));
        assert_eq!(bytes("2048MB"), Ok(2 << 30));
        assert_eq!(bytes(" 1T "), Ok(1 << 40));
        assert_eq!(bytes("33554432"), Ok(32 << 20));
        for bad in ["", "G", "six", "6X", "1M", "-1G", "1..5G"] {
            assert!(bytes(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_larger_budget_means_larger_batches_and_the_default_fits_the_machine() {
        let batch = |gib: u64| LoadBudget::from_bytes(gib << 30).batch_quads();
        assert!(batch(1) < batch(2) && batch(2) < batch(8));
        // Four batches in flight use about three quarters of the budget.
        let used = 4 * BYTES_PER_QUAD * batch(8) as u64;
        assert!(used <= 6 << 30 && used > 5 << 30, "{used}");
        assert_eq!(LoadBudget::from_bytes(0).batch_quads(), MIN_BATCH);
        let default = LoadBudget::machine_default().bytes();
        assert!((1 << 30..=8 << 30).contains(&default), "{default}");
    }
}

//! Crash safety: `build` and `add` killed with SIGKILL at random points leave a store that
//! opens and holds the old content or the new, never a mix, and a graph index that agrees
//! with it; a second writer is told the store is locked; readers work while a writer holds
//! the store.

mod common;

use common::served::{encode, Served};
use common::{fixture, paperkg};
use paperkg_store::index::placement::from_store;
use paperkg_store::index::IndexedStore;
use paperkg_store::rdf::StoreLocation;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills per command: enough to land in every phase, few enough for CI.
const KILLS: usize = 15;

fn corpus_a() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus.jsonl")
}

fn corpus_b() -> PathBuf {
    fixture("papers.jsonl")
}

/// The store's whole content as a set of N-Quads lines; `None` if the store does not open.
/// Whether `after` holds everything of `before` and more, leaving out the entities' paper
/// counts, which `add` replaces with higher ones.
fn grew(before: &BTreeSet<String>, after: &BTreeSet<String>) -> bool {
    let counted = |line: &&String| !line.contains("/vocab#paperCount>");
    let before: BTreeSet<&String> = before.iter().filter(counted).collect();
    let after: BTreeSet<&String> = after.iter().filter(counted).collect();
    after.is_superset(&before) && after.len() > before.len()
}

fn content(store: &Path) -> Option<BTreeSet<String>> {
    let out = paperkg()
        .args(["export", "--format", "nquads", "--store"])
        .arg(store)
        .output()
        .unwrap_or_else(|e| panic!("export: {e}"));
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("utf-8: {e}"));
    let quads: BTreeSet<String> = text.lines().map(str::to_string).collect();
    // Parse with a real N-Quads parser too, so that a torn line could not pass as content.
    for quad in oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(text.as_bytes())
    {
        quad.unwrap_or_else(|e| panic!("export is not N-Quads: {e}"));
    }
    Some(quads)
}

/// Checks that the store's graph index is there, readable, and exactly what the store's quads
/// make (so that it holds the old content or the new with the store).
fn index_agrees(store: &Path, context: &str) {
    let opened = IndexedStore::open(&StoreLocation(store.to_path_buf()))
        .unwrap_or_else(|e| panic!("{context}: opening the store and its index: {e}"));
    assert_eq!(opened.notice, None, "{context}: the index was not usable");
    let remade = from_store(&opened.store).unwrap_or_else(|e| panic!("{context}: {e}"));
    assert!(
        opened.index == remade,
        "{context}: the index ({} papers) disagrees with the store ({} papers)",
        opened.index.paper_count(),
        remade.paper_count()
    );
}

fn writer(command: &str, input: &Path, store: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_paperkg"));
    cmd.arg(command)
        .arg(input)
        .arg("--store")
        .arg(store)
        .env_remove("PAPERKG_STORE")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Runs the command to completion once and returns how long it took, to spread the kills.
fn duration_of(mut cmd: Command) -> Duration {
    let started = Instant::now();
    let status = cmd.status().unwrap_or_else(|e| panic!("run: {e}"));
    assert!(status.success());
    started.elapsed()
}

fn kill_after(mut child: Child, delay: Duration) -> bool {
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    !finished
}

/// Starts `paperkg COMMAND INPUT --store STORE`, kills it after a random delay of up to 1.2
/// times a full run, and returns the delay, whether the kill came before the run finished, and
/// the store's content afterwards (which must open).
fn kill_at_random(
    command: &str,
    input: &Path,
    store: &Path,
    full: Duration,
    random: &mut Lcg,
) -> (Duration, bool, BTreeSet<String>) {
    let delay = Duration::from_millis(random.below(full.as_millis() as u64 * 6 / 5));
    let child = writer(command, input, store)
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let killed = kill_after(child, delay);
    let now = content(store).unwrap_or_else(|| {
        panic!("{command} killed after {delay:?}: the store does not open after the kill")
    });
    (delay, killed, now)
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("mkdir: {e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read_dir: {e}")) {
        let entry = entry.unwrap_or_else(|e| panic!("entry: {e}"));
        std::fs::copy(entry.path(), to.join(entry.file_name()))
            .unwrap_or_else(|e| panic!("copy: {e}"));
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".store."))
        .collect()
}

#[test]
fn killed_builds_leave_the_old_store_or_the_new() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    let [a, b] = [corpus_a(), corpus_b()];
    let full = duration_of(writer("build", &b, &store));
    let content_b = content(&store).unwrap_or_else(|| panic!("store b"));
    assert!(writer("build", &a, &store)
        .status()
        .is_ok_and(|s| s.success()));
    let content_a = content(&store).unwrap_or_else(|| panic!("store a"));
    assert_ne!(content_a, content_b);

    let mut random = Lcg(6);
    let (mut killed, mut current) = (0, &content_a);
    for round in 0..KILLS {
        let (input, next) = if current == &content_a {
            (&b, &content_b)
        } else {
            (&a, &content_a)
        };
        let (delay, was_killed, now) = kill_at_random("build", input, &store, full, &mut random);
        killed += usize::from(was_killed);
        assert!(
            &now == current || &now == next,
            "round {round} (killed after {delay:?}): the store holds neither the old content \
             nor the new ({} quads; old {}, new {})",
            now.len(),
            current.len(),
            next.len()
        );
        index_agrees(
            &store,
            &format!("build round {round} (killed after {delay:?})"),
        );
        current = if &now == next { next } else { current };
    }
    eprintln!("build: {killed} of {KILLS} runs killed before they finished");
    assert!(killed > 0, "no build was killed before it finished");
    // The next build clears what the killed ones left beside the store.
    assert!(writer("build", &a, &store)
        .status()
        .is_ok_and(|s| s.success()));
    assert_eq!(content(&store).as_ref(), Some(&content_a));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

#[test]
fn killed_adds_leave_the_old_store_or_the_new() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let pristine = dir.path().join("pristine");
    let store = dir.path().join("store");
    let [a, b] = [corpus_a(), corpus_b()];
    assert!(writer("build", &a, &pristine)
        .status()
        .is_ok_and(|s| s.success()));
    let before = content(&pristine).unwrap_or_else(|| panic!("store a"));
    copy_dir(&pristine, &store);
    let full = duration_of(writer("add", &b, &store));
    let after = content(&store).unwrap_or_else(|| panic!("store a+b"));
    assert!(grew(&before, &after));

    let mut random = Lcg(7);
    let (mut killed, mut saw_new) = (0, 0);
    for round in 0..KILLS {
        copy_dir(&pristine, &store);
        let (delay, was_killed, now) = kill_at_random("add", &b, &store, full, &mut random);
        killed += usize::from(was_killed);
        assert!(
            now == before || now == after,
            "round {round} (killed after {delay:?}): {} quads, neither {} nor {}",
            now.len(),
            before.len(),
            after.len()
        );
        index_agrees(
            &store,
            &format!("add round {round} (killed after {delay:?})"),
        );
        saw_new += usize::from(now == after);
    }
    eprintln!("add: {killed} of {KILLS} runs killed before they finished, {saw_new} committed");
    assert!(killed > 0, "no add was killed before it finished");
}

/// A writer that holds the store's lock until its stdin is closed: `add -` opens the store,
/// then waits for papers on stdin.
struct HeldWriter(Child);

impl HeldWriter {
    fn start(store: &Path) -> HeldWriter {
        let mut child = Command::new(env!("CARGO_BIN_EXE_paperkg"))
            .args(["add", "-", "--store"])
            .arg(store)
            .env_remove("PAPERKG_STORE")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn: {e}"));
        // The lock is taken before the first line is read; wait until a second writer sees it.
        let deadline = Instant::now() + Duration::from_secs(60);
        while !holds_lock(child.id(), store) {
            assert!(Instant::now() < deadline, "the writer never took the lock");
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the writer ended early: {status}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        HeldWriter(child)
    }

    /// Feeds the papers, closes stdin and waits for the commit.
    fn finish(mut self, papers: &[u8]) {
        let mut stdin = self.0.stdin.take().unwrap_or_else(|| panic!("stdin"));
        stdin
            .write_all(papers)
            .unwrap_or_else(|e| panic!("write: {e}"));
        drop(stdin);
        let status = self.0.wait().unwrap_or_else(|e| panic!("wait: {e}"));
        assert!(status.success(), "the held writer failed: {status}");
    }
}

impl Drop for HeldWriter {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether process `pid` has the store's RocksDB `LOCK` file open (Linux `/proc`). Opening
/// the store here to find out would take the lock from under the writer.
fn holds_lock(pid: u32, store: &Path) -> bool {
    let lock = store.join("LOCK");
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == lock))
}

#[test]
fn a_second_writer_is_told_the_store_is_locked_and_readers_still_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("store");
    assert!(writer("build", &corpus_a(), &store)
        .status()
        .is_ok_and(|s| s.success()));
    let before = content(&store).unwrap_or_else(|| panic!("store"));
    let held = HeldWriter::start(&store);

    for command in ["add", "build"] {
        let out = paperkg()
            .arg(command)
            .arg(corpus_b())
            .arg("--store")
            .arg(&store)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "store {} is locked by another process",
                store.display()
            )),
            "{command}: {stderr}"
        );
    }
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // Readers open the store read-only and are not blocked by the writer.
    assert_eq!(content(&store).as_ref(), Some(&before));
    let lookup = paperkg()
        .args(["lookup", "SAM", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(lookup.status.success());
    let card: serde_json::Value =
        serde_json::from_slice(&lookup.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(card["cards"][0]["name"], "SAM");
    let served = Served::start_at(&store, &[]);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let reply = served.get(&format!("/sparql?query={}", encode(count)), "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let served_count = reply.json()["results"]["bindings"][0]["n"]["value"].clone();

    let papers = std::fs::read(corpus_b()).unwrap_or_else(|e| panic!("{e}"));
    held.finish(&papers);
    // A reader opened after the commit sees it; the running server keeps its snapshot.
    let after = content(&store).unwrap_or_else(|| panic!("store after"));
    assert!(grew(&before, &after));
    let reply = served.get(&format!("/sparql?query={}", encode(count)), "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.json()["results"]["bindings"][0]["n"]["value"],
        served_count
    );
}

/// The two moments a SIGKILL of `add` can fall between writing the pending index and putting
/// it in place, made on purpose: after the commit (the pending index is the store's) and
/// before it (the pending index belongs to a transaction that never happened).
#[test]
fn a_pending_index_counts_only_once_its_transaction_committed() {
    use paperkg_store::index::placement::PENDING_FILE;
    use paperkg_store::index::INDEX_FILE;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (before, after) = (dir.path().join("before"), dir.path().join("after"));
    assert!(writer("build", &corpus_a(), &before)
        .status()
        .is_ok_and(|s| s.success()));
    copy_dir(&before, &after);
    assert!(writer("add", &corpus_b(), &after)
        .status()
        .is_ok_and(|s| s.success()));
    let new_index = std::fs::read(after.join(INDEX_FILE)).unwrap_or_else(|e| panic!("{e}"));
    let old_index = std::fs::read(before.join(INDEX_FILE)).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(new_index, old_index);
    let write = |path: PathBuf, bytes: &[u8]| {
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    };

    // Killed after the commit, before the rename: readers take the pending index.
    write(after.join(INDEX_FILE), &old_index);
    write(after.join(PENDING_FILE), &new_index);
    index_agrees(&after, "committed, not renamed");
    // Killed before the commit: the pending index is ignored.
    write(before.join(PENDING_FILE), &new_index);
    index_agrees(&before, "pending, not committed");

    // The next add settles both: the committed one is renamed in, the other removed.
    for store in [&after, &before] {
        assert!(writer("add", &corpus_b(), store)
            .status()
            .is_ok_and(|s| s.success()));
        assert!(!store.join(PENDING_FILE).exists());
        index_agrees(store, "after the next add");
    }
}

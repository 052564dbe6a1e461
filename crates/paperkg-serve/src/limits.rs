//! The limits every query runs under, and the pieces that enforce them: a cap on running
//! queries, and caps on result rows and bytes.

use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The per-query limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Evaluation and serialization together are cancelled after this long.
    pub timeout: Duration,
    /// At most this many solutions or triples in one response.
    pub max_rows: usize,
    /// At most this many bytes in one response body.
    pub max_bytes: usize,
    /// At most this many queries evaluating at once, counting timed-out ones that are still
    /// winding down; more get 503 until one ends.
    pub max_running: usize,
}

impl Default for Limits {
    /// 30 seconds, 100,000 rows, 64 MiB, 8 queries at once.
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_bytes: 64 << 20,
            max_running: 8,
        }
    }
}

/// Every place for a running query is taken.
#[derive(Debug)]
pub(super) struct Busy;

/// One of the `max_running` places for a running query, given back when dropped.
pub(super) struct Slot(Arc<AtomicUsize>);

impl Slot {
    pub(super) fn take(running: &Arc<AtomicUsize>, max: usize) -> Result<Slot, Busy> {
        let taken = running.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < max).then_some(n + 1)
        });
        match taken {
            Ok(_) => Ok(Slot(Arc::clone(running))),
            Err(_) => Err(Busy),
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Ends a result's iterator after `max` items, setting `over` if there was another.
pub(super) fn cap_rows<'a>(
    results: QueryResults<'a>,
    max: usize,
    over: &Rc<Cell<bool>>,
) -> QueryResults<'a> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().into();
            QueryResults::Solutions(QuerySolutionIter::new(
                variables,
                Capped::new(solutions, max, over),
            ))
        }
        QueryResults::Graph(triples) => {
            QueryResults::Graph(QueryTripleIter::new(Capped::new(triples, max, over)))
        }
        boolean => boolean,
    }
}

/// An iterator that yields at most `left` items and records whether more were there.
struct Capped<I> {
    inner: I,
    left: usize,
    over: Rc<Cell<bool>>,
}

impl<I> Capped<I> {
    fn new(inner: I, max: usize, over: &Rc<Cell<bool>>) -> Capped<I> {
        Capped {
            inner,
            left: max,
            over: Rc::clone(over),
        }
    }
}

impl<I: Iterator> Iterator for Capped<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        let item = self.inner.next()?;
        if self.left == 0 {
            self.over.set(true);
            return None;
        }
        self.left -= 1;
        Some(item)
    }
}

/// An in-memory writer that fails once the body would pass `max` bytes.
pub(super) struct CappedWriter {
    pub(super) buffer: Vec<u8>,
    max: usize,
    pub(super) over: bool,
}

impl CappedWriter {
    pub(super) fn new(max: usize) -> CappedWriter {
        CappedWriter {
            buffer: Vec::new(),
            max,
            over: false,
        }
    }
}

impl Write for CappedWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buffer.len() + data.len() > self.max {
            self.over = true;
            return Err(std::io::Error::other("result size cap reached"));
        }
        self.buffer.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

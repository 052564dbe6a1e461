//! The limits every query runs under, and the pieces that enforce them: a cap on running
//! queries with a short wait for a place, and caps on result rows and bytes.

use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

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
    /// winding down; more wait for a place up to `queue_wait`, then get 503.
    pub max_running: usize,
    /// How long a query waits for a place among the running ones before it is refused. Short,
    /// so that a burst of cheap queries is smoothed out while long ones are refused quickly.
    pub queue_wait: Duration,
}

impl Default for Limits {
    /// 30 seconds, 100,000 rows, 64 MiB, 8 queries at once, a 1-second wait for a place.
    fn default() -> Limits {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 100_000,
            max_bytes: 64 << 20,
            max_running: 8,
            queue_wait: Duration::from_secs(1),
        }
    }
}

/// Every place for a running query stayed taken for the whole wait.
#[derive(Debug)]
pub(super) struct Busy;

/// The places for running queries: how many are taken, and a signal when one is given back.
#[derive(Default)]
pub(super) struct Places {
    taken: Mutex<usize>,
    freed: Condvar,
}

/// One of the `max_running` places for a running query, given back when dropped.
pub(super) struct Slot(Arc<Places>);

impl Slot {
    /// Takes a place, waiting up to `wait` for one to be given back when all `max` are
    /// taken. Waiters are not served in arrival order, but each waits at most `wait`.
    pub(super) fn take(places: &Arc<Places>, max: usize, wait: Duration) -> Result<Slot, Busy> {
        let deadline = Instant::now() + wait;
        // A poisoned lock only means a thread panicked while holding it; the count is whole.
        let mut taken = places.taken.lock().unwrap_or_else(|e| e.into_inner());
        while *taken >= max {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Busy);
            }
            taken = places
                .freed
                .wait_timeout(taken, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *taken += 1;
        Ok(Slot(Arc::clone(places)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut taken = self.0.taken.lock().unwrap_or_else(|e| e.into_inner());
        *taken = taken.saturating_sub(1);
        self.0.freed.notify_one();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_waits_for_a_place_then_gets_it_or_is_refused() {
        let places = Arc::new(Places::default());
        let first = Slot::take(&places, 1, Duration::ZERO).unwrap_or_else(|_| panic!("free"));
        assert!(Slot::take(&places, 1, Duration::from_millis(20)).is_err());
        let waiter = {
            let places = Arc::clone(&places);
            std::thread::spawn(move || Slot::take(&places, 1, Duration::from_secs(30)).is_ok())
        };
        drop(first);
        assert!(
            waiter.join().unwrap_or(false),
            "the waiter got the freed place"
        );
    }
}

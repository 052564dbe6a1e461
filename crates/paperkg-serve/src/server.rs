//! The HTTP server: a tiny_http listener, a fixed pool of worker threads for the page and the
//! API, a thread per SPARQL query (bounded), one log line per request, and a graceful stop
//! when a shutdown flag is raised.

use super::http::{Request, Response, CORS_HEADERS};
use super::{App, Limits};
use oxigraph::store::Store;
use paperkg_store::index::GraphIndex;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::Scope;
use std::time::{Duration, Instant};

/// How often idle workers look at the shutdown flag.
const POLL: Duration = Duration::from_millis(200);

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound (in use, or not an address of this machine).
    #[error("cannot listen on {addr}: {message}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why not.
        message: String,
    },
    /// The signal handlers could not be installed.
    #[error("installing signal handlers: {0}")]
    Signals(std::io::Error),
    /// A worker thread could not be started.
    #[error("starting a worker thread: {0}")]
    Worker(std::io::Error),
}

/// How to serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServeConfig {
    /// The address to listen on; loopback by default.
    pub bind: SocketAddr,
    /// Worker threads, each answering one request at a time. At most `threads - 1` queries
    /// run at once (at least one), whatever `limits.max_running` says.
    pub threads: usize,
    /// Per-query limits.
    pub limits: Limits,
    /// The largest request body accepted, in bytes (larger ones get 413).
    pub max_body: usize,
}

impl Default for ServeConfig {
    /// 127.0.0.1:7878, four workers, the default limits, 1 MiB bodies.
    fn default() -> ServeConfig {
        ServeConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            threads: 4,
            limits: Limits::default(),
            max_body: 1 << 20,
        }
    }
}

/// A bound server, ready to [`run`](Server::run).
pub struct Server {
    http: tiny_http::Server,
    app: App,
    config: ServeConfig,
    /// SPARQL requests waiting for a place or running, each on its own thread.
    in_flight: AtomicUsize,
}

/// The most SPARQL requests that may wait or run at once; a waiting one costs only a
/// sleeping thread, but a flood of them must not exhaust the process's threads.
const QUERIES_IN_FLIGHT: usize = 64;

/// One of the [`QUERIES_IN_FLIGHT`] places, given back when dropped.
struct Ticket<'a>(&'a AtomicUsize);

impl<'a> Ticket<'a> {
    fn take(count: &'a AtomicUsize) -> Option<Ticket<'a>> {
        count
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < QUERIES_IN_FLIGHT).then_some(n + 1)
            })
            .ok()
            .map(|_| Ticket(count))
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Server {
    /// Binds the listening socket. Nothing is answered until [`run`](Server::run). The graph
    /// index is made from the store on first use.
    pub fn bind(store: Store, config: ServeConfig) -> Result<Server, ServeError> {
        let limits = workers_left_free(config.limits, config.threads);
        Server::bind_app(App::new(store, limits), config)
    }

    /// As [`bind`](Server::bind), with the store's graph index (as
    /// [`paperkg_store::index::IndexedStore`] opens them).
    pub fn bind_indexed(
        store: Store,
        index: GraphIndex,
        config: ServeConfig,
    ) -> Result<Server, ServeError> {
        let limits = workers_left_free(config.limits, config.threads);
        Server::bind_app(App::with_index(store, index, limits), config)
    }

    fn bind_app(app: App, config: ServeConfig) -> Result<Server, ServeError> {
        let http = tiny_http::Server::http(config.bind).map_err(|e| ServeError::Bind {
            addr: config.bind,
            message: e.to_string(),
        })?;
        Ok(Server {
            http,
            app,
            config,
            in_flight: AtomicUsize::new(0),
        })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.http.server_addr().to_ip()
    }

    /// Answers requests until `shutdown` is raised, then lets the requests in progress finish
    /// and returns.
    pub fn run(self, shutdown: &AtomicBool) -> Result<(), ServeError> {
        std::thread::scope(|scope| {
            for n in 0..self.config.threads.max(1) {
                std::thread::Builder::new()
                    .name(format!("serve-{n}"))
                    .spawn_scoped(scope, || self.work(scope, shutdown))
                    .map_err(|e| {
                        // Stop the workers already running, or the scope would wait forever.
                        shutdown.store(true, Ordering::SeqCst);
                        ServeError::Worker(e)
                    })?;
            }
            Ok(())
        })
    }

    fn work<'s>(&'s self, scope: &'s Scope<'s, '_>, shutdown: &AtomicBool) {
        while !shutdown.load(Ordering::SeqCst) {
            match self.http.recv_timeout(POLL) {
                Ok(Some(request)) => self.dispatch(scope, request),
                Ok(None) => {}
                Err(e) => eprintln!("paperkg: serve: receiving a request: {e}"),
            }
        }
    }

    /// Answers the page and the API on this worker, and hands each SPARQL query to a thread
    /// of its own: a query may wait for a place among the running ones (`queue_wait`) and
    /// then run until the timeout, and a worker held that long could not answer the page.
    /// At most [`QUERIES_IN_FLIGHT`] queries wait or run at once; more get 503 at once.
    fn dispatch<'s>(&'s self, scope: &'s Scope<'s, '_>, raw: tiny_http::Request) {
        let is_query = raw.url().starts_with("/sparql") && raw.method().as_str() != "OPTIONS";
        if !is_query {
            return self.answer(raw);
        }
        let Some(ticket) = Ticket::take(&self.in_flight) else {
            let refused = Response::error(503, "too many queries waiting; try again shortly")
                .with_header("Retry-After", "1");
            eprintln!(
                "{} /sparql 503 0.0ms (too many queries waiting)",
                raw.method()
            );
            let _ = raw.respond(to_tiny(refused));
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("sparql".to_string())
            .spawn_scoped(scope, move || {
                let _ticket = ticket;
                self.answer(raw);
            });
        if let Err(e) = spawned {
            eprintln!("paperkg: serve: starting a query thread: {e}");
        }
    }

    fn answer(&self, mut raw: tiny_http::Request) {
        let started = Instant::now();
        let mut request = Request::new(raw.method().as_str(), raw.url());
        request.headers = raw
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_ascii_lowercase(),
                    h.value.to_string(),
                )
            })
            .collect();
        let response = match read_body(&mut raw, self.config.max_body) {
            Ok(body) => {
                request.body = body;
                self.app.handle(&request)
            }
            Err(response) => response,
        };
        let status = response.status;
        let sent = raw.respond(to_tiny(response));
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let failed = sent.err().map(|e| format!(" (not sent: {e})"));
        eprintln!(
            "{} {} {status} {millis:.1}ms{}",
            request.method,
            request.path,
            failed.unwrap_or_default()
        );
    }
}

/// Caps the running queries at one less than the worker count. A further query waits for a place at most `queue_wait`, on its own thread
/// (see [`Server::dispatch`]), then is turned away with 503; the workers stay free for the
/// page and the API whatever the queries do.
fn workers_left_free(mut limits: Limits, threads: usize) -> Limits {
    limits.max_running = limits.max_running.min(threads.saturating_sub(1)).max(1);
    limits
}

/// Reads the body, refusing one larger than `max` bytes with 413.
fn read_body(raw: &mut tiny_http::Request, max: usize) -> Result<Vec<u8>, Response> {
    let too_large = || Response::error(413, format!("request body larger than {max} bytes"));
    if raw.body_length().is_some_and(|n| n > max) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    raw.as_reader()
        .take(limit)
        .read_to_end(&mut body)
        .map_err(|e| Response::error(400, format!("reading the request body: {e}")))?;
    if body.len() > max {
        return Err(too_large());
    }
    Ok(body)
}

fn to_tiny(response: Response) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut out = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    let headers = response
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .chain(CORS_HEADERS.iter().copied());
    for (name, value) in headers {
        // Every header here is ASCII made by paperkg, so a refusal would be a bug; skip it.
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            out.add_header(header);
        }
    }
    out
}

/// Installs SIGINT and SIGTERM handlers that raise the returned flag. A second signal while
/// the server is already stopping ends the process at once (exit code 1).
pub fn shutdown_on_signals() -> Result<Arc<AtomicBool>, ServeError> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let shutdown = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        // Registered first, so it sees the flag as it was before this signal.
        flag::register_conditional_shutdown(signal, 1, Arc::clone(&shutdown))
            .map_err(ServeError::Signals)?;
        flag::register(signal, Arc::clone(&shutdown)).map_err(ServeError::Signals)?;
    }
    Ok(shutdown)
}

//! `paperkg serve`: the SPARQL endpoint and explorer page over a store, until SIGINT or SIGTERM.

use super::graph::StoreGraph;
use super::StoreArgs;
use clap::Args;
use paperkg_serve::{shutdown_on_signals, Limits, ServeConfig, Server};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg serve --store my-store                  then open http://127.0.0.1:7878/
  PAPERKG_BIND=127.0.0.1:9000 paperkg serve
  curl 'http://127.0.0.1:7878/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D'")]
pub(super) struct ServeArgs {
    #[command(flatten)]
    pub(super) store: StoreArgs,
    /// The address to listen on. Loopback by default; anything else exposes the store.
    #[arg(long, default_value = "127.0.0.1:7878", env = "PAPERKG_BIND")]
    bind: SocketAddr,
    /// Cancel a query after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Refuse results with more rows than this (HTTP 422).
    #[arg(long, default_value_t = Limits::default().max_rows)]
    max_rows: usize,
    /// Refuse results larger than this many bytes (HTTP 422).
    #[arg(long, default_value_t = Limits::default().max_bytes)]
    max_bytes: usize,
    /// Refuse request bodies larger than this many bytes (HTTP 413).
    #[arg(long, default_value_t = ServeConfig::default().max_body)]
    max_body: usize,
    /// How long a query waits for a place among the running ones (at most threads - 1)
    /// before it is refused with 503 and Retry-After.
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    queue_wait: f64,
    /// Worker threads answering requests.
    #[arg(long, env = "PAPERKG_THREADS", default_value_t = ServeConfig::default().threads)]
    threads: usize,
}

pub(super) fn run(args: ServeArgs) -> anyhow::Result<()> {
    let timeout = Duration::try_from_secs_f64(args.timeout)
        .map_err(|e| anyhow::anyhow!("--timeout {}: {e}", args.timeout))?;
    let queue_wait = Duration::try_from_secs_f64(args.queue_wait)
        .map_err(|e| anyhow::anyhow!("--queue-wait {}: {e}", args.queue_wait))?;
    let location = args.store.location();
    let sg = StoreGraph::open_at(&location)?;
    let config = ServeConfig {
        bind: args.bind,
        threads: args.threads,
        limits: Limits {
            timeout,
            max_rows: args.max_rows,
            max_bytes: args.max_bytes,
            queue_wait,
            ..Limits::default()
        },
        max_body: args.max_body,
    };
    let shutdown = shutdown_on_signals()?;
    let server = Server::bind_indexed(sg.store, sg.index, config)?;
    let addr = server.local_addr().unwrap_or(args.bind);
    if !addr.ip().is_loopback() {
        eprintln!("paperkg: warning: {addr} is not a loopback address; anyone who can reach it can read the store");
    }
    eprintln!(
        "paperkg: serving {} at http://{addr}/ (SPARQL at http://{addr}/sparql); Ctrl-C stops",
        location.path().display()
    );
    server.run(&shutdown)?;
    eprintln!("paperkg: stopped");
    Ok(())
}

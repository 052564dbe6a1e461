//! `paperkg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store, and a small
//! explorer page, both served by the binary with every asset compiled in.
//!
//! Routes:
//!
//! | route | what |
//! | --- | --- |
//! | `GET /` | the explorer page (with `/app.js` and `/style.css`) |
//! | `GET, POST /sparql` | SPARQL queries; updates get 403 |
//! | `GET /api/queries` | the canned queries as JSON |
//! | `GET /api/lookup?name=` | an entity's lookup card as JSON |
//! | `GET /api/graph?name=&depth=&format=` | a neighbourhood as SVG, DOT or JSON |
//! | `GET /api/leaderboard?dataset=&metric=&task=&top=` | a dataset's leaderboards as JSON |
//!
//! No route reads a file: the page's assets are compiled in and everything else comes from
//! the store, which is opened read-only.
//!
//! ```
//! use paperkg_serve::{App, Limits, Request};
//!
//! let store = oxigraph::store::Store::new()?;
//! let app = App::new(store, Limits::default());
//! let response = app.handle(&Request::new("GET", "/sparql?query=ASK%20%7B%7D"));
//! assert_eq!(response.status, 200);
//! assert!(String::from_utf8(response.body)?.contains(r#""boolean":true"#));
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

mod api;
mod graph;
mod http;
mod limits;
mod negotiate;
mod server;
mod sparql;

pub use http::{Request, Response};
pub use limits::Limits;
pub use server::{shutdown_on_signals, ServeConfig, ServeError, Server};

use graph::GraphCache;
use oxigraph::store::Store;
use paperkg_store::index::GraphIndex;

/// The page's assets: (path, content type, body).
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_str!("assets/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_str!("assets/style.css"),
    ),
];

/// The page may load only its own assets and talk only to this server.
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The application: the store, the limits, and the graph cache, shared by every worker.
pub struct App {
    store: Store,
    sparql: sparql::Endpoint,
    graph: GraphCache,
}

impl App {
    /// An application over a store (open it read-only: nothing here writes). The graph
    /// index is made from the store on the first request that needs it.
    pub fn new(store: Store, limits: Limits) -> App {
        App::with_graph(store, limits, GraphCache::default())
    }

    /// An application over a store and its graph index (as [`paperkg_store::index::IndexedStore`]
    /// opens them).
    pub fn with_index(store: Store, index: GraphIndex, limits: Limits) -> App {
        App::with_graph(store, limits, GraphCache::with_index(index))
    }

    fn with_graph(store: Store, limits: Limits, graph: GraphCache) -> App {
        App {
            sparql: sparql::Endpoint::new(store.clone(), limits),
            store,
            graph,
        }
    }

    /// Routes a request and returns its response. Never panics on any input.
    pub fn handle(&self, request: &Request) -> Response {
        let method = request.method.as_str();
        if method == "OPTIONS" {
            return Response::new(204, "text/plain", Vec::new());
        }
        match (method, request.path.as_str()) {
            (_, "/sparql") => self.sparql.handle(request),
            ("GET" | "HEAD", "/api/queries") => api::queries(),
            ("GET" | "HEAD", "/api/lookup") => api::lookup_card(&self.store, &self.graph, request),
            ("GET" | "HEAD", "/api/leaderboard") => {
                api::leaderboards(&self.store, &self.graph, request)
            }
            ("GET" | "HEAD", "/api/graph") => api::neighbourhood(&self.store, &self.graph, request),
            ("GET" | "HEAD", path) => asset(path),
            (_, path) if path.starts_with("/api/") || asset_exists(path) => {
                Response::error(405, format!("method {method} is not allowed on {path}"))
                    .with_header("Allow", "GET, OPTIONS")
            }
            (_, path) => not_found(path),
        }
    }
}

fn asset_exists(path: &str) -> bool {
    ASSETS.iter().any(|(p, _, _)| *p == path)
}

fn asset(path: &str) -> Response {
    let path = if path == "/index.html" { "/" } else { path };
    match ASSETS.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, body)) => Response::new(200, content_type, body.as_bytes())
            .with_header("Content-Security-Policy", PAGE_POLICY)
            .with_header("X-Content-Type-Options", "nosniff"),
        None => not_found(path),
    }
}

fn not_found(path: &str) -> Response {
    Response::error(404, format!("no route {path}"))
}

//! The page's JSON (and SVG) endpoints: the canned queries, entity lookup, and an entity's
//! neighbourhood graph.

use super::graph::{self, GraphCache, GraphError};
use super::http::{Request, Response};
use oxigraph::store::Store;
use paperkg_store::leaderboard::{leaderboard_with, LeaderboardError, LeaderboardRequest};
use paperkg_store::lookup::{lookup_with, CardOptions, Lookup};
use paperkg_store::query::BUILTIN_QUERIES;
use serde::Serialize;

/// Co-mentioned entities shown on a lookup card.
const RELATED: usize = 10;
/// The deepest neighbourhood the page may ask for.
const MAX_DEPTH: usize = 3;
/// The most nodes a neighbourhood drawing holds.
const MAX_NODES: usize = 60;

/// A canned query for the page's editor.
#[derive(Debug, Serialize)]
pub struct CannedQuery {
    /// Its name (`top-models`).
    pub name: &'static str,
    /// The comment lines at its top, joined.
    pub description: String,
    /// The SPARQL text.
    pub query: &'static str,
}

/// `GET /api/queries`: the queries of `queries/`, compiled into the binary.
pub fn queries() -> Response {
    let list: Vec<CannedQuery> = BUILTIN_QUERIES
        .iter()
        .map(|(name, query)| CannedQuery {
            name,
            description: description(query),
            query,
        })
        .collect();
    Response::json(200, &list)
}

fn description(query: &str) -> String {
    query
        .lines()
        .map_while(|line| line.strip_prefix('#'))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `GET /api/lookup?name=`: the entity's cards (200), or suggestions (404).
pub fn lookup_card(store: &Store, cache: &GraphCache, request: &Request) -> Response {
    let Some(name) = request.param("name").filter(|n| !n.trim().is_empty()) else {
        return Response::error(400, "missing parameter: name");
    };
    let index = match cache.get(store) {
        Ok(index) => index,
        Err(e) => return Response::error(500, e),
    };
    let options = CardOptions {
        related: RELATED,
        ..CardOptions::default()
    };
    match lookup_with(store, Some(&index), &name, options) {
        Ok(found @ Lookup::Found { .. }) => Response::json(200, &found),
        Ok(missing) => Response::json(404, &missing),
        Err(e) => Response::error(500, e),
    }
}

/// The most entries a leaderboard on the page shows per metric.
const MAX_BOARD_ENTRIES: usize = 100;

/// `GET /api/leaderboard?dataset=&metric=&task=&top=`: the dataset's boards as `paperkg
/// leaderboard --format json` prints them (200), or an unknown name with suggestions (404).
/// The results come from the graph index, as the command reads them.
pub fn leaderboards(store: &Store, cache: &GraphCache, request: &Request) -> Response {
    let given = |name: &str| request.param(name).filter(|v| !v.trim().is_empty());
    let Some(dataset) = given("dataset") else {
        return Response::error(400, "missing parameter: dataset");
    };
    let top = match request.param("top").map(|t| t.parse::<usize>()) {
        None => 20,
        Some(Ok(t)) if (1..=MAX_BOARD_ENTRIES).contains(&t) => t,
        Some(_) => return Response::error(400, format!("top must be 1 to {MAX_BOARD_ENTRIES}")),
    };
    let (metric, task) = (given("metric"), given("task"));
    let request = LeaderboardRequest {
        dataset: &dataset,
        metric: metric.as_deref(),
        task: task.as_deref(),
        top,
    };
    let index = match cache.get(store) {
        Ok(index) => index,
        Err(e) => return Response::error(500, e),
    };
    match leaderboard_with(store, Some(&index), &request) {
        Ok(boards) => Response::json(200, &boards),
        Err(e @ LeaderboardError::Unknown { .. }) => Response::error(404, e),
        Err(e) => Response::error(500, e),
    }
}

/// `GET /api/graph?name=&depth=&format=`: the entity's neighbourhood as an SVG drawn by
/// Graphviz (`svg`, the default), as DOT (`dot`), or as nodes and edges (`json`).
pub fn neighbourhood(store: &Store, cache: &GraphCache, request: &Request) -> Response {
    let Some(name) = request.param("name").filter(|n| !n.trim().is_empty()) else {
        return Response::error(400, "missing parameter: name");
    };
    let depth = match request.param("depth").map(|d| d.parse::<usize>()) {
        None => 2,
        Some(Ok(d)) if (1..=MAX_DEPTH).contains(&d) => d,
        Some(_) => return Response::error(400, format!("depth must be 1 to {MAX_DEPTH}")),
    };
    let format = request.param("format").unwrap_or_else(|| "svg".to_string());
    let drawn = cache
        .get(store)
        .and_then(|g| graph::neighbourhood(&g, &name, depth, MAX_NODES))
        .and_then(|sub| match format.as_str() {
            "svg" => graph::to_svg(&sub).map(|svg| Response::new(200, "image/svg+xml", svg)),
            "dot" => Ok(Response::new(
                200,
                "text/vnd.graphviz; charset=utf-8",
                graph::to_dot(&sub),
            )),
            "json" => Ok(Response::json(200, &graph::to_json(&sub))),
            other => Ok(Response::error(
                400,
                format!("unknown format {other:?}: use svg, dot or json"),
            )),
        });
    drawn.unwrap_or_else(|e| {
        let status = match e {
            GraphError::NotFound(_) => 404,
            GraphError::NoGraphviz => 501,
            GraphError::Load(_) | GraphError::Graphviz(_) => 500,
        };
        Response::error(status, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_queries_by_their_leading_comments() {
        let text = "# Papers with code.\n# Second line.\nSELECT * {}\n# not this";
        assert_eq!(description(text), "Papers with code. Second line.");
    }
}

//! Plain request and response values, so that routing and the SPARQL protocol can be tested
//! without a socket. The server turns tiny_http's types into these and back.

/// An HTTP request with its body already read (and capped).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    /// The method, upper case (`GET`, `POST`, ...).
    pub method: String,
    /// The path without the query string (`/sparql`).
    pub path: String,
    /// The raw query string, without the `?` (empty when there is none).
    pub query: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Request {
    /// Splits a request target (`/sparql?query=...`) into path and query string.
    pub fn new(method: &str, target: &str) -> Request {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Request {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            query: query.to_string(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of the body, lower case and without parameters (`application/sparql-query`).
    pub fn content_type(&self) -> Option<String> {
        self.header("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    }

    /// The decoded query-string parameters, in order.
    pub fn params(&self) -> Vec<(String, String)> {
        decode_form(self.query.as_bytes())
    }

    /// The first query-string parameter with this name.
    pub fn param(&self, name: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }
}

/// Decodes `application/x-www-form-urlencoded` bytes (also used for query strings).
pub fn decode_form(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// An HTTP response, fully buffered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers besides the CORS ones, which the server adds to every response.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with a body of the given media type.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.into(),
        }
    }

    /// A plain-text error message; the status says what kind of error it is.
    pub fn error(status: u16, message: impl std::fmt::Display) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{message}\n"))
    }

    /// A JSON body.
    pub fn json(status: u16, value: &impl serde::Serialize) -> Response {
        match serde_json::to_vec(value) {
            Ok(body) => Response::new(status, "application/json", body),
            Err(e) => Response::error(500, format!("serializing JSON: {e}")),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The CORS headers every response carries: any origin may read the results (the server is
/// read-only and has no cookies or credentials to protect).
pub const CORS_HEADERS: &[(&str, &str)] = &[
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
    ("Access-Control-Max-Age", "86400"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_target_and_decodes_params() {
        let request = Request::new("get", "/sparql?query=SELECT%20*%20%7B%7D&format=json");
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/sparql");
        assert_eq!(request.param("query").as_deref(), Some("SELECT * {}"));
        assert_eq!(request.param("format").as_deref(), Some("json"));
        assert_eq!(request.param("missing"), None);
    }

    #[test]
    fn content_type_drops_parameters() {
        let mut request = Request::new("POST", "/sparql");
        request.headers.push((
            "content-type".into(),
            "Application/SPARQL-Query; charset=UTF-8".into(),
        ));
        assert_eq!(
            request.content_type().as_deref(),
            Some("application/sparql-query")
        );
    }
}

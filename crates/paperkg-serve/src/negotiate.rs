//! Content negotiation: which serialization a client gets, from its `Accept` header or an
//! explicit `format` parameter.

use paperkg_store::query::OutputFormat;

/// What a query returns: solutions (SELECT, and ASK's boolean) or triples (CONSTRUCT, DESCRIBE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    /// SELECT or ASK.
    Solutions,
    /// CONSTRUCT or DESCRIBE.
    Graph,
}

/// A serialization the endpoint can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL Query Results XML.
    Xml,
    /// SPARQL 1.1 Query Results CSV.
    Csv,
    /// SPARQL 1.1 Query Results TSV.
    Tsv,
    /// Turtle.
    Turtle,
    /// N-Triples.
    NTriples,
    /// RDF/XML.
    RdfXml,
}

const SOLUTION_FORMATS: &[Format] = &[Format::Json, Format::Xml, Format::Csv, Format::Tsv];
const GRAPH_FORMATS: &[Format] = &[Format::Turtle, Format::NTriples, Format::RdfXml];

impl Format {
    /// The media types this format answers to; the first is the one it is served as.
    fn media_types(self) -> &'static [&'static str] {
        match self {
            Format::Json => &["application/sparql-results+json", "application/json"],
            Format::Xml => &[
                "application/sparql-results+xml",
                "application/xml",
                "text/xml",
            ],
            Format::Csv => &["text/csv"],
            Format::Tsv => &["text/tab-separated-values"],
            Format::Turtle => &["text/turtle", "application/x-turtle"],
            Format::NTriples => &["application/n-triples", "text/plain"],
            Format::RdfXml => &["application/rdf+xml", "application/xml", "text/xml"],
        }
    }

    /// The `Content-Type` of a response in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/sparql-results+json",
            Format::Xml => "application/sparql-results+xml",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Tsv => "text/tab-separated-values; charset=utf-8",
            Format::Turtle => "text/turtle",
            Format::NTriples => "application/n-triples",
            Format::RdfXml => "application/rdf+xml",
        }
    }

    /// The [`OutputFormat`] that makes [`paperkg_store::query::write_results`] write this format.
    /// For graphs that function writes Turtle for `Table`, N-Triples for `Csv` and RDF/XML
    /// for `Xml`.
    pub fn output_format(self) -> OutputFormat {
        match self {
            Format::Json => OutputFormat::Json,
            Format::Xml | Format::RdfXml => OutputFormat::Xml,
            Format::Csv | Format::NTriples => OutputFormat::Csv,
            Format::Tsv => OutputFormat::Tsv,
            Format::Turtle => OutputFormat::Table,
        }
    }
}

fn formats(kind: ResultKind) -> &'static [Format] {
    match kind {
        ResultKind::Solutions => SOLUTION_FORMATS,
        ResultKind::Graph => GRAPH_FORMATS,
    }
}

/// Picks the format named by a `format` parameter: a short name (`json`, `xml`, `csv`, `tsv`,
/// `turtle`, `ntriples`, `rdfxml`) or a media type. `None` when it names nothing this kind
/// of result can be written as.
pub fn from_param(value: &str, kind: ResultKind) -> Option<Format> {
    let value = value.trim().to_ascii_lowercase();
    let short = match value.as_str() {
        "json" | "srj" => Some(Format::Json),
        "xml" | "srx" => Some(match kind {
            ResultKind::Solutions => Format::Xml,
            ResultKind::Graph => Format::RdfXml,
        }),
        "csv" => Some(Format::Csv),
        "tsv" => Some(Format::Tsv),
        "turtle" | "ttl" => Some(Format::Turtle),
        "ntriples" | "n-triples" | "nt" => Some(Format::NTriples),
        "rdfxml" | "rdf/xml" | "rdf" => Some(Format::RdfXml),
        _ => None,
    };
    match short {
        Some(format) => formats(kind).contains(&format).then_some(format),
        None => from_accept(&value, kind),
    }
}

/// Picks the format for an `Accept` header: the supported media range with the highest
/// quality, earlier ranges winning ties, the default (JSON or Turtle) for wildcards and for a
/// missing header. `None` when nothing acceptable can be written (HTTP 406).
pub fn from_accept(accept: &str, kind: ResultKind) -> Option<Format> {
    if accept.trim().is_empty() {
        return formats(kind).first().copied();
    }
    let mut ranges: Vec<(f32, &str)> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';');
            let media = parts.next()?.trim();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (!media.is_empty() && quality > 0.0).then_some((quality, media))
        })
        .collect();
    // A stable sort keeps the header's order among equal qualities.
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.iter().find_map(|(_, media)| matching(media, kind))
}

fn matching(range: &str, kind: ResultKind) -> Option<Format> {
    let range = range.to_ascii_lowercase();
    formats(kind).iter().copied().find(|format| {
        format.media_types().iter().any(|media| {
            range == "*/*"
                || range == *media
                || range
                    .strip_suffix("/*")
                    .is_some_and(|top| media.split('/').next() == Some(top))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_to_json_and_turtle() {
        assert_eq!(from_accept("", ResultKind::Solutions), Some(Format::Json));
        assert_eq!(from_accept("*/*", ResultKind::Graph), Some(Format::Turtle));
    }

    #[test]
    fn honours_quality_and_order() {
        let accept = "text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1";
        assert_eq!(
            from_accept(accept, ResultKind::Solutions),
            Some(Format::Xml)
        );
        let accept = "application/sparql-results+json,application/json,text/javascript";
        assert_eq!(
            from_accept(accept, ResultKind::Solutions),
            Some(Format::Json)
        );
        assert_eq!(
            from_accept("text/csv;q=0.9, text/*;q=0.5", ResultKind::Solutions),
            Some(Format::Csv)
        );
        assert_eq!(
            from_accept("application/rdf+xml", ResultKind::Graph),
            Some(Format::RdfXml)
        );
    }

    #[test]
    fn refuses_what_it_cannot_write() {
        assert_eq!(from_accept("image/png", ResultKind::Solutions), None);
        assert_eq!(from_accept("text/turtle", ResultKind::Solutions), None);
        assert_eq!(from_accept("text/csv;q=0", ResultKind::Solutions), None);
        assert_eq!(from_param("json", ResultKind::Graph), None);
    }

    #[test]
    fn reads_format_parameters() {
        assert_eq!(from_param("TSV", ResultKind::Solutions), Some(Format::Tsv));
        assert_eq!(from_param("xml", ResultKind::Graph), Some(Format::RdfXml));
        assert_eq!(
            from_param("application/n-triples", ResultKind::Graph),
            Some(Format::NTriples)
        );
    }
}

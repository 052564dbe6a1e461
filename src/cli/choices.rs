//! The command line's value choices. The library's enums know nothing of clap; each choice
//! here mirrors one of them variant for variant (same names, same help) and converts into it.

use paperkg_core::corpus::InputFormat as CoreInputFormat;
use paperkg_core::dictionary::EntityType as CoreEntityType;
use paperkg_core::graph::analytics::{RankBy as CoreRankBy, RelatedBy as CoreRelatedBy};
use paperkg_store::export::ExportFormat as StoreExportFormat;
use paperkg_store::query::OutputFormat as StoreOutputFormat;

/// Declares a clap choice mirroring the library enum `$lib`, with conversions both ways: the
/// one from the library type is exhaustive, so a variant added there fails to compile here.
macro_rules! choice {
    ($(#[$attr:meta])* $name:ident => $lib:ident {
        $($(#[$variant_attr:meta])* $variant:ident),+ $(,)?
    }) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
        pub(super) enum $name {
            $($(#[$variant_attr])* $variant),+
        }

        impl From<$name> for $lib {
            fn from(choice: $name) -> Self {
                match choice {
                    $($name::$variant => $lib::$variant),+
                }
            }
        }

        impl From<$lib> for $name {
            fn from(value: $lib) -> Self {
                match value {
                    $($lib::$variant => $name::$variant),+
                }
            }
        }
    };
}

choice! {
    /// The text formats paperkg reads.
    InputFormat => CoreInputFormat {
        /// Decide from the content: JSON (`{` or `[` first) in the shape its first record has
        /// (arXiv, OpenAlex, Semantic Scholar), anything else is a listing.
        Auto,
        /// A listing page: a title line, a blank line, an abstract line, repeated.
        Listing,
        /// One JSON object per line with `title` and `abstract` (the arXiv snapshot format).
        Jsonl,
        /// OpenAlex works: the snapshot's JSON lines or saved API pages (`{"meta", "results"}`).
        Openalex,
        /// Semantic Scholar Graph API papers: objects, JSON lines, `{"data": [...]}` pages.
        S2,
        /// Semantic Scholar bulk datasets: `papers` and `abstracts` files, joined on `corpusid`.
        S2Bulk,
    }
}

choice! {
    /// The kinds of entity paperkg extracts.
    EntityType => CoreEntityType {
        /// A named model, model family or architecture.
        Model,
        /// A named dataset, benchmark, corpus or environment.
        Dataset,
        /// An evaluation metric.
        Metric,
        /// An ML task.
        Task,
        /// A named technique, algorithm, objective or module.
        Method,
        /// A URL in the text.
        Url,
    }
}

choice! {
    /// What to rank by.
    RankBy => CoreRankBy {
        /// The number of papers that mention the entity.
        Degree,
        /// PageRank over the undirected paper–entity graph (damping 0.85).
        #[value(name = "pagerank")]
        PageRank,
    }
}

choice! {
    /// How to order related entities.
    RelatedBy => CoreRelatedBy {
        /// The number of shared papers.
        Count,
        /// Shared papers over papers mentioning either (0 to 1).
        Jaccard,
        /// Pointwise mutual information, log2 of observed over expected co-mentions. Favours rare
        /// entities; read it together with the count.
        Pmi,
    }
}

choice! {
    /// Export formats.
    ExportFormat => StoreExportFormat {
        /// Turtle, with paperkg's prefixes.
        Turtle,
        /// N-Triples.
        Ntriples,
        /// N-Quads.
        Nquads,
        /// RDF/XML.
        Rdfxml,
        /// GraphViz DOT, drawn from the graph.
        Dot,
    }
}

choice! {
    /// Output formats for query results.
    OutputFormat => StoreOutputFormat {
        /// An aligned text table (graphs as Turtle).
        Table,
        /// SPARQL CSV (graphs as N-Triples).
        Csv,
        /// SPARQL TSV (graphs as N-Triples).
        Tsv,
        /// SPARQL JSON (graphs as N-Triples).
        Json,
        /// SPARQL XML (graphs as RDF/XML).
        Xml,
    }
}

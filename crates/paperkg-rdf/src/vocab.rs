//! Vocabulary IRIs, in one place: nowhere else in paperkg is an IRI spelled out.
//!
//! Papers are `schema:ScholarlyArticle`s described with DCTERMS; models, datasets, metrics,
//! tasks and methods use ML-Schema classes; labels are SKOS; mention spans are W3C Web
//! Annotations; provenance is PROV. Terms that no standard covers live under [`PKG`].

use oxrdf::NamedNodeRef;

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(
            #[doc = concat!("`", $ns, $local, "`")]
            pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));
        )*
    };
}

/// The default base IRI for papers, entities and annotations.
pub const DEFAULT_BASE: &str = "https://w3id.org/paperkg/";
/// paperkg's own vocabulary namespace.
pub const PKG: &str = "https://w3id.org/paperkg/vocab#";
/// The prefixes used in Turtle output and the canned queries.
pub const PREFIXES: &[(&str, &str)] = &[
    ("schema", "https://schema.org/"),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("mls", "http://www.w3.org/ns/mls#"),
    ("oa", "http://www.w3.org/ns/oa#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("fair4ml", "https://w3id.org/fair4ml#"),
    ("pkg", PKG),
];

/// RDF.
pub mod rdf {
    use super::*;
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; TYPE = "type");
}

/// schema.org.
pub mod schema {
    use super::*;
    terms!("https://schema.org/";
        SCHOLARLY_ARTICLE = "ScholarlyArticle", DATASET = "Dataset",
        SOFTWARE_SOURCE_CODE = "SoftwareSourceCode", SOFTWARE_APPLICATION = "SoftwareApplication",
        CODE_REPOSITORY = "codeRepository", MENTIONS = "mentions", SAME_AS = "sameAs",
        IDENTIFIER = "identifier", URL = "url", SOFTWARE_VERSION = "softwareVersion",
        WEB_PAGE = "WebPage", NAME = "name",
    );
}

/// DCMI terms.
pub mod dcterms {
    use super::*;
    terms!("http://purl.org/dc/terms/";
        TITLE = "title", ABSTRACT = "abstract", IDENTIFIER = "identifier", DATE = "date",
        CREATOR = "creator", SUBJECT = "subject", IS_PART_OF = "isPartOf",
    );
}

/// ML-Schema.
pub mod mls {
    use super::*;
    terms!("http://www.w3.org/ns/mls#";
        MODEL = "Model", DATASET = "Dataset", EVALUATION_MEASURE = "EvaluationMeasure",
        TASK = "Task", ALGORITHM = "Algorithm", MODEL_EVALUATION = "ModelEvaluation",
        SPECIFIED_BY = "specifiedBy", HAS_VALUE = "hasValue",
    );
}

/// W3C Web Annotation.
pub mod oa {
    use super::*;
    terms!("http://www.w3.org/ns/oa#";
        ANNOTATION = "Annotation", HAS_BODY = "hasBody", HAS_TARGET = "hasTarget",
        HAS_SOURCE = "hasSource", HAS_SELECTOR = "hasSelector",
        TEXT_POSITION_SELECTOR = "TextPositionSelector", TEXT_QUOTE_SELECTOR = "TextQuoteSelector",
        START = "start", END = "end", EXACT = "exact", SPECIFIC_RESOURCE = "SpecificResource",
    );
}

/// SKOS.
pub mod skos {
    use super::*;
    terms!("http://www.w3.org/2004/02/skos/core#";
        PREF_LABEL = "prefLabel", ALT_LABEL = "altLabel", BROADER = "broader",
    );
}

/// PROV-O.
pub mod prov {
    use super::*;
    terms!("http://www.w3.org/ns/prov#";
        ACTIVITY = "Activity", SOFTWARE_AGENT = "SoftwareAgent", ENTITY = "Entity",
        WAS_GENERATED_BY = "wasGeneratedBy", WAS_ASSOCIATED_WITH = "wasAssociatedWith",
        USED = "used", WAS_DERIVED_FROM = "wasDerivedFrom",
    );
}

/// OWL.
pub mod owl {
    use super::*;
    terms!("http://www.w3.org/2002/07/owl#"; SAME_AS = "sameAs");
}

/// FAIR4ML.
pub mod fair4ml {
    use super::*;
    terms!("https://w3id.org/fair4ml#"; FINE_TUNED_FROM = "fineTunedFrom");
}

/// XML Schema datatypes.
pub mod xsd {
    use super::*;
    terms!("http://www.w3.org/2001/XMLSchema#";
        DECIMAL = "decimal", INTEGER = "integer", DATE = "date", ANY_URI = "anyURI",
        G_YEAR_MONTH = "gYearMonth",
    );
}

/// paperkg's own terms, for what no standard vocabulary says.
pub mod pkg {
    use super::*;
    terms!("https://w3id.org/paperkg/vocab#";
        INTRODUCES = "introduces", HAS_CODE = "hasCode", HAS_LINK = "hasLink", LINK = "Link",
        LINK_KIND = "linkKind", ENTITY_TYPE = "entityType", TASK = "Task", METHOD = "Method",
        SPANS = "spans", FOUND_BY = "foundBy",
        CONFIDENCE = "confidence", EVIDENCE = "evidence", FIELD = "field", MODEL = "model",
        DATASET = "dataset", UNIT = "unit", VALUE_TEXT = "valueText", REPORTED_IN = "reportedIn",
        DICTIONARY = "Dictionary", VERSION = "version", ENTITY = "Entity", LOOKUP_KEY = "lookupKey",
        QUOTE = "quote", PAPER_COUNT = "paperCount", LEADERBOARD = "Leaderboard",
        OF_DATASET = "ofDataset", OF_METRIC = "ofMetric", BEST_VALUE = "bestValue",
        BEST_RESULT = "bestResult", BEST_PAPER_COUNT = "bestPaperCount", BETTER = "better",
        MENTION_COUNT = "mentionCount",
    );
    // The store's own counts (what `paperkg stats` prints), kept in their own named graph.
    terms!("https://w3id.org/paperkg/vocab#";
        STORE_COUNTS = "storeCounts", COUNT = "count",
    );
}

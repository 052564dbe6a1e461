//! The line formats of the dictionary files.

use super::{Alias, DictionaryError, EntityType, Entry, Source};

/// One line of `ambiguous.txt`: `ALIAS = TYPE:CANONICAL`.
pub(super) struct AmbiguityLine {
    pub(super) line: usize,
    pub(super) alias: String,
    pub(super) entity_type: EntityType,
    pub(super) canonical: String,
}

fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
}

/// Parses an entity file: `CANONICAL | ALIAS ... | @ATTR ...` per line.
pub(super) fn entries(
    file: &str,
    text: &str,
    entity_type: EntityType,
) -> Result<Vec<Entry>, DictionaryError> {
    content_lines(text)
        .map(|(line, content)| entry(file, line, content, entity_type))
        .collect()
}

fn entry(
    file: &str,
    line: usize,
    content: &str,
    entity_type: EntityType,
) -> Result<Entry, DictionaryError> {
    let syntax = |reason: String| DictionaryError::Syntax {
        file: file.to_string(),
        line,
        reason,
    };
    let mut entry = Entry {
        entity_type,
        canonical: String::new(),
        aliases: Vec::new(),
        external_ids: Vec::new(),
        variants: false,
        parent: None,
        better: None,
        range: None,
        source: Source::of_file(file),
        origin: format!("{file}:{line}"),
    };
    for field in content.split(" | ").map(str::trim) {
        if field.is_empty() {
            return Err(syntax("empty field (two bars with nothing between)".into()));
        }
        if let Some(attribute) = field.strip_prefix('@') {
            apply_attribute(&mut entry, attribute).map_err(syntax)?;
            continue;
        }
        let alias = parse_alias(field);
        if alias.text.is_empty() {
            return Err(syntax(format!("alias {field:?} has no text")));
        }
        if entry.canonical.is_empty() {
            entry.canonical = alias.text.clone();
        }
        if !entry.aliases.contains(&alias) {
            entry.aliases.push(alias);
        }
    }
    if entry.canonical.is_empty() {
        return Err(syntax("no canonical name".into()));
    }
    Ok(entry)
}

fn apply_attribute(entry: &mut Entry, attribute: &str) -> Result<(), String> {
    match attribute.split_once('=') {
        None if attribute == "variants" => entry.variants = true,
        Some(("id", id)) if id.contains(':') => entry.external_ids.push(id.trim().to_string()),
        Some(("id", id)) => return Err(format!("id {id:?} needs a SCHEME: prefix")),
        Some(("parent", parent)) => entry.parent = Some(parent.trim().to_string()),
        Some((key @ ("better" | "range"), _)) if entry.entity_type != EntityType::Metric => {
            return Err(format!("@{key} is for metrics only"))
        }
        Some(("better", better)) => entry.better = Some(better.trim().parse()?),
        Some(("range", range)) => entry.range = Some(range.trim().parse()?),
        _ => return Err(format!("unknown attribute @{attribute}")),
    }
    Ok(())
}

/// `~alias` is case-insensitive, `=alias` exact; otherwise an alias with an upper-case letter
/// or a digit is case-sensitive.
fn parse_alias(field: &str) -> Alias {
    if let Some(text) = field.strip_prefix('~') {
        return Alias {
            text: text.trim().to_string(),
            case_sensitive: false,
        };
    }
    if let Some(text) = field.strip_prefix('=') {
        return Alias {
            text: text.trim().to_string(),
            case_sensitive: true,
        };
    }
    Alias {
        text: field.to_string(),
        case_sensitive: field
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit()),
    }
}

/// Parses `ambiguous.txt`.
pub(super) fn ambiguous(file: &str, text: &str) -> Result<Vec<AmbiguityLine>, DictionaryError> {
    content_lines(text)
        .map(|(line, content)| {
            let syntax = |reason: &str| DictionaryError::Syntax {
                file: file.to_string(),
                line,
                reason: reason.to_string(),
            };
            let (alias, target) = content
                .rsplit_once(" = ")
                .ok_or_else(|| syntax("expected `ALIAS = TYPE:CANONICAL`"))?;
            let (entity_type, canonical) = target
                .split_once(':')
                .ok_or_else(|| syntax("expected `TYPE:CANONICAL` after ` = `"))?;
            let entity_type = entity_type
                .trim()
                .parse()
                .map_err(|_| syntax("unknown type before `:`"))?;
            Ok(AmbiguityLine {
                line,
                alias: alias.trim().to_string(),
                entity_type,
                canonical: canonical.trim().to_string(),
            })
        })
        .collect()
}

/// Parses `generic.txt`: one term per line, stored lower-case.
pub(super) fn generic(text: &str) -> impl Iterator<Item = String> + '_ {
    content_lines(text).map(|(_, term)| term.to_lowercase())
}

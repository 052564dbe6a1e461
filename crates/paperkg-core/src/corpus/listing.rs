//! The listing format: a title line, a blank line, an abstract line, with page chrome
//! ("Subscribe", "new", a date) mixed in at the top.

use super::{CorpusError, Line, Lines, Paper, PaperId, Record, RecordIssue};

/// Reads a listing page. A title is a line followed by a line that reads like an abstract;
/// chrome lines are dropped silently, and a title-like line with no abstract is reported.
pub(super) fn read(lines: &mut Lines, sink: &mut dyn FnMut(Record)) -> Result<(), CorpusError> {
    let mut pending: Option<Line> = None;
    while let Some(line) = lines.next_line()? {
        if line.text.trim().is_empty() {
            continue;
        }
        match pending.take() {
            None => pending = Some(line),
            Some(title) if looks_like_abstract(&line.text) && !looks_like_abstract(&title.text) => {
                sink(paper(lines, title, line));
            }
            Some(dropped) => {
                report_dropped(lines, &dropped, sink);
                pending = Some(line);
            }
        }
    }
    if let Some(dropped) = pending {
        report_dropped(lines, &dropped, sink);
    }
    Ok(())
}

fn paper(lines: &Lines, title: Line, abstract_line: Line) -> Record {
    let issue = |line: &Line, reason: &str| {
        Record::Skipped(RecordIssue {
            source: lines.name.clone(),
            line: line.number,
            reason: reason.to_string(),
        })
    };
    for line in [&title, &abstract_line] {
        if line.truncated {
            return issue(line, &super::line_too_long());
        }
    }
    if title.invalid_utf8 {
        return issue(&title, "invalid UTF-8 in the title");
    }
    if abstract_line.invalid_utf8 {
        return issue(&abstract_line, "invalid UTF-8 in the abstract");
    }
    let title_text = super::jsonl::clean_text(&title.text);
    let abstract_text = super::jsonl::clean_text(&abstract_line.text);
    if title_text.is_empty() {
        return issue(
            &title,
            "the title is empty once control characters are removed",
        );
    }
    if abstract_text.is_empty() {
        return issue(
            &abstract_line,
            "the abstract is empty once control characters are removed",
        );
    }
    for (line, field, text) in [
        (&title, "title", &title_text),
        (&abstract_line, "abstract", &abstract_text),
    ] {
        if let Err(reason) = super::check_field_size(field, text) {
            return issue(line, &reason);
        }
    }
    Record::Paper(Paper {
        id: PaperId::choose(None, None, &title_text),
        title: title_text,
        abstract_text,
        origin: format!("{}:{}", lines.name, title.number),
        ..Paper::default()
    })
}

/// Drops page chrome silently; reports anything that looks like a title left without its
/// abstract, so that nothing is lost without a word.
fn report_dropped(lines: &Lines, line: &Line, sink: &mut dyn FnMut(Record)) {
    if is_chrome(&line.text) {
        return;
    }
    let reason = if looks_like_abstract(&line.text) {
        "abstract without a title line before it"
    } else {
        "title line without an abstract after it"
    };
    sink(Record::Skipped(RecordIssue {
        source: lines.name.clone(),
        line: line.number,
        reason: reason.to_string(),
    }));
}

/// An abstract is long, or has at least two sentences.
fn looks_like_abstract(text: &str) -> bool {
    let text = text.trim();
    let sentences = text.matches(". ").count() + usize::from(text.ends_with('.'));
    text.chars().count() >= 200 || (text.len() >= 80 && sentences >= 2)
}

const CHROME: &[&str] = &[
    "new",
    "subscribe",
    "get trending papers in your email inbox!",
    "byak and the research community",
    "trending papers",
    "trending",
    "upvote",
    "view all",
    "papers",
    "sign in",
    "log in",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Page chrome: a known navigation phrase, a date such as "Mar 21", or a line with fewer than
/// three words that holds no name.
fn is_chrome(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    if CHROME.contains(&lower.as_str()) || is_date(&lower) {
        return true;
    }
    let words = lower.split_whitespace().count();
    words < 3 && !text.chars().any(|c| c.is_uppercase())
}

fn is_date(lower: &str) -> bool {
    let mut words = lower.split([' ', ',']).filter(|w| !w.is_empty());
    let Some(month) = words.next() else {
        return false;
    };
    let month_ok = MONTHS.iter().any(|m| month.starts_with(m));
    month_ok && words.all(|w| w.bytes().all(|b| b.is_ascii_digit()))
}

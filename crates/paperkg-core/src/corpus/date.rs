//! [`PaperDate`]: when a paper appeared, to the day when its metadata says so, else to the
//! month its arXiv id encodes.

use super::PaperId;
use serde::Serialize;
use std::fmt;

/// A paper's date: a day from its metadata (`update_date`, `published`), or a year and month
/// read from its arXiv id (`2304.02643` is April 2023) when the metadata has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum PaperDate {
    /// A calendar day (`YYYY-MM-DD`, `xsd:date`).
    Day {
        /// The year.
        year: u16,
        /// The month, 1 to 12.
        month: u8,
        /// The day of the month.
        day: u8,
    },
    /// A year and a month only (`YYYY-MM`, `xsd:gYearMonth`).
    Month {
        /// The year.
        year: u16,
        /// The month, 1 to 12.
        month: u8,
    },
}

impl PaperDate {
    /// The date of a paper: the first metadata value that reads as a date (`YYYY-MM-DD`, or a
    /// timestamp that starts with one, as arXiv's `published` does), else the month of its
    /// arXiv id, else none.
    pub fn choose<'a>(
        metadata: impl IntoIterator<Item = Option<&'a str>>,
        id: &PaperId,
    ) -> Option<PaperDate> {
        metadata
            .into_iter()
            .flatten()
            .find_map(PaperDate::parse)
            .or_else(|| match id {
                PaperId::Arxiv(arxiv) => PaperDate::from_arxiv_id(arxiv),
                _ => None,
            })
    }

    /// Reads `YYYY-MM-DD` (optionally followed by a time, `2023-04-05T17:59:01Z`) or
    /// `YYYY-MM`. Returns `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<PaperDate> {
        let text = text.trim();
        let date = match text.find(['T', ' ']) {
            Some(at) if at == 10 => &text[..at],
            _ => text,
        };
        let mut parts = date.split('-');
        let (year, month) = (parts.next()?, parts.next()?);
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let (year, month): (u16, u8) = (digits(year)?, digits(month)?);
        match (parts.next(), parts.next()) {
            (None, _) => PaperDate::month(year, month),
            (Some(day), None) if day.len() == 2 => PaperDate::day(year, month, digits(day)?),
            _ => None,
        }
    }

    /// The month an arXiv id encodes: `2304.02643` (April 2023) or `hep-th/9901001`
    /// (January 1999). Old-style years from 91 are the 1990s, the arXiv's first decade.
    pub fn from_arxiv_id(id: &str) -> Option<PaperDate> {
        let yymm = match id.split_once('/') {
            Some((_, number)) => number.get(..4)?,
            None => id.split_once('.')?.0,
        };
        if yymm.len() != 4 || !yymm.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let yy: u16 = yymm[..2].parse().ok()?;
        let month: u8 = yymm[2..].parse().ok()?;
        let year = if yy >= 91 { 1900 + yy } else { 2000 + yy };
        PaperDate::month(year, month)
    }

    /// A month date, if `month` is 1 to 12.
    fn month(year: u16, month: u8) -> Option<PaperDate> {
        (1..=12)
            .contains(&month)
            .then_some(PaperDate::Month { year, month })
    }

    /// A day date, if the day exists in that month.
    fn day(year: u16, month: u8, day: u8) -> Option<PaperDate> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let last = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=last)
            .contains(&day)
            .then_some(PaperDate::Day { year, month, day })
    }

    /// The year and month, whatever the precision.
    pub fn year_month(self) -> (u16, u8) {
        match self {
            PaperDate::Day { year, month, .. } | PaperDate::Month { year, month } => (year, month),
        }
    }

    /// Whether the date is a whole day (`xsd:date`) rather than a month (`xsd:gYearMonth`).
    pub fn is_day(self) -> bool {
        matches!(self, PaperDate::Day { .. })
    }
}

/// A number written with ASCII digits only (no sign, no space).
fn digits<N: std::str::FromStr>(text: &str) -> Option<N> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for PaperDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaperDate::Day { year, month, day } => write!(f, "{year:04}-{month:02}-{day:02}"),
            PaperDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl From<PaperDate> for String {
    fn from(date: PaperDate) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_dates_parse_to_the_day_and_bad_ones_are_refused() {
        let day = |s| PaperDate::parse(s).map(|d| d.to_string());
        assert_eq!(day("2023-04-05").as_deref(), Some("2023-04-05"));
        assert_eq!(day("2023-04-05T17:59:01Z").as_deref(), Some("2023-04-05"));
        assert_eq!(day("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(day("2023-04").as_deref(), Some("2023-04"));
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-00",
            "Mar 21",
            "23-04-05",
            "2023-4-5",
            "",
        ] {
            assert_eq!(PaperDate::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn arxiv_ids_give_their_month() {
        let month = |s| PaperDate::from_arxiv_id(s).map(|d| d.to_string());
        assert_eq!(month("2304.02643").as_deref(), Some("2023-04"));
        assert_eq!(month("0704.0001").as_deref(), Some("2007-04"));
        assert_eq!(month("hep-th/9901001").as_deref(), Some("1999-01"));
        assert_eq!(month("math.AG/0309136").as_deref(), Some("2003-09"));
        assert_eq!(month("2313.00001"), None);
        assert_eq!(month("abcd.00001"), None);
    }

    #[test]
    fn metadata_wins_over_the_arxiv_id_and_a_bad_value_falls_through() {
        let id = PaperId::Arxiv("2304.02643".to_string());
        let chosen = |meta: [Option<&str>; 2]| PaperDate::choose(meta, &id).map(String::from);
        assert_eq!(
            chosen([Some("2023-05-01"), Some("2023-04-05T00:00:00Z")]).as_deref(),
            Some("2023-05-01")
        );
        assert_eq!(
            chosen([Some("soon"), Some("2023-04-05T00:00:00Z")]).as_deref(),
            Some("2023-04-05")
        );
        assert_eq!(chosen([None, None]).as_deref(), Some("2023-04"));
        let local = PaperId::Local("p1".to_string());
        assert_eq!(PaperDate::choose([None], &local), None);
    }
}

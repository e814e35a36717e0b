//! Calendar dates as the docs write them, normalised to `YYYY-MM-DD`.
//!
//! attestor never reads the clock: dates come from the content, or from
//! `SOURCE_DATE_EPOCH`, so two builds of one tree are byte-identical. This
//! module finds and checks dates in text, with month names in English,
//! French, German and Spanish; it knows nothing of documents.

use regex::Regex;

use crate::text::words::WordRegex;

/// Formats a count of days since 1970-01-01 as `YYYY-MM-DD`.
pub fn format_days(days: i64) -> String {
    // Howard Hinnant's civil_from_days, which is exact over the whole range.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it is one.
pub fn days_of(date: &str) -> Option<i64> {
    let (year, month, day) = parse_ymd(date)?;
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn parse_ymd(date: &str) -> Option<(i64, i64, i64)> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = date[0..4].parse().ok()?;
    let month: i64 = date[5..7].parse().ok()?;
    let day: i64 = date[8..10].parse().ok()?;
    let valid = (1900..=2999).contains(&year) && (1..=12).contains(&month) && day >= 1;
    (valid && day <= days_in_month(year, month)).then_some((year, month, day))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first valid `YYYY-MM-DD` (or `YYYY_MM_DD`, `YYYYMMDD` in names) in `text`.
///
/// Digits that run on before or after the date (an id, a longer number) do not count.
pub fn find_date(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start + 8 <= bytes.len() {
        let boundary_before = start == 0 || !bytes[start - 1].is_ascii_digit();
        if boundary_before
            && bytes[start].is_ascii_digit()
            && let Some(date) = date_at(bytes, start)
        {
            return Some(date);
        }
        start += 1;
    }
    None
}

fn date_at(bytes: &[u8], start: usize) -> Option<String> {
    let digits = |from: usize, n: usize| {
        bytes.get(from..from + n).filter(|run| run.iter().all(u8::is_ascii_digit))
    };
    let year = digits(start, 4)?;
    let (month_at, day_at, end) = match bytes.get(start + 4) {
        Some(b'-' | b'_' | b'.' | b'/') if bytes.get(start + 7) == bytes.get(start + 4) => {
            (start + 5, start + 8, start + 10)
        }
        Some(b) if b.is_ascii_digit() => (start + 4, start + 6, start + 8),
        _ => return None,
    };
    let month = digits(month_at, 2)?;
    let day = digits(day_at, 2)?;
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let as_str = |run: &[u8]| String::from_utf8_lossy(run).into_owned();
    let date = format!("{}-{}-{}", as_str(year), as_str(month), as_str(day));
    parse_ymd(&date).map(|_| date)
}

/// A date as people write it in prose: `2025-11-14`, `November 14, 2025`,
/// `Nov 14 2025`, `14 November 2025`, `14 Nov, 2025`, and the same in French,
/// German and Spanish (`17 octobre 2025`, `17. Oktober 2025`, `17 de octubre
/// de 2025`, `1er déc. 2025`). Numeric day-month orders other than ISO
/// (`11/14/2025`) are ambiguous and not read here; see [`find_labelled_date`].
pub fn find_written_date(text: &str) -> Option<String> {
    find_date(text).or_else(|| find_month_name_date(text))
}

/// The date a label such as `Date:` or `Datum:` gives: a written date, else a
/// numeric one. `17.10.2025` is always day first (nobody writes month first
/// with dots); `17/10/2025` and `11/14/2025` are read when one number cannot
/// be a month; `03/04/2025` only when `day_first` says the label is in a
/// language that writes the day first.
pub fn find_labelled_date(text: &str, day_first: bool) -> Option<String> {
    find_written_date(text).or_else(|| find_numeric_date(text, day_first))
}

/// Whether `text` holds something written as a date that is not one: an
/// impossible day (`2025-02-30`, `30 février 2025`) or an ambiguous order
/// (`03/04/2025`). Labels use it to tell a mistake from a placeholder.
pub fn looks_like_date(text: &str) -> bool {
    DATE_SHAPE.is_match(text)
        || WRITTEN_DAY_FIRST
            .captures_iter(text)
            .chain(WRITTEN_MONTH_FIRST.captures_iter(text))
            .any(|caps| month_number(&caps["m"]).is_some())
}

static DATE_SHAPE: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"\b(?:(?:19|20)\d\d[-/._]\d{1,2}[-/._]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d)\b",
    )
    .expect("date shape pattern is valid")
});

/// `14 November 2025`, `17. Oktober 2025`, `17 de octubre de 2025`, `1er oct. 2025`, `14-Nov-2025`.
static WRITTEN_DAY_FIRST: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?(?:\s+de\s+|\s+|-)(?P<m>\p{L}{3,10})\.?(?:,?\s+(?:de\s+|del\s+)?|-)(?P<y>(?:19|20)\d\d)\b",
    )
    .expect("day-first date pattern is valid")
});

/// `November 14, 2025`, `Nov. 14th 2025`, `Okt. 17, 2025`.
static WRITTEN_MONTH_FIRST: WordRegex = WordRegex::new(|| {
    Regex::new(
        r"(?i)\b(?P<m>\p{L}{3,10})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
    )
    .expect("month-first date pattern is valid")
});

/// `17.10.2025`, `17/10/2025`, `11-14-2025`.
static NUMERIC: WordRegex = WordRegex::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})[./-](?P<y>(?:19|20)\d\d)\b")
        .expect("numeric date pattern is valid")
});

/// The earliest valid date with a month name in `text`, in either order.
fn find_month_name_date(text: &str) -> Option<String> {
    let day_first = WRITTEN_DAY_FIRST.captures_iter(text);
    let month_first = WRITTEN_MONTH_FIRST.captures_iter(text);
    day_first
        .chain(month_first)
        .filter_map(|caps| {
            let at = caps.get(0)?.start();
            let month = month_number(&caps["m"])?;
            let day: u32 = caps["d"].parse().ok()?;
            let date = format!("{}-{month:02}-{day:02}", &caps["y"]);
            parse_ymd(&date).map(|_| (at, date))
        })
        .min()
        .map(|(_, date)| date)
}

fn find_numeric_date(text: &str, day_first: bool) -> Option<String> {
    NUMERIC.captures_iter(text).find_map(|caps| {
        let a: u32 = caps["a"].parse().ok()?;
        let b: u32 = caps["b"].parse().ok()?;
        let (day, month) = if &caps["sep"] == "." || a > 12 || (day_first && b <= 12) {
            (a, b)
        } else if b > 12 {
            (b, a)
        } else {
            return None;
        };
        let date = format!("{}-{month:02}-{day:02}", &caps["y"]);
        parse_ymd(&date).map(|_| date)
    })
}

/// Month names and their usual abbreviations in English, French, German and
/// Spanish, written without accents (see [`fold`]).
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "janvier", "janv", "januar", "janner", "jaenner", "enero", "ene"],
    &["february", "feb", "febr", "fevrier", "fevr", "fev", "februar", "febrero"],
    &["march", "mar", "mars", "marz", "maerz", "mrz", "marzo"],
    &["april", "apr", "avril", "avr", "abril", "abr"],
    &["may", "mai", "mayo"],
    &["june", "jun", "juin", "juni", "junio"],
    &["july", "jul", "juillet", "juil", "juli", "julio"],
    &["august", "aug", "aout", "agosto", "ago"],
    &["september", "sep", "sept", "septembre", "septiembre", "setiembre"],
    &["october", "oct", "octobre", "oktober", "okt", "octubre"],
    &["november", "nov", "novembre", "noviembre"],
    &["december", "dec", "decembre", "dezember", "dez", "diciembre", "dic"],
];

/// The number of a month name or abbreviation (`Oct.`, `déc`, `März`), if it is one.
pub fn month_number(name: &str) -> Option<u32> {
    let folded = fold(name.trim_end_matches('.'));
    MONTHS.iter().position(|names| names.contains(&folded.as_str())).map(|idx| idx as u32 + 1)
}

/// Lowercase, with the accents of French, German and Spanish letters removed.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_days_both_ways() {
        assert_eq!(format_days(0), "1970-01-01");
        assert_eq!(format_days(20_406), "2025-11-14");
        assert_eq!(days_of("2025-11-14"), Some(20_406));
        assert_eq!(days_of("2024-02-29").map(format_days).as_deref(), Some("2024-02-29"));
        assert_eq!(days_of("2025-02-29"), None);
    }

    #[test]
    fn reads_dates_written_with_month_names() {
        assert_eq!(find_written_date("November 14, 2025").as_deref(), Some("2025-11-14"));
        assert_eq!(
            find_written_date("**Date**: Dec 2 2025 (Tuesday)").as_deref(),
            Some("2025-12-02")
        );
        assert_eq!(find_written_date("14 November 2025").as_deref(), Some("2025-11-14"));
        assert_eq!(find_written_date("3rd Feb, 2026").as_deref(), Some("2026-02-03"));
        assert_eq!(find_written_date("2026-01-05 or March 1, 2026").as_deref(), Some("2026-01-05"));
        assert_eq!(find_written_date("February 30, 2026"), None);
        assert_eq!(find_written_date("11/14/2025"), None);
        assert_eq!(find_written_date("may 2026"), None);
    }

    #[test]
    fn reads_month_names_in_french_german_and_spanish() {
        let cases = [
            ("17 octobre 2025", "2025-10-17"),
            ("mardi 17 oct. 2025", "2025-10-17"),
            ("1er décembre 2025", "2025-12-01"),
            ("le 3 févr. 2026", "2026-02-03"),
            ("15 août 2025", "2025-08-15"),
            ("17. Oktober 2025", "2025-10-17"),
            ("Dienstag, 17. Okt. 2025", "2025-10-17"),
            ("5. März 2026", "2026-03-05"),
            ("1. Jänner 2026", "2026-01-01"),
            ("17 de octubre de 2025", "2025-10-17"),
            ("martes, 2 de dic. de 2025", "2025-12-02"),
            ("9 ene. 2026", "2026-01-09"),
            ("14 ago 2025", "2025-08-14"),
            ("Okt. 17, 2025", "2025-10-17"),
            ("17-Oct-2025", "2025-10-17"),
            ("Sept. 4th, 2025", "2025-09-04"),
        ];
        for (text, date) in cases {
            assert_eq!(find_written_date(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn words_and_numbers_that_are_not_dates() {
        for text in [
            "30 février 2025",
            "31. April 2026",
            "le 17 octobre",
            "octobre 2025",
            "12 items 2025",
            "Version 2 2025",
            "3 days ago 2025",
            "4 Dec 1850",
            "Sprint 3 set 2025",
            "Phase 2 Mai",
        ] {
            assert_eq!(find_written_date(text), None, "{text}");
        }
    }

    #[test]
    fn labelled_numeric_dates_are_read_only_when_their_order_is_known() {
        assert_eq!(find_labelled_date("17.10.2025", false).as_deref(), Some("2025-10-17"));
        assert_eq!(find_labelled_date("03.04.2025", false).as_deref(), Some("2025-04-03"));
        assert_eq!(find_labelled_date("17/10/2025", false).as_deref(), Some("2025-10-17"));
        assert_eq!(find_labelled_date("11/14/2025", false).as_deref(), Some("2025-11-14"));
        assert_eq!(find_labelled_date("03/04/2025", false), None);
        assert_eq!(find_labelled_date("03/04/2025", true).as_deref(), Some("2025-04-03"));
        assert_eq!(find_labelled_date("31/02/2025", true), None);
        assert_eq!(find_labelled_date("v1.2.2025", true), None);
    }

    #[test]
    fn tells_a_mistaken_date_from_a_placeholder() {
        for text in ["2025-02-30", "03/04/2025", "30 février 2025", "2025-13-01"] {
            assert!(looks_like_date(text), "{text}");
        }
        for text in ["TBD", "Q3 2025", "____", "v1.2.3", "Sprint 12", "May the 4th"] {
            assert!(!looks_like_date(text), "{text}");
        }
    }

    #[test]
    fn month_names_and_abbreviations() {
        let months: Vec<_> =
            ["Okt.", "déc", "März", "Sept", "ago", "JANV.", "xyz", "mayo"].map(month_number).into();
        assert_eq!(months, [Some(10), Some(12), Some(3), Some(9), Some(8), Some(1), None, Some(5)]);
    }

    #[test]
    fn long_lines_of_near_dates_are_read_in_linear_time() {
        let line = "12 Oct ".repeat(40_000) + "12 Oct 2025";
        assert_eq!(find_written_date(&line).as_deref(), Some("2025-10-12"));
        let digits = "1/".repeat(100_000);
        assert_eq!(find_labelled_date(&digits, true), None);
        assert!(!looks_like_date(&digits));
    }

    #[test]
    fn finds_dates_in_titles_and_file_names() {
        assert_eq!(find_date("# Session 2025-11-14: refresh").as_deref(), Some("2025-11-14"));
        assert_eq!(find_date("sessions/2026_03_09-notes.md").as_deref(), Some("2026-03-09"));
        assert_eq!(find_date("run-20260215.txt").as_deref(), Some("2026-02-15"));
        assert_eq!(find_date("build 1234567890123"), None);
        assert_eq!(find_date("2025-13-01"), None);
        assert_eq!(find_date("v2025-11-1x"), None);
    }
}

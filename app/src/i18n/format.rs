//! Dates and times the Italian way, in Europe/Rome, whatever the server's clock zone.
use chrono::{DateTime, Datelike, Timelike, Utc};

use super::Locale;

/// "24 novembre 2026" / "24 November 2026", the day as it is in Rome.
pub fn format_date(at: DateTime<Utc>, locale: Locale) -> String {
    let (day, month, year, _, _) = rome_parts(at);
    format!(
        "{day} {} {year}",
        locale.messages().months[month as usize - 1]
    )
}

/// "24 novembre 2026, 09:05" / "24 November 2026, 09:05", in Rome's time.
pub fn format_date_time(at: DateTime<Utc>, locale: Locale) -> String {
    let (_, _, _, hour, minute) = rome_parts(at);
    format!(
        "{}{}{hour:02}:{minute:02}",
        format_date(at, locale),
        locale.messages().date_time_joiner
    )
}

#[cfg(feature = "ssr")]
fn rome_parts(at: DateTime<Utc>) -> (u32, u32, i32, u32, u32) {
    let local = at.with_timezone(&chrono_tz::Europe::Rome);
    (
        local.day(),
        local.month(),
        local.year(),
        local.hour(),
        local.minute(),
    )
}

// The browser never formats dates: pages render on the server, and islands receive dates as
// text. Without the time-zone database (kept out of the WebAssembly) this falls back to UTC.
#[cfg(not(feature = "ssr"))]
fn rome_parts(at: DateTime<Utc>) -> (u32, u32, i32, u32, u32) {
    (at.day(), at.month(), at.year(), at.hour(), at.minute())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_shown_in_rome_time_across_daylight_saving() {
        // 23:30 UTC in winter is already the next day in Rome (UTC+1).
        let winter = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(
            format_date_time(winter, Locale::It),
            "1 gennaio 2027, 00:30"
        );
        // In summer Rome is UTC+2.
        let summer = Utc.with_ymd_and_hms(2026, 7, 14, 8, 5, 0).unwrap();
        assert_eq!(
            format_date_time(summer, Locale::It),
            "14 luglio 2026, 10:05"
        );
        assert_eq!(format_date(summer, Locale::En), "14 July 2026");
    }
}

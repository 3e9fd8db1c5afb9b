//! Times are stored in UTC and shown in Europe/Oslo (DESIGN §9), whatever the server's own
//! time zone. Server only: the browser receives the formatted text.

use jiff::tz::TimeZone;
use time::{Date, OffsetDateTime};

fn oslo() -> TimeZone {
    // Bundled tz database (jiff's `tzdb-bundle-always`): no dependency on the host's files.
    TimeZone::get("Europe/Oslo").unwrap_or(TimeZone::UTC)
}

fn zoned(at: OffsetDateTime) -> Option<jiff::Zoned> {
    let ts = jiff::Timestamp::from_second(at.unix_timestamp()).ok()?;
    Some(ts.to_zoned(oslo()))
}

/// `23.11.2026 14:05` in Oslo time.
pub fn oslo_datetime(at: OffsetDateTime) -> String {
    zoned(at)
        .map(|z| z.strftime("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// An instant as RFC 3339 in UTC (exports and the API).
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A date as Norwegians write it: `01.08.2026`.
pub fn date_nb(date: Date) -> String {
    format!(
        "{:02}.{:02}.{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// The calendar day in Oslo at `at` ("today" for rules such as "not measured in the future").
pub fn oslo_date(at: OffsetDateTime) -> Date {
    zoned(at)
        .and_then(|z| {
            let month = time::Month::try_from(u8::try_from(z.month()).ok()?).ok()?;
            Date::from_calendar_date(i32::from(z.year()), month, u8::try_from(z.day()).ok()?).ok()
        })
        .unwrap_or(at.date())
}

/// The UTC instant an Oslo calendar day starts (midnight local time).
pub fn oslo_day_start(date: Date) -> OffsetDateTime {
    let civil = jiff::civil::date(
        i16::try_from(date.year()).unwrap_or(1970),
        i8::try_from(u8::from(date.month())).unwrap_or(1),
        i8::try_from(date.day()).unwrap_or(1),
    );
    civil
        .to_zoned(oslo())
        .ok()
        .and_then(|z| OffsetDateTime::from_unix_timestamp(z.timestamp().as_second()).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// An instant as a client sends it (RFC 3339, any offset) or as a person types it in a form
/// (`2027-01-31T23:59`, Oslo's local time, as a `datetime-local` field sends it). Years
/// outside 1900–2200 are typing mistakes.
pub fn parse_instant(raw: &str) -> Result<OffsetDateTime, crate::core::error::FieldError> {
    use crate::core::error::FieldError;
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Required);
    }
    let at = match OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339) {
        Ok(at) => at,
        Err(_) => {
            let civil: jiff::civil::DateTime = raw
                .replace(' ', "T")
                .parse()
                .map_err(|_| FieldError::InvalidDate)?;
            let zoned = civil
                .to_zoned(oslo())
                .map_err(|_| FieldError::InvalidDate)?;
            OffsetDateTime::from_unix_timestamp(zoned.timestamp().as_second())
                .map_err(|_| FieldError::InvalidDate)?
        }
    };
    if !(1900..=2200).contains(&at.year()) {
        return Err(FieldError::DateOutOfRange);
    }
    Ok(at)
}

/// The value of a `datetime-local` field for an instant: Oslo time, to the minute.
pub fn oslo_datetime_local(at: OffsetDateTime) -> String {
    zoned(at)
        .map(|z| z.strftime("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    #[test]
    fn the_day_in_oslo_turns_before_the_day_in_utc() {
        assert_eq!(
            super::oslo_date(datetime!(2026-12-31 23:30 UTC)),
            date!(2027 - 01 - 01)
        );
        assert_eq!(
            super::oslo_date(datetime!(2026-07-01 21:59 UTC)),
            date!(2026 - 07 - 01)
        );
        assert_eq!(
            super::oslo_date(datetime!(2026-07-01 22:00 UTC)),
            date!(2026 - 07 - 02)
        );
    }

    use super::*;

    #[test]
    fn winter_time_is_utc_plus_one_and_summer_time_plus_two() {
        assert_eq!(
            oslo_datetime(datetime!(2026-01-15 12:00 UTC)),
            "15.01.2026 13:00"
        );
        assert_eq!(
            oslo_datetime(datetime!(2026-07-15 12:00 UTC)),
            "15.07.2026 14:00"
        );
    }

    #[test]
    fn an_oslo_day_starts_at_local_midnight() {
        assert_eq!(
            oslo_day_start(date!(2026 - 11 - 23)),
            datetime!(2026-11-22 23:00 UTC)
        );
        assert_eq!(
            oslo_day_start(date!(2026 - 06 - 01)),
            datetime!(2026-05-31 22:00 UTC)
        );
    }

    #[test]
    fn instants_are_read_as_rfc_3339_or_as_oslo_local_time() {
        use crate::core::error::FieldError;
        assert_eq!(
            super::parse_instant("2027-01-31T23:59").unwrap(),
            datetime!(2027-01-31 22:59 UTC)
        );
        assert_eq!(
            super::parse_instant("2027-06-30T12:00").unwrap(),
            datetime!(2027-06-30 10:00 UTC),
            "summer time"
        );
        assert_eq!(
            super::parse_instant("2027-03-01T12:00:00+01:00").unwrap(),
            datetime!(2027-03-01 11:00 UTC)
        );
        assert_eq!(
            super::parse_instant("i morgen"),
            Err(FieldError::InvalidDate)
        );
        assert_eq!(super::parse_instant(""), Err(FieldError::Required));
        assert_eq!(
            super::parse_instant("9999-01-01T00:00:00Z"),
            Err(FieldError::DateOutOfRange)
        );
        assert_eq!(
            super::oslo_datetime_local(datetime!(2027-01-31 22:59 UTC)),
            "2027-01-31T23:59"
        );
    }
}

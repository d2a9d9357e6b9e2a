//! The one date type. Front matter may give a date, a local date-time or an RFC 3339
//! date-time; all become an instant shown in the site's time zone.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml_datetime::Datetime;

/// An instant, carrying the offset of the site's time zone at that instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(DateTime<FixedOffset>);

impl Date {
    /// The instant with the site zone's offset.
    pub(crate) fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }

    /// The calendar day in the site's time zone.
    pub(crate) fn day(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// RFC 3339, as open data and feeds write it.
    pub(crate) fn rfc3339(&self) -> String {
        self.0.to_rfc3339()
    }

    /// `instant` seen in the site's time zone.
    pub(crate) fn in_zone<Z: TimeZone>(instant: DateTime<Z>, zone: Tz) -> Self {
        Self(instant.with_timezone(&zone).fixed_offset())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

// Written straight from the one string: `collect_str` would format it a second time.
impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

/// A date as front matter writes it, before the site's time zone is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawDate {
    Day(NaiveDate),
    Local(NaiveDateTime),
    Instant(DateTime<FixedOffset>),
}

/// The years a date may have.
const FIRST_YEAR: i32 = 1;
const LAST_YEAR: i32 = 9998;

pub(crate) const EXPECTED: &str = "a date (2025-03-27), a local date-time (2025-03-27T18:30:00) or an RFC 3339 date-time \
     (2025-03-27T18:30:00+01:00)";

impl RawDate {
    /// The instant this date names in `zone`. A local time that the zone skips (the hour
    /// lost when clocks go forward) is read with the offset in force just before it.
    pub(crate) fn resolve(self, zone: Tz) -> Date {
        match self {
            Self::Day(day) => Self::Local(day.and_time(NaiveTime::MIN)).resolve(zone),
            Self::Local(local) => match zone.from_local_datetime(&local).earliest() {
                Some(instant) => Date::in_zone(instant, zone),
                None => {
                    let before = local - chrono::Duration::days(1);
                    let offset = zone.offset_from_utc_datetime(&before).fix();
                    let instant = offset.from_local_datetime(&local).earliest();
                    Date::in_zone(instant.unwrap_or_else(|| local.and_utc().fixed_offset()), zone)
                }
            },
            Self::Instant(instant) => Date::in_zone(instant, zone),
        }
    }

    fn from_toml(datetime: Datetime) -> Result<Self, String> {
        let date = datetime.date.ok_or_else(|| format!("`{datetime}` has no date"))?;
        let day = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
            .ok_or_else(|| format!("`{datetime}` is not a day of the calendar"))?;
        // Feeds write four-digit years; a year inside these bounds keeps four digits in
        // every time zone.
        if !(FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
            return Err(format!(
                "`{datetime}` is out of range: give a year from {FIRST_YEAR} to {LAST_YEAR}"
            ));
        }
        let Some(time) = datetime.time else {
            return Ok(Self::Day(day));
        };
        let nanos = time.nanosecond.unwrap_or(0);
        let time = NaiveTime::from_hms_nano_opt(
            time.hour.into(),
            time.minute.into(),
            time.second.unwrap_or(0).into(),
            nanos,
        )
        .ok_or_else(|| format!("`{datetime}` is not a time of day"))?;
        let local = day.and_time(time);
        let offset = match datetime.offset {
            None => return Ok(Self::Local(local)),
            Some(toml_datetime::Offset::Z) => FixedOffset::east_opt(0),
            Some(toml_datetime::Offset::Custom { minutes }) => FixedOffset::east_opt(i32::from(minutes) * 60),
        };
        let instant = offset
            .and_then(|offset| offset.from_local_datetime(&local).single())
            .ok_or_else(|| format!("`{datetime}` has an offset out of range"))?;
        Ok(Self::Instant(instant))
    }
}

/// What to write instead of a date written day or month first, such as `02/08/2025`:
/// the year first, in each way it can be read.
pub(crate) fn year_first(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().trim_matches(['"', '\'']).split(['/', '.', '-']).collect();
    let [a, b, year] = parts.as_slice() else { return None };
    if year.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let (a, b, year): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, year.parse().ok()?);
    let readings: Vec<NaiveDate> = [(b, a), (a, b)]
        .into_iter()
        .filter_map(|(month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .collect();
    let said = |day: &NaiveDate| format!("{} for {}", day.format("%Y-%m-%d"), day.format("%-d %B"));
    match readings.as_slice() {
        [one] => Some(format!("write the year first, without quotes: {}", said(one))),
        [first, second] if first != second => {
            Some(format!("write the year first, without quotes: {}, or {}", said(first), said(second)))
        }
        [one, _] => Some(format!("write the year first, without quotes: {}", said(one))),
        _ => None,
    }
}

impl FromStr for RawDate {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let datetime = Datetime::from_str(text.trim())
            .map_err(|_| format!("invalid date `{text}`, expected {EXPECTED}"))?;
        Self::from_toml(datetime)
    }
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawDateVisitor;

        impl<'de> Visitor<'de> for RawDateVisitor {
            type Value = RawDate;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTED)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawDate, E> {
                text.parse().map_err(E::custom)
            }

            // TOML's own date-time literals arrive as a one-entry map.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawDate, A::Error> {
                let datetime = Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                RawDate::from_toml(datetime).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_any(RawDateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, zone: Tz) -> String {
        text.parse::<RawDate>().unwrap().resolve(zone).rfc3339()
    }

    #[test]
    fn a_day_is_midnight_in_the_site_zone() {
        assert_eq!(resolve("2025-03-27", Tz::Europe__London), "2025-03-27T00:00:00+00:00");
        assert_eq!(resolve("2025-07-01", Tz::Europe__London), "2025-07-01T00:00:00+01:00");
    }

    #[test]
    fn a_local_time_is_read_in_the_site_zone() {
        assert_eq!(resolve("2026-01-18T09:30:00", Tz::Europe__Madrid), "2026-01-18T09:30:00+01:00");
    }

    #[test]
    fn an_instant_is_shown_in_the_site_zone() {
        assert_eq!(resolve("2025-03-28T08:00:00Z", Tz::Europe__Madrid), "2025-03-28T09:00:00+01:00");
        assert_eq!(resolve("2025-03-28T08:00:00-05:00", Tz::UTC), "2025-03-28T13:00:00+00:00");
    }

    #[test]
    fn a_skipped_local_hour_still_resolves() {
        assert_eq!(resolve("2025-03-30T01:30:00", Tz::Europe__London), "2025-03-30T02:30:00+01:00");
    }

    #[test]
    fn a_date_keeps_its_fraction_of_a_second() {
        let text = resolve("2025-03-28T08:00:00.123456789Z", Tz::UTC);
        assert_eq!(text, "2025-03-28T08:00:00.123456789+00:00");
    }

    #[test]
    fn a_date_written_day_first_is_shown_year_first() {
        assert_eq!(
            year_first("02/08/2025").as_deref(),
            Some(
                "write the year first, without quotes: 2025-08-02 for 2 August, or 2025-02-08 for 8 February"
            )
        );
        assert_eq!(
            year_first("\"25.12.2025\"").as_deref(),
            Some("write the year first, without quotes: 2025-12-25 for 25 December")
        );
        assert_eq!(year_first("2025-08-02"), None);
        assert_eq!(year_first("soon"), None);
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        assert!("27 March".parse::<RawDate>().unwrap_err().starts_with("invalid date `27 March`"));
        assert!("2025-02-30".parse::<RawDate>().is_err());
        assert!("10:00:00".parse::<RawDate>().is_err());
    }

    #[test]
    fn every_date_in_range_can_be_written_in_every_format() {
        for text in ["0001-01-01T00:00:00+14:00", "9998-12-31T23:59:59-12:00", "0001-01-01", "9998-12-31"] {
            for zone in [Tz::Pacific__Kiritimati, Tz::Etc__GMTPlus12, Tz::UTC] {
                let date = text.parse::<RawDate>().unwrap().resolve(zone).as_datetime();
                let _ = (date.to_rfc2822(), date.to_rfc3339());
                let _ = (date.to_utc().to_rfc2822(), date.to_utc().to_rfc3339());
            }
        }
        for text in ["0000-12-31T23:00:00+05:00", "9999-01-01T00:00:00-05:00", "9999-12-31"] {
            let error = text.parse::<RawDate>().unwrap_err();
            assert_eq!(error, format!("`{text}` is out of range: give a year from 1 to 9998"));
        }
    }
}

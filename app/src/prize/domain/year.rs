//! A prize year (DESIGN §7, issue 14): the nomination window, the jury's deadline, the award
//! day, whether employees vote for a people's choice, and the phase these dates put it in.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{parse_bounded, parse_date};

pub const MIN_YEAR: i64 = 2000;
pub const MAX_YEAR: i64 = 2100;

/// The dates that rule a prize year. Valid only in this order: the window opens, it closes,
/// the jury's deadline passes, the prize is awarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearDates {
    pub nominations_open: OffsetDateTime,
    pub nominations_close: OffsetDateTime,
    pub jury_deadline: OffsetDateTime,
    pub award_on: Date,
}

impl YearDates {
    /// The fields out of order, by the later field of each pair.
    pub fn problems(&self) -> FieldErrors {
        let mut errors = FieldErrors::new();
        if self.nominations_close <= self.nominations_open {
            errors.insert("nominations_close".into(), FieldError::EndBeforeStart);
        }
        if self.jury_deadline < self.nominations_close {
            errors.insert("jury_deadline".into(), FieldError::EndBeforeStart);
        }
        if self.award_on < self.jury_deadline.date() {
            errors.insert("award_date".into(), FieldError::EndBeforeStart);
        }
        errors
    }

    /// Where the year stands at `now` (DESIGN §7: results are sealed until published).
    pub fn phase(&self, published: bool, now: OffsetDateTime) -> Phase {
        if published {
            Phase::Published
        } else if now < self.nominations_open {
            Phase::Upcoming
        } else if now < self.nominations_close {
            Phase::Nominating
        } else if now < self.jury_deadline {
            Phase::Judging
        } else {
            Phase::Sealed
        }
    }
}

/// A prize year's phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The nomination window has not opened.
    Upcoming,
    /// Employees nominate.
    Nominating,
    /// The committee shortlists and the jury scores the finalists until its deadline.
    Judging,
    /// The jury has closed; the tally is sealed until the committee publishes it.
    Sealed,
    /// Winners and finalists are public.
    Published,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Upcoming => "upcoming",
            Phase::Nominating => "nominating",
            Phase::Judging => "judging",
            Phase::Sealed => "sealed",
            Phase::Published => "published",
        }
    }
}

/// A new prize year as parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewYear {
    pub year: i32,
    pub dates: YearDates,
    pub peoples_choice: bool,
}

crate::parsed_input!(NewYear);

/// A prize year as typed: instants as the form's local time or RFC 3339 (the API).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearForm {
    pub year: String,
    pub nominations_open: String,
    pub nominations_close: String,
    pub jury_deadline: String,
    pub award_date: String,
    pub peoples_choice: bool,
}

/// Changes to a year's dates (the committee moves them); absent fields stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPatch {
    pub nominations_open: Option<String>,
    pub nominations_close: Option<String>,
    pub jury_deadline: Option<String>,
    pub award_date: Option<String>,
    pub peoples_choice: Option<bool>,
}

pub use crate::core::parse::InstantReader;

impl YearForm {
    pub fn parse_with(self, instant: InstantReader) -> Result<NewYear, FieldErrors> {
        let mut errors = FieldErrors::new();
        let year = parse_bounded(&self.year, MIN_YEAR, MAX_YEAR)
            .map_err(|e| errors.insert("year".into(), e))
            .ok()
            .and_then(|y| i32::try_from(y).ok());
        let mut read = |field: &str, raw: &str| {
            instant(raw)
                .map_err(|e| errors.insert(field.into(), e))
                .ok()
        };
        let open = read("nominations_open", &self.nominations_open);
        let close = read("nominations_close", &self.nominations_close);
        let deadline = read("jury_deadline", &self.jury_deadline);
        let award_on = parse_date(&self.award_date)
            .map_err(|e| errors.insert("award_date".into(), e))
            .ok();
        let (Some(year), Some(open), Some(close), Some(deadline), Some(award_on)) =
            (year, open, close, deadline, award_on)
        else {
            return Err(errors);
        };
        let dates = YearDates {
            nominations_open: open,
            nominations_close: close,
            jury_deadline: deadline,
            award_on,
        };
        errors.extend(dates.problems());
        if errors.is_empty() {
            Ok(NewYear {
                year,
                dates,
                peoples_choice: self.peoples_choice,
            })
        } else {
            Err(errors)
        }
    }
}

impl YearPatch {
    /// The year's dates with this patch applied at `now`, checked in order as a whole.
    ///
    /// DESIGN §7: ballots cannot change after the jury closes. An instant that has passed
    /// ended or began a phase, so it stays: moving a passed deadline would reopen judging
    /// after the sealed tally was seen, and moving a passed window's close would let
    /// nominators edit or withdraw finalists (issue 23). An instant still to come may move
    /// either way (a window closed early, a jury given more time).
    pub fn apply(
        &self,
        before: YearDates,
        instant: InstantReader,
        now: OffsetDateTime,
    ) -> Result<YearDates, FieldErrors> {
        let mut dates = before;
        let mut errors = FieldErrors::new();
        let mut read = |field: &str, raw: &Option<String>, into: &mut OffsetDateTime| {
            if let Some(raw) = raw {
                match instant(raw) {
                    Ok(at) => *into = at,
                    Err(e) => {
                        errors.insert(field.into(), e);
                    }
                }
            }
        };
        read(
            "nominations_open",
            &self.nominations_open,
            &mut dates.nominations_open,
        );
        read(
            "nominations_close",
            &self.nominations_close,
            &mut dates.nominations_close,
        );
        read(
            "jury_deadline",
            &self.jury_deadline,
            &mut dates.jury_deadline,
        );
        if let Some(raw) = &self.award_date {
            match parse_date(raw) {
                Ok(day) => dates.award_on = day,
                Err(e) => {
                    errors.insert("award_date".into(), e);
                }
            }
        }
        for (field, was, is) in [
            (
                "nominations_open",
                before.nominations_open,
                &mut dates.nominations_open,
            ),
            (
                "nominations_close",
                before.nominations_close,
                &mut dates.nominations_close,
            ),
            (
                "jury_deadline",
                before.jury_deadline,
                &mut dates.jury_deadline,
            ),
        ] {
            if was <= now {
                // The form shows minutes: the same minute sent back is no move.
                if same_minute(was, *is) {
                    *is = was;
                } else {
                    errors.insert(field.into(), FieldError::DatePassed);
                }
            }
        }
        if errors.is_empty() {
            errors = dates.problems();
        }
        if errors.is_empty() {
            Ok(dates)
        } else {
            Err(errors)
        }
    }
}

fn same_minute(a: OffsetDateTime, b: OffsetDateTime) -> bool {
    (a.unix_timestamp().div_euclid(60)) == (b.unix_timestamp().div_euclid(60))
}

// A patch is read as typed; its dates are judged against the year's own (`YearPatch::apply`).
crate::parsed_input!(YearPatch);

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn utc(raw: &str) -> Result<OffsetDateTime, FieldError> {
        OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
            .map_err(|_| FieldError::InvalidDate)
    }

    fn form() -> YearForm {
        YearForm {
            year: "2027".into(),
            nominations_open: "2026-11-01T08:00:00Z".into(),
            nominations_close: "2027-01-31T22:59:00Z".into(),
            jury_deadline: "2027-03-01T12:00:00Z".into(),
            award_date: "2027-03-22".into(),
            peoples_choice: true,
        }
    }

    #[test]
    fn a_year_in_order_parses() {
        let year = form().parse_with(utc).unwrap();
        assert_eq!(year.year, 2027);
        assert_eq!(year.dates.award_on, date!(2027 - 03 - 22));
        assert!(year.peoples_choice);
    }

    #[test]
    fn dates_out_of_order_are_refused_at_the_later_field() {
        let mut f = form();
        f.nominations_close = "2026-10-01T00:00:00Z".into();
        f.award_date = "2027-02-01".into();
        let errors = f.parse_with(utc).unwrap_err();
        assert_eq!(
            errors.get("nominations_close"),
            Some(&FieldError::EndBeforeStart)
        );
        assert_eq!(errors.get("award_date"), Some(&FieldError::EndBeforeStart));
    }

    #[test]
    fn hostile_values_are_refused_per_field() {
        let f = YearForm {
            year: "99999".into(),
            nominations_open: "i går".into(),
            ..form()
        };
        let errors = f.parse_with(utc).unwrap_err();
        assert_eq!(errors.get("year"), Some(&FieldError::OutOfRange));
        assert_eq!(
            errors.get("nominations_open"),
            Some(&FieldError::InvalidDate)
        );
    }

    #[test]
    fn the_phase_follows_the_dates_and_publication() {
        let dates = form().parse_with(utc).unwrap().dates;
        let at = |t| dates.phase(false, t);
        assert_eq!(at(datetime!(2026-10-31 12:00 UTC)), Phase::Upcoming);
        assert_eq!(at(datetime!(2026-11-01 08:00 UTC)), Phase::Nominating);
        assert_eq!(at(datetime!(2027-01-31 22:59 UTC)), Phase::Judging);
        assert_eq!(at(datetime!(2027-03-01 12:00 UTC)), Phase::Sealed);
        assert_eq!(
            dates.phase(true, datetime!(2027-03-01 12:00 UTC)),
            Phase::Published
        );
    }

    #[test]
    fn a_patch_moves_dates_and_keeps_the_order() {
        let dates = form().parse_with(utc).unwrap().dates;
        let closing_early = YearPatch {
            nominations_close: Some("2026-12-01T00:00:00Z".into()),
            ..Default::default()
        };
        let early = datetime!(2026-10-01 00:00 UTC);
        let moved = closing_early.apply(dates, utc, early).unwrap();
        assert_eq!(moved.nominations_close, datetime!(2026-12-01 00:00 UTC));
        assert_eq!(moved.jury_deadline, dates.jury_deadline);
        let before_open = YearPatch {
            jury_deadline: Some("2026-10-01T00:00:00Z".into()),
            ..Default::default()
        };
        let errors = before_open.apply(dates, utc, early).unwrap_err();
        assert_eq!(
            errors.get("jury_deadline"),
            Some(&FieldError::EndBeforeStart)
        );
    }

    fn moving(field: &str, to: &str) -> YearPatch {
        let to = Some(to.to_owned());
        match field {
            "nominations_open" => YearPatch {
                nominations_open: to,
                ..Default::default()
            },
            "nominations_close" => YearPatch {
                nominations_close: to,
                ..Default::default()
            },
            _ => YearPatch {
                jury_deadline: to,
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_date_that_has_passed_stays_and_one_to_come_moves() {
        // Window 2026-11-01 → 2027-01-31 22:59, jury until 2027-03-01 12:00.
        let dates = form().parse_with(utc).unwrap().dates;
        let cases = [
            // (field, now, new value, refused)
            (
                "nominations_open",
                "2026-10-15T00:00:00Z",
                "2026-10-20T00:00:00Z",
                false,
            ),
            (
                "nominations_open",
                "2026-11-02T00:00:00Z",
                "2026-11-20T00:00:00Z",
                true,
            ),
            (
                "nominations_close",
                "2027-01-10T00:00:00Z",
                "2027-02-10T00:00:00Z",
                false,
            ),
            (
                "nominations_close",
                "2027-02-02T00:00:00Z",
                "2027-02-20T00:00:00Z",
                true,
            ),
            (
                "jury_deadline",
                "2027-02-02T00:00:00Z",
                "2027-03-10T12:00:00Z",
                false,
            ),
            (
                "jury_deadline",
                "2027-03-02T00:00:00Z",
                "2027-03-10T12:00:00Z",
                true,
            ),
            // Exactly at the instant, the phase has turned.
            (
                "jury_deadline",
                "2027-03-01T12:00:00Z",
                "2027-03-10T12:00:00Z",
                true,
            ),
        ];
        for (field, now, to, refused) in cases {
            let now = utc(now).unwrap();
            let result = moving(field, to).apply(dates, utc, now);
            if refused {
                assert_eq!(
                    result.unwrap_err().get(field),
                    Some(&FieldError::DatePassed),
                    "{field} at {now}"
                );
            } else {
                assert!(result.is_ok(), "{field} at {now}: {result:?}");
            }
        }
    }

    #[test]
    fn a_passed_date_sent_unchanged_is_no_move() {
        let dates = form().parse_with(utc).unwrap().dates;
        let judging = datetime!(2027-02-10 00:00 UTC);
        let same = YearPatch {
            nominations_open: Some("2026-11-01T08:00:30Z".into()),
            nominations_close: Some("2027-01-31T22:59:00Z".into()),
            jury_deadline: Some("2027-03-05T12:00:00Z".into()),
            ..Default::default()
        };
        let moved = same.apply(dates, utc, judging).unwrap();
        assert_eq!(moved.jury_deadline, datetime!(2027-03-05 12:00 UTC));
        assert_eq!(
            moved.nominations_open, dates.nominations_open,
            "the same minute keeps the stored instant"
        );
    }
}

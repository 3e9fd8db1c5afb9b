//! A leader group's status and the rules for changing it (DESIGN §5, issue 13): enrolled →
//! in progress → completed (date) | withdrawn (date, reason). Pure: today's date, the
//! cohort's dates and the group's attendance come in.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::core::error::{FieldError, FieldErrors};
use crate::core::parse::{parse_date, parse_text};
use crate::org::domain::{SiteState, site_state_on};

/// Longest reason for a withdrawal.
pub const MAX_REASON_CHARS: usize = 1_000;

/// Where a leader group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum GroupStatus {
    Enrolled,
    InProgress,
    Completed { on: Date },
    Withdrawn { on: Date },
}

impl GroupStatus {
    /// The stored and API name of the status.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Enrolled => "enrolled",
            Self::InProgress => "in_progress",
            Self::Completed { .. } => "completed",
            Self::Withdrawn { .. } => "withdrawn",
        }
    }

    /// The status as stored: its name and, for completed and withdrawn, its date.
    pub fn from_stored(name: &str, on: Option<Date>) -> Option<Self> {
        match (name, on) {
            ("enrolled", _) => Some(Self::Enrolled),
            ("in_progress", _) => Some(Self::InProgress),
            ("completed", Some(on)) => Some(Self::Completed { on }),
            ("withdrawn", Some(on)) => Some(Self::Withdrawn { on }),
            _ => None,
        }
    }

    /// The date of a completion or withdrawal.
    pub fn date(self) -> Option<Date> {
        match self {
            Self::Completed { on } | Self::Withdrawn { on } => Some(on),
            Self::Enrolled | Self::InProgress => None,
        }
    }

    /// Completed and withdrawn groups are done: a site that wants another round enrols a new
    /// group in a later cohort, so the history stays as it was.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Completed { .. } | Self::Withdrawn { .. })
    }
}

/// A requested status change, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    InProgress,
    Completed { on: Date },
    Withdrawn { on: Date, reason: String },
}

impl StatusChange {
    /// Parses `{"status", "date", "reason"}` as typed: a date for completed and withdrawn, a
    /// reason for withdrawn.
    pub fn parse(status: &str, date: &str, reason: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let needs_date = matches!(status.trim(), "completed" | "withdrawn");
        // A date or a reason the change does not take is still read when given: a bad one is
        // refused, not passed over.
        let on = if needs_date || !date.trim().is_empty() {
            parse_date(date)
                .map_err(|e| errors.insert("date".into(), e))
                .ok()
        } else {
            None
        };
        // The reason is checked whatever the date, so both refusals show at once.
        let reason = if status.trim() == "withdrawn" {
            parse_text(reason, MAX_REASON_CHARS)
                .map_err(|e| errors.insert("reason".into(), e))
                .ok()
        } else {
            crate::core::parse::parse_optional_text(reason, MAX_REASON_CHARS)
                .map_err(|e| errors.insert("reason".into(), e))
                .ok()
                .flatten()
        };
        let change = match (status.trim(), on, reason) {
            ("in_progress", _, _) => Some(Self::InProgress),
            ("completed", Some(on), _) => Some(Self::Completed { on }),
            ("withdrawn", Some(on), Some(reason)) => Some(Self::Withdrawn { on, reason }),
            ("completed" | "withdrawn", _, _) => None,
            _ => {
                errors.insert("status".into(), FieldError::InvalidChoice);
                None
            }
        };
        match change {
            Some(change) if errors.is_empty() => Ok(change),
            _ => Err(errors),
        }
    }
}

/// What a status change is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeContext {
    pub today: Date,
    pub cohort_starts_on: Date,
    /// The site's first active day.
    pub site_active_from: Date,
    /// The site's first day without activity, if it has closed.
    pub site_closed_on: Option<Date>,
    /// The least share of attendance (whole per cent) a completion requires, if any.
    pub min_attendance_percent: Option<u8>,
    /// The group's attendance: (present, possible) member-gatherings so far.
    pub attendance: (u32, u32),
}

/// The group's attendance rate in whole per cent (rounded down, so 79.9 % is not 80 %);
/// `None` before any gathering.
pub fn attendance_percent((present, possible): (u32, u32)) -> Option<u32> {
    (possible > 0).then(|| {
        let percent = u64::from(present.min(possible)) * 100 / u64::from(possible);
        u32::try_from(percent).unwrap_or(100)
    })
}

/// The status a change leads to, or why it may not (the field the refusal belongs to).
pub fn change_status(
    current: GroupStatus,
    change: &StatusChange,
    ctx: &ChangeContext,
) -> Result<GroupStatus, (&'static str, FieldError)> {
    if current.is_final() {
        return Err(("status", FieldError::IllegalTransition));
    }
    match change {
        StatusChange::InProgress => match current {
            GroupStatus::Enrolled => Ok(GroupStatus::InProgress),
            _ => Err(("status", FieldError::IllegalTransition)),
        },
        StatusChange::Completed { on } => {
            check_date(*on, ctx)?;
            if let Some(min) = ctx.min_attendance_percent {
                let rate = attendance_percent(ctx.attendance).unwrap_or(0);
                if rate < u32::from(min) {
                    return Err(("status", FieldError::AttendanceTooLow));
                }
            }
            Ok(GroupStatus::Completed { on: *on })
        }
        StatusChange::Withdrawn { on, .. } => {
            check_date(*on, ctx)?;
            Ok(GroupStatus::Withdrawn { on: *on })
        }
    }
}

/// A completion or withdrawal happens between the cohort's start and today, while the site
/// is still open.
fn check_date(on: Date, ctx: &ChangeContext) -> Result<(), (&'static str, FieldError)> {
    if on > ctx.today {
        return Err(("date", FieldError::DateInFuture));
    }
    if on < ctx.cohort_starts_on {
        return Err(("date", FieldError::BeforeCohortStart));
    }
    // The site is active on the date, as the organisation defines it (DESIGN §3).
    match site_state_on(ctx.site_active_from, ctx.site_closed_on, on) {
        SiteState::Active => {}
        SiteState::NotOpen => return Err(("date", FieldError::SiteNotOpen)),
        SiteState::Closed => return Err(("date", FieldError::SiteClosed)),
    }
    Ok(())
}

/// The name of one cell of the attendance grid: gathering and member.
pub fn cell_name(gathering_id: i32, member_id: i32) -> String {
    format!("g{gathering_id}m{member_id}")
}

/// Reads a cell name back (`g12m40` → gathering 12, member 40); anything else is `None`.
pub fn parse_cell(name: &str) -> Option<(i32, i32)> {
    let rest = name.strip_prefix('g')?;
    let (gathering, member) = rest.split_once('m')?;
    Some((gathering.parse().ok()?, member.parse().ok()?))
}

/// An enrolment as typed or sent: the cohort's and the site's ids as text, judged by the
/// service (`lup::service::enrol`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolmentText {
    pub cohort_id: String,
    pub site_id: String,
}

crate::parsed_input!(EnrolmentText);

/// A status change as typed or sent, judged by the service ([`StatusChange::parse`] and the
/// group's state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusText {
    pub status: String,
    pub date: String,
    pub reason: String,
    /// The portfolio project the development task became, when completing.
    pub project_id: Option<i32>,
}

crate::parsed_input!(StatusText);

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn ctx() -> ChangeContext {
        ChangeContext {
            today: date!(2026 - 12 - 03),
            cohort_starts_on: date!(2026 - 01 - 15),
            site_active_from: date!(2020 - 01 - 01),
            site_closed_on: None,
            min_attendance_percent: None,
            attendance: (0, 0),
        }
    }

    fn completed(on: Date) -> StatusChange {
        StatusChange::Completed { on }
    }

    #[test]
    fn a_group_goes_enrolled_in_progress_completed() {
        let started = change_status(GroupStatus::Enrolled, &StatusChange::InProgress, &ctx());
        assert_eq!(started, Ok(GroupStatus::InProgress));
        let on = date!(2026 - 06 - 20);
        assert_eq!(
            change_status(GroupStatus::InProgress, &completed(on), &ctx()),
            Ok(GroupStatus::Completed { on })
        );
        assert_eq!(
            change_status(GroupStatus::Enrolled, &completed(on), &ctx()),
            Ok(GroupStatus::Completed { on }),
            "a group may be marked completed without having been marked in progress"
        );
    }

    #[test]
    fn completed_and_withdrawn_groups_are_final() {
        let done = GroupStatus::Completed {
            on: date!(2026 - 06 - 20),
        };
        let gone = GroupStatus::Withdrawn {
            on: date!(2026 - 03 - 01),
        };
        for current in [done, gone] {
            assert_eq!(
                change_status(current, &StatusChange::InProgress, &ctx()),
                Err(("status", FieldError::IllegalTransition))
            );
            assert_eq!(
                change_status(current, &completed(date!(2026 - 07 - 01)), &ctx()),
                Err(("status", FieldError::IllegalTransition))
            );
        }
        assert_eq!(
            change_status(GroupStatus::InProgress, &StatusChange::InProgress, &ctx()),
            Err(("status", FieldError::IllegalTransition))
        );
    }

    #[test]
    fn completion_is_not_in_the_future_nor_before_the_cohort_starts() {
        assert_eq!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 12 - 04)),
                &ctx()
            ),
            Err(("date", FieldError::DateInFuture))
        );
        assert_eq!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 12 - 03)),
                &ctx()
            ),
            Ok(GroupStatus::Completed {
                on: date!(2026 - 12 - 03)
            }),
            "today is fine"
        );
        assert_eq!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 01 - 14)),
                &ctx()
            ),
            Err(("date", FieldError::BeforeCohortStart))
        );
    }

    #[test]
    fn a_closed_site_cannot_complete_on_or_after_its_closing_day() {
        let not_open = ChangeContext {
            site_active_from: date!(2026 - 10 - 01),
            ..ctx()
        };
        assert_eq!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 09 - 30)),
                &not_open
            ),
            Err(("date", FieldError::SiteNotOpen)),
            "a completion before the site opened"
        );
        let closed = ChangeContext {
            site_closed_on: Some(date!(2026 - 09 - 01)),
            ..ctx()
        };
        assert_eq!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 09 - 01)),
                &closed
            ),
            Err(("date", FieldError::SiteClosed))
        );
        assert!(
            change_status(
                GroupStatus::InProgress,
                &completed(date!(2026 - 08 - 31)),
                &closed
            )
            .is_ok()
        );
    }

    #[test]
    fn completion_can_require_a_least_attendance() {
        let strict = |attendance| ChangeContext {
            min_attendance_percent: Some(80),
            attendance,
            ..ctx()
        };
        let on = date!(2026 - 06 - 20);
        assert_eq!(
            change_status(GroupStatus::InProgress, &completed(on), &strict((79, 100))),
            Err(("status", FieldError::AttendanceTooLow))
        );
        assert_eq!(
            change_status(GroupStatus::InProgress, &completed(on), &strict((0, 0))),
            Err(("status", FieldError::AttendanceTooLow)),
            "no attendance recorded is not enough"
        );
        assert!(change_status(GroupStatus::InProgress, &completed(on), &strict((8, 10))).is_ok());
    }

    #[test]
    fn attendance_rounds_down_and_is_none_before_any_gathering() {
        assert_eq!(attendance_percent((0, 0)), None);
        assert_eq!(attendance_percent((799, 1000)), Some(79));
        assert_eq!(attendance_percent((5, 5)), Some(100));
        assert_eq!(attendance_percent((9, 5)), Some(100), "never above 100");
    }

    #[test]
    fn a_status_change_is_parsed_with_its_date_and_reason() {
        assert_eq!(
            StatusChange::parse("in_progress", "", ""),
            Ok(StatusChange::InProgress)
        );
        assert_eq!(
            StatusChange::parse(" completed ", "2026-06-20", ""),
            Ok(completed(date!(2026 - 06 - 20)))
        );
        assert_eq!(
            StatusChange::parse("withdrawn", "2026-03-01", " Ny leder  "),
            Ok(StatusChange::Withdrawn {
                on: date!(2026 - 03 - 01),
                reason: "Ny leder".into()
            })
        );
        let errors = StatusChange::parse("withdrawn", "i går", " ").unwrap_err();
        assert_eq!(errors.get("date"), Some(&FieldError::InvalidDate));
        assert_eq!(errors.get("reason"), Some(&FieldError::Required));
        let errors = StatusChange::parse("enrolled", "", "").unwrap_err();
        assert_eq!(errors.get("status"), Some(&FieldError::InvalidChoice));
    }

    #[test]
    fn a_grid_cell_name_reads_back_and_nothing_else_does() {
        assert_eq!(parse_cell(&cell_name(12, 40)), Some((12, 40)));
        for bad in ["", "g12", "m40", "g12m", "gxm4", "g1m2m3", "none", "g-1m2x"] {
            assert_eq!(parse_cell(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_stored_status_reads_back() {
        for status in [
            GroupStatus::Enrolled,
            GroupStatus::InProgress,
            GroupStatus::Completed {
                on: date!(2026 - 06 - 20),
            },
            GroupStatus::Withdrawn {
                on: date!(2026 - 03 - 01),
            },
        ] {
            assert_eq!(
                GroupStatus::from_stored(status.as_str(), status.date()),
                Some(status)
            );
        }
        assert_eq!(GroupStatus::from_stored("completed", None), None);
        assert_eq!(GroupStatus::from_stored("ferdig", None), None);
    }
}

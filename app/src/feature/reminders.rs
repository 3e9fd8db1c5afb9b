//! Scheduled reminders (issue 30, DESIGN §9): each strand that has something to remind people
//! of publishes a [`ReminderSource`] in its `Feature`, answering what is due for everyone at
//! a moment; the scheduled job (`notifications::jobs`) asks them all and writes each reminder
//! once, under its key, as a notification (in the app always, by e-mail when configured and
//! wanted).

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;
use time::OffsetDateTime;

use crate::core::error::AppError;

/// What a reminder is about, as the notifications name it (their `NotificationKind`'s key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    MeasurementDue,
    ReportDue,
    JuryDeadline,
    /// A manager's reminder to a site's leaders that it has not started LUP (DESIGN §5).
    LupNotStarted,
}

/// One reminder for one person. `key` names the occasion: the same key is written once, so a
/// source may answer it again on every run until the thing is done (a benefit's key holds the
/// date of its latest measurement: measured again, it is due again half a year later under a
/// new key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub user_id: i32,
    pub kind: ReminderKind,
    pub key: String,
    /// What it is about (a benefit's description with its project, a report, a prize year).
    pub subject: String,
    /// By when, as shown (a date in Europe/Oslo), if it has one.
    pub detail: String,
    /// Where to do it (a local path).
    pub link: String,
}

/// Most reminders a source answers in one run, the most urgent first; the next run goes on.
pub const MAX_PER_RUN: u64 = 1_000;

/// A strand's reminders due at `now`, for everyone.
pub type ReminderSource =
    for<'a> fn(
        &'a DatabaseConnection,
        OffsetDateTime,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Reminder>, AppError>> + Send + 'a>>;

//! A person's tasks across the strands (issue 30: "my tasks" on the front page): each strand
//! that gives people something to do publishes a [`TaskSource`] in its `Feature`, reading
//! through its own service what the acting user has to do now; `registry::my_tasks` asks
//! them all. The front page names no strand.

use std::future::Future;
use std::pin::Pin;

use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::auth::Actor;
use crate::core::error::AppError;

/// What kind of task it is: decides its words on the page and the order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A juror's finalist without a ballot, while the jury scores.
    CastBallot,
    /// A reviewer's application without a review, until the call is decided.
    ReviewApplication,
    /// An idea waiting for an assessment the person may make.
    AssessIdea,
    /// A grant's report due (or overdue), for its applicant and team.
    DeliverReport,
    /// A benefit the person answers for, not measured in the last half year.
    MeasureBenefit,
    /// The person's own draft post.
    FinishDraft,
    /// A project the person owns or works on, still under way.
    OwnProject,
}

/// One thing to do: what, about which object, where to do it, and by when if it has a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub kind: TaskKind,
    pub title: String,
    pub href: String,
    pub due: Option<Date>,
}

/// How many tasks of one kind a source answers at most: the front page is a start, each
/// strand's own pages hold the rest.
pub const MAX_PER_KIND: u64 = 10;

/// A strand's tasks for the acting user at `now` (none for a visitor).
pub type TaskSource =
    for<'a> fn(
        &'a DatabaseConnection,
        &'a Actor,
        OffsetDateTime,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Task>, AppError>> + Send + 'a>>;

/// Every source's tasks in one list: by kind, then the earliest due first (undated last),
/// then by title.
pub fn in_order(mut tasks: Vec<Task>) -> Vec<Task> {
    tasks.sort_by(|a, b| {
        (a.kind, a.due.is_none(), a.due, &a.title).cmp(&(b.kind, b.due.is_none(), b.due, &b.title))
    });
    tasks
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn task(kind: TaskKind, title: &str, due: Option<Date>) -> Task {
        Task {
            kind,
            title: title.into(),
            href: String::new(),
            due,
        }
    }

    #[test]
    fn tasks_come_by_kind_then_the_earliest_due_with_undated_last() {
        let sorted = in_order(vec![
            task(TaskKind::OwnProject, "B", None),
            task(TaskKind::DeliverReport, "Sluttrapport", None),
            task(
                TaskKind::DeliverReport,
                "Delrapport",
                Some(date!(2027 - 03 - 01)),
            ),
            task(TaskKind::CastBallot, "Finalist", None),
            task(
                TaskKind::DeliverReport,
                "Tidlig",
                Some(date!(2026 - 12 - 01)),
            ),
            task(TaskKind::OwnProject, "A", None),
        ]);
        let titles: Vec<&str> = sorted.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Finalist", "Tidlig", "Delrapport", "Sluttrapport", "A", "B"]
        );
    }
}

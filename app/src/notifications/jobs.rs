//! The scheduled jobs (issue 30, DESIGN §9: "scheduled reminders are sent once, whatever the
//! number of instances"). Every instance runs [`tick`] on a timer; a job is claimed in the
//! database for a while before it runs (one instance at a time), and each reminder it writes
//! has a unique key, so even two runs that overlapped (a claim that ran out mid-run) write it
//! once. E-mails are then sent by whichever instance claims each one (`mail`).

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::{Duration, OffsetDateTime};

use crate::core::error::AppError;
use crate::entities::scheduled_job;
use crate::feature::reminders::ReminderSource;
use crate::notifications::mail::{Delivered, Mailer, deliver_pending};
use crate::notifications::service::remind;

/// The reminders' job, and how often it runs.
pub const REMINDERS: &str = "reminders";
pub const REMINDERS_EVERY: Duration = Duration::hours(1);

/// How long a claimed job is the claiming instance's before another may run it.
const LEASE: Duration = Duration::minutes(10);

/// A name for this process among the instances (in claims, and in the log).
pub fn instance_name() -> String {
    let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
    format!("{}-{:x}", std::process::id(), nanos & 0xffff_ffff)
}

/// Claims `job` for `instance` if it is due (not run for `every`) and nobody holds it.
pub async fn claim(
    db: &impl ConnectionTrait,
    job: &str,
    instance: &str,
    every: Duration,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    scheduled_job::Entity::insert(scheduled_job::ActiveModel {
        name: Set(job.to_owned()),
        last_run_at: Set(None),
        claimed_by: Set(None),
        claimed_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(scheduled_job::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    let claimed = scheduled_job::Entity::update_many()
        .col_expr(scheduled_job::Column::ClaimedBy, Expr::value(Some(instance)))
        .col_expr(
            scheduled_job::Column::ClaimedUntil,
            Expr::value(Some(now + LEASE)),
        )
        .filter(scheduled_job::Column::Name.eq(job))
        .filter(
            sea_orm::Condition::any()
                .add(scheduled_job::Column::ClaimedUntil.is_null())
                .add(scheduled_job::Column::ClaimedUntil.lt(now)),
        )
        .filter(
            sea_orm::Condition::any()
                .add(scheduled_job::Column::LastRunAt.is_null())
                .add(scheduled_job::Column::LastRunAt.lte(now - every)),
        )
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Records that `instance` ran `job` at `now`, and lets the claim go.
pub async fn finish(
    db: &impl ConnectionTrait,
    job: &str,
    instance: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    scheduled_job::Entity::update_many()
        .col_expr(scheduled_job::Column::LastRunAt, Expr::value(Some(now)))
        .col_expr(
            scheduled_job::Column::ClaimedUntil,
            Expr::value(Option::<OffsetDateTime>::None),
        )
        .col_expr(
            scheduled_job::Column::ClaimedBy,
            Expr::value(Option::<String>::None),
        )
        .filter(scheduled_job::Column::Name.eq(job))
        .filter(scheduled_job::Column::ClaimedBy.eq(instance))
        .exec(db)
        .await?;
    Ok(())
}

/// Asks every source what is due and writes each reminder (once, by its key), a source's in
/// one transaction. Answers how many were new.
pub async fn run_reminders(
    db: &DatabaseConnection,
    sources: &[ReminderSource],
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let mut written = 0;
    for source in sources {
        let due = source(db, now).await?;
        if due.is_empty() {
            continue;
        }
        let txn = crate::core::txn::begin_write(db).await?;
        for reminder in &due {
            if remind(&txn, reminder, now).await? {
                written += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(written)
}

/// What one tick did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ticked {
    /// Reminders written, if this instance ran the reminders' job.
    pub reminded: Option<usize>,
    pub delivered: Delivered,
}

/// One round of the scheduled work on `instance`: the reminders' job when it is due and this
/// instance claims it, then the e-mails pending (when a mailer is configured).
pub async fn tick(
    db: &DatabaseConnection,
    sources: &[ReminderSource],
    mailer: Option<&Mailer>,
    instance: &str,
    now: OffsetDateTime,
) -> Result<Ticked, AppError> {
    let mut ticked = Ticked::default();
    if claim(db, REMINDERS, instance, REMINDERS_EVERY, now).await? {
        // A failed run keeps its claim until the lease ends: the job is tried again then.
        let written = run_reminders(db, sources, now).await?;
        finish(db, REMINDERS, instance, now).await?;
        ticked.reminded = Some(written);
    }
    if let Some(mailer) = mailer {
        ticked.delivered = deliver_pending(db, mailer, instance, now).await?;
    }
    Ok(ticked)
}

/// Runs [`tick`] every `every` until the process stops; a failed round is logged and the next
/// one comes as usual.
pub async fn run_forever(
    db: DatabaseConnection,
    sources: Vec<ReminderSource>,
    mailer: Option<Mailer>,
    every: std::time::Duration,
    clock: crate::core::clock::Clock,
) {
    let instance = instance_name();
    tracing::info!(%instance, mail = mailer.is_some(), "scheduled jobs started");
    let mut timer = tokio::time::interval(every);
    timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        timer.tick().await;
        match tick(&db, &sources, mailer.as_ref(), &instance, clock.now()).await {
            Ok(ticked) => {
                if ticked.reminded.is_some_and(|n| n > 0) || ticked.delivered != Delivered::default()
                {
                    tracing::info!(
                        reminded = ticked.reminded.unwrap_or(0),
                        sent = ticked.delivered.sent,
                        retried = ticked.delivered.retried,
                        failed = ticked.delivered.failed,
                        "scheduled jobs"
                    );
                }
            }
            Err(error) => tracing::error!(%error, "scheduled jobs failed"),
        }
    }
}

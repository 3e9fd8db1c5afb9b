//! E-mail notifications and scheduled reminders (issue 30, DESIGN §9). A notification carries
//! its e-mail's state beside it (nothing is sent when no SMTP server is configured, and the
//! notification is all there is to keep); a reminder is a notification with a key of its own,
//! unique, so it is written once whatever the number of instances that run the job. A person's
//! opt-outs name the kinds they do not want by e-mail; the scheduled jobs are claimed in the
//! database, one instance at a time.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_110000_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for column in [
            string_len(Notifications::MailState, 10)
                .default("off")
                .to_owned(),
            integer(Notifications::MailAttempts).default(0).to_owned(),
            timestamp_with_time_zone_null(Notifications::MailClaimedUntil),
            string_len_null(Notifications::MailClaimedBy, 64),
            timestamp_with_time_zone_null(Notifications::MailedAt),
            string_len_null(Notifications::MailError, 300),
            string_len_null(Notifications::ReminderKey, 120),
        ] {
            let mut column: ColumnDef = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Notifications::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        crate::create_index(
            manager,
            "ux_notifications_reminder_key",
            Notifications::Table,
            [Notifications::ReminderKey],
            true,
        )
        .await?;
        crate::create_index(
            manager,
            "ix_notifications_mail",
            Notifications::Table,
            [Notifications::MailState, Notifications::CreatedAt],
            false,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOptOuts::Table)
                    .if_not_exists()
                    .col(integer(MailOptOuts::UserId))
                    .col(string_len(MailOptOuts::Kind, 40))
                    .primary_key(
                        Index::create()
                            .col(MailOptOuts::UserId)
                            .col(MailOptOuts::Kind),
                    )
                    .foreign_key(&mut crate::foreign_key(
                        "fk_mail_opt_outs_user",
                        MailOptOuts::Table,
                        MailOptOuts::UserId,
                        Users::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScheduledJobs::Table)
                    .if_not_exists()
                    .col(string_len(ScheduledJobs::Name, 40).primary_key())
                    .col(timestamp_with_time_zone_null(ScheduledJobs::LastRunAt))
                    .col(string_len_null(ScheduledJobs::ClaimedBy, 64))
                    .col(timestamp_with_time_zone_null(ScheduledJobs::ClaimedUntil))
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    MailState,
    MailAttempts,
    MailClaimedUntil,
    MailClaimedBy,
    MailedAt,
    MailError,
    ReminderKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MailOptOuts {
    Table,
    UserId,
    Kind,
}

#[derive(DeriveIden)]
enum ScheduledJobs {
    Table,
    Name,
    LastRunAt,
    ClaimedBy,
    ClaimedUntil,
}

//! The people an audit row is about besides its actor (issue 25): a member added to a project
//! or a LUP group, a cohort's supervisors, a category's jurors, a nominee, an idea's author.
//! Such a row is stored under the project, group or category it changed; this table lets a
//! user's own-data export find it under the user too (DESIGN §9, GDPR art. 15). Like the
//! log's actor, a subject is an id without a foreign key to users: the history outlives them.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_110200_create_audit_log::AuditLog;
use crate::{create_index, foreign_key as fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub enum AuditSubjects {
    Table,
    AuditLogId,
    UserId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditSubjects::Table)
                    .if_not_exists()
                    .col(big_integer(AuditSubjects::AuditLogId))
                    .col(integer(AuditSubjects::UserId))
                    .primary_key(
                        Index::create()
                            .col(AuditSubjects::AuditLogId)
                            .col(AuditSubjects::UserId),
                    )
                    .foreign_key(&mut fk(
                        "fk_audit_subjects_audit_log",
                        AuditSubjects::Table,
                        AuditSubjects::AuditLogId,
                        AuditLog::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_index(
            manager,
            "idx_audit_subjects_user",
            AuditSubjects::Table,
            [AuditSubjects::UserId],
            false,
        )
        .await
    }
}

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Append-only (DESIGN §9): no code path updates or deletes rows. The actor is kept as
        // an id without a foreign key, so the history survives whatever happens to users.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string_len(AuditLog::Action, 60))
                    .col(string_len(AuditLog::ObjectType, 40))
                    .col(string_len_null(AuditLog::ObjectId, 60))
                    .col(text(AuditLog::Details))
                    .to_owned(),
            )
            .await?;
        crate::create_index(
            manager,
            "ix_audit_log_at",
            AuditLog::Table,
            [AuditLog::At],
            false,
        )
        .await
    }
}

#[derive(DeriveIden)]
pub enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    ObjectType,
    ObjectId,
    Details,
}

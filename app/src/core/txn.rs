//! Transactions that write.

use sea_orm::{
    ConnectionTrait, DbErr, EntityTrait, PrimaryKeyTrait, QuerySelect, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};

/// Starts a transaction that will write. On SQLite the write lock is taken at `BEGIN
/// IMMEDIATE`, so concurrent writers queue behind each other (the busy timeout) instead of one
/// failing with "database is locked" when its read snapshot cannot be upgraded. PostgreSQL
/// ignores the mode (a plain `BEGIN`); inside a transaction this opens a savepoint.
pub async fn begin_write<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// The row `id` of `E`, locked until the transaction ends (PostgreSQL's `SELECT … FOR
/// UPDATE`). A rule that counts or checks before it writes — a cohort's capacity, a project's
/// phase and parts, the finalists once ballots exist — reads the parent row through this
/// first, so concurrent writers of one parent take turns and each sees what the one before
/// committed (issue 23: 20 concurrent enrolments stored 6 groups in a cohort of 3). At READ
/// COMMITTED each later statement sees the earlier writer's rows. SQLite needs no row lock:
/// `begin_write` takes its one write lock at `BEGIN IMMEDIATE` (sea-query writes no `FOR
/// UPDATE` for it).
pub async fn find_locked<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
) -> Result<Option<E::Model>, DbErr> {
    E::find_by_id(id).lock_exclusive().one(txn).await
}

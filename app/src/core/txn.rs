//! Transactions that write.

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

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

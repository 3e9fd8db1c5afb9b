//! Transactions that write.

use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, IsolationLevel, PrimaryKeyTrait, QuerySelect, SqliteTransactionMode,
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

/// Starts a transaction that only reads, every statement seeing the same snapshot of the
/// database: a document put together from several queries (a user's own-data export) holds
/// no row a concurrent write changed halfway. PostgreSQL: `REPEATABLE READ, READ ONLY`;
/// SQLite: a plain (deferred) transaction, whose reads share one snapshot already.
pub async fn begin_snapshot(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    db.begin_with_options(TransactionOptions {
        isolation_level: postgres.then_some(IsolationLevel::RepeatableRead),
        access_mode: postgres.then_some(AccessMode::ReadOnly),
        ..Default::default()
    })
    .await
}

/// The row `id` of `E`, locked until the transaction ends (PostgreSQL's `SELECT … FOR
/// UPDATE`). A rule that counts or checks before it writes — a cohort's capacity, a project's
/// phase and parts, the finalists once ballots exist — reads the parent row through this
/// first, so concurrent writers of one parent take turns and each sees what the one before
/// committed (issue 23: 20 concurrent enrolments stored 4–7 groups in a cohort of 3). At READ
/// COMMITTED each later statement sees the earlier writer's rows. SQLite needs no row lock:
/// `begin_write` takes its one write lock at `BEGIN IMMEDIATE` (sea-query writes no `FOR
/// UPDATE` for it).
pub async fn find_locked<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    id: impl Into<<E::PrimaryKey as PrimaryKeyTrait>::ValueType>,
) -> Result<Option<E::Model>, DbErr> {
    E::find_by_id(id).lock_exclusive().one(txn).await
}

/// Work that must take turns across the whole database where no row stands for it.
#[derive(Debug, Clone, Copy)]
pub enum Turn {
    /// Counting recent failed sign-ins and recording an attempt (`auth::sign_in`).
    SignIn,
    /// Creating or renaming what is unique by its name, case and spaces aside (sectors,
    /// sites, cohorts): no row stands for a name not yet taken.
    Names,
}

/// Waits for `turn` until the transaction ends: PostgreSQL's transaction-scoped advisory lock
/// (`pg_advisory_xact_lock`); SQLite's `BEGIN IMMEDIATE` already gives every writer its turn.
/// Keep what runs under it short: every other holder of the same turn waits.
pub async fn take_turn(txn: &impl ConnectionTrait, turn: Turn) -> Result<(), DbErr> {
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        let key: i64 = match turn {
            // An arbitrary constant, the same in every instance.
            Turn::SignIn => 0x001d_e7e4_5191,
            Turn::Names => 0x001d_e7e4_4a3e,
        };
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [key.into()],
        ))
        .await?;
    }
    Ok(())
}

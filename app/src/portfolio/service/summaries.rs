//! The portfolio's summaries remembered while the portfolio stands still (issue 27: a page
//! costs its page, not the portfolio). Counting and summing every project the filter lets
//! through grows with the portfolio; a summary is therefore computed once per filter and per
//! state of the portfolio, and read from memory until the portfolio changes.
//!
//! The state is the database's portfolio stamp (migration `portfolio_stamp`): triggers give it
//! a new random value in the same transaction as any write to a table the summary reads, so
//! every instance sees a write at once, whichever instance (or script) made it. The stamp is
//! read before the sums: a summary is never older than the stamp it is remembered under.
//! What is kept here is only a memo of what the database says; a lost memo costs one
//! computation. One process may serve several databases (the tests do): a stamp is random,
//! so two databases do not share one.

use std::collections::HashMap;
use std::hash::Hash;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::OnceCell;

use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use crate::core::error::AppError;
use crate::portfolio::domain::filter::PortfolioFilter;
use crate::portfolio::domain::view::PortfolioSummary;

/// What this process remembers of the database under its stamp, at most `limit` entries:
/// past it the memo starts again. The summaries here, the reference data
/// (`super::reference`) and projects' parts (`super::read`) each keep one.
///
/// A value is computed once however many ask for it at the same moment (single flight): the
/// first request after a write computes it, the others wait for it. Without this, every
/// request arriving before the first computation ended counted the portfolio too; at 32
/// connections and 100 000 projects the p99 after a write was 1.3 s, against 28 ms.
pub(super) struct Memo<K, V> {
    limit: usize,
    entries: Mutex<Option<HashMap<K, Arc<OnceCell<V>>>>>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub(super) const fn new(limit: usize) -> Self {
        Self {
            limit,
            entries: Mutex::new(None),
        }
    }

    /// The value under `key`: remembered, or computed by `compute`, once for all who ask at the
    /// same time. A computation that fails is not remembered: the next request computes again.
    pub(super) async fn get_or_compute<E, F, Fut>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        let cell = {
            let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
            let entries = entries.get_or_insert_with(HashMap::new);
            match entries.get(&key) {
                Some(cell) => Arc::clone(cell),
                None => {
                    if entries.len() >= self.limit {
                        entries.clear();
                    }
                    let cell = Arc::new(OnceCell::new());
                    entries.insert(key, Arc::clone(&cell));
                    cell
                }
            }
        };
        cell.get_or_try_init(compute).await.cloned()
    }
}

type Key = (i64, String);

/// Summaries kept at most 512: filters are many, stamps change.
static MEMO: Memo<Key, PortfolioSummary> = Memo::new(512);

#[derive(FromQueryResult)]
struct StampRow {
    stamp: i64,
}

/// The portfolio's stamp now: one statement on one row.
pub(super) async fn stamp(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    StampRow::find_by_statement(Statement::from_string(
        db.get_database_backend(),
        "SELECT stamp FROM portfolio_stamp WHERE id = 1",
    ))
    .one(db)
    .await?
    .map(|row| row.stamp)
    .ok_or(AppError::Internal)
}

/// The memo's key for `filter` at `stamp`: the order of the list does not change its sums.
pub(super) fn key(stamp: i64, filter: &PortfolioFilter) -> Key {
    let unordered = PortfolioFilter {
        sort: Default::default(),
        ..filter.clone()
    };
    (
        stamp,
        serde_json::to_string(&unordered).unwrap_or_default(),
    )
}

/// The summary under `key`: remembered, or computed by `compute` once for all who ask.
pub(super) async fn remembered<F, Fut>(key: Key, compute: F) -> Result<PortfolioSummary, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<PortfolioSummary, AppError>>,
{
    MEMO.get_or_compute(key, compute).await
}

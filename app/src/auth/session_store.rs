//! tower-sessions store on the application's own database (SQLite or PostgreSQL), so that
//! several app instances share sessions (DESIGN §9). No published store supports sea-orm and
//! both backends without a second sqlx version, hence this small adapter.
//!
//! Its one exception to the application's clock (`core::clock`): tower-sessions dates each
//! session's expiry by the system clock when it writes the record, so the store compares
//! expiries with the system clock too. A fixed clock here would let a test's sessions
//! expire, or outlive their idle timeout, by the distance between the two clocks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

use crate::entities::session;

/// A save that changes no data and moves the expiry by less than this is skipped: the idle
/// timeout (two hours) then counts from at most this long before the last request, and a page
/// view costs no database write.
pub const EXPIRY_SLACK: time::Duration = time::Duration::minutes(1);

/// Sessions whose last known state is remembered; past this the memory starts over (the cost
/// is one write per session, not a wrong answer).
const REMEMBERED: usize = 20_000;

/// What the database holds for one session, as this instance last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Known {
    /// Parsed, so that key order does not matter.
    data: serde_json::Value,
    expires_at: OffsetDateTime,
}

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    known: Arc<Mutex<HashMap<String, Known>>>,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            known: Arc::default(),
        }
    }

    fn remember(&self, key: String, state: Known) {
        let Ok(mut known) = self.known.lock() else {
            return;
        };
        if known.len() >= REMEMBERED {
            known.clear();
        }
        known.insert(key, state);
    }

    fn forget(&self, key: &str) {
        if let Ok(mut known) = self.known.lock() {
            known.remove(key);
        }
    }

    /// Whether writing `state` would change nothing that matters: the same data, and an
    /// expiry less than [`EXPIRY_SLACK`] later than the stored one.
    fn unchanged(&self, key: &str, state: &Known) -> bool {
        let Ok(known) = self.known.lock() else {
            return false;
        };
        known.get(key).is_some_and(|stored| {
            stored.data == state.data
                && stored.expires_at <= state.expires_at
                && state.expires_at - stored.expires_at < EXPIRY_SLACK
        })
    }
}

/// The key a session is stored under: the SHA-256 of its id, as API tokens are kept (issue
/// 11), so a copy of the table signs no one in.
fn stored_id(id: &Id) -> String {
    crate::core::digest::sha256_hex(&id.to_string())
}

fn backend(err: sea_orm::DbErr) -> Error {
    Error::Backend(err.to_string())
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // Expired sessions are swept when new ones start: no background task needed.
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(OffsetDateTime::now_utc()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        // A fresh random id; draw again in the (astronomically unlikely) case it is taken.
        while session::Entity::find_by_id(stored_id(&record.id))
            .one(&self.db)
            .await
            .map_err(backend)?
            .is_some()
        {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        let key = stored_id(&record.id);
        let state = Known {
            data: serde_json::to_value(&record.data).map_err(|e| Error::Encode(e.to_string()))?,
            expires_at: record.expiry_date,
        };
        if self.unchanged(&key, &state) {
            return Ok(());
        }
        let model = session::ActiveModel {
            id: Set(key.clone()),
            data: Set(data),
            expires_at: Set(record.expiry_date),
        };
        session::Entity::insert(model)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .update_columns([session::Column::Data, session::Column::ExpiresAt])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(backend)?;
        self.remember(key, state);
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let key = stored_id(id);
        let found = session::Entity::find_by_id(key.clone())
            .filter(session::Column::ExpiresAt.gt(OffsetDateTime::now_utc()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        found
            .map(|row| {
                let data =
                    serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
                if let Ok(parsed) = serde_json::from_str(&row.data) {
                    let known = Known {
                        data: parsed,
                        expires_at: row.expires_at,
                    };
                    self.remember(key.clone(), known);
                }
                Ok(Record {
                    id: *id,
                    data,
                    expiry_date: row.expires_at,
                })
            })
            .transpose()
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.forget(&stored_id(id));
        session::Entity::delete_by_id(stored_id(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

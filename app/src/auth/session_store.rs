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

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

use crate::entities::session;

/// A save that changes no data and moves the expiry by less than this is skipped: the idle
/// timeout (two hours) then counts from at most this long before the last request, and a page
/// view costs no database write.
pub const EXPIRY_SLACK: time::Duration = time::Duration::minutes(1);

/// The key under which [`DbSessionStore::load`] hands each request a digest of the data as it
/// was read, so that its save can tell whether the request changed anything. Written nowhere:
/// every save takes it out first.
const LOADED: &str = "__store_loaded";

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

    /// Writes the session's data and expiry (unless that changes nothing: [`Self::unchanged`]).
    /// Only a new session's row is inserted (`new`); a save updates the row it read, so a
    /// session ended meanwhile (signed out, its id cycled) stays ended, whatever the request
    /// beside the ending changed in its copy.
    async fn write(
        &self,
        id: &Id,
        data: &HashMap<String, serde_json::Value>,
        expires_at: OffsetDateTime,
        new: bool,
    ) -> Result<()> {
        let key = stored_id(id);
        let state = Known {
            data: serde_json::to_value(data).map_err(|e| Error::Encode(e.to_string()))?,
            expires_at,
        };
        if self.unchanged(&key, &state) {
            return Ok(());
        }
        let text = serde_json::to_string(data).map_err(|e| Error::Encode(e.to_string()))?;
        if new {
            let model = session::ActiveModel {
                id: Set(key.clone()),
                data: Set(text),
                expires_at: Set(expires_at),
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
        } else {
            let updated = session::Entity::update_many()
                .col_expr(session::Column::Data, Expr::value(text))
                .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
                .filter(session::Column::Id.eq(key.clone()))
                .exec(&self.db)
                .await
                .map_err(backend)?;
            if updated.rows_affected == 0 {
                self.forget(&key);
                return Ok(());
            }
        }
        self.remember(key, state);
        Ok(())
    }

    /// Moves the session's expiry later, leaving its data as the database holds it; a move of
    /// less than [`EXPIRY_SLACK`] past what this instance knows is skipped.
    async fn extend(&self, id: &Id, expires_at: OffsetDateTime) -> Result<()> {
        let key = stored_id(id);
        let known = self
            .known
            .lock()
            .ok()
            .and_then(|known| known.get(&key).cloned());
        if let Some(stored) = &known
            && stored.expires_at <= expires_at
            && expires_at - stored.expires_at < EXPIRY_SLACK
        {
            return Ok(());
        }
        session::Entity::update_many()
            .col_expr(session::Column::ExpiresAt, Expr::value(expires_at))
            .filter(session::Column::Id.eq(key.clone()))
            .filter(session::Column::ExpiresAt.lt(expires_at))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        // In place, under the lock: a newer state another request remembered meanwhile stays.
        if let Ok(mut known) = self.known.lock()
            && let Some(stored) = known.get_mut(&key)
        {
            stored.expires_at = stored.expires_at.max(expires_at);
        }
        Ok(())
    }
}

/// A digest of a session's data that does not depend on the order of its keys.
fn digest(data: &HashMap<String, serde_json::Value>) -> Result<String> {
    let ordered: std::collections::BTreeMap<&String, &serde_json::Value> = data.iter().collect();
    let text = serde_json::to_string(&ordered).map_err(|e| Error::Encode(e.to_string()))?;
    Ok(crate::core::digest::sha256_hex(&text))
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
        // A new record (or one under a new id) is written whole, whatever it held when read.
        let mut data = record.data.clone();
        data.remove(LOADED);
        self.write(&record.id, &data, record.expiry_date, true)
            .await
    }

    /// Every request saves its session at its end, to move the idle expiry (`always_save`),
    /// with the data as that request holds it. One that changed nothing holds the data as it
    /// read it, perhaps before another request beside it (a form post) stored something: its
    /// save only moves the expiry, or a download running beside a form post would write the
    /// old data back over the post's notice. A request that changed the data writes it whole
    /// (of two that change one session at once, the last write wins).
    async fn save(&self, record: &Record) -> Result<()> {
        let mut data = record.data.clone();
        let loaded = data.remove(LOADED);
        let unchanged_here = match loaded {
            Some(loaded) => loaded.as_str() == Some(digest(&data)?.as_str()),
            None => false,
        };
        if unchanged_here {
            self.extend(&record.id, record.expiry_date).await
        } else {
            self.write(&record.id, &data, record.expiry_date, false)
                .await
        }
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
                let mut data: HashMap<String, serde_json::Value> =
                    serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
                data.insert(LOADED.to_owned(), digest(&data)?.into());
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

//! tower-sessions store on the application's own database (SQLite or PostgreSQL), so that
//! several app instances share sessions (DESIGN §9). No published store supports sea-orm and
//! both backends without a second sqlx version, hence this small adapter.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

use crate::entities::session;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
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
        let model = session::ActiveModel {
            id: Set(stored_id(&record.id)),
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
        Ok(())
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let found = session::Entity::find_by_id(stored_id(id))
            .filter(session::Column::ExpiresAt.gt(OffsetDateTime::now_utc()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        found
            .map(|row| {
                let data =
                    serde_json::from_str(&row.data).map_err(|e| Error::Decode(e.to_string()))?;
                Ok(Record {
                    id: *id,
                    data,
                    expiry_date: row.expires_at,
                })
            })
            .transpose()
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        session::Entity::delete_by_id(stored_id(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

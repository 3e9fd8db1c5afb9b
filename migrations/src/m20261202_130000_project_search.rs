use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite's full-text index of project names and descriptions, kept in step by triggers.
/// `unicode61` folds case for æ, ø and å too; SQLite has no Norwegian stemmer, so searches
/// there match words by prefix (the service adds `*`).
const SQLITE: [&str; 5] = [
    "CREATE VIRTUAL TABLE projects_fts USING fts5(name, description, content='projects', \
     content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN \
     INSERT INTO projects_fts(rowid, name, description) VALUES (new.id, new.name, new.description); END",
    "CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN \
     INSERT INTO projects_fts(projects_fts, rowid, name, description) \
     VALUES ('delete', old.id, old.name, old.description); END",
    "CREATE TRIGGER projects_fts_update AFTER UPDATE OF name, description ON projects BEGIN \
     INSERT INTO projects_fts(projects_fts, rowid, name, description) \
     VALUES ('delete', old.id, old.name, old.description); \
     INSERT INTO projects_fts(rowid, name, description) VALUES (new.id, new.name, new.description); END",
    "INSERT INTO projects_fts(projects_fts) VALUES ('rebuild')",
];

/// PostgreSQL's Norwegian full-text search (issue 12: `to_tsvector('norwegian', …)`), with
/// the expression the service queries indexed.
const POSTGRES: [&str; 1] = ["CREATE INDEX projects_search ON projects \
     USING GIN (to_tsvector('norwegian', name || ' ' || description))"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE,
            DbBackend::Postgres => &POSTGRES,
            _ => &[],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The literal part of the portfolio's search (issue 27): "innsjekk" inside "selvinnsjekk",
/// "100%", a number. SQLite: a second FTS5 index with the trigram tokenizer (case folded), kept
/// in step by triggers, which `MATCH` reads for any part of three characters or more.
const SQLITE: [&str; 5] = [
    "CREATE VIRTUAL TABLE projects_trigram USING fts5(name, description, content='projects', \
     content_rowid='id', tokenize='trigram case_sensitive 0')",
    "CREATE TRIGGER projects_trigram_insert AFTER INSERT ON projects BEGIN \
     INSERT INTO projects_trigram(rowid, name, description) VALUES (new.id, new.name, new.description); END",
    "CREATE TRIGGER projects_trigram_delete AFTER DELETE ON projects BEGIN \
     INSERT INTO projects_trigram(projects_trigram, rowid, name, description) \
     VALUES ('delete', old.id, old.name, old.description); END",
    "CREATE TRIGGER projects_trigram_update AFTER UPDATE OF name, description ON projects BEGIN \
     INSERT INTO projects_trigram(projects_trigram, rowid, name, description) \
     VALUES ('delete', old.id, old.name, old.description); \
     INSERT INTO projects_trigram(rowid, name, description) VALUES (new.id, new.name, new.description); END",
    "INSERT INTO projects_trigram(projects_trigram) VALUES ('rebuild')",
];

/// PostgreSQL: `pg_trgm`'s trigram indexes on the lower-cased name and description, which
/// serve `LIKE '%…%'`; the Norwegian word index (`projects_search`, since migration
/// `project_search_words` the stored column `search_words`) serves the words. The
/// extension is the database's, in `public` (a trusted extension: the database's owner may
/// create it), created under an advisory lock held to the migration's commit (sea-orm runs
/// each migration in a transaction on PostgreSQL), so that migrations running side by side
/// (the tests' schemas) do not race to create it.
const POSTGRES: [&str; 4] = [
    "SELECT pg_advisory_xact_lock(2027001)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public",
    "CREATE INDEX projects_name_trigram ON projects USING GIN (lower(name) public.gin_trgm_ops)",
    "CREATE INDEX projects_description_trigram ON projects \
     USING GIN (lower(description) public.gin_trgm_ops)",
];

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

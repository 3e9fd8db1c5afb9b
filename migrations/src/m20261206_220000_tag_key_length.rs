use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A tag's comparison key (`core::parse::name_key`: lower case) can be longer than the tag:
/// lower-casing `İ` gives two characters. The key's column takes twice the tag's 40 (a
/// 40-letter tag of `İ` was refused by PostgreSQL as too long, a 500). SQLite does not hold a
/// text to its declared length.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE tags ALTER COLUMN name_key TYPE varchar(80)")
                .await?;
        }
        Ok(())
    }
}

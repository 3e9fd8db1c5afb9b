//! Forward-only schema migrations, the same on SQLite and PostgreSQL (DESIGN §9).
//! A migration is never edited after it has landed; a change is a new migration.

pub use sea_orm_migration::prelude::*;

mod m20261123_100000_create_sectors;
mod m20261123_100100_create_service_sites;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_100000_create_sectors::Migration),
            Box::new(m20261123_100100_create_service_sites::Migration),
        ]
    }
}

//! Forward-only schema migrations, the same on SQLite and PostgreSQL (DESIGN §9).
//! A migration is never edited after it has landed; a change is a new migration.

pub use sea_orm_migration::prelude::*;

mod m20261123_100000_create_sectors;
mod m20261123_100100_create_service_sites;
mod m20261123_110000_create_users;
mod m20261123_110100_create_user_roles;
mod m20261123_110200_create_audit_log;
mod m20261123_110300_create_sessions;
mod m20261123_110400_create_login_attempts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_100000_create_sectors::Migration),
            Box::new(m20261123_100100_create_service_sites::Migration),
            Box::new(m20261123_110000_create_users::Migration),
            Box::new(m20261123_110100_create_user_roles::Migration),
            Box::new(m20261123_110200_create_audit_log::Migration),
            Box::new(m20261123_110300_create_sessions::Migration),
            Box::new(m20261123_110400_create_login_attempts::Migration),
        ]
    }
}

//! Each user keeps the comparison key of their name (`core::parse::name_key`: NFC, spaces
//! collapsed, lower case by Unicode's rules), written with the name (the user entity's
//! `before_save`). The person chooser and the name lookups compare it in SQL: SQLite's
//! `lower()` folds ASCII only, so a typed "øy" never found "Øyvind" (issue 30).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{DbBackend, Statement};
use unicode_normalization::UnicodeNormalization;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The same key as `core::parse::name_key` (the app's; this crate cannot import it; a test
/// compares the two).
pub fn name_key(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(
                        ColumnDef::new(Users::NameKey)
                            .string()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let update = match backend {
            DbBackend::Postgres => "UPDATE users SET name_key = $1 WHERE id = $2",
            _ => "UPDATE users SET name_key = ? WHERE id = ?",
        };
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, name FROM users",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let name: String = row.try_get("", "name")?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                update,
                [name_key(&name).into(), id.into()],
            ))
            .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_users_name_key")
                    .table(Users::Table)
                    .col(Users::NameKey)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    NameKey,
}

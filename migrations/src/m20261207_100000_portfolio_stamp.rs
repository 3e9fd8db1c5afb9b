use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows the portfolio's summary counts and sums (issue 27): a write to any
/// of them changes the stamp.
const STAMPED_TABLES: [&str; 9] = [
    "projects",
    "benefits",
    "project_sites",
    "project_tags",
    "tags",
    "project_sdgs",
    "project_funding",
    "sectors",
    "phases",
];

/// The portfolio's stamp (issue 27): one row whose `stamp` changes, inside the writing
/// transaction, whenever a table the summary reads changes, so that every instance knows
/// when a summary it computed is out of date. Triggers change it, so no write path can
/// forget to. A new stamp is a random number, never the old one plus one: a restored backup
/// does not bring back a stamp whose summary an instance still holds.
///
/// PostgreSQL: a deferred constraint trigger per row, run at commit, changes the row once
/// per transaction (`xact` records which). At commit, after every other lock the transaction
/// takes, so two writers never wait on each other in a circle; and once, so a bulk insert
/// does not pile up thousands of versions of the one row. SQLite serialises its writers;
/// its triggers change the row per statement's row.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(
                "CREATE TABLE portfolio_stamp (
                    id integer PRIMARY KEY CHECK (id = 1),
                    stamp bigint NOT NULL,
                    xact bigint
                );
                INSERT INTO portfolio_stamp (id, stamp) VALUES (1, (random() * 9.2e18)::bigint);
                CREATE FUNCTION portfolio_stamp_touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE portfolio_stamp
                       SET stamp = (random() * 9.2e18)::bigint, xact = txid_current()
                     WHERE id = 1 AND xact IS DISTINCT FROM txid_current();
                    RETURN NULL;
                END $$;",
            )
            .await?;
        } else {
            db.execute_unprepared(
                "CREATE TABLE portfolio_stamp (
                    id integer PRIMARY KEY CHECK (id = 1),
                    stamp bigint NOT NULL,
                    xact bigint
                );
                INSERT INTO portfolio_stamp (id, stamp) VALUES (1, random());",
            )
            .await?;
        }
        stamp_on_write(manager, &STAMPED_TABLES).await
    }
}

/// Triggers that give the portfolio's stamp a new value whenever a row of `tables` is
/// inserted, changed or deleted (the table and function of [`Migration`]).
pub(crate) async fn stamp_on_write(
    manager: &SchemaManager<'_>,
    tables: &[&str],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for table in tables {
        if manager.get_database_backend() == DbBackend::Postgres {
            db.execute_unprepared(&format!(
                "CREATE CONSTRAINT TRIGGER portfolio_stamp_{table}
                   AFTER INSERT OR UPDATE OR DELETE ON {table}
                   DEFERRABLE INITIALLY DEFERRED
                   FOR EACH ROW EXECUTE FUNCTION portfolio_stamp_touch()"
            ))
            .await?;
        } else {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER portfolio_stamp_{table}_{event} AFTER {event} ON {table}
                     BEGIN UPDATE portfolio_stamp SET stamp = random() WHERE id = 1; END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

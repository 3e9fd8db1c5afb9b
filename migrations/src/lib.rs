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
mod m20261123_120000_create_api_tokens;
mod m20261202_100000_hash_sessions;
mod m20261202_100100_login_failures_keyed;
mod m20261202_120000_create_portfolio;
mod m20261202_130000_project_search;
mod m20261202_140000_create_notifications;
mod m20261202_150000_benefit_latest;
mod m20261202_160000_project_sort_indexes;
mod m20261203_100000_create_lup;
mod m20261203_200000_create_prize;
mod m20261206_100000_create_prize_recusals;
mod m20261206_200000_create_audit_subjects;
mod m20261206_210000_project_literal_search;
mod m20261206_220000_tag_key_length;
mod m20261207_100000_portfolio_stamp;
mod m20261208_100000_portfolio_stamp_reference;
mod m20261208_110000_project_search_words;
mod m20261209_100000_portfolio_stamp_project_parts;
mod m20261209_110000_project_phase_order_indexes;
mod m20261210_100000_create_fund;
mod m20261211_100000_create_posts;
mod m20261212_100000_benefit_gains_index;
mod m20261212_110000_prize_public_names;
mod m20261212_120000_search_across_strands;
mod m20261213_100000_mail;
mod m20261213_110000_phase_rules;
mod m20261214_100000_user_name_key;
/// The name key the migration wrote (compared with the app's by a test).
pub use m20261214_100000_user_name_key::name_key as migrated_name_key;
mod m20261214_110000_user_identities;

pub struct Migrator;

/// A foreign key `from.col → to.id` (the shared helper of the migrations since issue 12).
pub(crate) fn foreign_key(
    name: &str,
    from: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
    to: impl IntoIden + 'static,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from, col)
        .to(to, Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// Makes `table` searchable by word and by literal part over `columns` (each `NOT NULL`, or
/// read through `coalesce`), as the portfolio and Tanketanken are: on SQLite an FTS5 word
/// index `<table>_fts` and a trigram index `<table>_trigram`, kept in step by triggers; on
/// PostgreSQL a stored Norwegian search document `search_words` with its GIN index, and a
/// `pg_trgm` index of the lower-cased text. `core::search::indexed` reads them.
pub(crate) async fn text_search(
    manager: &SchemaManager<'_>,
    table: &str,
    columns: &[&str],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let list = columns.join(", ");
    let of = |row: &str| {
        columns
            .iter()
            .map(|c| format!("{row}.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let statements: Vec<String> = match manager.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            let text = columns
                .iter()
                .map(|c| format!("coalesce({c}, '')"))
                .collect::<Vec<_>>()
                .join(" || ' ' || ");
            vec![
                "SELECT pg_advisory_xact_lock(2027001)".into(),
                "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public".into(),
                format!(
                    "ALTER TABLE {table} ADD COLUMN search_words tsvector GENERATED ALWAYS AS \
                     (to_tsvector('norwegian', {text})) STORED"
                ),
                format!("CREATE INDEX {table}_search_words ON {table} USING GIN (search_words)"),
                format!(
                    "CREATE INDEX {table}_text_trigram ON {table} \
                     USING GIN (lower({text}) public.gin_trgm_ops)"
                ),
            ]
        }
        _ => {
            let (old, new) = (of("old"), of("new"));
            let mut made = Vec::new();
            for (index, tokenizer) in [
                ("fts", "unicode61 remove_diacritics 0"),
                ("trigram", "trigram case_sensitive 0"),
            ] {
                made.push(format!(
                    "CREATE VIRTUAL TABLE {table}_{index} USING fts5({list}, content='{table}', \
                     content_rowid='id', tokenize='{tokenizer}')"
                ));
            }
            let remove = |index: &str| {
                format!(
                    "INSERT INTO {table}_{index}({table}_{index}, rowid, {list}) \
                     VALUES ('delete', old.id, {old});"
                )
            };
            let add = |index: &str| {
                format!("INSERT INTO {table}_{index}(rowid, {list}) VALUES (new.id, {new});")
            };
            made.push(format!(
                "CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {} {} END",
                add("fts"),
                add("trigram")
            ));
            made.push(format!(
                "CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {} {} END",
                remove("fts"),
                remove("trigram")
            ));
            made.push(format!(
                "CREATE TRIGGER {table}_search_update AFTER UPDATE OF {list} ON {table} \
                 BEGIN {} {} {} {} END",
                remove("fts"),
                remove("trigram"),
                add("fts"),
                add("trigram")
            ));
            for index in ["fts", "trigram"] {
                made.push(format!(
                    "INSERT INTO {table}_{index}({table}_{index}) VALUES ('rebuild')"
                ));
            }
            made
        }
    };
    for sql in statements {
        db.execute_unprepared(&sql).await?;
    }
    Ok(())
}

/// Creates an index on `columns` of `table` (if it does not exist yet).
pub(crate) async fn create_index<T, C>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
    unique: bool,
) -> Result<(), DbErr>
where
    T: IntoIden + 'static,
    C: IntoIden + 'static,
{
    let mut index = Index::create();
    index.name(name).table(table).if_not_exists();
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

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
            Box::new(m20261123_120000_create_api_tokens::Migration),
            Box::new(m20261202_100000_hash_sessions::Migration),
            Box::new(m20261202_100100_login_failures_keyed::Migration),
            Box::new(m20261202_120000_create_portfolio::Migration),
            Box::new(m20261202_130000_project_search::Migration),
            Box::new(m20261202_140000_create_notifications::Migration),
            Box::new(m20261202_150000_benefit_latest::Migration),
            Box::new(m20261202_160000_project_sort_indexes::Migration),
            Box::new(m20261203_100000_create_lup::Migration),
            Box::new(m20261203_200000_create_prize::Migration),
            Box::new(m20261206_100000_create_prize_recusals::Migration),
            Box::new(m20261206_200000_create_audit_subjects::Migration),
            Box::new(m20261206_210000_project_literal_search::Migration),
            Box::new(m20261206_220000_tag_key_length::Migration),
            Box::new(m20261207_100000_portfolio_stamp::Migration),
            Box::new(m20261208_100000_portfolio_stamp_reference::Migration),
            Box::new(m20261208_110000_project_search_words::Migration),
            Box::new(m20261209_100000_portfolio_stamp_project_parts::Migration),
            Box::new(m20261209_110000_project_phase_order_indexes::Migration),
            Box::new(m20261210_100000_create_fund::Migration),
            Box::new(m20261211_100000_create_posts::Migration),
            Box::new(m20261212_100000_benefit_gains_index::Migration),
            Box::new(m20261212_110000_prize_public_names::Migration),
            Box::new(m20261212_120000_search_across_strands::Migration),
            Box::new(m20261213_100000_mail::Migration),
            Box::new(m20261213_110000_phase_rules::Migration),
            Box::new(m20261214_100000_user_name_key::Migration),
            Box::new(m20261214_110000_user_identities::Migration),
        ]
    }
}

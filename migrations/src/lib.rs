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
        ]
    }
}

use sea_orm::entity::prelude::*;

/// A juror's recusal from an entry, recorded when the entry was made or changed, when the
/// shortlist was saved, or when the juror declared a conflict (issue 23): it holds for the
/// rest of the year.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_recusals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub nomination_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub juror_id: i32,
    /// `Recusal::as_str` of the reason that held then.
    pub reason: String,
    pub recorded_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

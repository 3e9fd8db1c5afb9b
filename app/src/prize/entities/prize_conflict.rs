use sea_orm::entity::prelude::*;

/// A conflict of interest a juror declared for a nomination.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_conflicts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub nomination_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub juror_id: i32,
    pub reason: String,
    pub declared_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A project of the portfolio; money in whole kroner.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub description: String,
    pub owner_id: i32,
    pub lead_site_id: i32,
    pub sector_id: i32,
    pub programme_id: Option<i32>,
    pub phase_id: i32,
    pub budget_nok: Option<i64>,
    pub started_on: Option<time::Date>,
    pub idea_id: Option<i32>,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

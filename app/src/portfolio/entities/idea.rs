use sea_orm::entity::prelude::*;

/// An idea from an employee (`portfolio::domain::idea`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ideas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub problem: String,
    pub proposal: String,
    pub expected_gain: Option<String>,
    pub site_id: Option<i32>,
    pub submitted_by: i32,
    pub status: String,
    pub decision_reason: Option<String>,
    pub decided_by: Option<i32>,
    pub decided_at: Option<time::OffsetDateTime>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

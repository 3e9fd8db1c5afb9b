use sea_orm::entity::prelude::*;

/// A call for applications (a round), with its decision once recorded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_calls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub track_id: i32,
    pub year: i32,
    pub title: String,
    pub body: String,
    pub opens_at: time::OffsetDateTime,
    pub closes_at: time::OffsetDateTime,
    pub budget_nok: i64,
    pub max_amount_nok: i64,
    pub decided_at: Option<time::OffsetDateTime>,
    pub decided_by: Option<i32>,
    pub case_number: Option<String>,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

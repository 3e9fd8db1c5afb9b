use sea_orm::entity::prelude::*;

/// Money paid to a grant, or returned to the fund.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub kind: String,
    pub amount_nok: i64,
    pub paid_on: time::Date,
    pub note: Option<String>,
    pub recorded_by: Option<i32>,
    pub recorded_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "benefit_measurements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub benefit_id: i32,
    pub measured_on: time::Date,
    pub value: i64,
    pub recorded_by: Option<i32>,
    pub recorded_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

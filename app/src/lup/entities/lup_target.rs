use sea_orm::entity::prelude::*;

/// A LUP coverage target ("120 of 200 service sites by 31 December").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lup_targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub value: i32,
    pub sector_id: Option<i32>,
    pub due_on: time::Date,
    pub created_by: Option<i32>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

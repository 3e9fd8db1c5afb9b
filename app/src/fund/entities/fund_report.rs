use sea_orm::entity::prelude::*;

/// An interim or final report a grant owes, by its due date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub application_id: i32,
    pub kind: String,
    pub due_on: time::Date,
    pub submitted_at: Option<time::OffsetDateTime>,
    pub submitted_by: Option<i32>,
    pub body: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

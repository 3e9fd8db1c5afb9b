use sea_orm::entity::prelude::*;

/// A planned benefit (gevinst) of a project (`portfolio::domain::benefit`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "benefits")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub project_id: i32,
    pub kind: String,
    pub description: String,
    pub unit: String,
    pub baseline: i64,
    pub target: i64,
    pub target_date: Option<time::Date>,
    pub responsible_user_id: i32,
    pub created_at: time::OffsetDateTime,
    /// The latest realised value and its date (kept by `portfolio::service::add_measurement`).
    pub latest_value: Option<i64>,
    pub latest_on: Option<time::Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A leader group (ledergruppe): one service site's group in a LUP cohort.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lup_groups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub cohort_id: i32,
    pub site_id: i32,
    pub status: String,
    pub status_on: Option<time::Date>,
    pub withdrawn_reason: Option<String>,
    pub project_id: Option<i32>,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

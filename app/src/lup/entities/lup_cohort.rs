use sea_orm::entity::prelude::*;

/// A LUP cohort (kull).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lup_cohorts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
    pub capacity: i32,
    pub min_attendance_percent: Option<i16>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

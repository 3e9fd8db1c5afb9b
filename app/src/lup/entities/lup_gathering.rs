use sea_orm::entity::prelude::*;

/// A gathering (samling) of a LUP cohort; an alumni gathering is open to every completed group.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lup_gatherings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub cohort_id: i32,
    pub held_on: time::Date,
    pub theme: String,
    pub place: String,
    pub alumni: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

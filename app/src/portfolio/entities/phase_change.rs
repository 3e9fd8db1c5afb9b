use sea_orm::entity::prelude::*;

/// One step of a project's timeline: who moved it, when, from which phase to which, why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "phase_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i32,
    pub from_phase_id: Option<i32>,
    pub to_phase_id: i32,
    pub note: String,
    pub changed_by: Option<i32>,
    pub changed_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

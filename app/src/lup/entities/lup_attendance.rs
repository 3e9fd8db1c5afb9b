use sea_orm::entity::prelude::*;

/// Whether a member was at a gathering.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lup_attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub gathering_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub member_id: i32,
    pub present: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// Append-only: rows are inserted by `core::audit_trail::record` and never updated or deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: time::OffsetDateTime,
    pub actor_user_id: Option<i32>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// Something a user is told (`notifications::service`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub detail: String,
    pub link: String,
    pub created_at: time::OffsetDateTime,
    pub read_at: Option<time::OffsetDateTime>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

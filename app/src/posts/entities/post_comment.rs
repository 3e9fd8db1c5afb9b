use sea_orm::entity::prelude::*;

/// A comment; hidden by an editor with a reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "post_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub post_id: i32,
    pub author_id: i32,
    pub body: String,
    pub created_at: time::OffsetDateTime,
    pub hidden_at: Option<time::OffsetDateTime>,
    pub hidden_by: Option<i32>,
    pub hidden_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

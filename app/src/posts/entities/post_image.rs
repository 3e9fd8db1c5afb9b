use sea_orm::entity::prelude::*;

/// An uploaded image, re-encoded, under the SHA-256 of its bytes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "post_images")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub post_id: i32,
    pub hash: String,
    pub content_type: String,
    pub data: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub alt: String,
    pub created_by: i32,
    pub created_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

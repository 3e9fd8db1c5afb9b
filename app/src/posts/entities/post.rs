use sea_orm::entity::prelude::*;

/// A post (DESIGN §8).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub body_html: String,
    pub status: String,
    pub visibility: String,
    pub featured: bool,
    pub cover_image_id: Option<i32>,
    pub sector_id: Option<i32>,
    pub created_by: i32,
    pub public_approved_by: Option<i32>,
    pub announcement_key: Option<String>,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
    pub published_at: Option<time::OffsetDateTime>,
    pub left_public_at: Option<time::OffsetDateTime>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// A nomination for the prize.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_nominations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub category_id: i32,
    pub nominator_id: i32,
    pub title: String,
    pub nominee: String,
    pub nominee_user_id: Option<i32>,
    pub project_id: Option<i32>,
    pub site_id: i32,
    pub links: String,
    pub status: String,
    pub finalist: bool,
    pub statement: Option<String>,
    /// False once the named colleague has declined to be shown publicly (DESIGN §7).
    pub shown_publicly: bool,
    pub created_at: time::OffsetDateTime,
    pub updated_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

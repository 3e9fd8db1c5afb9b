use sea_orm::entity::prelude::*;

/// A prize year (DESIGN §7): its nomination window, jury deadline and award day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "prize_years")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub year: i32,
    pub nominations_open: time::OffsetDateTime,
    pub nominations_close: time::OffsetDateTime,
    pub jury_deadline: time::OffsetDateTime,
    pub award_on: time::Date,
    pub peoples_choice: bool,
    pub published_at: Option<time::OffsetDateTime>,
    pub created_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

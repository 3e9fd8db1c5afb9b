use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// The name's comparison key (`core::parse::name_key`), written with the name by
    /// `before_save`: lookups by name compare it in SQL on both backends.
    pub name_key: String,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: Option<String>,
    pub home_site_id: Option<i32>,
    pub language: String,
    pub active: bool,
    pub created_at: time::OffsetDateTime,
    pub anonymised_at: Option<time::OffsetDateTime>,
    /// Sessions signed in under an older generation have ended (a password change).
    pub session_generation: i32,
}

// Only the child names its parent (`belongs_to` in `user_role.rs`): relations follow the foreign
// keys one way, so no entity imports one that imports it back.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

// Its `ActiveModelBehavior` is in `users::service`: writing the name's key needs
// `core::parse::name_key`, and `core` imports `entities`, never the reverse.

use sea_orm::entity::prelude::*;

/// A user's identity at an OpenID provider (issue 31): the issuer and the ID token's `sub`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_identities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub issuer: String,
    pub subject: String,
    pub created_at: time::OffsetDateTime,
    pub last_sign_in_at: time::OffsetDateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

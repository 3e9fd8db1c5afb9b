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
    /// The e-mail's state (`notifications::domain::MailState`).
    pub mail_state: String,
    pub mail_attempts: i32,
    /// Claimed by `mail_claimed_by` for sending until then, or not to be tried before then.
    pub mail_claimed_until: Option<time::OffsetDateTime>,
    pub mail_claimed_by: Option<String>,
    pub mailed_at: Option<time::OffsetDateTime>,
    pub mail_error: Option<String>,
    /// A reminder's key (unique): the same reminder is written once.
    pub reminder_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

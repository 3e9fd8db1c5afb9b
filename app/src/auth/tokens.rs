//! Personal API tokens (DESIGN §9: token authentication for the REST API). A token is a
//! random secret shown once; only its SHA-256 is stored, so a database leak yields no usable
//! token. Tokens act with their owner's current roles and stop working when the owner is
//! deactivated or anonymised, or when the token is revoked.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::core::error::FieldErrors;

/// Every secret starts with this, so a leaked token is easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "idv_";
/// Longest token name, in characters.
pub const MAX_TOKEN_NAME_CHARS: usize = 100;
/// Most active tokens one user may hold.
pub const MAX_TOKENS_PER_USER: u64 = 20;

/// A token as its owner sees it in a list (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRecord {
    pub id: i32,
    pub name: String,
    /// The start of the secret, e.g. `idv_3f9a1c`, to tell tokens apart.
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub last_used_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A token just created: the record and the secret, which is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: ApiTokenRecord,
    pub secret: String,
}

/// A token name: one clean line, at most [`MAX_TOKEN_NAME_CHARS`] characters.
pub fn parse_token_name(raw: &str) -> Result<String, FieldErrors> {
    crate::core::parse::parse_name(raw, MAX_TOKEN_NAME_CHARS)
        .map_err(|e| FieldErrors::from([("name".to_owned(), e)]))
}

/// Reads the secret out of an `Authorization: Bearer …` header value.
pub fn bearer_secret(header: &str) -> Option<&str> {
    let (scheme, secret) = header.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && secret.starts_with(TOKEN_PREFIX)).then_some(secret)
}

#[cfg(feature = "ssr")]
pub use service::*;

#[cfg(feature = "ssr")]
mod service {
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
        PaginatorTrait, QueryFilter, QueryOrder, Set,
    };
    use serde_json::json;
    use time::{Duration, OffsetDateTime};

    use super::{
        ApiTokenRecord, CreatedToken, MAX_TOKENS_PER_USER, TOKEN_PREFIX, parse_token_name,
    };
    use crate::auth::service::load_user_actor;
    use crate::auth::{Action, Actor, UserActor, authorize};
    use crate::core::audit_trail::{AuditEvent, record};
    use crate::core::error::{AppError, FieldError};
    use crate::core::parse::Email;
    use crate::entities::{api_token, user};

    /// Length of the stored prefix, secret prefix included.
    const SHOWN_PREFIX_CHARS: usize = 10;
    /// `last_used_at` is refreshed at most this often, so API calls do not each write a row.
    const LAST_USED_RESOLUTION: Duration = Duration::minutes(1);

    impl From<api_token::Model> for ApiTokenRecord {
        fn from(m: api_token::Model) -> Self {
            Self {
                id: m.id,
                name: m.name,
                prefix: m.prefix,
                created_at: m.created_at,
                last_used_at: m.last_used_at,
                revoked_at: m.revoked_at,
            }
        }
    }

    fn new_secret() -> String {
        format!("{TOKEN_PREFIX}{}", crate::core::digest::random_hex(32))
    }

    fn hash_secret(secret: &str) -> String {
        crate::core::digest::sha256_hex(secret)
    }

    /// Creates a token for the signed-in user.
    pub async fn create_own_token(
        db: &DatabaseConnection,
        actor: &Actor,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<CreatedToken, AppError> {
        authorize(actor, Action::ManageOwnAccount)?;
        let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
        insert_token(db, actor, user_id, name, now).await
    }

    /// Creates a token for the user with `email` (operators at the command line, admins).
    pub async fn create_token_for(
        db: &DatabaseConnection,
        actor: &Actor,
        email: &str,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<CreatedToken, AppError> {
        authorize(actor, Action::ManageUsers)?;
        let email = Email::parse(email).map_err(|e| AppError::invalid("email", e))?;
        let owner = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(db)
            .await?
            .filter(|u| u.active && u.anonymised_at.is_none())
            .ok_or_else(|| AppError::invalid("email", FieldError::UnknownReference))?;
        insert_token(db, actor, owner.id, name, now).await
    }

    async fn insert_token(
        db: &DatabaseConnection,
        actor: &Actor,
        user_id: i32,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<CreatedToken, AppError> {
        let name = parse_token_name(name).map_err(AppError::Invalid)?;
        let txn = crate::core::txn::begin_write(db).await?;
        // One owner's new tokens take turns, so the cap holds (issue 23).
        crate::core::txn::find_locked::<crate::entities::user::Entity>(&txn, user_id).await?;
        let active = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .count(&txn)
            .await?;
        if active >= MAX_TOKENS_PER_USER {
            return Err(AppError::invalid("name", FieldError::TooMany));
        }
        let secret = new_secret();
        let model = api_token::ActiveModel {
            user_id: Set(user_id),
            name: Set(name),
            token_hash: Set(hash_secret(&secret)),
            prefix: Set(secret.chars().take(SHOWN_PREFIX_CHARS).collect()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let event = AuditEvent {
            action: "token.created",
            object_type: "api_token",
            object_id: Some(model.id.to_string()),
            details: json!({ "user_id": user_id, "name": model.name }),
        };
        record(&txn, actor, event, now).await?;
        txn.commit().await?;
        Ok(CreatedToken {
            token: model.into(),
            secret,
        })
    }

    /// The signed-in user's tokens, newest first, revoked ones included.
    pub async fn list_own_tokens(
        db: &impl ConnectionTrait,
        actor: &Actor,
    ) -> Result<Vec<ApiTokenRecord>, AppError> {
        authorize(actor, Action::ManageOwnAccount)?;
        let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
        let rows = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .order_by_desc(api_token::Column::Id)
            .all(db)
            .await?;
        Ok(rows.into_iter().map(ApiTokenRecord::from).collect())
    }

    /// Revokes one of the signed-in user's tokens. Someone else's token is "not found".
    pub async fn revoke_own_token(
        db: &DatabaseConnection,
        actor: &Actor,
        token_id: i32,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        authorize(actor, Action::ManageOwnAccount)?;
        let user_id = actor.user_id().ok_or(AppError::Forbidden)?;
        let txn = crate::core::txn::begin_write(db).await?;
        let model = api_token::Entity::find_by_id(token_id)
            .one(&txn)
            .await?
            .filter(|t| t.user_id == user_id)
            .ok_or(AppError::NotFound)?;
        if model.revoked_at.is_none() {
            let mut row: api_token::ActiveModel = model.into();
            row.revoked_at = Set(Some(now));
            row.update(&txn).await?;
            let event = AuditEvent {
                action: "token.revoked",
                object_type: "api_token",
                object_id: Some(token_id.to_string()),
                details: json!({ "user_id": user_id }),
            };
            record(&txn, actor, event, now).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Revokes every token of `user_id` (deactivation, anonymisation). Call inside the
    /// caller's transaction.
    pub(crate) async fn revoke_all_tokens(
        db: &impl ConnectionTrait,
        user_id: i32,
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        api_token::Entity::update_many()
            .col_expr(
                api_token::Column::RevokedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(api_token::Column::UserId.eq(user_id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(db)
            .await?;
        Ok(())
    }

    /// The user behind a Bearer secret, or None for an unknown or revoked token or an owner
    /// who can no longer sign in.
    pub async fn actor_from_token(
        db: &DatabaseConnection,
        secret: &str,
        now: OffsetDateTime,
    ) -> Result<Option<UserActor>, AppError> {
        let Some(model) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(hash_secret(secret)))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let Some(owner) = load_user_actor(db, model.user_id).await? else {
            return Ok(None);
        };
        if model
            .last_used_at
            .is_none_or(|at| now - at >= LAST_USED_RESOLUTION)
        {
            let mut row: api_token::ActiveModel = model.into();
            row.last_used_at = Set(Some(now));
            row.update(db).await?;
        }
        Ok(Some(owner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::FieldError;

    #[test]
    fn bearer_header_yields_the_secret() {
        assert_eq!(bearer_secret("Bearer idv_abc123"), Some("idv_abc123"));
        assert_eq!(bearer_secret("bearer   idv_abc123 "), Some("idv_abc123"));
    }

    #[test]
    fn other_schemes_and_foreign_tokens_are_ignored() {
        assert_eq!(bearer_secret("Basic a2FyaTpwdw=="), None);
        assert_eq!(bearer_secret("Bearer abc123"), None);
        assert_eq!(bearer_secret("Bearer"), None);
    }

    #[test]
    fn token_name_is_trimmed_required_and_bounded() {
        assert_eq!(parse_token_name("  Power BI "), Ok("Power BI".to_owned()));
        assert_eq!(
            parse_token_name(" ").unwrap_err().get("name"),
            Some(&FieldError::Required)
        );
        let long = "x".repeat(MAX_TOKEN_NAME_CHARS + 1);
        assert_eq!(
            parse_token_name(&long).unwrap_err().get("name"),
            Some(&FieldError::TooLong)
        );
    }
}

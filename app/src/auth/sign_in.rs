//! Sign-in with an e-mail and password (DESIGN §9): rate-limited per account and per client
//! address, one answer for every refusal, every outcome in the audit log.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use crate::auth::domain::{
    MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_CLIENT, RATE_WINDOW_SECS, retry_after,
};
use crate::auth::password::verify_password;
use crate::auth::service::grants_of;
use crate::auth::{Actor, UserActor};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::digest::{keyed_hash, privacy_key};
use crate::core::error::{AppError, SignInRefusal};
use crate::core::parse::{Email, Language};
use crate::entities::{login_failure, user};

/// Checks an e-mail and password (DESIGN §9): rate-limited per account and per client
/// address, the same answer and about the same time for an unknown e-mail as for a wrong
/// password, and every outcome in the audit log.
pub async fn authenticate(
    db: &DatabaseConnection,
    email_raw: &str,
    password: &str,
    client_addr: &str,
    now: OffsetDateTime,
) -> Result<Result<UserActor, SignInRefusal>, AppError> {
    // A malformed address cannot belong to anyone; it is still counted and refused alike.
    let email = Email::parse(email_raw)
        .map(|e| e.as_str().to_owned())
        .unwrap_or_else(|_| email_raw.trim().to_lowercase());
    // Failures are counted, and unknown addresses logged, under a keyed hash of the address:
    // no typed address is kept (issue 11).
    let account_key = keyed_hash(&privacy_key(db).await?, &email);
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(db)
        .await?;
    // A known account is named by its id only, so anonymisation leaves no e-mail behind in
    // the log; an unknown address by its keyed hash.
    let who = |client: &str| match &found {
        Some(_) => json!({ "client": client }),
        None => json!({ "account_key": account_key, "client": client }),
    };
    // The limits are checked and the attempt is counted as a failure in one turn, before the
    // password is checked (which takes a while): parallel guesses each see the ones before
    // them, so no more than the limit get through (issue 23: they all passed the check before
    // any failure was stored). A right password then clears the account's failures.
    let txn = crate::core::txn::begin_write(db).await?;
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::SignIn).await?;
    if let Some(wait) = rate_limited(&txn, &account_key, client_addr, now).await? {
        let event = AuditEvent {
            action: "auth.sign_in_rate_limited",
            object_type: "user",
            object_id: found.as_ref().map(|u| u.id.to_string()),
            details: who(client_addr),
        };
        record(&txn, &Actor::Anonymous, event, now).await?;
        txn.commit().await?;
        return Ok(Err(SignInRefusal::TooManyAttempts {
            retry_after_secs: wait,
        }));
    }
    login_failure::ActiveModel {
        at: Set(now),
        account_key: Set(account_key.clone()),
        client_addr: Set(client_addr.to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;

    let usable = found
        .as_ref()
        .filter(|u| u.active && u.anonymised_at.is_none());
    let stored_hash = usable.and_then(|u| u.password_hash.as_deref());
    let verified = verify_password(password, stored_hash).await;

    let txn = crate::core::txn::begin_write(db).await?;
    let outcome = match (verified, usable) {
        (true, Some(model)) => {
            // A success clears this account's failures, so its owner is not locked out later.
            login_failure::Entity::delete_many()
                .filter(login_failure::Column::AccountKey.eq(&account_key))
                .exec(&txn)
                .await?;
            let actor = UserActor {
                id: model.id,
                name: model.name.clone(),
                home_site_id: model.home_site_id,
                roles: grants_of(&txn, model.id).await?,
            };
            let event = AuditEvent {
                action: "auth.signed_in",
                object_type: "user",
                object_id: Some(model.id.to_string()),
                details: json!({ "client": client_addr }),
            };
            record(&txn, &Actor::User(actor.clone()), event, now).await?;
            Ok(actor)
        }
        // The attempt was counted as a failure above, and stays one.
        _ => {
            let event = AuditEvent {
                action: "auth.sign_in_failed",
                object_type: "user",
                object_id: found.as_ref().map(|u| u.id.to_string()),
                details: who(client_addr),
            };
            record(&txn, &Actor::Anonymous, event, now).await?;
            Err(SignInRefusal::WrongCredentials)
        }
    };
    txn.commit().await?;
    Ok(outcome)
}

/// Seconds to wait when this client address has too many recent failures, or when the account
/// has and this address is among those that failed for it. An address that has not failed for
/// the account gets through to a correct password, so no one can lock an employee out from
/// elsewhere (issue 11); a guesser still needs a fresh address for every try at a locked
/// account, and each address has its own limit.
async fn rate_limited(
    db: &impl ConnectionTrait,
    account_key: &str,
    client_addr: &str,
    now: OffsetDateTime,
) -> Result<Option<i64>, AppError> {
    use login_failure::Column;
    use sea_orm::sea_query::ExprTrait as _;
    let since = now - Duration::seconds(RATE_WINDOW_SECS);
    let per_account = failures_since(db, Column::AccountKey.eq(account_key), since, now).await?;
    let per_client = failures_since(db, Column::ClientAddr.eq(client_addr), since, now).await?;
    let from_here = failures_since(
        db,
        Column::AccountKey
            .eq(account_key)
            .and(Column::ClientAddr.eq(client_addr)),
        since,
        now,
    )
    .await?;
    let account_wait = (from_here.0 > 0)
        .then(|| retry_after(per_account.0, per_account.1, MAX_FAILURES_PER_ACCOUNT))
        .flatten();
    let client_wait = retry_after(per_client.0, per_client.1, MAX_FAILURES_PER_CLIENT);
    Ok(Ord::max(account_wait, client_wait))
}

/// Count of failures matching `condition` since `since`, and the oldest one's age.
async fn failures_since(
    db: &impl ConnectionTrait,
    condition: sea_orm::sea_query::SimpleExpr,
    since: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<(u64, i64), AppError> {
    let query = login_failure::Entity::find()
        .filter(condition)
        .filter(login_failure::Column::At.gt(since));
    let count = query.clone().count(db).await?;
    let oldest = query
        .order_by_asc(login_failure::Column::At)
        .one(db)
        .await?;
    let age = oldest.map_or(0, |f| (now - f.at).whole_seconds());
    Ok((count, age))
}

/// The UI language a user chose on their profile (bokmål when unknown).
pub async fn preferred_language(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Language, AppError> {
    let model = user::Entity::find_by_id(user_id).one(db).await?;
    Ok(model
        .and_then(|m| Language::parse(&m.language))
        .unwrap_or_default())
}

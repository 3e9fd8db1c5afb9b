//! Signing in through the identity provider (issue 31): the person a verified ID token names
//! is found by the provider's `sub`, else by their address on the first sign-in (so demo
//! accounts, imports and history stay theirs), else created as an employee when the rules
//! allow; a deactivated account is refused. Name and address follow the provider, and the
//! roles the configuration maps from groups follow the groups. Every outcome is audited.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::auth::service::{grants_of, load_user_actor};
use crate::auth::{Actor, Role, RoleGrant, UserActor};
use crate::core::audit_trail::{AuditEvent, record};
use crate::core::error::AppError;
use crate::entities::{user, user_identity, user_role};
use crate::users::domain::NewUserFields;
use crate::users::sso::{CheckedClaims, ProviderClaims, SsoRefusal, SsoRules};

use super::{audit_user, find_by_email, grant_details, insert_grant, insert_user};

/// Lets in the person `claims` names (the ID token already verified by the protocol), under
/// `rules`: the signed-in actor, or why not. One transaction; refusals are audited too.
pub async fn sign_in_with_provider(
    db: &DatabaseConnection,
    rules: &SsoRules,
    claims: &ProviderClaims,
    now: OffsetDateTime,
) -> Result<Result<UserActor, SsoRefusal>, AppError> {
    let txn = crate::core::txn::begin_write(db).await?;
    // Two first sign-ins of one person at once would both link or both create.
    crate::core::txn::take_turn(&txn, crate::core::txn::Turn::SignIn).await?;
    let outcome = match claims.check(rules) {
        Ok(checked) => let_in(&txn, rules, &checked, &claims.groups, now).await?,
        Err(refusal) => Err(refusal),
    };
    match &outcome {
        Ok(actor) => {
            let event = AuditEvent {
                action: "auth.signed_in",
                object_type: "user",
                object_id: Some(actor.id.to_string()),
                details: json!({ "via": "oidc", "issuer": claims.issuer }),
            };
            record(&txn, &Actor::User(actor.clone()), event, now).await?;
        }
        Err(refusal) => {
            let event = AuditEvent {
                action: "auth.sso_refused",
                object_type: "user",
                object_id: None,
                details: json!({ "reason": refusal.as_str(), "issuer": claims.issuer }),
            };
            record(&txn, &Actor::Anonymous, event, now).await?;
        }
    }
    txn.commit().await?;
    Ok(outcome)
}

async fn let_in(
    txn: &sea_orm::DatabaseTransaction,
    rules: &SsoRules,
    claims: &CheckedClaims,
    groups: &[String],
    now: OffsetDateTime,
) -> Result<Result<UserActor, SsoRefusal>, AppError> {
    let linked = user_identity::Entity::find()
        .filter(user_identity::Column::Issuer.eq(&claims.issuer))
        .filter(user_identity::Column::Subject.eq(&claims.subject))
        .one(txn)
        .await?;
    let model = match &linked {
        Some(identity) => user::Entity::find_by_id(identity.user_id)
            .one(txn)
            .await?
            .ok_or(AppError::Internal)?,
        None => {
            let Some(email) = &claims.email else {
                return Ok(Err(claims.no_email.unwrap_or(SsoRefusal::EmailMissing)));
            };
            let model = match find_by_email(txn, email).await? {
                Some(model) => model,
                None if rules.create_unknown => {
                    let name = claims.name.clone().unwrap_or_else(|| {
                        email.as_str().split('@').next().unwrap_or_default().to_owned()
                    });
                    let fields = NewUserFields {
                        name,
                        email: email.clone(),
                        home_site_id: None,
                        language: crate::core::parse::Language::default(),
                        roles: Vec::new(),
                    };
                    let created = insert_user(txn, &fields, None, now).await?;
                    audit_user(
                        txn,
                        &Actor::System,
                        "user.created",
                        created.id,
                        json!({ "via": "oidc", "issuer": claims.issuer }),
                        now,
                    )
                    .await?;
                    created
                }
                None => return Ok(Err(SsoRefusal::UnknownPerson)),
            };
            if model.active {
                user_identity::ActiveModel {
                    user_id: Set(model.id),
                    issuer: Set(claims.issuer.clone()),
                    subject: Set(claims.subject.clone()),
                    created_at: Set(now),
                    last_sign_in_at: Set(now),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit_user(
                    txn,
                    &Actor::System,
                    "user.identity_linked",
                    model.id,
                    json!({ "issuer": claims.issuer }),
                    now,
                )
                .await?;
            }
            model
        }
    };
    if !model.active || model.anonymised_at.is_some() {
        return Ok(Err(SsoRefusal::Deactivated));
    }
    if let Some(identity) = linked {
        let mut row: user_identity::ActiveModel = identity.into();
        row.last_sign_in_at = Set(now);
        row.update(txn).await?;
    }
    let user_id = model.id;
    if let Err(refusal) = follow_the_provider(txn, model, claims, now).await? {
        return Ok(Err(refusal));
    }
    follow_the_groups(txn, rules, user_id, groups, now).await?;
    Ok(load_user_actor(txn, user_id)
        .await?
        .ok_or(SsoRefusal::Deactivated))
}

/// Name and address as the provider has them now; an address another account holds is
/// refused (two accounts would answer to one address).
async fn follow_the_provider(
    txn: &sea_orm::DatabaseTransaction,
    model: user::Model,
    claims: &CheckedClaims,
    now: OffsetDateTime,
) -> Result<Result<(), SsoRefusal>, AppError> {
    let name = claims.name.clone().filter(|n| *n != model.name);
    let email = claims
        .email
        .clone()
        .filter(|e| e.as_str() != model.email);
    if let Some(email) = &email
        && find_by_email(txn, email).await?.is_some_and(|u| u.id != model.id)
    {
        return Ok(Err(SsoRefusal::EmailTaken));
    }
    if name.is_none() && email.is_none() {
        return Ok(Ok(()));
    }
    let user_id = model.id;
    let mut row: user::ActiveModel = model.into();
    if let Some(name) = &name {
        row.name = Set(name.clone());
    }
    if let Some(email) = &email {
        row.email = Set(email.as_str().to_owned());
    }
    row.update(txn).await?;
    audit_user(
        txn,
        &Actor::System,
        "user.profile_updated",
        user_id,
        json!({ "via": "oidc", "name": name.is_some(), "email": email.is_some() }),
        now,
    )
    .await?;
    Ok(Ok(()))
}

/// The mapped roles as the groups say: granted and revoked like an administrator's, audited.
async fn follow_the_groups(
    txn: &sea_orm::DatabaseTransaction,
    rules: &SsoRules,
    user_id: i32,
    groups: &[String],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    if rules.role_map.is_empty() {
        return Ok(());
    }
    let held: Vec<Role> = grants_of(txn, user_id)
        .await?
        .into_iter()
        .filter(|g| g.sector_id().is_none() && g.site_id().is_none())
        .map(|g| g.role)
        .collect();
    let (grant, revoke) = rules.role_changes(&held, groups);
    for role in grant {
        let grant = RoleGrant::new(role, None, None).map_err(|_| AppError::Internal)?;
        insert_grant(txn, user_id, &grant).await?;
        let mut details = grant_details(&grant);
        details["via"] = json!("oidc");
        audit_user(txn, &Actor::System, "user.role_granted", user_id, details, now).await?;
    }
    for role in revoke {
        let grant = RoleGrant::new(role, None, None).map_err(|_| AppError::Internal)?;
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(user_id))
            .filter(user_role::Column::Role.eq(role.as_str()))
            .filter(user_role::Column::SectorId.is_null())
            .filter(user_role::Column::SiteId.is_null())
            .exec(txn)
            .await?;
        let mut details = grant_details(&grant);
        details["via"] = json!("oidc");
        audit_user(txn, &Actor::System, "user.role_revoked", user_id, details, now).await?;
    }
    Ok(())
}

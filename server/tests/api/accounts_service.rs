//! Tokens, roles, profile, password, own data, anonymisation and the audit log through the
//! service layer, on SQLite and PostgreSQL.

use crate::common::{Backend, TestDb};
use app::audit::domain::AuditFilter;
use app::audit::service::list_audit;
use app::auth::service::load_user_actor;
use app::auth::sign_in::authenticate;
use app::auth::tokens::{
    actor_from_token, create_own_token, create_token_for, list_own_tokens, revoke_own_token,
};
use app::auth::{Actor, Role, RoleGrant};
use app::core::error::{AppError, FieldError};
use app::core::paging::PageRequest;
use app::entities::{audit_log, user};
use app::users::domain::{Confirmed, NewUserFields, ProfileFields, UserRecord};
use app::users::service::{
    anonymise_user, change_password, create_user, grant_role, revoke_role, set_user_active,
    update_profile,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use time::OffsetDateTime;

const PASSWORD: &str = "Blåbær-syltetøy-på-Fornebu";

async fn make_user(db: &sea_orm::DatabaseConnection, name: &str, email: &str) -> UserRecord {
    let fields = NewUserFields::parse(name, email, None, &[]).unwrap();
    create_user(
        db,
        &Actor::System,
        fields,
        PASSWORD,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap()
}

async fn actor_of(db: &sea_orm::DatabaseConnection, id: i32) -> Actor {
    Actor::User(load_user_actor(db, id).await.unwrap().unwrap())
}

async fn token_authenticates_its_owner_until_revoked(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let actor = actor_of(&t.db, kari.id).await;

    let created = create_own_token(&t.db, &actor, "Power BI", now)
        .await
        .unwrap();
    assert!(created.secret.starts_with("idv_"));
    assert!(created.secret.starts_with(&created.token.prefix));

    let owner = actor_from_token(&t.db, &created.secret, now).await.unwrap();
    assert_eq!(owner.map(|u| u.id), Some(kari.id));
    // Only a hash is stored: the secret appears nowhere in the table.
    let stored = app::entities::api_token::Entity::find()
        .all(&t.db)
        .await
        .unwrap();
    assert!(stored.iter().all(|row| row.token_hash != created.secret));
    assert!(stored[0].last_used_at.is_some());

    // The secret with its last hex digit changed (to 0, or to 1 where it already is 0).
    let (head, last) = created.secret.split_at(created.secret.len() - 1);
    let wrong = format!("{head}{}", if last == "0" { "1" } else { "0" });
    assert_ne!(wrong, created.secret);
    assert_eq!(actor_from_token(&t.db, &wrong, now).await.unwrap(), None);

    revoke_own_token(&t.db, &actor, created.token.id, now)
        .await
        .unwrap();
    assert_eq!(
        actor_from_token(&t.db, &created.secret, now).await.unwrap(),
        None
    );
    let listed = list_own_tokens(&t.db, &actor).await.unwrap();
    assert!(listed[0].revoked_at.is_some());
}

async fn token_stops_working_when_its_owner_is_deactivated(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let created = create_token_for(&t.db, &Actor::System, "KARI@baerum.example", "CLI", now)
        .await
        .unwrap();
    assert!(
        actor_from_token(&t.db, &created.secret, now)
            .await
            .unwrap()
            .is_some()
    );

    set_user_active(&t.db, &Actor::System, kari.id, false, now)
        .await
        .unwrap();

    assert_eq!(
        actor_from_token(&t.db, &created.secret, now).await.unwrap(),
        None
    );
}

async fn someone_elses_token_cannot_be_revoked(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let ola = make_user(&t.db, "Ola Nordmann", "ola@baerum.example").await;
    let karis = create_own_token(&t.db, &actor_of(&t.db, kari.id).await, "Mitt", now)
        .await
        .unwrap();

    let result = revoke_own_token(&t.db, &actor_of(&t.db, ola.id).await, karis.token.id, now).await;

    assert_eq!(result, Err(AppError::NotFound));
    assert!(
        actor_from_token(&t.db, &karis.secret, now)
            .await
            .unwrap()
            .is_some()
    );
}

async fn roles_are_granted_and_revoked_with_an_audit_row_each(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let editor = RoleGrant::new(Role::Editor, None, None).unwrap();

    let after_grant = grant_role(&t.db, &Actor::System, kari.id, editor, now)
        .await
        .unwrap();
    // Granting again changes nothing and records nothing.
    grant_role(&t.db, &Actor::System, kari.id, editor, now)
        .await
        .unwrap();
    let after_revoke = revoke_role(&t.db, &Actor::System, kari.id, editor, now)
        .await
        .unwrap();

    assert_eq!(after_grant.roles, vec![editor]);
    assert!(after_revoke.roles.is_empty());
    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("user.role_"))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, vec!["user.role_granted", "user.role_revoked"]);
}

async fn manager_role_needs_an_existing_scope(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let nowhere = RoleGrant::new(Role::Manager, Some(999), None).unwrap();

    let result = grant_role(&t.db, &Actor::System, kari.id, nowhere, now).await;

    assert_eq!(
        result.map(|u| u.id),
        Err(AppError::invalid("scope", FieldError::UnknownReference))
    );
}

async fn admin_cannot_remove_their_own_admin_role(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let admin = RoleGrant::new(Role::Admin, None, None).unwrap();
    grant_role(&t.db, &Actor::System, kari.id, admin, now)
        .await
        .unwrap();
    let actor = actor_of(&t.db, kari.id).await;

    let result = revoke_role(&t.db, &actor, kari.id, admin, now).await;

    assert_eq!(
        result.map(|u| u.id),
        Err(AppError::invalid("role", FieldError::OwnAccount))
    );
}

async fn anonymised_user_keeps_their_history_but_not_their_identity(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let actor = actor_of(&t.db, kari.id).await;
    let token = create_own_token(&t.db, &actor, "Power BI", now)
        .await
        .unwrap();
    let fields = ProfileFields::parse("Kari Nordmann", None, "en").unwrap();
    update_profile(&t.db, &actor, fields, now).await.unwrap();
    let admin = make_user(&t.db, "Anne Admin", "anne@baerum.example").await;
    let admin_grant = RoleGrant::new(Role::Admin, None, None).unwrap();
    grant_role(&t.db, &Actor::System, admin.id, admin_grant, now)
        .await
        .unwrap();
    let admin = actor_of(&t.db, admin.id).await;

    let record = anonymise_user(
        &t.db,
        &admin,
        kari.id,
        Confirmed,
        &app::registry::anonymisers(),
        now,
    )
    .await
    .unwrap();

    assert!(record.anonymised && !record.active);
    let row = user::Entity::find_by_id(kari.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!row.name.contains("Kari") && !row.email.contains("kari"));
    assert_eq!(row.password_hash, None);
    // The history stays, under the same id, and no longer names her.
    let history = audit_log::Entity::find()
        .filter(audit_log::Column::ActorUserId.eq(kari.id))
        .all(&t.db)
        .await
        .unwrap();
    assert!(history.iter().any(|r| r.action == "user.profile_updated"));
    let all = audit_log::Entity::find().all(&t.db).await.unwrap();
    assert!(
        all.iter()
            .all(|r| !r.details.contains("kari@baerum.example")),
        "an audit row still holds her e-mail"
    );
    // She can neither sign in nor use her token.
    let signed_in = authenticate(&t.db, "kari@baerum.example", PASSWORD, "10.0.0.1", now)
        .await
        .unwrap();
    assert!(signed_in.is_err());
    assert_eq!(
        actor_from_token(&t.db, &token.secret, now).await.unwrap(),
        None
    );
    // Her e-mail address is free for a new colleague.
    make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
}

async fn no_one_anonymises_themselves(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let grant = RoleGrant::new(Role::Admin, None, None).unwrap();
    grant_role(&t.db, &Actor::System, kari.id, grant, now)
        .await
        .unwrap();
    let actor = actor_of(&t.db, kari.id).await;

    let result = anonymise_user(
        &t.db,
        &actor,
        kari.id,
        Confirmed,
        &app::registry::anonymisers(),
        now,
    )
    .await;

    assert_eq!(
        result.map(|u| u.id),
        Err(AppError::invalid("user_id", FieldError::OwnAccount))
    );
}

async fn password_change_needs_the_current_password(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let actor = actor_of(&t.db, kari.id).await;
    let new = "Tyttebær-og-multer-i-Lommedalen";

    let wrong = change_password(&t.db, &actor, "feil passord her", new, now).await;
    let weak = change_password(&t.db, &actor, PASSWORD, "passord123", now).await;
    change_password(&t.db, &actor, PASSWORD, new, now)
        .await
        .unwrap();

    assert_eq!(
        wrong,
        Err(AppError::invalid(
            "current_password",
            FieldError::WrongPassword
        ))
    );
    assert!(matches!(weak, Err(AppError::Invalid(f)) if f.contains_key("new_password")));
    let old = authenticate(&t.db, "kari@baerum.example", PASSWORD, "10.0.0.2", now)
        .await
        .unwrap();
    let fresh = authenticate(&t.db, "kari@baerum.example", new, "10.0.0.2", now)
        .await
        .unwrap();
    assert!(old.is_err());
    assert_eq!(fresh.map(|u| u.id), Ok(kari.id));
}

async fn own_data_export_holds_the_account_and_activity(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let actor = actor_of(&t.db, kari.id).await;
    create_own_token(&t.db, &actor, "Power BI", now)
        .await
        .unwrap();

    let data = app::registry::export_own_data(&t.db, &actor, now)
        .await
        .unwrap();

    assert_eq!(data["account"]["email"], "kari@baerum.example");
    assert_eq!(data["account"]["api_tokens"][0]["name"], "Power BI");
    assert!(data["account"]["api_tokens"][0].get("token_hash").is_none());
    let actions: Vec<&str> = data["activity"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    assert!(actions.contains(&"user.created"), "{actions:?}");
    assert!(actions.contains(&"token.created"), "{actions:?}");
}

async fn audit_log_filters_by_actor_action_object_and_date(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let ola = make_user(&t.db, "Ola Nordmann", "ola@baerum.example").await;
    let kari_actor = actor_of(&t.db, kari.id).await;
    create_own_token(&t.db, &kari_actor, "Power BI", now)
        .await
        .unwrap();
    set_user_active(&t.db, &Actor::System, ola.id, false, now)
        .await
        .unwrap();
    let page = PageRequest::default();
    let list = |filter: AuditFilter| {
        let db = t.db.clone();
        async move {
            list_audit(&db, &Actor::System, &filter, page)
                .await
                .unwrap()
        }
    };

    let by_kari = list(AuditFilter {
        actor: "kari".into(),
        ..Default::default()
    })
    .await;
    let user_actions = list(AuditFilter {
        action: "user.".into(),
        ..Default::default()
    })
    .await;
    let about_ola = list(AuditFilter {
        object_type: "user".into(),
        object_id: ola.id.to_string(),
        ..Default::default()
    })
    .await;
    let tomorrow = list(AuditFilter {
        from: Some(now.date().next_day().unwrap().next_day().unwrap()),
        ..Default::default()
    })
    .await;

    assert_eq!(by_kari.total, 1);
    assert_eq!(by_kari.items[0].action, "token.created");
    assert_eq!(by_kari.items[0].actor.as_deref(), Some("Kari Nordmann"));
    let system_rows = about_ola.items.iter().filter(|e| e.by_system).count();
    assert_eq!(
        system_rows, 2,
        "Ola was created and deactivated by the system"
    );
    assert_eq!(user_actions.total, 3, "two created, one deactivated");
    assert_eq!(
        about_ola
            .items
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        vec!["user.deactivated", "user.created"],
        "newest first"
    );
    assert_eq!(tomorrow.total, 0);
    let refused = list_audit(&t.db, &kari_actor, &AuditFilter::default(), page).await;
    assert_eq!(refused.map(|p| p.total), Err(AppError::Forbidden));
}

/// Read-then-write transactions running at the same time all succeed (on SQLite they queue
/// for the write lock instead of failing with "database is locked").
async fn concurrent_writers_all_succeed(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = make_user(&t.db, "Kari Nordmann", "kari@baerum.example").await;
    let actor = actor_of(&t.db, kari.id).await;

    let tasks: Vec<_> = (0..12)
        .map(|i| {
            let db = t.db.clone();
            let actor = actor.clone();
            tokio::spawn(async move {
                create_own_token(&db, &actor, &format!("Nøkkel {i}"), now).await
            })
        })
        .collect();
    let mut failures = Vec::new();
    for task in tasks {
        if let Err(e) = task.await.unwrap() {
            failures.push(e);
        }
    }

    assert_eq!(failures, Vec::new());
    assert_eq!(list_own_tokens(&t.db, &actor).await.unwrap().len(), 12);
}

on_both_backends!(
    concurrent_writers_all_succeed,
    token_authenticates_its_owner_until_revoked,
    token_stops_working_when_its_owner_is_deactivated,
    someone_elses_token_cannot_be_revoked,
    roles_are_granted_and_revoked_with_an_audit_row_each,
    manager_role_needs_an_existing_scope,
    admin_cannot_remove_their_own_admin_role,
    anonymised_user_keeps_their_history_but_not_their_identity,
    no_one_anonymises_themselves,
    password_change_needs_the_current_password,
    own_data_export_holds_the_account_and_activity,
    audit_log_filters_by_actor_action_object_and_date,
);

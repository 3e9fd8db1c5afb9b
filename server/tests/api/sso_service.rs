//! Signing in through the identity provider (issue 31), on SQLite and PostgreSQL: who the
//! person a verified ID token names is (linked by `sub`, found by a verified address on the
//! first sign-in, created just in time or refused), name and address following the
//! provider, mapped roles following the groups, and every refusal audited with nothing else
//! written.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, race};
use app::auth::Role;
use app::entities::{audit_log, user, user_identity};
use app::users::service::sign_in_with_provider;
use app::users::sso::{ProviderClaims, SsoRefusal, SsoRules};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-12-07 12:00 UTC);
const ISSUER: &str = "https://login.kommune.example/tenant/v2.0";
const EMPLOYEE: usize = 1;
const COUNCIL: usize = 3;

fn claims(subject: &str, email: &str, name: &str) -> ProviderClaims {
    ProviderClaims {
        issuer: ISSUER.into(),
        subject: subject.into(),
        email: Some(email.into()),
        email_verified: Some(true),
        name: Some(name.into()),
        groups: Vec::new(),
    }
}

async fn users(t: &TestDb) -> u64 {
    user::Entity::find().count(&t.db).await.unwrap()
}

async fn identities(t: &TestDb) -> u64 {
    user_identity::Entity::find().count(&t.db).await.unwrap()
}

async fn an_existing_account_is_found_by_address_then_by_sub(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let rules = SsoRules::default();
    let employee = demo(&t, EMPLOYEE).await;
    let id = employee.user_id().unwrap();
    let first = claims("sub-kari", "Ansatt@Ideverket.example", "Kari Nordmann").clone();
    let actor = sign_in_with_provider(&t.db, &rules, &first, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(actor.id, id, "the demo account, its history with it");
    assert_eq!(identities(&t).await, 1);

    // The council member keeps their role when they come through the provider.
    let council = demo(&t, COUNCIL).await;
    let email = user::Entity::find_by_id(council.user_id().unwrap())
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .email;
    let actor = sign_in_with_provider(
        &t.db,
        &rules,
        &claims("sub-ingrid", &email, "Ingrid Johansen"),
        NOW,
    )
    .await
    .unwrap()
    .unwrap();
    assert!(
        actor
            .roles
            .iter()
            .any(|g| g.role == Role::InnovationCouncil)
    );

    // Later, by `sub`: a new name and address at the provider follow to the account, and
    // the name is found by its key.
    let moved = claims("sub-kari", "kari.nordmann@ideverket.example", "Kari Øvrebø");
    let actor = sign_in_with_provider(&t.db, &rules, &moved, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((actor.id, actor.name.as_str()), (id, "Kari Øvrebø"));
    let row = user::Entity::find_by_id(id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (row.email.as_str(), row.name_key.as_str()),
        ("kari.nordmann@ideverket.example", "kari øvrebø")
    );
    assert_eq!(identities(&t).await, 2, "no second link");

    // An address another account has is refused, and the account stays as it was.
    let clash = claims("sub-kari", &email, "Kari Øvrebø");
    assert_eq!(
        sign_in_with_provider(&t.db, &rules, &clash, NOW)
            .await
            .unwrap(),
        Err(SsoRefusal::EmailTaken)
    );
    let row = user::Entity::find_by_id(id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.email, "kari.nordmann@ideverket.example");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("auth.sso_refused"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(audited, 1, "the refusal is in the audit log");

    // The person's own data holds the link; anonymising removes it, and the next sign-in
    // through the provider links nobody.
    let kari = app::auth::Actor::User(actor.clone());
    let data = app::registry::export_own_data(&t.db, &kari, NOW)
        .await
        .unwrap();
    assert_eq!(data["account"]["identities"][0]["subject"], "sub-kari");
    app::users::service::anonymise_user(
        &t.db,
        &demo(&t, 0).await,
        id,
        app::users::domain::Confirmed,
        &app::registry::anonymisers(),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(identities(&t).await, 1, "Ingrid's stays");
    assert_eq!(
        sign_in_with_provider(&t.db, &rules, &moved, NOW)
            .await
            .unwrap(),
        Err(SsoRefusal::UnknownPerson)
    );
}

async fn an_unknown_person_is_created_only_when_allowed(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let before = users(&t).await;
    let new = claims("sub-new", "ny.ansatt@ideverket.example", "Ny Ansatt");
    assert_eq!(
        sign_in_with_provider(&t.db, &SsoRules::default(), &new, NOW)
            .await
            .unwrap(),
        Err(SsoRefusal::UnknownPerson)
    );
    assert_eq!((users(&t).await, identities(&t).await), (before, 0));

    let jit = SsoRules {
        create_unknown: true,
        ..SsoRules::default()
    };
    let actor = sign_in_with_provider(&t.db, &jit, &new, NOW)
        .await
        .unwrap()
        .unwrap();
    assert!(actor.roles.is_empty(), "an employee, no more");
    assert_eq!((users(&t).await, identities(&t).await), (before + 1, 1));
    let row = user::Entity::find_by_id(actor.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.password_hash, None, "no password to guess");

    // Unverified or missing addresses link nobody and create nobody.
    for (email, verified, refusal) in [
        (
            Some("ukjent@ideverket.example"),
            Some(false),
            SsoRefusal::EmailUnverified,
        ),
        (
            Some("ansatt@ideverket.example"),
            Some(false),
            SsoRefusal::EmailUnverified,
        ),
        (None, Some(true), SsoRefusal::EmailMissing),
    ] {
        let claims = ProviderClaims {
            email: email.map(str::to_owned),
            email_verified: verified,
            ..claims("sub-other", "", "Noen")
        };
        assert_eq!(
            sign_in_with_provider(&t.db, &jit, &claims, NOW)
                .await
                .unwrap(),
            Err(refusal)
        );
    }
    assert_eq!((users(&t).await, identities(&t).await), (before + 1, 1));

    // A deactivated account is refused through the provider too.
    let employee = demo(&t, EMPLOYEE).await.user_id().unwrap();
    app::users::service::set_user_active(&t.db, &demo(&t, 0).await, employee, false, NOW)
        .await
        .unwrap();
    assert_eq!(
        sign_in_with_provider(
            &t.db,
            &jit,
            &claims("sub-kari", "ansatt@ideverket.example", "Kari Nordmann"),
            NOW
        )
        .await
        .unwrap(),
        Err(SsoRefusal::Deactivated)
    );
}

async fn mapped_roles_follow_the_groups(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let rules = SsoRules {
        role_map: vec![("g-council".into(), Role::InnovationCouncil)],
        ..SsoRules::default()
    };
    let admin = demo(&t, 0).await;
    let admin_email = "admin@ideverket.example";
    let mut claims = claims("sub-admin", admin_email, "Astrid Berg");
    claims.groups = vec!["g-council".into()];
    let actor = sign_in_with_provider(&t.db, &rules, &claims, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(actor.id, admin.user_id().unwrap());
    let roles = |actor: &app::auth::UserActor| {
        let mut roles: Vec<Role> = actor.roles.iter().map(|g| g.role).collect();
        roles.sort_unstable();
        roles
    };
    assert_eq!(roles(&actor), [Role::InnovationCouncil, Role::Admin]);
    claims.groups.clear();
    let actor = sign_in_with_provider(&t.db, &rules, &claims, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        roles(&actor),
        [Role::Admin],
        "the map's role goes, the admin's stays"
    );
    let changes = audit_log::Entity::find()
        .filter(audit_log::Column::Action.is_in(["user.role_granted", "user.role_revoked"]))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(changes, 2, "each change audited like an administrator's");
}

/// Two first sign-ins of one new person at once make one account and one link.
async fn first_sign_ins_at_once_make_one_account(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let before = users(&t).await;
    let rules = SsoRules {
        create_unknown: true,
        ..SsoRules::default()
    };
    let db = t.db.clone();
    let outcomes = race(6, |_| {
        let (db, rules) = (db.clone(), rules.clone());
        async move {
            sign_in_with_provider(
                &db,
                &rules,
                &claims("sub-twice", "samtidig@ideverket.example", "Samtidig Ansatt"),
                NOW,
            )
            .await
        }
    })
    .await;
    assert!(
        outcomes.iter().all(|o| matches!(o, Ok(Ok(_)))),
        "{outcomes:?}"
    );
    assert_eq!((users(&t).await, identities(&t).await), (before + 1, 1));
}

on_both_backends!(
    an_existing_account_is_found_by_address_then_by_sub,
    an_unknown_person_is_created_only_when_allowed,
    mapped_roles_follow_the_groups,
    first_sign_ins_at_once_make_one_account
);

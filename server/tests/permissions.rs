//! The role × action matrix (DESIGN §2): every service function, called as every kind of actor,
//! is allowed or refused exactly as the table below says. Grows with every feature.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::auth::{Actor, Role, RoleGrant, UserActor};
use app::error::AppError;
use app::org::domain::{NewSector, NewServiceSite};
use app::users::domain::NewUserFields;
use common::{Backend, TestDb};
use time::OffsetDateTime;
use time::macros::date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    ViewOrganisation,
    CreateSector,
    CreateSite,
    CreateUser,
    ListUsers,
    DeactivateUser,
}

const OPS: [Op; 6] = [
    Op::ViewOrganisation,
    Op::CreateSector,
    Op::CreateSite,
    Op::CreateUser,
    Op::ListUsers,
    Op::DeactivateUser,
];

/// The spec, written out: which actors may do what. `None` = anonymous, `Some(None)` = an
/// employee with no further role, `Some(Some(role))` = a user holding that role.
fn allowed(actor: Option<Option<Role>>, op: Op) -> bool {
    match op {
        Op::ViewOrganisation => true,
        Op::CreateSector | Op::CreateSite | Op::CreateUser | Op::ListUsers | Op::DeactivateUser => {
            actor == Some(Some(Role::Admin))
        }
    }
}

fn actors() -> Vec<(Option<Option<Role>>, Actor)> {
    let user = |id: i32, role: Option<Role>| {
        let roles = role
            .map(|r| {
                let sector = (r == Role::Manager).then_some(1);
                vec![RoleGrant::new(r, sector, None).unwrap()]
            })
            .unwrap_or_default();
        Actor::User(UserActor {
            id,
            name: format!("Bruker {id}"),
            home_site_id: None,
            roles,
        })
    };
    let mut all = vec![(None, Actor::Anonymous), (Some(None), user(100, None))];
    for (i, role) in Role::ALL.into_iter().enumerate() {
        all.push((Some(Some(role)), user(i as i32 + 101, Some(role))));
    }
    all
}

async fn attempt(t: &TestDb, actor: &Actor, op: Op, n: usize) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    match op {
        Op::ViewOrganisation => app::org::service::list_organisation(&t.db, actor)
            .await
            .map(drop),
        Op::CreateSector => {
            let input = NewSector::parse(&format!("Tjenesteområde {n}")).unwrap();
            app::org::service::create_sector(&t.db, actor, input, time::OffsetDateTime::now_utc())
                .await
                .map(drop)
        }
        Op::CreateSite => {
            let input =
                NewServiceSite::parse(1, &format!("Tjenestested {n}"), date!(2020 - 01 - 01), None)
                    .unwrap();
            app::org::service::create_site(&t.db, actor, input, time::OffsetDateTime::now_utc())
                .await
                .map(drop)
        }
        Op::CreateUser => {
            let email = format!("bruker{n}@baerum.example");
            let fields = NewUserFields::parse("Ny Bruker", &email, None, &[]).unwrap();
            app::users::service::create_user(
                &t.db,
                actor,
                fields,
                "Blåbær-syltetøy-på-Fornebu",
                now,
            )
            .await
            .map(drop)
        }
        Op::ListUsers => {
            app::users::service::list_users(&t.db, actor, "", app::paging::PageRequest::default())
                .await
                .map(drop)
        }
        // User 1 is created by the setup; the actors of the matrix have ids from 100 up.
        Op::DeactivateUser => {
            app::users::service::set_user_active(&t.db, actor, 1, false, now).await
        }
    }
}

async fn every_actor_gets_exactly_the_permissions_of_the_matrix(backend: Backend) {
    let t = TestDb::new(backend).await;
    let sector = NewSector::parse("Oppvekst skole").unwrap();
    app::org::service::create_sector(
        &t.db,
        &Actor::System,
        sector,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let target = NewUserFields::parse("Mål Bruker", "maal@baerum.example", None, &[]).unwrap();
    let now = OffsetDateTime::now_utc();
    let created = app::users::service::create_user(
        &t.db,
        &Actor::System,
        target,
        "Blåbær-syltetøy-på-Fornebu",
        now,
    )
    .await
    .unwrap();
    assert_eq!(created.id, 1);

    let mut mismatches = Vec::new();
    let mut n = 0;
    for (who, actor) in actors() {
        for op in OPS {
            n += 1;
            let outcome = attempt(&t, &actor, op, n).await;
            let expected = allowed(who, op);
            match (&outcome, expected) {
                (Ok(()), true) | (Err(AppError::Forbidden), false) => {}
                _ => mismatches.push(format!(
                    "{who:?} {op:?}: expected allowed={expected}, got {outcome:?}"
                )),
            }
        }
    }

    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

on_both_backends!(every_actor_gets_exactly_the_permissions_of_the_matrix);

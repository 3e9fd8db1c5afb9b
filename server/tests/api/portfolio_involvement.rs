//! A project's members, participating sites, partners and funding on SQLite and PostgreSQL
//! (issue 12): added and removed by its owner and members only, refused with the field named,
//! nothing half-written, each change audited.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, site_in};
use crate::portfolio_view::{NOW, project_of};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::entities::{audit_log, service_site, user};
use app::portfolio::domain::involvement::{AdditionForm, Part};
use app::portfolio::entities::{
    project, project_funding, project_member, project_partner, project_site,
};
use app::portfolio::service::{MAX_PER_PART, add_to_project, get_project, remove_from_project};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use time::macros::date;

const ADMIN: usize = 0;
const EMPLOYEE: usize = 1;
const REVIEWER: usize = 2;
const COUNCIL: usize = 3;
const MANAGER: usize = 7;

fn member(user: &str) -> AdditionForm {
    AdditionForm {
        part: "members".into(),
        user: user.into(),
        ..Default::default()
    }
}

fn site(id: i32) -> AdditionForm {
    AdditionForm {
        part: "sites".into(),
        site_id: id.to_string(),
        ..Default::default()
    }
}

fn partner(kind: &str, name: &str) -> AdditionForm {
    AdditionForm {
        part: "partners".into(),
        kind: kind.into(),
        name: name.into(),
        ..Default::default()
    }
}

fn funding(source: &str, amount: &str) -> AdditionForm {
    AdditionForm {
        part: "funding".into(),
        source: source.into(),
        amount: amount.into(),
        ..Default::default()
    }
}

/// Rows of the project's four parts and of the audit log, to show nothing was half-written.
async fn footprint(t: &TestDb, project_id: i32) -> [u64; 5] {
    [
        project_member::Entity::find()
            .filter(project_member::Column::ProjectId.eq(project_id))
            .count(&t.db)
            .await
            .unwrap(),
        project_site::Entity::find()
            .filter(project_site::Column::ProjectId.eq(project_id))
            .count(&t.db)
            .await
            .unwrap(),
        project_partner::Entity::find()
            .filter(project_partner::Column::ProjectId.eq(project_id))
            .count(&t.db)
            .await
            .unwrap(),
        project_funding::Entity::find()
            .filter(project_funding::Column::ProjectId.eq(project_id))
            .count(&t.db)
            .await
            .unwrap(),
        audit_log::Entity::find().count(&t.db).await.unwrap(),
    ]
}

fn refused(result: Result<i32, AppError>) -> (String, FieldError, bool) {
    match result {
        Err(AppError::Invalid(errors)) => {
            let (field, error) = errors.into_iter().next().unwrap();
            (field, error, false)
        }
        Err(AppError::Conflict(errors)) => {
            let (field, error) = errors.into_iter().next().unwrap();
            (field, error, true)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn the_owner_adds_people_sites_partners_and_money_and_the_project_shows_them(
    backend: Backend,
) {
    let t = TestDb::with_demo_users(backend).await;
    let id = project_of(&t, "Digital innsjekk", "").await;
    let owner = demo(&t, EMPLOYEE).await;
    let other_site = site_in(&t, "Helse og omsorg").await;

    let reviewer = add_to_project(
        &t.db,
        &owner,
        id,
        member(" FagVurderer@ideverket.example "),
        NOW,
    )
    .await
    .unwrap();
    let added_site = add_to_project(&t.db, &owner, id, site(other_site), NOW)
        .await
        .unwrap();
    let oslomet = add_to_project(&t.db, &owner, id, partner("research", "OsloMet"), NOW)
        .await
        .unwrap();
    let fund = add_to_project(
        &t.db,
        &owner,
        id,
        funding("Innovasjonsfondet", "450 000 kr"),
        NOW,
    )
    .await
    .unwrap();

    let reviewer_actor = demo(&t, REVIEWER).await;
    assert_eq!(Some(reviewer), reviewer_actor.user_id());
    assert_eq!(added_site, other_site);
    let shown = get_project(&t.db, &owner, id).await.unwrap();
    assert!(shown.members.iter().any(|m| m.id == reviewer));
    assert_eq!(
        shown.sites.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![other_site]
    );
    assert_eq!(
        shown
            .partners
            .iter()
            .map(|p| (p.id, p.kind.as_str(), p.name.as_str()))
            .collect::<Vec<_>>(),
        vec![(oslomet, "research", "OsloMet")]
    );
    assert_eq!(
        shown
            .funding
            .iter()
            .map(|f| (f.id, f.source.as_str(), f.amount.0))
            .collect::<Vec<_>>(),
        vec![(fund, "Innovasjonsfondet", 450_000)]
    );
    // The new member may now change the project as the owner may.
    assert!(
        get_project(&t.db, &reviewer_actor, id)
            .await
            .unwrap()
            .editable
    );
    add_to_project(
        &t.db,
        &reviewer_actor,
        id,
        partner("volunteer", "Frivilligsentralen"),
        NOW,
    )
    .await
    .unwrap();
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("project.involvement_added"))
        .filter(audit_log::Column::ObjectId.eq(id.to_string()))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(audited, 5);
}

async fn outsiders_cannot_change_who_is_involved_and_bad_input_writes_nothing(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let id = project_of(&t, "Digital innsjekk", "").await;
    let owner = demo(&t, EMPLOYEE).await;
    let lead_site = project::Entity::find_by_id(id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .lead_site_id;
    add_to_project(
        &t.db,
        &owner,
        id,
        member("innovasjonsrad@ideverket.example"),
        NOW,
    )
    .await
    .unwrap();
    add_to_project(&t.db, &owner, id, partner("business", "Kiosk AS"), NOW)
        .await
        .unwrap();
    let closed = service_site::ActiveModel {
        sector_id: Set(service_site::Entity::find_by_id(lead_site)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap()
            .sector_id),
        name: Set("Nedlagt barnehage".into()),
        active_from: Set(date!(2020 - 01 - 01)),
        closed_on: Set(Some(date!(2026 - 06 - 30))),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let gone = user::Entity::find()
        .filter(user::Column::Email.eq("jury@ideverket.example"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let mut gone: user::ActiveModel = gone.into();
    gone.active = Set(false);
    gone.update(&t.db).await.unwrap();
    let before = footprint(&t, id).await;

    // Outsiders, whatever their role, may neither add nor remove; a visitor neither.
    for who in [
        demo(&t, MANAGER).await,
        demo(&t, REVIEWER).await,
        Actor::Anonymous,
    ] {
        assert_eq!(
            add_to_project(&t.db, &who, id, partner("research", "NTNU"), NOW).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            remove_from_project(&t.db, &who, id, Part::Partners, 1, NOW).await,
            Err(AppError::Forbidden)
        );
    }
    // 403 before 422: an outsider's bad input is not even read.
    assert_eq!(
        add_to_project(&t.db, &demo(&t, MANAGER).await, id, funding("", "-1"), NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        add_to_project(&t.db, &owner, 999_999, partner("research", "NTNU"), NOW).await,
        Err(AppError::NotFound)
    );

    let cases = [
        (
            member("ukjent@ideverket.example"),
            "user",
            FieldError::UnknownUser,
            false,
        ),
        (
            member("jury@ideverket.example"),
            "user",
            FieldError::UnknownUser,
            false,
        ),
        (
            member("ansatt@ideverket.example"),
            "user",
            FieldError::Taken,
            true,
        ),
        (
            member("INNOVASJONSRAD@ideverket.example"),
            "user",
            FieldError::Taken,
            true,
        ),
        (member("kari"), "user", FieldError::UnknownUser, false),
        (member("kari@"), "user", FieldError::InvalidEmail, false),
        (site(lead_site), "site_id", FieldError::LeadSite, false),
        (
            site(closed.id),
            "site_id",
            FieldError::UnknownReference,
            false,
        ),
        (
            site(999_999),
            "site_id",
            FieldError::UnknownReference,
            false,
        ),
        (
            partner(" business ", "  KIOSK  as "),
            "name",
            FieldError::Taken,
            true,
        ),
        (
            partner("venner", "Kiosk AS"),
            "kind",
            FieldError::InvalidChoice,
            false,
        ),
        (
            funding("Fondet", "0"),
            "amount",
            FieldError::OutOfRange,
            false,
        ),
        (
            funding("Fondet", "-250"),
            "amount",
            FieldError::InvalidNumber,
            false,
        ),
        (
            funding("Fondet", "12,5"),
            "amount",
            FieldError::InvalidNumber,
            false,
        ),
        (funding(" ", "100"), "source", FieldError::Required, false),
    ];
    for (form, field, error, conflict) in cases {
        let what = format!("{form:?}");
        let got = refused(add_to_project(&t.db, &owner, id, form, NOW).await);
        assert_eq!(got, (field.to_owned(), error, conflict), "{what}");
    }
    assert_eq!(
        remove_from_project(
            &t.db,
            &owner,
            id,
            Part::Members,
            owner.user_id().unwrap(),
            NOW
        )
        .await,
        Err(AppError::invalid("user", FieldError::ProjectOwner))
    );
    assert_eq!(footprint(&t, id).await, before, "nothing half-written");
}

async fn removing_is_scoped_to_the_project_and_may_be_repeated(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let mine = project_of(&t, "Digital innsjekk", "").await;
    let theirs = project_of(&t, "Lånesykler", "").await;
    let owner = demo(&t, EMPLOYEE).await;
    let council = demo(&t, COUNCIL).await;
    add_to_project(
        &t.db,
        &owner,
        mine,
        member("innovasjonsrad@ideverket.example"),
        NOW,
    )
    .await
    .unwrap();
    let my_partner = add_to_project(&t.db, &owner, mine, partner("research", "OsloMet"), NOW)
        .await
        .unwrap();
    let their_partner = add_to_project(&t.db, &owner, theirs, partner("research", "NTNU"), NOW)
        .await
        .unwrap();
    let their_money = add_to_project(&t.db, &owner, theirs, funding("Fondet", "1000"), NOW)
        .await
        .unwrap();
    let other_site = site_in(&t, "Helse og omsorg").await;
    add_to_project(&t.db, &owner, mine, site(other_site), NOW)
        .await
        .unwrap();

    // Another project's partner or money cannot be removed through this one.
    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Partners, their_partner, NOW).await,
        Ok(false)
    );
    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Funding, their_money, NOW).await,
        Ok(false)
    );
    let theirs_now = get_project(&t.db, &owner, theirs).await.unwrap();
    assert_eq!(
        (theirs_now.partners.len(), theirs_now.funding.len()),
        (1, 1)
    );

    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Partners, my_partner, NOW).await,
        Ok(true)
    );
    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Partners, my_partner, NOW).await,
        Ok(false),
        "a repeated removal changes nothing"
    );
    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Sites, other_site, NOW).await,
        Ok(true)
    );
    // A removed member can no longer change the project.
    let council_id = council.user_id().unwrap();
    assert_eq!(
        remove_from_project(&t.db, &owner, mine, Part::Members, council_id, NOW).await,
        Ok(true)
    );
    assert_eq!(
        add_to_project(&t.db, &council, mine, partner("research", "UiO"), NOW).await,
        Err(AppError::Forbidden)
    );
    let shown = get_project(&t.db, &owner, mine).await.unwrap();
    assert!(shown.partners.is_empty() && shown.sites.is_empty());
    assert!(!shown.members.iter().any(|m| m.id == council_id));
    // An admin may change any project.
    add_to_project(
        &t.db,
        &demo(&t, ADMIN).await,
        mine,
        partner("research", "UiO"),
        NOW,
    )
    .await
    .unwrap();
    let removed = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("project.involvement_removed"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(removed, 3, "only what was removed is recorded");
}

async fn a_project_takes_at_most_a_hundred_of_each_part(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let id = project_of(&t, "Digital innsjekk", "").await;
    let owner = demo(&t, EMPLOYEE).await;
    let many: Vec<project_funding::ActiveModel> = (1..=MAX_PER_PART)
        .map(|n| project_funding::ActiveModel {
            project_id: Set(id),
            source: Set(format!("Kilde {n}")),
            amount_nok: Set(1_000),
            ..Default::default()
        })
        .collect();
    project_funding::Entity::insert_many(many)
        .exec(&t.db)
        .await
        .unwrap();
    assert_eq!(
        add_to_project(&t.db, &owner, id, funding("Én til", "1000"), NOW).await,
        Err(AppError::invalid("source", FieldError::TooMany))
    );
    // The other parts have their own room.
    add_to_project(&t.db, &owner, id, partner("research", "OsloMet"), NOW)
        .await
        .unwrap();
}

on_both_backends!(
    the_owner_adds_people_sites_partners_and_money_and_the_project_shows_them,
    outsiders_cannot_change_who_is_involved_and_bad_input_writes_nothing,
    removing_is_scoped_to_the_project_and_may_be_repeated,
    a_project_takes_at_most_a_hundred_of_each_part,
);

//! A user's own-data export (DESIGN §9, GDPR art. 15 and 20; issue 25): every feature answers
//! for its own part, so the export of a user active in every feature holds every part, and
//! another user's export holds none of it.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::entities::notification;
use app::lup::entities::{lup_attendance, lup_gathering, lup_group, lup_group_member, lup_target};
use app::portfolio::entities::{
    benefit, benefit_measurement, idea, idea_comment, idea_support, phase_change, project_member,
};
use app::prize::entities::{prize_ballot, prize_nomination, prize_people_vote};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-12-03 11:00 UTC);
const EMPLOYEE: usize = 1;
const MANAGER: usize = 7;
/// The employee's comment, found in their export only.
const MARKER: &str = "Dette har vi prøvd på legevakten i Sandvika.";

/// The first row of a table, by its order.
macro_rules! first {
    ($t:expr, $entity:ident, $column:ident) => {
        $entity::Entity::find()
            .order_by_asc($entity::Column::$column)
            .one(&$t.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("the demo has a {}", stringify!($entity)))
    };
}

/// The demo (organisation, users, portfolio, LUP, prize), and the employee `user` made a
/// part of every feature: an idea, a support and a comment; a project and a benefit; a
/// leader group with attendance and a coverage target; a nomination made and one received, a
/// ballot and a people's-choice vote; a notification; and, as the one who wrote or decided
/// it, an idea's decision, a phase change and a benefit measurement.
async fn active_everywhere(t: &TestDb, user: i32) {
    let system = Actor::System;
    app::portfolio::service::seed_demo_portfolio(&t.db, &system, 12, NOW)
        .await
        .unwrap();
    app::lup::service::seed_demo_lup(&t.db, &system, NOW)
        .await
        .unwrap();
    app::prize::service::seed_demo_prize(&t.db, &system, NOW)
        .await
        .unwrap();

    let mut an_idea = first!(t, idea, Id).into_active_model();
    an_idea.submitted_by = Set(user);
    let an_idea = an_idea.update(&t.db).await.unwrap();
    idea_support::ActiveModel {
        idea_id: Set(an_idea.id),
        user_id: Set(user),
        created_at: Set(NOW),
    }
    .insert(&t.db)
    .await
    .unwrap();
    idea_comment::ActiveModel {
        idea_id: Set(an_idea.id),
        author_id: Set(user),
        body: Set(MARKER.into()),
        created_at: Set(NOW),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let mut a_benefit = first!(t, benefit, Id).into_active_model();
    a_benefit.responsible_user_id = Set(user);
    let a_benefit = a_benefit.update(&t.db).await.unwrap();
    project_member::ActiveModel {
        project_id: Set(a_benefit.project_id),
        user_id: Set(user),
    }
    .insert(&t.db)
    .await
    .unwrap();

    let gathering = first!(t, lup_gathering, Id);
    let group = lup_group::Entity::find()
        .order_by_asc(lup_group::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.cohort_id == gathering.cohort_id)
        .expect("a group in the gathering's cohort");
    let member = lup_group_member::ActiveModel {
        group_id: Set(group.id),
        user_id: Set(Some(user)),
        guest_name: Set(None),
        guest_organisation: Set(None),
        role: Set("enthusiast".into()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    lup_attendance::ActiveModel {
        gathering_id: Set(gathering.id),
        member_id: Set(member.id),
        present: Set(true),
    }
    .insert(&t.db)
    .await
    .unwrap();

    let nominations = prize_nomination::Entity::find()
        .order_by_asc(prize_nomination::Column::Id)
        .all(&t.db)
        .await
        .unwrap();
    let mut made = nominations[0].clone().into_active_model();
    made.nominator_id = Set(user);
    made.update(&t.db).await.unwrap();
    let mut received = nominations[1].clone().into_active_model();
    received.nominee_user_id = Set(Some(user));
    received.update(&t.db).await.unwrap();
    let mut ballot = first!(t, prize_ballot, Id).into_active_model();
    ballot.juror_id = Set(user);
    ballot.update(&t.db).await.unwrap();
    prize_people_vote::ActiveModel {
        category_id: Set(nominations[2].category_id),
        user_id: Set(user),
        nomination_id: Set(nominations[2].id),
        updated_at: Set(NOW),
    }
    .insert(&t.db)
    .await
    .unwrap();
    let mut decision = idea::Entity::find()
        .filter(idea::Column::DecidedBy.is_not_null())
        .order_by_asc(idea::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .expect("the demo has a decided idea")
        .into_active_model();
    decision.decided_by = Set(Some(user));
    decision.update(&t.db).await.unwrap();
    let mut change = first!(t, phase_change, Id).into_active_model();
    change.changed_by = Set(Some(user));
    change.update(&t.db).await.unwrap();
    let mut measurement = first!(t, benefit_measurement, Id).into_active_model();
    measurement.recorded_by = Set(Some(user));
    measurement.update(&t.db).await.unwrap();
    let mut target = first!(t, lup_target, Id).into_active_model();
    target.created_by = Set(Some(user));
    target.update(&t.db).await.unwrap();
    notification::ActiveModel {
        user_id: Set(user),
        kind: Set("idea_decided".into()),
        subject: Set(an_idea.title.clone()),
        status: Set("accepted".into()),
        detail: Set(String::new()),
        link: Set(format!("/ideer/{}", an_idea.id)),
        created_at: Set(NOW),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    app::entities::mail_opt_out::ActiveModel {
        user_id: Set(user),
        kind: Set("report_due".into()),
    }
    .insert(&t.db)
    .await
    .unwrap();
}

/// The number of entries under `path` ("lup/attendance") of an export.
fn count(export: &serde_json::Value, path: &str) -> usize {
    let at = path.split('/').fold(export, |v, key| &v[key]);
    at.as_array()
        .unwrap_or_else(|| panic!("{path} is a list in {export:#}"))
        .len()
}

/// Every part a user active in every feature has, by feature.
const PARTS: &[&str] = &[
    "portfolio/ideas",
    "portfolio/supported_ideas",
    "portfolio/comments",
    "portfolio/projects",
    "portfolio/benefits_responsible",
    "portfolio/ideas_decided",
    "portfolio/phase_changes",
    "portfolio/measurements_recorded",
    "lup/group_memberships",
    "lup/attendance",
    "lup/targets_set",
    "prize/nominations_made",
    "prize/nominations_received",
    "prize/ballots",
    "prize/peoples_choice_votes",
    "notifications/notifications",
    "notifications/no_email_for",
    "activity",
];

async fn the_export_of_a_user_active_in_every_feature_holds_every_part(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let employee = demo(&t, EMPLOYEE).await;
    let user = employee.user_id().unwrap();
    active_everywhere(&t, user).await;

    let export = app::registry::export_own_data(&t.db, &employee, NOW)
        .await
        .unwrap();

    let missing: Vec<&str> = PARTS
        .iter()
        .copied()
        .filter(|p| count(&export, p) == 0)
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {export:#}");
    assert_eq!(export["account"]["id"], user);
    let ballot = &export["prize"]["ballots"][0];
    assert!(
        count(ballot, "scores") > 0,
        "a ballot holds its scores: {ballot:#}"
    );
    assert_eq!(export["lup"]["attendance"][0]["present"], true);
    // Every registered feature with personal data has its part, under its own key.
    for feature in app::registry::FEATURES {
        if let app::feature::OwnData::Section(_) = feature.own_data {
            assert!(
                export.get(feature.key).is_some(),
                "{} has no part",
                feature.key
            );
        }
    }
    // Their own ballots only, each with its scores; their nominations with their own words.
    let own_ballots = prize_ballot::Entity::find()
        .filter(prize_ballot::Column::JurorId.eq(user))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(count(&export, "prize/ballots") as u64, own_ballots);
    assert!(count(&export["prize"]["nominations_made"][0], "justification") > 0);
    // How the jury scored a nomination naming them, and its nominator's words, are not theirs.
    let received = &export["prize"]["nominations_received"][0];
    assert!(received.get("justification").is_none() && received.get("scores").is_none());

    // Another user's export holds none of it (colleagues in one leader group share its
    // gatherings, so rows are compared by what only this user wrote).
    let manager = demo(&t, MANAGER).await;
    let theirs = app::registry::export_own_data(&t.db, &manager, NOW)
        .await
        .unwrap();
    assert_ne!(theirs["account"]["id"], user);
    let text = theirs.to_string();
    assert!(
        !text.contains(MARKER),
        "the manager's export holds the employee's comment"
    );
    assert!(count(&export, "prize/ballots") > count(&theirs, "prize/ballots"));
}

/// DESIGN §9: anonymising a departed user reaches the features that keep their name as text
/// (a nomination's nominee), in the same transaction as the account; the others refer to
/// them by id, so they show the account's new name.
async fn anonymising_a_user_replaces_their_name_in_every_feature(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let employee = demo(&t, EMPLOYEE).await;
    let user = employee.user_id().unwrap();
    active_everywhere(&t, user).await;
    let admin = demo(&t, 0).await;
    let named = |t: &TestDb| {
        let db = t.db.clone();
        async move {
            prize_nomination::Entity::find()
                .filter(prize_nomination::Column::NomineeUserId.eq(user))
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|n| n.nominee)
                .collect::<Vec<String>>()
        }
    };
    let before = named(&t).await;
    assert_eq!(before.len(), 1);
    let new_name = app::users::domain::anonymised_name(user);
    assert_ne!(
        before,
        vec![new_name.clone()],
        "the demo nominee has a real name"
    );

    app::users::service::anonymise_user(
        &t.db,
        &admin,
        user,
        app::users::domain::Confirmed,
        &app::registry::anonymisers(),
        NOW,
    )
    .await
    .unwrap();

    assert_eq!(named(&t).await, vec![new_name.clone()]);
    let account = app::entities::user::Entity::find_by_id(user)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.name, new_name);
    // Messages to the departed person (the nominee's carries their name) are gone.
    let left = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(left, 0);

    // A user anonymised before a feature had its part gets it by being anonymised again.
    prize_nomination::Entity::update_many()
        .col_expr(
            prize_nomination::Column::Nominee,
            sea_orm::sea_query::Expr::value(before[0].clone()),
        )
        .filter(prize_nomination::Column::NomineeUserId.eq(user))
        .exec(&t.db)
        .await
        .unwrap();
    app::users::service::anonymise_user(
        &t.db,
        &admin,
        user,
        app::users::domain::Confirmed,
        &app::registry::anonymisers(),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(named(&t).await, vec![new_name.clone()]);
}

/// Changes others made that concern a user are stored under what they changed (a project, a
/// cohort, a prize category); the user's export finds them there too (issue 25).
async fn the_export_holds_the_changes_others_made_about_the_user(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let subject = demo(&t, MANAGER).await;
    let user = subject.user_id().unwrap();
    let email = app::auth::demo::DEMO_USERS[MANAGER].email;
    let admin = demo(&t, 0).await;
    app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::System, 3, NOW)
        .await
        .unwrap();
    let project = app::portfolio::entities::project::Entity::find()
        .filter(app::portfolio::entities::project::Column::OwnerId.ne(user))
        .order_by_asc(app::portfolio::entities::project::Column::Id)
        .one(&t.db)
        .await
        .unwrap()
        .expect("a demo project someone else owns");
    let member = app::portfolio::domain::involvement::AdditionForm {
        part: "members".into(),
        user: email.into(),
        ..Default::default()
    };
    app::portfolio::service::add_to_project(&t.db, &admin, project.id, member, NOW)
        .await
        .unwrap();
    let cohort = app::lup::domain::cohort::CohortForm {
        name: "Kull vår 2027".into(),
        starts_on: "2027-01-10".into(),
        ends_on: "2027-06-10".into(),
        capacity: "3".into(),
        min_attendance_percent: String::new(),
        supervisors: email.into(),
    };
    app::lup::service::create_cohort(&t.db, &admin, cohort, NOW)
        .await
        .unwrap();
    let year = app::prize::service::create_year(
        &t.db,
        &admin,
        app::prize::domain::year::YearForm {
            year: "2031".into(),
            nominations_open: "2031-01-01T09:00:00Z".into(),
            nominations_close: "2031-02-01T09:00:00Z".into(),
            jury_deadline: "2031-03-01T09:00:00Z".into(),
            award_date: "2031-04-01".into(),
            peoples_choice: false,
        },
        NOW,
    )
    .await
    .unwrap();
    let category = app::prize::domain::category::CategoryForm {
        name: "Beste feil".into(),
        criteria: "Nyhetsverdi: 1".into(),
        jury: email.into(),
        chair: email.into(),
    };
    app::prize::service::create_category(&t.db, &admin, year, category, NOW)
        .await
        .unwrap();

    let export = app::registry::export_own_data(&t.db, &subject, NOW)
        .await
        .unwrap();
    let about_them: Vec<&str> = export["activity"]
        .as_array()
        .expect("activity is a list")
        .iter()
        .filter(|row| row["by_me"] == false)
        .filter_map(|row| row["action"].as_str())
        .collect();
    for action in [
        "project.involvement_added",
        "lup.cohort_created",
        "prize.category_created",
    ] {
        assert!(
            about_them.contains(&action),
            "{action} is missing from {about_them:?}"
        );
    }
    // The admin's export has the same rows as things they did; another user's has none.
    let other = demo(&t, EMPLOYEE).await;
    let theirs = app::registry::export_own_data(&t.db, &other, NOW)
        .await
        .unwrap();
    let text = theirs["activity"].to_string();
    assert!(!text.contains("lup.cohort_created") && !text.contains("prize.category_created"));
}

on_both_backends!(
    the_export_of_a_user_active_in_every_feature_holds_every_part,
    the_export_holds_the_changes_others_made_about_the_user,
    anonymising_a_user_replaces_their_name_in_every_feature,
);

//! Rules that count or check before they write, under 20 concurrent requests (issue 23). On
//! PostgreSQL, before the fix, a cohort of capacity 3 took 4–6 groups, one phase step was
//! stored 4 times, a partner twice, and the losers of a unique index got 500. Each write now
//! takes turns on its parent row (`core::txn::find_locked`) or is one statement, and a lost
//! race is a refusal the person can read, never `Internal`. Run on both backends; PostgreSQL
//! is the one that tells.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, race};
use crate::lup_service::{COORDINATOR, EMPLOYEE, NOW, cohort_form, new_cohort, sites_of};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::lup::entities::{lup_group, lup_group_member};
use app::portfolio::domain::idea::IdeaForm;
use app::portfolio::domain::involvement::AdditionForm;
use app::portfolio::entities::{idea, phase_change, project, project_partner};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const N: usize = 20;
const MANAGER: usize = 7;

/// The outcomes' refusals, each as (field, error); panics on anything but a clear refusal.
fn refusals<T: std::fmt::Debug>(outcomes: &[Result<T, AppError>]) -> Vec<(String, FieldError)> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            Ok(_) => None,
            Err(AppError::Conflict(e) | AppError::Invalid(e)) if e.len() == 1 => {
                e.iter().next().map(|(f, v)| (f.clone(), *v))
            }
            Err(other) => panic!("a lost race answered {other:?}, not a refusal"),
        })
        .collect()
}

fn wins<T>(outcomes: &[Result<T, AppError>]) -> usize {
    outcomes.iter().filter(|o| o.is_ok()).count()
}

async fn a_cohort_of_three_takes_three_groups_however_many_enrol_at_once(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let cohort = new_cohort(&t, &coordinator, "Kull 1", "2026-01-05", "2026-06-30").await;
    let sites = sites_of(&t, "Oppvekst skole", N as u64).await;
    assert_eq!(sites.len(), N);
    let outcomes = race(N, |i| {
        let (db, who, site) = (t.db.clone(), coordinator.clone(), sites[i].id);
        async move {
            app::lup::service::enrol_group(&db, &who, &cohort.to_string(), &site.to_string(), NOW)
                .await
        }
    })
    .await;
    let stored = lup_group::Entity::find()
        .filter(lup_group::Column::CohortId.eq(cohort))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(stored, 3, "the capacity");
    assert_eq!(wins(&outcomes), 3);
    assert!(
        refusals(&outcomes)
            .iter()
            .all(|r| *r == ("cohort_id".to_owned(), FieldError::CohortFull)),
        "{outcomes:?}"
    );

    // One site enrolled by 20 requests at once: one group, 19 clear refusals.
    let second = new_cohort(&t, &coordinator, "Kull 2", "2026-08-03", "2026-12-18").await;
    let site = sites[0].id;
    let outcomes = race(N, |_| {
        let (db, who) = (t.db.clone(), coordinator.clone());
        async move {
            app::lup::service::enrol_group(&db, &who, &second.to_string(), &site.to_string(), NOW)
                .await
        }
    })
    .await;
    assert_eq!(wins(&outcomes), 1);
    assert_eq!(refusals(&outcomes).len(), N - 1);

    // One person added to a group 20 times at once: one membership.
    let group = outcomes.iter().find_map(|o| o.clone().ok()).unwrap();
    let fields = app::users::domain::NewUserFields::parse(
        "Lise Leder",
        "lise.leder@baerum.example",
        Some(site),
        &[],
    )
    .unwrap();
    let leader = app::users::service::create_user(
        &t.db,
        &Actor::System,
        fields,
        "Blåbær-syltetøy-på-Fornebu",
        NOW,
    )
    .await
    .unwrap();
    let outcomes = race(N, |_| {
        let (db, who) = (t.db.clone(), coordinator.clone());
        let form = app::lup::domain::member::MemberForm {
            role: "leader".into(),
            email: leader.email.clone(),
            ..Default::default()
        };
        async move { app::lup::service::add_group_member(&db, &who, group, form, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert_eq!(refusals(&outcomes).len(), N - 1);
    let members = lup_group_member::Entity::find()
        .filter(lup_group_member::Column::GroupId.eq(group))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(members, 1);
}

/// A project owned by the demo employee (accepted from an idea by the manager).
async fn a_project(t: &TestDb) -> (i32, Actor) {
    let id = crate::portfolio_view::project_of(t, "Digital innsjekk", "").await;
    (id, demo(t, EMPLOYEE).await)
}

async fn one_phase_step_and_one_partner_however_many_ask_at_once(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let (id, owner) = a_project(&t).await;
    let steps_before = phase_change::Entity::find()
        .filter(phase_change::Column::ProjectId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    let outcomes = race(N, |_| {
        let (db, who) = (t.db.clone(), owner.clone());
        async move {
            app::portfolio::service::change_phase(&db, &who, id, "innsikt_og_ide", "", NOW).await
        }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert_eq!(refusals(&outcomes).len(), N - 1);
    let steps = phase_change::Entity::find()
        .filter(phase_change::Column::ProjectId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(steps, steps_before + 1, "one step stored");

    let outcomes = race(N, |i| {
        let (db, who) = (t.db.clone(), owner.clone());
        // The same name as people type it: case and spaces differ.
        let name = if i.is_multiple_of(2) {
            "Samme AS"
        } else {
            " samme as "
        };
        let form = AdditionForm {
            part: "partners".into(),
            kind: "business".into(),
            name: name.into(),
            ..Default::default()
        };
        async move { app::portfolio::service::add_to_project(&db, &who, id, form, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert!(
        refusals(&outcomes)
            .iter()
            .all(|r| *r == ("name".to_owned(), FieldError::Taken))
    );
    let partners = project_partner::Entity::find()
        .filter(project_partner::Column::ProjectId.eq(id))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(partners, 1);

    let other = sites_of(&t, "Helse og omsorg", 1).await[0].id;
    let outcomes = race(N, |_| {
        let (db, who) = (t.db.clone(), owner.clone());
        let form = AdditionForm {
            part: "sites".into(),
            site_id: other.to_string(),
            ..Default::default()
        };
        async move { app::portfolio::service::add_to_project(&db, &who, id, form, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert_eq!(refusals(&outcomes).len(), N - 1);
}

async fn an_idea_accepted_by_twenty_at_once_makes_one_project(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let site = crate::common::site_in(&t, "Oppvekst skole").await;
    let form = IdeaForm {
        title: "Felles vikarpool".into(),
        problem: "Mange korte vikariater.".into(),
        proposal: "En pool for hele sektoren.".into(),
        site_id: site.to_string(),
        ..Default::default()
    };
    let submitted =
        app::portfolio::service::submit_idea(&t.db, &demo(&t, EMPLOYEE).await, form, NOW)
            .await
            .unwrap();
    let manager = demo(&t, MANAGER).await;
    let projects_before = project::Entity::find().count(&t.db).await.unwrap();
    let outcomes = race(N, |_| {
        let (db, who, idea_id) = (t.db.clone(), manager.clone(), submitted.id);
        async move {
            app::portfolio::service::assess_idea(&db, &who, idea_id, "accepted", "Ja", NOW).await
        }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert_eq!(refusals(&outcomes).len(), N - 1);
    assert_eq!(
        project::Entity::find().count(&t.db).await.unwrap(),
        projects_before + 1
    );
    let stored = idea::Entity::find_by_id(submitted.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "accepted");
}

async fn twenty_peoples_choice_votes_at_once_leave_one_vote(backend: Backend) {
    use crate::prize_service::{AFTER_CLOSE, judging_finalists};
    let t = TestDb::with_demo_users(backend).await;
    let finalists = judging_finalists(&t, 2).await;
    let voter = demo(&t, EMPLOYEE).await;
    let outcomes =
        race(N, |i| {
            let (db, who, nomination) = (t.db.clone(), voter.clone(), finalists[i % 2]);
            async move {
                app::prize::service::cast_people_vote(&db, &who, nomination, AFTER_CLOSE).await
            }
        })
        .await;
    assert_eq!(wins(&outcomes), N, "a changeable vote: {outcomes:?}");
    let votes = app::prize::entities::prize_people_vote::Entity::find()
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(votes, 1, "one vote per employee and category");
}

async fn a_finalist_removed_while_jurors_vote_keeps_no_ballot(backend: Backend) {
    use crate::prize_service::{AFTER_CLOSE, COMMITTEE, JUROR, ballot, judging_finalists};
    use app::prize::domain::nomination::ShortlistInput;
    let t = TestDb::with_demo_users(backend).await;
    let finalists = judging_finalists(&t, 2).await;
    let (kept, removed) = (finalists[0], finalists[1]);
    let category = app::prize::entities::prize_nomination::Entity::find_by_id(kept)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .category_id;
    let (committee, juror) = (demo(&t, COMMITTEE).await, demo(&t, JUROR).await);
    let scores = ballot(&t, removed, "4").await;
    // Half the requests score the finalist, half shortlist without it.
    let outcomes = race(N, |i| {
        let (db, committee, juror, scores) = (
            t.db.clone(),
            committee.clone(),
            juror.clone(),
            scores.clone(),
        );
        async move {
            if i.is_multiple_of(2) {
                app::prize::service::cast_ballot(&db, &juror, removed, scores, AFTER_CLOSE)
                    .await
                    .map(drop)
            } else {
                let pick = ShortlistInput {
                    nomination_ids: vec![kept.into()],
                    statements: Default::default(),
                };
                app::prize::service::shortlist(&db, &committee, category, pick, AFTER_CLOSE).await
            }
        }
    })
    .await;
    refusals(&outcomes);
    let still = app::prize::entities::prize_nomination::Entity::find_by_id(removed)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .finalist;
    let ballots = app::prize::entities::prize_ballot::Entity::find()
        .filter(app::prize::entities::prize_ballot::Column::NominationId.eq(removed))
        .count(&t.db)
        .await
        .unwrap();
    assert!(
        still || ballots == 0,
        "a ballot for a nomination that is no finalist: {outcomes:?}"
    );
}

async fn twenty_guesses_at_once_get_no_more_tries_than_the_limit(backend: Backend) {
    use app::auth::domain::MAX_FAILURES_PER_ACCOUNT;
    use app::core::error::SignInRefusal;
    let t = TestDb::with_demo_users(backend).await;
    let email = app::auth::demo::DEMO_USERS[EMPLOYEE].email;
    let outcomes = race(N, |i| {
        let db = t.db.clone();
        async move {
            let guess = format!("gjetning-{i}");
            app::auth::sign_in::authenticate(&db, email, &guess, "203.0.113.9", NOW).await
        }
    })
    .await;
    let answers: Vec<Result<(), SignInRefusal>> = outcomes
        .into_iter()
        .map(|o| o.expect("no internal error").map(drop))
        .collect();
    let wrong = answers
        .iter()
        .filter(|a| **a == Err(SignInRefusal::WrongCredentials))
        .count();
    let blocked = answers
        .iter()
        .filter(|a| matches!(a, Err(SignInRefusal::TooManyAttempts { .. })))
        .count();
    assert_eq!(wrong as u64, MAX_FAILURES_PER_ACCOUNT, "{answers:?}");
    assert_eq!(blocked, N - wrong);
    let stored = app::entities::login_failure::Entity::find()
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(stored, MAX_FAILURES_PER_ACCOUNT);
    // The right password from the same address waits too; from another address it opens.
    let right = app::auth::demo::DEMO_PASSWORD;
    let here = app::auth::sign_in::authenticate(&t.db, email, right, "203.0.113.9", NOW).await;
    assert!(
        matches!(here, Ok(Err(SignInRefusal::TooManyAttempts { .. }))),
        "{here:?}"
    );
    let elsewhere =
        app::auth::sign_in::authenticate(&t.db, email, right, "198.51.100.4", NOW).await;
    assert!(matches!(elsewhere, Ok(Ok(_))), "{elsewhere:?}");
    assert_eq!(
        app::entities::login_failure::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        0,
        "a right password clears the account's failures"
    );
}

async fn a_name_typed_twenty_ways_at_once_is_taken_once(backend: Backend) {
    use crate::prize_service::{COMMITTEE, category_form, year_form};
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    // Case and spaces differ; names compare without them.
    let spelt = |i: usize, name: &str| {
        if i.is_multiple_of(2) {
            name.to_owned()
        } else {
            format!("  {} ", name.to_uppercase())
        }
    };
    let outcomes = race(N, |i| {
        let (db, who) = (t.db.clone(), coordinator.clone());
        let form = cohort_form(&spelt(i, "Kull Vår"), "2027-01-04", "2027-06-30", "");
        async move { app::lup::service::create_cohort(&db, &who, form, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert!(
        refusals(&outcomes)
            .iter()
            .all(|r| *r == ("name".to_owned(), FieldError::Taken))
    );

    let outcomes = race(N, |i| {
        let db = t.db.clone();
        let name = app::org::domain::NewSector::parse(&spelt(i, "Ny sektor")).unwrap();
        async move { app::org::service::create_sector(&db, &Actor::System, name, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert_eq!(refusals(&outcomes).len(), N - 1);

    let committee = demo(&t, COMMITTEE).await;
    let year = app::prize::service::create_year(&t.db, &committee, year_form("2032"), NOW)
        .await
        .unwrap();
    let outcomes = race(N, |i| {
        let (db, who) = (t.db.clone(), committee.clone());
        let form = category_form(&spelt(i, "Stjæl med stil"));
        async move { app::prize::service::create_category(&db, &who, year, form, NOW).await }
    })
    .await;
    assert_eq!(wins(&outcomes), 1, "{outcomes:?}");
    assert!(
        refusals(&outcomes)
            .iter()
            .all(|r| *r == ("name".to_owned(), FieldError::Taken))
    );
}

async fn an_owner_never_holds_more_tokens_than_the_cap(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let owner = demo(&t, EMPLOYEE).await;
    let outcomes = race(N + 5, |i| {
        let (db, who) = (t.db.clone(), owner.clone());
        async move {
            app::auth::tokens::create_own_token(&db, &who, &format!("Integrasjon {i}"), NOW).await
        }
    })
    .await;
    let active = app::entities::api_token::Entity::find()
        .filter(app::entities::api_token::Column::UserId.eq(owner.user_id().unwrap()))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(active, app::auth::tokens::MAX_TOKENS_PER_USER);
    assert_eq!(wins(&outcomes) as u64, active);
    assert!(
        refusals(&outcomes)
            .iter()
            .all(|r| *r == ("name".to_owned(), FieldError::TooMany))
    );
}

on_both_backends!(
    a_cohort_of_three_takes_three_groups_however_many_enrol_at_once,
    one_phase_step_and_one_partner_however_many_ask_at_once,
    an_idea_accepted_by_twenty_at_once_makes_one_project,
    twenty_peoples_choice_votes_at_once_leave_one_vote,
    a_finalist_removed_while_jurors_vote_keeps_no_ballot,
    twenty_guesses_at_once_get_no_more_tries_than_the_limit,
    a_name_typed_twenty_ways_at_once_is_taken_once,
    an_owner_never_holds_more_tokens_than_the_cap,
);

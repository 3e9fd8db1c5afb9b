//! "My tasks" across the strands (issue 30) on SQLite and PostgreSQL: each person's list
//! holds what they have to do and loses it once done, and nobody sees another's.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, site_in};
use crate::portfolio_view::project_of;
use crate::prize_service::{
    AFTER_CLOSE, COMMITTEE, COUNCIL, EMPLOYEE, JUROR, NOW, REVIEWER, ballot, category_form,
    nomination, other_site, year_form,
};
use app::auth::Actor;
use app::feature::tasks::{Task, TaskKind};
use app::portfolio::domain::benefit::BenefitForm;
use app::portfolio::domain::idea::IdeaForm;
use app::prize::domain::nomination::ShortlistInput;
use app::prize::service as prize;
use std::collections::BTreeMap;
use time::OffsetDateTime;

async fn tasks(t: &TestDb, who: &Actor, now: OffsetDateTime) -> Vec<Task> {
    app::registry::my_tasks(&t.db, who, now).await.unwrap()
}

fn titles(tasks: &[Task], kind: TaskKind) -> Vec<String> {
    tasks
        .iter()
        .filter(|t| t.kind == kind)
        .map(|t| t.title.clone())
        .collect()
}

async fn each_person_sees_their_own_tasks_until_they_are_done(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let employee = demo(&t, EMPLOYEE).await;
    let council = demo(&t, COUNCIL).await;
    let juror = demo(&t, JUROR).await;
    assert!(tasks(&t, &Actor::Anonymous, NOW).await.is_empty());

    // The portfolio: the employee's project, and a benefit they answer for, unmeasured.
    let project = project_of(&t, "Digital innsjekk", "digitalisering").await;
    let benefit = app::portfolio::service::add_benefit(
        &t.db,
        &employee,
        project,
        BenefitForm {
            kind: "hours".into(),
            description: "Frigjorte timer i skranken".into(),
            unit: String::new(),
            baseline: "0".into(),
            target: "600".into(),
            target_date: "2027-12-31".into(),
            responsible_user_id: employee.user_id().unwrap().to_string(),
        },
        NOW,
    )
    .await
    .unwrap();
    // A new idea waits for the council's assessment, not for its own submitter's.
    let site = site_in(&t, "Oppvekst skole").await;
    app::portfolio::service::submit_idea(
        &t.db,
        &employee,
        IdeaForm {
            title: "Lån ut el-sykler".into(),
            problem: "Mange korte bilturer.".into(),
            proposal: "Et utlån ved rådhuset.".into(),
            expected_gain: String::new(),
            site_id: site.to_string(),
            tags: String::new(),
            sdgs: vec![],
        },
        NOW,
    )
    .await
    .unwrap();
    let mine = tasks(&t, &employee, NOW).await;
    assert_eq!(titles(&mine, TaskKind::OwnProject), ["Digital innsjekk"]);
    assert_eq!(
        titles(&mine, TaskKind::MeasureBenefit),
        ["Frigjorte timer i skranken (Digital innsjekk)"]
    );
    assert!(
        titles(&mine, TaskKind::AssessIdea).is_empty(),
        "not one's own idea"
    );
    assert_eq!(
        titles(&tasks(&t, &council, NOW).await, TaskKind::AssessIdea),
        ["Lån ut el-sykler"]
    );
    assert!(titles(&tasks(&t, &council, NOW).await, TaskKind::OwnProject).is_empty());
    app::portfolio::service::add_measurement(
        &t.db,
        &employee,
        benefit.id,
        "2026-12-01",
        "120",
        NOW,
    )
    .await
    .unwrap();
    assert!(
        titles(&tasks(&t, &employee, NOW).await, TaskKind::MeasureBenefit).is_empty(),
        "measured today"
    );
    let half_a_year_on =
        NOW + app::portfolio::service::MEASUREMENT_INTERVAL + time::Duration::days(2);
    assert_eq!(
        titles(
            &tasks(&t, &employee, half_a_year_on).await,
            TaskKind::MeasureBenefit
        ),
        ["Frigjorte timer i skranken (Digital innsjekk)"],
        "due again half a year later"
    );

    // Tanketanken: a draft until it is published.
    let draft = app::posts::service::create_post(
        &t.db,
        &employee,
        &[],
        app::posts::domain::post::PostForm {
            title: "Hva vi lærte av innsjekken".into(),
            summary: "Kort fortalt.".into(),
            body: "Vi prøvde.".into(),
            ..Default::default()
        },
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        titles(&tasks(&t, &employee, NOW).await, TaskKind::FinishDraft),
        ["Hva vi lærte av innsjekken"]
    );
    assert!(titles(&tasks(&t, &council, NOW).await, TaskKind::FinishDraft).is_empty());
    app::posts::service::publish_post(
        &t.db,
        &employee,
        draft,
        app::posts::domain::post::PublishForm {
            visibility: "internal".into(),
            version: None,
        },
        NOW,
    )
    .await
    .unwrap();
    assert!(titles(&tasks(&t, &employee, NOW).await, TaskKind::FinishDraft).is_empty());

    // The prize: a juror's finalists while the jury scores, not the one they are recused from.
    let committee = demo(&t, COMMITTEE).await;
    let year = prize::create_year(&t.db, &committee, year_form("2027"), NOW)
        .await
        .unwrap();
    let category =
        prize::create_category(&t.db, &committee, year, category_form("Beste feil"), NOW)
            .await
            .unwrap();
    let prize_site = other_site(&t).await;
    let a = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Innsjekk", prize_site, ""),
        NOW,
    )
    .await
    .unwrap();
    let own = prize::nominate(
        &t.db,
        &juror,
        category,
        nomination("Egen idé", prize_site, ""),
        NOW,
    )
    .await
    .unwrap();
    assert!(titles(&tasks(&t, &juror, NOW).await, TaskKind::CastBallot).is_empty());
    prize::shortlist(
        &t.db,
        &committee,
        category,
        ShortlistInput {
            nomination_ids: vec![a.into(), own.into()],
            statements: BTreeMap::new(),
        },
        AFTER_CLOSE,
    )
    .await
    .unwrap();
    let to_score = tasks(&t, &juror, AFTER_CLOSE).await;
    assert_eq!(
        titles(&to_score, TaskKind::CastBallot),
        ["Innsjekk"],
        "recused from its own"
    );
    assert!(
        to_score
            .iter()
            .all(|t| t.kind != TaskKind::CastBallot || t.due.is_some())
    );
    assert_eq!(
        titles(
            &tasks(&t, &demo(&t, REVIEWER).await, AFTER_CLOSE).await,
            TaskKind::CastBallot
        ),
        ["Egen idé", "Innsjekk"]
    );
    prize::cast_ballot(&t.db, &juror, a, ballot(&t, a, "4").await, AFTER_CLOSE)
        .await
        .unwrap();
    assert!(titles(&tasks(&t, &juror, AFTER_CLOSE).await, TaskKind::CastBallot).is_empty());
    assert!(
        titles(
            &tasks(&t, &employee, AFTER_CLOSE).await,
            TaskKind::CastBallot
        )
        .is_empty()
    );
}

on_both_backends!(each_person_sees_their_own_tasks_until_they_are_done);

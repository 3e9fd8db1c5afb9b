//! The portfolio's schema and service on SQLite and PostgreSQL (issue 12).

use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::AppError;
use app::entities::{
    benefit, benefit_measurement, idea, idea_sdg, idea_support, phase_change, project,
    project_member, project_tag, service_site, tag, user,
};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use time::OffsetDateTime;
use time::macros::date;

async fn the_default_roadmap_is_ks_phases_then_stopped(backend: Backend) {
    let t = TestDb::new(backend).await;
    let employee = Actor::User(app::auth::UserActor {
        id: 1,
        name: "Kari".into(),
        home_site_id: None,
        roles: vec![],
    });

    let roadmap = app::portfolio::service::roadmap(&t.db, &employee)
        .await
        .unwrap();

    let keys: Vec<&str> = roadmap.all().map(|p| p.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "forankring",
            "innsikt_og_ide",
            "utvikling_og_utproving",
            "overgang_til_drift",
            "ny_praksis",
            "stoppet"
        ]
    );
    let first = roadmap.first().unwrap().id;
    let second = roadmap.by_key("innsikt_og_ide").unwrap().id;
    assert!(roadmap.check(first, second, "").is_ok());
    assert_eq!(
        app::portfolio::service::roadmap(&t.db, &Actor::Anonymous).await,
        Err(AppError::Forbidden)
    );
}

/// Every table of the portfolio takes and gives back a row through its entity.
async fn an_idea_becomes_a_project_with_a_measured_benefit_in_the_schema(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let now = OffsetDateTime::now_utc();
    let kari = user::Entity::find().all(&t.db).await.unwrap()[1].clone();
    let site = service_site::Entity::find().all(&t.db).await.unwrap()[0].clone();
    let roadmap = app::portfolio::service::roadmap(&t.db, &Actor::System)
        .await
        .unwrap();
    let idea = idea::ActiveModel {
        title: Set("Digital innsjekk".into()),
        problem: Set("Kø ved skranken".into()),
        proposal: Set("En skjerm".into()),
        site_id: Set(Some(site.id)),
        submitted_by: Set(kari.id),
        status: Set("accepted".into()),
        decision_reason: Set(Some("Godt forankret".into())),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    idea_sdg::ActiveModel {
        idea_id: Set(idea.id),
        goal: Set(3),
    }
    .insert(&t.db)
    .await
    .unwrap();
    idea_support::ActiveModel {
        idea_id: Set(idea.id),
        user_id: Set(kari.id),
        created_at: Set(now),
    }
    .insert(&t.db)
    .await
    .unwrap();
    let project = project::ActiveModel {
        name: Set("Digital innsjekk".into()),
        description: Set("Skjerm ved inngangen".into()),
        owner_id: Set(kari.id),
        lead_site_id: Set(site.id),
        sector_id: Set(site.sector_id),
        phase_id: Set(roadmap.first().unwrap().id),
        budget_nok: Set(Some(350_000)),
        started_on: Set(Some(date!(2026 - 09 - 01))),
        idea_id: Set(Some(idea.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    project_member::ActiveModel {
        project_id: Set(project.id),
        user_id: Set(kari.id),
    }
    .insert(&t.db)
    .await
    .unwrap();
    let tag = tag::ActiveModel {
        name: Set("Digitalisering".into()),
        name_key: Set("digitalisering".into()),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    project_tag::ActiveModel {
        project_id: Set(project.id),
        tag_id: Set(tag.id),
    }
    .insert(&t.db)
    .await
    .unwrap();
    phase_change::ActiveModel {
        project_id: Set(project.id),
        from_phase_id: Set(None),
        to_phase_id: Set(project.phase_id),
        note: Set("Startet fra idé".into()),
        changed_by: Set(Some(kari.id)),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    let benefit = benefit::ActiveModel {
        project_id: Set(project.id),
        kind: Set("economic".into()),
        description: Set("Færre manuelle registreringer".into()),
        unit: Set("kr".into()),
        baseline: Set(0),
        target: Set(250_000),
        target_date: Set(Some(date!(2027 - 12 - 31))),
        responsible_user_id: Set(kari.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    benefit_measurement::ActiveModel {
        benefit_id: Set(benefit.id),
        measured_on: Set(date!(2026 - 11 - 30)),
        value: Set(40_000),
        recorded_by: Set(Some(kari.id)),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();

    let stored = project::Entity::find_by_id(project.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.budget_nok, stored.idea_id),
        (Some(350_000), Some(idea.id))
    );
    let measured = benefit_measurement::Entity::find()
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(measured[0].value, 40_000);
    // One support per user: the second is refused by the key.
    let again = idea_support::ActiveModel {
        idea_id: Set(idea.id),
        user_id: Set(kari.id),
        created_at: Set(now),
    }
    .insert(&t.db)
    .await;
    assert!(again.is_err());
}

on_both_backends!(
    the_default_roadmap_is_ks_phases_then_stopped,
    an_idea_becomes_a_project_with_a_measured_benefit_in_the_schema,
);

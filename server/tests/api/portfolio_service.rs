//! The portfolio's schema and service on SQLite and PostgreSQL (issue 12).

use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::AppError;
use app::entities::{service_site, user};
use app::portfolio::entities::{
    benefit, benefit_measurement, idea, idea_sdg, idea_support, phase_change, project,
    project_member, project_tag, tag,
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

mod ideas {
    use crate::common::demo_actor as demo;
    use crate::common::{Backend, TestDb, site_in};
    use app::auth::Actor;
    use app::core::error::{AppError, FieldError};
    use app::portfolio::domain::idea::{IdeaForm, IdeaStatus};
    use app::portfolio::entities::{idea, phase_change, project, project_member, project_tag};
    use app::portfolio::service::{assess_idea, set_support, submit_idea};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    use time::OffsetDateTime;

    fn form(site_id: i32) -> IdeaForm {
        IdeaForm {
            title: "Digital innsjekk".into(),
            problem: "Lange køer ved skranken om morgenen.".into(),
            proposal: "En skjerm ved inngangen.".into(),
            expected_gain: "Kortere ventetid".into(),
            site_id: site_id.to_string(),
            tags: "digitalisering, Digitalisering, skole".into(),
            sdgs: vec!["4".into(), "11".into()],
        }
    }

    const EMPLOYEE: usize = 1;
    const COUNCIL: usize = 3;
    const MANAGER: usize = 7;

    async fn an_employee_submits_an_idea_and_a_visitor_cannot(backend: Backend) {
        let t = TestDb::with_demo_users(backend).await;
        let now = OffsetDateTime::now_utc();
        let site = site_in(&t, "Oppvekst skole").await;

        let submitted = submit_idea(&t.db, &demo(&t, EMPLOYEE).await, form(site), now)
            .await
            .unwrap();

        assert_eq!(submitted.status, IdeaStatus::Submitted);
        assert_eq!(submitted.site_id, Some(site));
        assert_eq!(
            submit_idea(&t.db, &Actor::Anonymous, form(site), now).await,
            Err(AppError::Forbidden)
        );
        let bad = IdeaForm {
            title: " ".into(),
            site_id: "999999".into(),
            ..form(site)
        };
        assert_eq!(
            submit_idea(&t.db, &demo(&t, EMPLOYEE).await, bad, now).await,
            Err(AppError::invalid("title", FieldError::Required))
        );
        let unknown_site = IdeaForm {
            site_id: "999999".into(),
            ..form(site)
        };
        assert_eq!(
            submit_idea(&t.db, &demo(&t, EMPLOYEE).await, unknown_site, now).await,
            Err(AppError::invalid("site_id", FieldError::UnknownReference))
        );
        assert_eq!(
            idea::Entity::find().count(&t.db).await.unwrap(),
            1,
            "nothing half-written"
        );
    }

    async fn others_support_an_idea_once_and_may_withdraw(backend: Backend) {
        let t = TestDb::with_demo_users(backend).await;
        let now = OffsetDateTime::now_utc();
        let site = site_in(&t, "Oppvekst skole").await;
        let submitter = demo(&t, EMPLOYEE).await;
        let idea = submit_idea(&t.db, &submitter, form(site), now)
            .await
            .unwrap();
        let other = demo(&t, COUNCIL).await;

        assert_eq!(set_support(&t.db, &other, idea.id, true, now).await, Ok(1));
        assert_eq!(
            set_support(&t.db, &other, idea.id, true, now).await,
            Err(AppError::conflict("idea", FieldError::Taken))
        );
        assert_eq!(
            set_support(&t.db, &submitter, idea.id, true, now).await,
            Err(AppError::invalid("idea", FieldError::OwnIdea))
        );
        assert_eq!(set_support(&t.db, &other, idea.id, false, now).await, Ok(0));
        assert_eq!(
            set_support(&t.db, &other, 999_999, true, now).await,
            Err(AppError::NotFound)
        );
    }

    async fn the_sectors_manager_accepts_an_idea_and_it_becomes_a_project(backend: Backend) {
        let t = TestDb::with_demo_users(backend).await;
        let now = OffsetDateTime::now_utc();
        let site = site_in(&t, "Oppvekst skole").await;
        let submitter = demo(&t, EMPLOYEE).await;
        let idea = submit_idea(&t.db, &submitter, form(site), now)
            .await
            .unwrap();

        let accepted = assess_idea(
            &t.db,
            &demo(&t, MANAGER).await,
            idea.id,
            "accepted",
            "Godt forankret",
            now,
        )
        .await
        .unwrap();

        assert_eq!(accepted.status, IdeaStatus::Accepted);
        assert_eq!(accepted.decision_reason.as_deref(), Some("Godt forankret"));
        let project_id = accepted.project_id.unwrap();
        let made = project::Entity::find_by_id(project_id)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap();
        let roadmap = app::portfolio::service::roadmap(&t.db, &submitter)
            .await
            .unwrap();
        assert_eq!(made.phase_id, roadmap.first().unwrap().id);
        assert_eq!(
            (made.owner_id, made.lead_site_id, made.idea_id),
            (idea.submitted_by, site, Some(idea.id))
        );
        let members = project_member::Entity::find().all(&t.db).await.unwrap();
        assert_eq!(
            members.iter().map(|m| m.user_id).collect::<Vec<_>>(),
            [idea.submitted_by]
        );
        assert_eq!(phase_change::Entity::find().count(&t.db).await.unwrap(), 1);
        assert_eq!(
            project_tag::Entity::find().count(&t.db).await.unwrap(),
            2,
            "digitalisering, skole"
        );
        // An accepted idea stays accepted; no second project.
        let again = assess_idea(
            &t.db,
            &demo(&t, COUNCIL).await,
            idea.id,
            "declined",
            "Likevel ikke",
            now,
        )
        .await;
        assert_eq!(
            again,
            Err(AppError::invalid("decision", FieldError::InvalidChoice))
        );
        assert_eq!(project::Entity::find().count(&t.db).await.unwrap(), 1);
    }

    async fn only_the_right_manager_or_the_council_assesses_and_always_with_a_reason(
        backend: Backend,
    ) {
        let t = TestDb::with_demo_users(backend).await;
        let now = OffsetDateTime::now_utc();
        let elsewhere = site_in(&t, "Helse og omsorg").await;
        let idea = submit_idea(&t.db, &demo(&t, EMPLOYEE).await, form(elsewhere), now)
            .await
            .unwrap();

        for who in [MANAGER, EMPLOYEE] {
            assert_eq!(
                assess_idea(&t.db, &demo(&t, who).await, idea.id, "declined", "Nei", now).await,
                Err(AppError::Forbidden),
                "{who}"
            );
        }
        assert_eq!(
            assess_idea(&t.db, &Actor::Anonymous, 999_999, "declined", "Nei", now).await,
            Err(AppError::Forbidden),
            "a visitor learns nothing"
        );
        let council = demo(&t, COUNCIL).await;
        assert_eq!(
            assess_idea(&t.db, &council, idea.id, "parked", "  ", now).await,
            Err(AppError::invalid("reason", FieldError::Required))
        );
        let parked = assess_idea(
            &t.db,
            &council,
            idea.id,
            "parked",
            "Venter på budsjett",
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            (parked.status, parked.project_id),
            (IdeaStatus::Parked, None)
        );
        assert_eq!(project::Entity::find().count(&t.db).await.unwrap(), 0);
    }

    async fn the_owner_moves_the_project_one_phase_at_a_time_and_every_step_is_kept(
        backend: Backend,
    ) {
        use app::portfolio::service::change_phase;
        let t = TestDb::with_demo_users(backend).await;
        let now = OffsetDateTime::now_utc();
        let site = site_in(&t, "Oppvekst skole").await;
        let owner = demo(&t, EMPLOYEE).await;
        let idea = submit_idea(&t.db, &owner, form(site), now).await.unwrap();
        let project = assess_idea(
            &t.db,
            &demo(&t, MANAGER).await,
            idea.id,
            "accepted",
            "Ja",
            now,
        )
        .await
        .unwrap()
        .project_id
        .unwrap();
        let refused = |field: &str, error| Err(AppError::invalid(field, error));

        let moved = change_phase(&t.db, &owner, project, "innsikt_og_ide", "", now).await;
        assert_eq!(moved.map(|p| p.key), Ok("innsikt_og_ide".to_owned()));
        assert_eq!(
            change_phase(
                &t.db,
                &demo(&t, COUNCIL).await,
                project,
                "utvikling_og_utproving",
                "",
                now
            )
            .await,
            Err(AppError::Forbidden),
            "not a member"
        );
        assert_eq!(
            change_phase(&t.db, &owner, project, "overgang_til_drift", "", now).await,
            refused("to", FieldError::IllegalTransition)
        );
        assert_eq!(
            change_phase(&t.db, &owner, project, "forankring", " ", now).await,
            refused("note", FieldError::Required)
        );
        assert_eq!(
            change_phase(&t.db, &owner, project, "ferdig", "", now).await,
            refused("to", FieldError::InvalidChoice)
        );
        change_phase(
            &t.db,
            &owner,
            project,
            "forankring",
            "Mer forankring trengs",
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            change_phase(&t.db, &owner, project, "stoppet", "", now).await,
            refused("note", FieldError::Required)
        );
        change_phase(
            &t.db,
            &owner,
            project,
            "stoppet",
            "Behovet var mindre enn antatt",
            now,
        )
        .await
        .unwrap();
        assert_eq!(
            change_phase(&t.db, &owner, project, "forankring", "Ny start", now).await,
            refused("to", FieldError::IllegalTransition)
        );

        let steps = phase_change::Entity::find()
            .filter(phase_change::Column::ProjectId.eq(project))
            .order_by_asc(phase_change::Column::Id)
            .all(&t.db)
            .await
            .unwrap();
        let notes: Vec<&str> = steps.iter().map(|s| s.note.as_str()).collect();
        assert_eq!(
            notes,
            [
                "Ja",
                "",
                "Mer forankring trengs",
                "Behovet var mindre enn antatt"
            ]
        );
        assert!(
            steps
                .iter()
                .skip(1)
                .all(|s| s.changed_by == owner.user_id())
        );
    }

    on_both_backends!(
        the_owner_moves_the_project_one_phase_at_a_time_and_every_step_is_kept,
        an_employee_submits_an_idea_and_a_visitor_cannot,
        others_support_an_idea_once_and_may_withdraw,
        the_sectors_manager_accepts_an_idea_and_it_becomes_a_project,
        only_the_right_manager_or_the_council_assesses_and_always_with_a_reason,
    );
}

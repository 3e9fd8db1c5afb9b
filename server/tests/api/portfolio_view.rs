//! The portfolio's reading side and its benefits on SQLite and PostgreSQL (issue 12): the
//! filtered list, the summary's sums in SQL against the domain's arithmetic, a whole project,
//! benefits, measurements and what a project stops doing; bounded queries.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb, site_in};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::core::paging::PageRequest;
use app::entities::service_site;
use app::portfolio::domain::benefit::{
    BenefitForm, BenefitKind, Measurement, Planned, totals_per_unit,
};
use app::portfolio::domain::filter::FilterText;
use app::portfolio::domain::idea::IdeaForm;
use app::portfolio::entities::{
    benefit, benefit_measurement, discontinuation, project, project_funding, project_sdg,
};
use app::portfolio::service::{
    add_benefit, add_discontinuation, add_measurement, assess_idea, get_project, list_projects,
    portfolio_summary, submit_idea,
};
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, Set};
use time::OffsetDateTime;
use time::macros::datetime;

const EMPLOYEE: usize = 1;
const COUNCIL: usize = 3;
const MANAGER: usize = 7;

/// A fixed "now", so dates measured "today" are the same on every run.
pub(crate) const NOW: OffsetDateTime = datetime!(2026-12-02 12:00 UTC);

/// A project owned by the demo employee, from an idea the manager accepted.
pub(crate) async fn project_of(t: &TestDb, title: &str, tags: &str) -> i32 {
    let site = site_in(t, "Oppvekst skole").await;
    let form = IdeaForm {
        title: title.into(),
        problem: "Lange køer ved skranken.".into(),
        proposal: format!("{title}: en skjerm ved inngangen."),
        expected_gain: "Kortere ventetid".into(),
        site_id: site.to_string(),
        tags: tags.into(),
        sdgs: vec!["4".into()],
    };
    let idea = submit_idea(&t.db, &demo(t, EMPLOYEE).await, form, NOW)
        .await
        .unwrap();
    assess_idea(
        &t.db,
        &demo(t, MANAGER).await,
        idea.id,
        "accepted",
        "Ja",
        NOW,
    )
    .await
    .unwrap()
    .project_id
    .unwrap()
}

fn benefit_form(kind: &str, target: &str, responsible: i32) -> BenefitForm {
    BenefitForm {
        kind: kind.into(),
        description: "Færre manuelle registreringer".into(),
        unit: String::new(),
        baseline: "0".into(),
        target: target.into(),
        target_date: "2027-12-31".into(),
        responsible_user_id: responsible.to_string(),
    }
}

fn all() -> FilterText {
    FilterText::default()
}

/// The portfolio page of every project, `limit` to a page, as the system sees it.
async fn whole_portfolio(
    db: &sea_orm::DatabaseConnection,
    limit: Option<u64>,
) -> app::portfolio::domain::view::PortfolioPage {
    app::portfolio::service::portfolio_page(
        db,
        &Actor::System,
        all(),
        PageRequest::new(limit, None),
    )
    .await
    .unwrap()
}

async fn the_owner_adds_benefits_and_measurements_and_others_cannot(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let project = project_of(&t, "Digital innsjekk", "digitalisering").await;
    let owner = demo(&t, EMPLOYEE).await;
    let owner_id = owner.user_id().unwrap();

    let added = add_benefit(
        &t.db,
        &owner,
        project,
        benefit_form("economic", "250 000", owner_id),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        (added.kind, added.unit.as_str(), added.target),
        (BenefitKind::Economic, "kr", 250_000)
    );
    assert_eq!(
        add_measurement(&t.db, &owner, added.id, "2026-11-30", "40 000", NOW).await,
        Ok(Measurement {
            measured_on: time::macros::date!(2026 - 11 - 30),
            value: 40_000
        })
    );

    let outsider = demo(&t, COUNCIL).await;
    assert_eq!(
        add_benefit(
            &t.db,
            &outsider,
            project,
            benefit_form("hours", "10", owner_id),
            NOW
        )
        .await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        add_measurement(&t.db, &outsider, added.id, "2026-11-30", "1", NOW).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        add_benefit(
            &t.db,
            &Actor::Anonymous,
            project,
            benefit_form("hours", "10", owner_id),
            NOW
        )
        .await,
        Err(AppError::Forbidden)
    );
    let quality_without_unit = benefit_form("quality", "80", owner_id);
    assert_eq!(
        add_benefit(&t.db, &owner, project, quality_without_unit, NOW).await,
        Err(AppError::invalid("unit", FieldError::Required))
    );
    assert_eq!(
        add_benefit(
            &t.db,
            &owner,
            project,
            benefit_form("economic", "-5", owner_id),
            NOW
        )
        .await,
        Err(AppError::invalid("target", FieldError::InvalidNumber))
    );
    assert_eq!(
        add_benefit(
            &t.db,
            &owner,
            project,
            benefit_form("economic", "5", 999_999),
            NOW
        )
        .await,
        Err(AppError::invalid(
            "responsible_user_id",
            FieldError::UnknownReference
        ))
    );
    // Tomorrow in Oslo is refused; so is a value that is not a whole number.
    assert_eq!(
        add_measurement(&t.db, &owner, added.id, "2026-12-03", "1", NOW).await,
        Err(AppError::invalid("measured_on", FieldError::FutureDate))
    );
    assert_eq!(
        add_measurement(&t.db, &owner, added.id, "2026-12-01", "12,5", NOW).await,
        Err(AppError::invalid("value", FieldError::InvalidNumber))
    );
    assert_eq!(
        add_measurement(&t.db, &owner, 999_999, "2026-12-01", "1", NOW).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        benefit::Entity::find().count(&t.db).await.unwrap(),
        1,
        "nothing half-written"
    );
    assert_eq!(
        benefit_measurement::Entity::find()
            .count(&t.db)
            .await
            .unwrap(),
        1
    );
}

async fn a_project_shows_its_timeline_benefits_and_what_it_stops_doing(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let project = project_of(&t, "Digital innsjekk", "digitalisering, skole").await;
    let owner = demo(&t, EMPLOYEE).await;
    let owner_id = owner.user_id().unwrap();
    app::portfolio::service::change_phase(
        &t.db,
        &owner,
        project,
        "innsikt_og_ide",
        "Godt i gang",
        NOW,
    )
    .await
    .unwrap();
    let hours = add_benefit(
        &t.db,
        &owner,
        project,
        benefit_form("hours", "1 200", owner_id),
        NOW,
    )
    .await
    .unwrap();
    for (day, value) in [
        ("2026-06-01", "100"),
        ("2026-11-01", "300"),
        ("2026-09-01", "200"),
    ] {
        add_measurement(&t.db, &owner, hours.id, day, value, NOW)
            .await
            .unwrap();
    }
    let stopped = add_discontinuation(
        &t.db,
        &owner,
        project,
        ("Manuell innsjekk på papir", "2027-01-01", "120 000"),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        add_discontinuation(&t.db, &owner, project, ("", "2027-13-01", "-1"), NOW)
            .await
            .map(|_| ()),
        Err(AppError::Invalid(
            [
                ("from".to_owned(), FieldError::InvalidDate),
                ("what".to_owned(), FieldError::Required),
                ("yearly_saving".to_owned(), FieldError::InvalidNumber),
            ]
            .into()
        ))
    );

    let view = get_project(&t.db, &owner, project).await.unwrap();

    assert!(view.editable);
    assert_eq!(view.row.phase.key, "innsikt_og_ide");
    assert_eq!(view.owner.id, owner_id);
    assert_eq!(
        view.members.iter().map(|m| m.id).collect::<Vec<_>>(),
        [owner_id]
    );
    assert_eq!(view.tags, ["digitalisering", "skole"]);
    assert_eq!(view.sdgs, [4]);
    let steps: Vec<(Option<&str>, &str, &str)> = view
        .timeline
        .iter()
        .map(|s| {
            (
                s.from.as_ref().map(|p| p.key.as_str()),
                s.to.key.as_str(),
                s.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (None, "forankring", "Ja"),
            (Some("forankring"), "innsikt_og_ide", "Godt i gang")
        ]
    );
    let benefit = &view.benefits[0];
    assert_eq!(benefit.measurements.len(), 3);
    assert_eq!(
        benefit.latest().map(|m| m.value),
        Some(300),
        "the latest date, not the last typed"
    );
    assert_eq!(view.discontinuations, [stopped]);
    assert_eq!(
        discontinuation::Entity::find().count(&t.db).await.unwrap(),
        1
    );

    let council_view = get_project(&t.db, &demo(&t, COUNCIL).await, project)
        .await
        .unwrap();
    assert!(
        !council_view.editable,
        "seen by every employee, changed by its members"
    );
    assert_eq!(
        get_project(&t.db, &Actor::Anonymous, project).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        get_project(&t.db, &owner, 999_999).await,
        Err(AppError::NotFound)
    );
}

async fn the_summary_sums_in_sql_what_the_domain_sums_by_hand(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let owner = demo(&t, EMPLOYEE).await;
    let owner_id = owner.user_id().unwrap();
    let first = project_of(&t, "Digital innsjekk", "digitalisering").await;
    let second = project_of(&t, "Klimakloke innkjøp", "klima").await;
    app::portfolio::service::change_phase(&t.db, &owner, second, "innsikt_og_ide", "", NOW)
        .await
        .unwrap();
    // (project, kind, unit, baseline, target, measurements): a cost cut, growth, a quality
    // benefit in two different units, and one measured the wrong way.
    let plan = [
        (
            first,
            "economic",
            "",
            "120 000",
            "20 000",
            vec![("2026-01-01", "100 000"), ("2026-10-01", "30 000")],
        ),
        // Recorded after a later day's value: the later day's stays the latest.
        (
            first,
            "hours",
            "",
            "0",
            "1 000",
            vec![("2026-05-01", "400"), ("2026-03-01", "100")],
        ),
        (
            first,
            "quality",
            "prosent",
            "70",
            "85",
            vec![("2026-06-01", "80")],
        ),
        (
            first,
            "quality",
            "avvik per år",
            "40",
            "10",
            vec![("2026-06-01", "45")],
        ),
        (second, "economic", "", "0", "100 000", vec![]),
        (
            second,
            "climate",
            "",
            "0",
            "5 000",
            vec![("2026-02-01", "700"), ("2026-02-01", "900")],
        ),
    ];
    for (project, kind, unit, baseline, target, values) in &plan {
        let form = BenefitForm {
            unit: (*unit).into(),
            baseline: (*baseline).into(),
            ..benefit_form(kind, target, owner_id)
        };
        let b = add_benefit(&t.db, &owner, *project, form, NOW)
            .await
            .unwrap();
        for (day, value) in values {
            add_measurement(&t.db, &owner, b.id, day, value, NOW)
                .await
                .unwrap();
        }
    }

    let summary = portfolio_summary(&t.db, &owner, all()).await.unwrap();

    let mut views = Vec::new();
    for id in [first, second] {
        views.push(get_project(&t.db, &owner, id).await.unwrap());
    }
    let by_hand = totals_per_unit(
        views
            .iter()
            .flat_map(|v| v.benefits.iter())
            .map(|b| Planned {
                kind: b.kind,
                unit: &b.unit,
                baseline: b.baseline,
                target: b.target,
                latest: b.latest().map(|m| m.value),
            }),
    );
    assert_eq!(summary.benefits, by_hand);
    // By hand: the cut from 120 000 to 20 000 plans 100 000 and, measured at 30 000, has
    // realised 90 000; the second project's 100 000 is planned and not measured.
    let kroner = app::portfolio::domain::benefit::kroner(&summary.benefits);
    assert_eq!(
        (
            kroner.benefits,
            kroner.measured,
            kroner.planned,
            kroner.realised
        ),
        (2, 1, 200_000, 90_000)
    );
    // Percent and errors a year stay apart; the errors went the wrong way (40 to 45).
    let quality: Vec<(&str, i64, i64)> = summary
        .benefits
        .iter()
        .filter(|s| s.kind == BenefitKind::Quality)
        .map(|s| (s.unit.as_str(), s.planned, s.realised))
        .collect();
    assert_eq!(quality, [("avvik per år", 30, -5), ("prosent", 15, 10)]);
    assert_eq!(summary.projects, 2);
    let phases: Vec<(&str, u64)> = summary
        .per_phase
        .iter()
        .filter(|c| c.projects > 0)
        .map(|c| (c.of.key.as_str(), c.projects))
        .collect();
    assert_eq!(phases, [("forankring", 1), ("innsikt_og_ide", 1)]);
    assert_eq!(summary.per_sector.len(), 1);
    assert_eq!(summary.per_sector[0].projects, 2);

    let narrowed = FilterText {
        phase: Some("innsikt_og_ide".into()),
        ..all()
    };
    let only_second = portfolio_summary(&t.db, &owner, narrowed).await.unwrap();
    let climate = only_second
        .benefits
        .iter()
        .find(|s| s.kind == BenefitKind::Climate)
        .unwrap();
    assert_eq!(only_second.projects, 1);
    assert_eq!(
        (climate.planned, climate.realised),
        (5_000, 900),
        "one day, two values: the later recorded counts"
    );
    assert_eq!(
        portfolio_summary(&t.db, &Actor::Anonymous, all()).await,
        Err(AppError::Forbidden)
    );
}

async fn filters_and_search_narrow_the_list(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let viewer = demo(&t, COUNCIL).await;
    let first = project_of(&t, "Digital innsjekk 100%", "digitalisering").await;
    let second = project_of(&t, "Klimakloke innkjøp", "klima").await;
    project_funding::ActiveModel {
        project_id: Set(second),
        source: Set("Forsknings- og innovasjonsfondet".into()),
        amount_nok: Set(350_000),
        ..Default::default()
    }
    .insert(&t.db)
    .await
    .unwrap();
    project_sdg::ActiveModel {
        project_id: Set(second),
        goal: Set(13),
    }
    .insert(&t.db)
    .await
    .unwrap();
    let ids = |filter: FilterText| {
        let viewer = viewer.clone();
        let db = t.db.clone();
        async move {
            list_projects(&db, &viewer, filter, PageRequest::default())
                .await
                .map(|page| page.items.into_iter().map(|p| p.id).collect::<Vec<_>>())
        }
    };
    let with = |f: fn(&mut FilterText)| {
        let mut filter = all();
        f(&mut filter);
        filter
    };

    let mut everything = ids(all()).await.unwrap();
    everything.sort_unstable();
    assert_eq!(everything, [first, second]);
    assert_eq!(
        ids(with(|f| f.tag = Some("KLIMA".into()))).await,
        Ok(vec![second])
    );
    assert_eq!(
        ids(with(|f| f.sdg = Some("13".into()))).await,
        Ok(vec![second])
    );
    assert_eq!(
        ids(with(|f| f.funded = Some("true".into()))).await,
        Ok(vec![second])
    );
    assert_eq!(
        ids(with(|f| f.funded = Some("false".into()))).await,
        Ok(vec![first])
    );
    assert_eq!(
        ids(with(|f| f.q = Some("INNSJEKK".into()))).await,
        Ok(vec![first])
    );
    assert_eq!(
        ids(with(|f| f.q = Some("100%".into()))).await,
        Ok(vec![first])
    );
    assert_eq!(
        ids(with(|f| f.q = Some("%".into()))).await,
        Ok(vec![first]),
        "% is literal"
    );
    // Full text: a word's beginning finds it on both backends; an inflected form of it only
    // through PostgreSQL's Norwegian stemmer (SQLite has none).
    assert_eq!(
        ids(with(|f| f.q = Some("innkj".into()))).await,
        Ok(vec![second])
    );
    let inflected = ids(with(|f| f.q = Some("innkjøpene".into()))).await;
    match backend {
        Backend::Postgres => assert_eq!(inflected, Ok(vec![second])),
        Backend::Sqlite => assert_eq!(inflected, Ok(vec![])),
    }
    assert_eq!(
        ids(with(|f| f.q = Some("\"innsjekk\" OR klima*".into()))).await,
        Ok(vec![]),
        "FTS5 syntax in a search is text, not an error"
    );
    assert_eq!(
        ids(with(|f| f.phase = Some("ny_praksis".into()))).await,
        Ok(vec![])
    );
    assert_eq!(
        ids(with(|f| f.phase = Some("ferdig".into()))).await,
        Err(AppError::invalid("phase", FieldError::InvalidChoice))
    );
    assert_eq!(
        ids(with(|f| f.sort = Some("name".into()))).await,
        Ok(vec![first, second]),
        "Digital before Klima"
    );
    assert_eq!(
        list_projects(&t.db, &Actor::Anonymous, all(), PageRequest::default()).await,
        Err(AppError::Forbidden)
    );
}

/// DESIGN §4 at scale (issue 12): a page of the list, the summary and a project cost the same
/// number of queries for 10 projects as for 120.
async fn the_list_summary_and_a_project_cost_the_same_queries_for_10_or_120_projects(
    backend: Backend,
) {
    async fn seeded(backend: Backend, projects: usize) -> (TestDb, i32) {
        let t = TestDb::with_demo_users(backend).await;
        let owner = demo(&t, EMPLOYEE).await;
        let roadmap = app::portfolio::service::roadmap(&t.db, &owner)
            .await
            .unwrap();
        let phases: Vec<i32> = roadmap.all().map(|p| p.id).collect();
        let sites = service_site::Entity::find().all(&t.db).await.unwrap();
        let mut last = 0;
        for n in 0..projects {
            let site = &sites[n % sites.len()];
            let made = project::ActiveModel {
                name: Set(format!("Prosjekt {n}")),
                description: Set("Beskrivelse".into()),
                owner_id: Set(owner.user_id().unwrap()),
                lead_site_id: Set(site.id),
                sector_id: Set(site.sector_id),
                phase_id: Set(phases[n % phases.len()]),
                budget_nok: Set(Some(10_000 * n as i64)),
                created_at: Set(NOW),
                updated_at: Set(NOW),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
            let b = benefit::ActiveModel {
                project_id: Set(made.id),
                kind: Set("economic".into()),
                description: Set("Sparte kroner".into()),
                unit: Set("kr".into()),
                baseline: Set(0),
                target: Set(1_000),
                responsible_user_id: Set(owner.user_id().unwrap()),
                created_at: Set(NOW),
                // As the service keeps it: the last of the three measurements below.
                latest_value: Set(Some(300)),
                latest_on: Set(Some(
                    time::Date::from_calendar_date(2026, time::Month::March, 3).unwrap(),
                )),
                ..Default::default()
            }
            .insert(&t.db)
            .await
            .unwrap();
            for day in 1..=3 {
                benefit_measurement::ActiveModel {
                    benefit_id: Set(b.id),
                    measured_on: Set(
                        time::Date::from_calendar_date(2026, time::Month::March, day).unwrap(),
                    ),
                    value: Set(i64::from(day) * 100),
                    recorded_at: Set(NOW),
                    ..Default::default()
                }
                .insert(&t.db)
                .await
                .unwrap();
            }
            last = made.id;
        }
        (t, last)
    }
    let (few, few_project) = seeded(backend, 10).await;
    let (many, many_project) = seeded(backend, 120).await;
    let cost = |t: &TestDb, project: i32| {
        let db = t.db.clone();
        async move {
            let owner = Actor::System;
            let page = list_projects(&db, &owner, all(), PageRequest::new(Some(200), None))
                .await
                .unwrap();
            let summary = portfolio_summary(&db, &owner, all()).await.unwrap();
            let view = get_project(&db, &owner, project).await.unwrap();
            (
                page.items.len(),
                summary.projects,
                summary.benefits[0].realised,
                view.benefits.len(),
            )
        }
    };

    let ((listed_few, total_few, realised_few, _), queries_few) =
        few.queries_of(cost(&few, few_project)).await;
    let ((listed_many, total_many, realised_many, _), queries_many) =
        many.queries_of(cost(&many, many_project)).await;

    assert_eq!(
        (listed_few, total_few, listed_many, total_many),
        (10, 10, 120, 120)
    );
    // Each project's benefit was measured 100, 200, 300 on three days: the latest counts.
    assert_eq!((realised_few, realised_many), (10 * 300, 120 * 300));
    assert!(queries_few > 0, "the counter counts");
    assert_eq!(queries_few, queries_many);

    // The portfolio page asks once (issue 25): one model, its queries as few for 120 projects
    // as for 10, and within the page's budget (it asked for the roadmap three times before).
    let page_model = |t: &TestDb| {
        let db = t.db.clone();
        async move {
            let page = whole_portfolio(&db, Some(200)).await;
            let (list, summary) = page.listing.unwrap();
            (list.items.len(), summary.projects, page.org.len())
        }
    };
    let ((listed_few, total_few, sectors), page_few) = few.queries_of(page_model(&few)).await;
    let ((listed_many, _, _), page_many) = many.queries_of(page_model(&many)).await;
    assert_eq!((listed_few, total_few, listed_many), (10, 10, 120));
    assert!(sectors > 0, "the filters' organisation is in the model");
    assert_eq!(page_few, page_many);
    assert!(
        page_few <= app::portfolio::service::PORTFOLIO_PAGE_QUERIES,
        "{page_few} queries"
    );
}

async fn the_submitter_is_told_of_the_decision_and_its_reason(backend: Backend) {
    use app::notifications::service::{mark_all_read, my_notifications};
    let t = TestDb::with_demo_users(backend).await;
    let submitter = demo(&t, EMPLOYEE).await;
    let manager = demo(&t, MANAGER).await;

    let project = project_of(&t, "Digital innsjekk", "").await;

    let (told, unread) = my_notifications(&t.db, &submitter).await.unwrap();
    assert_eq!(unread, 1);
    assert_eq!(
        (
            told[0].subject.as_str(),
            told[0].status.as_str(),
            told[0].detail.as_str()
        ),
        ("Digital innsjekk", "accepted", "Ja")
    );
    assert!(told[0].link.starts_with("/ideer/"), "{}", told[0].link);
    assert!(!told[0].read);
    assert_eq!(
        my_notifications(&t.db, &manager).await.unwrap().1,
        0,
        "the decider is not told"
    );
    assert!(project > 0);

    // Both are the submitter's own data (DESIGN §9), and are in their export.
    let export = app::registry::export_own_data(&t.db, &submitter, NOW)
        .await
        .unwrap();
    assert_eq!(export["portfolio"]["ideas"][0]["title"], "Digital innsjekk");
    assert_eq!(export["portfolio"]["ideas"][0]["decision_reason"], "Ja");
    assert_eq!(export["notifications"]["notifications"][0]["detail"], "Ja");
    let theirs = app::registry::export_own_data(&t.db, &manager, NOW)
        .await
        .unwrap();
    assert_eq!(theirs["portfolio"]["ideas"], serde_json::json!([]));
    assert_eq!(
        theirs["notifications"]["notifications"],
        serde_json::json!([])
    );

    assert_eq!(mark_all_read(&t.db, &submitter, NOW).await, Ok(1));
    let (told, unread) = my_notifications(&t.db, &submitter).await.unwrap();
    assert_eq!((unread, told[0].read), (0, true));
    assert_eq!(
        my_notifications(&t.db, &Actor::Anonymous).await,
        Err(AppError::Forbidden)
    );
}

/// A project page reads its parts in a fixed number of statements (issue 27, point 2): as
/// many for a project with three benefits, nine measurements and a member as for a bare one,
/// within `PROJECT_PAGE_FIRST_QUERIES` the first time after a change to the portfolio and
/// within `PROJECT_PAGE_QUERIES` while it stands still, the owner's forms included.
async fn a_project_page_costs_the_same_statements_whatever_the_project_holds(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let owner = demo(&t, EMPLOYEE).await;
    let bare = project_of(&t, "Digital innsjekk", "").await;
    let full = project_of(&t, "Sensorer i byggene", "klima, energi").await;
    let me = owner.user_id().unwrap();
    for target in ["1000", "2000", "3000"] {
        let made = add_benefit(
            &t.db,
            &owner,
            full,
            benefit_form("economic", target, me),
            NOW,
        )
        .await
        .unwrap();
        for day in ["2026-03-01", "2026-04-01", "2026-05-01"] {
            add_measurement(&t.db, &owner, made.id, day, "100", NOW)
                .await
                .unwrap();
        }
    }
    let page = |project: i32| {
        let (db, owner) = (t.db.clone(), owner.clone());
        async move {
            let page = app::portfolio::service::project_page(&db, &owner, project)
                .await
                .unwrap();
            (page.project.benefits.len(), page.forms.is_some())
        }
    };
    // The portfolio page remembers the reference data the portfolio's stamp stands for (the
    // roadmap, the organisation, the programmes), so the first views measured read only the
    // projects' own parts.
    whole_portfolio(&t.db, None).await;
    let ((bare_benefits, bare_forms), bare_first) = t.queries_of(page(bare)).await;
    let ((full_benefits, full_forms), full_first) = t.queries_of(page(full)).await;
    assert_eq!((bare_benefits, full_benefits), (0, 3));
    assert!(bare_forms && full_forms, "the owner gets the forms");
    assert_eq!(bare_first, full_first);
    assert!(
        full_first <= app::portfolio::service::PROJECT_PAGE_FIRST_QUERIES,
        "{full_first} statements"
    );
    let (_, bare_again) = t.queries_of(page(bare)).await;
    let ((full_benefits, _), full_again) = t.queries_of(page(full)).await;
    assert_eq!(full_benefits, 3);
    assert_eq!(bare_again, full_again);
    assert!(
        full_again <= app::portfolio::service::PROJECT_PAGE_QUERIES && full_again < full_first,
        "{full_again} statements remembered, {full_first} read"
    );
}

/// A project's page is remembered under the portfolio's stamp (issue 27), so it must follow a
/// write to every table it is read from at once, whoever writes: each part is deleted straight
/// in its table (no service, so only the database's triggers can tell) and the next view
/// shows it gone. A rolled-back write changes nothing; a renamed person shows at once (names
/// are read on every view).
async fn a_project_page_follows_every_write_to_its_parts(backend: Backend) {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let t = TestDb::with_demo_users(backend).await;
    let owner = demo(&t, EMPLOYEE).await;
    let me = owner.user_id().unwrap();
    let project = project_of(&t, "Digital innsjekk", "skole").await;
    let benefit = add_benefit(
        &t.db,
        &owner,
        project,
        benefit_form("hours", "100", me),
        NOW,
    )
    .await
    .unwrap();
    add_measurement(&t.db, &owner, benefit.id, "2026-05-01", "40", NOW)
        .await
        .unwrap();
    add_discontinuation(
        &t.db,
        &owner,
        project,
        ("Papirskjema", "2027-01-01", ""),
        NOW,
    )
    .await
    .unwrap();
    t.db.execute_unprepared(&format!(
        "INSERT INTO project_partners (project_id, kind, name) VALUES ({project}, 'research', 'OsloMet')"
    ))
    .await
    .unwrap();
    let view = || {
        let (db, owner) = (t.db.clone(), owner.clone());
        async move { get_project(&db, &owner, project).await.unwrap() }
    };
    let first = view().await;
    assert_eq!(
        first.partners.len(),
        1,
        "a partner written straight into its table"
    );
    assert_eq!(first.benefits[0].measurements.len(), 1);
    assert_eq!(first.discontinuations.len(), 1);
    assert_eq!(first.members.len(), 1);
    assert_eq!(first.timeline.len(), 1);
    let (_, remembered) = t.queries_of(view()).await;
    assert!(
        remembered <= app::portfolio::service::PROJECT_PAGE_QUERIES,
        "{remembered} statements: the parts are remembered"
    );

    let txn = t.db.begin().await.unwrap();
    txn.execute_unprepared(&format!(
        "DELETE FROM project_partners WHERE project_id = {project}"
    ))
    .await
    .unwrap();
    txn.rollback().await.unwrap();
    let (after_rollback, statements) = t.queries_of(view()).await;
    assert_eq!(
        after_rollback.partners.len(),
        1,
        "a rolled-back write changes nothing"
    );
    assert!(
        statements <= app::portfolio::service::PROJECT_PAGE_QUERIES,
        "{statements} statements: still remembered after a rolled-back write"
    );

    // The tables that moved the stamp before the project's page was remembered: each write
    // is seen by the next view (which remembers the page again before the next write).
    use app::portfolio::domain::view::ProjectView;
    let other_site = site_in(&t, "Helse og omsorg").await;
    type Seen = fn(&ProjectView) -> bool;
    let writes: [(String, Seen); 8] = [
        (
            format!("UPDATE projects SET description = 'Rett i tabellen' WHERE id = {project}"),
            |v| v.description == "Rett i tabellen",
        ),
        (
            format!(
                "UPDATE benefits SET description = 'Rå gevinst' WHERE id = {}",
                benefit.id
            ),
            |v| v.benefits[0].description == "Rå gevinst",
        ),
        (
            format!(
                "INSERT INTO project_sites (project_id, site_id) VALUES ({project}, {other_site})"
            ),
            |v| v.sites.len() == 1,
        ),
        (
            format!("UPDATE service_sites SET name = 'Omdøpt sted' WHERE id = {other_site}"),
            |v| v.sites[0].name == "Omdøpt sted",
        ),
        (
            format!(
                "INSERT INTO project_funding (project_id, source, amount_nok) \
                 VALUES ({project}, 'Fylket', 5000)"
            ),
            |v| v.funding.len() == 1,
        ),
        (
            format!(
                "UPDATE tags SET name = 'omdøpt' \
                 WHERE id IN (SELECT tag_id FROM project_tags WHERE project_id = {project})"
            ),
            |v| v.tags == ["omdøpt"],
        ),
        (
            format!("DELETE FROM project_tags WHERE project_id = {project}"),
            |v| v.tags.is_empty(),
        ),
        (
            format!("DELETE FROM project_sdgs WHERE project_id = {project}"),
            |v| v.sdgs.is_empty(),
        ),
    ];
    for (write, seen) in writes {
        assert!(!seen(&view().await), "before `{write}`");
        t.db.execute_unprepared(&write).await.unwrap();
        assert!(seen(&view().await), "after `{write}`");
    }

    let name = format!("UPDATE users SET name = 'Omdøpt Eier' WHERE id = {me}");
    t.db.execute_unprepared(&name).await.unwrap();
    assert_eq!(view().await.owner.name, "Omdøpt Eier");

    let deletes = [
        format!("DELETE FROM project_partners WHERE project_id = {project}"),
        format!(
            "DELETE FROM benefit_measurements WHERE benefit_id = {}",
            benefit.id
        ),
        format!("DELETE FROM discontinuations WHERE project_id = {project}"),
        format!("DELETE FROM project_members WHERE project_id = {project}"),
        format!("DELETE FROM phase_changes WHERE project_id = {project}"),
    ];
    for (done, delete) in deletes.iter().enumerate() {
        t.db.execute_unprepared(delete).await.unwrap();
        let seen = view().await;
        let gone = [
            seen.partners.is_empty(),
            seen.benefits[0].measurements.is_empty(),
            seen.discontinuations.is_empty(),
            seen.members.is_empty(),
            seen.timeline.is_empty(),
        ];
        for (part, is_gone) in gone.iter().enumerate() {
            assert_eq!(*is_gone, part <= done, "after `{delete}`: part {part}");
        }
    }
}

/// Views that arrive together after a write count the portfolio once (issue 27: single
/// flight). Without it, every view that came before the first count ended counted too: at 32
/// connections and 100 000 projects the p99 after a write was 1.3 s.
async fn views_arriving_together_after_a_write_count_the_portfolio_once(backend: Backend) {
    use sea_orm::ConnectionTrait;
    let t = TestDb::with_demo_users(backend).await;
    project_of(&t, "Digital innsjekk", "").await;
    let move_stamp = "UPDATE portfolio_stamp SET stamp = stamp + 1 WHERE id = 1";
    t.db.execute_unprepared(move_stamp).await.unwrap();
    let (_, alone) = t.queries_of(whole_portfolio(&t.db, None)).await;
    let (_, warm) = t.queries_of(whole_portfolio(&t.db, None)).await;
    assert!(warm < alone, "{warm} remembered, {alone} counted");

    t.db.execute_unprepared(move_stamp).await.unwrap();
    let together = futures_util::future::join_all((0..8).map(|_| whole_portfolio(&t.db, None)));
    let (pages, statements) = t.queries_of(together).await;
    assert_eq!(pages.len(), 8);
    let summary =
        |p: &app::portfolio::domain::view::PortfolioPage| p.listing.as_ref().unwrap().1.clone();
    assert!(
        pages.iter().all(|p| summary(p) == summary(&pages[0])),
        "every view sees the same summary"
    );
    assert!(
        statements <= alone + 7 * warm,
        "{statements} statements for eight views; one counts ({alone}), seven wait ({warm} each)"
    );
}

/// A tag of the longest length is stored whatever its letters: lower-casing `İ` gives two
/// characters, so a tag's comparison key can be twice as long as the tag (it was a 500 on
/// PostgreSQL, whose column held 40).
async fn a_tag_whose_lower_case_is_longer_is_stored(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let tag = "İ".repeat(app::portfolio::domain::idea::MAX_TAG_CHARS);
    let project = project_of(&t, "Digital innsjekk", &tag).await;
    let view = get_project(&t.db, &Actor::System, project).await.unwrap();
    assert_eq!(view.tags, vec![tag]);
}

/// The portfolio's summary is computed once per state of the portfolio (issue 27, point 2):
/// a second view reads it from memory in the page's budget, and any write to what it counts
/// brings a new one at once, whether through the service or straight into the table (the
/// database's triggers change the stamp; a rolled-back write changes nothing).
async fn a_summary_is_computed_once_per_state_of_the_portfolio(backend: Backend) {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let t = TestDb::with_demo_users(backend).await;
    let first = project_of(&t, "Digital innsjekk", "").await;
    project_of(&t, "Sensorer i byggene", "").await;
    let page = || {
        let db = t.db.clone();
        async move { whole_portfolio(&db, None).await.listing.unwrap().1 }
    };
    let in_phase = |summary: &app::portfolio::domain::view::PortfolioSummary, id: i32| {
        summary
            .per_phase
            .iter()
            .find(|c| c.of.id == id)
            .map_or(0, |c| c.projects)
    };
    let (computed, cold) = t.queries_of(page()).await;
    let (remembered, warm) = t.queries_of(page()).await;
    assert_eq!(computed, remembered);
    assert_eq!(computed.projects, 2);
    assert!(warm < cold, "{warm} statements remembered, {cold} computed");
    assert!(
        warm <= app::portfolio::service::PORTFOLIO_PAGE_QUERIES,
        "{warm} statements"
    );

    // Through the service: a benefit counts at once.
    let owner = demo(&t, EMPLOYEE).await;
    let me = owner.user_id().unwrap();
    add_benefit(
        &t.db,
        &owner,
        first,
        benefit_form("economic", "5000", me),
        NOW,
    )
    .await
    .unwrap();
    let (after_benefit, recomputed) = t.queries_of(page()).await;
    assert_eq!(after_benefit.benefits[0].planned, 5000);
    assert!(recomputed > warm, "a write makes the next view count again");

    // Straight into the table, behind the service's back: the phase count follows.
    let phase_of = |p: project::Model| p.phase_id;
    let from = phase_of(
        project::Entity::find_by_id(first)
            .one(&t.db)
            .await
            .unwrap()
            .unwrap(),
    );
    let to = after_benefit
        .per_phase
        .iter()
        .map(|c| c.of.id)
        .find(|&id| id != from)
        .unwrap();
    let moved = format!("UPDATE projects SET phase_id = {to} WHERE id = {first}");
    // A write rolled back leaves the summary as it was.
    let txn = t.db.begin().await.unwrap();
    txn.execute_unprepared(&moved).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(page().await, after_benefit);
    t.db.execute_unprepared(&moved).await.unwrap();
    let after_move = page().await;
    assert_eq!(
        (in_phase(&after_move, from), in_phase(&after_move, to)),
        (
            in_phase(&after_benefit, from) - 1,
            in_phase(&after_benefit, to) + 1
        )
    );
}

/// What the portfolio's pages name their rows with and choose from (the phases, sectors, sites
/// and programmes) is read once per state of the portfolio (issue 27), and a change to any of
/// them shows at once, even one made straight into the tables behind the service's back; a
/// rolled-back change shows nothing.
async fn the_pages_names_follow_every_change_to_the_organisation_and_programmes(backend: Backend) {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let t = TestDb::with_demo_users(backend).await;
    let project = project_of(&t, "Digital innsjekk", "").await;
    let lead_site = project::Entity::find_by_id(project)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .lead_site_id;
    let page = || {
        let db = t.db.clone();
        async move { whole_portfolio(&db, None).await }
    };
    let site_names = |page: &app::portfolio::domain::view::PortfolioPage| {
        page.org
            .iter()
            .flat_map(|sector| sector.sites.iter().map(|s| s.name.clone()))
            .collect::<Vec<_>>()
    };
    let lead_site_shown = |page: &app::portfolio::domain::view::PortfolioPage| {
        page.listing.as_ref().unwrap().0.items[0]
            .lead_site
            .name
            .clone()
    };

    let (first, cold) = t.queries_of(page()).await;
    let (_, warm) = t.queries_of(page()).await;
    assert!(warm < cold, "{warm} statements remembered, {cold} read");
    // The summary's memo alone leaves four reads of the reference data on every view.
    assert!(
        warm <= app::portfolio::service::PORTFOLIO_PAGE_QUERIES,
        "{warm} statements remembered"
    );
    assert!(!site_names(&first).contains(&"Omdøpt stasjon".to_owned()));

    let rename = format!("UPDATE service_sites SET name = 'Omdøpt stasjon' WHERE id = {lead_site}");
    let txn = t.db.begin().await.unwrap();
    txn.execute_unprepared(&rename).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(lead_site_shown(&page().await), lead_site_shown(&first));

    t.db.execute_unprepared(&rename).await.unwrap();
    let renamed = page().await;
    assert_eq!(lead_site_shown(&renamed), "Omdøpt stasjon");
    assert!(site_names(&renamed).contains(&"Omdøpt stasjon".to_owned()));

    assert!(renamed.programmes.iter().all(|p| p.name != "Ny satsing"));
    t.db.execute_unprepared("INSERT INTO programmes (name) VALUES ('Ny satsing')")
        .await
        .unwrap();
    assert!(
        page()
            .await
            .programmes
            .iter()
            .any(|p| p.name == "Ny satsing"),
        "a programme added straight into the table is offered at once"
    );
}

on_both_backends!(
    views_arriving_together_after_a_write_count_the_portfolio_once,
    the_pages_names_follow_every_change_to_the_organisation_and_programmes,
    a_summary_is_computed_once_per_state_of_the_portfolio,
    a_tag_whose_lower_case_is_longer_is_stored,
    a_project_page_costs_the_same_statements_whatever_the_project_holds,
    a_project_page_follows_every_write_to_its_parts,
    the_submitter_is_told_of_the_decision_and_its_reason,
    the_owner_adds_benefits_and_measurements_and_others_cannot,
    a_project_shows_its_timeline_benefits_and_what_it_stops_doing,
    the_summary_sums_in_sql_what_the_domain_sums_by_hand,
    filters_and_search_narrow_the_list,
    the_list_summary_and_a_project_cost_the_same_queries_for_10_or_120_projects,
);

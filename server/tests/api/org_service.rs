//! The organisation service layer against real SQLite and PostgreSQL databases.

use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::entities::{sector, service_site};
use app::org::domain::{NewSector, NewServiceSite};
use app::org::service;
use sea_orm::{EntityTrait, PaginatorTrait};
use time::macros::date;

async fn demo_seed_loads_eight_sectors_and_two_hundred_sites(backend: Backend) {
    let t = TestDb::new(backend).await;

    let report = service::seed_demo(&t.db, &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!(report.sectors_created, 8);
    assert_eq!(report.sites_created, 200);
    let org = service::list_organisation(&t.db, &Actor::Anonymous)
        .await
        .unwrap();
    assert_eq!(org.len(), 8);
    assert_eq!(org.iter().map(|s| s.sites.len()).sum::<usize>(), 200);
    assert_eq!(org[0].sector.name, "Oppvekst barnehage");
    assert!(org[0].sites.iter().any(|s| s.name == "Sandvika barnehage"));
}

async fn demo_seed_run_twice_creates_nothing_the_second_time(backend: Backend) {
    let t = TestDb::new(backend).await;
    service::seed_demo(&t.db, &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    let second = service::seed_demo(&t.db, &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!((second.sectors_created, second.sites_created), (0, 0));
    assert_eq!(
        service_site::Entity::find().count(&t.db).await.unwrap(),
        200
    );
}

async fn anonymous_visitor_cannot_seed_or_create(backend: Backend) {
    let t = TestDb::new(backend).await;

    let seeded =
        service::seed_demo(&t.db, &Actor::Anonymous, time::OffsetDateTime::now_utc()).await;
    let created = service::create_sector(
        &t.db,
        &Actor::Anonymous,
        NewSector::parse("Teknisk").unwrap(),
        time::OffsetDateTime::now_utc(),
    )
    .await;

    assert_eq!(seeded, Err(AppError::Forbidden));
    assert_eq!(created.map(|s| s.id), Err(AppError::Forbidden));
    assert_eq!(sector::Entity::find().count(&t.db).await.unwrap(), 0);
}

async fn duplicate_sector_name_is_a_conflict(backend: Backend) {
    let t = TestDb::new(backend).await;
    let input = NewSector::parse("Teknisk").unwrap();
    service::create_sector(
        &t.db,
        &Actor::System,
        input.clone(),
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();

    let again = service::create_sector(
        &t.db,
        &Actor::System,
        input,
        time::OffsetDateTime::now_utc(),
    )
    .await;

    assert_eq!(
        again.map(|s| s.id),
        Err(AppError::conflict("name", FieldError::Taken))
    );
    assert_eq!(sector::Entity::find().count(&t.db).await.unwrap(), 1);
}

async fn site_in_unknown_sector_is_refused(backend: Backend) {
    let t = TestDb::new(backend).await;
    let input = NewServiceSite::parse(4242, "Jar skole", date!(2010 - 01 - 01), None).unwrap();

    let result = service::create_site(
        &t.db,
        &Actor::System,
        input,
        time::OffsetDateTime::now_utc(),
    )
    .await;

    assert_eq!(
        result.map(|s| s.id),
        Err(AppError::invalid("sector_id", FieldError::UnknownReference))
    );
    assert_eq!(service_site::Entity::find().count(&t.db).await.unwrap(), 0);
}

async fn site_dates_are_stored_and_read_back(backend: Backend) {
    let t = TestDb::new(backend).await;
    let sector = service::create_sector(
        &t.db,
        &Actor::System,
        NewSector::parse("Teknisk").unwrap(),
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let input = NewServiceSite::parse(
        sector.id,
        "Vei og park Lysaker",
        date!(2012 - 03 - 01),
        Some(date!(2024 - 12 - 31)),
    )
    .unwrap();

    let created = service::create_site(
        &t.db,
        &Actor::System,
        input,
        time::OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let org = service::list_organisation(&t.db, &Actor::Anonymous)
        .await
        .unwrap();

    assert_eq!(org[0].sites, vec![created.clone()]);
    assert_eq!(created.active_from, date!(2012 - 03 - 01));
    assert_eq!(created.closed_on, Some(date!(2024 - 12 - 31)));
}

async fn migrations_run_twice_without_error(backend: Backend) {
    let t = TestDb::new(backend).await;

    let again = server::db::migrate(&t.db).await;

    assert!(again.is_ok(), "{again:?}");
}

async fn summary_counts_sectors_and_sites(backend: Backend) {
    let t = TestDb::new(backend).await;
    service::seed_demo(&t.db, &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    let summary = service::organisation_summary(&t.db, &Actor::Anonymous)
        .await
        .unwrap();

    assert_eq!((summary.sectors, summary.sites), (8, 200));
}

async fn sector_is_renamed_once_and_never_onto_another_name(backend: Backend) {
    let t = TestDb::new(backend).await;
    let now = time::OffsetDateTime::now_utc();
    service::seed_demo(&t.db, &Actor::System, now)
        .await
        .unwrap();
    let first = sector::Entity::find().all(&t.db).await.unwrap();
    let (a, b) = (&first[0], &first[1]);

    let taken = service::rename_sector(
        &t.db,
        &Actor::System,
        a.id,
        NewSector::parse(&b.name).unwrap(),
        now,
    )
    .await;
    let renamed = service::rename_sector(
        &t.db,
        &Actor::System,
        a.id,
        NewSector::parse("Oppvekst (ny)").unwrap(),
        now,
    )
    .await
    .unwrap();

    assert_eq!(
        taken.map(|s| s.id),
        Err(AppError::conflict("name", FieldError::Taken))
    );
    assert_eq!(renamed.name, "Oppvekst (ny)");
    let stored = sector::Entity::find_by_id(a.id)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name, "Oppvekst (ny)");
    let audited = app::entities::audit_log::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "sector.renamed")
        .count();
    assert_eq!(audited, 1);
}

/// The service checks the permission before it reads the input: a caller without it gets
/// 403 for a form full of mistakes, never the list of mistakes (issue 9: this order used to be
/// decided by each adapter).
async fn refused_caller_learns_nothing_about_their_input(backend: Backend) {
    use app::org::domain::{SectorName, SiteForm};

    let t = TestDb::new(backend).await;
    let now = time::OffsetDateTime::now_utc();
    let bad_site = SiteForm {
        name: String::new(),
        sector_id: "x".into(),
        active_from: "i går".into(),
        closed_on: "aldri".into(),
    };

    let site = service::create_site(&t.db, &Actor::Anonymous, bad_site.clone(), now).await;
    let sector = service::create_sector(&t.db, &Actor::Anonymous, SectorName(" "), now).await;
    let as_system = service::create_site(&t.db, &Actor::System, bad_site, now).await;

    assert_eq!(site, Err(AppError::Forbidden));
    assert_eq!(sector, Err(AppError::Forbidden));
    let Err(AppError::Invalid(errors)) = as_system else {
        panic!("{as_system:?}");
    };
    let mut fields: Vec<&str> = errors.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["active_from", "closed_on", "sector_id"]);
}

/// A rename form reports a bad sector choice and a bad name together.
async fn rename_form_reports_every_bad_field_at_once(backend: Backend) {
    use app::core::parse::ChosenId;
    use app::org::domain::SectorName;

    let t = TestDb::new(backend).await;
    let chosen = ChosenId {
        field: "sector_id",
        raw: "",
    };

    let result = service::rename_sector(
        &t.db,
        &Actor::System,
        chosen,
        SectorName(""),
        time::OffsetDateTime::now_utc(),
    )
    .await;

    let Err(AppError::Invalid(errors)) = result else {
        panic!("{result:?}");
    };
    assert_eq!(errors.get("sector_id"), Some(&FieldError::UnknownReference));
    assert_eq!(errors.get("name"), Some(&FieldError::Required));
}

on_both_backends!(
    refused_caller_learns_nothing_about_their_input,
    rename_form_reports_every_bad_field_at_once,
    sector_is_renamed_once_and_never_onto_another_name,
    demo_seed_loads_eight_sectors_and_two_hundred_sites,
    demo_seed_run_twice_creates_nothing_the_second_time,
    anonymous_visitor_cannot_seed_or_create,
    duplicate_sector_name_is_a_conflict,
    site_in_unknown_sector_is_refused,
    site_dates_are_stored_and_read_back,
    migrations_run_twice_without_error,
    summary_counts_sectors_and_sites,
);

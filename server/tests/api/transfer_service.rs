//! CSV import and export of sites and users through the service layer, on SQLite and
//! PostgreSQL: every row checked first, nothing written when any row is bad.

use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::{AppError, FieldError, RowProblem};
use app::entities::{audit_log, service_site, user, user_role};
use app::org::csv::{export_sites, import_sites};
use app::users::csv::{export_users, import_users};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use time::OffsetDateTime;

async fn seeded(backend: Backend) -> TestDb {
    let t = TestDb::new(backend).await;
    app::org::service::seed_demo(&t.db, &Actor::System, OffsetDateTime::now_utc())
        .await
        .unwrap();
    t
}

fn problems(result: Result<app::core::import::ImportReport, AppError>) -> Vec<RowProblem> {
    match result {
        Err(AppError::ImportRejected(report)) => report.rows,
        other => panic!("expected a rejected import, got {other:?}"),
    }
}

async fn one_bad_site_row_imports_nothing_and_names_every_bad_row(backend: Backend) {
    let t = seeded(backend).await;
    let before = service_site::Entity::find().count(&t.db).await.unwrap();
    let csv = "name,sector,active_from,closed_on\n\
               Fornebu skole,Oppvekst skole,2026-08-01,\n\
               Storøya barnehage,Ukjent sektor,2026-08-01,\n\
               Lysaker skole,Oppvekst skole,01.08.2026,\n\
               Fornebu skole,Oppvekst skole,2026-08-01,\n";

    let rows = problems(import_sites(&t.db, &Actor::System, csv, OffsetDateTime::now_utc()).await);

    assert_eq!(
        rows,
        vec![
            RowProblem {
                line: 3,
                field: "sector".into(),
                error: FieldError::UnknownReference
            },
            RowProblem {
                line: 4,
                field: "active_from".into(),
                error: FieldError::InvalidDate
            },
            RowProblem {
                line: 5,
                field: "name".into(),
                error: FieldError::DuplicateInFile
            },
        ]
    );
    assert_eq!(
        service_site::Entity::find().count(&t.db).await.unwrap(),
        before,
        "the good row was not imported either"
    );
    let imports = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("sites.imported"))
        .count(&t.db)
        .await
        .unwrap();
    assert_eq!(imports, 0);
}

async fn good_site_file_creates_and_updates(backend: Backend) {
    let t = seeded(backend).await;
    let before = service_site::Entity::find().count(&t.db).await.unwrap();
    // Semicolons, as Excel writes them in Norway; an existing site is closed.
    let csv = "name;sector;active_from;closed_on\n\
               Nyby skole;Oppvekst skole;2026-08-01;\n\
               Sandvika rådhus;Organisasjon/stab;2010-01-01;2026-12-31\n";

    let report = import_sites(&t.db, &Actor::System, csv, OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!((report.created, report.updated), (1, 1));
    assert_eq!(
        service_site::Entity::find().count(&t.db).await.unwrap(),
        before + 1
    );
    let closed = service_site::Entity::find()
        .filter(service_site::Column::Name.eq("Sandvika rådhus"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        closed.closed_on.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
}

async fn exported_sites_import_back_unchanged(backend: Backend) {
    let t = seeded(backend).await;
    let csv = export_sites(&t.db, &Actor::System).await.unwrap();
    assert_eq!(csv.lines().count(), 201, "header and 200 sites");

    let report = import_sites(&t.db, &Actor::System, &csv, OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!((report.created, report.updated), (0, 0));
}

async fn file_without_required_columns_is_refused(backend: Backend) {
    let t = seeded(backend).await;

    let rows = problems(
        import_sites(
            &t.db,
            &Actor::System,
            "navn,sted\nA,B\n",
            OffsetDateTime::now_utc(),
        )
        .await,
    );

    let missing: Vec<&str> = rows.iter().map(|r| r.field.as_str()).collect();
    assert_eq!(missing, vec!["name", "sector", "active_from"]);
    assert!(rows.iter().all(|r| r.error == FieldError::InvalidCsv));
}

async fn one_bad_user_row_imports_no_user(backend: Backend) {
    let t = seeded(backend).await;
    let csv = "name,email,home_site,language,roles\n\
               Kari Nordmann,kari@baerum.example,Sandvika rådhus,nb,editor\n\
               Ola Nordmann,ikke-en-adresse,,en,\n\
               Per Hansen,per@baerum.example,,de,manager\n\
               Kari Igjen,KARI@baerum.example,,,wizard\n";

    let rows = problems(import_users(&t.db, &Actor::System, csv, OffsetDateTime::now_utc()).await);

    let found: Vec<(u64, &str, FieldError)> = rows
        .iter()
        .map(|r| (r.line, r.field.as_str(), r.error))
        .collect();
    assert_eq!(
        found,
        vec![
            (3, "email", FieldError::InvalidEmail),
            (4, "language", FieldError::InvalidChoice),
            (4, "roles", FieldError::ManagerNeedsScope),
            (5, "roles", FieldError::UnknownRole),
        ]
    );
    assert_eq!(user::Entity::find().count(&t.db).await.unwrap(), 0);
}

async fn good_user_file_creates_users_with_scoped_roles(backend: Backend) {
    let t = seeded(backend).await;
    let csv = "name,email,home_site,language,roles\n\
               Kari Nordmann,kari@baerum.example,Sandvika rådhus,nb,editor|manager:Oppvekst skole\n\
               Ola Nordmann,ola@baerum.example,,en,\n";

    let report = import_users(&t.db, &Actor::System, csv, OffsetDateTime::now_utc())
        .await
        .unwrap();

    assert_eq!(report.created, 2);
    let kari = user::Entity::find()
        .filter(user::Column::Email.eq("kari@baerum.example"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert!(kari.home_site_id.is_some());
    assert_eq!(kari.password_hash, None, "imported users get no password");
    let roles = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(kari.id))
        .all(&t.db)
        .await
        .unwrap();
    assert_eq!(roles.len(), 2);
    assert!(
        roles
            .iter()
            .any(|r| r.role == "manager" && r.sector_id.is_some())
    );

    // A second import of the same file is refused: the addresses are taken.
    let again = problems(import_users(&t.db, &Actor::System, csv, OffsetDateTime::now_utc()).await);
    assert!(again.iter().all(|r| r.error == FieldError::Taken));
    let exported = export_users(&t.db, &Actor::System).await.unwrap();
    assert!(
        exported.contains("editor|manager:Oppvekst skole"),
        "{exported}"
    );
}

on_both_backends!(
    one_bad_site_row_imports_nothing_and_names_every_bad_row,
    good_site_file_creates_and_updates,
    exported_sites_import_back_unchanged,
    file_without_required_columns_is_refused,
    one_bad_user_row_imports_no_user,
    good_user_file_creates_users_with_scoped_roles,
);

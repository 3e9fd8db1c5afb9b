//! The portfolio's pages, downloads and demo data through the real router, on SQLite and
//! PostgreSQL (issue 12).

use crate::auth_http::{app_with_demo_data, cookie_of, page};
use crate::common::{Backend, TestApp, TestDb};
use app::auth::Actor;
use app::auth::demo::DEMO_USERS;
use app::portfolio::domain::filter::FilterText;
use app::portfolio::entities::{idea, project};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use time::OffsetDateTime;

const EMPLOYEE: usize = 1;
const MANAGER: usize = 7;

async fn with_portfolio(backend: Backend) -> TestApp {
    let app = app_with_demo_data(backend).await;
    app::portfolio::service::seed_demo_portfolio(
        app.db(),
        &Actor::System,
        80,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    app
}

async fn the_demo_portfolio_fills_every_phase_once(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let now = OffsetDateTime::now_utc();

    let made = app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::System, 80, now)
        .await
        .unwrap();
    let again = app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::System, 80, now)
        .await
        .unwrap();

    assert_eq!((made, again), (80, 0), "a second seed adds nothing");
    assert_eq!(project::Entity::find().count(&t.db).await.unwrap(), 80);
    let summary =
        app::portfolio::service::portfolio_summary(&t.db, &Actor::System, FilterText::default())
            .await
            .unwrap();
    assert!(
        summary.per_phase.iter().all(|c| c.projects > 0),
        "{:?}",
        summary.per_phase
    );
    assert!(summary.benefits.len() >= 4);
    assert!(summary.benefits.iter().any(|k| k.realised > 0));
    let programme = FilterText {
        q: None,
        programme_id: Some("1".into()),
        ..FilterText::default()
    };
    let digital = app::portfolio::service::portfolio_summary(&t.db, &Actor::System, programme)
        .await
        .unwrap();
    assert!(
        digital.projects > 10,
        "Digitalt førstevalg has {}",
        digital.projects
    );
    assert!(idea::Entity::find().count(&t.db).await.unwrap() > 20);
    assert_eq!(
        app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::Anonymous, 80, now).await,
        Err(app::core::error::AppError::Forbidden)
    );
}

async fn employees_see_the_portfolio_a_project_and_the_ideas(backend: Backend) {
    let app = with_portfolio(backend).await;
    let cookie = cookie_of(&app, EMPLOYEE).await;
    let first = project::Entity::find()
        .order_by_asc(project::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();

    let (status, html) = page(&app, "/portefolje", &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("Innovasjonsporteføljen"));
    assert!(html.contains("Prosjekter per fase"), "the chart");
    assert!(html.contains("<svg"), "the chart is SVG");
    assert!(
        html.contains("Viser 1–50 av 80 prosjekter."),
        "paged: {}",
        html.len()
    );

    let (status, html) = page(&app, "/portefolje?phase=stoppet&sort=name", &cookie).await;
    assert_eq!(status, 200);
    let roadmap = app::portfolio::service::roadmap(app.db(), &Actor::System)
        .await
        .unwrap();
    let stopped = project::Entity::find()
        .filter(project::Column::PhaseId.eq(roadmap.by_key("stoppet").unwrap().id))
        .count(app.db())
        .await
        .unwrap();
    assert!(
        html.contains(&format!("av {stopped} prosjekter.")),
        "filtered"
    );
    let (status, html) = page(&app, "/portefolje?sdg=99", &cookie).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Filtrene kan ikke brukes"),
        "a bad filter is said, not a 500"
    );

    let (status, html) = page(&app, &format!("/prosjekter/{}", first.id), &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains(&first.name));
    assert!(html.contains("Tidslinje"));
    let (status, _) = page(&app, "/prosjekter/999999", &cookie).await;
    assert_eq!(status, 404);

    let (status, html) = page(&app, "/ideer", &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("Bytt ut papirskjema for skoleskyss"));
    let (status, html) = page(&app, "/ideer/ny", &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"problem\""));
}

async fn managers_download_the_selection_and_employees_cannot(backend: Backend) {
    let app = with_portfolio(backend).await;
    let manager = cookie_of(&app, MANAGER).await;
    let employee = cookie_of(&app, EMPLOYEE).await;

    let csv = app
        .get_with("/portefolje/eksport.csv?sort=name", "cookie", &manager)
        .await;
    assert_eq!(csv.status(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = csv.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().len(),
        app::portfolio::csv::COLUMNS.len()
    );
    assert_eq!(
        reader.records().count(),
        80,
        "every project of the selection, not one page"
    );

    let xlsx = app
        .get_with(
            "/portefolje/eksport.xlsx?phase=forankring",
            "cookie",
            &manager,
        )
        .await;
    assert_eq!(xlsx.status(), 200);
    assert_eq!(
        xlsx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = xlsx.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip container, as XLSX is");

    let refused = app
        .get_with("/portefolje/eksport.csv", "cookie", &employee)
        .await;
    assert_eq!(refused.status(), 403);
    let anonymous = app.get("/portefolje/eksport.xlsx").await;
    assert_eq!(anonymous.status(), 403);
    let bad = app
        .get_with("/portefolje/eksport.csv?year=abc", "cookie", &manager)
        .await;
    assert_eq!(bad.status(), 422);
}

async fn programmes_sum_their_projects_and_owners_see_the_involvement_forms(backend: Backend) {
    let app = with_portfolio(backend).await;
    let cookie = cookie_of(&app, EMPLOYEE).await;
    let programmes = app::portfolio::service::list_programmes(app.db(), &Actor::System)
        .await
        .unwrap();
    let digital = programmes
        .iter()
        .find(|p| p.name == "Digitalt førstevalg")
        .unwrap();

    let (status, html) = page(&app, "/programmer", &cookie).await;
    assert_eq!(status, 200);
    for p in &programmes {
        assert!(
            html.contains(&format!("href=\"/programmer/{}\"", p.id)),
            "{}",
            p.name
        );
    }
    let (status, html) = page(&app, &format!("/programmer/{}", digital.id), &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Digitalt førstevalg</h1>"));
    assert!(
        html.contains(&format!("av {} prosjekter.", digital.projects)),
        "its projects, paged"
    );
    assert!(html.contains(&format!("<strong>{}</strong>", digital.budget.format_nb())));
    assert!(
        html.contains("Prosjekter per fase"),
        "the portfolio's summary, for the programme"
    );
    let (status, _) = page(&app, "/programmer/999999", &cookie).await;
    assert_eq!(status, 404);

    // The owner of a project finds one "Endre" per section on its page, and the forms for
    // its people, sites, partners and money on the page of its facts; another employee finds
    // neither, and is refused the section's page.
    let owned = project::Entity::find()
        .order_by_asc(project::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let owner = app::entities::user::Entity::find_by_id(owned.owner_id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let who = DEMO_USERS
        .iter()
        .position(|u| u.email == owner.email)
        .expect("the demo's owners are demo users");
    let owner_cookie = cookie_of(&app, who).await;
    let (_, html) = page(&app, &format!("/prosjekter/{}", owned.id), &owner_cookie).await;
    for slug in ["fakta", "fase", "gevinster", "avvikling"] {
        let link = format!("href=\"/prosjekter/{}/endre/{slug}\"", owned.id);
        assert!(html.contains(&link), "{link}");
    }
    let main = html
        .split("<main")
        .nth(1)
        .and_then(|m| m.split("</main>").next());
    assert!(
        main.is_some_and(|main| !main.contains("<form")),
        "the project page itself holds no form"
    );
    let facts = format!("/prosjekter/{}/endre/fakta", owned.id);
    let (status, html) = page(&app, &facts, &owner_cookie).await;
    assert_eq!(status, 200);
    for field in [
        "member-user",
        "site-id",
        "partner-name",
        "funding-amount",
        "details-name",
    ] {
        assert!(html.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let (status, _) = page(
        &app,
        &format!("/prosjekter/{}/endre/ukjent", owned.id),
        &owner_cookie,
    )
    .await;
    assert_eq!(status, 404, "an unknown section");
    let involved: Vec<i32> = app::portfolio::entities::project_member::Entity::find()
        .filter(app::portfolio::entities::project_member::Column::ProjectId.eq(owned.id))
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.user_id)
        .chain([owned.owner_id])
        .collect();
    let mut outsider = None;
    for (index, demo_user) in DEMO_USERS.iter().enumerate() {
        let account = app::entities::user::Entity::find()
            .filter(app::entities::user::Column::Email.eq(demo_user.email))
            .one(app.db())
            .await
            .unwrap()
            .unwrap();
        let admin = demo_user.email.starts_with("admin");
        if !admin && !involved.contains(&account.id) {
            outsider = Some(index);
            break;
        }
    }
    let outsider = outsider.expect("someone outside the project");
    let (_, html) = page(
        &app,
        &format!("/prosjekter/{}", owned.id),
        &cookie_of(&app, outsider).await,
    )
    .await;
    assert!(html.contains(&owned.name), "the project itself");
    assert!(!html.contains("/endre/"), "no way to change it");
    let outsider_cookie = cookie_of(&app, outsider).await;
    let (status, _) = page(&app, &facts, &outsider_cookie).await;
    assert_eq!(status, 403, "the section's page is refused");
}

/// A signed-in request for the portfolio page or a project page costs a few statements in all
/// (issue 27): the session (1), the user with their roles (1) and the page's own budget, once
/// the portfolio's summary and reference data are remembered. Before, the user and their roles
/// were two statements, and the roadmap, organisation and programmes four more on every view.
async fn a_signed_in_page_costs_its_session_and_its_page(backend: Backend) {
    let app = with_portfolio(backend).await;
    let cookie = cookie_of(&app, MANAGER).await;
    // The newest project: the first row of the portfolio's default order.
    let project = project::Entity::find()
        .order_by_desc(project::Column::UpdatedAt)
        .order_by_desc(project::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let session_and_actor = 2;
    for (path, budget) in [
        (
            "/portefolje".to_owned(),
            app::portfolio::service::PORTFOLIO_PAGE_QUERIES,
        ),
        // The project page lists its Tanketanken posts too (issue 29), in a fixed number of
        // statements of their own.
        (
            format!("/prosjekter/{}", project.id),
            app::portfolio::service::PROJECT_PAGE_QUERIES
                + app::posts::service::LINKED_POSTS_QUERIES,
        ),
    ] {
        // The first view remembers what the portfolio's stamp stands for.
        assert_eq!(page(&app, &path, &cookie).await.0, 200, "{path}");
        let ((status, html), statements) = app.test_db.queries_of(page(&app, &path, &cookie)).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(&project.name), "{path} shows the project");
        assert!(
            statements <= session_and_actor + budget,
            "{path}: {statements} statements"
        );
    }
}

on_both_backends!(
    a_signed_in_page_costs_its_session_and_its_page,
    programmes_sum_their_projects_and_owners_see_the_involvement_forms,
    the_demo_portfolio_fills_every_phase_once,
    employees_see_the_portfolio_a_project_and_the_ideas,
    managers_download_the_selection_and_employees_cannot,
);

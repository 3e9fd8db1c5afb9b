//! Each page's loader makes one service call that returns the page's model (issue 25): the
//! model says whether the reader may use the page's forms, and carries the organisation for
//! their site selects only then. A reader without the permission gets no forms and no
//! organisation; one without the page's own permission gets 403 from the same call.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::AppError;
use app::core::paging::PageRequest;
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-12-03 11:00 UTC);
const ADMIN: usize = 0;
const EMPLOYEE: usize = 1;
const PRIZE_COMMITTEE: usize = 5;
const LUP_COORDINATOR: usize = 6;
const MANAGER: usize = 7;

async fn with_demo(backend: Backend) -> TestDb {
    let t = TestDb::with_demo_users(backend).await;
    app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::System, 6, NOW)
        .await
        .unwrap();
    app::lup::service::seed_demo_lup(&t.db, &Actor::System, NOW)
        .await
        .unwrap();
    app::prize::service::seed_demo_prize(&t.db, &Actor::System, NOW)
        .await
        .unwrap();
    t
}

async fn lup_pages_say_who_manages_and_carry_the_organisation_only_then(backend: Backend) {
    let t = with_demo(backend).await;
    let coordinator = demo(&t, LUP_COORDINATOR).await;
    let manager = demo(&t, MANAGER).await;

    let cohorts = app::lup::service::cohorts_page(&t.db, &coordinator)
        .await
        .unwrap();
    assert!(cohorts.manages && !cohorts.model.is_empty());
    let cohort = cohorts.model[0].id;

    let page = app::lup::service::cohort_page(&t.db, &coordinator, cohort, NOW)
        .await
        .unwrap();
    assert!(page.manages);
    assert!(
        page.organisation.iter().any(|s| !s.sites.is_empty()),
        "the enrol form's sites are in the model"
    );
    let seen = app::lup::service::cohort_page(&t.db, &manager, cohort, NOW)
        .await
        .unwrap();
    assert!(!seen.manages && seen.organisation.is_empty());
    assert_eq!(seen.model.row.id, cohort);

    let dashboard = app::lup::service::dashboard_page(&t.db, &coordinator, NOW)
        .await
        .unwrap();
    assert!(dashboard.manages && !dashboard.organisation.is_empty());
    let theirs = app::lup::service::dashboard_page(&t.db, &manager, NOW)
        .await
        .unwrap();
    assert!(!theirs.manages && theirs.organisation.is_empty());

    let employee = demo(&t, EMPLOYEE).await;
    assert_eq!(
        app::lup::service::dashboard_page(&t.db, &employee, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
}

async fn prize_pages_carry_what_their_forms_need(backend: Backend) {
    let t = with_demo(backend).await;
    let committee = demo(&t, PRIZE_COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;

    let years = app::prize::service::years_page(&t.db, &committee, NOW)
        .await
        .unwrap();
    assert!(years.manages && !years.years.is_empty());
    let theirs = app::prize::service::years_page(&t.db, &employee, NOW)
        .await
        .unwrap();
    assert!(!theirs.manages);
    assert_eq!(theirs.years.len(), years.years.len());

    let year = app::prize::service::get_year(&t.db, &employee, years.years[0].id, NOW)
        .await
        .unwrap();
    let category = year.categories[0].id;
    let nominate = app::prize::service::nominate_page(&t.db, &employee, category, NOW)
        .await
        .unwrap();
    assert_eq!(nominate.category.id, category);
    assert_eq!(nominate.year.row.id, year.row.id);
    assert!(!nominate.organisation.is_empty());

    let page = app::prize::service::category_page(&t.db, &committee, category, NOW)
        .await
        .unwrap();
    assert!(page.progress.is_some(), "the committee sees who has voted");
    let page = app::prize::service::category_page(&t.db, &employee, category, NOW)
        .await
        .unwrap();
    assert!(page.progress.is_none(), "an employee does not");

    let gallery = app::prize::service::gallery_page(
        &t.db,
        &employee,
        &app::prize::domain::view::GalleryFilter::default(),
        NOW,
    )
    .await
    .unwrap();
    assert!(!gallery.categories.is_empty() && !gallery.organisation.is_empty());
    assert_eq!(gallery.years.len(), years.years.len());
}

async fn a_project_page_carries_its_forms_choices_for_its_editors_only(backend: Backend) {
    let t = with_demo(backend).await;
    let admin = demo(&t, ADMIN).await;
    let employee = demo(&t, EMPLOYEE).await;
    let project = app::portfolio::service::list_projects(
        &t.db,
        &admin,
        app::portfolio::domain::filter::FilterText::default(),
        PageRequest::new(Some(1), None),
    )
    .await
    .unwrap()
    .items[0]
        .id;

    let page = app::portfolio::service::project_page(&t.db, &admin, project)
        .await
        .unwrap();
    assert!(page.project.editable);
    let forms = page.forms.expect("an admin edits every project");
    assert!(!forms.organisation.is_empty() && !forms.programmes.is_empty());
    assert!(page.roadmap.all().count() > 1);

    let page = app::portfolio::service::project_page(&t.db, &employee, project)
        .await
        .unwrap();
    assert_eq!(page.project.editable, page.forms.is_some());

    let new_idea = app::portfolio::service::new_idea_page(&t.db, &employee)
        .await
        .unwrap();
    assert!(new_idea.home_site_id.is_some() && !new_idea.organisation.is_empty());
    assert_eq!(
        app::portfolio::service::new_idea_page(&t.db, &Actor::Anonymous)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
}

async fn admin_pages_are_for_admins_and_carry_the_organisation(backend: Backend) {
    let t = with_demo(backend).await;
    let admin = demo(&t, ADMIN).await;
    let employee = demo(&t, EMPLOYEE).await;

    let org = app::org::service::admin_page(&t.db, &admin).await.unwrap();
    let site = org
        .iter()
        .flat_map(|s| s.sites.iter())
        .next()
        .expect("a demo site")
        .clone();
    let (found, sectors) = app::org::service::site_edit_page(&t.db, &admin, site.id)
        .await
        .unwrap();
    assert_eq!((found.id, sectors.len()), (site.id, org.len()));
    assert_eq!(
        app::org::service::admin_page(&t.db, &employee)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    assert_eq!(
        app::org::service::site_edit_page(&t.db, &admin, 999_999)
            .await
            .map(drop),
        Err(AppError::NotFound)
    );

    let (users, sectors) =
        app::users::service::users_page(&t.db, &admin, "", PageRequest::first_max())
            .await
            .unwrap();
    assert!(users.total > 0 && sectors.len() == org.len());
    assert_eq!(
        app::users::service::users_page(&t.db, &employee, "", PageRequest::first_max())
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    let (me, sites, tokens) = app::users::service::profile_page(&t.db, &employee)
        .await
        .unwrap();
    assert_eq!(Some(me.id), employee.user_id());
    assert!(!sites.is_empty() && tokens.is_empty());
}

on_both_backends!(
    lup_pages_say_who_manages_and_carry_the_organisation_only_then,
    prize_pages_carry_what_their_forms_need,
    a_project_page_carries_its_forms_choices_for_its_editors_only,
    admin_pages_are_for_admins_and_carry_the_organisation,
);

//! LUP through the service layer on SQLite and PostgreSQL (issue 13): cohorts, groups and
//! their rules, attendance, coverage on a date and over time computed from what was true
//! that day, targets, who sees what, and the demo history.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::entities::{audit_log, sector, service_site};
use app::lup::domain::cohort::{CohortForm, GatheringForm};
use app::lup::domain::group::GroupStatus;
use app::lup::domain::member::MemberForm;
use app::lup::domain::target::TargetForm;
use app::lup::entities::{lup_attendance, lup_group};
use app::lup::service as lup;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};

pub(crate) const EMPLOYEE: usize = 1;
pub(crate) const COORDINATOR: usize = 6;
pub(crate) const MANAGER: usize = 7;

/// The clock of these tests: 3 December 2026, noon in Oslo.
pub(crate) const NOW: OffsetDateTime = datetime!(2026-12-03 11:00 UTC);

pub(crate) fn cohort_form(
    name: &str,
    starts: &str,
    ends: &str,
    min_attendance: &str,
) -> CohortForm {
    CohortForm {
        name: name.into(),
        starts_on: starts.into(),
        ends_on: ends.into(),
        capacity: "3".into(),
        min_attendance_percent: min_attendance.into(),
        supervisors: "lup@ideverket.example".into(),
    }
}

/// A cohort made by `coordinator` from `starts` to `ends`, capacity 3, no least attendance.
pub(crate) async fn new_cohort(
    t: &TestDb,
    coordinator: &Actor,
    name: &str,
    starts: &str,
    ends: &str,
) -> i32 {
    lup::create_cohort(&t.db, coordinator, cohort_form(name, starts, ends, ""), NOW)
        .await
        .unwrap()
}

/// The first `n` sites of the sector `name`, by id.
pub(crate) async fn sites_of(t: &TestDb, name: &str, n: u64) -> Vec<service_site::Model> {
    use sea_orm::QuerySelect;
    let sector = sector::Entity::find()
        .filter(sector::Column::Name.eq(name))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    service_site::Entity::find()
        .filter(service_site::Column::SectorId.eq(sector.id))
        .order_by_asc(service_site::Column::Id)
        .limit(n)
        .all(&t.db)
        .await
        .unwrap()
}

/// Active sites on `day`, counted straight from the table.
async fn active_on(t: &TestDb, day: Date) -> u32 {
    service_site::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .iter()
        .filter(|s| s.active_from <= day && s.closed_on.is_none_or(|c| day < c))
        .count() as u32
}

async fn audit_rows(t: &TestDb) -> u64 {
    audit_log::Entity::find().count(&t.db).await.unwrap()
}

fn status(status: &str, date: &str, reason: &str) -> (String, String, String) {
    (status.into(), date.into(), reason.into())
}

async fn set_status(
    t: &TestDb,
    actor: &Actor,
    group: i32,
    (s, d, r): (String, String, String),
) -> Result<GroupStatus, AppError> {
    lup::change_group_status(&t.db, actor, group, (&s, &d, &r), None, NOW).await
}

async fn coverage_on(t: &TestDb, actor: &Actor, day: &str) -> app::lup::domain::view::CoverageView {
    lup::coverage(&t.db, actor, Some(day), None, NOW)
        .await
        .unwrap()
}

async fn a_site_counts_once_from_its_first_completion_and_a_closed_site_leaves_the_count(
    backend: Backend,
) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let first = new_cohort(&t, &coordinator, "Kull 1", "2025-01-06", "2025-06-30").await;
    let second = new_cohort(&t, &coordinator, "Kull 2", "2025-08-04", "2026-01-31").await;
    let sites = sites_of(&t, "Oppvekst skole", 3).await;
    let (a, b, c) = (sites[0].id, sites[1].id, sites[2].id);
    let enrol = |cohort: i32, site: i32| {
        let (db, actor) = (&t.db, &coordinator);
        async move {
            lup::enrol_group(db, actor, &cohort.to_string(), &site.to_string(), NOW)
                .await
                .unwrap()
        }
    };
    let a1 = enrol(first, a).await;
    let b1 = enrol(first, b).await;
    let c1 = enrol(first, c).await;
    let a2 = enrol(second, a).await;
    set_status(&t, &coordinator, a1, status("completed", "2025-06-20", ""))
        .await
        .unwrap();
    set_status(
        &t,
        &coordinator,
        b1,
        status("withdrawn", "2025-03-01", "Ny leder"),
    )
    .await
    .unwrap();
    set_status(&t, &coordinator, c1, status("completed", "2025-06-27", ""))
        .await
        .unwrap();
    set_status(&t, &coordinator, a2, status("completed", "2025-12-19", ""))
        .await
        .unwrap();
    // Site c closes (merged) at the new year; history stays as it was.
    let closing = date!(2026 - 01 - 01);
    let patch = app::org::domain::SitePatch {
        closed_on: Some(Some(closing)),
        ..Default::default()
    };
    app::org::service::update_site(&t.db, &Actor::System, c, patch, NOW)
        .await
        .unwrap();

    let before = coverage_on(&t, &coordinator, "2025-06-19").await;
    assert_eq!(
        (before.share.covered, before.completed_groups),
        (0, 0),
        "nothing before the first completion"
    );
    assert_eq!(
        before.share.active,
        active_on(&t, date!(2025 - 06 - 19)).await
    );
    let summer = coverage_on(&t, &coordinator, "2025-06-30").await;
    assert_eq!((summer.share.covered, summer.completed_groups), (2, 2));
    let winter = coverage_on(&t, &coordinator, "2025-12-31").await;
    assert_eq!(
        (winter.share.covered, winter.completed_groups),
        (2, 3),
        "a's second group counts as a group, not as a second site; b withdrew"
    );
    let after = coverage_on(&t, &coordinator, "2026-01-01").await;
    assert_eq!(
        after.share.covered, 1,
        "c closed: neither active nor covered"
    );
    assert_eq!(after.share.active, active_on(&t, closing).await);
    assert_eq!(after.share.active + 1, winter.share.active);
    let schools = after
        .by_sector
        .iter()
        .find(|s| s.sector.name == "Oppvekst skole")
        .unwrap();
    assert_eq!(schools.share.covered, 1);
    assert_eq!(
        after.by_sector.iter().map(|s| s.share.covered).sum::<u32>(),
        after.share.covered
    );

    // The series ends each month and agrees with coverage on its dates.
    let series = lup::coverage_series(
        &t.db,
        &coordinator,
        (Some("2025-05-15"), Some("2026-01-10"), Some("month")),
        None,
        NOW,
    )
    .await
    .unwrap();
    let dates: Vec<Date> = series.iter().map(|p| p.date).collect();
    assert_eq!(dates.first(), Some(&date!(2025 - 05 - 31)));
    assert_eq!(dates.last(), Some(&date!(2026 - 01 - 10)));
    assert_eq!(series.len(), 9);
    let covered: Vec<u32> = series.iter().map(|p| p.share.covered).collect();
    assert_eq!(covered, vec![0, 2, 2, 2, 2, 2, 2, 2, 1]);
    let refused = lup::coverage_series(
        &t.db,
        &coordinator,
        (Some("2026-01-10"), Some("2025-01-01"), Some("week")),
        None,
        NOW,
    )
    .await
    .unwrap_err();
    assert_eq!(
        refused,
        AppError::invalid("step", FieldError::InvalidChoice),
        "the step is checked first"
    );
}

async fn the_rules_refuse_bad_enrolments_members_and_completions_and_write_nothing(
    backend: Backend,
) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let cohort = new_cohort(&t, &coordinator, "Kull 1", "2026-09-01", "2027-02-28").await;
    let sites = sites_of(&t, "Oppvekst skole", 5).await;
    let group = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &sites[0].id.to_string(),
        NOW,
    )
    .await
    .unwrap();
    let before = (
        lup_group::Entity::find().count(&t.db).await.unwrap(),
        audit_rows(&t).await,
    );

    let twice = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &sites[0].id.to_string(),
        NOW,
    )
    .await;
    assert_eq!(twice, Err(AppError::conflict("site_id", FieldError::Taken)));
    let patch = app::org::domain::SitePatch {
        closed_on: Some(Some(date!(2026 - 11 - 01))),
        ..Default::default()
    };
    app::org::service::update_site(&t.db, &Actor::System, sites[3].id, patch, NOW)
        .await
        .unwrap();
    let closed = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &sites[3].id.to_string(),
        NOW,
    )
    .await;
    assert_eq!(
        closed,
        Err(AppError::invalid("site_id", FieldError::SiteClosed))
    );
    // A site that opens next month has no leaders yet: the page offered only open sites,
    // but the service enrolled it (issue 25).
    let opens = app::org::domain::SitePatch {
        active_from: Some(date!(2027 - 01 - 04)),
        ..Default::default()
    };
    app::org::service::update_site(&t.db, &Actor::System, sites[4].id, opens, NOW)
        .await
        .unwrap();
    let not_open = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &sites[4].id.to_string(),
        NOW,
    )
    .await;
    assert_eq!(
        not_open,
        Err(AppError::invalid("site_id", FieldError::SiteNotOpen))
    );
    let unknown = lup::enrol_group(&t.db, &coordinator, "999999", "x", NOW).await;
    assert_eq!(
        unknown,
        Err(AppError::Invalid(
            [("site_id".to_owned(), FieldError::UnknownReference)].into()
        ))
    );

    // The demo users live at Sandvika rådhus: not members of a school's group.
    let other_site = MemberForm {
        role: "enthusiast".into(),
        email: "ansatt@ideverket.example".into(),
        ..Default::default()
    };
    assert_eq!(
        lup::add_group_member(&t.db, &coordinator, group, other_site, NOW).await,
        Err(AppError::invalid("email", FieldError::OtherSite))
    );
    let nobody = MemberForm {
        role: "leader".into(),
        email: "ingen@ideverket.example".into(),
        ..Default::default()
    };
    assert_eq!(
        lup::add_group_member(&t.db, &coordinator, group, nobody, NOW).await,
        Err(AppError::invalid("email", FieldError::UnknownUser))
    );

    let future = set_status(
        &t,
        &coordinator,
        group,
        status("completed", "2026-12-04", ""),
    )
    .await;
    assert_eq!(
        future,
        Err(AppError::invalid("date", FieldError::DateInFuture))
    );
    let early = set_status(
        &t,
        &coordinator,
        group,
        status("completed", "2026-08-31", ""),
    )
    .await;
    assert_eq!(
        early,
        Err(AppError::invalid("date", FieldError::BeforeCohortStart))
    );
    let no_reason = set_status(
        &t,
        &coordinator,
        group,
        status("withdrawn", "2026-10-01", " "),
    )
    .await;
    assert_eq!(
        no_reason,
        Err(AppError::invalid("reason", FieldError::Required))
    );
    assert_eq!(
        (
            lup_group::Entity::find().count(&t.db).await.unwrap(),
            audit_rows(&t).await
        ),
        (before.0, before.1 + 2),
        "only the site's closing and the other's opening date were written"
    );

    // The cohort takes three groups.
    for site in &sites[1..3] {
        lup::enrol_group(
            &t.db,
            &coordinator,
            &cohort.to_string(),
            &site.id.to_string(),
            NOW,
        )
        .await
        .unwrap();
    }
    let more = sites_of(&t, "Oppvekst barnehage", 1).await;
    let full = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &more[0].id.to_string(),
        NOW,
    )
    .await;
    assert_eq!(
        full,
        Err(AppError::conflict("cohort_id", FieldError::CohortFull))
    );

    let done = set_status(
        &t,
        &coordinator,
        group,
        status("completed", "2026-12-03", ""),
    )
    .await;
    assert_eq!(
        done,
        Ok(GroupStatus::Completed {
            on: date!(2026 - 12 - 03)
        })
    );
    let again = set_status(
        &t,
        &coordinator,
        group,
        status("withdrawn", "2026-12-03", "Feil"),
    )
    .await;
    assert_eq!(
        again,
        Err(AppError::invalid("status", FieldError::IllegalTransition))
    );
}

async fn attendance_is_kept_per_gathering_and_member_and_can_gate_completion(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let cohort = lup::create_cohort(
        &t.db,
        &coordinator,
        cohort_form("Kull med krav", "2026-09-01", "2027-02-28", "75"),
        NOW,
    )
    .await
    .unwrap();
    let gathering = |day: &str, alumni: bool| GatheringForm {
        held_on: day.into(),
        theme: "Innsikt".into(),
        place: "Rådhuset".into(),
        alumni,
    };
    let g1 = lup::add_gathering(
        &t.db,
        &coordinator,
        cohort,
        gathering("2026-09-15", false),
        NOW,
    )
    .await
    .unwrap();
    let g2 = lup::add_gathering(
        &t.db,
        &coordinator,
        cohort,
        gathering("2026-11-10", false),
        NOW,
    )
    .await
    .unwrap();
    // Not yet held: it does not count in the rate.
    lup::add_gathering(
        &t.db,
        &coordinator,
        cohort,
        gathering("2027-01-20", false),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        lup::add_gathering(
            &t.db,
            &coordinator,
            cohort,
            gathering("2027-03-01", false),
            NOW
        )
        .await
        .map(drop),
        Err(AppError::invalid("held_on", FieldError::OutsideCohort))
    );
    let town_hall = service_site::Entity::find()
        .filter(service_site::Column::Name.eq("Sandvika rådhus"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let group = lup::enrol_group(
        &t.db,
        &coordinator,
        &cohort.to_string(),
        &town_hall.id.to_string(),
        NOW,
    )
    .await
    .unwrap();
    let leader = lup::add_group_member(
        &t.db,
        &coordinator,
        group,
        MemberForm {
            role: "leader".into(),
            email: "leder@ideverket.example".into(),
            ..Default::default()
        },
        NOW,
    )
    .await
    .unwrap();
    let guest = lup::add_group_member(
        &t.db,
        &coordinator,
        group,
        MemberForm {
            role: "guest".into(),
            guest_name: "Nina Berg".into(),
            guest_organisation: "KS".into(),
            ..Default::default()
        },
        NOW,
    )
    .await
    .unwrap();
    let twice = MemberForm {
        role: "enthusiast".into(),
        email: "leder@ideverket.example".into(),
        ..Default::default()
    };
    assert_eq!(
        lup::add_group_member(&t.db, &coordinator, group, twice, NOW).await,
        Err(AppError::conflict("email", FieldError::Taken))
    );

    // Three of four possible marks present: 75 %, exactly enough.
    let employee = demo(&t, EMPLOYEE).await;
    assert_eq!(
        lup::record_attendance(&t.db, &employee, g1.id, &[(leader, true)], NOW).await,
        Err(AppError::Forbidden)
    );
    lup::record_attendance(
        &t.db,
        &coordinator,
        g1.id,
        &[(leader, true), (guest, true)],
        NOW,
    )
    .await
    .unwrap();
    let written = lup::record_group_grid(
        &t.db,
        &coordinator,
        group,
        &[(g1.id, leader), (g1.id, guest), (g2.id, leader)],
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        written, 4,
        "two gatherings held, two members: the whole grid"
    );
    let view = lup::get_group(&t.db, &coordinator, group, NOW)
        .await
        .unwrap();
    assert_eq!(view.row.attendance_percent, Some(75));
    assert_eq!(view.attendance.iter().filter(|a| a.present).count(), 3);
    assert_eq!(
        lup_attendance::Entity::find().count(&t.db).await.unwrap(),
        4,
        "a mark recorded again overwrites"
    );
    // A cell outside the grid (a gathering not yet held) is refused whole.
    let g3 = lup::list_gatherings(&t.db, &coordinator, cohort)
        .await
        .unwrap()[2]
        .id;
    assert_eq!(
        lup::record_group_grid(&t.db, &coordinator, group, &[(g3, leader)], NOW).await,
        Err(AppError::invalid(
            "attendance",
            FieldError::UnknownReference
        ))
    );

    // One absence more and the group falls below 75 %.
    lup::record_group_grid(
        &t.db,
        &coordinator,
        group,
        &[(g1.id, leader), (g2.id, leader)],
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        set_status(
            &t,
            &coordinator,
            group,
            status("completed", "2026-12-01", "")
        )
        .await,
        Err(AppError::invalid("status", FieldError::AttendanceTooLow))
    );
    lup::record_group_grid(
        &t.db,
        &coordinator,
        group,
        &[(g1.id, leader), (g1.id, guest), (g2.id, guest)],
        NOW,
    )
    .await
    .unwrap();
    // A completion may link the group's development task to a portfolio project.
    app::portfolio::service::seed_demo_portfolio(&t.db, &Actor::System, 1, NOW)
        .await
        .unwrap();
    let project = app::portfolio::entities::project::Entity::find()
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    let completed = ("completed", "2026-12-01", "");
    assert_eq!(
        lup::change_group_status(&t.db, &coordinator, group, completed, Some(999_999), NOW).await,
        Err(AppError::invalid(
            "project_id",
            FieldError::UnknownReference
        ))
    );
    let done =
        lup::change_group_status(&t.db, &coordinator, group, completed, Some(project.id), NOW)
            .await;
    assert_eq!(
        done,
        Ok(GroupStatus::Completed {
            on: date!(2026 - 12 - 01)
        })
    );
    let view = lup::get_group(&t.db, &coordinator, group, NOW)
        .await
        .unwrap();
    assert_eq!(view.project.map(|p| p.name), Some(project.name));
}

async fn a_manager_sees_their_own_sector_and_only_coordinators_change_lup(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let manager = demo(&t, MANAGER).await;
    let employee = demo(&t, EMPLOYEE).await;
    let cohort = new_cohort(&t, &coordinator, "Kull 1", "2026-01-05", "2026-06-30").await;
    for sector in ["Oppvekst skole", "Helse og omsorg"] {
        let site = sites_of(&t, sector, 1).await[0].id;
        let group = lup::enrol_group(
            &t.db,
            &coordinator,
            &cohort.to_string(),
            &site.to_string(),
            NOW,
        )
        .await
        .unwrap();
        set_status(
            &t,
            &coordinator,
            group,
            status("completed", "2026-06-20", ""),
        )
        .await
        .unwrap();
    }
    let all = lup::coverage(&t.db, &coordinator, None, None, NOW)
        .await
        .unwrap();
    assert_eq!(all.share.covered, 2);
    assert_eq!(all.share.active, active_on(&t, date!(2026 - 12 - 03)).await);

    let own = lup::coverage(&t.db, &manager, None, None, NOW)
        .await
        .unwrap();
    assert_eq!(own.by_sector.len(), 1);
    assert_eq!(own.by_sector[0].sector.name, "Oppvekst skole");
    assert_eq!(own.share.covered, 1, "the school, not the nursing home");
    let other = sector::Entity::find()
        .filter(sector::Column::Name.eq("Helse og omsorg"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        lup::coverage(&t.db, &manager, None, Some(&other.id.to_string()), NOW).await,
        Err(AppError::Forbidden)
    );
    let sites = lup::site_rows(&t.db, &manager, None, NOW).await.unwrap();
    assert!(sites.iter().all(|s| s.sector.name == "Oppvekst skole"));
    assert!(!sites.is_empty());

    assert_eq!(
        lup::coverage(&t.db, &employee, None, None, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden)
    );
    // The employee becomes the leader (manager) of one school: they see that site alone.
    let school = sites_of(&t, "Oppvekst skole", 1).await[0].id;
    let employee_id = employee.user_id().unwrap();
    let grant = app::auth::RoleGrant::new(app::auth::Role::Manager, None, Some(school)).unwrap();
    app::users::service::grant_role(&t.db, &Actor::System, employee_id, grant, NOW)
        .await
        .unwrap();
    let site_manager = demo(&t, EMPLOYEE).await;
    let one = lup::coverage(&t.db, &site_manager, None, None, NOW)
        .await
        .unwrap();
    assert_eq!((one.share.covered, one.share.active), (1, 1));
    let rows = lup::site_rows(&t.db, &site_manager, None, NOW)
        .await
        .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.site.id).collect::<Vec<_>>(),
        vec![school]
    );
    let schools = sector::Entity::find()
        .filter(sector::Column::Name.eq("Oppvekst skole"))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        lup::coverage(
            &t.db,
            &site_manager,
            None,
            Some(&schools.id.to_string()),
            NOW
        )
        .await,
        Err(AppError::Forbidden),
        "a site's leader does not see the whole sector"
    );
    assert_eq!(
        lup::create_cohort(
            &t.db,
            &manager,
            cohort_form("Kull 2", "2027-01-04", "2027-06-30", ""),
            NOW
        )
        .await,
        Err(AppError::Forbidden)
    );

    // A target of half the sites by the end of 2026: evaluated on its date.
    let target = TargetForm {
        kind: "share".into(),
        value: "50".into(),
        sector_id: String::new(),
        due_on: "2026-12-31".into(),
    };
    lup::create_target(&t.db, &coordinator, target, NOW)
        .await
        .unwrap();
    let targets = lup::list_targets(&t.db, &coordinator, NOW).await.unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(targets[0].needed, all.share.active.div_ceil(2));
    assert!(!targets[0].met);
    assert!(
        lup::list_targets(&t.db, &manager, NOW)
            .await
            .unwrap()
            .is_empty(),
        "a manager of one sector does not see the whole organisation's target"
    );
}

async fn the_demo_history_has_152_completed_groups_and_a_target_of_120(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let groups = lup::seed_demo_lup(&t.db, &Actor::System, NOW)
        .await
        .unwrap();
    assert!(groups > 152);
    assert_eq!(
        lup::seed_demo_lup(&t.db, &Actor::System, NOW)
            .await
            .unwrap(),
        0,
        "a second seed changes nothing"
    );
    let coverage = lup::coverage(&t.db, &Actor::System, None, None, NOW)
        .await
        .unwrap();
    assert_eq!(coverage.completed_groups, 152);
    // Covered today, counted from the rows: open sites with a completed group.
    let today = date!(2026 - 12 - 03);
    let open: Vec<i32> = service_site::Entity::find()
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.active_from <= today && s.closed_on.is_none_or(|c| today < c))
        .map(|s| s.id)
        .collect();
    let mut covered: Vec<i32> = lup_group::Entity::find()
        .filter(lup_group::Column::Status.eq("completed"))
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.site_id)
        .filter(|site| open.contains(site))
        .collect();
    covered.sort_unstable();
    covered.dedup();
    assert_eq!(coverage.share.covered as usize, covered.len());
    assert_eq!(coverage.share.active as usize, open.len());
    assert!(open.len() < 200, "the demo closed a couple of sites");
    // One covered school has a new leader who was in no group.
    let turnover: Vec<_> = lup::site_rows(&t.db, &Actor::System, None, NOW)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.leader_turnover)
        .collect();
    assert_eq!(turnover.len(), 1);
    assert_eq!(turnover[0].sector.name, "Oppvekst skole");
    let leader = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq(lup::NEW_LEADER.1))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(leader.home_site_id, Some(turnover[0].site.id));
    let targets = lup::list_targets(&t.db, &Actor::System, NOW).await.unwrap();
    assert_eq!(targets[0].needed, 120);
    let series = lup::coverage_series(&t.db, &Actor::System, (None, None, None), None, NOW)
        .await
        .unwrap();
    assert_eq!(series.len(), 43, "June 2023 to December 2026");
    assert_eq!(series.last().map(|p| p.share), Some(coverage.share));

    // A series of five years costs the queries of a single month: no query per site or month.
    let system = Actor::System;
    let month = (Some("2026-11-01"), Some("2026-11-30"), None);
    let (one, month_queries) = t
        .queries_of(lup::coverage_series(&t.db, &system, month, None, NOW))
        .await;
    let years = (Some("2021-12-01"), Some("2026-11-30"), None);
    let started = std::time::Instant::now();
    let (five, years_queries) = t
        .queries_of(lup::coverage_series(&t.db, &system, years, None, NOW))
        .await;
    let took = started.elapsed();
    assert_eq!((one.unwrap().len(), five.unwrap().len()), (1, 60));
    assert_eq!(month_queries, years_queries);
    assert!(years_queries <= 4, "{years_queries} queries");
    eprintln!("coverage series, 200 sites × 60 months: {years_queries} queries, {took:?}");
}

on_both_backends!(
    a_site_counts_once_from_its_first_completion_and_a_closed_site_leaves_the_count,
    the_rules_refuse_bad_enrolments_members_and_completions_and_write_nothing,
    attendance_is_kept_per_gathering_and_member_and_can_gate_completion,
    a_manager_sees_their_own_sector_and_only_coordinators_change_lup,
    the_demo_history_has_152_completed_groups_and_a_target_of_120,
);

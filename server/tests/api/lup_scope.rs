//! Who reads which leader groups (issue 23): a manager reads LUP's groups, their members and
//! attendance for their sector or site only, as coverage already counted; coordinators and
//! admins read every group. On SQLite and PostgreSQL.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::lup_service::{COORDINATOR, EMPLOYEE, MANAGER, NOW, new_cohort, sites_of};
use app::auth::{Actor, Role, RoleGrant};
use app::core::error::AppError;
use app::lup::service as lup;

async fn a_manager_reads_the_groups_of_their_scope_only(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let coordinator = demo(&t, COORDINATOR).await;
    let sector_manager = demo(&t, MANAGER).await;
    let cohort = new_cohort(&t, &coordinator, "Kull 1", "2026-01-05", "2026-06-30").await;
    // Two schools (the manager's sector) and a nursing home.
    let schools = sites_of(&t, "Oppvekst skole", 2).await;
    let nursing = sites_of(&t, "Helse og omsorg", 1).await[0].id;
    let mut groups = Vec::new();
    for site in [schools[0].id, schools[1].id, nursing] {
        groups.push(
            lup::enrol_group(
                &t.db,
                &coordinator,
                &cohort.to_string(),
                &site.to_string(),
                NOW,
            )
            .await
            .unwrap(),
        );
    }
    let (school_group, other_school_group, nursing_group) = (groups[0], groups[1], groups[2]);
    // A site's leader: the employee, manager of the first school alone.
    let employee_id = demo(&t, EMPLOYEE).await.user_id().unwrap();
    let grant = RoleGrant::new(Role::Manager, None, Some(schools[0].id)).unwrap();
    app::users::service::grant_role(&t.db, &Actor::System, employee_id, grant, NOW)
        .await
        .unwrap();
    let site_manager = demo(&t, EMPLOYEE).await;

    let ids = |rows: Vec<app::lup::domain::view::GroupRow>| {
        let mut ids: Vec<i32> = rows.into_iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids
    };
    for (who, actor, seen) in [
        ("coordinator", &coordinator, groups.clone()),
        (
            "sector manager",
            &sector_manager,
            vec![school_group, other_school_group],
        ),
        ("site manager", &site_manager, vec![school_group]),
    ] {
        let listed = lup::list_groups(&t.db, actor, None, NOW).await.unwrap();
        assert_eq!(ids(listed), seen, "{who}: the group list");
        let of_cohort = lup::list_groups(&t.db, actor, Some(cohort), NOW)
            .await
            .unwrap();
        assert_eq!(ids(of_cohort), seen, "{who}: the cohort's group list");
        let view = lup::get_cohort(&t.db, actor, cohort, NOW).await.unwrap();
        assert_eq!(ids(view.groups), seen, "{who}: the cohort page");
        assert_eq!(
            view.row.groups as usize,
            seen.len(),
            "{who}: the cohort's count"
        );
        let rows = lup::list_cohorts(&t.db, actor).await.unwrap();
        assert_eq!(
            rows[0].groups as usize,
            seen.len(),
            "{who}: the cohort list"
        );
        for group in &groups {
            let read = lup::get_group(&t.db, actor, *group, NOW).await;
            if seen.contains(group) {
                assert_eq!(read.map(|g| g.row.id), Ok(*group), "{who}: group {group}");
            } else {
                assert_eq!(
                    read.map(drop),
                    Err(AppError::Forbidden),
                    "{who}: group {group}"
                );
            }
        }
    }
    assert_eq!(
        lup::get_group(&t.db, &sector_manager, nursing_group, NOW)
            .await
            .map(drop),
        Err(AppError::Forbidden),
        "another sector's group, members and attendance"
    );
}

on_both_backends!(a_manager_reads_the_groups_of_their_scope_only);

//! LUP's REST API through the real router on SQLite and PostgreSQL (issue 13): a coordinator
//! creates a cohort with a gathering, enrols groups, adds members, records attendance and
//! completes a group; coverage, its series and the targets show it; refusals are
//! problem+json 401/403/409/422.

use crate::common::{Backend, TestApp};
use crate::rest::{get, post, refused_fields};
use app::entities::{sector, service_site};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

async fn app_with_tokens(backend: Backend) -> (TestApp, [String; 3]) {
    let users = [
        "ansatt@ideverket.example",
        "leder@ideverket.example",
        "lup@ideverket.example",
    ];
    crate::rest::app_with_tokens(backend, users).await
}

async fn sites_in(app: &TestApp, name: &str) -> Vec<i32> {
    let sector = sector::Entity::find()
        .filter(sector::Column::Name.eq(name))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    service_site::Entity::find()
        .filter(service_site::Column::SectorId.eq(sector.id))
        .order_by_asc(service_site::Column::Id)
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

async fn a_coordinator_runs_a_cohort_and_coverage_shows_it(backend: Backend) {
    let (app, [employee, manager, coordinator]) = app_with_tokens(backend).await;
    let schools = sites_in(&app, "Oppvekst skole").await;
    let (_, before) = get(&app, "/api/v1/lup/coverage", Some(&coordinator)).await;
    assert_eq!(before["covered_sites"], 0);

    let cohort_body = json!({
        "name": "Kull 1",
        "starts_on": "2020-01-06",
        "ends_on": "2020-06-30",
        "capacity": 20,
        "min_attendance_percent": 50,
        "supervisors": ["lup@ideverket.example"]
    });
    let (status, _) = post(&app, "/api/v1/lup/cohorts", &manager, cohort_body.clone()).await;
    assert_eq!(status, 403, "managers follow LUP; coordinators run it");
    let (status, bad) = post(
        &app,
        "/api/v1/lup/cohorts",
        &coordinator,
        json!({"name": " ", "starts_on": "2020-06-30", "ends_on": "2020-01-06", "capacity": 0}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (
            422,
            vec![
                "capacity:out_of_range".to_owned(),
                "ends_on:end_before_start".to_owned(),
                "name:required".to_owned()
            ]
        )
    );
    let (status, cohort) = post(
        &app,
        "/api/v1/lup/cohorts",
        &coordinator,
        cohort_body.clone(),
    )
    .await;
    assert_eq!(status, 201, "{cohort}");
    assert_eq!(cohort["supervisors"][0]["name"], "Lars Pedersen");
    let (status, _) = post(&app, "/api/v1/lup/cohorts", &coordinator, cohort_body).await;
    assert_eq!(status, 409, "the name is taken");
    let id = cohort["id"].as_i64().unwrap();

    let gatherings = format!("/api/v1/lup/cohorts/{id}/gatherings");
    let (status, gathering) = post(
        &app,
        &gatherings,
        &coordinator,
        json!({"held_on": "2020-02-04", "theme": "Innsikt", "place": "Rådhuset"}),
    )
    .await;
    assert_eq!(status, 201, "{gathering}");
    let (status, bad) = post(
        &app,
        &gatherings,
        &coordinator,
        json!({"held_on": "2020-07-01", "theme": "For sent", "place": "Rådhuset"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["held_on:outside_cohort".to_owned()])
    );
    let (_, listed) = get(&app, &gatherings, Some(&manager)).await;
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));

    let (status, group) = post(
        &app,
        "/api/v1/lup/groups",
        &coordinator,
        json!({"cohort_id": id, "site_id": schools[0]}),
    )
    .await;
    assert_eq!(status, 201, "{group}");
    assert_eq!(group["status"], "enrolled");
    let (status, _) = post(
        &app,
        "/api/v1/lup/groups",
        &coordinator,
        json!({"cohort_id": id, "site_id": schools[0]}),
    )
    .await;
    assert_eq!(status, 409, "a site once per cohort");
    let group_id = group["id"].as_i64().unwrap();

    let members = format!("/api/v1/lup/groups/{group_id}/members");
    let (status, bad) = post(
        &app,
        &members,
        &coordinator,
        json!({"role": "leader", "email": "leder@ideverket.example"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["email:other_site".to_owned()]),
        "the demo manager's home is the town hall, not the school"
    );
    let (status, with_guest) = post(
        &app,
        &members,
        &coordinator,
        json!({"role": "guest", "guest_name": "Nina Berg", "guest_organisation": "KS"}),
    )
    .await;
    assert_eq!(status, 201, "{with_guest}");
    let guest = with_guest["members"][0]["id"].as_i64().unwrap();

    let status_path = format!("/api/v1/lup/groups/{group_id}/status");
    let (status, bad) = post(
        &app,
        &status_path,
        &coordinator,
        json!({"status": "completed", "date": "2020-06-20"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["status:attendance_too_low".to_owned()]),
        "no attendance yet, and the cohort asks for half"
    );
    let attendance = format!("/api/v1/lup/gatherings/{}/attendance", gathering["id"]);
    let (status, _) = post(
        &app,
        &attendance,
        &employee,
        json!({"attendance": [{"member_id": guest, "present": true}]}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, recorded) = post(
        &app,
        &attendance,
        &coordinator,
        json!({"attendance": [{"member_id": guest, "present": true}]}),
    )
    .await;
    assert_eq!((status, &recorded["recorded"]), (200, &json!(1)));
    let (status, bad) = post(
        &app,
        &status_path,
        &coordinator,
        json!({"status": "completed", "date": "2199-12-31"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["date:date_in_future".to_owned()])
    );
    let (status, bad) = post(
        &app,
        &status_path,
        &coordinator,
        json!({"status": "completed", "date": "2019-12-31"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["date:before_cohort_start".to_owned()])
    );
    let (status, done) = post(
        &app,
        &status_path,
        &coordinator,
        json!({"status": "completed", "date": "2020-06-20"}),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(
        (&done["status"], &done["status_on"]),
        (&json!("completed"), &json!("2020-06-20"))
    );
    assert_eq!(done["attendance_percent"], 100);

    // Coverage: one school covered, for the coordinator and the school sector's manager.
    let (status, now) = get(&app, "/api/v1/lup/coverage", Some(&coordinator)).await;
    assert_eq!(status, 200, "{now}");
    assert_eq!(
        (&now["covered_sites"], &now["completed_groups"]),
        (&json!(1), &json!(1))
    );
    let share = now["share"].as_f64().unwrap();
    let active = now["active_sites"].as_f64().unwrap();
    assert!((share - 1.0 / active).abs() < 1e-9);
    let (_, then) = get(
        &app,
        "/api/v1/lup/coverage?date=2020-06-19",
        Some(&coordinator),
    )
    .await;
    assert_eq!(then["covered_sites"], 0, "not before it completed");
    let (status, own) = get(&app, "/api/v1/lup/coverage", Some(&manager)).await;
    assert_eq!(status, 200);
    assert_eq!(own["by_sector"].as_array().map(Vec::len), Some(1));
    assert_eq!(own["by_sector"][0]["covered_sites"], 1);
    let (status, series) = get(
        &app,
        "/api/v1/lup/coverage/series?from=2020-05-01&to=2020-08-15&step=month",
        Some(&manager),
    )
    .await;
    assert_eq!(status, 200, "{series}");
    let covered: Vec<i64> = series["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["covered_sites"].as_i64().unwrap())
        .collect();
    assert_eq!(covered, vec![0, 1, 1, 1]);
    let (status, bad) = get(&app, "/api/v1/lup/coverage?date=i+morgen", Some(&manager)).await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["date:invalid_date".to_owned()])
    );
    assert_eq!(
        get(&app, "/api/v1/lup/coverage", Some(&employee)).await.0,
        403
    );
    assert_eq!(get(&app, "/api/v1/lup/coverage", None).await.0, 401);

    // A target, and how it stands.
    let (status, bad) = post(
        &app,
        "/api/v1/lup/targets",
        &coordinator,
        json!({"kind": "share", "value": 120, "due_on": "2020-12-31"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["value:out_of_range".to_owned()])
    );
    let (status, targets) = post(
        &app,
        "/api/v1/lup/targets",
        &coordinator,
        json!({"kind": "count", "value": 1, "due_on": "2020-12-31"}),
    )
    .await;
    assert_eq!(status, 201, "{targets}");
    assert_eq!(
        (&targets[0]["met"], &targets[0]["needed_sites"]),
        (&json!(true), &json!(1))
    );
    let (_, groups) = get(
        &app,
        &format!("/api/v1/lup/groups?cohort_id={id}"),
        Some(&manager),
    )
    .await;
    assert_eq!(groups["items"].as_array().map(Vec::len), Some(1));
    let (_, cohorts) = get(&app, "/api/v1/lup/cohorts", Some(&manager)).await;
    assert_eq!(
        (
            &cohorts["items"][0]["groups"],
            &cohorts["items"][0]["completed_groups"]
        ),
        (&json!(1), &json!(1))
    );
    assert_eq!(
        get(&app, "/api/v1/lup/groups/999999", Some(&manager))
            .await
            .0,
        404
    );
}

/// Issue 32: the forecast from the completions' pace, hand-computed. Six schools complete on
/// the 10th of February to July 2020; on 31 July the window runs from 9 February (the day
/// before the first completion): 5 months and 22 of the 31 days to 9 August, so 6 sites in
/// 5.7097 months, 1.05 a month. Four more (to 10) take 3.8065 months: 31 October and 0.8065
/// of November's 30 days rounded up to 25, so 25 November. By 31 December (5 months) it takes
/// 0.8 a month. No six-month stretch fits after 9 February, so the range is the one date.
async fn the_forecast_follows_the_pace_of_completions(backend: Backend) {
    let (app, [employee, manager, coordinator]) = app_with_tokens(backend).await;
    let schools = sites_in(&app, "Oppvekst skole").await;
    let (status, cohort) = post(
        &app,
        "/api/v1/lup/cohorts",
        &coordinator,
        json!({"name": "Kull 2020", "starts_on": "2020-01-06", "ends_on": "2020-12-31", "capacity": 20}),
    )
    .await;
    assert_eq!(status, 201, "{cohort}");
    let cohort_id = cohort["id"].as_i64().unwrap();
    for (month, site) in (2..=7).zip(&schools) {
        let (status, group) = post(
            &app,
            "/api/v1/lup/groups",
            &coordinator,
            json!({"cohort_id": cohort_id, "site_id": site}),
        )
        .await;
        assert_eq!(status, 201, "{group}");
        let path = format!("/api/v1/lup/groups/{}/status", group["id"]);
        let on = format!("2020-{month:02}-10");
        let (status, done) = post(
            &app,
            &path,
            &coordinator,
            json!({"status": "completed", "date": on}),
        )
        .await;
        assert_eq!(status, 200, "{done}");
    }

    let url = "/api/v1/lup/forecast?date=2020-07-31&target_sites=10&due_on=2020-12-31";
    let (status, f) = get(&app, url, Some(&coordinator)).await;
    assert_eq!(status, 200, "{f}");
    assert_eq!(
        (
            &f["date"],
            &f["covered_sites"],
            &f["target_sites"],
            &f["met"]
        ),
        (&json!("2020-07-31"), &json!(6), &json!(10), &json!(false))
    );
    assert_eq!(f["window_from"], "2020-02-09");
    assert_eq!(f["pace_per_month"], json!(1.05));
    assert_eq!(f["reached_on"], "2020-11-25");
    assert_eq!(f["needed_pace_per_month"], json!(0.8));
    assert_eq!(
        f["range"],
        json!({"earliest": "2020-11-25", "latest": "2020-11-25"})
    );
    let active = f["active_sites"].as_i64().unwrap();
    assert!(active >= 6, "{f}");

    // The schools' sector alone: the same six; the manager of that sector sees it.
    let school_sector = service_site::Entity::find_by_id(schools[0])
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .sector_id;
    let (status, own) = get(
        &app,
        &format!("/api/v1/lup/forecast?date=2020-07-31&target_sites=6&sector_id={school_sector}"),
        Some(&manager),
    )
    .await;
    assert_eq!(status, 200, "{own}");
    assert_eq!(
        (
            &own["met"],
            &own["reached_on"],
            &own["needed_pace_per_month"]
        ),
        (&json!(true), &json!("2020-07-31"), &json!(0.0))
    );
    // The manager's own forecast counts their sector's sites only; another sector is refused.
    let (_, mine) = get(
        &app,
        "/api/v1/lup/forecast?date=2020-07-31&target_sites=10",
        Some(&manager),
    )
    .await;
    let (_, my_coverage) = get(&app, "/api/v1/lup/coverage?date=2020-07-31", Some(&manager)).await;
    assert_eq!(
        (&mine["covered_sites"], &mine["active_sites"]),
        (&json!(6), &my_coverage["active_sites"])
    );
    assert_ne!(
        mine["active_sites"], f["active_sites"],
        "fewer than the whole"
    );
    let other = sector::Entity::find()
        .filter(sector::Column::Id.ne(school_sector))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, _) = get(
        &app,
        &format!("/api/v1/lup/forecast?target_sites=1&sector_id={other}"),
        Some(&manager),
    )
    .await;
    assert_eq!(status, 403);
    // Before any completion the pace is 0: never.
    let (_, early) = get(
        &app,
        "/api/v1/lup/forecast?date=2020-01-31&target_sites=10",
        Some(&coordinator),
    )
    .await;
    assert_eq!(
        (&early["pace_per_month"], &early["reached_on"]),
        (&json!(0.0), &json!(null))
    );

    // Refusals: a missing or unbounded number, a bad date, the employee, no token.
    let (status, bad) = get(&app, "/api/v1/lup/forecast", Some(&coordinator)).await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["target_sites:required".to_owned()])
    );
    let (status, bad) = get(
        &app,
        "/api/v1/lup/forecast?target_sites=0&due_on=snart",
        Some(&coordinator),
    )
    .await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(
        get(&app, "/api/v1/lup/forecast?target_sites=5", Some(&employee))
            .await
            .0,
        403
    );
    assert_eq!(
        get(&app, "/api/v1/lup/forecast?target_sites=5", None)
            .await
            .0,
        401
    );
}

on_both_backends!(
    a_coordinator_runs_a_cohort_and_coverage_shows_it,
    the_forecast_follows_the_pace_of_completions
);

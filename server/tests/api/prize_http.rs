//! The prize's REST API through the real router on SQLite and PostgreSQL (issue 14): the
//! committee opens a year with a category, an employee nominates, the committee closes the
//! window and shortlists, a juror scores, the committee closes the jury and publishes, and
//! the results are public; refusals are problem+json 401/403/409/422.

use crate::common::{Backend, TestApp};
use crate::rest::{call, get, post, refused_fields};
use app::entities::{service_site, user};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

fn rfc(at: OffsetDateTime) -> String {
    app::core::timefmt::rfc3339(at)
}

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    call(app, Method::PATCH, path, Some(token), Some(body)).await
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id
        .into()
}

async fn a_year_goes_from_nomination_to_public_results_over_rest(backend: Backend) {
    let users = [
        "ansatt@ideverket.example",
        "priskomite@ideverket.example",
        "jury@ideverket.example",
    ];
    let (app, [employee, committee, juror]) = crate::rest::app_with_tokens(backend, users).await;
    let now = OffsetDateTime::now_utc();
    let year_body = json!({
        "year": 2031,
        "nominations_open": rfc(now - Duration::days(1)),
        "nominations_close": rfc(now + Duration::days(1)),
        "jury_deadline": rfc(now + Duration::days(2)),
        "award_date": (now + Duration::days(3)).date().to_string(),
    });
    let (status, _) = post(&app, "/api/v1/prize/years", &employee, year_body.clone()).await;
    assert_eq!(status, 403);
    let (status, bad) = post(
        &app,
        "/api/v1/prize/years",
        &committee,
        json!({"year": 1.5, "nominations_open": "i går", "nominations_close": rfc(now), "jury_deadline": rfc(now), "award_date": "2031-03-22"}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (
            422,
            vec![
                "nominations_open:invalid_date".to_owned(),
                "year:invalid_number".to_owned()
            ]
        )
    );
    let (status, year) = post(&app, "/api/v1/prize/years", &committee, year_body).await;
    assert_eq!(status, 201, "{year}");
    assert_eq!(year["phase"], "nominating");
    let year_id = year["id"].as_i64().unwrap();

    let jury = user_id(&app, "jury@ideverket.example").await;
    let council = user_id(&app, "innovasjonsrad@ideverket.example").await;
    let (status, category) = post(
        &app,
        &format!("/api/v1/prize/years/{year_id}/categories"),
        &committee,
        json!({"name": "Beste feil", "jury_user_ids": [council], "chair_user_id": jury}),
    )
    .await;
    assert_eq!(status, 201, "{category}");
    assert_eq!(
        category["criteria"].as_array().unwrap().len(),
        5,
        "the default criteria"
    );
    assert_eq!(
        category["jury"].as_array().unwrap().len(),
        2,
        "the chair joins the jury"
    );
    let category_id = category["id"].as_i64().unwrap();
    let criteria: Vec<i64> = category["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();

    let home = user::Entity::find()
        .filter(user::Column::Email.eq("jury@ideverket.example"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .home_site_id;
    let site = service_site::Entity::find()
        .order_by_asc(service_site::Column::Id)
        .all(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|s| Some(s.id) != home)
        .unwrap()
        .id;
    let justification: serde_json::Map<String, Value> = criteria
        .iter()
        .map(|id| (id.to_string(), json!("Fordi det virker")))
        .collect();
    let nomination = json!({
        "category_id": category_id,
        "title": "Selvbetjent kiosk som ikke virket",
        "nominee": "Biblioteket",
        "site_id": site,
        "links": ["https://example.org/kiosk"],
        "justification": justification,
    });
    let (status, made) = post(
        &app,
        "/api/v1/prize/nominations",
        &employee,
        nomination.clone(),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let nomination_id = made["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        Method::POST,
        "/api/v1/prize/nominations",
        None,
        Some(nomination.clone()),
    )
    .await;
    assert_eq!(status, 401);
    let (_, gallery) = get(
        &app,
        &format!("/api/v1/prize/nominations?year_id={year_id}"),
        Some(&juror),
    )
    .await;
    assert_eq!(
        gallery["items"].as_array().unwrap().len(),
        1,
        "every employee sees every nomination"
    );

    // The committee closes the window; nominations are refused from then on.
    let (status, moved) = patch(
        &app,
        &format!("/api/v1/prize/years/{year_id}"),
        &committee,
        json!({"nominations_close": rfc(now - Duration::minutes(1))}),
    )
    .await;
    assert_eq!((status, moved["phase"].as_str()), (200, Some("judging")));
    let (status, _) = post(&app, "/api/v1/prize/nominations", &employee, nomination).await;
    assert_eq!(status, 409);
    let (status, _) = post(
        &app,
        &format!("/api/v1/prize/categories/{category_id}/shortlist"),
        &committee,
        json!({"nomination_ids": [nomination_id], "statements": {nomination_id.to_string(): "Lærerikt"}}),
    )
    .await;
    assert_eq!(status, 204);

    let ballot_path = format!("/api/v1/prize/nominations/{nomination_id}/ballot");
    let scores = |score: i64| {
        let map: serde_json::Map<String, Value> = criteria
            .iter()
            .map(|id| (id.to_string(), json!(score)))
            .collect();
        json!({"scores": map, "comment": "Godt forsøk"})
    };
    let (status, bad) = call(
        &app,
        Method::PUT,
        &ballot_path,
        Some(&juror),
        Some(scores(7)),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        refused_fields(&bad)
            .iter()
            .all(|f| f.ends_with(":out_of_range")),
        "{bad}"
    );
    let (status, _) = call(
        &app,
        Method::PUT,
        &ballot_path,
        Some(&employee),
        Some(scores(5)),
    )
    .await;
    assert_eq!(status, 403, "not a juror");
    let (status, saved) = call(
        &app,
        Method::PUT,
        &ballot_path,
        Some(&juror),
        Some(scores(4)),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    let results_path = format!("/api/v1/prize/years/{year_id}/results");
    let (status, _) = get(&app, &results_path, Some(&committee)).await;
    assert_eq!(status, 403, "sealed before the jury's deadline");
    let (status, _) = post(
        &app,
        &format!("/api/v1/prize/years/{year_id}/publish"),
        &committee,
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "not before the jury's deadline");

    let (status, _) = patch(
        &app,
        &format!("/api/v1/prize/years/{year_id}"),
        &committee,
        json!({"jury_deadline": rfc(now - Duration::seconds(30))}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &app,
        Method::PUT,
        &ballot_path,
        Some(&juror),
        Some(scores(1)),
    )
    .await;
    assert_eq!(status, 409, "frozen");
    let (status, preview) = get(&app, &results_path, Some(&committee)).await;
    assert_eq!((status, preview["preview"].as_bool()), (200, Some(true)));
    let (status, _) = get(&app, &results_path, Some(&employee)).await;
    assert_eq!(status, 403);
    let (status, _) = post(
        &app,
        &format!("/api/v1/prize/years/{year_id}/publish"),
        &committee,
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    let (status, results) = get(&app, &results_path, None).await;
    assert_eq!(status, 200, "published results are public");
    let finalist = &results["categories"][0]["finalists"][0];
    assert_eq!(finalist["nomination_id"].as_i64(), Some(nomination_id));
    assert_eq!(finalist["place"], 1);
    assert_eq!(finalist["score"], "4.00");
    assert_eq!(finalist["jurors_counted"], 1);
    assert_eq!(finalist["criterion_means"].as_array().unwrap().len(), 5);
    assert_eq!(finalist["tie_break"], "none");
}

on_both_backends!(a_year_goes_from_nomination_to_public_results_over_rest);

//! The fund through the real router on SQLite and PostgreSQL (issue 28): its pages for each
//! of its users, refusals of pages that are not theirs, and the REST API from the call to the
//! decision with its problem answers.

use crate::auth_http::{app_with_demo_data, cookie_of, page, session_cookie, sign_in};
use crate::common::{Backend, TestApp};
use app::auth::Actor;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use app::auth::tokens::create_token_for;
use app::fund::entities::{fund_application, fund_call};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use time::OffsetDateTime;

const ADMIN: usize = 0;
const EMPLOYEE: usize = 1;
const REVIEWER: usize = 2;
const COUNCIL: usize = 3;
const MANAGER: usize = 7;

async fn with_fund(backend: Backend) -> TestApp {
    let app = app_with_demo_data(backend).await;
    let now = OffsetDateTime::now_utc();
    app::portfolio::service::seed_demo_portfolio(app.db(), &Actor::System, 6, now)
        .await
        .unwrap();
    app::fund::service::seed_demo_fund(app.db(), &Actor::System, now)
        .await
        .unwrap();
    app
}

async fn every_fund_page_answers_its_users_and_refuses_the_others(backend: Backend) {
    let app = with_fund(backend).await;
    let calls = fund_call::Entity::find()
        .order_by_asc(fund_call::Column::Id)
        .all(app.db())
        .await
        .unwrap();
    let (past, open) = (calls[0].id, calls[1].id);
    let granted = fund_application::Entity::find()
        .filter(fund_application::Column::CallId.eq(past))
        .filter(fund_application::Column::RecommendedNok.gt(0))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let (employee, council, admin) = (
        cookie_of(&app, EMPLOYEE).await,
        cookie_of(&app, COUNCIL).await,
        cookie_of(&app, ADMIN).await,
    );
    let (status, html) = page(&app, "/fond", &employee).await;
    assert_eq!(status, 200);
    assert!(html.contains("Åpne utlysninger"));
    assert!(html.contains("Forsknings- og innovasjonsprosjekter, vårrunden"));
    assert!(
        !html.contains("/fond/utlysninger/ny"),
        "no admin links for an employee"
    );
    let (_, html) = page(&app, "/fond", &admin).await;
    assert!(html.contains("/fond/utlysninger/ny") && html.contains("/fond/oversikt"));

    let (status, html) = page(&app, &format!("/fond/utlysninger/{open}"), &employee).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("/fond/utlysninger/{open}/sok")),
        "the way in"
    );
    assert!(html.contains("Nyskapende og knyttet til kommunens hovedmål"));
    let (status, html) = page(&app, &format!("/fond/utlysninger/{open}/sok"), &employee).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"line_amount[0]\"") && html.contains("name=\"answers["));

    let (status, html) = page(
        &app,
        &format!("/fond/utlysninger/{past}/innstilling"),
        &council,
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(&granted.title));
    assert!(html.contains("Vedtak fattet"));
    let (status, _) = page(
        &app,
        &format!("/fond/utlysninger/{past}/innstilling"),
        &employee,
    )
    .await;
    assert_eq!(status, 403);
    // The recommendation list as a spreadsheet, for the council only.
    let xlsx = format!("/fond/utlysninger/{past}/innstilling.xlsx");
    let response = app.get_with(&xlsx, "cookie", &council).await;
    assert_eq!(response.status().as_u16(), 200);
    let kind = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zipped workbook");
    let response = app.get_with(&xlsx, "cookie", &employee).await;
    assert_eq!(response.status().as_u16(), 403);

    let (status, html) = page(&app, "/fond/oversikt", &admin).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("10\u{a0}000\u{a0}000 kr"),
        "the fund's year in total"
    );
    let (status, _) = page(&app, "/fond/oversikt", &employee).await;
    assert_eq!(status, 403);
    let (status, html) = page(&app, "/fond/utlysninger/ny", &admin).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"criterion_weight[0]\""));
    let (status, _) = page(&app, "/fond/utlysninger/ny", &employee).await;
    assert_eq!(status, 403);

    // The council sees a granted application with its reviews; its applicant the outcome and
    // the letter; another employee nothing.
    let (status, html) = page(&app, &format!("/fond/soknader/{}", granted.id), &council).await;
    assert_eq!(status, 200);
    assert!(html.contains("Vurderinger"));
    let applicant_email = app::entities::user::Entity::find_by_id(granted.applicant_id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .email;
    let response = sign_in(&app, &applicant_email, DEMO_PASSWORD, None).await;
    let theirs = session_cookie(&response).expect("the demo applicant signs in");
    let (status, html) = page(
        &app,
        &format!("/fond/soknader/{}/vedtak", granted.id),
        &theirs,
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Vedtak i søknad om tilskudd") && html.contains("2026/1432"));
    let other = cookie_of(&app, EMPLOYEE).await;
    let (status, _) = page(&app, &format!("/fond/soknader/{}", granted.id), &other).await;
    assert_eq!(status, 403);
    let (status, _) = page(&app, "/fond/soknader/999999", &employee).await;
    assert_eq!(status, 404);
}

/// A REST client of the spawned app, calling with a Bearer token (the posts' tests too).
pub(crate) struct Api {
    pub(crate) app: TestApp,
}

impl Api {
    pub(crate) async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self
            .app
            .client
            .request(method, self.app.url(path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (
            status,
            response.json::<Value>().await.unwrap_or(Value::Null),
        )
    }
}

fn codes(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or_default().to_owned(),
                e["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn the_api_takes_a_round_from_the_call_to_the_decision(backend: Backend) {
    use reqwest::Method;
    let app = app_with_demo_data(backend).await;
    let now = OffsetDateTime::now_utc();
    let token = |who: usize| {
        let db = app.db().clone();
        async move {
            create_token_for(&db, &Actor::System, DEMO_USERS[who].email, "test", now)
                .await
                .unwrap()
                .secret
        }
    };
    let (admin, employee, reviewer, council, manager) = (
        token(ADMIN).await,
        token(EMPLOYEE).await,
        token(REVIEWER).await,
        token(COUNCIL).await,
        token(MANAGER).await,
    );
    let api = Api { app };
    let track = app::fund::entities::fund_track::Entity::find()
        .one(api.app.db())
        .await
        .unwrap()
        .unwrap()
        .id;
    let year = app::core::timefmt::oslo_date(now).year();
    let admin_actor = crate::common::demo_actor_of(api.app.db(), ADMIN).await;
    app::fund::service::set_track_budget(
        api.app.db(),
        &admin_actor,
        &track.to_string(),
        &year.to_string(),
        "1 000 000",
        now,
    )
    .await
    .unwrap();
    let rfc = app::core::timefmt::rfc3339;
    let new_call = json!({
        "track_id": track,
        "title": "Vårrunden",
        "text": "Søk om midler.",
        "opens_at": rfc(now - time::Duration::hours(1)),
        "closes_at": rfc(now + time::Duration::days(5)),
        "budget": 400_000,
        "max_amount": 300_000,
        "reviewer_emails": [DEMO_USERS[REVIEWER].email],
    });
    let (status, body) = api
        .call(
            Method::POST,
            "/api/v1/fund/calls",
            &employee,
            Some(new_call.clone()),
        )
        .await;
    assert_eq!(status, 403, "{body}");
    let (status, call) = api
        .call(Method::POST, "/api/v1/fund/calls", &admin, Some(new_call))
        .await;
    assert_eq!(status, 201, "{call}");
    assert_eq!(call["call"]["state"], "open");
    assert_eq!(call["criteria"].as_array().unwrap().len(), 5);
    let call_id = call["call"]["id"].as_i64().unwrap();
    let criteria: Vec<i64> = call["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    let site = crate::common::site_in_db(api.app.db(), "Oppvekst skole").await;
    // The employee works at the school (the demo accounts share the reviewer's town hall).
    crate::common::move_home(api.app.db(), DEMO_USERS[EMPLOYEE].email, site).await;
    let answers: serde_json::Map<String, Value> = criteria
        .iter()
        .map(|id| (id.to_string(), json!("Svar")))
        .collect();
    let mut body = json!({
        "call_id": call_id,
        "title": "Digital innsjekk",
        "summary": "Kortere kø.",
        "site_id": site,
        "amount": 250_000,
        "budget_lines": [
            {"description": "Utstyr", "amount": 100_000},
            {"description": "Frikjøp", "amount": 100_000}
        ],
        "answers": answers,
    });
    let (status, problem) = api
        .call(
            Method::POST,
            "/api/v1/fund/applications",
            &employee,
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        codes(&problem),
        [("budget_lines".to_owned(), "budget_lines_sum".to_owned())]
    );
    body["amount"] = json!(200_000);
    let (status, made) = api
        .call(
            Method::POST,
            "/api/v1/fund/applications",
            &employee,
            Some(body),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["application"]["stage"], "draft");
    let id = made["application"]["id"].as_i64().unwrap();
    let path = |tail: &str| format!("/api/v1/fund/applications/{id}{tail}");
    let (status, _) = api
        .call(Method::POST, &path("/submit"), &employee, None)
        .await;
    assert_eq!(status, 204);
    let (status, problem) = api
        .call(Method::POST, &path("/submit"), &employee, None)
        .await;
    assert_eq!(
        (status, codes(&problem)),
        (
            409,
            vec![("title".to_owned(), "already_submitted".to_owned())]
        )
    );
    let (status, _) = api
        .call(Method::POST, &path("/anchoring"), &employee, None)
        .await;
    assert_eq!(status, 403);
    let (status, _) = api
        .call(Method::POST, &path("/anchoring"), &manager, None)
        .await;
    assert_eq!(status, 204);
    let scores: serde_json::Map<String, Value> = criteria
        .iter()
        .map(|id| (id.to_string(), json!(4)))
        .collect();
    let review = json!({"conflict": false, "scores": scores, "comment": ""});
    let (status, desk) = api
        .call(
            Method::PUT,
            &path("/review"),
            &reviewer,
            Some(review.clone()),
        )
        .await;
    assert_eq!(status, 200, "{desk}");
    assert_eq!(desk["conflicts"], json!([]));
    let (status, _) = api
        .call(Method::PUT, &path("/review"), &employee, Some(review))
        .await;
    assert_eq!(status, 403);
    let recommend = |amount: i64| json!({"amount": amount, "justification": "Godt."});
    let (status, problem) = api
        .call(
            Method::PUT,
            &path("/recommendation"),
            &council,
            Some(recommend(100)),
        )
        .await;
    assert_eq!(
        (status, codes(&problem)),
        (409, vec![("amount".to_owned(), "call_open".to_owned())])
    );
    // The administrators close the call early (its closing instant just passed).
    let (status, moved) = api
        .call(
            Method::PATCH,
            &format!("/api/v1/fund/calls/{call_id}"),
            &admin,
            Some(json!({"closes_at": rfc(now - time::Duration::minutes(1))})),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["call"]["state"], "closed");
    let (status, problem) = api
        .call(
            Method::PUT,
            &path("/recommendation"),
            &council,
            Some(recommend(200_001)),
        )
        .await;
    assert_eq!(
        (status, codes(&problem)),
        (
            422,
            vec![("amount".to_owned(), "above_requested".to_owned())]
        )
    );
    let (status, saved) = api
        .call(
            Method::PUT,
            &path("/recommendation"),
            &council,
            Some(recommend(200_000)),
        )
        .await;
    assert_eq!((status, saved["amount"].as_i64()), (200, Some(200_000)));
    let (status, problem) = api
        .call(
            Method::PATCH,
            &format!("/api/v1/fund/calls/{call_id}"),
            &admin,
            Some(json!({"budget": 199_999})),
        )
        .await;
    assert_eq!(
        (status, codes(&problem)),
        (
            422,
            vec![("budget".to_owned(), "below_recommended".to_owned())]
        )
    );
    let (status, ranking) = api
        .call(
            Method::GET,
            &format!("/api/v1/fund/calls/{call_id}/ranking"),
            &council,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(ranking["lines"][0]["score_hundredths"], 400);
    assert_eq!(ranking["remaining"], 200_000);
    let (status, _) = api
        .call(
            Method::GET,
            &format!("/api/v1/fund/calls/{call_id}/ranking"),
            &employee,
            None,
        )
        .await;
    assert_eq!(status, 403);
    let decide = format!("/api/v1/fund/calls/{call_id}/decide");
    let (status, _) = api
        .call(
            Method::POST,
            &decide,
            &council,
            Some(json!({"case_number": "2027/9"})),
        )
        .await;
    assert_eq!(status, 204);
    let (status, problem) = api
        .call(Method::POST, &decide, &council, Some(json!({})))
        .await;
    assert_eq!(
        (status, codes(&problem)),
        (
            409,
            vec![("case_number".to_owned(), "already_decided".to_owned())]
        )
    );
    let (status, seen) = api.call(Method::GET, &path(""), &employee, None).await;
    assert_eq!(status, 200);
    assert_eq!(seen["application"]["stage"], "granted");
    assert_eq!(seen["outcome"]["granted"], 200_000);
    assert!(
        seen["project"]["id"].as_i64().is_some(),
        "the grant's project"
    );
    let (status, overview) = api
        .call(
            Method::GET,
            &format!("/api/v1/fund/overview?year={year}"),
            &admin,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(overview["total"]["granted"], 200_000);
    assert_eq!(overview["total"]["remaining"], 800_000);
    let (status, listed) = api
        .call(Method::GET, "/api/v1/fund/applications", &employee, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));
}

on_both_backends!(
    every_fund_page_answers_its_users_and_refuses_the_others,
    the_api_takes_a_round_from_the_call_to_the_decision,
);

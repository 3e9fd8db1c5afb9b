//! The portfolio's REST API through the real router on SQLite and PostgreSQL (issue 12): an
//! idea becomes a project, moves a phase, gets a measured benefit, and the summary shows it;
//! refusals are problem+json 401/403/409/422.

use crate::common::{Backend, TestApp};
use crate::rest::{call, get, post, refused_fields};
use app::entities::{sector, service_site};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn app_with_tokens(backend: Backend) -> (TestApp, [String; 3]) {
    let users = [
        "ansatt@ideverket.example",
        "leder@ideverket.example",
        "innovasjonsrad@ideverket.example",
    ];
    crate::rest::app_with_tokens(backend, users).await
}

async fn a_school_site(app: &TestApp) -> i32 {
    let sector = sector::Entity::find()
        .filter(sector::Column::Name.eq("Oppvekst skole"))
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    service_site::Entity::find()
        .filter(service_site::Column::SectorId.eq(sector.id))
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn an_idea_becomes_a_measured_project_through_the_api(backend: Backend) {
    let (app, [employee, manager, council]) = app_with_tokens(backend).await;
    let site = a_school_site(&app).await;
    let before = get(&app, "/api/v1/portfolio/summary", Some(&council))
        .await
        .1;

    let (status, idea) = post(
        &app,
        "/api/v1/ideas",
        &employee,
        json!({
            "title": "Digital innsjekk",
            "problem": "Lange køer ved skranken om morgenen.",
            "proposal": "En skjerm ved inngangen.",
            "site_id": site,
            "tags": ["digitalisering"],
            "sdgs": [4, 11]
        }),
    )
    .await;
    assert_eq!(status, 201, "{idea}");
    let idea_id = idea["id"].as_i64().unwrap();
    let (status, supported) = post(
        &app,
        &format!("/api/v1/ideas/{idea_id}/support"),
        &council,
        json!({}),
    )
    .await;
    assert_eq!((status, supported["supporters"].as_u64()), (200, Some(1)));
    let (status, again) = post(
        &app,
        &format!("/api/v1/ideas/{idea_id}/support"),
        &council,
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "{again}");
    let (status, own) = post(
        &app,
        &format!("/api/v1/ideas/{idea_id}/support"),
        &employee,
        json!({}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&own)),
        (422, vec!["idea:own_idea".to_owned()])
    );

    let assessment = format!("/api/v1/ideas/{idea_id}/assessment");
    let (status, _) = post(
        &app,
        &assessment,
        &employee,
        json!({"decision": "accepted", "reason": "Ja"}),
    )
    .await;
    assert_eq!(status, 403, "the submitter does not assess");
    let (status, accepted) = post(
        &app,
        &assessment,
        &manager,
        json!({"decision": "accepted", "reason": "Godt forankret"}),
    )
    .await;
    assert_eq!(status, 200, "{accepted}");
    let project = accepted["project_id"].as_i64().unwrap();

    let phase = format!("/api/v1/projects/{project}/phase");
    let (status, jump) = post(&app, &phase, &employee, json!({"to": "ny_praksis"})).await;
    assert_eq!(
        (status, refused_fields(&jump)),
        (422, vec!["to:illegal_transition".to_owned()])
    );
    let (status, _) = post(&app, &phase, &council, json!({"to": "innsikt_og_ide"})).await;
    assert_eq!(status, 403, "not a member");
    let (status, moved) = post(
        &app,
        &phase,
        &employee,
        json!({"to": "innsikt_og_ide", "note": ""}),
    )
    .await;
    assert_eq!(
        (status, moved["key"].as_str()),
        (200, Some("innsikt_og_ide"))
    );

    let benefits = format!("/api/v1/projects/{project}/benefits");
    let me = get(&app, "/api/v1/me", Some(&employee)).await.1["id"]
        .as_i64()
        .unwrap();
    let (status, bad) = post(
        &app,
        &benefits,
        &employee,
        json!({"kind": "quality", "description": "Fornøyde foreldre", "baseline": 60, "target": -80, "responsible_user_id": me}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (
            422,
            vec![
                "target:invalid_number".to_owned(),
                "unit:required".to_owned()
            ]
        )
    );
    let (status, benefit) = post(
        &app,
        &benefits,
        &employee,
        json!({"kind": "economic", "description": "Sparte lønnstimer", "baseline": 0, "target": 250_000, "target_date": "2027-12-31", "responsible_user_id": me}),
    )
    .await;
    assert_eq!(status, 201, "{benefit}");
    let measurements = format!("/api/v1/benefits/{}/measurements", benefit["id"]);
    let (status, _) = post(
        &app,
        &measurements,
        &employee,
        json!({"measured_on": "2026-01-15", "value": 40000}),
    )
    .await;
    assert_eq!(status, 201);
    let (status, future) = post(
        &app,
        &measurements,
        &employee,
        json!({"measured_on": "2999-01-01", "value": 1}),
    )
    .await;
    assert_eq!(status, 422, "{future}");

    let (status, whole) = get(&app, &format!("/api/v1/projects/{project}"), Some(&council)).await;
    assert_eq!(status, 200);
    assert_eq!(whole["phase"]["key"], "innsikt_og_ide");
    assert_eq!(whole["benefits"][0]["latest"], 40000);
    assert_eq!(whole["timeline"].as_array().map(Vec::len), Some(2));
    assert_eq!(whole["editable"], false);

    let after = get(&app, "/api/v1/portfolio/summary", Some(&council))
        .await
        .1;
    let economic = |summary: &Value, field: &str| {
        summary["benefits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "economic")
            .map_or(0, |k| k[field].as_i64().unwrap())
    };
    assert_eq!(
        after["projects"].as_u64().unwrap(),
        before["projects"].as_u64().unwrap() + 1
    );
    assert_eq!(
        economic(&after, "planned_gain") - economic(&before, "planned_gain"),
        250_000
    );
    assert_eq!(
        economic(&after, "realised_gain") - economic(&before, "realised_gain"),
        40_000
    );

    let (status, ideas) = get(&app, "/api/v1/ideas?status=accepted", Some(&employee)).await;
    assert_eq!((status, ideas["total"].as_u64()), (200, Some(1)));
    let (status, whole_idea) =
        get(&app, &format!("/api/v1/ideas/{idea_id}"), Some(&employee)).await;
    assert_eq!(status, 200);
    assert_eq!(whole_idea["decision_reason"], "Godt forankret");
    assert_eq!(whole_idea["project_id"].as_i64(), Some(project));
    assert_eq!(whole_idea["supporters"].as_u64(), Some(1));

    let (status, listed) = get(
        &app,
        "/api/v1/projects?phase=innsikt_og_ide&q=innsjekk",
        Some(&council),
    )
    .await;
    assert_eq!((status, listed["total"].as_u64()), (200, Some(1)));
    assert_eq!(listed["items"][0]["id"].as_i64(), Some(project));
}

async fn the_portfolio_api_refuses_visitors_and_bad_filters(backend: Backend) {
    let (app, [employee, _, _]) = app_with_tokens(backend).await;
    for path in [
        "/api/v1/projects",
        "/api/v1/portfolio/summary",
        "/api/v1/projects/1",
    ] {
        let (status, problem) = get(&app, path, None).await;
        assert_eq!(status, 401, "{path}: {problem}");
    }
    // Every refused parameter is named at once, the page's offset too.
    let (status, problem) = get(
        &app,
        "/api/v1/projects?sdg=18&year=abc&sort=random()&offset=9223372036854775808",
        Some(&employee),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&problem)),
        (
            422,
            vec![
                "offset:out_of_range".to_owned(),
                "sdg:invalid_choice".to_owned(),
                "sort:invalid_choice".to_owned(),
                "year:invalid_number".to_owned()
            ]
        )
    );
    let (status, _) = get(&app, "/api/v1/projects/999999", Some(&employee)).await;
    assert_eq!(status, 404);
    let (status, document) = get(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(status, 200);
    for path in [
        "/api/v1/ideas",
        "/api/v1/ideas/{id}",
        "/api/v1/ideas/{id}/support",
        "/api/v1/ideas/{id}/assessment",
        "/api/v1/projects",
        "/api/v1/projects/{id}",
        "/api/v1/projects/{id}/phase",
        "/api/v1/projects/{id}/benefits",
        "/api/v1/benefits/{id}/measurements",
        "/api/v1/portfolio/summary",
    ] {
        assert!(
            document["paths"].get(path).is_some(),
            "{path} is in the OpenAPI document"
        );
    }
}

async fn the_council_starts_a_project_directly_and_its_owner_changes_it(backend: Backend) {
    let (app, [employee, _, council]) = app_with_tokens(backend).await;
    let site = a_school_site(&app).await;
    let body = json!({
        "name": "Sensorer i byggene",
        "description": "Lys og varme etter faktisk bruk.",
        "lead_site_id": site,
        "budget": 350_000,
        "started_on": "2026-09-01",
        "tags": ["klima"],
        "sdgs": [7, 11]
    });

    let (status, _) = post(&app, "/api/v1/projects", &employee, body.clone()).await;
    assert_eq!(status, 403, "an employee suggests an idea instead");
    let (status, bad) = post(
        &app,
        "/api/v1/projects",
        &council,
        json!({"name": "Uten sted", "budget": -5, "sdgs": [18]}),
    )
    .await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (
            422,
            vec![
                "budget:invalid_number".to_owned(),
                "description:required".to_owned(),
                "lead_site_id:required".to_owned(),
                "sdgs:not_a_goal".to_owned()
            ]
        )
    );
    let (status, made) = post(&app, "/api/v1/projects", &council, body).await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(made["phase"]["key"], "forankring");
    assert_eq!(made["budget_nok"], 350_000);
    assert_eq!(made["sdgs"], json!([7, 11]));
    let path = format!("/api/v1/projects/{}", made["id"]);

    let patch = |token: &str, body: Value| {
        let (app, path, token) = (&app, path.clone(), token.to_owned());
        async move { call(app, reqwest::Method::PATCH, &path, Some(&token), Some(body)).await }
    };
    let (status, changed) = patch(&council, json!({"name": "Smarte bygg", "budget": null})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (changed["name"].as_str(), changed["budget_nok"].is_null()),
        (Some("Smarte bygg"), true)
    );
    assert_eq!(changed["started_on"], "2026-09-01", "left out, left alone");
    assert_eq!(
        (&changed["tags"], &changed["sdgs"]),
        (&json!(["klima"]), &json!([7, 11])),
        "tags and goals left out, left alone"
    );
    let (status, changed) = patch(
        &council,
        json!({"tags": ["Varmepumper", "varmepumper", "Byggsensor"], "sdgs": [13]}),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        (&changed["tags"], &changed["sdgs"]),
        (&json!(["Byggsensor", "Varmepumper"]), &json!([13])),
        "the new sets replace the old, one of each tag"
    );
    let (status, bad) = patch(&council, json!({"tags": [], "sdgs": [0, 13]})).await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["sdgs:not_a_goal".to_owned()])
    );
    let (_, unchanged) = get(&app, &path, Some(&council)).await;
    assert_eq!(
        unchanged["tags"],
        json!(["Byggsensor", "Varmepumper"]),
        "a refused patch changes nothing, not even its valid part"
    );
    let (status, cleared) = patch(&council, json!({"tags": [], "sdgs": []})).await;
    assert_eq!(status, 200);
    assert_eq!(
        (&cleared["tags"], &cleared["sdgs"]),
        (&json!([]), &json!([]))
    );
    let (status, _) = patch(&employee, json!({"name": "Mitt nå"})).await;
    assert_eq!(status, 403);
    let (status, bad) = patch(&council, json!({"programme_id": 999_999, "name": " "})).await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["name:required".to_owned()]),
        "the fields are refused before the programme is looked up"
    );
    let (status, bad) = patch(&council, json!({"programme_id": 999_999})).await;
    assert_eq!(
        (status, refused_fields(&bad)),
        (422, vec!["programme_id:unknown_reference".to_owned()])
    );
}

async fn the_owner_adds_and_removes_members_sites_partners_and_funding(backend: Backend) {
    let (app, [employee, manager, council]) = app_with_tokens(backend).await;
    let site = a_school_site(&app).await;
    let body = json!({"name": "Sensorer", "description": "Lys etter bruk.", "lead_site_id": site});
    let (status, made) = post(&app, "/api/v1/projects", &council, body).await;
    assert_eq!(status, 201, "{made}");
    let path = |tail: &str| format!("/api/v1/projects/{}/{tail}", made["id"]);

    let (status, _) = post(
        &app,
        &path("partners"),
        &employee,
        json!({"kind": "research", "name": "NTNU"}),
    )
    .await;
    assert_eq!(status, 403, "not the employee's project");
    let (status, with_member) = post(
        &app,
        &path("members"),
        &council,
        json!({"email": "ansatt@ideverket.example"}),
    )
    .await;
    assert_eq!(status, 201, "{with_member}");
    let employee_id = with_member["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] != made["owner"]["name"])
        .map(|m| m["id"].as_i64().unwrap())
        .unwrap();
    // Now a member, the employee may add a partner and money.
    let (status, with_partner) = post(
        &app,
        &path("partners"),
        &employee,
        json!({"kind": "research", "name": "NTNU"}),
    )
    .await;
    assert_eq!(status, 201, "{with_partner}");
    assert_eq!(with_partner["partners"][0]["kind"], "research");
    let (status, with_money) = post(
        &app,
        &path("funding"),
        &employee,
        json!({"source": "Innovasjonsfondet", "amount_nok": 250_000.0}),
    )
    .await;
    assert_eq!(status, 201, "{with_money}");
    assert_eq!(with_money["funding"][0]["amount_nok"], 250_000);

    let refusals = [
        (
            "members",
            json!({"email": "ansatt@ideverket.example"}),
            409,
            "email:taken",
        ),
        (
            "members",
            json!({"email": "ingen@ideverket.example"}),
            422,
            "email:unknown_user",
        ),
        ("members", json!({}), 422, "user_id:required"),
        ("sites", json!({"site_id": site}), 422, "site_id:lead_site"),
        (
            "partners",
            json!({"kind": "research", "name": "ntnu"}),
            409,
            "name:taken",
        ),
        (
            "partners",
            json!({"kind": "venner", "name": "X"}),
            422,
            "kind:invalid_choice",
        ),
        (
            "funding",
            json!({"source": "Fondet", "amount_nok": -1}),
            422,
            "amount_nok:invalid_number",
        ),
        (
            "funding",
            json!({"source": "Fondet", "amount_nok": 0}),
            422,
            "amount_nok:out_of_range",
        ),
    ];
    for (part, body, status, field) in refusals {
        let (got, problem) = post(&app, &path(part), &council, body.clone()).await;
        assert_eq!(
            (got, refused_fields(&problem)),
            (status, vec![field.to_owned()]),
            "{part} {body}"
        );
    }

    let delete = |tail: String, token: &str| {
        let (app, token) = (&app, token.to_owned());
        async move {
            call(app, reqwest::Method::DELETE, &tail, Some(&token), None)
                .await
                .0
        }
    };
    let partner = with_partner["partners"][0]["id"].as_i64().unwrap();
    let owner = made["owner"]["id"].as_i64().unwrap();
    assert_eq!(
        delete(path(&format!("partners/{partner}")), &manager).await,
        403
    );
    assert_eq!(
        delete(path(&format!("members/{owner}")), &council).await,
        422
    );
    assert_eq!(
        delete(path(&format!("benefits/{partner}")), &council).await,
        404
    );
    assert_eq!(
        delete(path(&format!("partners/{partner}")), &council).await,
        204
    );
    assert_eq!(
        delete(path(&format!("partners/{partner}")), &council).await,
        204,
        "a repeated removal is not an error"
    );
    assert_eq!(
        delete(path(&format!("members/{employee_id}")), &council).await,
        204
    );
    let (status, _) = post(
        &app,
        &path("partners"),
        &employee,
        json!({"kind": "research", "name": "UiO"}),
    )
    .await;
    assert_eq!(status, 403, "no longer a member");
    let (_, now) = get(
        &app,
        &format!("/api/v1/projects/{}", made["id"]),
        Some(&council),
    )
    .await;
    assert_eq!(now["partners"], json!([]));
    assert_eq!(now["funding"].as_array().unwrap().len(), 1);
    assert_eq!(
        now["members"].as_array().unwrap().len(),
        1,
        "the owner alone"
    );

    // The project joins a programme, which sums it.
    use sea_orm::ActiveModelTrait;
    let programme = app::portfolio::entities::programme::ActiveModel {
        name: sea_orm::Set("Digitalt førstevalg".into()),
        description: sea_orm::Set(None),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .unwrap();
    let project_path = format!("/api/v1/projects/{}", made["id"]);
    let body = json!({"programme_id": programme.id, "budget": 120_000});
    let (status, _) = call(
        &app,
        reqwest::Method::PATCH,
        &project_path,
        Some(&council),
        Some(body),
    )
    .await;
    assert_eq!(status, 200);
    let (status, listed) = get(&app, "/api/v1/programmes", Some(&employee)).await;
    assert_eq!(status, 200);
    assert_eq!(listed["items"][0]["name"], "Digitalt førstevalg");
    let (status, one) = get(
        &app,
        &format!("/api/v1/programmes/{}", programme.id),
        Some(&employee),
    )
    .await;
    assert_eq!(status, 200, "{one}");
    assert_eq!(
        (&one["projects"], &one["budget_nok"], &one["funding_nok"]),
        (&json!(1), &json!(120_000), &json!(250_000))
    );
    assert_eq!(get(&app, "/api/v1/programmes", None).await.0, 401);
    assert_eq!(
        get(&app, "/api/v1/programmes/999999", Some(&employee))
            .await
            .0,
        404
    );
}

/// Issue 25: one clock, provided by the application's state. A fixed clock is what every
/// handler reads: the idea the API stores is dated by it, not by the system's clock.
async fn the_api_tells_time_by_the_applications_clock(backend: Backend) {
    use app::auth::Actor;
    use time::macros::datetime;
    let at = datetime!(2025-03-02 08:30 UTC);
    let app = crate::common::spawn_app_at(backend, app::core::clock::Clock::Fixed(at)).await;
    app::org::service::seed_demo(app.db(), &Actor::System, at)
        .await
        .unwrap();
    app::users::service::seed_demo_users(app.db(), &Actor::System, at)
        .await
        .unwrap();
    let token = app::auth::tokens::create_token_for(
        app.db(),
        &Actor::System,
        "ansatt@ideverket.example",
        "test",
        at,
    )
    .await
    .unwrap()
    .secret;
    let site = a_school_site(&app).await;
    let (status, idea) = post(
        &app,
        "/api/v1/ideas",
        &token,
        json!({
            "title": "Digital innsjekk",
            "problem": "Lange køer ved skranken om morgenen.",
            "proposal": "En skjerm ved inngangen.",
            "site_id": site,
        }),
    )
    .await;
    assert_eq!(status, 201, "{idea}");
    let id = idea["id"].as_i64().unwrap();
    let (status, stored) = get(&app, &format!("/api/v1/ideas/{id}"), Some(&token)).await;
    assert_eq!(status, 200, "{stored}");
    assert_eq!(
        stored["created_at"],
        app::core::timefmt::rfc3339(at),
        "{stored}"
    );
}

on_both_backends!(
    the_api_tells_time_by_the_applications_clock,
    the_owner_adds_and_removes_members_sites_partners_and_funding,
    the_council_starts_a_project_directly_and_its_owner_changes_it,
    an_idea_becomes_a_measured_project_through_the_api,
    the_portfolio_api_refuses_visitors_and_bad_filters,
);

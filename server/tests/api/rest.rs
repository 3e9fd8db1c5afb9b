//! The REST API's test helpers: a server with tokens, calls that read JSON answers, and the
//! refused fields of a problem.

use crate::common::{Backend, TestApp, spawn_app};
use app::auth::Actor;
use app::auth::tokens::create_token_for;
use serde_json::Value;
use time::OffsetDateTime;

/// A server with the demo organisation and users, and API tokens of the three users `emails`.
pub async fn app_with_tokens(backend: Backend, emails: [&str; 3]) -> (TestApp, [String; 3]) {
    let app = spawn_app(backend).await;
    let now = OffsetDateTime::now_utc();
    app::org::service::seed_demo(app.db(), &Actor::System, now)
        .await
        .unwrap();
    app::users::service::seed_demo_users(app.db(), &Actor::System, now)
        .await
        .unwrap();
    let mut tokens = Vec::new();
    for email in emails {
        let made = create_token_for(app.db(), &Actor::System, email, "test", now)
            .await
            .unwrap();
        tokens.push(made.secret);
    }
    (app, tokens.try_into().unwrap())
}

/// Calls the API; every refusal must be problem+json.
pub async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.client.request(method, app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if status >= 400 {
        assert_eq!(
            response
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json"),
            "{path}"
        );
    }
    (
        status,
        response.json::<Value>().await.unwrap_or(Value::Null),
    )
}

pub async fn post(app: &TestApp, path: &str, token: &str, body: Value) -> (u16, Value) {
    call(app, reqwest::Method::POST, path, Some(token), Some(body)).await
}

pub async fn get(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Value) {
    call(app, reqwest::Method::GET, path, token, None).await
}

/// The refused fields of a problem, as `field:code`.
pub fn refused_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    format!(
                        "{}:{}",
                        e["field"].as_str().unwrap_or(""),
                        e["code"].as_str().unwrap_or("")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

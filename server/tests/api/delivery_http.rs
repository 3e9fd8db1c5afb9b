//! How responses reach the browser (issue 10): the security headers every kind of response
//! carries, the policy's nonce on the page's script, caching by who asks, and a refused form
//! post without JavaScript that keeps what was typed.

use crate::auth_http::{app_with_demo_data, session_cookie, sign_in};
use crate::common::{Backend, TEST_CSS, spawn_app, spawn_app_with};
use app::auth::api::SignIn;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use leptos::server_fn::ServerFn;

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{name} missing on {}", response.url()))
}

/// A page view as a browser asks for it (the refused post waits for a page, not a fetch).
async fn browser_get(app: &crate::common::TestApp, path: &str, cookie: &str) -> String {
    app.client
        .get(app.url(path))
        .header("accept", "text/html,application/xhtml+xml")
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// What every response carries, whatever it is.
fn assert_common_headers(response: &reqwest::Response) {
    assert_eq!(header(response, "x-content-type-options"), "nosniff");
    assert_eq!(header(response, "referrer-policy"), "same-origin");
    assert!(header(response, "content-security-policy").contains("frame-ancestors 'none'"));
}

async fn a_page_allows_only_its_own_nonce_and_is_not_kept_by_shared_caches(backend: Backend) {
    let app = spawn_app(backend).await;

    // A page with an island: its loader is the one script.
    let response = app.get("/logg-inn").await;

    assert_common_headers(&response);
    let policy = header(&response, "content-security-policy").to_owned();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("base-uri 'self'") && policy.contains("form-action 'self'"));
    assert_eq!(header(&response, "cache-control"), "private, no-cache");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_owned();
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!(
            r#"<script type="module" nonce="{nonce}" data-island-loader"#
        )),
        "the hydration script carries the policy's nonce"
    );
    // A fresh nonce for every response.
    let again = app.get("/logg-inn").await;
    assert!(!header(&again, "content-security-policy").contains(&nonce));
}

async fn the_404_page_has_the_page_policy_with_a_matching_nonce(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get("/finnes-ikke").await;

    assert_eq!(response.status(), 404);
    assert_common_headers(&response);
    let policy = header(&response, "content-security-policy").to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    // The 404 page has no island, so the server took its loader out; the scripts Leptos adds
    // (its resource list) carry this response's nonce.
    let html = response.text().await.unwrap();
    assert!(!html.contains("data-island-loader"));
    let scripts = html.matches("<script nonce=").count();
    assert!(scripts > 0);
    assert_eq!(
        scripts,
        html.matches(&format!(r#"<script nonce="{nonce}""#)).count()
    );
    assert!(
        !html.contains(".wasm"),
        "a page without an island names no wasm"
    );
}

async fn api_problems_static_files_and_downloads_carry_the_headers_that_apply(backend: Backend) {
    let app = app_with_demo_data(backend).await;

    let problem = app.get("/api/v1/me").await;
    assert_eq!(problem.status(), 401);
    assert_common_headers(&problem);
    assert_eq!(
        header(&problem, "content-security-policy"),
        "default-src 'none'; frame-ancestors 'none'"
    );

    let css = app.get(&format!("/pkg/{TEST_CSS}")).await;
    assert_common_headers(&css);

    let admin = &DEMO_USERS[0];
    let cookie =
        session_cookie(&sign_in(&app, admin.email, DEMO_PASSWORD, None).await).expect("signed in");
    let csv = app
        .get_with("/admin/eksport/brukere.csv", "cookie", &cookie)
        .await;
    assert_eq!(csv.status(), 200);
    assert_common_headers(&csv);
    assert_eq!(header(&csv, "cache-control"), "no-store");

    // The same hashed file for a signed-in browser is still cached for good: it is the
    // same for everyone.
    let css_signed_in = app
        .get_with(&format!("/pkg/{TEST_CSS}"), "cookie", &cookie)
        .await;
    assert_eq!(
        header(&css_signed_in, "cache-control"),
        "public, max-age=31536000, immutable"
    );
}

async fn signed_in_pages_and_token_answers_are_not_stored(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let admin = &DEMO_USERS[0];
    let cookie =
        session_cookie(&sign_in(&app, admin.email, DEMO_PASSWORD, None).await).expect("signed in");

    let page = app.get_with("/admin/brukere", "cookie", &cookie).await;
    assert_eq!(page.status(), 200);
    assert_eq!(header(&page, "cache-control"), "no-store");

    let api = app
        .get_with("/api/v1/sites", "authorization", "Bearer idv_not-a-token")
        .await;
    assert_eq!(header(&api, "cache-control"), "no-store");
}

async fn strict_transport_security_only_behind_https(backend: Backend) {
    let plain = spawn_app(backend).await;
    assert!(
        !plain
            .get("/")
            .await
            .headers()
            .contains_key("strict-transport-security")
    );

    let secure = spawn_app_with(backend, true).await;
    let response = secure.get("/").await;
    assert!(header(&response, "strict-transport-security").starts_with("max-age=31536000"));
}

async fn a_refused_post_without_javascript_keeps_the_input_but_not_the_password(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let password = "feil-passord-som-aldri-lagres";

    let refused = sign_in(&app, DEMO_USERS[1].email, password, None).await;

    // Back to the form's own page, without the refusal in the URL.
    assert_eq!(refused.status(), 303);
    assert_eq!(header(&refused, "location"), "/logg-inn");
    let cookie = session_cookie(&refused).expect("the refusal waits in the session");
    // The password never reached the session store; the typed e-mail did.
    use sea_orm::EntityTrait;
    let sessions = app::entities::session::Entity::find()
        .all(app.db())
        .await
        .unwrap();
    assert!(!sessions.is_empty());
    assert!(sessions.iter().all(|s| !s.data.contains(password)));
    assert!(
        sessions
            .iter()
            .any(|s| s.data.contains(DEMO_USERS[1].email))
    );
    let page = browser_get(&app, "/logg-inn", &cookie).await;
    assert!(page.contains("<title>Feil: "), "the title says so");
    assert!(page.contains("Feil e-postadresse eller passord."));
    assert!(
        page.contains(&format!(r#"value="{}""#, DEMO_USERS[1].email)),
        "the e-mail is kept"
    );
    assert!(!page.contains(password));
    // Shown once.
    let again = browser_get(&app, "/logg-inn", &cookie).await;
    assert!(!again.contains("Feil e-postadresse eller passord."));
    assert!(!again.contains("<title>Feil: "));
}

async fn a_post_from_an_island_keeps_its_json_answer(backend: Backend) {
    let app = app_with_demo_data(backend).await;

    let response = app
        .client
        .post(app.url(SignIn::PATH))
        .header("accept", "application/json")
        .header("origin", &app.address)
        .header("referer", format!("{}/logg-inn", app.address))
        .form(&[
            ("email", DEMO_USERS[1].email),
            ("password", "feil-passord-123"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 401);
    assert!(!response.headers().contains_key("location"));
}

on_both_backends!(
    a_page_allows_only_its_own_nonce_and_is_not_kept_by_shared_caches,
    the_404_page_has_the_page_policy_with_a_matching_nonce,
    api_problems_static_files_and_downloads_carry_the_headers_that_apply,
    signed_in_pages_and_token_answers_are_not_stored,
    strict_transport_security_only_behind_https,
    a_refused_post_without_javascript_keeps_the_input_but_not_the_password,
    a_post_from_an_island_keeps_its_json_answer,
);

//! Issue 11: what an attacker's probe of identity and organisation found, one test (or more)
//! per finding, through the real router on SQLite and PostgreSQL.

use crate::auth_http::{app_with_demo_data, post_form, session_cookie};
use crate::common::{Backend, spawn_app};
use app::auth::api::SignIn;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use leptos::server_fn::ServerFn;

/// `next` values a browser would take to another host (it drops tabs and newlines and reads
/// `\` as `/`), as they appear in a query string.
const OFF_SITE: &[&str] = &[
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D%0A/evil.example",
    "/%5C/evil.example",
    "%5C%5Cevil.example",
    "/..//evil.example",
    "//evil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "https://evil.example/",
];

async fn language_switch_never_redirects_off_site(backend: Backend) {
    let app = spawn_app(backend).await;
    for next in OFF_SITE {
        let response = app.get(&format!("/lang/en?next={next}")).await;
        assert_eq!(response.status(), 303, "{next}");
        assert_eq!(response.headers()["location"], "/", "{next}");
    }
    let response = app.get("/lang/en?next=/admin/logg%3Foffset%3D50").await;
    assert_eq!(response.headers()["location"], "/admin/logg?offset=50");
}

async fn sign_in_page_carries_only_a_safe_next(backend: Backend) {
    let app = spawn_app(backend).await;
    let page = app
        .get("/logg-inn?next=/%09/evil.example")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"name="next" value="/""#), "{page}");
    assert!(!page.contains("evil.example"));
}

async fn sign_in_with_a_hostile_next_lands_on_the_front_page(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let admin = &DEMO_USERS[0];
    for next in ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/ok\r\nSet-Cookie: x=1"] {
        let form = [
            ("email", admin.email),
            ("password", DEMO_PASSWORD),
            ("next", next),
        ];
        let response = post_form(&app, SignIn::PATH, &form, Some(&app.address), None).await;
        assert!(response.status().is_redirection(), "{next:?}: {}", response.status());
        assert_eq!(response.headers()["location"], "/", "{next:?}");
        assert!(session_cookie(&response).is_some(), "{next:?}: signed in");
    }
}

on_both_backends!(
    language_switch_never_redirects_off_site,
    sign_in_page_carries_only_a_safe_next,
    sign_in_with_a_hostile_next_lands_on_the_front_page,
);

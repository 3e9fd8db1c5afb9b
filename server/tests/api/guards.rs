//! Guards at the edges (issue 23, the low findings): a post carrying a session cookie always
//! proves its origin, compared by scheme, host and port; a refusal of a post with thousands of
//! unknown keys is a readable 422, not a 500; a manager cannot assess their own idea.

use crate::auth_http::{app_with_demo_data, session_cookie, sign_in};
use crate::common::{Backend, TestApp, TestDb};
use crate::form_injection::open_category;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use app::core::error::{AppError, FieldError};
use app::portfolio::domain::idea::IdeaForm;
use leptos::server_fn::ServerFn;
use time::OffsetDateTime;

const EMPLOYEE: usize = 1;
const MANAGER: usize = 7;

async fn cookie_of(app: &TestApp, who: usize) -> String {
    let response = sign_in(app, DEMO_USERS[who].email, DEMO_PASSWORD, None).await;
    session_cookie(&response).expect("signed in")
}

/// Signs out through the server function with `headers`; the status it answers.
async fn sign_out_with(app: &TestApp, headers: &[(&str, String)]) -> u16 {
    let mut request = app.client.post(app.url(app::auth::api::SignOut::PATH));
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let empty: [(&str, &str); 0] = [];
    request.form(&empty).send().await.unwrap().status().as_u16()
}

async fn a_cookie_post_proves_its_origin_by_scheme_host_and_port(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let cookie = cookie_of(&app, EMPLOYEE).await;
    let https = app.address.replacen("http://", "https://", 1);
    let refused = [
        // A Bearer header beside the session cookie, no origin: once let through.
        vec![
            ("cookie", cookie.clone()),
            ("authorization", "Bearer not-a-token".to_owned()),
        ],
        // The right host and port over the wrong scheme.
        vec![("cookie", cookie.clone()), ("origin", https.clone())],
        vec![
            ("cookie", cookie.clone()),
            ("referer", format!("{https}/profil")),
        ],
        // Another port.
        vec![
            ("cookie", cookie.clone()),
            ("origin", "http://127.0.0.1:1".to_owned()),
        ],
    ];
    for headers in refused {
        assert_eq!(sign_out_with(&app, &headers).await, 403, "{headers:?}");
    }
    let page = app.get_with("/profil", "cookie", &cookie).await;
    assert_eq!(page.status(), 200, "still signed in");
    let same = vec![("cookie", cookie.clone()), ("origin", app.address.clone())];
    let status = sign_out_with(&app, &same).await;
    assert!(status < 400, "this site's own post: {status}");
}

async fn a_post_with_thousands_of_unknown_keys_is_refused_readably(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let category = open_category(&app).await;
    let cookie = cookie_of(&app, EMPLOYEE).await;
    let keys: Vec<(String, String)> = (0..6273)
        .map(|i| (format!("justification[ukjent {i}]"), "x".to_owned()))
        .chain([
            ("category_id".to_owned(), category.to_string()),
            ("title".to_owned(), "Innsjekk".to_owned()),
            ("nominee".to_owned(), "Team Innsjekk".to_owned()),
        ])
        .collect();
    let island = app
        .client
        .post(app.url(app::prize::api::Nominate::PATH))
        .header("cookie", &cookie)
        .header("origin", &app.address)
        .header("accept", "application/json")
        .form(&keys)
        .send()
        .await
        .unwrap();
    assert_eq!(island.status().as_u16(), 422);
    let refusal: AppError = island.json().await.unwrap();
    let AppError::Invalid(fields) = refusal else {
        panic!("{refusal:?}");
    };
    assert_eq!(fields.len(), app::core::error::MAX_LISTED_FIELDS);

    // Without JavaScript: back to the form, as every refusal.
    let plain = app
        .client
        .post(app.url(app::prize::api::Nominate::PATH))
        .header("cookie", &cookie)
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header(
            "referer",
            format!("{}/pris/kategorier/{category}/nominer", app.address),
        )
        .form(&keys)
        .send()
        .await
        .unwrap();
    assert!(plain.status().is_redirection(), "{}", plain.status());
}

async fn a_manager_cannot_assess_their_own_idea(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let now = OffsetDateTime::now_utc();
    let manager = crate::common::demo_actor(&t, MANAGER).await;
    let site = crate::common::site_in(&t, "Oppvekst skole").await;
    let form = IdeaForm {
        title: "Min egen idé".into(),
        problem: "Kø".into(),
        proposal: "Skjerm".into(),
        site_id: site.to_string(),
        ..Default::default()
    };
    let own = app::portfolio::service::submit_idea(&t.db, &manager, form, now)
        .await
        .unwrap();
    assert_eq!(
        app::portfolio::service::assess_idea(&t.db, &manager, own.id, "accepted", "Ja", now)
            .await
            .map(drop),
        Err(AppError::conflict(
            "decision",
            FieldError::OwnIdeaAssessment
        ))
    );
    let employee = crate::common::demo_actor(&t, EMPLOYEE).await;
    let theirs = IdeaForm {
        title: "Kollegas idé".into(),
        problem: "Kø".into(),
        proposal: "Skjerm".into(),
        site_id: site.to_string(),
        ..Default::default()
    };
    let other = app::portfolio::service::submit_idea(&t.db, &employee, theirs, now)
        .await
        .unwrap();
    app::portfolio::service::assess_idea(&t.db, &manager, other.id, "accepted", "Ja", now)
        .await
        .unwrap();
}

on_both_backends!(
    a_cookie_post_proves_its_origin_by_scheme_host_and_port,
    a_post_with_thousands_of_unknown_keys_is_refused_readably,
    a_manager_cannot_assess_their_own_idea,
);

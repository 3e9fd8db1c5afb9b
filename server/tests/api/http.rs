//! The real router on a random port: pages, operations endpoints, language switch, static files.

use crate::common::{Backend, TEST_BUNDLE, TEST_CSS, spawn_app};
use app::auth::Actor;

/// Every accepted connection sends without waiting (`TCP_NODELAY`): the server's listener
/// sets it, so a small file on a kept-alive connection is not held back by Nagle's algorithm.
#[tokio::test]
async fn accepted_connections_have_no_send_delay() {
    use axum::serve::Listener;

    let mut listener =
        server::net::no_delay(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap());
    let addr = listener.local_addr().unwrap();
    let client = tokio::spawn(tokio::net::TcpStream::connect(addr));

    let (accepted, _) = listener.accept().await;

    assert!(accepted.nodelay().unwrap());
    drop(client.await.unwrap().unwrap());
}

async fn healthz_says_alive(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "alive");
}

async fn readyz_is_ok_until_the_database_is_gone(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/readyz").await.status(), 200);

    app.db().clone().close().await.unwrap();
    let response = app.get("/readyz").await;

    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    assert!(body["reason"].as_str().is_some_and(|r| !r.is_empty()));
}

async fn page_answers_503_when_the_database_is_gone(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(app.get("/organisasjon").await.status(), 200);

    app.db().clone().close().await.unwrap();
    let response = app.get("/organisasjon").await;

    assert_eq!(response.status(), 503);
    assert!(response.text().await.unwrap().contains("Noe gikk galt"));
}

async fn home_page_is_rendered_on_the_server_in_bokmal(backend: Backend) {
    let app = spawn_app(backend).await;
    app::org::service::seed_demo(app.db(), &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    let response = app.get_with("/", "accept-language", "en-US,en").await;

    assert_eq!(response.status(), 200);
    // Leptos marks reactive text with empty comments for hydration.
    let html = response.text().await.unwrap().replace("<!>", "");
    assert!(html.contains(r#"<html lang="nb""#), "{html}");
    assert!(html.contains("Velkommen til Idéverket"));
    assert!(
        html.contains("200 tjenestesteder i 8 tjenesteområder"),
        "{html}"
    );
    // The home page has no island: the server took the loader out (issue 25).
    assert!(!html.contains(TEST_BUNDLE), "no bundle is named: {html}");
    // A page with an island: the hashed names of the site's assets.txt, which the server read
    // at start, handed to the island loader.
    let sign_in = app.get("/logg-inn").await.text().await.unwrap();
    assert!(
        sign_in.contains(&format!(r#""pkg", "{TEST_BUNDLE}", "{TEST_BUNDLE}_bg""#)),
        "the loader names the bundle: {sign_in}"
    );
    assert!(
        !html.contains("modulepreload"),
        "nothing is preloaded: {html}"
    );
    assert!(
        html.contains(&format!(
            r#"<link rel="stylesheet" href="/pkg/{TEST_CSS}">"#
        )),
        "stylesheet is linked: {html}"
    );
}

async fn organisation_page_lists_every_site(backend: Backend) {
    let app = spawn_app(backend).await;
    app::org::service::seed_demo(app.db(), &Actor::System, time::OffsetDateTime::now_utc())
        .await
        .unwrap();

    let html = app.get("/organisasjon").await.text().await.unwrap();

    assert_eq!(html.matches(r#"<th scope="row">"#).count(), 200);
    assert!(html.contains("Sandvika skole"));
    assert!(html.contains("Oppvekst barnehage"));
}

async fn unknown_page_answers_404_in_norwegian(backend: Backend) {
    let app = spawn_app(backend).await;

    // A file of the site root outside /pkg (the list of hashed names) is not served either.
    for path in ["/finnes-ikke", "/assets.txt"] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Vi fant ikke siden")
        );
    }
}

async fn language_link_sets_cookie_and_returns_to_the_page(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get("/lang/en?next=/organisasjon").await;

    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/organisasjon");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("ideverket_lang=en;"), "{cookie}");
    let english = app
        .get_with("/organisasjon", "cookie", "ideverket_lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(english.contains(r#"<html lang="en""#));
    assert!(english.contains("Sectors and service sites"));
}

async fn language_link_never_redirects_off_site(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get("/lang/nb?next=//evil.example/").await;

    assert_eq!(response.headers()["location"], "/");
    assert_eq!(app.get("/lang/xx").await.status(), 404);
}

async fn hashed_static_files_are_compressed_and_cached_for_good(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app
        .get_with(&format!("/pkg/{TEST_CSS}"), "accept-encoding", "gzip")
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()["content-encoding"], "gzip");
    // Only the hashed name is served; the plain one is not a file of the build.
    assert_eq!(app.get("/pkg/ideverket.css").await.status(), 404);
}

async fn a_file_without_a_hashed_name_is_revalidated(backend: Backend) {
    let app = spawn_app(backend).await;
    std::fs::write(app.site_root.path().join("pkg/notes.txt"), "x").unwrap();

    let response = app.get("/pkg/notes.txt").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
}

async fn every_response_carries_a_request_id(backend: Backend) {
    let app = spawn_app(backend).await;

    let response = app.get("/healthz").await;

    assert!(response.headers().contains_key("x-request-id"));
}

async fn concurrent_page_renders_all_complete(backend: Backend) {
    // Regression: a reactive <title> read after the render panicked now and then under
    // concurrent requests, and the request never completed.
    let app = spawn_app(backend).await;
    let paths = ["/", "/finnes-ikke", "/organisasjon", "/logg-inn"];

    let mut requests = Vec::new();
    for _ in 0..10 {
        for path in paths {
            let (client, url) = (app.client.clone(), app.url(path));
            requests.push(tokio::spawn(async move {
                client.get(url).send().await.map(|r| r.status().as_u16())
            }));
        }
    }
    let mut statuses = Vec::new();
    for request in requests {
        statuses.push(request.await.unwrap().unwrap());
    }

    assert_eq!(statuses.len(), 40);
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 404),
        "{statuses:?}"
    );
    assert_eq!(statuses.iter().filter(|s| **s == 404).count(), 10);
}

on_both_backends!(
    healthz_says_alive,
    readyz_is_ok_until_the_database_is_gone,
    page_answers_503_when_the_database_is_gone,
    home_page_is_rendered_on_the_server_in_bokmal,
    organisation_page_lists_every_site,
    unknown_page_answers_404_in_norwegian,
    language_link_sets_cookie_and_returns_to_the_page,
    language_link_never_redirects_off_site,
    hashed_static_files_are_compressed_and_cached_for_good,
    a_file_without_a_hashed_name_is_revalidated,
    every_response_carries_a_request_id,
    concurrent_page_renders_all_complete,
);

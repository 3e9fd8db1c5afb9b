//! Single sign-on's pages against an OpenID provider run by the test (issue 31), on SQLite
//! and PostgreSQL: discovery, the code flow with PKCE, `state` and `nonce`, the ID token
//! signed with RS256 and checked by the `openidconnect` crate, and the provider's sign-out.
//! The provider here is small and strict (it checks the PKCE verifier and the client's
//! secret); the end-to-end suite is to run a certified one.

use std::sync::{Arc, Mutex};

use crate::auth_http::{
    app_with_demo_data_and, page_for, post_form, session_cookie, sign_in, with_demo_data,
};
use crate::common::{Backend, TestApp};
use app::auth::api::{SignIn, SignOut};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use leptos::server_fn::ServerFn as _;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AccessToken, Audience, EmptyAdditionalClaims, EndUserEmail, EndUserName, IssuerUrl,
    JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use serde::Deserialize;

const KEY: &str = include_str!("fixtures/oidc-test-provider-key.pem");
const CLIENT_ID: &str = "ideverket";
const CLIENT_SECRET: &str = "hemmelig-test";
/// The app's public address as the provider knows it; the test carries the answer over.
const PUBLIC: &str = "http://ideverket.test";

/// What the provider's next ID token says, and how it is spoilt.
#[derive(Clone)]
struct Person {
    subject: String,
    email: String,
    name: String,
    audience: String,
    expired: bool,
    /// The token carries another nonce than the one asked with.
    other_nonce: bool,
}

#[derive(Default)]
struct Issued {
    nonce: Option<String>,
    challenge: Option<String>,
}

#[derive(Clone)]
struct Provider {
    issuer: String,
    person: Arc<Mutex<Person>>,
    issued: Arc<Mutex<Issued>>,
}

async fn discovery(State(p): State<Provider>) -> Response {
    axum::Json(serde_json::json!({
        "issuer": p.issuer,
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "token_endpoint": format!("{}/token", p.issuer),
        "jwks_uri": format!("{}/jwks", p.issuer),
        "end_session_endpoint": format!("{}/session/end", p.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
    }))
    .into_response()
}

fn signing_key() -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(KEY, Some(JsonWebKeyId::new("test-1".into()))).unwrap()
}

async fn jwks() -> Response {
    axum::Json(CoreJsonWebKeySet::new(vec![
        signing_key().as_verification_key(),
    ]))
    .into_response()
}

#[derive(Deserialize)]
struct Authorize {
    state: String,
    nonce: String,
    code_challenge: String,
    code_challenge_method: String,
    redirect_uri: String,
    client_id: String,
}

/// Signs the person in at once and sends the browser back with a code.
async fn authorize(State(p): State<Provider>, Query(a): Query<Authorize>) -> Response {
    assert_eq!(
        (a.client_id.as_str(), a.code_challenge_method.as_str()),
        (CLIENT_ID, "S256")
    );
    *p.issued.lock().unwrap() = Issued {
        nonce: Some(a.nonce),
        challenge: Some(a.code_challenge),
    };
    Redirect::to(&format!(
        "{}?code=the-code&state={}",
        a.redirect_uri, a.state
    ))
    .into_response()
}

#[derive(Deserialize)]
struct TokenRequest {
    code: String,
    code_verifier: String,
}

async fn token(
    State(p): State<Provider>,
    headers: HeaderMap,
    Form(t): Form<TokenRequest>,
) -> Response {
    use base64::Engine as _;
    use sha2::{Digest, Sha256};
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(&format!("Basic {basic}"))
    {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(serde_json::json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let issued = std::mem::take(&mut *p.issued.lock().unwrap());
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(t.code_verifier.as_bytes()));
    if t.code != "the-code" || issued.challenge.as_deref() != Some(challenge.as_str()) {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    let person = p.person.lock().unwrap().clone();
    let now = chrono::Utc::now();
    let expires = if person.expired {
        now - chrono::Duration::minutes(10)
    } else {
        now + chrono::Duration::minutes(10)
    };
    let access = AccessToken::new("the-access-token".into());
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(p.issuer.clone()).unwrap(),
        vec![Audience::new(person.audience.clone())],
        expires,
        now - chrono::Duration::minutes(if person.expired { 20 } else { 0 }),
        StandardClaims::new(SubjectIdentifier::new(person.subject.clone()))
            .set_email(Some(EndUserEmail::new(person.email.clone())))
            .set_email_verified(Some(true))
            .set_name(Some(EndUserName::new(person.name.clone()).into())),
        EmptyAdditionalClaims {},
    )
    .set_nonce(if person.other_nonce {
        Some(Nonce::new("en-annen-nonce".into()))
    } else {
        issued.nonce.map(Nonce::new)
    });
    let id_token = CoreIdToken::new(
        claims,
        &signing_key(),
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&access),
        None,
    )
    .unwrap();
    axum::Json(serde_json::json!({
        "access_token": access.secret(),
        "token_type": "Bearer",
        "expires_in": 600,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

/// Starts the provider on a port of its own.
async fn provider(person: Person) -> Provider {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let provider = Provider {
        issuer,
        person: Arc::new(Mutex::new(person)),
        issued: Arc::default(),
    };
    let router = axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .with_state(provider.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    provider
}

fn person(subject: &str, email: &str, name: &str) -> Person {
    Person {
        subject: subject.into(),
        email: email.into(),
        name: name.into(),
        audience: CLIENT_ID.into(),
        expired: false,
        other_nonce: false,
    }
}

fn config(issuer: &str, create_unknown: bool) -> server::config::OidcConfig {
    server::config::OidcConfig {
        issuer: issuer.into(),
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        public_url: PUBLIC.into(),
        provider_name: "Testkommunens pålogging".into(),
        scopes: vec!["email".into(), "profile".into()],
        rules: app::users::sso::SsoRules {
            create_unknown,
            ..Default::default()
        },
    }
}

async fn app_with(backend: Backend, oidc: server::config::OidcConfig) -> TestApp {
    let sso = Arc::new(server::sso::Sso::new(oidc).unwrap());
    app_with_demo_data_and(backend, server::sso::routes(sso)).await
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A sign-in started at `path`: the app's answer (to the provider) and the session cookie of
/// the sign-in under way.
async fn start(app: &TestApp, path: &str) -> (reqwest::Response, String) {
    let started = app.client.get(app.url(path)).send().await.unwrap();
    let cookie = session_cookie(&started).expect("a session for the sign-in under way");
    (started, cookie)
}

/// Where the provider sends the browser back to in the app, after `started` sent it there.
async fn back_from_provider(app: &TestApp, started: &reqwest::Response) -> String {
    let back = app.client.get(location(started)).send().await.unwrap();
    location(&back).replace(PUBLIC, &app.address)
}

/// `url` as the browser holding `cookie` asks for it.
async fn visit(app: &TestApp, url: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(url)
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

/// The browser's round: to the provider and back; the app's last answer and the session
/// cookie the browser then holds. `spoil` changes the address the provider sends back to (a
/// tampered `state`).
async fn round(app: &TestApp, spoil: impl Fn(String) -> String) -> (reqwest::Response, String) {
    let (started, cookie) = start(app, "/logg-inn/sso?next=/profil").await;
    let to_provider = location(&started);
    assert!(to_provider.contains("code_challenge="), "{to_provider}");
    let back = spoil(back_from_provider(app, &started).await);
    let answer = visit(app, &back, &cookie).await;
    let cookie = session_cookie(&answer).unwrap_or(cookie);
    (answer, cookie)
}

/// Sent back to the sign-in page with `code`, and signed in as no one.
async fn refused(app: &TestApp, (answer, cookie): (reqwest::Response, String), code: &str) {
    assert_eq!(location(&answer), format!("/logg-inn?sso={code}"));
    assert!(!page_for(app, &cookie).await.contains("Innlogget som"));
}

/// A provider whose next sign-in is the demo employee Kari Nordmann, and the app using it
/// (accounts made by administrators only).
async fn kari_at(backend: Backend) -> (Provider, TestApp) {
    let idp = provider(person(
        "sub-kari",
        "ansatt@ideverket.example",
        "Kari Nordmann",
    ))
    .await;
    let app = app_with(backend, config(&idp.issuer, false)).await;
    (idp, app)
}

async fn a_colleague_signs_in_through_the_provider_and_out_of_both(backend: Backend) {
    let (idp, app) = kari_at(backend).await;
    let (answer, _) = round(&app, |url| url).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&answer), "/profil");
    let cookie = session_cookie(&answer).expect("signed in");
    assert!(page_for(&app, &cookie).await.contains("Kari Nordmann"));

    // Signing out ends the session here and sends the browser to the provider's sign-out,
    // with our client id and the way back, and no token in the address.
    let out = post_form(&app, SignOut::PATH, &[], Some(&app.address), Some(&cookie)).await;
    let to = location(&out);
    assert!(
        to.starts_with(&format!("{}/session/end?", idp.issuer)),
        "{to}"
    );
    assert!(
        to.contains(&format!("client_id={CLIENT_ID}")) && to.contains("post_logout_redirect_uri="),
        "{to}"
    );
    assert!(!to.contains("id_token_hint") && !to.contains("eyJ"), "{to}");
    assert!(!page_for(&app, &cookie).await.contains("Kari Nordmann"));
}

async fn a_spoilt_answer_signs_no_one_in(backend: Backend) {
    let (idp, app) = kari_at(backend).await;
    // A tampered state.
    refused(
        &app,
        round(&app, |url| url.replace("state=", "state=x")).await,
        "failed",
    )
    .await;
    // A token for another client, then an expired one.
    idp.person.lock().unwrap().audience = "someone-else".into();
    refused(&app, round(&app, |url| url).await, "failed").await;
    {
        let mut person = idp.person.lock().unwrap();
        person.audience = CLIENT_ID.into();
        person.expired = true;
    }
    refused(&app, round(&app, |url| url).await, "expired").await;
    // A token for another sign-in (its nonce not this one's).
    {
        let mut person = idp.person.lock().unwrap();
        person.expired = false;
        person.other_nonce = true;
    }
    refused(&app, round(&app, |url| url).await, "failed").await;
    // A person Idéverket does not know, with accounts made only by administrators.
    *idp.person.lock().unwrap() = person("sub-ny", "ny@ideverket.example", "Ny Person");
    refused(&app, round(&app, |url| url).await, "unknown_person").await;
    // The same answer twice (a replayed code): the sign-in under way is used once.
    *idp.person.lock().unwrap() = person("sub-kari", "ansatt@ideverket.example", "Kari Nordmann");
    let (started, cookie) = start(&app, "/logg-inn/sso").await;
    let back = back_from_provider(&app, &started).await;
    let first = visit(&app, &back, &cookie).await;
    assert_eq!(location(&first), "/");
    let again = visit(&app, &back, &cookie).await;
    refused(&app, (again, cookie), "failed").await;
    // The provider said no.
    let (_, cookie) = start(&app, "/logg-inn/sso").await;
    let denied = visit(
        &app,
        &app.url("/logg-inn/sso/svar?error=access_denied&state=x"),
        &cookie,
    )
    .await;
    refused(&app, (denied, cookie), "cancelled").await;
    // The sign-in page says why, in Norwegian.
    let page = app
        .get("/logg-inn?sso=unknown_person")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Du har ingen konto i Idéverket ennå"),
        "{page}"
    );
}

/// A wrong client secret: the provider refuses the code, and no one is signed in.
async fn a_wrong_client_secret_signs_no_one_in(backend: Backend) {
    let idp = provider(person(
        "sub-kari",
        "ansatt@ideverket.example",
        "Kari Nordmann",
    ))
    .await;
    let mut wrong = config(&idp.issuer, false);
    wrong.client_secret = "feil-hemmelighet".into();
    let app = app_with(backend, wrong).await;
    refused(&app, round(&app, |url| url).await, "failed").await;
}

async fn an_unreachable_provider_is_said_so(backend: Backend) {
    // A port nothing listens on.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let app = app_with(backend, config(&format!("http://{closed}"), true)).await;
    let started = app
        .client
        .get(app.url("/logg-inn/sso"))
        .send()
        .await
        .unwrap();
    assert_eq!(location(&started), "/logg-inn?sso=unreachable");
    // Readiness does not depend on the provider.
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

/// Passwords turned off (`IDEVERKET_PASSWORD_SIGN_IN=false`): the sign-in page offers the
/// provider only, the password sign-in is refused on the server even with the right password,
/// and the provider still signs people in.
async fn with_passwords_off_only_the_provider_signs_in(backend: Backend) {
    let idp = provider(person(
        "sub-kari",
        "ansatt@ideverket.example",
        "Kari Nordmann",
    ))
    .await;
    let sso = Arc::new(server::sso::Sso::new(config(&idp.issuer, false)).unwrap());
    let mut settings = crate::common::test_settings(false);
    settings.sso_provider = Some("Testkommunens pålogging".into());
    settings.passwords_off = true;
    let app = with_demo_data(
        crate::common::spawn_app_with_settings(backend, settings, server::sso::routes(sso)).await,
    )
    .await;

    let page = app
        .get("/logg-inn")
        .await
        .text()
        .await
        .unwrap()
        .replace("<!>", "");
    assert!(
        page.contains("Logg inn med Testkommunens pålogging"),
        "{page}"
    );
    assert!(!page.contains(r#"name="password""#), "{page}");
    assert!(
        !page.contains(app::auth::demo::DEMO_PASSWORD),
        "no demo passwords to sign in with: {page}"
    );

    // The admin's right password, posted as a form and as the island's call: refused.
    let admin = &app::auth::demo::DEMO_USERS[0];
    let form = sign_in(&app, admin.email, app::auth::demo::DEMO_PASSWORD, None).await;
    if let Some(cookie) = session_cookie(&form) {
        assert!(!page_for(&app, &cookie).await.contains(admin.name));
    }
    let call = app
        .client
        .post(app.url(SignIn::PATH))
        .header("origin", &app.address)
        .form(&[
            ("email", admin.email),
            ("password", app::auth::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(call.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(&call).is_none());

    let (answer, _) = round(&app, |url| url).await;
    assert_eq!(location(&answer), "/profil");
    let cookie = session_cookie(&answer).expect("signed in");
    assert!(page_for(&app, &cookie).await.contains("Kari Nordmann"));
}

on_both_backends!(
    with_passwords_off_only_the_provider_signs_in,
    a_colleague_signs_in_through_the_provider_and_out_of_both,
    a_spoilt_answer_signs_no_one_in,
    a_wrong_client_secret_signs_no_one_in,
    an_unreachable_provider_is_said_so
);

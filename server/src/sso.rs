//! Single sign-on's pages (issue 31): the authorization code flow with PKCE, `state` and
//! `nonce` against the municipality's OpenID provider, by the `openidconnect` crate
//! (discovery, the provider's keys, the ID token's signature, issuer, audience, expiry and
//! nonce). Who the verified person is, is the service layer's
//! (`users::service::sign_in_with_provider`). Every failure ends on the sign-in page with a
//! reason the person can act on (`?sso=<code>`) and a log line, never a 500 and never a
//! session.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::core::state::AppState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::config::OidcConfig;

/// Where the provider sends the browser back.
pub const CALLBACK_PATH: &str = "/logg-inn/sso/svar";
/// How long the provider's discovered metadata and keys are kept before they are read again
/// (an unknown key reads them at once).
const METADATA_FOR: Duration = Duration::from_secs(3600);
/// The session's key for a sign-in under way.
const PENDING_KEY: &str = "sso_pending";

/// The provider, its configuration and its discovered metadata.
pub struct Sso {
    config: OidcConfig,
    http: openidconnect::reqwest::Client,
    metadata: tokio::sync::RwLock<Option<(ProviderMetadataWithLogout, Instant)>>,
}

/// The client [`Sso::client`] makes: discovery gives the authorization endpoint, and may give
/// the token and userinfo endpoints.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A sign-in under way, kept in the browser's session until the provider answers.
#[derive(Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    next: String,
}

/// What the provider sends back.
#[derive(Deserialize)]
pub struct Callback {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct Start {
    next: Option<String>,
}

impl Sso {
    /// The provider as configured; nothing is fetched until the first sign-in (`/readyz`
    /// does not depend on the provider).
    pub fn new(config: OidcConfig) -> Result<Self, String> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            // Following redirects would open the client to server-side request forgery.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot make the OpenID provider's HTTP client: {e}"))?;
        Ok(Self {
            config,
            http,
            metadata: tokio::sync::RwLock::new(None),
        })
    }

    /// The provider's metadata and keys: remembered for an hour, read again when `fresh`.
    async fn metadata(&self, fresh: bool) -> Result<ProviderMetadataWithLogout, String> {
        if !fresh
            && let Some((metadata, at)) = self.metadata.read().await.as_ref()
            && at.elapsed() < METADATA_FOR
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone()).map_err(|e| e.to_string())?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| format!("discovery failed: {e}"))?;
        *self.metadata.write().await = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    /// The client of this app at the provider `metadata` describes, sending the browser
    /// back to [`CALLBACK_PATH`].
    fn client(&self, metadata: ProviderMetadataWithLogout) -> Result<Client, String> {
        let redirect = RedirectUrl::new(format!("{}{CALLBACK_PATH}", self.config.public_url))
            .map_err(|e| e.to_string())?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.config.client_id.clone()),
            Some(ClientSecret::new(self.config.client_secret.clone())),
        )
        .set_redirect_uri(redirect))
    }
}

/// The routes, for the server's router.
pub fn routes(sso: Arc<Sso>) -> Router<AppState> {
    Router::new()
        .route("/logg-inn/sso", get(start))
        .route(CALLBACK_PATH, get(callback))
        .layer(Extension(sso))
}

/// Back to the sign-in page with the reason; logged with the detail.
fn refused(code: &str, detail: &str) -> Response {
    tracing::warn!(reason = code, detail, "single sign-on refused");
    Redirect::to(&format!("/logg-inn?sso={code}")).into_response()
}

/// Sends the browser to the provider with a fresh `state`, `nonce` and PKCE challenge, kept
/// in the session for the answer.
async fn start(
    Extension(sso): Extension<Arc<Sso>>,
    session: Session,
    Query(start): Query<Start>,
) -> Response {
    let metadata = match sso.metadata(false).await {
        Ok(metadata) => metadata,
        Err(e) => return refused("unreachable", &e),
    };
    let client = match sso.client(metadata) {
        Ok(client) => client,
        Err(e) => return refused("failed", &e),
    };
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let mut request = client.authorize_url(
        CoreAuthenticationFlow::AuthorizationCode,
        CsrfToken::new_random,
        Nonce::new_random,
    );
    for scope in &sso.config.scopes {
        request = request.add_scope(Scope::new(scope.clone()));
    }
    let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
    let pending = Pending {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        next: app::core::web::safe_local_path(start.next.as_deref().unwrap_or("/")),
    };
    if let Err(e) = session.insert(PENDING_KEY, pending).await {
        return refused("failed", &e.to_string());
    }
    Redirect::to(url.as_str()).into_response()
}

/// The provider's answer: the state checked against the session's, the code exchanged with
/// the PKCE verifier, the ID token verified (its keys read again once when one is unknown),
/// the person let in by the service layer, and a new session started.
async fn callback(
    Extension(sso): Extension<Arc<Sso>>,
    State(state): State<AppState>,
    session: Session,
    Query(answer): Query<Callback>,
) -> Response {
    // The sign-in under way is used once, whatever comes of it.
    let pending: Option<Pending> = session.remove(PENDING_KEY).await.ok().flatten();
    let Some(pending) = pending else {
        return refused("failed", "no sign-in under way in this session");
    };
    if let Some(error) = &answer.error {
        let code = if error == "access_denied" {
            "cancelled"
        } else {
            "failed"
        };
        return refused(code, &format!("the provider answered {error}"));
    }
    let (Some(code), Some(returned)) = (answer.code, answer.state) else {
        return refused("failed", "no code or state in the answer");
    };
    if returned != pending.state {
        return refused("failed", "the state does not match the session's");
    }
    let claims = match verified(&sso, code, &pending).await {
        Ok(claims) => claims,
        Err((code, detail)) => return refused(code, &detail),
    };
    let now = state.clock.now();
    let outcome =
        app::users::service::sign_in_with_provider(&state.db, &sso.config.rules, &claims, now)
            .await;
    let actor = match outcome {
        Ok(Ok(actor)) => actor,
        Ok(Err(refusal)) => return refused(refusal.as_str(), "the service layer refused"),
        Err(e) => return refused("failed", &format!("{e:?}")),
    };
    if let Err(e) = app::auth::service::start_session(&state.db, &session, &actor, now).await {
        return refused("failed", &format!("{e:?}"));
    }
    if let Some(url) = sign_out_url(&sso).await {
        let _ = session
            .insert(app::auth::service::PROVIDER_SIGN_OUT_KEY, url)
            .await;
    }
    Redirect::to(&pending.next).into_response()
}

/// The claims of the ID token the code is exchanged for, verified.
async fn verified(
    sso: &Sso,
    code: String,
    pending: &Pending,
) -> Result<app::users::sso::ProviderClaims, (&'static str, String)> {
    let failed = |detail: String| ("failed", detail);
    let metadata = sso.metadata(false).await.map_err(|e| ("unreachable", e))?;
    let client = sso.client(metadata).map_err(failed)?;
    let response = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| failed(e.to_string()))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
        .request_async(&sso.http)
        .await
        .map_err(|e| failed(format!("the token request failed: {e}")))?;
    let id_token = response
        .id_token()
        .ok_or_else(|| failed("no ID token in the answer".to_owned()))?;
    let nonce = Nonce::new(pending.nonce.clone());
    let claims = match id_token.claims(&client.id_token_verifier(), &nonce) {
        Ok(claims) => claims.clone(),
        Err(first @ ClaimsVerificationError::SignatureVerification(_)) => {
            // A key the remembered set does not have: the provider may have rolled its keys.
            let metadata = sso.metadata(true).await.map_err(|e| ("unreachable", e))?;
            let client = sso.client(metadata).map_err(failed)?;
            id_token
                .claims(&client.id_token_verifier(), &nonce)
                .map_err(|e| not_valid(&e, &format!("{first}; {e}")))?
                .clone()
        }
        Err(e) => return Err(not_valid(&e, &e.to_string())),
    };
    let person = app::users::sso::ProviderClaims {
        issuer: claims.issuer().to_string(),
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified(),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string()),
        groups: groups_of(&id_token.to_string()),
    };
    Ok(person)
}

/// The reason an ID token is refused: an expired one (the sign-in took too long, or the
/// provider's clock and ours disagree) has its own advice; the rest is a failed sign-in.
fn not_valid(error: &ClaimsVerificationError, detail: &str) -> (&'static str, String) {
    let code = match error {
        ClaimsVerificationError::Expired(_) => "expired",
        _ => "failed",
    };
    (code, format!("the ID token is not valid: {detail}"))
}

/// The `groups` claim of a verified ID token (Entra ID's group ids), read from its payload:
/// the `openidconnect` core claims do not carry it.
fn groups_of(token: &str) -> Vec<String> {
    use base64::Engine as _;
    #[derive(Deserialize)]
    struct Groups {
        #[serde(default)]
        groups: Vec<String>,
    }
    token
        .split('.')
        .nth(1)
        .and_then(|payload| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(payload)
                .ok()
        })
        .and_then(|json| serde_json::from_slice::<Groups>(&json).ok())
        .map(|g| g.groups)
        .unwrap_or_default()
}

/// The provider's sign-out address, when it publishes one: with our client id and the way
/// back to the sign-in page's confirmation. No `id_token_hint`: no token goes into an address
/// the app builds (it would stay in the browser's history and the provider's logs; issue 31).
async fn sign_out_url(sso: &Sso) -> Option<String> {
    let metadata = sso.metadata(false).await.ok()?;
    let endpoint = metadata
        .additional_metadata()
        .end_session_endpoint
        .clone()?;
    let back = PostLogoutRedirectUrl::new(format!(
        "{}{}",
        sso.config.public_url,
        app::auth::SIGNED_OUT_PAGE
    ))
    .ok()?;
    let url = LogoutRequest::from(endpoint)
        .set_client_id(ClientId::new(sso.config.client_id.clone()))
        .set_post_logout_redirect_uri(back)
        .http_get_url();
    Some(url.to_string())
}

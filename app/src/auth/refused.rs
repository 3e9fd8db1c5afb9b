//! The page for a refused or failed request. Whether someone is signed in decides what a
//! refusal says, so it lives with the session, not in `ui`.

use leptos::prelude::*;

use crate::core::error::AppError;
use crate::i18n::*;
use crate::ui::ErrorMessage;

/// 403: shown to anyone who may not see the page (the status is set on the server).
#[component]
pub fn Forbidden() -> impl IntoView {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::FORBIDDEN);
    }
    let i18n = use_i18n();
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    Suspend::new(async move {
        let signed_in = matches!(crate::auth::api::current_user().await, Ok(Some(_)));
        let explanation = if signed_in {
            view! { <p>{t!(i18n, forbidden_text)}</p> }.into_any()
        } else {
            // Not signed in, or the session expired: say so and offer the way back.
            let href = crate::core::web::with_next("/logg-inn", &here);
            view! {
                <p>{t!(i18n, forbidden_signed_out)}</p>
                <p>
                    <a href=href>{t!(i18n, sign_in_link)}</a>
                </p>
            }
            .into_any()
        };
        view! {
            <h1>{t!(i18n, forbidden_heading)}</h1>
            {explanation}
        }
    })
}

/// The page for an error: 403 for a refusal, the error message otherwise; a page whose
/// object does not exist (`/prosjekter/999`) answers 404 like any unknown address.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    if error == AppError::NotFound
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    match error {
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

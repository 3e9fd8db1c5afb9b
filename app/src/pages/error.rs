use leptos::prelude::*;

use crate::core::error::AppError;
use crate::i18n::*;

/// A translated, plain-language message for an error from a server function.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    // A page that could not be made (database down, internal error) says so in its status
    // too, for monitoring and caches; refusals keep theirs from the page that shows them.
    #[cfg(feature = "ssr")]
    if error.status_code() >= 500
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = axum::http::StatusCode::from_u16(error.status_code())
    {
        response.set_status(status);
    }
    let i18n = use_i18n();
    let text = move || {
        match &error {
            AppError::NotFound => t_string!(i18n, error_not_found),
            AppError::Forbidden => t_string!(i18n, error_forbidden),
            AppError::Conflict(_) => t_string!(i18n, error_conflict),
            AppError::Invalid(_) | AppError::ImportRejected(_) => t_string!(i18n, error_invalid),
            AppError::SignIn(_) => t_string!(i18n, error_sign_in),
            AppError::Unavailable => t_string!(i18n, error_unavailable),
            AppError::Internal => t_string!(i18n, error_internal),
            AppError::Transport(_) => t_string!(i18n, error_transport),
        }
        .to_string()
    };
    view! {
        <div class="alert alert--error" role="alert">
            <h2>{t!(i18n, error_heading)}</h2>
            <p>{text}</p>
        </div>
    }
}

/// 403: shown to anyone who may not see the page (the status is set on the server).
#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::FORBIDDEN);
    }
    let i18n = use_i18n();
    let user = crate::auth::pages::AuthActions::get().user;
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <h1>{t!(i18n, forbidden_heading)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, forbidden_text)}</p> }>
            {move || Suspend::new(async move {
                if matches!(user.await, Ok(Some(_))) {
                    view! { <p>{t!(i18n, forbidden_text)}</p> }.into_any()
                } else {
                    // Not signed in, or the session expired: say so and offer the way back.
                    let href = crate::core::web::with_next("/logg-inn", &here.get_untracked());
                    view! {
                        <p>{t!(i18n, forbidden_signed_out)}</p>
                        <p>
                            <a href=href>{t!(i18n, sign_in_link)}</a>
                        </p>
                    }
                        .into_any()
                }
            })}
        </Suspense>
    }
}

/// The page for an error: 403 for a refusal, the error message otherwise.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        error => view! { <ErrorMessage error /> }.into_any(),
    }
}

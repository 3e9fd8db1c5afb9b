use leptos::prelude::*;

use crate::core::error::AppError;
use crate::i18n::*;
use crate::ui::{Alert, Tone};

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
    let locale = crate::ui::current_locale();
    let text = move || {
        match &error {
            AppError::NotFound => td_string!(locale, error_not_found),
            AppError::Forbidden => td_string!(locale, error_forbidden),
            AppError::Conflict(_) => td_string!(locale, error_conflict),
            AppError::Invalid(_) | AppError::ImportRejected(_) => td_string!(locale, error_invalid),
            AppError::SignIn(_) => td_string!(locale, error_sign_in),
            AppError::Unavailable => td_string!(locale, error_unavailable),
            AppError::Internal => td_string!(locale, error_internal),
            AppError::Transport(_) => td_string!(locale, error_transport),
            AppError::Unreadable(_) => td_string!(locale, error_unreadable),
        }
        .to_string()
    };
    view! {
        <Alert tone=Tone::Danger>
            <h2 class="ds-heading" data-size="xs">{td!(locale, error_heading)}</h2>
            <p>{text}</p>
        </Alert>
    }
}

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::*;

/// A translated, plain-language message for an error from a server function.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        match &error {
            AppError::NotFound => t_string!(i18n, error_not_found),
            AppError::Forbidden => t_string!(i18n, error_forbidden),
            AppError::Conflict(_) => t_string!(i18n, error_conflict),
            AppError::Invalid(_) => t_string!(i18n, error_invalid),
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

//! The sign-in form, an island: a refusal is shown beside the form without a reload, and what
//! was typed stays. Without JavaScript the same form posts and the page shows the refusal.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::auth::api::SignIn;
use crate::core::error::{AppError, SignInRefusal};
use crate::i18n::*;
use crate::ui::provide_locale;

#[island]
pub fn SignInForm(locale: Locale, next: String) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let refusal = move || match action.value().get() {
        Some(Err(AppError::SignIn(refusal))) => Some(Ok(refusal)),
        Some(Err(other)) => Some(Err(other)),
        _ => None,
    };
    let has_error = move || refusal().is_some();
    view! {
        {move || {
            refusal()
                .map(|refusal| {
                    let text = match refusal {
                        Ok(SignInRefusal::WrongCredentials) => t!(i18n, sign_in_wrong).into_any(),
                        Ok(SignInRefusal::TooManyAttempts { retry_after_secs }) => {
                            let minutes = (retry_after_secs + 59) / 60;
                            t!(i18n, sign_in_too_many, minutes = minutes).into_any()
                        }
                        Err(_) => t!(i18n, error_internal).into_any(),
                    };
                    view! {
                        <div class="alert alert--error" role="alert" id="sign-in-error">
                            <p>{text}</p>
                        </div>
                    }
                })
        }}
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="next" value=next />
            <div class="field">
                <label for="email">{t!(i18n, email_label)}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=move || has_error().then_some("sign-in-error")
                />
            </div>
            <div class="field">
                <label for="password">{t!(i18n, password_label)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=move || has_error().then_some("true")
                    aria-describedby=move || has_error().then_some("sign-in-error")
                />
            </div>
            <button type="submit" class="button">
                {t!(i18n, sign_in_button)}
            </button>
        </ActionForm>
    }
}

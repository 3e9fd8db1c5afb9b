use leptos::prelude::*;

use crate::error::{FieldError, FieldErrors};
use crate::i18n::*;

/// The message under a form field that the server refused, tied to the input by its id
/// (`{field}-error`, for `aria-describedby`).
#[component]
pub fn FieldErrorText(errors: Signal<FieldErrors>, field: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        errors.with(|e| e.get(field).copied()).map(|error| {
            let text = match error {
                FieldError::Required => t_string!(i18n, field_required),
                FieldError::TooLong => t_string!(i18n, field_too_long),
                FieldError::Taken => t_string!(i18n, field_taken),
                FieldError::UnknownReference => t_string!(i18n, field_unknown_reference),
                FieldError::EndBeforeStart => t_string!(i18n, field_end_before_start),
                FieldError::InvalidEmail => t_string!(i18n, field_invalid_email),
                FieldError::PasswordTooShort => t_string!(i18n, field_password_too_short),
                FieldError::PasswordTooCommon => t_string!(i18n, field_password_too_common),
                FieldError::UnknownRole => t_string!(i18n, field_unknown_role),
                FieldError::ManagerNeedsScope => t_string!(i18n, field_manager_needs_scope),
                FieldError::ScopeNotAllowed => t_string!(i18n, field_scope_not_allowed),
                FieldError::OwnAccount => t_string!(i18n, field_own_account),
            };
            view! {
                <p class="field-error" id=format!("{field}-error")>
                    {text.to_string()}
                </p>
            }
        })
    }
}

/// `aria-invalid` for an input: "true" when the server refused it.
pub fn invalid_attr(
    errors: Signal<FieldErrors>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> {
    move || errors.with(|e| e.contains_key(field)).then_some("true")
}

/// `aria-describedby` for an input: its hint, and its error message when there is one.
pub fn described_by(
    errors: Signal<FieldErrors>,
    field: &'static str,
    hint: Option<String>,
) -> impl Fn() -> Option<String> {
    move || {
        let error = errors
            .with(|e| e.contains_key(field))
            .then(|| format!("{field}-error"));
        let parts: Vec<String> = hint.clone().into_iter().chain(error).collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }
}

/// A labelled text input with its optional hint and the server's message for it. The
/// children are the label.
#[component]
pub fn TextField(
    field: &'static str,
    errors: Signal<FieldErrors>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{field}-hint"));
    view! {
        <div class="field">
            <label for=field>{children()}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint.run()}</p> })}
            <input
                id=field
                name=field
                type=input_type
                required
                autocomplete=autocomplete
                aria-invalid=invalid_attr(errors, field)
                aria-describedby=described_by(errors, field, hint_id)
            />
            <FieldErrorText errors field />
        </div>
    }
}

use leptos::prelude::*;

use crate::core::error::{FieldError, FieldErrors};
use crate::i18n::*;

/// The message for a refused field, in `locale` (also used outside a page: API problems,
/// CSV row reports).
pub fn field_message(locale: Locale, error: FieldError) -> String {
    let text = match error {
        FieldError::Required => td_string!(locale, field_required),
        FieldError::TooLong => td_string!(locale, field_too_long),
        FieldError::Taken => td_string!(locale, field_taken),
        FieldError::UnknownReference => td_string!(locale, field_unknown_reference),
        FieldError::EndBeforeStart => td_string!(locale, field_end_before_start),
        FieldError::InvalidEmail => td_string!(locale, field_invalid_email),
        FieldError::PasswordTooShort => td_string!(locale, field_password_too_short),
        FieldError::PasswordTooCommon => td_string!(locale, field_password_too_common),
        FieldError::UnknownRole => td_string!(locale, field_unknown_role),
        FieldError::ManagerNeedsScope => td_string!(locale, field_manager_needs_scope),
        FieldError::ScopeNotAllowed => td_string!(locale, field_scope_not_allowed),
        FieldError::OwnAccount => td_string!(locale, field_own_account),
        FieldError::TooMany => td_string!(locale, field_too_many),
        FieldError::WrongPassword => td_string!(locale, field_wrong_password),
        FieldError::InvalidDate => td_string!(locale, field_invalid_date),
        FieldError::InvalidNumber => td_string!(locale, field_invalid_number),
        FieldError::InvalidChoice => td_string!(locale, field_invalid_choice),
        FieldError::InvalidCsv => td_string!(locale, field_invalid_csv),
        FieldError::DuplicateInFile => td_string!(locale, field_duplicate_in_file),
    };
    text.to_string()
}

/// The message under a form field that the server refused, tied to the input by its id
/// (`{field}-error`, for `aria-describedby`).
#[component]
pub fn FieldErrorText(
    errors: Signal<FieldErrors>,
    field: &'static str,
    /// The input's id when it differs from the field name (two forms on one page).
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = id.unwrap_or(field);
    move || {
        errors.with(|e| e.get(field).copied()).map(|error| {
            let text = field_message(i18n.get_locale(), error);
            view! {
                <p class="field-error" id=format!("{id}-error")>
                    {text}
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
    described_by_as(errors, field, field, hint)
}

/// [`described_by`] for an input whose id differs from its field name.
pub fn described_by_as(
    errors: Signal<FieldErrors>,
    field: &'static str,
    id: &'static str,
    hint: Option<String>,
) -> impl Fn() -> Option<String> {
    move || {
        let error = errors
            .with(|e| e.contains_key(field))
            .then(|| format!("{id}-error"));
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
    /// The value shown when the page loads (edit forms).
    #[prop(optional, into)]
    value: Option<String>,
    #[prop(default = true)] required: bool,
    /// The input's id when it differs from the field name (two forms on one page).
    #[prop(optional)]
    id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let id = id.unwrap_or(field);
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            {hint.map(|hint| view! { <p class="hint" id=hint_id.clone()>{hint.run()}</p> })}
            <input
                id=id
                name=field
                type=input_type
                required=required
                value=value
                autocomplete=autocomplete
                aria-invalid=invalid_attr(errors, field)
                aria-describedby=described_by_as(errors, field, id, hint_id)
            />
            <FieldErrorText errors field id />
        </div>
    }
}

/// One choice of a [`SelectField`]: value and label.
pub type SelectOption = (String, String);

/// A labelled select with the server's message for it. `empty` adds a first, empty choice
/// with that label. The children are the label.
#[component]
pub fn SelectField(
    field: &'static str,
    errors: Signal<FieldErrors>,
    options: Vec<SelectOption>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional, into)] empty: Option<String>,
    /// The select's id when it differs from the field name (two forms on one page).
    #[prop(optional)]
    id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let id = id.unwrap_or(field);
    view! {
        <div class="field">
            <label for=id>{children()}</label>
            <select
                id=id
                name=field
                aria-invalid=invalid_attr(errors, field)
                aria-describedby=described_by_as(errors, field, id, None)
            >
                {empty.map(|label| view! { <option value="">{label}</option> })}
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        let is_selected = selected.as_deref() == Some(value.as_str());
                        view! {
                            <option value=value selected=is_selected>
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText errors field id />
        </div>
    }
}

/// The refused fields of a server action's last answer (Invalid or Conflict), else none.
pub fn action_errors<I, O>(action: ServerAction<I>) -> Signal<FieldErrors>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::core::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || match action.value().get() {
        Some(Err(
            crate::core::error::AppError::Invalid(e) | crate::core::error::AppError::Conflict(e),
        )) => e,
        _ => FieldErrors::new(),
    })
}

/// Whether to show the notice a form's last accepted post left (see `core::notice`): from
/// the page load until the form is sent again.
pub fn notice_until_resent<I, O>(action: ServerAction<I>, shown: bool) -> Signal<bool>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = crate::core::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || shown && action.version().get() == 0)
}

/// The short message after a form was accepted, announced to screen readers. The children are
/// the message.
#[component]
pub fn SuccessNotice(show: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    view! {
        <Show when=move || show.get()>
            <p class="alert alert--success" role="status">
                {children()}
            </p>
        </Show>
    }
}

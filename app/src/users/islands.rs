//! The users feature's islands: forms that show a refused field beside it without a reload
//! and keep what was typed. Each takes the page's language and the data it shows as props (the
//! server renders them into the page); an accepted form sends the browser to the page again,
//! where the notice is shown (see `core::notice`).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::core::import::ImportReport;
use crate::i18n::*;
use crate::ui::{
    FieldErrorText, ImportFields, SelectField, SelectOption, SuccessNotice, TextField,
    action_errors, described_by, invalid_attr, notice_until_resent, provide_locale,
};
use crate::users::api::{
    AdminCreateUser, AdminSetPassword, AnonymiseUser, ChangePassword, CreateToken, GrantUserRole,
    ImportUsersCsv, UpdateProfile,
};

/// Service sites grouped by sector, for a select with `<optgroup>`s.
pub type GroupedOptions = Vec<(String, Vec<SelectOption>)>;

/// The new-user form on the admin page.
#[island]
pub fn CreateUserForm(
    locale: Locale,
    sites: GroupedOptions,
    sectors: Vec<SelectOption>,
    roles: Vec<SelectOption>,
    created: bool,
) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminCreateUser>::new();
    let errors = action_errors(action);
    let select = move |field: &'static str, label: String, empty: String, options: AnyView| {
        view! {
            <div class="field">
                <label for=field>{label}</label>
                <select
                    id=field
                    name=field
                    aria-invalid=invalid_attr(errors, field)
                    aria-describedby=described_by(errors, field, None)
                >
                    <option value="">{empty}</option>
                    {options}
                </select>
                <FieldErrorText errors field />
            </div>
        }
    };
    let site_groups = sites
        .into_iter()
        .map(|(sector, sites)| {
            view! {
                <optgroup label=sector>
                    {sites
                        .into_iter()
                        .map(|(value, label)| view! { <option value=value>{label}</option> })
                        .collect_view()}
                </optgroup>
            }
        })
        .collect_view()
        .into_any();
    let options = |options: Vec<SelectOption>| {
        options
            .into_iter()
            .map(|(value, label)| view! { <option value=value>{label}</option> })
            .collect_view()
            .into_any()
    };
    let employee = t_string!(i18n, role_employee).to_string();
    let none = t_string!(i18n, admin_none).to_string();
    view! {
        <SuccessNotice show=notice_until_resent(action, created)>
            {t!(i18n, admin_created)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <TextField field="name" errors>
                {t!(i18n, admin_name_label)}
            </TextField>
            <TextField field="email" errors input_type="email">
                {t!(i18n, email_label)}
            </TextField>
            <TextField
                field="password"
                errors
                input_type="password"
                autocomplete="new-password"
                hint=move || t!(i18n, admin_password_hint)
            >
                {t!(i18n, password_label)}
            </TextField>
            {select(
                "home_site_id",
                t_string!(i18n, admin_home_site_label).to_string(),
                none.clone(),
                site_groups,
            )}
            {select(
                "role",
                t_string!(i18n, admin_role_label).to_string(),
                employee,
                options(roles),
            )}
            {select(
                "sector_id",
                t_string!(i18n, admin_sector_label).to_string(),
                none,
                options(sectors),
            )}
            <button type="submit" class="button">
                {t!(i18n, admin_create_button)}
            </button>
        </ActionForm>
    }
}

/// The CSV import of users; the report of the last import, if any, comes from the server.
#[island]
pub fn ImportUsersForm(locale: Locale, report: Option<ImportReport>) -> impl IntoView {
    provide_locale(locale);
    let action = ServerAction::<ImportUsersCsv>::new();
    let result = Signal::derive(move || {
        action
            .value()
            .get()
            .or_else(|| report.filter(|_| action.version().get() == 0).map(Ok))
    });
    view! {
        <ActionForm action=action attr:class="form">
            <ImportFields result />
        </ActionForm>
    }
}

/// One's name, home site and language, on the profile page.
#[island]
pub fn ProfileForm(
    locale: Locale,
    name: String,
    home_site: String,
    language: String,
    sites: Vec<SelectOption>,
    saved: bool,
) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<UpdateProfile>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, saved)>
            {t!(i18n, profile_saved)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <TextField field="name" errors value=name autocomplete="name">
                {t!(i18n, admin_name_label)}
            </TextField>
            <SelectField
                field="home_site_id"
                errors
                options=sites
                selected=home_site
                empty=t_string!(i18n, admin_none).to_string()
            >
                {t!(i18n, admin_home_site_label)}
            </SelectField>
            <SelectField
                field="language"
                errors
                options=vec![
                    ("nb".to_owned(), "Norsk bokmål".to_owned()),
                    ("en".to_owned(), "English".to_owned()),
                ]
                selected=language
            >
                {t!(i18n, profile_language_label)}
            </SelectField>
            <button type="submit" class="button">{t!(i18n, profile_save)}</button>
        </ActionForm>
    }
}

/// Changing one's own password.
#[island]
pub fn PasswordForm(locale: Locale, changed: bool) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, changed)>
            {t!(i18n, profile_password_changed)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <TextField
                field="current_password"
                errors
                input_type="password"
                autocomplete="current-password"
            >
                {t!(i18n, profile_current_password)}
            </TextField>
            <TextField
                field="new_password"
                errors
                input_type="password"
                autocomplete="new-password"
                hint=move || t!(i18n, admin_password_hint)
            >
                {t!(i18n, profile_new_password)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, profile_password_button)}
            </button>
        </ActionForm>
    }
}

/// Creating an API token (the new secret is shown by the page the browser is sent to).
#[island]
pub fn TokenForm(locale: Locale) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<CreateToken>::new();
    let errors = action_errors(action);
    view! {
        <ActionForm action=action attr:class="form form--inline">
            <TextField
                field="name"
                id="token-name"
                errors
                hint=move || t!(i18n, tokens_name_hint)
            >
                {t!(i18n, tokens_name_label)}
            </TextField>
            <button type="submit" class="button">{t!(i18n, tokens_create)}</button>
        </ActionForm>
    }
}

/// Granting a role (a manager's with its sector or site) on the admin's user page.
#[island]
pub fn GrantRoleForm(
    locale: Locale,
    user_id: i32,
    roles: Vec<SelectOption>,
    scopes: Vec<SelectOption>,
) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<GrantUserRole>::new();
    let errors = action_errors(action);
    view! {
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="user_id" value=user_id.to_string() />
            <SelectField field="role" errors options=roles>
                {t!(i18n, admin_role_label)}
            </SelectField>
            <SelectField
                field="scope"
                errors
                options=scopes
                empty=t_string!(i18n, admin_none).to_string()
            >
                {t!(i18n, user_scope_label)}
            </SelectField>
            <button type="submit" class="button">
                {t!(i18n, user_grant_button)}
            </button>
        </ActionForm>
    }
}

/// An admin sets a user's password (an imported user has none until then).
#[island]
pub fn SetPasswordForm(locale: Locale, user_id: i32, done: bool) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminSetPassword>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, done)>
            {t!(i18n, user_password_done)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="user_id" value=user_id.to_string() />
            <TextField
                field="password"
                errors
                input_type="password"
                autocomplete="new-password"
                hint=move || t!(i18n, admin_password_hint)
            >
                {t!(i18n, profile_new_password)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, user_password_button)}
            </button>
        </ActionForm>
    }
}

/// Anonymising a departed employee: the confirmation must be ticked, since it cannot be
/// undone.
#[island]
pub fn AnonymiseForm(locale: Locale, user_id: i32) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AnonymiseUser>::new();
    let errors = action_errors(action);
    view! {
        <ActionForm action=action attr:class="form">
            <input type="hidden" name="user_id" value=user_id.to_string() />
            <div class="field field--check">
                <input
                    type="checkbox"
                    id="confirm"
                    name="confirm"
                    value="yes"
                    aria-describedby="confirm-error"
                />
                <label for="confirm">{t!(i18n, user_anonymise_confirm)}</label>
            </div>
            <FieldErrorText errors field="confirm" />
            <FieldErrorText errors field="user_id" />
            <button type="submit" class="button button--danger">
                {t!(i18n, user_anonymise_button)}
            </button>
        </ActionForm>
    }
}

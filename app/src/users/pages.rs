//! Admin: the list of users and the form for a new one.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::Role;
use crate::auth::pages::{AuthActions, role_label};
use crate::auth::refused::ErrorPage;
use crate::core::error::{AppError, FieldErrors};
use crate::i18n::*;
use crate::org::api::list_organisation;
use crate::ui::ImportFields;
use crate::ui::{
    FieldErrorText, PageTitle, SuccessNotice, TextField, action_succeeded, described_by,
    invalid_attr,
};
use crate::users::api::ImportUsersCsv;
use crate::users::api::{AdminCreateUser, SetUserActive, list_users};
use crate::users::domain::UserRecord;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<AdminCreateUser>::new();
    let toggle = ServerAction::<SetUserActive>::new();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let users = Resource::new(
        move || (search(), create.version().get(), toggle.version().get()),
        |(q, _, _)| list_users(q),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, admin_users_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => {
                        view! { <UserList users=list.items search=search() toggle /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
        <CreateUserForm action=create />
        <ImportUsers />
    }
}

/// CSV import and export of users, for administrators.
#[component]
fn ImportUsers() -> impl IntoView {
    let i18n = use_i18n();
    let user = AuthActions::get().user;
    let import = ServerAction::<ImportUsersCsv>::new();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                matches!(user.await, Ok(Some(u)) if u.is_admin)
                    .then(|| {
                        view! {
                            <section aria-labelledby="import-users">
                                <h2 id="import-users">{t!(i18n, users_import_heading)}</h2>
                                <p>{t!(i18n, users_import_text)}</p>
                                <ActionForm action=import attr:class="form">
                                    <ImportFields result=Signal::derive(move || import.value().get()) />
                                </ActionForm>
                                <p>
                                    <a href="/admin/eksport/brukere.csv" download>
                                        {t!(i18n, users_export)}
                                    </a>
                                </p>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}

#[component]
fn UserList(
    users: Vec<UserRecord>,
    search: String,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toggle_errors = Signal::derive(move || match toggle.value().get() {
        Some(Err(AppError::Invalid(e))) => e,
        _ => FieldErrors::new(),
    });
    view! {
        <h1>{t!(i18n, admin_users_heading)}</h1>
        <form method="get" class="search" role="search">
            <label for="q">{t!(i18n, admin_search_label)}</label>
            <input id="q" name="q" type="search" value=search />
            <button type="submit" class="button">{t!(i18n, admin_search_button)}</button>
        </form>
        <div role="alert">
            <FieldErrorText errors=toggle_errors field="user_id" />
        </div>
        {if users.is_empty() {
            view! { <p>{t!(i18n, admin_no_users)}</p> }.into_any()
        } else {
            view! {
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, admin_col_name)}</th>
                            <th scope="col">{t!(i18n, admin_col_email)}</th>
                            <th scope="col">{t!(i18n, admin_col_roles)}</th>
                            <th scope="col">{t!(i18n, admin_col_status)}</th>
                            <th scope="col">{t!(i18n, admin_col_action)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {users
                            .into_iter()
                            .map(|user| {
                                let roles = if user.roles.is_empty() {
                                    role_label(i18n, None)
                                } else {
                                    user.roles
                                        .iter()
                                        .map(|g| role_label(i18n, Some(g.role)))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                };
                                let action_label = if user.active {
                                    t_string!(i18n, admin_deactivate).to_string()
                                } else {
                                    t_string!(i18n, admin_activate).to_string()
                                };
                                let button_name = format!("{action_label} {}", user.name);
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=format!("/admin/brukere/{}", user.id)>
                                                {user.name}
                                            </a>
                                        </th>
                                        <td>{user.email}</td>
                                        <td>{roles}</td>
                                        <td>
                                            {if user.active {
                                                t!(i18n, admin_active).into_any()
                                            } else {
                                                t!(i18n, admin_inactive).into_any()
                                            }}
                                        </td>
                                        <td>
                                            <ActionForm action=toggle>
                                                <input
                                                    type="hidden"
                                                    name="user_id"
                                                    value=user.id.to_string()
                                                />
                                                <input
                                                    type="hidden"
                                                    name="active"
                                                    value=(!user.active).to_string()
                                                />
                                                <button
                                                    type="submit"
                                                    class="button button--small"
                                                    aria-label=button_name
                                                >
                                                    {action_label}
                                                </button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
    }
}

/// The new-user form, for administrators only. Refused fields get their message beside them;
/// what was typed stays in the form.
#[component]
fn CreateUserForm(action: ServerAction<AdminCreateUser>) -> impl IntoView {
    let i18n = use_i18n();
    let user = AuthActions::get().user;
    let org = Resource::new(|| (), |_| list_organisation());
    let errors = Signal::derive(move || match action.value().get() {
        Some(Err(AppError::Invalid(e) | AppError::Conflict(e))) => e,
        _ => FieldErrors::new(),
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let is_admin = matches!(user.await, Ok(Some(u)) if u.is_admin);
                let sectors = org.await.unwrap_or_default();
                is_admin
                    .then(|| {
                        let sector_options = sectors
                            .iter()
                            .map(|s| {
                                view! {
                                    <option value=s.sector.id.to_string()>
                                        {s.sector.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view();
                        let site_groups = sectors
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <optgroup label=s.sector.name>
                                        {s
                                            .sites
                                            .into_iter()
                                            .map(|site| {
                                                view! {
                                                    <option value=site.id.to_string()>{site.name}</option>
                                                }
                                            })
                                            .collect_view()}
                                    </optgroup>
                                }
                            })
                            .collect_view();
                        view! {
                            <section aria-labelledby="new-user">
                                <h2 id="new-user">{t!(i18n, admin_create_heading)}</h2>
                                <SuccessNotice show=action_succeeded(action)>{t!(i18n, admin_created)}</SuccessNotice>
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
                                    <div class="field">
                                        <label for="home_site_id">
                                            {t!(i18n, admin_home_site_label)}
                                        </label>
                                        <select
                                            id="home_site_id"
                                            name="home_site_id"
                                            aria-invalid=invalid_attr(errors, "home_site_id")
                                            aria-describedby=described_by(errors, "home_site_id", None)
                                        >
                                            <option value="">{t!(i18n, admin_none)}</option>
                                            {site_groups}
                                        </select>
                                        <FieldErrorText errors field="home_site_id" />
                                    </div>
                                    <div class="field">
                                        <label for="role">{t!(i18n, admin_role_label)}</label>
                                        <select
                                            id="role"
                                            name="role"
                                            aria-invalid=invalid_attr(errors, "role")
                                            aria-describedby=described_by(errors, "role", None)
                                        >
                                            <option value="">{role_label(i18n, None)}</option>
                                            {Role::ALL
                                                .into_iter()
                                                .map(|r| {
                                                    view! {
                                                        <option value=r.as_str()>{role_label(i18n, Some(r))}</option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <FieldErrorText errors field="role" />
                                    </div>
                                    <div class="field">
                                        <label for="sector_id">{t!(i18n, admin_sector_label)}</label>
                                        <select
                                            id="sector_id"
                                            name="sector_id"
                                            aria-invalid=invalid_attr(errors, "sector_id")
                                            aria-describedby=described_by(errors, "sector_id", None)
                                        >
                                            <option value="">{t!(i18n, admin_none)}</option>
                                            {sector_options}
                                        </select>
                                        <FieldErrorText errors field="sector_id" />
                                    </div>
                                    <button type="submit" class="button">
                                        {t!(i18n, admin_create_button)}
                                    </button>
                                </ActionForm>
                            </section>
                        }
                    })
            })}
        </Suspense>
    }
}

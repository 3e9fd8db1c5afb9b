//! Admin: one user (`/admin/brukere/{id}`): their roles (grant with scope, revoke) and
//! anonymisation of a departed employee.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::pages::role_label;
use crate::auth::refused::ErrorPage;
use crate::auth::{Role, Scope};
use crate::i18n::*;
use crate::org::api::list_organisation;
use crate::ui::{
    FieldErrorText, PageTitle, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    action_succeeded,
};
use crate::users::api::{AdminSetPassword, AnonymiseUser, GrantUserRole, RevokeUserRole, get_user};
use crate::users::domain::UserRecord;

fn scope_value(scope: Scope) -> String {
    match scope {
        Scope::Everywhere => String::new(),
        Scope::Sector(id) => format!("sector:{id}"),
        Scope::Site(id) => format!("site:{id}"),
    }
}

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let user_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let grant = ServerAction::<GrantUserRole>::new();
    let revoke = ServerAction::<RevokeUserRole>::new();
    let anonymise = ServerAction::<AnonymiseUser>::new();
    // The page (with its forms) re-renders only when the person changes or is anonymised; the
    // role list below refreshes on its own, so a refused grant keeps the chosen role.
    let user = Resource::new(
        move || (user_id(), anonymise.version().get()),
        |(id, _)| get_user(id),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, user_title).to_string() />
        <p>
            <a href="/admin/brukere">{t!(i18n, user_back)}</a>
        </p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(user) => view! { <UserDetail user grant revoke anonymise /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UserDetail(
    user: UserRecord,
    grant: ServerAction<GrantUserRole>,
    revoke: ServerAction<RevokeUserRole>,
    anonymise: ServerAction<AnonymiseUser>,
) -> impl IntoView {
    let i18n = use_i18n();
    let org = Resource::new(|| (), |_| list_organisation());
    let grant_errors = action_errors(grant);
    let revoke_errors = action_errors(revoke);
    let anonymise_errors = action_errors(anonymise);
    let user_id = user.id.to_string();
    let id = user.id;
    let current = Resource::new(
        move || (grant.version().get(), revoke.version().get()),
        move |_| get_user(id),
    );
    view! {
        <h1>{user.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, admin_col_email)}</dt>
            <dd>{user.email.clone()}</dd>
            <dt>{t!(i18n, admin_col_status)}</dt>
            <dd>
                {if user.anonymised {
                    t_string!(i18n, user_anonymised).to_string()
                } else if user.active {
                    t_string!(i18n, admin_active).to_string()
                } else {
                    t_string!(i18n, admin_inactive).to_string()
                }}
            </dd>
        </dl>
        <section aria-labelledby="roles">
            <h2 id="roles">{t!(i18n, admin_col_roles)}</h2>
            <div role="alert">
                <FieldErrorText errors=revoke_errors field="role" id="revoke-role" />
            </div>
            {
                let uid = user_id.clone();
                view! {
                    <Transition>
                        {move || {
                            let uid = uid.clone();
                            Suspend::new(async move {
                                let roles = current.await.map(|u| u.roles).unwrap_or_default();
                                if roles.is_empty() {
                                    return view! { <p>{role_label(i18n, None)}</p> }.into_any();
                                }
                                let org = org.await.unwrap_or_default();
                                let scope_name = |scope: Scope| match scope {
                                    Scope::Everywhere => None,
                                    Scope::Sector(id) => org
                                        .iter()
                                        .find(|s| s.sector.id == id)
                                        .map(|s| s.sector.name.clone()),
                                    Scope::Site(id) => org
                                        .iter()
                                        .flat_map(|s| s.sites.iter())
                                        .find(|site| site.id == id)
                                        .map(|site| site.name.clone()),
                                };
                                view! {
                                    <ul class="role-list">
                                        {roles
                                            .into_iter()
                                            .map(|g| {
                                                let mut label = role_label(i18n, Some(g.role));
                                                if let Some(name) = scope_name(g.scope) {
                                                    label = format!("{label} ({name})");
                                                }
                                                let button = format!(
                                                    "{} {label}",
                                                    t_string!(i18n, user_revoke_role),
                                                );
                                                let uid = uid.clone();
                                                view! {
                                                    <li>
                                                        <span>{label.clone()}</span>
                                                        <ActionForm action=revoke attr:class="inline-form">
                                                            <input type="hidden" name="user_id" value=uid />
                                                            <input type="hidden" name="role" value=g.role.as_str() />
                                                            <input type="hidden" name="scope" value=scope_value(g.scope) />
                                                            <button
                                                                type="submit"
                                                                class="button button--small"
                                                                aria-label=button
                                                            >
                                                                {t!(i18n, user_revoke_role)}
                                                            </button>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            })
                        }}
                    </Transition>
                }
            }
            {(!user.anonymised)
                .then(|| {
                    let uid = user_id.clone();
                    view! {
                        <h3>{t!(i18n, user_grant_heading)}</h3>
                        <Suspense>
                            {move || {
                                let uid = uid.clone();
                                Suspend::new(async move {
                                    let org = org.await.unwrap_or_default();
                                    let mut scopes: Vec<SelectOption> = Vec::new();
                                    for group in org {
                                        scopes.push((
                                            format!("sector:{}", group.sector.id),
                                            group.sector.name.clone(),
                                        ));
                                        for site in group.sites {
                                            scopes.push((
                                                format!("site:{}", site.id),
                                                format!("{} – {}", group.sector.name, site.name),
                                            ));
                                        }
                                    }
                                    let roles: Vec<SelectOption> = Role::ALL
                                        .into_iter()
                                        .map(|r| (r.as_str().to_owned(), role_label(i18n, Some(r))))
                                        .collect();
                                    view! {
                                        <ActionForm action=grant attr:class="form">
                                            <input type="hidden" name="user_id" value=uid />
                                            <SelectField field="role" errors=grant_errors options=roles>
                                                {t!(i18n, admin_role_label)}
                                            </SelectField>
                                            <SelectField
                                                field="scope"
                                                errors=grant_errors
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
                                })
                            }}
                        </Suspense>
                    }
                })}
        </section>
        {(!user.anonymised)
            .then(|| {
                let user_id = user_id.clone();
                let set_password = ServerAction::<AdminSetPassword>::new();
                let errors = action_errors(set_password);
                view! {
                    <section aria-labelledby="set-password">
                        <h2 id="set-password">{t!(i18n, user_password_heading)}</h2>
                        <p>{t!(i18n, user_password_text)}</p>
                        <SuccessNotice show=action_succeeded(set_password)>{t!(i18n, user_password_done)}</SuccessNotice>
                        <ActionForm action=set_password attr:class="form">
                            <input type="hidden" name="user_id" value=user_id.clone() />
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
                    </section>
                }
            })}
        {(!user.anonymised)
            .then(|| {
                view! {
                    <section aria-labelledby="anonymise">
                        <h2 id="anonymise">{t!(i18n, user_anonymise_heading)}</h2>
                        <p>{t!(i18n, user_anonymise_text)}</p>
                        <ActionForm action=anonymise attr:class="form">
                            <input type="hidden" name="user_id" value=user_id.clone() />
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
                            <FieldErrorText errors=anonymise_errors field="confirm" />
                            <FieldErrorText errors=anonymise_errors field="user_id" />
                            <button type="submit" class="button button--danger">
                                {t!(i18n, user_anonymise_button)}
                            </button>
                        </ActionForm>
                    </section>
                }
            })}
    }
}

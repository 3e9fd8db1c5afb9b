//! Admin: one user (`/admin/brukere/{id}`): their roles (grant with scope, revoke) and
//! anonymisation of a departed employee. Rendered on the server; the forms with fields are
//! islands (`users::islands`), revoking a role is a plain form.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::pages::role_label;
use crate::auth::refused::ErrorPage;
use crate::auth::{Role, Scope};
use crate::core::notice::Flash;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::ui::{Choice, EnhancedForm, Field, FieldErrorText, FormSpec, PageTitle, action_errors};
use crate::users::api::{AdminSetPassword, AnonymiseUser, GrantUserRole, RevokeUserRole, load_user};
use crate::users::domain::UserRecord;

fn scope_value(scope: Scope) -> String {
    match scope {
        Scope::Everywhere => String::new(),
        Scope::Sector(id) => format!("sector:{id}"),
        Scope::Site(id) => format!("site:{id}"),
    }
}

fn scope_name(org: &[SectorWithSites], scope: Scope) -> Option<String> {
    match scope {
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
    }
}

/// Every sector and site as a manager's scope.
fn scope_choices(org: &[SectorWithSites]) -> Vec<(String, String)> {
    let mut scopes = Vec::new();
    for group in org {
        scopes.push((
            format!("sector:{}", group.sector.id),
            group.sector.name.clone(),
        ));
        for site in &group.sites {
            scopes.push((
                format!("site:{}", site.id),
                format!("{} – {}", group.sector.name, site.name),
            ));
        }
    }
    scopes
}

#[component]
pub fn AdminUserPage() -> impl IntoView {
    let i18n = use_i18n();
    let user_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    let revoke = ServerAction::<RevokeUserRole>::new();
    view! {
        <PageTitle text=move || t_string!(i18n, user_title).to_string() />
        <p>
            <a href="/admin/brukere">{t!(i18n, user_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_user(user_id).await {
                Ok((user, org)) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <UserDetail user org flash revoke /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn UserDetail(
    user: UserRecord,
    org: Vec<SectorWithSites>,
    flash: Option<Flash>,
    revoke: ServerAction<RevokeUserRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let revoke_errors = action_errors(revoke);
    let user_id = user.id;
    let status = if user.anonymised {
        t_string!(i18n, user_anonymised).to_string()
    } else if user.active {
        t_string!(i18n, admin_active).to_string()
    } else {
        t_string!(i18n, admin_inactive).to_string()
    };
    let roles = if user.roles.is_empty() {
        view! { <p>{role_label(i18n, None)}</p> }.into_any()
    } else {
        view! {
            <ul class="role-list">
                {user
                    .roles
                    .into_iter()
                    .map(|g| {
                        let mut label = role_label(i18n, Some(g.role));
                        if let Some(name) = scope_name(&org, g.scope) {
                            label = format!("{label} ({name})");
                        }
                        let button = format!("{} {label}", t_string!(i18n, user_revoke_role));
                        view! {
                            <li>
                                <span>{label}</span>
                                <ActionForm action=revoke attr:class="inline-form">
                                    <input type="hidden" name="user_id" value=user_id.to_string() />
                                    <input type="hidden" name="role" value=g.role.as_str() />
                                    <input type="hidden" name="scope" value=scope_value(g.scope) />
                                    <button
                                        type="submit"
                                        class="ds-button" data-variant="secondary" data-size="sm"
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
    };
    let active = !user.anonymised;
    let role_choices = Choice::options(
        Role::ALL
            .into_iter()
            .map(|r| (r.as_str().to_owned(), role_label(i18n, Some(r)))),
    );
    let grant = FormSpec::new::<GrantUserRole>("grant", t_string!(i18n, user_grant_button))
        .hidden("user_id", user_id)
        .field(Field::select(
            "role",
            t_string!(i18n, admin_role_label),
            role_choices,
        ))
        .field(
            Field::select(
                "scope",
                t_string!(i18n, user_scope_label),
                Choice::options(scope_choices(&org)),
            )
            .empty(t_string!(i18n, admin_none)),
        );
    let set_password =
        FormSpec::new::<AdminSetPassword>("set-password", t_string!(i18n, user_password_button))
            .notice(
                Flash::for_form(&flash, "set-password").is_some(),
                t_string!(i18n, user_password_done),
            )
            .hidden("user_id", user_id)
            .field(
                Field::password(
                    "password",
                    t_string!(i18n, profile_new_password),
                    "new-password",
                )
                .hint(t_string!(i18n, admin_password_hint)),
            );
    let anonymise =
        FormSpec::new::<AnonymiseUser>("anonymise", t_string!(i18n, user_anonymise_button))
            .danger()
            .hidden("user_id", user_id)
            .field(Field::check(
                "confirm",
                t_string!(i18n, user_anonymise_confirm),
                "yes",
            ));
    view! {
        <h1>{user.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, admin_col_email)}</dt>
            <dd>{user.email.clone()}</dd>
            <dt>{t!(i18n, admin_col_status)}</dt>
            <dd>{status}</dd>
        </dl>
        <section aria-labelledby="roles">
            <h2 id="roles">{t!(i18n, admin_col_roles)}</h2>
            <div role="alert">
                <FieldErrorText errors=revoke_errors field="role" id="revoke-role" />
            </div>
            {roles}
            {active
                .then(|| {
                    view! {
                        <h3>{t!(i18n, user_grant_heading)}</h3>
                        <EnhancedForm locale spec=grant.clone() />
                    }
                })}
        </section>
        {active
            .then(|| {
                view! {
                    <section aria-labelledby="set-password">
                        <h2 id="set-password">{t!(i18n, user_password_heading)}</h2>
                        <p>{t!(i18n, user_password_text)}</p>
                        <EnhancedForm locale spec=set_password.clone() />
                    </section>
                    <section aria-labelledby="anonymise">
                        <h2 id="anonymise">{t!(i18n, user_anonymise_heading)}</h2>
                        <p>{t!(i18n, user_anonymise_text)}</p>
                        <EnhancedForm locale spec=anonymise.clone() />
                    </section>
                }
            })}
    }
}

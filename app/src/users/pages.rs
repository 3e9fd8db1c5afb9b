//! Admin: the list of users, the form for a new one, and the CSV import. Rendered on the
//! server; the forms are islands (`users::islands`).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::Role;
use crate::auth::pages::role_label;
use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::ui::{
    Choice, DataTable, EnhancedForm, Field, FieldErrorText, FormSpec, PageTitle, action_errors,
};
use crate::users::api::{AdminCreateUser, ImportUsersCsv, SetUserActive, load_users};
use crate::users::domain::UserRecord;

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let search = use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default();
    // Created while rendering, so a refusal of a plain form post (in the URL) is shown.
    let toggle = ServerAction::<SetUserActive>::new();
    view! {
        <PageTitle text=move || t_string!(i18n, admin_users_title).to_string() />
        {Suspend::new(async move {
            let (users, org) = match load_users(search.clone()).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let created = Flash::for_form(&flash, "new-user").is_some();

            let roles = Choice::options(
                Role::ALL
                    .into_iter()
                    .map(|r| (r.as_str().to_owned(), role_label(i18n, Some(r)))),
            );
            let (sites, sectors) = site_choices(org);
            let new_user = FormSpec::new::<AdminCreateUser>(
                    "new-user",
                    t_string!(i18n, admin_create_button),
                )
                .notice(created, t_string!(i18n, admin_created))
                .field(Field::text("name", t_string!(i18n, admin_name_label)))
                .field(Field::text("email", t_string!(i18n, email_label)).input_type("email"))
                .field(
                    Field::password("password", t_string!(i18n, password_label), "new-password")
                        .hint(t_string!(i18n, admin_password_hint)),
                )
                .field(
                    Field::select("home_site_id", t_string!(i18n, admin_home_site_label), sites)
                        .empty(t_string!(i18n, admin_none)),
                )
                .field(
                    Field::select("role", t_string!(i18n, admin_role_label), roles)
                        .empty(role_label(i18n, None)),
                )
                .field(
                    Field::select("sector_id", t_string!(i18n, admin_sector_label), sectors)
                        .empty(t_string!(i18n, admin_none)),
                );
            let import = FormSpec::csv_import::<ImportUsersCsv>(
                locale,
                Flash::imported_for(&flash, "import-users"),
            );
            view! {
                <UserList users=users.items search toggle />
                <section aria-labelledby="new-user">
                    <h2 id="new-user">{t!(i18n, admin_create_heading)}</h2>
                    <EnhancedForm locale spec=new_user />
                </section>
                <section aria-labelledby="import-users">
                    <h2 id="import-users">{t!(i18n, users_import_heading)}</h2>
                    <p>{t!(i18n, users_import_text)}</p>
                    <EnhancedForm locale spec=import />
                    <p>
                        <a href="/admin/eksport/brukere.csv" download>
                            {t!(i18n, users_export)}
                        </a>
                    </p>
                </section>
            }
            .into_any()
        })}
    }
}

/// Sites grouped by sector, and the sectors, as select choices.
fn site_choices(org: Vec<SectorWithSites>) -> (Vec<Choice>, Vec<Choice>) {
    let sectors = Choice::options(
        org.iter()
            .map(|s| (s.sector.id.to_string(), s.sector.name.clone())),
    );
    let today = crate::core::timefmt::oslo_date(crate::core::state::now());
    (crate::org::choices::site_choices(&org, today, &[], None), sectors)
}

#[component]
fn UserList(
    users: Vec<UserRecord>,
    search: String,
    toggle: ServerAction<SetUserActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toggle_errors = action_errors(toggle);
    // A search says what it found, in a live region (issue 10: it was never confirmed).
    let found = (!search.trim().is_empty()).then(|| {
        let (count, query) = (users.len(), search.trim().to_owned());
        view! { <p role="status">{t!(i18n, admin_search_result, count = count, query = query)}</p> }
    });
    view! {
        <h1>{t!(i18n, admin_users_heading)}</h1>
        <form method="get" class="search" role="search">
            <div class="ds-field">
                <label class="ds-label" for="q">{t!(i18n, admin_search_label)}</label>
                <input class="ds-input" id="q" name="q" type="search" value=search />
            </div>
            <button type="submit" class="ds-button" data-variant="primary">{t!(i18n, admin_search_button)}</button>
        </form>
        {found}
        <div role="alert">
            <FieldErrorText errors=toggle_errors field="user_id" />
        </div>
        {if users.is_empty() {
            view! { <p>{t!(i18n, admin_no_users)}</p> }.into_any()
        } else {
            view! {
                <DataTable label=t_string!(i18n, admin_users_heading).to_string()>
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
                                            // A plain form: the server answers with this page
                                            // again, with the new status.
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
                                                    class="ds-button" data-variant="secondary" data-size="sm"
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
                </DataTable>
            }
                .into_any()
        }}
    }
}

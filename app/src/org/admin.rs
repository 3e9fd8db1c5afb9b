//! Admin: sectors and service sites (`/admin/organisasjon`): create, edit, close on a date,
//! CSV import and export.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::{Flash, Notice};
use crate::i18n::*;
use crate::org::api::{check_org_admin, get_site, list_organisation};
use crate::org::domain::SectorWithSites;
use crate::org::islands::{
    CreateSectorForm, CreateSiteForm, ImportSitesForm, RenameSectorForm, UpdateSiteForm,
};
use crate::ui::{PageTitle, SelectOption};

fn sector_options(org: &[SectorWithSites]) -> Vec<SelectOption> {
    org.iter()
        .map(|s| (s.sector.id.to_string(), s.sector.name.clone()))
        .collect()
}

#[component]
pub fn AdminOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <PageTitle text=move || t_string!(i18n, org_admin_title).to_string() />
        {Suspend::new(async move {
            // Anyone may read the organisation; only admins may see this page. The check is
            // the service layer's permission, asked once.
            if let Err(error) = check_org_admin().await {
                return view! { <ErrorPage error /> }.into_any();
            }
            let org = match list_organisation().await {
                Ok(org) => org,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let done = |form: &str| Flash::for_form(&flash, form).is_some();
            let report = match Flash::for_form(&flash, "import-sites") {
                Some(Notice::Imported(report)) => Some(report),
                _ => None,
            };
            let sectors = sector_options(&org);
            view! {
                <h1>{t!(i18n, org_admin_heading)}</h1>
                <section aria-labelledby="new-sector">
                    <h2 id="new-sector">{t!(i18n, org_admin_new_sector)}</h2>
                    <CreateSectorForm locale created=done("new-sector") />
                </section>
                <section aria-labelledby="rename-sector">
                    <h2 id="rename-sector">{t!(i18n, org_admin_rename_sector)}</h2>
                    <RenameSectorForm
                        locale
                        sectors=sectors.clone()
                        renamed=done("rename-sector")
                    />
                </section>
                <section aria-labelledby="new-site">
                    <h2 id="new-site">{t!(i18n, org_admin_new_site)}</h2>
                    <CreateSiteForm locale sectors created=done("new-site") />
                </section>
                <section aria-labelledby="import-sites">
                    <h2 id="import-sites">{t!(i18n, org_admin_import_heading)}</h2>
                    <p>{t!(i18n, org_admin_import_text)}</p>
                    <ImportSitesForm locale report />
                    <p>
                        <a href="/admin/eksport/tjenestesteder.csv" download>
                            {t!(i18n, org_admin_export)}
                        </a>
                    </p>
                </section>
                <section aria-labelledby="all-sites">
                    <h2 id="all-sites">{t!(i18n, org_admin_sites_heading)}</h2>
                    <SiteTable org />
                </section>
            }
                .into_any()
        })}
    }
}

#[component]
fn SiteTable(org: Vec<SectorWithSites>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, org_admin_sites_heading)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, org_col_name)}</th>
                        <th scope="col">{t!(i18n, org_sector_label)}</th>
                        <th scope="col">{t!(i18n, org_col_active_from)}</th>
                        <th scope="col">{t!(i18n, org_col_closed_on)}</th>
                    </tr>
                </thead>
                <tbody>
                    {org
                        .into_iter()
                        .flat_map(|group| {
                            let sector = group.sector.name.clone();
                            group.sites.into_iter().map(move |site| (sector.clone(), site))
                        })
                        .map(|(sector, site)| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=format!(
                                            "/admin/organisasjon/steder/{}",
                                            site.id,
                                        )>{site.name}</a>
                                    </th>
                                    <td>{sector}</td>
                                    <td>{site.active_from.to_string()}</td>
                                    <td>{site.closed_on.map(|d| d.to_string()).unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn AdminSitePage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let site_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, org_admin_edit_title).to_string() />
        <p>
            <a href="/admin/organisasjon">{t!(i18n, org_admin_back)}</a>
        </p>
        {Suspend::new(async move {
            if let Err(error) = check_org_admin().await {
                return view! { <ErrorPage error /> }.into_any();
            }
            match (get_site(site_id).await, list_organisation().await) {
                (Ok(site), Ok(org)) => {
                    view! {
                        <h1>{site.name.clone()}</h1>
                        <UpdateSiteForm locale site sectors=sector_options(&org) />
                    }
                        .into_any()
                }
                (Err(error), _) | (_, Err(error)) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

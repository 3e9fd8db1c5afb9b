//! Admin: sectors and service sites (`/admin/organisasjon`): create, edit, close on a date,
//! CSV import and export.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::error::FieldErrors;
use crate::i18n::*;
use crate::org::api::ImportSitesCsv;
use crate::org::api::list_organisation;
use crate::org::api::{
    AdminCreateSector, AdminCreateSite, AdminRenameSector, AdminUpdateSite, check_org_admin,
    get_site,
};
use crate::org::domain::ServiceSite;
use crate::ui::ImportFields;
use crate::ui::{
    PageTitle, SelectField, SelectOption, SuccessNotice, TextField, action_errors, action_succeeded,
};

fn sector_options(org: &[crate::org::domain::SectorWithSites]) -> Vec<SelectOption> {
    org.iter()
        .map(|s| (s.sector.id.to_string(), s.sector.name.clone()))
        .collect()
}

#[component]
pub fn AdminOrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    // Anyone may read the organisation; only admins may see this page. The check is the
    // service layer's permission, asked once.
    let allowed = Resource::new(|| (), |_| check_org_admin());
    view! {
        <PageTitle text=move || t_string!(i18n, org_admin_title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match allowed.await {
                    Ok(()) => view! { <OrganisationAdmin /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The forms stay mounted while the list below refreshes, so a refused form keeps its input.
#[component]
fn OrganisationAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let new_sector = ServerAction::<AdminCreateSector>::new();
    let new_site = ServerAction::<AdminCreateSite>::new();
    let rename = ServerAction::<AdminRenameSector>::new();
    let import = ServerAction::<ImportSitesCsv>::new();
    let sector_errors = action_errors(new_sector);
    let rename_errors = action_errors(rename);
    let site_errors = action_errors(new_site);
    // The sector choices change only when a sector is added or renamed.
    let sectors = Resource::new(
        move || (new_sector.version().get(), rename.version().get()),
        |_| list_organisation(),
    );
    let org = Resource::new(
        move || {
            (
                new_sector.version().get(),
                rename.version().get(),
                new_site.version().get(),
                import.version().get(),
            )
        },
        |_| list_organisation(),
    );
    view! {
        <h1>{t!(i18n, org_admin_heading)}</h1>
        <section aria-labelledby="new-sector">
            <h2 id="new-sector">{t!(i18n, org_admin_new_sector)}</h2>
            <SuccessNotice show=action_succeeded(new_sector)>{t!(i18n, org_admin_created)}</SuccessNotice>
            <ActionForm action=new_sector attr:class="form">
                <TextField field="name" id="sector-name" errors=sector_errors>
                    {t!(i18n, admin_name_label)}
                </TextField>
                <button type="submit" class="button">
                    {t!(i18n, org_admin_create_sector)}
                </button>
            </ActionForm>
        </section>
        <section aria-labelledby="rename-sector">
            <h2 id="rename-sector">{t!(i18n, org_admin_rename_sector)}</h2>
            <SuccessNotice show=action_succeeded(rename)>{t!(i18n, org_admin_renamed)}</SuccessNotice>
            <Suspense>
                {move || Suspend::new(async move {
                    let options = sector_options(&sectors.await.unwrap_or_default());
                    view! {
                        <ActionForm action=rename attr:class="form">
                            <SelectField
                                field="sector_id"
                                id="rename-sector-id"
                                errors=rename_errors
                                options
                                empty=t_string!(i18n, admin_none).to_string()
                            >
                                {t!(i18n, org_sector_label)}
                            </SelectField>
                            <TextField field="name" id="rename-sector-name" errors=rename_errors>
                                {t!(i18n, org_admin_new_name)}
                            </TextField>
                            <button type="submit" class="button">
                                {t!(i18n, org_admin_rename_button)}
                            </button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
        <section aria-labelledby="new-site">
            <h2 id="new-site">{t!(i18n, org_admin_new_site)}</h2>
            <SuccessNotice show=action_succeeded(new_site)>{t!(i18n, org_admin_created)}</SuccessNotice>
            <Suspense>
                {move || Suspend::new(async move {
                    let options = sector_options(&sectors.await.unwrap_or_default());
                    view! {
                        <ActionForm action=new_site attr:class="form">
                            <SiteFields errors=site_errors options site=None />
                            <button type="submit" class="button">
                                {t!(i18n, org_admin_create_site)}
                            </button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
        <section aria-labelledby="import-sites">
            <h2 id="import-sites">{t!(i18n, org_admin_import_heading)}</h2>
            <p>{t!(i18n, org_admin_import_text)}</p>
            <ActionForm action=import attr:class="form">
                <ImportFields result=Signal::derive(move || import.value().get()) />
            </ActionForm>
            <p>
                <a href="/admin/eksport/tjenestesteder.csv" download>
                    {t!(i18n, org_admin_export)}
                </a>
            </p>
        </section>
        <section aria-labelledby="all-sites">
            <h2 id="all-sites">{t!(i18n, org_admin_sites_heading)}</h2>
            <Transition fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match org.await {
                        Ok(org) => view! { <SiteTable org /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SiteTable(org: Vec<crate::org::domain::SectorWithSites>) -> impl IntoView {
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

/// The fields of a site form (new or edited); `site` fills them for editing.
#[component]
fn SiteFields(
    errors: Signal<FieldErrors>,
    options: Vec<SelectOption>,
    site: Option<ServiceSite>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = site.as_ref().map(|s| s.id.to_string());
    let name = site.as_ref().map(|s| s.name.clone());
    let sector = site.as_ref().map(|s| s.sector_id.to_string());
    let from = site.as_ref().map(|s| s.active_from.to_string());
    let closed = site
        .as_ref()
        .and_then(|s| s.closed_on.map(|d| d.to_string()));
    view! {
        {id.map(|id| view! { <input type="hidden" name="site_id" value=id /> })}
        <TextField field="name" errors value=name.unwrap_or_default()>
            {t!(i18n, admin_name_label)}
        </TextField>
        <SelectField
            field="sector_id"
            errors
            options
            selected=sector.unwrap_or_default()
            empty=t_string!(i18n, admin_none).to_string()
        >
            {t!(i18n, org_sector_label)}
        </SelectField>
        <TextField
            field="active_from"
            errors
            value=from.unwrap_or_default()
            hint=move || t!(i18n, date_hint)
        >
            {t!(i18n, org_col_active_from)}
        </TextField>
        <TextField
            field="closed_on"
            errors
            required=false
            value=closed.unwrap_or_default()
            hint=move || t!(i18n, org_admin_closed_hint)
        >
            {t!(i18n, org_closed_on_label)}
        </TextField>
    }
}

#[component]
pub fn AdminSitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let site_id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let save = ServerAction::<AdminUpdateSite>::new();
    let site = Resource::new(site_id, get_site);
    let org = Resource::new(|| (), |_| list_organisation());
    let allowed = Resource::new(|| (), |_| check_org_admin());
    view! {
        <PageTitle text=move || t_string!(i18n, org_admin_edit_title).to_string() />
        <p>
            <a href="/admin/organisasjon">{t!(i18n, org_admin_back)}</a>
        </p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                if let Err(error) = allowed.await {
                    return view! { <ErrorPage error /> }.into_any();
                }
                match (site.await, org.await) {
                    (Ok(site), Ok(org)) => {
                        let errors = action_errors(save);
                        view! {
                            <h1>{site.name.clone()}</h1>
                            <ActionForm action=save attr:class="form">
                                <SiteFields errors options=sector_options(&org) site=Some(site) />
                                <button type="submit" class="button">
                                    {t!(i18n, profile_save)}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

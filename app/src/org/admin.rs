//! Admin: sectors and service sites (`/admin/organisasjon`): create, edit, close on a date,
//! CSV import and export.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::i18n::*;
use crate::org::api::{
    AdminCreateSector, AdminCreateSite, AdminRenameSector, AdminUpdateSite, ImportSitesCsv,
    load_admin_page, load_site_edit,
};
use crate::org::domain::{SectorWithSites, ServiceSite};
use crate::ui::{Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle};

fn sector_options(org: &[SectorWithSites]) -> Vec<Choice> {
    Choice::options(
        org.iter()
            .map(|s| (s.sector.id.to_string(), s.sector.name.clone())),
    )
}

/// The fields of a site form (new or edited); `site` fills them for editing.
fn site_fields(
    i18n: leptos_i18n::I18nContext<Locale>,
    spec: FormSpec,
    sectors: Vec<Choice>,
    site: Option<&ServiceSite>,
) -> FormSpec {
    let spec = match site {
        Some(site) => spec.hidden("site_id", site.id),
        None => spec,
    };
    spec.field(
        Field::text("name", t_string!(i18n, admin_name_label))
            .value(site.map(|s| s.name.clone()).unwrap_or_default()),
    )
    .field(
        Field::select("sector_id", t_string!(i18n, org_sector_label), sectors)
            .empty(t_string!(i18n, admin_none))
            .value(site.map(|s| s.sector_id.to_string()).unwrap_or_default()),
    )
    .field(
        Field::text("active_from", t_string!(i18n, org_col_active_from))
            .hint(t_string!(i18n, date_hint))
            .value(site.map(|s| s.active_from.to_string()).unwrap_or_default()),
    )
    .field(
        Field::text("closed_on", t_string!(i18n, org_closed_on_label))
            .optional()
            .hint(t_string!(i18n, org_admin_closed_hint))
            .value(
                site.and_then(|s| s.closed_on.map(|d| d.to_string()))
                    .unwrap_or_default(),
            ),
    )
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
            let org = match load_admin_page().await {
                Ok(org) => org,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let done = |form: &str| Flash::for_form(&flash, form).is_some();

            let sectors = sector_options(&org);
            let new_sector =
                FormSpec::new::<AdminCreateSector>("new-sector", t_string!(i18n, org_admin_create_sector))
                    .notice(done("new-sector"), t_string!(i18n, org_admin_created))
                    .field(Field::text("name", t_string!(i18n, admin_name_label)).id("sector-name"));
            let rename =
                FormSpec::new::<AdminRenameSector>("rename-sector", t_string!(i18n, org_admin_rename_button))
                    .notice(done("rename-sector"), t_string!(i18n, org_admin_renamed))
                    .field(
                        Field::select("sector_id", t_string!(i18n, org_sector_label), sectors.clone())
                            .id("rename-sector-id")
                            .empty(t_string!(i18n, admin_none)),
                    )
                    .field(
                        Field::text("name", t_string!(i18n, org_admin_new_name))
                            .id("rename-sector-name"),
                    );
            let new_site = site_fields(
                i18n,
                FormSpec::new::<AdminCreateSite>("new-site", t_string!(i18n, org_admin_create_site))
                    .notice(done("new-site"), t_string!(i18n, org_admin_created)),
                sectors,
                None,
            );
            let import = FormSpec::csv_import::<ImportSitesCsv>(
                locale,
                Flash::imported_for(&flash, "import-sites"),
            );
            view! {
                <h1>{t!(i18n, org_admin_heading)}</h1>
                <section aria-labelledby="new-sector">
                    <h2 id="new-sector">{t!(i18n, org_admin_new_sector)}</h2>
                    <EnhancedForm locale spec=new_sector />
                </section>
                <section aria-labelledby="rename-sector">
                    <h2 id="rename-sector">{t!(i18n, org_admin_rename_sector)}</h2>
                    <EnhancedForm locale spec=rename />
                </section>
                <section aria-labelledby="new-site">
                    <h2 id="new-site">{t!(i18n, org_admin_new_site)}</h2>
                    <EnhancedForm locale spec=new_site />
                </section>
                <section aria-labelledby="import-sites">
                    <h2 id="import-sites">{t!(i18n, org_admin_import_heading)}</h2>
                    <p>{t!(i18n, org_admin_import_text)}</p>
                    <EnhancedForm locale spec=import />
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
        <DataTable label=t_string!(i18n, org_admin_sites_heading).to_string()>
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
            </DataTable>
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
            match load_site_edit(site_id).await {
                Ok((site, org)) => {
                    let spec = site_fields(
                        i18n,
                        FormSpec::new::<AdminUpdateSite>("site", t_string!(i18n, profile_save)),
                        sector_options(&org),
                        Some(&site),
                    );
                    view! {
                        <h1>{site.name.clone()}</h1>
                        <EnhancedForm locale spec />
                    }
                        .into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

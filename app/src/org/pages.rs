use leptos::prelude::*;
use time::Date;

use crate::i18n::*;
use crate::org::api::list_organisation;
use crate::org::domain::SectorWithSites;
use crate::ui::{DataTable, ErrorMessage, PageTitle};

/// Read-only overview of every sector and its service sites.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, org_title).to_string() />
        <h1>{t!(i18n, org_heading)}</h1>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match list_organisation().await {
                    Ok(sectors) => view! { <Organisation sectors /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Organisation(sectors: Vec<SectorWithSites>) -> impl IntoView {
    let i18n = use_i18n();
    let site_count = sectors.iter().map(|s| s.sites.len()).sum::<usize>();
    let sector_count = sectors.len();
    if site_count == 0 {
        return view! { <p>{t!(i18n, org_empty)}</p> }.into_any();
    }
    view! {
        <p class="lead">{t!(i18n, org_lead, sites = site_count, sectors = sector_count)}</p>
        {sectors
            .into_iter()
            .map(|group| {
                let heading_id = format!("sector-{}", group.sector.id);
                let labelled_by = heading_id.clone();
                let sector_name = group.sector.name.clone();
                view! {
                    <section aria-labelledby=labelled_by>
                        <h2 id=heading_id>{group.sector.name}</h2>
                        <DataTable label=sector_name.clone()>
                            <caption class="visually-hidden">
                                {t!(i18n, org_sites_caption, sector = sector_name.clone())}
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, org_col_name)}</th>
                                    <th scope="col">{t!(i18n, org_col_active_from)}</th>
                                    <th scope="col">{t!(i18n, org_col_closed_on)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {group
                                    .sites
                                    .into_iter()
                                    .map(|site| {
                                        view! {
                                            <tr>
                                                <th scope="row">{site.name}</th>
                                                <td>{format_date(site.active_from)}</td>
                                                <td>
                                                    {match site.closed_on {
                                                        Some(d) => format_date(d).into_any(),
                                                        None => t!(i18n, org_not_closed).into_any(),
                                                    }}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </DataTable>
                    </section>
                }
            })
            .collect_view()}
    }
    .into_any()
}

/// Norwegian date style (dd.mm.åååå), used in both languages for one consistent reading.
fn format_date(date: Date) -> String {
    format!(
        "{:02}.{:02}.{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

//! The gallery every employee browses (`/pris/nominasjoner`): every submitted nomination,
//! filtered by year, category, sector and site.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::prize::api::load_gallery;
use crate::prize::domain::view::{CategoryView, GalleryFilter, NominationRow};
use crate::ui::{Card, PageTitle, Tag};

fn query_id(name: &str) -> Option<i32> {
    use_query_map()
        .read_untracked()
        .get(name)
        .and_then(|v| v.trim().parse().ok())
}

#[component]
pub fn GalleryPage() -> impl IntoView {
    let i18n = use_i18n();
    let filter = GalleryFilter {
        year_id: query_id("year_id"),
        category_id: query_id("category_id"),
        sector_id: query_id("sector_id"),
        site_id: query_id("site_id"),
        finalists_only: use_query_map().read_untracked().get("finalists").is_some(),
    };
    view! {
        <PageTitle text=move || t_string!(i18n, prize_gallery_title).to_string() />
        <p>
            <a href="/pris">{t!(i18n, prize_back)}</a>
        </p>
        <h1>{t!(i18n, prize_gallery_heading)}</h1>
        <p class="lead">{t!(i18n, prize_gallery_lead)}</p>
        {Suspend::new(async move {
            let page = match load_gallery(filter.clone()).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let (years, org, nominations, categories) =
                (page.years, page.organisation, page.nominations, page.categories);
            let years = years.into_iter().map(|y| (y.id, y.year.to_string())).collect();
            view! {
                <GalleryFilterForm filter years categories org />
                <Gallery nominations />
            }
                .into_any()
        })}
    }
}

fn select(
    name: &'static str,
    label: String,
    all: String,
    chosen: Option<i32>,
    options: Vec<(String, Vec<(i32, String)>)>,
) -> impl IntoView {
    let option = move |(id, text): (i32, String)| {
        view! { <option value=id.to_string() selected=chosen == Some(id)>{text}</option> }
    };
    view! {
        <div class="ds-field">
            <label class="ds-label" for=format!("filter-{name}")>{label}</label>
            <select class="ds-input" id=format!("filter-{name}") name=name>
                <option value="">{all}</option>
                {options
                    .into_iter()
                    .map(|(group, items)| {
                        if group.is_empty() {
                            items.into_iter().map(option).collect_view().into_any()
                        } else {
                            view! {
                                <optgroup label=group>
                                    {items.into_iter().map(option).collect_view()}
                                </optgroup>
                            }
                                .into_any()
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn GalleryFilterForm(
    filter: GalleryFilter,
    years: Vec<(i32, String)>,
    categories: Vec<CategoryView>,
    org: Vec<SectorWithSites>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all = || t_string!(i18n, prize_filter_all).to_string();
    let sectors = vec![(
        String::new(),
        org.iter()
            .map(|s| (s.sector.id, s.sector.name.clone()))
            .collect(),
    )];
    let sites = org
        .into_iter()
        .map(|s| {
            (
                s.sector.name,
                s.sites
                    .into_iter()
                    .map(|site| (site.id, site.name))
                    .collect(),
            )
        })
        .collect();
    let categories = vec![(
        String::new(),
        categories.into_iter().map(|c| (c.id, c.name)).collect(),
    )];
    view! {
        <form method="get" action="/pris/nominasjoner" class="filters" role="search">
            {select("year_id", t_string!(i18n, prize_col_year).to_string(), all(), filter.year_id, vec![(String::new(), years)])}
            {select("category_id", t_string!(i18n, prize_col_category).to_string(), all(), filter.category_id, categories)}
            {select("sector_id", t_string!(i18n, prize_col_sector).to_string(), all(), filter.sector_id, sectors)}
            {select("site_id", t_string!(i18n, prize_col_site).to_string(), all(), filter.site_id, sites)}
            <div class="ds-field">
                <input
                    class="ds-input"
                    type="checkbox"
                    id="filter-finalists"
                    name="finalists"
                    value="1"
                    checked=filter.finalists_only
                />
                <label class="ds-label" for="filter-finalists">{t!(i18n, prize_filter_finalists)}</label>
            </div>
            <button class="ds-button" data-variant="secondary" type="submit">
                {t!(i18n, prize_filter_button)}
            </button>
        </form>
    }
}

#[component]
fn Gallery(nominations: Vec<NominationRow>) -> impl IntoView {
    let i18n = use_i18n();
    if nominations.is_empty() {
        return view! { <p>{t!(i18n, prize_gallery_none)}</p> }.into_any();
    }
    let count = format!(
        "{} {}",
        nominations.len(),
        t_string!(i18n, prize_gallery_count)
    );
    view! {
        <p role="status">{count}</p>
        <ul class="card-list">
            {nominations
                .into_iter()
                .map(|n| {
                    let meta = format!(
                        "{} {} · {} · {} · {}",
                        t_string!(i18n, prize_year_prefix),
                        n.year,
                        n.category.name,
                        n.site.name,
                        n.sector.name,
                    );
                    view! {
                        <li>
                            <Card title=n.title.clone() href=format!("/pris/nominasjoner/{}", n.id)>
                                <p>{n.nominee.clone()}</p>
                                <p class="meta">{meta}</p>
                                {n.finalist
                                    .then(|| view! { <Tag text=t_string!(i18n, prize_finalist).to_string() /> })}
                            </Card>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

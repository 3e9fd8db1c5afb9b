use leptos::prelude::*;

use crate::core::timefmt::{date_nb, oslo_date, oslo_datetime};
use crate::i18n::*;
use crate::org::api::get_organisation_summary;
use crate::ui::{ErrorMessage, PageTitle};

/// What the front page shows, read one part after the other in one loader (STYLE: a page
/// asks once; several loaders at once held more of the pool's connections per view, and 40
/// views at once on PostgreSQL waited out the pool's timeout).
struct Front {
    summary: Result<crate::org::domain::OrganisationSummary, crate::core::error::AppError>,
    calls: Vec<crate::fund::domain::view::CallRow>,
    posts: Vec<crate::posts::read::PostRow>,
    year: Option<crate::prize::domain::view::YearRow>,
}

async fn load_front() -> Front {
    let summary = get_organisation_summary().await;
    let calls = crate::fund::api::load_open_calls()
        .await
        .unwrap_or_default();
    let posts = crate::posts::read::load_latest_posts(5)
        .await
        .unwrap_or_default();
    let year = crate::prize::api::load_years()
        .await
        .ok()
        .and_then(|page| page.years.into_iter().next());
    Front {
        summary,
        calls,
        posts,
        year,
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, home_title).to_string() />
        <h1>{t!(i18n, home_heading)}</h1>
        <p class="lead">{t!(i18n, home_lead)}</p>
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                let front = load_front().await;
                let summary = match front.summary {
                    Ok(s) => {
                        view! {
                            <p>
                                {t!(i18n, home_org_summary, sites = s.sites, sectors = s.sectors)}
                            </p>
                            <p>
                                <a href="/organisasjon">{t!(i18n, home_org_link)}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                };
                let calls = (!front.calls.is_empty())
                    .then(|| {
                        view! {
                            <section aria-labelledby="home-calls">
                                <h2 id="home-calls">{t!(i18n, home_calls_heading)}</h2>
                                <ul>
                                    {front
                                        .calls
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li>
                                                    <a href=format!("/fond/utlysninger/{}", c.id)>{c.title}</a>
                                                    {format!(
                                                        " – {} {}",
                                                        t_string!(i18n, fund_field_closes),
                                                        oslo_datetime(c.closes_at),
                                                    )}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    });
                let any_posts = !front.posts.is_empty();
                // The prize's newest year and its dates (DESIGN §8: the front page shows them).
                let prize = front.year.map(|y| {
                    view! {
                        <section aria-labelledby="home-prize">
                            <h2 id="home-prize">{format!("{} {}", t_string!(i18n, home_prize_heading), y.year)}</h2>
                            <p>
                                {format!(
                                    "{} {} – {}. {} {}.",
                                    t_string!(i18n, home_prize_nominations),
                                    date_nb(oslo_date(y.nominations_open)),
                                    date_nb(oslo_date(y.nominations_close)),
                                    t_string!(i18n, home_prize_award),
                                    date_nb(y.award_on),
                                )}
                            </p>
                            <p><a href=format!("/pris/aar/{}", y.id)>{t!(i18n, home_prize_link)}</a></p>
                        </section>
                    }
                });
                view! {
                    <section aria-labelledby="home-org">
                        <h2 id="home-org">{t!(i18n, home_org_heading)}</h2>
                        {summary}
                    </section>
                    {calls}
                    <crate::posts::read::PostList
                        posts=front.posts
                        heading=t_string!(i18n, home_posts_heading).to_string()
                        id="home-posts"
                    />
                    {any_posts.then(|| view! { <p><a href="/tanketanken">{t!(i18n, home_posts_all)}</a></p> })}
                    {prize}
                }
            })}
        </Suspense>
        <section aria-labelledby="home-areas">
            <h2 id="home-areas">{t!(i18n, home_areas_heading)}</h2>
            <ul class="area-list">
                <li>{t!(i18n, home_area_portfolio)}</li>
                <li>{t!(i18n, home_area_lup)}</li>
                <li>{t!(i18n, home_area_fund)}</li>
                <li>{t!(i18n, home_area_prize)}</li>
                <li>{t!(i18n, home_area_posts)}</li>
            </ul>
        </section>
    }
}

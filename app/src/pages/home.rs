use leptos::prelude::*;

use crate::i18n::*;
use crate::org::api::get_organisation_summary;
use crate::ui::{ErrorMessage, PageTitle};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, home_title).to_string() />
        <h1>{t!(i18n, home_heading)}</h1>
        <p class="lead">{t!(i18n, home_lead)}</p>
        <section aria-labelledby="home-org">
            <h2 id="home-org">{t!(i18n, home_org_heading)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || Suspend::new(async move {
                    match get_organisation_summary().await {
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
                    }
                })}
            </Suspense>
        </section>
        {Suspend::new(async move {
            let calls = crate::fund::api::load_open_calls().await.unwrap_or_default();
            (!calls.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="home-calls">
                            <h2 id="home-calls">{t!(i18n, home_calls_heading)}</h2>
                            <ul>
                                {calls
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <li>
                                                <a href=format!("/fond/utlysninger/{}", c.id)>{c.title}</a>
                                                {format!(
                                                    " – {} {}",
                                                    t_string!(i18n, fund_field_closes),
                                                    crate::core::timefmt::oslo_datetime(c.closes_at),
                                                )}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
        })}
        {Suspend::new(async move {
            let posts = crate::posts::read::load_latest_posts(5).await.unwrap_or_default();
            let any = !posts.is_empty();
            view! {
                <crate::posts::read::PostList
                    posts
                    heading=t_string!(i18n, home_posts_heading).to_string()
                    id="home-posts"
                />
                {any.then(|| view! { <p><a href="/tanketanken">{t!(i18n, home_posts_all)}</a></p> })}
            }
        })}
        {Suspend::new(async move {
            // The prize's newest year and its dates (DESIGN §8: the front page shows them).
            use crate::core::timefmt::{date_nb, oslo_date};
            let years = crate::prize::api::load_years().await.map(|p| p.years).unwrap_or_default();
            years.into_iter().next().map(|y| {
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
            })
        })}
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

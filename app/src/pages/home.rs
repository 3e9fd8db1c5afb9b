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
    /// The signed-in person's tasks across the strands (none for a visitor).
    tasks: Vec<crate::feature::tasks::Task>,
}

/// The acting user's tasks in every strand (`registry::my_tasks`).
async fn load_tasks() -> Result<Vec<crate::feature::tasks::Task>, crate::core::error::AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    crate::registry::my_tasks(&state.db, &actor, crate::core::state::now()).await
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
    let tasks = load_tasks().await.unwrap_or_default();
    Front {
        summary,
        calls,
        posts,
        year,
        tasks,
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
                let tasks = (!front.tasks.is_empty()).then(|| view! { <MyTasks tasks=front.tasks /> });
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
                            {(y.phase == crate::prize::domain::year::Phase::Published).then(|| view! {
                                <p>
                                    <a href=format!("/pris/aar/{}/resultater", y.id)>
                                        {format!("{} {}", t_string!(i18n, home_prize_results), y.year)}
                                    </a>
                                </p>
                            })}
                        </section>
                    }
                });
                view! {
                    {tasks}
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

/// "Mine oppgaver": the person's tasks, grouped by kind, each a link to where it is done.
#[component]
fn MyTasks(tasks: Vec<crate::feature::tasks::Task>) -> impl IntoView {
    use crate::feature::tasks::TaskKind;
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let label = move |kind: TaskKind| match kind {
        TaskKind::CastBallot => td_string!(locale, task_cast_ballot),
        TaskKind::ReviewApplication => td_string!(locale, task_review_application),
        TaskKind::AssessIdea => td_string!(locale, task_assess_idea),
        TaskKind::DeliverReport => td_string!(locale, task_deliver_report),
        TaskKind::MeasureBenefit => td_string!(locale, task_measure_benefit),
        TaskKind::FinishDraft => td_string!(locale, task_finish_draft),
        TaskKind::OwnProject => td_string!(locale, task_own_project),
    };
    view! {
        <section aria-labelledby="home-tasks" class="tasks">
            <h2 id="home-tasks">{t!(i18n, home_tasks_heading)}</h2>
            // The tasks come by kind (`feature::tasks::in_order`): one list per kind. A chunk
            // is never empty.
            {tasks
                .chunk_by(|a, b| a.kind == b.kind)
                .map(|group| {
                    view! {
                        <h3>{label(group[0].kind)}</h3>
                        <ul>
                            {group
                                .iter()
                                .map(|task| {
                                    let due = task.due.map(|d| format!(" – {} {}", td_string!(locale, task_due), date_nb(d)));
                                    view! { <li><a href=task.href.clone()>{task.title.clone()}</a>{due}</li> }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
        </section>
    }
}

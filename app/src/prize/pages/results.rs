//! The results (`/pris/aar/{id}/resultater`): per category the ranked finalists with their
//! score, the mean per criterion (never per juror), how many jurors counted and the tie-break
//! applied, the people's choice apart, and how the tally works. Sealed until published; the
//! committee previews it after the jury's deadline. And the ceremony
//! (`/pris/aar/{id}/seremoni`) that reveals it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::refused::ErrorPage;
use crate::i18n::*;
use crate::prize::api::load_results;
use crate::prize::ceremony::{Ceremony, CeremonyLabels, Slide, clamp_step};
use crate::core::timefmt::{date_nb, oslo_datetime};
use crate::prize::domain::view::{CategoryResult, ResultsPage, YearResults, YearRow};
use crate::prize::domain::year::Phase;
use crate::prize::pages::labels::{nominee_text, score_text, tie_break_label};
use crate::prize::pages::years::route_id;
use crate::ui::{Alert, DataTable, PageTitle, Tag, Tone};

#[component]
pub fn ResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let year_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_results_title).to_string() />
        {Suspend::new(async move {
            match load_results(year_id).await {
                Ok(ResultsPage::Open(results)) => view! { <Results results /> }.into_any(),
                Ok(ResultsPage::Sealed { year, manages }) => view! { <Sealed year manages /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

/// Why an employee does not see a year's results yet (a 403 with its real reason): the jury
/// is still scoring, or the results are sealed until the committee publishes them.
#[component]
fn Sealed(year: YearRow, manages: bool) -> impl IntoView {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::FORBIDDEN);
    }
    let i18n = use_i18n();
    let deadline = oslo_datetime(year.jury_deadline);
    let award = date_nb(year.award_on);
    let reason = match (year.phase, manages) {
        (Phase::Sealed, _) => t_string!(i18n, prize_sealed_until_published).replace("{award}", &award),
        (_, true) => t_string!(i18n, prize_sealed_preview_opens).replace("{deadline}", &deadline),
        _ => t_string!(i18n, prize_sealed_jury_open)
            .replace("{deadline}", &deadline)
            .replace("{award}", &award),
    };
    view! {
        <p>
            <a href=format!("/pris/aar/{}", year.id)>
                {format!("{} {} {}", t_string!(i18n, prize_back_to_year), t_string!(i18n, prize_year_prefix), year.year)}
            </a>
        </p>
        <h1>{format!("{} {}", t_string!(i18n, prize_results_heading), year.year)}</h1>
        <Alert tone=Tone::Info>
            <p>{reason}</p>
        </Alert>
    }
}

#[component]
fn Results(results: YearResults) -> impl IntoView {
    let i18n = use_i18n();
    let id = results.year.id;
    let preview = results.preview.then(|| {
        view! {
            <Alert tone=Tone::Warning>
                <p>{t!(i18n, prize_preview)}</p>
            </Alert>
        }
    });
    view! {
        <p>
            <a href=format!("/pris/aar/{id}")>
                {format!("{} {} {}", t_string!(i18n, prize_back_to_year), t_string!(i18n, prize_year_prefix), results.year.year)}
            </a>
        </p>
        <h1>{format!("{} {}", t_string!(i18n, prize_results_heading), results.year.year)}</h1>
        {preview}
        <p>
            <a href=format!("/pris/aar/{id}/seremoni")>{t!(i18n, prize_ceremony_link)}</a>
        </p>
        {results
            .categories
            .into_iter()
            .map(|c| view! { <CategoryResults result=c /> })
            .collect_view()}
        <section aria-labelledby="method-heading">
            <h2 id="method-heading">{t!(i18n, prize_method_heading)}</h2>
            <ol>
                <li>{t!(i18n, prize_method_1)}</li>
                <li>{t!(i18n, prize_method_2)}</li>
                <li>{t!(i18n, prize_method_3)}</li>
                <li>{t!(i18n, prize_method_4)}</li>
            </ol>
        </section>
    }
}

#[component]
fn CategoryResults(result: CategoryResult) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let heading_id = format!("result-{}", result.category.id);
    if result.finalists.is_empty() {
        let labelled = heading_id.clone();
        return view! {
            <section aria-labelledby=labelled>
                <h2 id=heading_id>{result.category.name}</h2>
                <p>{t!(i18n, prize_no_finalists)}</p>
            </section>
        }
        .into_any();
    }
    let criteria_heads = result
        .criteria
        .iter()
        .map(|c| view! { <th scope="col" class="numeric">{c.name.clone()}</th> })
        .collect_view();
    let rows = result
        .finalists
        .iter()
        .map(|f| {
            let winner = (f.place == 1 && f.score.is_some())
                .then(|| view! { " " <Tag text=t_string!(i18n, prize_winner).to_string() /> });
            let means = f
                .criterion_means
                .iter()
                .map(|m| view! { <td class="numeric">{score_text(*m)}</td> })
                .collect_view();
            view! {
                <tr>
                    <td class="numeric">{f.place}</td>
                    <th scope="row">
                        <a href=format!("/pris/nominasjoner/{}", f.nomination_id)>{f.title.clone()}</a>
                        {winner}
                        <br />
                        <span class="meta">{format!("{} · {}", nominee_text(locale, &f.nominee, f.shown_publicly), f.site.name)}</span>
                    </th>
                    <td class="numeric">{score_text(f.score)}</td>
                    {means}
                    <td class="numeric">{f.jurors_counted}</td>
                    <td class="numeric">{f.first_places}</td>
                    <td>{tie_break_label(locale, f.tie_break)}</td>
                </tr>
            }
        })
        .collect_view();
    let mut people: Vec<(String, u32)> = result
        .finalists
        .iter()
        .filter_map(|f| f.people_votes.map(|v| (f.title.clone(), v)))
        .collect();
    people.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let people_caption = format!(
        "{}: {}",
        t_string!(i18n, prize_people_heading),
        result.category.name
    );
    let people = (!people.is_empty()).then(|| {
        view! {
            <h3>{t!(i18n, prize_people_heading)}</h3>
            <DataTable label=t_string!(i18n, prize_people_heading).to_string()>
                <caption class="visually-hidden">{people_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, prize_col_finalist)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_votes)}</th>
                    </tr>
                </thead>
                <tbody>
                    {people
                        .into_iter()
                        .map(|(title, votes)| view! { <tr><th scope="row">{title}</th><td class="numeric">{votes}</td></tr> })
                        .collect_view()}
                </tbody>
            </DataTable>
        }
    });
    let labelled = heading_id.clone();
    view! {
        <section aria-labelledby=labelled>
            <h2 id=heading_id>{result.category.name.clone()}</h2>
            <DataTable label=result.category.name.clone()>
                <caption class="visually-hidden">{result.category.name.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_place)}</th>
                        <th scope="col">{t!(i18n, prize_col_finalist)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_score)}</th>
                        {criteria_heads}
                        <th scope="col" class="numeric">{t!(i18n, prize_col_jurors_counted)}</th>
                        <th scope="col" class="numeric">{t!(i18n, prize_col_first_places)}</th>
                        <th scope="col">{t!(i18n, prize_col_tie_break)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
            {people}
        </section>
    }
    .into_any()
}

/// The ceremony's slides: per category an opening, its finalists in the order they were
/// nominated (the rank stays secret), then the winner or winners.
fn slides(locale: Locale, results: &YearResults) -> Vec<Slide> {
    let mut slides = vec![Slide {
        kicker: td_string!(locale, prize_heading).to_string(),
        title: results.year.year.to_string(),
        detail: td_string!(locale, prize_ceremony_welcome).to_string(),
        winner: false,
    }];
    for c in &results.categories {
        let mut finalists = c.finalists.clone();
        finalists.sort_by_key(|f| f.nomination_id);
        slides.push(Slide {
            kicker: td_string!(locale, prize_col_category).to_string(),
            title: c.category.name.clone(),
            detail: {
                let n = finalists.len();
                let word = leptos_i18n::td_plural! {
                    locale,
                    count = move || n,
                    one => td_string!(locale, prize_finalist_word),
                    _ => td_string!(locale, prize_finalists_word)
                };
                format!("{n} {word}")
            },
            winner: false,
        });
        for f in &finalists {
            slides.push(Slide {
                kicker: format!(
                    "{} – {}",
                    td_string!(locale, prize_finalist),
                    c.category.name
                ),
                title: f.title.clone(),
                detail: format!("{} · {}", nominee_text(locale, &f.nominee, f.shown_publicly), f.site.name),
                winner: false,
            });
        }
        let winners: Vec<_> = c
            .finalists
            .iter()
            .filter(|f| f.place == 1 && f.score.is_some())
            .collect();
        if !winners.is_empty() {
            slides.push(Slide {
                kicker: format!("{} – {}", td_string!(locale, prize_winner), c.category.name),
                title: winners
                    .iter()
                    .map(|w| w.title.clone())
                    .collect::<Vec<_>>()
                    .join(" / "),
                detail: winners
                    .iter()
                    .map(|w| {
                        format!(
                            "{} · {} {}",
                            nominee_text(locale, &w.nominee, w.shown_publicly),
                            score_text(w.score),
                            td_string!(locale, prize_points)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" / "),
                winner: true,
            });
        }
    }
    slides.push(Slide {
        kicker: td_string!(locale, prize_heading).to_string(),
        title: td_string!(locale, prize_ceremony_thanks).to_string(),
        detail: td_string!(locale, prize_ceremony_thanks_detail).to_string(),
        winner: false,
    });
    slides
}

#[component]
pub fn CeremonyPage() -> impl IntoView {
    let i18n = use_i18n();
    let year_id = route_id();
    let start: i64 = use_query_map()
        .read_untracked()
        .get("steg")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, prize_ceremony_title).to_string() />
        {Suspend::new(async move {
            let results = match load_results(year_id).await {
                Ok(ResultsPage::Open(results)) => results,
                Ok(ResultsPage::Sealed { year, manages }) => {
                    return view! { <Sealed year manages /> }.into_any();
                }
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let locale = i18n.get_locale_untracked();
            let slides = slides(locale, &results);
            let start = clamp_step(start, slides.len());
            let labels = CeremonyLabels {
                region: td_string!(locale, prize_ceremony_title).to_string(),
                next: td_string!(locale, prize_ceremony_next).to_string(),
                previous: td_string!(locale, prize_ceremony_previous).to_string(),
                step: td_string!(locale, prize_ceremony_step).to_string(),
                of: td_string!(locale, prize_ceremony_of).to_string(),
                keys: td_string!(locale, prize_ceremony_keys).to_string(),
                fullscreen: td_string!(locale, prize_ceremony_fullscreen).to_string(),
                exit: td_string!(locale, prize_ceremony_exit).to_string(),
                exit_href: format!("/pris/aar/{year_id}/resultater"),
            };
            view! {
                <h1 class="visually-hidden">{format!("{} {}", t_string!(i18n, prize_ceremony_title), results.year.year)}</h1>
                <Ceremony slides start labels />
            }
                .into_any()
        })}
    }
}

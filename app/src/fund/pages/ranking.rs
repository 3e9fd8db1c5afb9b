//! The council's page for a call (`/fond/utlysninger/{id}/innstilling`): the applications
//! ranked by weighted score with the number of reviews and their spread, the running total
//! against the round's budget, a recommended amount per application, and the decision.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::oslo_datetime;
use crate::fund::api::{DecideFundCall, RecommendFundApplication, load_ranking};
use crate::fund::domain::call::CallState;
use crate::fund::domain::view::Ranking;
use crate::fund::pages::labels::{hundredths, money};
use crate::i18n::*;
use crate::ui::{Alert, DataTable, EnhancedForm, Field, FormSpec, PageTitle, Tone, route_id};

#[component]
pub fn RankingPage() -> impl IntoView {
    let i18n = use_i18n();
    let call_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_ranking_title).to_string() />
        <p class="no-print">
            <a href=format!("/fond/utlysninger/{call_id}")>{t!(i18n, fund_back_to_call)}</a>
        </p>
        {Suspend::new(async move {
            match load_ranking(call_id).await {
                Ok(ranking) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <RankingView ranking flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn RankingView(ranking: Ranking, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let call = ranking.call.clone();
    let call_id = call.id;
    let open_for_council = call.state == CallState::Closed;
    let decided = ranking.decided_at.map(|at| {
        view! {
            <Alert tone=Tone::Info>
                <p>{format!("{} {}", t_string!(i18n, fund_decided_at), oslo_datetime(at))}</p>
            </Alert>
        }
    });
    let still_open = matches!(call.state, CallState::Open | CallState::Upcoming).then(|| {
        view! {
            <Alert tone=Tone::Info>
                <p>{t!(i18n, fund_ranking_open)}</p>
            </Alert>
        }
    });
    let lines = ranking
        .lines
        .iter()
        .map(|l| {
            let app = &l.application;
            let form = open_for_council.then(|| {
                let form_id = format!("recommend-{}", app.id);
                let spec = FormSpec::new::<RecommendFundApplication>(
                    &form_id,
                    t_string!(i18n, fund_recommend_button),
                )
                .notice(
                    Flash::for_form(&flash, &form_id).is_some(),
                    t_string!(i18n, fund_recommend_done),
                )
                .hidden("call_id", call_id)
                .hidden("application_id", app.id)
                .field(
                    Field::text(
                        "amount",
                        format!("{} – {}", t_string!(i18n, fund_recommended_amount), app.title),
                    )
                    .id(&format!("recommend-amount-{}", app.id))
                    .hint(t_string!(i18n, fund_recommend_hint))
                    .value(l.recommended.map(|a| a.0.to_string()).unwrap_or_default()),
                )
                .field(
                    Field::textarea(
                        "justification",
                        format!("{} – {}", t_string!(i18n, fund_field_justification), app.title),
                    )
                    .id(&format!("recommend-justification-{}", app.id))
                    .value(l.justification.clone().unwrap_or_default())
                    .optional(),
                );
                view! { <EnhancedForm locale spec /> }
            });
            let anchored = if app.anchored {
                t_string!(i18n, fund_yes)
            } else {
                t_string!(i18n, fund_no)
            };
            view! {
                <tr>
                    <td class="num">{l.place}</td>
                    <th scope="row">
                        <a href=format!("/fond/soknader/{}", app.id)>{app.title.clone()}</a>
                        <br />
                        {app.applicant.name.clone()}
                    </th>
                    <td class="num">{l.reviews}</td>
                    <td class="num">{hundredths(l.score_hundredths)}</td>
                    <td class="num">{hundredths(l.spread_hundredths)}</td>
                    <td>{anchored}</td>
                    <td class="num">{money(app.amount)}</td>
                    <td class="num">{money(l.recommended)}</td>
                    {open_for_council.then(|| view! { <td class="no-print">{form}</td> })}
                </tr>
            }
        })
        .collect_view();
    let decide = (open_for_council && ranking.decided_at.is_none()).then(|| {
        let spec = FormSpec::new::<DecideFundCall>("decide", t_string!(i18n, fund_decide_button))
            .danger()
            .hidden("call_id", call_id)
            .field(
                Field::text("case_number", t_string!(i18n, fund_field_case_number))
                    .id("decide-case-number")
                    .hint(t_string!(i18n, fund_case_number_hint))
                    .optional(),
            );
        view! {
            <section class="no-print" aria-labelledby="decide-heading">
                <h2 id="decide-heading">{t!(i18n, fund_decide_heading)}</h2>
                <p>{t!(i18n, fund_decide_lead)}</p>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let decided_notice = Flash::for_form(&flash, "decide")
        .is_some()
        .then(|| view! { <crate::ui::SuccessNotice>{t!(i18n, fund_decide_done)}</crate::ui::SuccessNotice> });
    view! {
        {decided_notice}
        <h1>{format!("{}: {}", t_string!(i18n, fund_ranking_heading), call.title)}</h1>
        {decided}
        {still_open}
        <p class="lead">
            {format!(
                "{} {} · {} {} · {} {}",
                t_string!(i18n, fund_col_budget),
                call.budget.format_nb(),
                t_string!(i18n, fund_col_recommended),
                ranking.recommended.format_nb(),
                t_string!(i18n, fund_col_remaining),
                ranking.remaining.format_nb(),
            )}
        </p>
        <p class="no-print">
            <a href=format!("/fond/utlysninger/{call_id}/innstilling.xlsx")>{t!(i18n, fund_xlsx_link)}</a>
            {open_for_council.then(|| view! { " · " {t!(i18n, fund_print_hint)} })}
        </p>
        <DataTable label=t_string!(i18n, fund_ranking_heading).to_string()>
            <thead>
                <tr>
                    <th scope="col" class="num">{t!(i18n, fund_col_place)}</th>
                    <th scope="col">{t!(i18n, fund_col_application)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_reviews)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_score)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_spread)}</th>
                    <th scope="col">{t!(i18n, fund_col_anchored)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_amount)}</th>
                    <th scope="col" class="num">{t!(i18n, fund_col_recommended)}</th>
                    {open_for_council
                        .then(|| {
                            view! {
                                <th scope="col" class="no-print">{t!(i18n, fund_col_recommend)}</th>
                            }
                        })}
                </tr>
            </thead>
            <tbody>{lines}</tbody>
        </DataTable>
        {decide}
    }
}

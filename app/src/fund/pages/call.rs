//! A call's page (`/fond/utlysninger/{id}`: its text, window, budget and criteria; the
//! applicant's way in; the council's ranking; the administrators' form for dates and budget)
//! and the form that opens a call (`/fond/utlysninger/ny`).

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::{oslo_datetime, oslo_datetime_local};
use crate::fund::api::{CreateFundCall, MoveFundCall, load_call, load_tracks};
use crate::fund::domain::call::{CallState, DEFAULT_CRITERIA, MAX_CRITERIA};
use crate::fund::domain::view::CallPage as Page;
use crate::fund::pages::front::ApplicationTable;
use crate::fund::pages::labels::state_label;
use crate::i18n::*;
use crate::ui::{Choice, EnhancedForm, Field, FormSpec, PageTitle, route_id};

#[component]
pub fn CallPage() -> impl IntoView {
    let i18n = use_i18n();
    let call_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_call_title).to_string() />
        <p>
            <a href="/fond">{t!(i18n, fund_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_call(call_id).await {
                Ok(page) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <Call page flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Call(page: Page, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let call = page.call;
    let row = call.row.clone();
    let id = row.id;
    let apply = (row.state == CallState::Open).then(|| {
        view! {
            <p>
                <a class="ds-button" data-variant="primary" href=format!("/fond/utlysninger/{id}/sok")>
                    {t!(i18n, fund_apply_link)}
                </a>
            </p>
        }
    });
    let ranking = page.council.then(|| {
        view! {
            <p>
                <a href=format!("/fond/utlysninger/{id}/innstilling")>{t!(i18n, fund_ranking_link)}</a>
            </p>
        }
    });
    let change = (page.manages && row.state != CallState::Decided).then(|| {
        let spec = FormSpec::new::<MoveFundCall>("call-change", t_string!(i18n, fund_change_button))
            .notice(
                Flash::for_form(&flash, "call-change").is_some(),
                t_string!(i18n, fund_change_done),
            )
            .hidden("call_id", id)
            .field(
                Field::text("opens_at", t_string!(i18n, fund_field_opens))
                    .id("change-opens")
                    .input_type("datetime-local")
                    .hint(t_string!(i18n, fund_instant_hint))
                    .value(oslo_datetime_local(row.opens_at)),
            )
            .field(
                Field::text("closes_at", t_string!(i18n, fund_field_closes))
                    .id("change-closes")
                    .input_type("datetime-local")
                    .hint(t_string!(i18n, fund_instant_hint))
                    .value(oslo_datetime_local(row.closes_at)),
            )
            .field(
                Field::text("budget", t_string!(i18n, fund_field_budget))
                    .id("change-budget")
                    .hint(t_string!(i18n, fund_budget_hint))
                    .value(row.budget.0.to_string()),
            );
        view! {
            <section aria-labelledby="change-heading">
                <h2 id="change-heading">{t!(i18n, fund_change_heading)}</h2>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let created = Flash::for_form(&flash, "call").is_some().then(|| {
        view! { <crate::ui::SuccessNotice>{t!(i18n, fund_call_created)}</crate::ui::SuccessNotice> }
    });
    view! {
        {created}
        <h1>{row.title.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, fund_col_track)}</dt>
            <dd>{row.track.name.clone()}</dd>
            <dt>{t!(i18n, fund_col_state)}</dt>
            <dd>{state_label(locale, row.state)}</dd>
            <dt>{t!(i18n, fund_field_opens)}</dt>
            <dd>{oslo_datetime(row.opens_at)}</dd>
            <dt>{t!(i18n, fund_field_closes)}</dt>
            <dd>{oslo_datetime(row.closes_at)}</dd>
            <dt>{t!(i18n, fund_col_budget)}</dt>
            <dd>{row.budget.format_nb()}</dd>
            <dt>{t!(i18n, fund_field_max_amount)}</dt>
            <dd>{row.max_amount.format_nb()}</dd>
        </dl>
        <div class="prose">
            {call.text.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
        </div>
        {apply}
        <section aria-labelledby="criteria-heading">
            <h2 id="criteria-heading">{t!(i18n, fund_criteria_heading)}</h2>
            <ol>
                {call
                    .criteria
                    .iter()
                    .map(|c| {
                        view! {
                            <li>
                                {format!("{} ({} {})", c.name, t_string!(i18n, fund_weight), c.weight)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        {(!page.mine.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="call-mine-heading">
                        <h2 id="call-mine-heading">{t!(i18n, fund_mine_heading)}</h2>
                        <ApplicationTable
                            rows=page.mine
                            label=t_string!(i18n, fund_mine_heading).to_string()
                            empty=String::new()
                        />
                    </section>
                }
            })}
        {ranking}
        {change}
    }
}

#[component]
pub fn NewCallPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_new_call_title).to_string() />
        <p>
            <a href="/fond">{t!(i18n, fund_back)}</a>
        </p>
        <h1>{t!(i18n, fund_new_call_heading)}</h1>
        {Suspend::new(async move {
            let tracks = match load_tracks().await {
                Ok(tracks) => tracks,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let locale = i18n.get_locale_untracked();
            let mut spec = FormSpec::new::<CreateFundCall>("call", t_string!(i18n, fund_new_call_button))
                .field(
                    Field::select(
                        "track_id",
                        t_string!(i18n, fund_col_track),
                        Choice::options(tracks.into_iter().map(|t| (t.id.to_string(), t.name))),
                    )
                    .id("call-track"),
                )
                .field(Field::text("title", t_string!(i18n, fund_field_title)).id("call-title"))
                .field(Field::textarea("text", t_string!(i18n, fund_field_text)).id("call-text"))
                .field(
                    Field::text("opens_at", t_string!(i18n, fund_field_opens))
                        .id("call-opens")
                        .input_type("datetime-local")
                        .hint(t_string!(i18n, fund_instant_hint)),
                )
                .field(
                    Field::text("closes_at", t_string!(i18n, fund_field_closes))
                        .id("call-closes")
                        .input_type("datetime-local")
                        .hint(t_string!(i18n, fund_instant_hint)),
                )
                .field(
                    Field::text("budget", t_string!(i18n, fund_field_budget))
                        .id("call-budget")
                        .hint(t_string!(i18n, fund_amount_hint)),
                )
                .field(
                    Field::text("max_amount", t_string!(i18n, fund_field_max_amount))
                        .id("call-max")
                        .hint(t_string!(i18n, fund_amount_hint)),
                );
            for row in 0..MAX_CRITERIA.min(7) {
                let name = DEFAULT_CRITERIA.get(row).copied().unwrap_or_default();
                let weight = if name.is_empty() { "" } else { "1" };
                spec = spec
                    .field(
                        Field::text(
                            &format!("criterion_name[{row}]"),
                            format!("{} {}", t_string!(i18n, fund_field_criterion), row + 1),
                        )
                        .id(&format!("criterion-name-{row}"))
                        .value(name)
                        .optional(),
                    )
                    .field(
                        Field::text(
                            &format!("criterion_weight[{row}]"),
                            format!("{} {}", t_string!(i18n, fund_field_weight), row + 1),
                        )
                        .id(&format!("criterion-weight-{row}"))
                        .hint(t_string!(i18n, fund_weight_hint))
                        .value(weight)
                        .optional(),
                    );
            }
            let spec = spec.field(
                Field::people(
                    "reviewers",
                    t_string!(i18n, fund_field_reviewers),
                    crate::users::downloads::SUGGEST_PEOPLE,
                )
                    .id("call-reviewers")
                    .hint(t_string!(i18n, fund_reviewers_hint))
                    .optional(),
            );
            view! {
                <p class="lead">{t!(i18n, fund_new_call_lead)}</p>
                <EnhancedForm locale spec />
            }
                .into_any()
        })}
    }
}

//! The application form: a new application to a call (`/fond/utlysninger/{id}/sok`) and the
//! applicant's draft (`/fond/soknader/{id}/endre`). Saving keeps a draft; submitting is a
//! step of its own on the application's page.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::timefmt::oslo_datetime;
use crate::fund::api::{SaveFundApplication, load_apply};
use crate::fund::domain::view::ApplyPage as Page;
use crate::i18n::*;
use crate::ui::{EnhancedForm, Field, FormSpec, PageTitle, route_id};

/// Rows of budget lines the form offers.
const LINE_ROWS: usize = 6;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let i18n = use_i18n();
    let call_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_apply_title).to_string() />
        {Suspend::new(async move {
            match load_apply(Some(call_id), None).await {
                Ok(page) => view! { <ApplicationForm page /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
pub fn EditApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let application_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_edit_title).to_string() />
        {Suspend::new(async move {
            match load_apply(None, Some(application_id)).await {
                Ok(page) => view! { <ApplicationForm page /> }.into_any(),
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn ApplicationForm(page: Page) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let call = page.call;
    let draft = page.draft;
    let value = |f: &dyn Fn(&crate::fund::domain::view::ApplicationView) -> String| {
        draft.as_ref().map(f).unwrap_or_default()
    };
    let today = crate::core::timefmt::oslo_date(crate::core::state::now());
    let site = draft
        .as_ref()
        .and_then(|d| d.row.site.as_ref().map(|s| s.id));
    let sites = crate::org::choices::site_choices(&page.organisation, today, &[], site);
    let back = match &draft {
        Some(d) => (format!("/fond/soknader/{}", d.row.id), t_string!(i18n, fund_back_to_application)),
        None => (format!("/fond/utlysninger/{}", call.row.id), t_string!(i18n, fund_back_to_call)),
    };
    let mut spec = FormSpec::new::<SaveFundApplication>("application", t_string!(i18n, fund_save_draft_button))
        .hidden("call_id", call.row.id)
        .hidden(
            "application_id",
            draft.as_ref().map(|d| d.row.id.to_string()).unwrap_or_default(),
        )
        .field(
            Field::text("title", t_string!(i18n, fund_field_title))
                .id("application-title")
                .value(value(&|d| d.row.title.clone())),
        )
        .field(
            Field::textarea("summary", t_string!(i18n, fund_field_summary))
                .id("application-summary")
                .hint(t_string!(i18n, fund_summary_hint))
                .value(value(&|d| d.summary.clone().unwrap_or_default()))
                .optional(),
        )
        .field(
            Field::select("site_id", t_string!(i18n, fund_col_site), sites)
                .id("application-site")
                .empty(t_string!(i18n, fund_site_default))
                .hint(t_string!(i18n, fund_site_hint))
                .value(site.map(|s| s.to_string()).unwrap_or_default())
                .optional(),
        )
        .field(
            Field::people("team", t_string!(i18n, fund_field_team), crate::users::downloads::SUGGEST_PEOPLE)
                .id("application-team")
                .hint(t_string!(i18n, fund_team_hint))
                .value(value(&|d| d.team_emails.join(", ")))
                .optional(),
        )
        .field(
            Field::text("project_id", t_string!(i18n, fund_field_project))
                .id("application-project")
                .hint(t_string!(i18n, fund_project_hint))
                .value(value(&|d| d.project.as_ref().map(|p| p.id.to_string()).unwrap_or_default()))
                .optional(),
        )
        .field(
            Field::text("amount", t_string!(i18n, fund_field_amount))
                .id("application-amount")
                .hint(format!(
                    "{} {}",
                    t_string!(i18n, fund_amount_max_hint),
                    call.row.max_amount.format_nb()
                ))
                .value(value(&|d| d.row.amount.map(|a| a.0.to_string()).unwrap_or_default()))
                .optional(),
        );
    let lines = draft.as_ref().map(|d| d.budget_lines.clone()).unwrap_or_default();
    for row in 0..LINE_ROWS.max(lines.len()) {
        let line = lines.get(row);
        spec = spec
            .field(
                Field::text(
                    &format!("line_description[{row}]"),
                    format!("{} {}", t_string!(i18n, fund_field_line), row + 1),
                )
                .id(&format!("line-description-{row}"))
                .value(line.map(|l| l.description.clone()).unwrap_or_default())
                .optional(),
            )
            .field(
                Field::text(
                    &format!("line_amount[{row}]"),
                    format!("{} {}", t_string!(i18n, fund_field_line_amount), row + 1),
                )
                .id(&format!("line-amount-{row}"))
                .value(line.map(|l| l.amount.0.to_string()).unwrap_or_default())
                .optional(),
            );
    }
    spec = spec
        .field(
            Field::text("own_contribution", t_string!(i18n, fund_field_own))
                .id("application-own")
                .hint(t_string!(i18n, fund_amount_hint))
                .value(value(&|d| d.own_contribution.0.to_string()))
                .optional(),
        )
        .field(
            Field::text("co_funding", t_string!(i18n, fund_field_co_funding))
                .id("application-co-funding")
                .hint(t_string!(i18n, fund_amount_hint))
                .value(value(&|d| d.co_funding.0.to_string()))
                .optional(),
        );
    for criterion in &call.criteria {
        let answer = draft
            .as_ref()
            .and_then(|d| d.answers.iter().find(|a| a.criterion_id == criterion.id))
            .map(|a| a.answer.clone())
            .unwrap_or_default();
        spec = spec.field(
            Field::textarea(&format!("answers[{}]", criterion.id), criterion.name.clone())
                .id(&format!("answer-{}", criterion.id))
                .value(answer)
                .optional(),
        );
    }
    view! {
        <p>
            <a href=back.0>{back.1}</a>
        </p>
        <h1>{format!("{}: {}", t_string!(i18n, fund_apply_heading), call.row.title)}</h1>
        <p class="lead">{t!(i18n, fund_apply_lead)}</p>
        <p>{format!("{} {}", t_string!(i18n, fund_field_closes), oslo_datetime(call.row.closes_at))}</p>
        <EnhancedForm locale spec />
    }
}

//! An application's page (`/fond/soknader/{id}`): what was applied for; the applicant's
//! edit link and submission; the line manager's anchoring; a reviewer's conflicts, review
//! and (once they have scored) the others' reviews; the council's reviews; and, once
//! decided, the outcome with the feedback and a printable decision letter
//! (`/fond/soknader/{id}/vedtak`).

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::error::AppError;
use crate::core::notice::Flash;
use crate::core::timefmt::{date_nb, oslo_date, oslo_datetime};
use crate::fund::api::{
    AnchorFundApplication, DeclareFundConflict, FundGuidanceGiven, RecordFundPayment,
    RequestFundGuidance, SaveFundReview, SubmitFundApplication, SubmitFundReport,
    load_application,
};
use crate::fund::domain::application::Stage;
use crate::fund::domain::followup::PaymentKind;
use crate::fund::domain::review::{ConflictFlag, MAX_SCORE, MIN_SCORE};
use crate::fund::domain::view::{ApplicationView, CriterionView, ReviewView, ReviewerDesk};
use crate::fund::pages::labels::{conflict_label, money, stage_label};
use crate::i18n::*;
use crate::ui::{
    Alert, Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice, Tone,
    route_id,
};

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_application_title).to_string() />
        <p>
            <a href="/fond">{t!(i18n, fund_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_application(id).await {
                Ok(application) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <Application application flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Application(application: ApplicationView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let a = application;
    let id = a.row.id;
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let notice = [
        ("application", t_string!(i18n, fund_saved)),
        ("submit", t_string!(i18n, fund_submitted)),
        ("anchoring", t_string!(i18n, fund_anchored)),
        ("review", t_string!(i18n, fund_review_saved)),
        ("conflict", t_string!(i18n, fund_conflict_saved)),
        ("payment", t_string!(i18n, fund_payment_saved)),
        ("guidance-ask", t_string!(i18n, fund_guidance_asked)),
        ("guidance-given", t_string!(i18n, fund_guidance_done)),
    ]
    .into_iter()
    .chain(
        a.reports
            .iter()
            .filter(|r| done(&format!("report-{}", r.id)))
            .map(|_| ("", t_string!(i18n, fund_report_saved))),
    )
    .find(|(form, _)| form.is_empty() || done(form))
    .map(|(_, text)| view! { <SuccessNotice>{text}</SuccessNotice> });
    let edit = a.may_edit.then(|| {
        // What submitting would refuse, said before the button: the fields are on the edit
        // page, not here.
        let mut missing: Vec<String> = Vec::new();
        if a.summary.is_none() {
            missing.push(t_string!(i18n, fund_field_summary).to_string());
        }
        if a.row.site.is_none() {
            missing.push(t_string!(i18n, fund_col_site).to_string());
        }
        if a.row.amount.is_none() {
            missing.push(t_string!(i18n, fund_field_amount).to_string());
        }
        if a.budget_lines.is_empty() {
            missing.push(t_string!(i18n, fund_missing_lines).to_string());
        }
        for c in &a.criteria {
            if !a.answers.iter().any(|x| x.criterion_id == c.id) {
                missing.push(c.name.clone());
            }
        }
        let step = if missing.is_empty() {
            let submit = FormSpec::new::<SubmitFundApplication>("submit", t_string!(i18n, fund_submit_button))
                .hidden("application_id", id)
                .form_error_marks_fields();
            view! { <EnhancedForm locale spec=submit /> }.into_any()
        } else {
            view! {
                <Alert tone=Tone::Info>
                    <p>{t!(i18n, fund_missing_heading)}</p>
                    <ul>{missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    <p>
                        <a href=format!("/fond/soknader/{id}/endre")>{t!(i18n, fund_missing_edit)}</a>
                    </p>
                </Alert>
            }
                .into_any()
        };
        view! {
            <section aria-labelledby="draft-heading">
                <h2 id="draft-heading">{t!(i18n, fund_draft_heading)}</h2>
                <p>{t!(i18n, fund_draft_lead)}</p>
                <p>
                    <a href=format!("/fond/soknader/{id}/endre")>{t!(i18n, fund_edit_link)}</a>
                </p>
                {step}
            </section>
        }
    });
    let anchor = a.may_anchor.then(|| {
        let spec = FormSpec::new::<AnchorFundApplication>("anchoring", t_string!(i18n, fund_anchor_button))
            .hidden("application_id", id);
        view! {
            <section aria-labelledby="anchor-heading">
                <h2 id="anchor-heading">{t!(i18n, fund_anchor_heading)}</h2>
                <p>{t!(i18n, fund_anchor_lead)}</p>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let anchoring = match (&a.anchored_by, a.anchored_at) {
        (Some(by), Some(at)) => format!(
            "{} {} {}",
            t_string!(i18n, fund_anchored_by),
            by.name,
            oslo_datetime(at)
        ),
        _ => t_string!(i18n, fund_not_anchored).to_string(),
    };
    let outcome = a.outcome.clone().map(|o| {
        let text = if o.granted.0 > 0 {
            format!("{} {}", t_string!(i18n, fund_outcome_granted), o.granted.format_nb())
        } else {
            t_string!(i18n, fund_outcome_declined).to_string()
        };
        view! {
            <section aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">{t!(i18n, fund_outcome_heading)}</h2>
                <p>{text}</p>
                {o.feedback.map(|f| view! { <p>{f}</p> })}
                <p>
                    <a href=format!("/fond/soknader/{id}/vedtak")>{t!(i18n, fund_letter_link)}</a>
                </p>
            </section>
        }
    });
    let desk = a
        .desk
        .clone()
        .map(|desk| view! { <Desk id desk criteria=a.criteria.clone() may_review=a.may_review /> });
    let reviews = (!a.reviews.is_empty()).then(|| {
        view! {
            <section aria-labelledby="reviews-heading">
                <h2 id="reviews-heading">{t!(i18n, fund_reviews_heading)}</h2>
                <Reviews reviews=a.reviews.clone() criteria=a.criteria.clone() />
            </section>
        }
    });
    let recommendation = a.recommendation.clone().map(|r| {
        view! {
            <p>
                {format!(
                    "{} {}",
                    t_string!(i18n, fund_recommended_amount),
                    r.amount.format_nb(),
                )}
            </p>
        }
    });
    let follow_up = (!a.reports.is_empty() || !a.payments.is_empty())
        .then(|| view! { <FollowUp application=a.clone() /> });
    let guidance = (a.row.stage == Stage::Declined).then(|| view! { <Guidance application=a.clone() /> });
    view! {
        {notice}
        <h1>{a.row.title.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, fund_col_call)}</dt>
            <dd>
                <a href=format!("/fond/utlysninger/{}", a.row.call_id)>{a.call_title.clone()}</a>
            </dd>
            <dt>{t!(i18n, fund_col_stage)}</dt>
            <dd>{stage_label(locale, a.row.stage)}</dd>
            <dt>{t!(i18n, fund_col_applicant)}</dt>
            <dd>{a.row.applicant.name.clone()}</dd>
            <dt>{t!(i18n, fund_col_site)}</dt>
            <dd>{a.row.site.clone().map(|s| s.name).unwrap_or_else(|| "–".into())}</dd>
            <dt>{t!(i18n, fund_field_team)}</dt>
            <dd>
                {if a.team.is_empty() {
                    "–".to_owned()
                } else {
                    a.team.iter().map(|p| p.name.clone()).collect::<Vec<_>>().join(", ")
                }}
            </dd>
            <dt>{t!(i18n, fund_field_project_row)}</dt>
            <dd>
                {match a.project.clone() {
                    Some(p) => view! { <a href=format!("/prosjekter/{}", p.id)>{p.name}</a> }.into_any(),
                    None => view! { "–" }.into_any(),
                }}
            </dd>
            <dt>{t!(i18n, fund_field_amount)}</dt>
            <dd>{money(a.row.amount)}</dd>
            <dt>{t!(i18n, fund_field_own)}</dt>
            <dd>{a.own_contribution.format_nb()}</dd>
            <dt>{t!(i18n, fund_field_co_funding)}</dt>
            <dd>{a.co_funding.format_nb()}</dd>
            <dt>{t!(i18n, fund_anchoring)}</dt>
            <dd>{anchoring}</dd>
        </dl>
        {outcome}
        {guidance}
        {follow_up}
        {edit}
        {anchor}
        <section aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t!(i18n, fund_field_summary)}</h2>
            <p>{a.summary.clone().unwrap_or_else(|| "–".into())}</p>
        </section>
        <section aria-labelledby="lines-heading">
            <h2 id="lines-heading">{t!(i18n, fund_lines_heading)}</h2>
            <DataTable label=t_string!(i18n, fund_lines_heading).to_string()>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, fund_field_line)}</th>
                        <th scope="col" class="num">{t!(i18n, fund_col_amount_moved)}</th>
                    </tr>
                </thead>
                <tbody>
                    {a
                        .budget_lines
                        .iter()
                        .map(|l| {
                            view! {
                                <tr>
                                    <th scope="row">{l.description.clone()}</th>
                                    <td class="num">{l.amount.format_nb()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </DataTable>
        </section>
        <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">{t!(i18n, fund_answers_heading)}</h2>
            <dl>
                {a
                    .answers
                    .iter()
                    .map(|x| {
                        view! {
                            <dt>{x.criterion.clone()}</dt>
                            <dd>{x.answer.clone()}</dd>
                        }
                    })
                    .collect_view()}
            </dl>
        </section>
        {desk}
        {recommendation}
        {reviews}
    }
}

/// The reviewer's part: the conflicts found, then either the confirmation of a conflict or
/// the review form; the others' reviews once the reviewer has scored.
#[component]
fn Desk(id: i32, desk: ReviewerDesk, criteria: Vec<CriterionView>, may_review: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let conflicted = !desk.conflicts.is_empty();
    // What the app found by itself (a declared conflict is said below).
    let found: Vec<ConflictFlag> = desk
        .conflicts
        .iter()
        .copied()
        .filter(|f| *f != ConflictFlag::Declared)
        .collect();
    let flags = (!found.is_empty()).then(|| {
        view! {
            <Alert tone=Tone::Warning>
                <p>{t!(i18n, fund_conflicts_found)}</p>
                <ul>
                    {found
                        .iter()
                        .map(|f| view! { <li>{conflict_label(locale, *f)}</li> })
                        .collect_view()}
                </ul>
            </Alert>
        }
    });
    let declared = desk.own.as_ref().is_some_and(|r| r.conflict);
    let scored = desk.own.as_ref().filter(|r| !r.conflict).cloned();
    let own = scored.clone().map(|review| {
        view! {
            <h3>{t!(i18n, fund_own_review)}</h3>
            <Reviews reviews=vec![review] criteria=criteria.clone() />
        }
    });
    let conflict_form = (!declared && scored.is_none()).then(|| {
        let spec = FormSpec::new::<DeclareFundConflict>("conflict", if conflicted {
            t_string!(i18n, fund_confirm_conflict_button)
        } else {
            t_string!(i18n, fund_declare_conflict_button)
        })
        .hidden("application_id", id)
        .field(
            Field::textarea("comment", t_string!(i18n, fund_field_reason))
                .id("conflict-reason")
                .hint(t_string!(i18n, fund_reason_hint))
                .optional(),
        );
        view! { <EnhancedForm locale spec /> }
    });
    let review_form = may_review.then(|| {
        let choices = Choice::options((MIN_SCORE..=MAX_SCORE).map(|s| (s.to_string(), s.to_string())));
        let own = desk.own.clone().filter(|r| !r.conflict);
        let mut spec = FormSpec::new::<SaveFundReview>("review", t_string!(i18n, fund_review_button))
            .hidden("application_id", id);
        for c in &criteria {
            let value = own
                .as_ref()
                .and_then(|r| r.scores.iter().find(|(cid, _)| *cid == c.id))
                .map(|(_, s)| s.to_string())
                .unwrap_or_default();
            spec = spec.field(
                Field::radio(
                    &format!("scores[{}]", c.id),
                    format!("{} ({} {})", c.name, t_string!(i18n, fund_weight), c.weight),
                    choices.clone(),
                )
                .id(&format!("score-{}", c.id))
                .value(value),
            );
        }
        let spec = spec.field(
            Field::textarea("comment", t_string!(i18n, fund_field_comment))
                .id("review-comment")
                .value(own.and_then(|r| r.comment).unwrap_or_default())
                .optional(),
        );
        view! {
            <p>{t!(i18n, fund_review_scale)}</p>
            <EnhancedForm locale spec />
        }
    });
    let others = (!desk.others.is_empty()).then(|| {
        view! {
            <h3>{t!(i18n, fund_others_heading)}</h3>
            <Reviews reviews=desk.others.clone() criteria=criteria.clone() />
        }
    });
    view! {
        <section aria-labelledby="desk-heading">
            <h2 id="desk-heading">{t!(i18n, fund_desk_heading)}</h2>
            {flags}
            {declared.then(|| view! { <p>{t!(i18n, fund_conflict_recorded)}</p> })}
            {review_form}
            {own}
            {(!declared && scored.is_none())
                .then(|| {
                    view! {
                        <h3>{if conflicted {
                            t!(i18n, fund_confirm_conflict_heading).into_any()
                        } else {
                            t!(i18n, fund_declare_conflict_heading).into_any()
                        }}</h3>
                    }
                })}
            {conflict_form}
            {others}
        </section>
    }
}

/// Reviews in a table: reviewer, each criterion's score, the comment.
#[component]
fn Reviews(reviews: Vec<ReviewView>, criteria: Vec<CriterionView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <DataTable label=t_string!(i18n, fund_reviews_heading).to_string()>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, fund_col_reviewer)}</th>
                    {criteria
                        .iter()
                        .map(|c| view! { <th scope="col" class="num">{c.name.clone()}</th> })
                        .collect_view()}
                    <th scope="col">{t!(i18n, fund_field_comment)}</th>
                </tr>
            </thead>
            <tbody>
                {reviews
                    .into_iter()
                    .map(|r| {
                        let cells = criteria
                            .iter()
                            .map(|c| {
                                let score = r
                                    .scores
                                    .iter()
                                    .find(|(id, _)| *id == c.id)
                                    .map(|(_, s)| s.to_string())
                                    .unwrap_or_else(|| "–".into());
                                view! { <td class="num">{score}</td> }
                            })
                            .collect_view();
                        let comment = if r.conflict {
                            format!(
                                "{} {}",
                                t_string!(i18n, fund_conflict_declared),
                                r.comment.unwrap_or_default(),
                            )
                        } else {
                            r.comment.unwrap_or_default()
                        };
                        view! {
                            <tr>
                                <th scope="row">{r.reviewer.name}</th>
                                {cells}
                                <td>{comment}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </DataTable>
    }
}

/// The decision letter, for printing: only once the call is decided.
#[component]
pub fn DecisionLetterPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, fund_letter_title).to_string() />
        {Suspend::new(async move {
            let a = match load_application(id).await {
                Ok(a) => a,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let Some(outcome) = a.outcome.clone() else {
                return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
            };
            let decision = if outcome.granted.0 > 0 {
                format!(
                    "{} {} {}",
                    t_string!(i18n, fund_letter_granted),
                    outcome.granted.format_nb(),
                    t_string!(i18n, fund_letter_granted_end),
                )
            } else {
                t_string!(i18n, fund_letter_declined).to_string()
            };
            view! {
                <p class="no-print">
                    <a href=format!("/fond/soknader/{id}")>{t!(i18n, fund_back_to_application)}</a>
                </p>
                <article class="letter">
                    <p>{format!("{} {}", t_string!(i18n, fund_letter_date), date_nb(oslo_date(outcome.decided_at)))}</p>
                    {outcome
                        .case_number
                        .map(|n| view! { <p>{format!("{} {n}", t_string!(i18n, fund_letter_case))}</p> })}
                    <p>{format!("{} {}", t_string!(i18n, fund_letter_to), a.row.applicant.name)}</p>
                    <h1>{format!("{}: {}", t_string!(i18n, fund_letter_heading), a.row.title)}</h1>
                    <p>{decision}</p>
                    {outcome.feedback.map(|f| view! { <p>{f}</p> })}
                    {(outcome.granted.0 == 0).then(|| view! { <p>{t!(i18n, fund_letter_guidance)}</p> })}
                    <p>{t!(i18n, fund_letter_signature)}</p>
                </article>
            }
                .into_any()
        })}
    }
}

/// A grant's reports (the grantee delivers them) and its payments (the administrators
/// record them).
#[component]
fn FollowUp(application: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let a = application;
    let id = a.row.id;
    let reports = a
        .reports
        .iter()
        .map(|r| {
            let kind = if r.kind == "final" {
                t_string!(i18n, fund_report_final)
            } else {
                t_string!(i18n, fund_report_interim)
            };
            let state = match r.submitted_at {
                Some(at) => format!("{} {}", t_string!(i18n, fund_report_delivered), oslo_datetime(at)),
                None if r.overdue => t_string!(i18n, fund_report_overdue).to_string(),
                None => t_string!(i18n, fund_report_due).to_string(),
            };
            view! {
                <tr>
                    <th scope="row">{kind}</th>
                    <td>{date_nb(r.due_on)}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let forms = a
        .reports
        .iter()
        .filter(|r| a.may_report && r.submitted_at.is_none())
        .map(|r| {
            let kind = if r.kind == "final" {
                t_string!(i18n, fund_report_final)
            } else {
                t_string!(i18n, fund_report_interim)
            };
            let spec = FormSpec::new::<SubmitFundReport>(
                &format!("report-{}", r.id),
                format!("{} – {}", t_string!(i18n, fund_report_button), kind),
            )
            .hidden("application_id", id)
            .hidden("report_id", r.id)
            .field(
                Field::textarea("body", kind.to_string())
                    .id(&format!("report-body-{}", r.id))
                    .hint(t_string!(i18n, fund_report_hint)),
            );
            view! { <EnhancedForm locale spec /> }
        })
        .collect_view();
    let payments = a
        .payments
        .iter()
        .map(|p| {
            let kind = match p.kind {
                PaymentKind::Payment => t_string!(i18n, fund_payment_paid),
                PaymentKind::Returned => t_string!(i18n, fund_payment_returned),
            };
            view! {
                <tr>
                    <th scope="row">{date_nb(p.paid_on)}</th>
                    <td>{kind}</td>
                    <td class="num">{p.amount.format_nb()}</td>
                    <td>{p.note.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    let payment_form = a.manages.then(|| {
        let kinds = Choice::options([
            ("payment".to_owned(), t_string!(i18n, fund_payment_paid).to_string()),
            ("returned".to_owned(), t_string!(i18n, fund_payment_returned).to_string()),
        ]);
        let spec = FormSpec::new::<RecordFundPayment>("payment", t_string!(i18n, fund_payment_button))
            .hidden("application_id", id)
            .field(Field::select("kind", t_string!(i18n, fund_field_payment_kind), kinds).id("payment-kind"))
            .field(
                Field::text("amount", t_string!(i18n, fund_col_amount_moved))
                    .id("payment-amount")
                    .hint(t_string!(i18n, fund_amount_hint)),
            )
            .field(
                Field::text("paid_on", t_string!(i18n, fund_field_paid_on))
                    .id("payment-date")
                    .hint(t_string!(i18n, date_hint)),
            )
            .field(Field::text("note", t_string!(i18n, fund_field_note)).id("payment-note").optional());
        view! {
            <h3>{t!(i18n, fund_payment_heading)}</h3>
            <EnhancedForm locale spec />
        }
    });
    view! {
        <section aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{t!(i18n, fund_follow_up_heading)}</h2>
            <DataTable label=t_string!(i18n, fund_reports_title).to_string()>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, fund_col_report)}</th>
                        <th scope="col">{t!(i18n, fund_col_due)}</th>
                        <th scope="col">{t!(i18n, fund_col_state)}</th>
                    </tr>
                </thead>
                <tbody>{reports}</tbody>
            </DataTable>
            {forms}
            {(!a.payments.is_empty())
                .then(|| {
                    view! {
                        <DataTable label=t_string!(i18n, fund_payments_title).to_string()>
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, fund_field_paid_on)}</th>
                                    <th scope="col">{t!(i18n, fund_field_payment_kind)}</th>
                                    <th scope="col" class="num">{t!(i18n, fund_col_amount_moved)}</th>
                                    <th scope="col">{t!(i18n, fund_field_note)}</th>
                                </tr>
                            </thead>
                            <tbody>{payments}</tbody>
                        </DataTable>
                    }
                })}
            {payment_form}
        </section>
    }
}

/// A declined application: the applicant may ask for guidance; the administrators record
/// that it was given.
#[component]
fn Guidance(application: ApplicationView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let a = application;
    let id = a.row.id;
    let state = match (a.guidance_requested_at, a.guidance_given_at) {
        (_, Some(at)) => Some(format!("{} {}", t_string!(i18n, fund_guidance_given_at), oslo_datetime(at))),
        (Some(at), None) => Some(format!("{} {}", t_string!(i18n, fund_guidance_asked_at), oslo_datetime(at))),
        (None, None) => None,
    };
    let ask = (a.may_ask_guidance && a.guidance_requested_at.is_none()).then(|| {
        let spec = FormSpec::new::<RequestFundGuidance>("guidance-ask", t_string!(i18n, fund_guidance_button))
            .hidden("application_id", id);
        view! {
            <p>{t!(i18n, fund_guidance_offer)}</p>
            <EnhancedForm locale spec />
        }
    });
    let given = (a.manages && a.guidance_requested_at.is_some() && a.guidance_given_at.is_none()).then(|| {
        let spec = FormSpec::new::<FundGuidanceGiven>("guidance-given", t_string!(i18n, fund_guidance_given_button))
            .hidden("application_id", id);
        view! { <EnhancedForm locale spec /> }
    });
    (state.is_some() || ask.is_some() || given.is_some()).then(|| {
        view! {
            <section aria-labelledby="guidance-heading">
                <h2 id="guidance-heading">{t!(i18n, fund_guidance_heading)}</h2>
                {state.map(|s| view! { <p>{s}</p> })}
                {ask}
                {given}
            </section>
        }
    })
}

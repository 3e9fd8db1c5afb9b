//! Ideas (DESIGN §4): the list (`/ideer`), the form for a new one (`/ideer/ny`) and an idea's
//! page (`/ideer/{id}`) with its support, its assessment and its comments.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::portfolio::api::{
    AssessIdea, CommentOnIdea, SubmitIdea, SupportIdea, load_idea, load_ideas,
};
use crate::portfolio::domain::idea::IdeaStatus;
use crate::portfolio::domain::view::IdeaView;
use crate::portfolio::pages::labels::status_label;
use crate::ui::{
    Choice, DataTable, EnhancedForm, Field, FormSpec, NavLink, PageTitle, Pagination,
    SuccessNotice, Tag,
};

#[component]
pub fn IdeasPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let query = use_query_map();
    let status = query.read_untracked().get("status").unwrap_or_default();
    let offset = query.read_untracked().get("offset").unwrap_or_default();
    view! {
        <PageTitle text=move || t_string!(i18n, ideas_title).to_string() />
        <h1>{t!(i18n, ideas_heading)}</h1>
        <p class="lead">{t!(i18n, ideas_lead)}</p>
        <p>
            <a class="ds-button" data-variant="primary" href="/ideer/ny">{t!(i18n, ideas_new_link)}</a>
        </p>
        {Suspend::new(async move {
            let page = match load_ideas(status.clone(), offset).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            if page.items.is_empty() {
                return view! { <p role="status">{t!(i18n, ideas_none)}</p> }.into_any();
            }
            let link = |offset: u64| {
                if status.is_empty() {
                    format!("/ideer?offset={offset}")
                } else {
                    format!("/ideer?status={status}&offset={offset}")
                }
            };
            let labels = (
                t_string!(i18n, audit_previous).to_string(),
                t_string!(i18n, audit_next).to_string(),
            );
            let pages = NavLink::previous_next(&page, labels, link);
            let first = page.offset + 1;
            let last = page.offset + page.items.len() as u64;
            let total = page.total;
            view! {
                <p role="status">{t!(i18n, ideas_showing, first = first, last = last, count = move || total)}</p>
                <DataTable label=t_string!(i18n, ideas_heading).to_string()>
                    <caption class="visually-hidden">{t!(i18n, ideas_heading)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, ideas_col_title)}</th>
                            <th scope="col">{t!(i18n, ideas_col_status)}</th>
                            <th scope="col">{t!(i18n, ideas_col_site)}</th>
                            <th scope="col">{t!(i18n, ideas_col_by)}</th>
                            <th scope="col" class="numeric">{t!(i18n, ideas_col_supporters)}</th>
                            <th scope="col">{t!(i18n, ideas_col_date)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .items
                            .into_iter()
                            .map(|idea| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <a href=format!("/ideer/{}", idea.id)>{idea.title}</a>
                                        </th>
                                        <td>{status_label(locale, idea.status)}</td>
                                        <td>{idea.site.map(|s| s.name).unwrap_or_default()}</td>
                                        <td>{idea.submitted_by.name}</td>
                                        <td class="numeric">{idea.supporters}</td>
                                        <td>{oslo_datetime(idea.created_at)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </DataTable>
                <Pagination label=t_string!(i18n, ideas_pages_label).to_string() links=pages />
            }
                .into_any()
        })}
    }
}

#[component]
pub fn NewIdeaPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <PageTitle text=move || t_string!(i18n, idea_new_title).to_string() />
        <p>
            <a href="/ideer">{t!(i18n, idea_back)}</a>
        </p>
        <h1>{t!(i18n, idea_new_heading)}</h1>
        {Suspend::new(async move {
            let (org, home) = match crate::portfolio::api::load_new_idea().await {
                Ok(page) => (page.organisation, page.home_site_id),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let today = crate::core::timefmt::oslo_date(crate::core::state::now());
            let sites = crate::org::choices::site_choices(&org, today, &[], None);
            let spec = FormSpec::new::<SubmitIdea>("idea", t_string!(i18n, idea_submit_button))
                .field(Field::text("title", t_string!(i18n, idea_field_title)))
                .field(
                    Field::textarea("problem", t_string!(i18n, idea_field_problem))
                        .hint(t_string!(i18n, idea_field_problem_hint)),
                )
                .field(Field::textarea("proposal", t_string!(i18n, idea_field_proposal)))
                .field(Field::textarea("expected_gain", t_string!(i18n, idea_field_gain)).optional())
                .field(
                    Field::select("site_id", t_string!(i18n, idea_field_site), sites)
                        .empty(t_string!(i18n, admin_none))
                        .value(home.map(|id| id.to_string()).unwrap_or_default()),
                )
                .field(
                    Field::text("tags", t_string!(i18n, idea_field_tags))
                        .hint(t_string!(i18n, idea_field_tags_hint))
                        .optional(),
                )
                .field(
                    Field::text("sdgs", t_string!(i18n, idea_field_sdgs))
                        .hint(t_string!(i18n, idea_field_sdgs_hint))
                        .optional(),
                );
            view! { <EnhancedForm locale spec /> }.into_any()
        })}
    }
}

#[component]
pub fn IdeaPage() -> impl IntoView {
    let i18n = use_i18n();
    let idea_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, idea_title).to_string() />
        <p>
            <a href="/ideer">{t!(i18n, idea_back)}</a>
        </p>
        {Suspend::new(async move {
            match load_idea(idea_id).await {
                Ok(idea) => {
                    let flash = crate::auth::service::take_flash().await.ok().flatten();
                    view! { <Idea idea flash /> }.into_any()
                }
                Err(error) => view! { <ErrorPage error /> }.into_any(),
            }
        })}
    }
}

#[component]
fn Idea(idea: IdeaView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let id = idea.row.id;
    let who = idea.row.submitted_by.name.clone();
    let when = oslo_datetime(idea.row.created_at);
    let n = idea.row.supporters;
    let support = idea.may_support.then(|| {
        let (label, value) = if idea.supported_by_me {
            (t_string!(i18n, idea_withdraw_button), "false")
        } else {
            (t_string!(i18n, idea_support_button), "true")
        };
        FormSpec::new::<SupportIdea>("support", label)
            .hidden("idea_id", id)
            .hidden("support", value)
            .class("inline-form")
    });
    let assess = idea.may_assess.then(|| {
        let decisions = Choice::options(
            [
                IdeaStatus::UnderAssessment,
                IdeaStatus::Accepted,
                IdeaStatus::Parked,
                IdeaStatus::Declined,
            ]
            .into_iter()
            .map(|s| (s.as_str().to_owned(), status_label(locale, s))),
        );
        FormSpec::new::<AssessIdea>("assess", t_string!(i18n, idea_assess_button))
            .notice(done("assess"), t_string!(i18n, idea_assess_done))
            .hidden("idea_id", id)
            .field(Field::radio(
                "decision",
                t_string!(i18n, idea_assess_decision),
                decisions,
            ))
            .field(
                Field::textarea("reason", t_string!(i18n, idea_assess_reason))
                    .hint(t_string!(i18n, idea_assess_reason_hint)),
            )
    });
    let comment = FormSpec::new::<CommentOnIdea>("comment", t_string!(i18n, idea_comment_button))
        .notice(done("comment"), t_string!(i18n, idea_comment_done))
        .hidden("idea_id", id)
        .field(Field::textarea("body", t_string!(i18n, idea_comment_field)));
    view! {
        <h1>{idea.row.title.clone()}</h1>
        {done("idea")
            .then(|| {
                view! {
                    <SuccessNotice>
                        <p>{t!(i18n, idea_submitted_done)}</p>
                    </SuccessNotice>
                }
            })}
        <p>
            <Tag text=status_label(locale, idea.row.status) />
            " "
            {t!(i18n, idea_by, who = who, when = when)}
        </p>
        {idea
            .decision_reason
            .clone()
            .map(|reason| {
                view! {
                    <section aria-labelledby="decision">
                        <h2 id="decision">{t!(i18n, idea_decision)}</h2>
                        <p>{reason}</p>
                    </section>
                }
            })}
        {idea
            .project_id
            .map(|p| view! { <p><a href=format!("/prosjekter/{p}")>{t!(i18n, idea_project_link)}</a></p> })}
        <h2>{t!(i18n, idea_field_problem)}</h2>
        <p class="prose">{idea.problem.clone()}</p>
        <h2>{t!(i18n, idea_field_proposal)}</h2>
        <p class="prose">{idea.proposal.clone()}</p>
        {idea
            .expected_gain
            .clone()
            .filter(|g| !g.is_empty())
            .map(|gain| view! { <h2>{t!(i18n, idea_field_gain)}</h2><p class="prose">{gain}</p> })}
        <dl class="facts">
            <dt>{t!(i18n, ideas_col_site)}</dt>
            <dd>{idea.row.site.clone().map(|s| s.name).unwrap_or_default()}</dd>
            <dt>{t!(i18n, pj_tags)}</dt>
            <dd>{idea.tags.join(", ")}</dd>
            <dt>{t!(i18n, pj_sdgs)}</dt>
            <dd>{idea.sdgs.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")}</dd>
        </dl>
        <p role="status">
            {t!(i18n, idea_supporters, n = n)}
            {idea.supported_by_me.then(|| view! { " " {t!(i18n, idea_supported)} })}
        </p>
        {support.map(|spec| view! { <EnhancedForm locale spec /> })}
        {assess
            .map(|spec| {
                view! {
                    <section aria-labelledby="assess-heading">
                        <h2 id="assess-heading">{t!(i18n, idea_assess_heading)}</h2>
                        <EnhancedForm locale spec />
                    </section>
                }
            })}
        <section aria-labelledby="comments">
            <h2 id="comments">{t!(i18n, idea_comments)}</h2>
            {if idea.comments.is_empty() {
                view! { <p>{t!(i18n, idea_comments_none)}</p> }.into_any()
            } else {
                view! {
                    <ol class="comments">
                        {idea
                            .comments
                            .iter()
                            .map(|c| {
                                view! {
                                    <li>
                                        <p>
                                            <strong>{c.author.name.clone()}</strong>
                                            ", "
                                            {oslo_datetime(c.at)}
                                        </p>
                                        <p class="prose">{c.body.clone()}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
            <EnhancedForm locale spec=comment />
        </section>
    }
}

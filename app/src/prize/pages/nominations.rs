//! One nomination (`/pris/nominasjoner/{id}`): its justification, the nominator's edit and
//! withdraw forms, a juror's ballot or recusal, the people's vote.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::prize::api::{
    CastBallot, DeclareConflict, ShowNomineePublicly, UpdateNomination, VotePeople,
    WithdrawNomination, load_nomination,
};
use crate::prize::domain::ballot::{MAX_SCORE, MIN_SCORE};
use crate::prize::domain::view::{CategoryView, CriterionView, JurorPanel, NominationView};
use crate::prize::pages::labels::{nominee_text, phase_label, recusal_label};
use crate::prize::pages::nominate::nomination_spec;
use crate::prize::pages::years::route_id;
use crate::ui::{Alert, Choice, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice, Tone};

#[component]
pub fn NominationPage() -> impl IntoView {
    let i18n = use_i18n();
    let nomination_id = route_id();
    view! {
        <PageTitle text=move || t_string!(i18n, prize_nomination_title).to_string() />
        {Suspend::new(async move {
            let page = match load_nomination(nomination_id).await {
                Ok(page) => page,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            view! { <Nomination nomination=page.nomination flash edit=page.edit /> }.into_any()
        })}
    }
}

#[component]
fn Nomination(
    nomination: NominationView,
    flash: Option<Flash>,
    edit: Option<(CategoryView, Vec<SectorWithSites>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = nomination.row.clone();
    let done = |form| Flash::for_form(&flash, form).is_some();
    let notice = (done("nomination")).then(|| {
        view! {
            <SuccessNotice>
                <p>{t!(i18n, prize_nomination_done)}</p>
            </SuccessNotice>
        }
    });
    let withdrawn = (row.status == crate::prize::domain::nomination::NominationStatus::Withdrawn)
        .then(|| view! { <Alert tone=Tone::Warning><p>{t!(i18n, prize_withdrawn)}</p></Alert> });
    let finalist = row.finalist.then(|| {
        view! {
            <Alert tone=Tone::Info>
                <p>
                    <strong>{t!(i18n, prize_finalist)}</strong>
                    {row.statement.clone().map(|s| format!(": {s}"))}
                </p>
            </Alert>
        }
    });
    let justification = nomination
        .justification
        .iter()
        .map(|(c, text)| {
            view! {
                <dt>{c.name.clone()}</dt>
                <dd class="prose">{text.clone()}</dd>
            }
        })
        .collect_view();
    let links = (!nomination.links.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, prize_links_heading)}</h2>
            <ul>
                {nomination
                    .links
                    .iter()
                    .map(|l| view! { <li><a href=l.clone() rel="noopener noreferrer nofollow">{l.clone()}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    let juror = nomination.juror.clone().map(|panel| {
        let criteria = nomination.criteria.clone();
        view! {
            <JurorSection
                nomination_id=row.id
                criteria
                panel
                ballot_done=done("ballot")
                conflict_done=done("conflict")
            />
        }
    });
    let people = nomination.people_vote.map(|voted| {
        let spec = FormSpec::new::<VotePeople>("people", t_string!(i18n, prize_people_button))
            .notice(done("people"), t_string!(i18n, prize_people_done))
            .hidden("nomination_id", row.id);
        view! {
            <section aria-labelledby="people-heading">
                <h2 id="people-heading">{t!(i18n, prize_people_heading)}</h2>
                <p>
                    {if voted {
                        t_string!(i18n, prize_people_yours).to_string()
                    } else {
                        t_string!(i18n, prize_people_lead).to_string()
                    }}
                </p>
                {(!voted).then(|| view! { <EnhancedForm locale spec /> })}
            </section>
        }
    });
    let edit = edit.map(|(category, org)| {
        let spec = FormSpec::new::<UpdateNomination>(
            "nomination-edit",
            t_string!(i18n, prize_edit_button),
        )
        .hidden("nomination_id", row.id);
        let spec = nomination_spec(locale, spec, &category, &org, Some(&nomination));
        let withdraw =
            FormSpec::new::<WithdrawNomination>("withdraw", t_string!(i18n, prize_withdraw_button))
                .hidden("nomination_id", row.id)
                .danger();
        view! {
            <section aria-labelledby="edit-heading">
                <h2 id="edit-heading">{t!(i18n, prize_edit_heading)}</h2>
                <details>
                    <summary>{t!(i18n, prize_edit_summary)}</summary>
                    <EnhancedForm locale spec />
                </details>
                <h3>{t!(i18n, prize_withdraw_heading)}</h3>
                <p>{t!(i18n, prize_withdraw_lead)}</p>
                <EnhancedForm locale spec=withdraw />
            </section>
        }
    });
    let nominee_user = nomination
        .nominee_user
        .clone()
        .map(|u| format!(" ({})", u.name));
    let public = nomination.public;
    // The named colleague decides whether readers outside the municipality see their name.
    let shown_choice = nomination.names_reader.then(|| {
        let shown = row.shown_publicly;
        let (lead, label, value) = if shown {
            (
                t_string!(i18n, prize_shown_publicly_lead),
                t_string!(i18n, prize_hide_publicly_button),
                "false",
            )
        } else {
            (
                t_string!(i18n, prize_hidden_publicly_lead),
                t_string!(i18n, prize_show_publicly_button),
                "true",
            )
        };
        let spec = FormSpec::new::<ShowNomineePublicly>("shown-publicly", label)
            .notice(done("shown-publicly"), t_string!(i18n, prize_shown_publicly_done))
            .hidden("nomination_id", row.id)
            .hidden("shown", value);
        view! {
            <section aria-labelledby="shown-heading">
                <h2 id="shown-heading">{t!(i18n, prize_shown_publicly_heading)}</h2>
                <p>{lead}</p>
                <EnhancedForm locale spec />
            </section>
        }
    });
    let category = if public {
        view! {
            <dd>{format!("{} ({} {})", row.category.name, t_string!(i18n, prize_year_prefix), row.year)}</dd>
        }
        .into_any()
    } else {
        view! {
            <dd>
                <a href=format!("/pris/kategorier/{}", row.category.id)>
                    {format!("{} ({} {})", row.category.name, t_string!(i18n, prize_year_prefix), row.year)}
                </a>
            </dd>
        }
        .into_any()
    };
    let nominator = (!public).then(|| {
        view! {
            <dt>{t!(i18n, prize_col_nominator)}</dt>
            <dd>{row.nominator.name.clone()}</dd>
        }
    });
    let project = row.project.clone().map(|p| {
        view! {
            <dt>{t!(i18n, prize_col_project)}</dt>
            <dd><a href=format!("/prosjekter/{}", p.id)>{p.name}</a></dd>
        }
    });
    // Back to what the reader came from: the employees' gallery, or a published year's results.
    let back = if public {
        view! {
            <p>
                <a href=format!("/pris/aar/{}/resultater", row.year_id)>
                    {format!("{} {}", t_string!(i18n, prize_results_heading), row.year)}
                </a>
            </p>
        }
        .into_any()
    } else {
        view! {
            <p>
                <a href="/pris/nominasjoner">{t!(i18n, prize_back_to_gallery)}</a>
            </p>
        }
        .into_any()
    };
    view! {
        {back}
        {notice}
        <h1>{row.title.clone()}</h1>
        {withdrawn}
        {finalist}
        <dl class="facts">
            <dt>{t!(i18n, prize_col_nominee)}</dt>
            <dd>{nominee_text(locale, &row.nominee, row.shown_publicly)} {nominee_user}</dd>
            <dt>{t!(i18n, prize_col_category)}</dt>
            {category}
            <dt>{t!(i18n, prize_col_site)}</dt>
            <dd>{format!("{} · {}", row.site.name, row.sector.name)}</dd>
            {project}
            {nominator}
            <dt>{t!(i18n, prize_col_submitted)}</dt>
            <dd>{oslo_datetime(row.created_at)}</dd>
            <dt>{t!(i18n, prize_col_phase)}</dt>
            <dd>{phase_label(locale, nomination.phase)}</dd>
        </dl>
        <h2>{t!(i18n, prize_justification_heading)}</h2>
        <dl class="facts">{justification}</dl>
        {links}
        {shown_choice}
        {juror}
        {people}
        {edit}
    }
}

#[component]
fn JurorSection(
    nomination_id: i32,
    criteria: Vec<CriterionView>,
    panel: JurorPanel,
    ballot_done: bool,
    conflict_done: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let body = if let Some(why) = panel.recusal {
        view! {
            <Alert tone=Tone::Info>
                <p>{t!(i18n, prize_recused)} " " {recusal_label(locale, why)}</p>
            </Alert>
        }
        .into_any()
    } else if !panel.open {
        view! { <p>{t!(i18n, prize_ballot_closed)}</p> }.into_any()
    } else {
        view! { <BallotForms nomination_id criteria panel ballot_done conflict_done /> }.into_any()
    };
    view! {
        <section aria-labelledby="ballot-heading">
            <h2 id="ballot-heading">{t!(i18n, prize_ballot_heading)}</h2>
            <p>{t!(i18n, prize_ballot_secret)}</p>
            <p>{t!(i18n, prize_recusal_fixed)}</p>
            {body}
        </section>
    }
}

#[component]
fn BallotForms(
    nomination_id: i32,
    criteria: Vec<CriterionView>,
    panel: JurorPanel,
    ballot_done: bool,
    conflict_done: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let saved = panel.ballot.as_ref().map(|b| {
        format!(
            "{} {}",
            t_string!(i18n, prize_ballot_saved_at),
            oslo_datetime(b.updated_at)
        )
    });
    let choices = Choice::options((MIN_SCORE..=MAX_SCORE).map(|s| (s.to_string(), s.to_string())));
    let mut spec = FormSpec::new::<CastBallot>("ballot", t_string!(i18n, prize_ballot_button))
        .notice(ballot_done, t_string!(i18n, prize_ballot_done))
        .hidden("nomination_id", nomination_id);
    for criterion in criteria {
        let criterion_id = criterion.id;
        let name = format!(
            "{} ({} {})",
            criterion.name,
            t_string!(i18n, prize_weight),
            criterion.weight
        );
        let value = panel
            .ballot
            .as_ref()
            .and_then(|b| b.scores.get(&criterion_id))
            .map(|s| s.to_string())
            .unwrap_or_default();
        spec = spec.field(
            Field::radio(&format!("scores[{criterion_id}]"), name, choices.clone())
                .id(&format!("score-{criterion_id}"))
                .value(value),
        );
    }
    let spec = spec.field(
        Field::textarea("comment", t_string!(i18n, prize_field_comment))
            .id("ballot-comment")
            .value(
                panel
                    .ballot
                    .as_ref()
                    .and_then(|b| b.comment.clone())
                    .unwrap_or_default(),
            )
            .optional(),
    );
    let conflict =
        FormSpec::new::<DeclareConflict>("conflict", t_string!(i18n, prize_conflict_button))
            .notice(conflict_done, t_string!(i18n, prize_conflict_done))
            .hidden("nomination_id", nomination_id)
            .field(
                Field::textarea("reason", t_string!(i18n, prize_field_reason))
                    .id("conflict-reason")
                    .hint(t_string!(i18n, prize_field_reason_hint)),
            );
    view! {
        <p>{t!(i18n, prize_ballot_scale)}</p>
        {saved.map(|s| view! { <p>{s}</p> })}
        <EnhancedForm locale spec />
        <h3>{t!(i18n, prize_conflict_heading)}</h3>
        <EnhancedForm locale spec=conflict />
    }
}

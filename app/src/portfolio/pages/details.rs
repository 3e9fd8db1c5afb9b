//! The project page's form for its owner and members to change the project's details: name,
//! description, programme, budget, start date, tags and goals, each shown as it stands.

use leptos::prelude::*;

use crate::i18n::*;
use crate::portfolio::api::UpdateProject;
use crate::portfolio::domain::view::{Named, ProjectView};
use crate::ui::{Choice, EnhancedForm, Field, FormSpec};

#[component]
pub fn Details(project: ProjectView, programmes: Vec<Named>, done: bool) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = &project.row;
    let programme_choices =
        Choice::options(programmes.into_iter().map(|p| (p.id.to_string(), p.name)));
    let goals = project
        .sdgs
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let spec = FormSpec::new::<UpdateProject>("details", t_string!(i18n, pj_details_button))
        .notice(done, t_string!(i18n, pj_details_done))
        .hidden("project_id", row.id)
        .field(
            Field::text("name", t_string!(i18n, pj_details_name))
                .id("details-name")
                .value(row.name.clone()),
        )
        .field(
            Field::textarea("description", t_string!(i18n, pj_details_description))
                .id("details-description")
                .value(project.description.clone()),
        )
        .field(
            Field::select(
                "programme_id",
                t_string!(i18n, pj_details_programme),
                programme_choices,
            )
            .id("details-programme")
            .empty(t_string!(i18n, pj_details_no_programme))
            .value(
                row.programme
                    .as_ref()
                    .map(|p| p.id.to_string())
                    .unwrap_or_default(),
            )
            .optional(),
        )
        .field(
            Field::text("budget", t_string!(i18n, pj_details_budget))
                .id("details-budget")
                .hint(t_string!(i18n, pj_whole_number_hint))
                .value(row.budget.map(|b| b.0.to_string()).unwrap_or_default())
                .optional(),
        )
        .field(
            Field::text("started_on", t_string!(i18n, pj_details_started))
                .id("details-started")
                .hint(t_string!(i18n, date_hint))
                .value(row.started_on.map(|d| d.to_string()).unwrap_or_default())
                .optional(),
        )
        .field(
            Field::text("tags", t_string!(i18n, idea_field_tags))
                .id("details-tags")
                .hint(t_string!(i18n, idea_field_tags_hint))
                .value(project.tags.join(", "))
                .optional(),
        )
        .field(
            Field::text("sdgs", t_string!(i18n, idea_field_sdgs))
                .id("details-sdgs")
                .hint(t_string!(i18n, idea_field_sdgs_hint))
                .value(goals)
                .optional(),
        );
    view! {
        <section aria-labelledby="details-heading">
            <h2 id="details-heading">{t!(i18n, pj_details_heading)}</h2>
            <EnhancedForm locale spec />
        </section>
    }
}

//! The project page's section for its owner and members: who and what the project involves
//! (members, participating sites, partners, funding), each listed with a button to remove it
//! and a form to add one.

use leptos::prelude::*;

use crate::core::notice::Flash;
use crate::i18n::*;
use crate::org::domain::SectorWithSites;
use crate::portfolio::api::{AddFunding, AddMember, AddPartner, AddSite, RemoveFromProject};
use crate::portfolio::domain::involvement::Part;
use crate::portfolio::domain::project::PartnerKind;
use crate::portfolio::domain::view::ProjectView;
use crate::portfolio::pages::labels::partner_label;
use crate::ui::{Choice, EnhancedForm, Field, FormSpec, SuccessNotice};

/// One listed thing with its remove button.
struct Listed {
    id: i32,
    text: String,
}

#[component]
pub fn Involvement(
    project: ProjectView,
    flash: Option<Flash>,
    org: Vec<SectorWithSites>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let pid = project.row.id;
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let removed = done("remove");
    let remove_label = t_string!(i18n, pj_remove).to_string();
    let list = move |part: Part, items: Vec<Listed>, none: String| {
        if items.is_empty() {
            return view! { <p>{none}</p> }.into_any();
        }
        let remove_label = remove_label.clone();
        view! {
            <ul class="involved">
                {items
                    .into_iter()
                    .map(|item| {
                        let spec = FormSpec::new::<RemoveFromProject>(
                                &format!("remove-{}-{}", part.as_str(), item.id),
                                format!("{remove_label} {}", item.text),
                            )
                            .hidden("project_id", pid)
                            .hidden("part", part.as_str())
                            .hidden("id", item.id)
                            .class("inline-form");
                        view! {
                            <li>
                                <span>{item.text}</span>
                                " "
                                <EnhancedForm locale spec />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let members = project
        .members
        .iter()
        .filter(|m| m.id != project.owner.id)
        .map(|m| Listed {
            id: m.id,
            text: m.name.clone(),
        })
        .collect();
    let member = FormSpec::new::<AddMember>("add-members", t_string!(i18n, pj_member_button))
        .notice(done("add-members"), t_string!(i18n, pj_member_done))
        .hidden("project_id", pid)
        .field(
            Field::person(
                "user",
                t_string!(i18n, pj_member_user),
                crate::users::downloads::SUGGEST_PEOPLE,
            )
            .id("member-user")
            .hint(t_string!(i18n, pj_member_user_hint)),
        );

    let sites = project
        .sites
        .iter()
        .map(|s| Listed {
            id: s.id,
            text: s.name.clone(),
        })
        .collect();
    let today = crate::core::timefmt::oslo_date(crate::core::state::now());
    let taken: Vec<i32> = project
        .sites
        .iter()
        .map(|s| s.id)
        .chain([project.row.lead_site.id])
        .collect();
    let site_choices = crate::org::choices::site_choices(&org, today, &taken, None);
    let site = FormSpec::new::<AddSite>("add-sites", t_string!(i18n, pj_site_button))
        .notice(done("add-sites"), t_string!(i18n, pj_site_done))
        .hidden("project_id", pid)
        .field(
            Field::select("site_id", t_string!(i18n, pj_site_choice), site_choices)
                .id("site-id")
                .empty(t_string!(i18n, admin_none)),
        );

    let partners = project
        .partners
        .iter()
        .map(|p| Listed {
            id: p.id,
            text: format!("{} ({})", p.name, partner_label(locale, p.kind)),
        })
        .collect();
    let kinds = Choice::options(
        PartnerKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), partner_label(locale, k))),
    );
    let partner = FormSpec::new::<AddPartner>("add-partners", t_string!(i18n, pj_partner_button))
        .notice(done("add-partners"), t_string!(i18n, pj_partner_done))
        .hidden("project_id", pid)
        .field(
            Field::select("kind", t_string!(i18n, pj_partner_kind), kinds)
                .id("partner-kind")
                .empty(t_string!(i18n, admin_none)),
        )
        .field(Field::text("name", t_string!(i18n, pj_partner_name)).id("partner-name"));

    let funding = project
        .funding
        .iter()
        .map(|f| Listed {
            id: f.id,
            text: format!("{}: {}", f.source, f.amount.format_nb()),
        })
        .collect();
    let money = FormSpec::new::<AddFunding>("add-funding", t_string!(i18n, pj_funding_button))
        .notice(done("add-funding"), t_string!(i18n, pj_funding_done))
        .hidden("project_id", pid)
        .field(Field::text("source", t_string!(i18n, pj_funding_source)).id("funding-source"))
        .field(
            Field::text("amount", t_string!(i18n, pj_funding_amount))
                .id("funding-amount")
                .hint(t_string!(i18n, pj_whole_number_hint)),
        );

    view! {
        <section aria-labelledby="involvement-heading">
            <h2 id="involvement-heading">{t!(i18n, pj_involvement_heading)}</h2>
            {removed
                .then(|| view! { <SuccessNotice>{t!(i18n, pj_removed)}</SuccessNotice> })}
            <h3>{t!(i18n, pj_members)}</h3>
            {list(Part::Members, members, t_string!(i18n, pj_members_none).to_string())}
            <EnhancedForm locale spec=member />
            <h3>{t!(i18n, pj_sites)}</h3>
            {list(Part::Sites, sites, t_string!(i18n, pj_sites_none).to_string())}
            <EnhancedForm locale spec=site />
            <h3>{t!(i18n, pj_partners)}</h3>
            {list(Part::Partners, partners, t_string!(i18n, pj_partners_none).to_string())}
            <EnhancedForm locale spec=partner />
            <h3>{t!(i18n, pj_funding)}</h3>
            {list(Part::Funding, funding, t_string!(i18n, pj_funding_none).to_string())}
            <EnhancedForm locale spec=money />
        </section>
    }
}

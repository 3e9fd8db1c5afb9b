//! One leader group (`/lup/grupper/{id}`, DESIGN §5): its members, the attendance grid (one
//! check box per gathering and member, a plain form that works before the WebAssembly
//! loads and with the keyboard alone), its status and the forms that change them.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::date_nb;
use crate::i18n::*;
use crate::lup::api::{
    AddGroupMember, ChangeGroupStatus, RecordGroupAttendance, load_group,
};
use crate::lup::domain::group::{GroupStatus, cell_name};
use crate::lup::domain::member::MemberRole;
use crate::lup::domain::view::GroupView;
use crate::lup::pages::labels::{group_status_label, role_label};
use crate::ui::{Choice, DataTable, EnhancedForm, Field, FormSpec, PageTitle, SuccessNotice};

#[component]
pub fn GroupPage() -> impl IntoView {
    let i18n = use_i18n();
    let group_id = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i32>().ok())
        .unwrap_or(0);
    view! {
        <PageTitle text=move || t_string!(i18n, lup_group_title).to_string() />
        {Suspend::new(async move {
            let (group, manage) = match load_group(group_id).await {
                Ok(page) => (page.model, page.manages),
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = if manage {
                crate::auth::service::take_flash().await.ok().flatten()
            } else {
                None
            };
            view! { <Group group manage flash /> }.into_any()
        })}
    }
}

#[component]
fn Group(group: GroupView, manage: bool, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let row = group.row.clone();
    let done = |form: &str| Flash::for_form(&flash, form).is_some();
    let today = crate::core::timefmt::oslo_date(crate::core::state::now());
    let members = group
        .members
        .iter()
        .map(|m| {
            view! {
                <tr>
                    <th scope="row">{m.display_name()}</th>
                    <td>{role_label(locale, m.role)}</td>
                </tr>
            }
        })
        .collect_view();
    let attendance_saved = done("attendance");
    let grid = view! { <Grid group=group.clone() editable=manage today saved=attendance_saved /> };
    let forms = manage.then(|| {
        let roles = Choice::options(
            MemberRole::ALL
                .into_iter()
                .map(|r| (r.as_str().to_owned(), role_label(locale, r))),
        );
        let member = FormSpec::new::<AddGroupMember>("member", t_string!(i18n, lup_member_button))
            .notice(done("member"), t_string!(i18n, lup_member_done))
            .hidden("group_id", row.id)
            .field(
                Field::select("role", t_string!(i18n, lup_member_role), roles)
                    .id("member-role")
                    .value(MemberRole::Leader.as_str()),
            )
            .field(
                Field::person(
                    "email",
                    t_string!(i18n, lup_member_email),
                    crate::users::downloads::SUGGEST_PEOPLE,
                )
                .id("member-email")
                .hint(t_string!(i18n, lup_member_email_hint))
                .optional(),
            )
            .field(
                Field::text("guest_name", t_string!(i18n, lup_member_guest_name))
                    .id("member-guest-name")
                    .hint(t_string!(i18n, lup_member_guest_hint))
                    .optional(),
            )
            .field(
                Field::text(
                    "guest_organisation",
                    t_string!(i18n, lup_member_guest_organisation),
                )
                .id("member-guest-organisation")
                .optional(),
            );
        let final_status = row.status.is_final();
        let statuses = Choice::options(
            [
                (
                    "in_progress",
                    t_string!(i18n, lup_status_in_progress).to_string(),
                ),
                (
                    "completed",
                    t_string!(i18n, lup_status_completed).to_string(),
                ),
                (
                    "withdrawn",
                    t_string!(i18n, lup_status_withdrawn).to_string(),
                ),
            ]
            .into_iter()
            .filter(|(key, _)| *key != "in_progress" || row.status == GroupStatus::Enrolled)
            .map(|(k, v)| (k.to_owned(), v)),
        );
        let status =
            FormSpec::new::<ChangeGroupStatus>("status", t_string!(i18n, lup_status_button))
                .notice(done("status"), t_string!(i18n, lup_status_done))
                .hidden("group_id", row.id)
                .field(
                    Field::select("status", t_string!(i18n, lup_status_new), statuses)
                        .id("status-new")
                        .empty(t_string!(i18n, admin_none)),
                )
                .field(
                    Field::text("date", t_string!(i18n, lup_status_date))
                        .id("status-date")
                        .hint(t_string!(i18n, lup_status_date_hint))
                        .value(today.to_string())
                        .optional(),
                )
                .field(
                    Field::textarea("reason", t_string!(i18n, lup_status_reason))
                        .id("status-reason")
                        .hint(t_string!(i18n, lup_status_reason_hint))
                        .optional(),
                )
                .field(
                    Field::text("project_id", t_string!(i18n, lup_status_project))
                        .id("status-project")
                        .hint(t_string!(i18n, lup_status_project_hint))
                        .optional(),
                );
        view! {
            <section aria-labelledby="member-form-heading">
                <h2 id="member-form-heading">{t!(i18n, lup_new_member_heading)}</h2>
                <EnhancedForm locale spec=member />
            </section>
            {(!final_status)
                .then(|| {
                    view! {
                        <section aria-labelledby="status-form-heading">
                            <h2 id="status-form-heading">{t!(i18n, lup_status_heading)}</h2>
                            <EnhancedForm locale spec=status />
                        </section>
                    }
                })}
        }
    });
    view! {
        <p>
            <a href=format!("/lup/kull/{}", group.cohort.id)>{group.cohort.name.clone()}</a>
        </p>
        <h1>{row.site.name.clone()}</h1>
        <dl class="facts">
            <dt>{t!(i18n, lup_col_sector)}</dt>
            <dd>{row.sector.name.clone()}</dd>
            <dt>{t!(i18n, lup_col_status)}</dt>
            <dd>{group_status_label(locale, row.status)}</dd>
            {group
                .withdrawn_reason
                .clone()
                .map(|reason| {
                    view! {
                        <dt>{t!(i18n, lup_status_reason)}</dt>
                        <dd>{reason}</dd>
                    }
                })}
            <dt>{t!(i18n, lup_col_attendance)}</dt>
            <dd>
                {row
                    .attendance_percent
                    .map(|p| format!("{p}\u{a0}%"))
                    .unwrap_or_else(|| t_string!(i18n, lup_none).to_string())}
            </dd>
            {group
                .project
                .clone()
                .map(|p| {
                    view! {
                        <dt>{t!(i18n, lup_project)}</dt>
                        <dd>
                            <a href=format!("/prosjekter/{}", p.id)>{p.name}</a>
                        </dd>
                    }
                })}
        </dl>
        <section aria-labelledby="members-heading">
            <h2 id="members-heading">{t!(i18n, lup_members_heading)}</h2>
            {if group.members.is_empty() {
                view! { <p>{t!(i18n, lup_members_none)}</p> }.into_any()
            } else {
                view! {
                    <DataTable label=t_string!(i18n, lup_members_heading).to_string()>
                        <caption class="visually-hidden">{t!(i18n, lup_members_heading)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, lup_col_name)}</th>
                                <th scope="col">{t!(i18n, lup_member_role)}</th>
                            </tr>
                        </thead>
                        <tbody>{members}</tbody>
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
        {grid}
        {forms}
    }
}

/// The attendance grid: a row per member, a column per gathering held so far. For those who
/// may record it, each cell is a labelled check box and the grid is one form.
#[component]
fn Grid(group: GroupView, editable: bool, today: time::Date, saved: bool) -> impl IntoView {
    let i18n = use_i18n();
    let held: Vec<_> = group
        .gatherings
        .iter()
        .filter(|g| g.held_on <= today)
        .cloned()
        .collect();
    if held.is_empty() || group.members.is_empty() {
        return view! {
            <section aria-labelledby="attendance-heading">
                <h2 id="attendance-heading">{t!(i18n, lup_attendance_heading)}</h2>
                <p>{t!(i18n, lup_attendance_none)}</p>
            </section>
        }
        .into_any();
    }
    let present = |gathering: i32, member: i32| {
        group
            .attendance
            .iter()
            .find(|a| a.gathering_id == gathering && a.member_id == member)
            .map(|a| a.present)
    };
    let yes = t_string!(i18n, lup_present).to_string();
    let no = t_string!(i18n, lup_absent).to_string();
    let unknown = t_string!(i18n, lup_not_recorded).to_string();
    let rows = group
        .members
        .iter()
        .map(|m| {
            let name = m.display_name();
            let cells = held
                .iter()
                .map(|g| {
                    let mark = present(g.id, m.id);
                    if editable {
                        let id = cell_name(g.id, m.id);
                        let label = format!("{name}, {}", date_nb(g.held_on));
                        view! {
                            <td class="grid-cell">
                                <input
                                    type="checkbox"
                                    id=id.clone()
                                    name=format!("marks[{id}]")
                                    value="on"
                                    checked=mark == Some(true)
                                    aria-label=label
                                />
                            </td>
                        }
                        .into_any()
                    } else {
                        let text = match mark {
                            Some(true) => yes.clone(),
                            Some(false) => no.clone(),
                            None => unknown.clone(),
                        };
                        view! { <td>{text}</td> }.into_any()
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let table = view! {
        <DataTable label=t_string!(i18n, lup_attendance_heading).to_string()>
            <caption class="visually-hidden">{t!(i18n, lup_attendance_heading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, lup_col_name)}</th>
                    {held
                        .iter()
                        .map(|g| {
                            view! {
                                <th scope="col">
                                    {date_nb(g.held_on)}
                                    <br />
                                    <span class="muted">{g.theme.clone()}</span>
                                </th>
                            }
                        })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </DataTable>
    };
    let body = if editable {
        view! {
            <form method="post" action=RecordGroupAttendance::url() class="attendance-grid">
                <input type="hidden" name="group_id" value=group.row.id />
                <p id="attendance-help">{t!(i18n, lup_attendance_help)}</p>
                {table}
                <button type="submit" class="ds-button" data-variant="primary">
                    {t!(i18n, lup_attendance_button)}
                </button>
            </form>
        }
        .into_any()
    } else {
        table.into_any()
    };
    view! {
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">{t!(i18n, lup_attendance_heading)}</h2>
            {saved
                .then(|| view! { <SuccessNotice>{t!(i18n, lup_attendance_done)}</SuccessNotice> })}
            {body}
        </section>
    }
    .into_any()
}

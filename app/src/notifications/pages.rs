//! `/varsler`: the signed-in user's notifications, newest first, with the unread ones marked;
//! and which of them they also get by e-mail (issue 30).

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::notice::Flash;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::notifications::api::{
    MarkNotificationsRead, SaveMailPreferences, load_mail_preferences, load_mine,
};
use crate::notifications::domain::Notification;
use crate::notifications::text::{detail_shown_apart, headline, kind_label};
use crate::ui::{EnhancedForm, Field, FormSpec, PageTitle, Tag};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <PageTitle text=move || t_string!(i18n, notifications_title).to_string() />
        <h1>{t!(i18n, notifications_heading)}</h1>
        {Suspend::new(async move {
            let (items, unread) = match load_mine().await {
                Ok(mine) => mine,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let (chosen, mail_on) = match load_mail_preferences().await {
                Ok(chosen) => chosen,
                Err(error) => return view! { <ErrorPage error /> }.into_any(),
            };
            let flash = crate::auth::service::take_flash().await.ok().flatten();
            let list = if items.is_empty() {
                view! { <p role="status">{t!(i18n, notifications_none)}</p> }.into_any()
            } else {
                let mark = (unread > 0)
                    .then(|| {
                        FormSpec::new::<MarkNotificationsRead>(
                            "read",
                            t_string!(i18n, notifications_mark_read),
                        )
                    });
                view! {
                    <p role="status">{t!(i18n, notifications_unread, count = move || unread)}</p>
                    {mark.map(|spec| view! { <EnhancedForm locale spec /> })}
                    <ol class="comments">
                        {items.into_iter().map(|n| view! { <Item n /> }).collect_view()}
                    </ol>
                }
                    .into_any()
            };
            let mut mail = FormSpec::new::<SaveMailPreferences>(
                    "mail",
                    t_string!(i18n, notifications_mail_save),
                )
                .notice(
                    Flash::for_form(&flash, "mail").is_some(),
                    t_string!(i18n, notifications_mail_saved),
                );
            for (kind, on) in chosen {
                mail = mail
                    .field(
                        Field::check(kind.as_str(), kind_label(locale, kind), "on")
                            .id(&format!("mail-{}", kind.as_str()))
                            .checked(on),
                    );
            }
            view! {
                {list}
                <section aria-labelledby="e-post">
                    <h2 id="e-post">{t!(i18n, notifications_mail_heading)}</h2>
                    <p>
                        {if mail_on {
                            t_string!(i18n, notifications_mail_lead)
                        } else {
                            t_string!(i18n, notifications_mail_off)
                        }}
                    </p>
                    <EnhancedForm locale spec=mail />
                </section>
            }
                .into_any()
        })}
    }
}

#[component]
fn Item(n: Notification) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let what = headline(locale, &n);
    let detail = detail_shown_apart(n.kind).then(|| n.detail.clone());
    view! {
        <li>
            <p>
                {(!n.read).then(|| view! { <Tag text=t_string!(i18n, notifications_new).to_string() /> " " })}
                <strong>
                    <a href=n.link.clone()>{what}</a>
                </strong>
            </p>
            {detail.map(|d| view! { <p class="prose">{d}</p> })}
            <p>{oslo_datetime(n.created_at)}</p>
        </li>
    }
}

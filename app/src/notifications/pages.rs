//! `/varsler`: the signed-in user's notifications, newest first, with the unread ones marked.

use leptos::prelude::*;

use crate::auth::refused::ErrorPage;
use crate::core::timefmt::oslo_datetime;
use crate::i18n::*;
use crate::notifications::api::{MarkNotificationsRead, load_mine};
use crate::notifications::domain::{Notification, NotificationKind};
use crate::ui::{EnhancedForm, FormSpec, PageTitle, Tag};

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
            if items.is_empty() {
                return view! { <p role="status">{t!(i18n, notifications_none)}</p> }.into_any();
            }
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
        })}
    }
}

#[component]
fn Item(n: Notification) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let status = status_label(locale, &n.status);
    let subject = n.subject.clone();
    let what = match n.kind {
        NotificationKind::IdeaAssessed => {
            view! { {t!(i18n, notifications_idea_assessed, title = subject.clone(), status = status.clone())} }.into_any()
        }
        NotificationKind::Nominated => {
            view! { {t!(i18n, notifications_nominated, title = subject.clone())} }.into_any()
        }
        NotificationKind::CoAuthor => {
            view! { {t!(i18n, notifications_co_author, title = subject.clone())} }.into_any()
        }
    };
    view! {
        <li>
            <p>
                {(!n.read).then(|| view! { <Tag text=t_string!(i18n, notifications_new).to_string() /> " " })}
                <strong>
                    <a href=n.link.clone()>{what}</a>
                </strong>
            </p>
            <p class="prose">{n.detail.clone()}</p>
            <p>{oslo_datetime(n.created_at)}</p>
        </li>
    }
}

/// An idea's status in the reader's words. The notification stores the key, so that it reads
/// in the reader's language; the words are the portfolio's (the same translation keys), named
/// here so that this feature does not import the portfolio that writes to it.
fn status_label(locale: Locale, status: &str) -> String {
    match status {
        "submitted" => td_string!(locale, status_submitted),
        "under_assessment" => td_string!(locale, status_under_assessment),
        "accepted" => td_string!(locale, status_accepted),
        "parked" => td_string!(locale, status_parked),
        "declined" => td_string!(locale, status_declined),
        _ => "",
    }
    .to_string()
}

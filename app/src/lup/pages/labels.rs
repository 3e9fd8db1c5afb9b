//! LUP's words for its states and roles, in the page's language.

use crate::i18n::*;
use crate::lup::domain::coverage::Share;
use crate::lup::domain::group::GroupStatus;
use crate::lup::domain::member::MemberRole;

pub fn group_status_label(locale: Locale, status: GroupStatus) -> String {
    let date = status.date().map(crate::core::timefmt::date_nb);
    let name = match status {
        GroupStatus::Enrolled => td_string!(locale, lup_status_enrolled),
        GroupStatus::InProgress => td_string!(locale, lup_status_in_progress),
        GroupStatus::Completed { .. } => td_string!(locale, lup_status_completed),
        GroupStatus::Withdrawn { .. } => td_string!(locale, lup_status_withdrawn),
    };
    match date {
        Some(date) => format!("{name} {date}"),
        None => name.to_string(),
    }
}

pub fn role_label(locale: Locale, role: MemberRole) -> String {
    match role {
        MemberRole::Leader => td_string!(locale, lup_role_leader),
        MemberRole::Enthusiast => td_string!(locale, lup_role_enthusiast),
        MemberRole::Guest => td_string!(locale, lup_role_guest),
    }
    .to_string()
}

/// "140 av 198 (71 %)".
pub fn share_text(locale: Locale, share: Share) -> String {
    let of = td_string!(locale, lup_of);
    format!(
        "{} {of} {} ({}\u{a0}%)",
        share.covered,
        share.active,
        share.percent()
    )
}

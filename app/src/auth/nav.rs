//! Entries of the main menu. Each feature declares its own (`NAV` in its `mod.rs`); the shell
//! shows those the acting user may use, so a new feature adds its pages without touching the
//! shell's markup.

use crate::auth::{Actor, Permission};
use crate::i18n::Locale;

/// One menu entry: where it leads, its label, and the permission it needs (None: everyone).
pub struct NavEntry {
    pub href: &'static str,
    pub label: fn(Locale) -> String,
    pub requires: Option<&'static dyn Permission>,
}

impl NavEntry {
    pub fn shown_to(&self, actor: &Actor) -> bool {
        self.requires.is_none_or(|action| action.allows(actor))
    }

    /// Whether the entry is the page at `path` (or a page under it, for sections).
    pub fn is_current(&self, path: &str) -> bool {
        path == self.href
            || (self.href != "/"
                && path
                    .strip_prefix(self.href)
                    .is_some_and(|rest| rest.starts_with('/')))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{Action, Actor};

    fn entry(href: &'static str, requires: Option<&'static dyn Permission>) -> NavEntry {
        NavEntry {
            href,
            label: |_| String::new(),
            requires,
        }
    }

    #[test]
    fn an_entry_needing_a_permission_is_hidden_from_the_anonymous() {
        assert!(entry("/organisasjon", None).shown_to(&Actor::Anonymous));
        assert!(!entry("/admin/brukere", Some(&Action::ManageUsers)).shown_to(&Actor::Anonymous));
    }

    #[test]
    fn a_section_entry_is_current_on_its_subpages_only() {
        let users = entry("/admin/brukere", None);
        assert!(users.is_current("/admin/brukere"));
        assert!(users.is_current("/admin/brukere/7"));
        assert!(!users.is_current("/admin/brukere-x"));
        assert!(!entry("/", None).is_current("/organisasjon"));
    }
}

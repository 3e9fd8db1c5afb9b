//! Plural rules for leptos_i18n (issue 30: "1 uleste varsler"): its `_one`/`_other` keys pick
//! their form by ICU's plural rules for the page's language. Without ICU's compiled data in
//! leptos_i18n (its switch for that pulls in formatting crates whose ICU versions conflict
//! with the ones locked here), it asks a provider; this one answers from `icu_plurals`' own
//! compiled rules. Installed once on the server and once in the browser.

use icu_plurals::{PluralRuleType, PluralRules, PluralRulesOptions};
use leptos_i18n::reexports::icu::locid::Locale;
use leptos_i18n::reexports::icu::provider::DataError;

struct CompiledPluralRules;

impl leptos_i18n::custom_provider::IcuDataProvider for CompiledPluralRules {
    fn try_new_plural_rules(
        &self,
        locale: &Locale,
        rule_type: PluralRuleType,
    ) -> Result<PluralRules, DataError> {
        PluralRules::try_new(
            locale.into(),
            PluralRulesOptions::default().with_type(rule_type),
        )
    }
}

/// Gives leptos_i18n its plural rules; before it, a plural key panics.
pub fn install() {
    leptos_i18n::custom_provider::set_icu_data_provider(CompiledPluralRules);
}

#[cfg(test)]
mod tests {
    use crate::i18n::*;

    #[test]
    fn one_and_other_follow_the_language_rules() {
        super::install();
        let form = |locale, n: u64| {
            leptos_i18n::td_plural! { locale, count = move || n, one => "one", _ => "other" }
        };
        for locale in [Locale::nb, Locale::en] {
            assert_eq!(form(locale, 1), "one", "{locale:?}");
            assert_eq!(form(locale, 0), "other", "{locale:?}");
            assert_eq!(form(locale, 2), "other", "{locale:?}");
            assert_eq!(form(locale, 21), "other", "{locale:?}");
        }
    }
}

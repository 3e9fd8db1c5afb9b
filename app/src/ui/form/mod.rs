//! Every form of the app that answers in place: [`EnhancedForm`], driven by a [`FormSpec`]
//! that the page builds on the server (labels already translated, values filled in, the
//! server function to post to), rendered on the server (`render`) inside one small island
//! (`behaviour::FormBehaviour`). Without JavaScript it is a plain HTML form that posts to the
//! server function, which answers with a redirect (see `core::notice`). With it, the island
//! posts the same fields itself and writes a refusal beside the fields without a reload,
//! keeping what was typed; an accepted form follows the server's redirect.
//!
//! Why one island rather than one per form: each `#[island]` with its own `ActionForm` adds
//! its view and the server function's form decoding to the wasm (about 7 KB gzip per form,
//! measured in issue 9), and the portfolio, LUP, fund and prize features bring dozens of forms.
//! A form is data here, so a new form costs no wasm at all; and since the form's markup is the
//! island's children, rendered on the server, none of it is in the wasm either (issue 25: the
//! island that rendered the fields itself cost about 45 KB gzip). Islands of their own remain for
//! what a form spec cannot express (charts, the attendance grid, the ceremony mode).

mod behaviour;
mod render;
mod spec;
mod textarea;

pub use render::EnhancedForm;
#[cfg(feature = "ssr")]
pub use spec::follows_refused_post;
pub use spec::{Choice, Field, FieldKind, FormSpec};

/// A form's server HTML, rendered as in a request: under the server's shared context, which an
/// island with children needs.
#[cfg(all(test, feature = "ssr"))]
pub(crate) fn server_html(locale: crate::i18n::Locale, spec: FormSpec) -> String {
    use leptos::prelude::*;
    let context = std::sync::Arc::new(hydration_context::SsrSharedContext::new());
    Owner::new_root(Some(context))
        .with(|| view! { <EnhancedForm locale spec /> }.into_view().to_html())
}

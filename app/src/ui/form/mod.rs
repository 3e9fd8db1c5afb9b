//! Every form of the app that answers in place: one island, [`EnhancedForm`], driven by a
//! [`FormSpec`] that the page builds on the server (labels already translated, values filled
//! in, the server function to post to). Without JavaScript it is a plain HTML form that posts
//! to the server function, which answers with a redirect (see `core::notice`). With it, the
//! island posts the same fields itself and shows a refusal beside the fields without a reload,
//! keeping what was typed; an accepted form follows the server's redirect.
//!
//! Why one island rather than one per form: each `#[island]` with its own `ActionForm` adds
//! its view and the server function's form decoding to the wasm (about 7 KB gzip per form,
//! measured in issue 9), and the portfolio, LUP, fund and prize features bring dozens of forms.
//! A form is data here, so a new form costs no wasm at all. Islands of their own remain for
//! what a form spec cannot express (charts, the attendance grid, the ceremony mode).

mod island;
mod spec;
mod textarea;

pub use island::EnhancedForm;
#[cfg(feature = "ssr")]
pub use spec::follows_refused_post;
pub use spec::{Choice, Field, FieldKind, FormSpec};

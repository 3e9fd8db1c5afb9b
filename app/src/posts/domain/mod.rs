//! Tanketanken's pure rules (DESIGN §8): a post's form, its Markdown made safe, who may do
//! what, and the views the pages and the API show. No I/O.

#[cfg(feature = "ssr")]
pub mod markdown;
pub mod permission;
pub mod post;
pub mod view;

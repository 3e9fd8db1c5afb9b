//! The innovation portfolio (DESIGN §4): ideas from employees becoming projects that move
//! through KS' phases, with benefits planned and realised and what each project lets the
//! municipality stop doing. So far: the pure domain, the schema and the roadmap's reading; the
//! rest of the service, the pages and the REST endpoints follow in the shape of `org` and
//! `users` (issue 12).

pub mod domain;
#[cfg(feature = "ssr")]
pub mod service;

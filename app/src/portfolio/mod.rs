//! The innovation portfolio (DESIGN §4): ideas from employees becoming projects that move
//! through KS' phases, with benefits planned and realised and what each project lets the
//! municipality stop doing. This first part is the pure domain; the service, pages and REST
//! endpoints follow in the same shape as `org` and `users` (issue 12).

pub mod domain;

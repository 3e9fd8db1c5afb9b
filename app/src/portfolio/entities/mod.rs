//! The tables the portfolio owns (sea-orm entities: the database shape). No other feature reads
//! them; they ask `portfolio::read`.

pub mod benefit;
pub mod benefit_measurement;
pub mod discontinuation;
pub mod idea;
pub mod idea_comment;
pub mod idea_sdg;
pub mod idea_support;
pub mod idea_tag;
pub mod phase;
pub mod phase_change;
pub mod programme;
pub mod project;
pub mod project_funding;
pub mod project_member;
pub mod project_partner;
pub mod project_sdg;
pub mod project_site;
pub mod project_tag;
pub mod tag;

//! The tables Tanketanken owns (sea-orm entities: the database shape). No other feature
//! reads them.

pub mod post;
pub mod post_author;
pub mod post_comment;
pub mod post_image;
pub mod post_link;
pub mod post_reaction;
pub mod post_revision;
pub mod post_tag;

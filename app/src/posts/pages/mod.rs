//! Tanketanken's pages (DESIGN §8): the front page with its filters and search, a post, and
//! the form of a new or changed post with its images.

mod edit;
mod front;
mod labels;
mod post;

pub use edit::{EditPostPage, NewPostPage};
pub use front::PostsPage;
pub use post::PostPage;

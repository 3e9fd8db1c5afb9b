//! Who may do what with Tanketanken's posts (DESIGN §2 and §8): a row of the permission
//! matrix per action, checked through `auth::authorize`.

use crate::auth::{Actor, Permission, Role};

/// What the posts' service can be asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostAction {
    /// Read a post: a published public post is anyone's (DESIGN §2: anonymous visitors see
    /// published public posts); a published internal post every employee's; a draft its
    /// authors' and the editors'.
    Read {
        published: bool,
        public: bool,
        author: bool,
    },
    /// Write a new post (every employee, DESIGN §2).
    Write,
    /// Change a post's text, tags, links, authors or images: its authors; an editor
    /// moderates.
    Edit { author: bool },
    /// Publish a post internally (its authors, an editor), or make it public: an editor's
    /// approval only (DESIGN §2: the editor publishes to the public feed).
    Publish { author: bool, public: bool },
    /// Feature a post, hide a comment (the editors; an admin stands in).
    Moderate,
    /// Comment on, or react to, a published post the actor can read (employees).
    Take { published: bool },
    /// Delete a comment: its own author only (an editor hides instead, with a reason).
    DeleteComment { own: bool },
}

fn editor(actor: &Actor) -> bool {
    actor.is_admin() || actor.holds(Role::Editor)
}

impl Permission for PostAction {
    fn allows(&self, actor: &Actor) -> bool {
        let signed_in = actor.user().is_some();
        match *self {
            PostAction::Read {
                published,
                public,
                author,
            } => {
                (published && (public || actor.is_employee()))
                    || (signed_in && author)
                    || editor(actor)
            }
            PostAction::Write => signed_in,
            PostAction::Edit { author } => signed_in && (author || editor(actor)),
            PostAction::Publish { author, public } => {
                signed_in && if public { editor(actor) } else { author || editor(actor) }
            }
            // The system stands in for the editors (the demo's moderation).
            PostAction::Moderate => editor(actor),
            PostAction::Take { published } => signed_in && published,
            PostAction::DeleteComment { own } => signed_in && own,
        }
    }
}

/// Whether the actor edits as an editor (the pages offer the editors' steps).
pub fn is_editor(actor: &Actor) -> bool {
    actor.user().is_some() && editor(actor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::permission::testing::user_with;
    use crate::auth::{Actor, Role, authorize};

    #[test]
    fn public_posts_are_anyones_internal_ones_employees_and_drafts_their_authors_and_editors() {
        let read = |published, public, author| PostAction::Read {
            published,
            public,
            author,
        };
        let anonymous = Actor::Anonymous;
        assert!(authorize(&anonymous, read(true, true, false)).is_ok());
        assert!(authorize(&anonymous, read(true, false, false)).is_err());
        assert!(authorize(&anonymous, read(false, true, false)).is_err());
        let employee = user_with(&[]);
        assert!(authorize(&employee, read(true, false, false)).is_ok());
        assert!(authorize(&employee, read(false, false, false)).is_err());
        assert!(authorize(&employee, read(false, false, true)).is_ok());
        assert!(authorize(&user_with(&[Role::Editor]), read(false, false, false)).is_ok());
    }

    #[test]
    fn only_an_editor_makes_a_post_public_and_moderates() {
        let employee = user_with(&[]);
        let editor = user_with(&[Role::Editor]);
        let publish = |author, public| PostAction::Publish { author, public };
        assert!(authorize(&employee, publish(true, false)).is_ok());
        assert!(authorize(&employee, publish(true, true)).is_err());
        assert!(authorize(&employee, publish(false, false)).is_err());
        assert!(authorize(&editor, publish(false, true)).is_ok());
        assert!(authorize(&user_with(&[Role::Admin]), publish(false, true)).is_ok());
        assert!(authorize(&employee, PostAction::Moderate).is_err());
        assert!(authorize(&editor, PostAction::Moderate).is_ok());
        assert!(authorize(&employee, PostAction::Edit { author: false }).is_err());
        assert!(authorize(&employee, PostAction::Edit { author: true }).is_ok());
        assert!(authorize(&editor, PostAction::DeleteComment { own: false }).is_err());
        assert!(authorize(&Actor::Anonymous, PostAction::Write).is_err());
        assert!(authorize(&Actor::Anonymous, PostAction::Take { published: true }).is_err());
        assert!(authorize(&employee, PostAction::Take { published: false }).is_err());
    }
}

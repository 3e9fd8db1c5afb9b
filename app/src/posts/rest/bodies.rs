//! Tanketanken's JSON bodies (issue 29): what clients send and what they get back, each under
//! a name of its own in the OpenAPI document.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::core::timefmt::rfc3339;
use crate::http::common::NamedBody;
use crate::posts::domain::post::{CommentText, PostForm, PublishForm};
use crate::posts::domain::view::{CommentView, LinkView, PostRow, PostView};

/// A post in a list.
#[derive(Serialize, ToSchema)]
pub struct PostSummaryBody {
    pub id: i32,
    pub title: String,
    pub summary: String,
    /// `draft` or `published`.
    pub status: String,
    /// `internal` or `public`.
    pub visibility: String,
    pub featured: bool,
    pub authors: Vec<NamedBody>,
    pub tags: Vec<String>,
    pub sector: Option<NamedBody>,
    /// The cover image's address, if it has one.
    pub cover_url: Option<String>,
    #[schema(format = DateTime, value_type = Option<String>)]
    pub published_at: Option<String>,
    #[schema(format = DateTime, value_type = String)]
    pub updated_at: String,
}

impl From<PostRow> for PostSummaryBody {
    fn from(r: PostRow) -> Self {
        Self {
            id: r.id,
            title: r.title,
            summary: r.summary,
            status: r.status.as_str().into(),
            visibility: r.visibility.as_str().into(),
            featured: r.featured,
            authors: r.authors.into_iter().map(Into::into).collect(),
            tags: r.tags,
            sector: r.sector.map(Into::into),
            cover_url: r.cover.map(|c| c.url),
            published_at: r.published_at.map(rfc3339),
            updated_at: rfc3339(r.updated_at),
        }
    }
}

/// A link from a post to a project, fund application or prize nomination.
#[derive(Serialize, ToSchema)]
pub struct PostLinkBody {
    /// `project`, `application` or `nomination`.
    pub kind: String,
    pub id: i32,
    pub title: String,
    pub href: String,
}

impl From<LinkView> for PostLinkBody {
    fn from(l: LinkView) -> Self {
        Self {
            kind: l.kind,
            id: l.id,
            title: l.title,
            href: l.href,
        }
    }
}

/// One post: its Markdown (for its authors and the editors) and the sanitised HTML.
#[derive(Serialize, ToSchema)]
pub struct PostDetailBody {
    #[serde(flatten)]
    pub post: PostSummaryBody,
    /// The Markdown as written: empty unless the caller may change the post.
    pub body: String,
    /// The sanitised HTML made from it.
    pub body_html: String,
    pub links: Vec<PostLinkBody>,
    /// The co-authors' e-mail addresses (for those who may change the post).
    pub co_author_emails: Vec<String>,
    /// The version read (its last change, in nanoseconds): give it when publishing.
    pub version: i64,
}

impl From<PostView> for PostDetailBody {
    fn from(v: PostView) -> Self {
        Self {
            version: i64::try_from(v.row.updated_at.unix_timestamp_nanos()).unwrap_or(i64::MAX),
            post: v.row.into(),
            body: v.body,
            body_html: v.body_html,
            links: v.links.into_iter().map(Into::into).collect(),
            co_author_emails: v.co_author_emails,
        }
    }
}

/// A new post (a draft): the writer is its first author.
#[derive(Deserialize, ToSchema)]
pub struct PostInBody {
    pub title: String,
    pub summary: String,
    /// Markdown; rendered to sanitised HTML.
    pub body: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub co_author_emails: Vec<String>,
    #[serde(default)]
    pub project_ids: Vec<i64>,
    #[serde(default)]
    pub application_ids: Vec<i64>,
    #[serde(default)]
    pub nomination_ids: Vec<i64>,
}

fn ids(items: &[i64]) -> String {
    items.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

impl From<PostInBody> for PostForm {
    fn from(b: PostInBody) -> Self {
        PostForm {
            title: b.title,
            summary: b.summary,
            body: b.body,
            tags: String::new(),
            tag_list: Some(b.tags),
            co_authors: crate::http::common::email_list_field(&b.co_author_emails),
            project_ids: ids(&b.project_ids),
            application_ids: ids(&b.application_ids),
            nomination_ids: ids(&b.nomination_ids),
        }
    }
}

/// A change to a post: the fields given replace the post's; those left out stay.
#[derive(Deserialize, ToSchema)]
pub struct PostPatchBody {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub tags: Option<Vec<String>>,
    pub co_author_emails: Option<Vec<String>>,
    pub project_ids: Option<Vec<i64>>,
    pub application_ids: Option<Vec<i64>>,
    pub nomination_ids: Option<Vec<i64>>,
}

impl PostPatchBody {
    /// The whole form: the patch over the post as it is.
    pub fn over(self, current: &PostView) -> PostForm {
        let current_ids = |kind: &str| {
            current
                .links
                .iter()
                .filter(|l| l.kind == kind)
                .map(|l| l.id.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        PostForm {
            title: self.title.unwrap_or_else(|| current.row.title.clone()),
            summary: self.summary.unwrap_or_else(|| current.row.summary.clone()),
            body: self.body.unwrap_or_else(|| current.body.clone()),
            tags: String::new(),
            tag_list: Some(self.tags.unwrap_or_else(|| current.row.tags.clone())),
            co_authors: self
                .co_author_emails
                .map_or_else(|| current.co_author_emails.join(","), |e| crate::http::common::email_list_field(&e)),
            project_ids: self
                .project_ids
                .map_or_else(|| current_ids("project"), |i| ids(&i)),
            application_ids: self
                .application_ids
                .map_or_else(|| current_ids("application"), |i| ids(&i)),
            nomination_ids: self
                .nomination_ids
                .map_or_else(|| current_ids("nomination"), |i| ids(&i)),
        }
    }
}

/// Publishing: internal (the authors), or public (an editor).
#[derive(Deserialize, ToSchema)]
pub struct PostPublishBody {
    /// `internal` or `public`.
    pub visibility: String,
    /// The post's `version` as the caller read it: if the post changed since, a 409 (what
    /// an editor approves is what they read). Left out: whatever the post is now.
    pub version: Option<i64>,
}

impl From<PostPublishBody> for PublishForm {
    fn from(b: PostPublishBody) -> Self {
        PublishForm {
            visibility: b.visibility,
            version: b.version.map(|v| v.to_string()),
        }
    }
}

/// A comment.
#[derive(Serialize, ToSchema)]
pub struct PostCommentBody {
    pub id: i32,
    pub author: NamedBody,
    pub body: String,
    #[schema(format = DateTime, value_type = String)]
    pub created_at: String,
    /// Whether an editor hid it (only its author and the editors see it then), and why.
    pub hidden: bool,
    pub hidden_reason: Option<String>,
}

impl From<CommentView> for PostCommentBody {
    fn from(c: CommentView) -> Self {
        Self {
            id: c.id,
            author: c.author.into(),
            body: c.body,
            created_at: rfc3339(c.created_at),
            hidden: c.hidden_reason.is_some(),
            hidden_reason: c.hidden_reason,
        }
    }
}

/// A new comment.
#[derive(Deserialize, ToSchema)]
pub struct PostCommentInBody {
    pub body: String,
}

impl From<PostCommentInBody> for CommentText {
    fn from(b: PostCommentInBody) -> Self {
        CommentText::body(b.body)
    }
}

/// Why an editor hides a comment (its author sees it).
#[derive(Deserialize, ToSchema)]
pub struct CommentHideBody {
    pub reason: String,
}

impl From<CommentHideBody> for CommentText {
    fn from(b: CommentHideBody) -> Self {
        CommentText::reason(b.reason)
    }
}

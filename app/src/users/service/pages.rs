//! The models of the users' pages (issue 25: a page asks once): each page's loader makes one
//! call here, which checks the permission and reads what the page shows, the organisation
//! for its site selects included.

use sea_orm::ConnectionTrait;

use crate::auth::tokens::ApiTokenRecord;
use crate::auth::{Action, Actor, authorize};
use crate::core::error::AppError;
use crate::core::paging::{PageRequest, Paged};
use crate::core::parse::Input;
use crate::org::directory::Directory;
use crate::org::domain::SectorWithSites;
use crate::users::domain::UserRecord;

/// `/admin/brukere`: the users a search finds, and the organisation for the new-user form.
pub async fn users_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    query: &str,
    page: impl Input<Parsed = PageRequest>,
) -> Result<(Paged<UserRecord>, Vec<SectorWithSites>), AppError> {
    authorize(actor, Action::ManageUsers)?;
    let users = super::list_users(db, actor, query, page).await?;
    Ok((users, Directory::load(db).await?.sectors_with_sites()))
}

/// `/admin/brukere/{id}`: one user, and the organisation for the role form's scope.
pub async fn user_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
    user_id: i32,
) -> Result<(UserRecord, Vec<SectorWithSites>), AppError> {
    let user = super::get_user(db, actor, user_id).await?;
    Ok((user, Directory::load(db).await?.sectors_with_sites()))
}

/// `/profil`: the reader's own account, the sites to call home, and their API tokens.
pub async fn profile_page(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<(UserRecord, Vec<SectorWithSites>, Vec<ApiTokenRecord>), AppError> {
    let user = super::my_profile(db, actor).await?;
    let tokens = crate::auth::tokens::list_own_tokens(db, actor).await?;
    Ok((user, Directory::load(db).await?.sectors_with_sites(), tokens))
}

//! The notifications' server functions: thin wrappers over the service layer.
// One argument per kind of notification (a box each on the form): the server macro's client
// side takes them all, past clippy's limit of seven.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::core::error::AppError;

#[cfg(feature = "ssr")]
pub async fn load_mine() -> Result<(Vec<crate::notifications::domain::Notification>, u64), AppError>
{
    let (state, actor) = crate::auth::service::acting().await?;
    crate::notifications::service::my_notifications(&state.db, &actor).await
}

#[server]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (state, actor) = crate::auth::service::acting().await?;
    let now = crate::core::state::now();
    crate::notifications::service::mark_all_read(&state.db, &actor, now).await?;
    crate::auth::service::answer_form("read", crate::core::notice::Notice::Done, "/varsler").await
}

/// The kinds the acting user gets by e-mail, and whether e-mail is sent at all here.
#[cfg(feature = "ssr")]
pub async fn load_mail_preferences() -> Result<
    (
        Vec<(crate::notifications::domain::NotificationKind, bool)>,
        bool,
    ),
    AppError,
> {
    let (state, actor) = crate::auth::service::acting().await?;
    let chosen = crate::notifications::service::mail_preferences(&state.db, &actor).await?;
    Ok((chosen, state.settings.mail))
}

/// Saves which kinds the acting user gets by e-mail: one box per kind, named by the kind; a
/// box left empty is a kind they do not want.
#[server]
pub async fn save_mail_preferences(
    #[server(default)] idea_assessed: Option<String>,
    #[server(default)] fund_decided: Option<String>,
    #[server(default)] prize_nominated: Option<String>,
    #[server(default)] post_co_author: Option<String>,
    #[server(default)] jury_deadline: Option<String>,
    #[server(default)] report_due: Option<String>,
    #[server(default)] measurement_due: Option<String>,
    #[server(default)] lup_not_started: Option<String>,
) -> Result<(), AppError> {
    use crate::notifications::domain::NotificationKind as Kind;
    let (state, actor) = crate::auth::service::acting().await?;
    let ticked = |value: &Option<String>| value.as_deref().map(str::trim) == Some("on");
    let wanted: Vec<Kind> = [
        (Kind::IdeaAssessed, &idea_assessed),
        (Kind::FundDecided, &fund_decided),
        (Kind::Nominated, &prize_nominated),
        (Kind::CoAuthor, &post_co_author),
        (Kind::JuryDeadline, &jury_deadline),
        (Kind::ReportDue, &report_due),
        (Kind::MeasurementDue, &measurement_due),
        (Kind::LupNotStarted, &lup_not_started),
    ]
    .into_iter()
    .filter(|(_, value)| ticked(value))
    .map(|(kind, _)| kind)
    .collect();
    crate::notifications::service::set_mail_preferences(&state.db, &actor, &wanted).await?;
    crate::auth::service::answer_form("mail", crate::core::notice::Notice::Done, "/varsler")
        .await
}

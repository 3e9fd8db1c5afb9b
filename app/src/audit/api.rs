//! Server function for the audit-log page: a thin wrapper over the service layer.

use crate::audit::domain::AuditEntry;
use crate::core::error::AppError;
use crate::core::paging::Paged;

/// One page of the audit log. The filters and the offset arrive as typed in the URL; a
/// malformed date is refused with a message beside its field, a bad offset above the form.
pub async fn list_audit(
    actor: String,
    action: String,
    object_type: String,
    object_id: String,
    from: String,
    to: String,
    offset: String,
) -> Result<Paged<AuditEntry>, AppError> {
    let (state, acting) = crate::auth::service::acting().await?;
    let query = crate::audit::domain::AuditQuery {
        actor,
        action,
        object_type,
        object_id,
        from,
        to,
    };
    let page = crate::core::paging::PageText {
        limit: Some("50"),
        offset: Some(&offset),
    };
    crate::audit::service::list_audit(&state.db, &acting, query, page).await
}

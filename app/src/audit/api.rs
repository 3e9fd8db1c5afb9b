//! Server function for the audit-log page: a thin wrapper over the service layer.

use crate::audit::domain::AuditEntry;
use crate::core::error::AppError;
use crate::core::paging::Paged;

/// One page of the audit log. The filters arrive as typed in the form; a malformed date is
/// refused with a message beside its field.
pub async fn list_audit(
    actor: String,
    action: String,
    object_type: String,
    object_id: String,
    from: String,
    to: String,
    offset: u64,
) -> Result<Paged<AuditEntry>, AppError> {
    use crate::audit::domain::AuditFilter;
    use crate::core::error::FieldErrors;
    use crate::core::parse::parse_optional_date;

    let state = crate::core::state::app_state()?;
    let acting = crate::auth::service::current_actor().await?;
    crate::auth::authorize(&acting, crate::auth::Action::ViewAuditLog)?;
    let mut errors = FieldErrors::new();
    let from = parse_optional_date(&from)
        .map_err(|e| errors.insert("from".into(), e))
        .ok()
        .flatten();
    let to = parse_optional_date(&to)
        .map_err(|e| errors.insert("to".into(), e))
        .ok()
        .flatten();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let filter = AuditFilter {
        actor,
        action,
        object_type,
        object_id,
        from,
        to,
    };
    let page = crate::core::paging::PageRequest::new(Some(50), Some(offset));
    crate::audit::service::list_audit(&state.db, &acting, &filter, page).await
}

//! The organisation admin's islands: forms that show a refused field beside it without a
//! reload and keep what was typed. An accepted form sends the browser back to the admin page,
//! which shows the notice (see `core::notice`).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::core::error::FieldErrors;
use crate::core::import::ImportReport;
use crate::i18n::*;
use crate::org::api::{
    AdminCreateSector, AdminCreateSite, AdminRenameSector, AdminUpdateSite, ImportSitesCsv,
};
use crate::org::domain::ServiceSite;
use crate::ui::{
    ImportFields, SelectField, SelectOption, SuccessNotice, TextField, action_errors,
    notice_until_resent, provide_locale,
};

#[island]
pub fn CreateSectorForm(locale: Locale, created: bool) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminCreateSector>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, created)>
            {t!(i18n, org_admin_created)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <TextField field="name" id="sector-name" errors>
                {t!(i18n, admin_name_label)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, org_admin_create_sector)}
            </button>
        </ActionForm>
    }
}

#[island]
pub fn RenameSectorForm(
    locale: Locale,
    sectors: Vec<SelectOption>,
    renamed: bool,
) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminRenameSector>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, renamed)>
            {t!(i18n, org_admin_renamed)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <SelectField
                field="sector_id"
                id="rename-sector-id"
                errors
                options=sectors
                empty=t_string!(i18n, admin_none).to_string()
            >
                {t!(i18n, org_sector_label)}
            </SelectField>
            <TextField field="name" id="rename-sector-name" errors>
                {t!(i18n, org_admin_new_name)}
            </TextField>
            <button type="submit" class="button">
                {t!(i18n, org_admin_rename_button)}
            </button>
        </ActionForm>
    }
}

#[island]
pub fn CreateSiteForm(locale: Locale, sectors: Vec<SelectOption>, created: bool) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminCreateSite>::new();
    let errors = action_errors(action);
    view! {
        <SuccessNotice show=notice_until_resent(action, created)>
            {t!(i18n, org_admin_created)}
        </SuccessNotice>
        <ActionForm action=action attr:class="form">
            <SiteFields errors sectors site=None />
            <button type="submit" class="button">
                {t!(i18n, org_admin_create_site)}
            </button>
        </ActionForm>
    }
}

#[island]
pub fn UpdateSiteForm(
    locale: Locale,
    site: ServiceSite,
    sectors: Vec<SelectOption>,
) -> impl IntoView {
    provide_locale(locale);
    let i18n = use_i18n();
    let action = ServerAction::<AdminUpdateSite>::new();
    let errors = action_errors(action);
    view! {
        <ActionForm action=action attr:class="form">
            <SiteFields errors sectors site=Some(site) />
            <button type="submit" class="button">
                {t!(i18n, profile_save)}
            </button>
        </ActionForm>
    }
}

/// The CSV import of sites; the report of the last import, if any, comes from the server.
#[island]
pub fn ImportSitesForm(locale: Locale, report: Option<ImportReport>) -> impl IntoView {
    provide_locale(locale);
    let action = ServerAction::<ImportSitesCsv>::new();
    let result = Signal::derive(move || {
        action
            .value()
            .get()
            .or_else(|| report.filter(|_| action.version().get() == 0).map(Ok))
    });
    view! {
        <ActionForm action=action attr:class="form">
            <ImportFields result />
        </ActionForm>
    }
}

/// The fields of a site form (new or edited); `site` fills them for editing.
#[component]
fn SiteFields(
    errors: Signal<FieldErrors>,
    sectors: Vec<SelectOption>,
    site: Option<ServiceSite>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = site.as_ref().map(|s| s.id.to_string());
    let name = site.as_ref().map(|s| s.name.clone());
    let sector = site.as_ref().map(|s| s.sector_id.to_string());
    let from = site.as_ref().map(|s| s.active_from.to_string());
    let closed = site
        .as_ref()
        .and_then(|s| s.closed_on.map(|d| d.to_string()));
    view! {
        {id.map(|id| view! { <input type="hidden" name="site_id" value=id /> })}
        <TextField field="name" errors value=name.unwrap_or_default()>
            {t!(i18n, admin_name_label)}
        </TextField>
        <SelectField
            field="sector_id"
            errors
            options=sectors
            selected=sector.unwrap_or_default()
            empty=t_string!(i18n, admin_none).to_string()
        >
            {t!(i18n, org_sector_label)}
        </SelectField>
        <TextField
            field="active_from"
            errors
            value=from.unwrap_or_default()
            hint=move || t!(i18n, date_hint)
        >
            {t!(i18n, org_col_active_from)}
        </TextField>
        <TextField
            field="closed_on"
            errors
            required=false
            value=closed.unwrap_or_default()
            hint=move || t!(i18n, org_admin_closed_hint)
        >
            {t!(i18n, org_closed_on_label)}
        </TextField>
    }
}

//! Stored text that tries to leave its `<textarea>` (issue 23): a project member's description
//! planted a form on the admin's project page, whose button made the member an admin. Every
//! page is parsed as a browser parses it; a page whose fields hold hostile text has exactly
//! the elements it has with plain text, and the fields hold the text as written.

use std::collections::BTreeMap;

use crate::auth_http::{app_with_demo_data, session_cookie, sign_in};
use crate::common::{Backend, TestApp};
use app::auth::Actor;
use app::auth::demo::{DEMO_PASSWORD, DEMO_USERS};
use app::portfolio::entities::project;
use app::prize::domain::category::CategoryForm;
use app::prize::domain::nomination::NominationForm;
use app::prize::domain::year::YearForm;
use app::prize::entities::prize_justification;
use scraper::{ElementRef, Html, Selector};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use time::{Duration, OffsetDateTime};

const ADMIN: usize = 0;
const EMPLOYEE: usize = 1;
const JUROR: usize = 4;
const COMMITTEE: usize = 5;

const PAYLOADS: [&str; 4] = [
    "x</textarea></div></form><form action=\"/api/grant_user_role\" method=\"post\">\
     <input type=\"hidden\" name=\"role\" value=\"admin\"><button class=\"ds-button\">\
     Godkjenn</button></form><form><textarea>",
    "Beskrivelse </TEXTAREA ><meta http-equiv=\"refresh\" content=\"0;url=https://angriper.example\">",
    "<!-- </textarea> --><a href=\"https://angriper.example\">lenke</a> &lt;/textarea&gt;",
    "</textarea/><img src=x alt=x><iframe src=\"/admin\"></iframe>",
];

async fn cookie_of(app: &TestApp, who: usize) -> String {
    let response = sign_in(app, DEMO_USERS[who].email, DEMO_PASSWORD, None).await;
    session_cookie(&response).expect("signed in")
}

/// The page as a browser's parser builds it: its element names in order, and the text of
/// each textarea.
async fn parsed(app: &TestApp, path: &str, cookie: &str) -> (Vec<String>, Vec<String>) {
    let response = app.get_with(path, "cookie", cookie).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    let doc = Html::parse_document(&response.text().await.unwrap());
    let elements = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .map(|e| e.value().name().to_owned())
        .collect();
    let textarea = Selector::parse("textarea").unwrap();
    let texts = doc.select(&textarea).map(|t| t.text().collect()).collect();
    (elements, texts)
}

async fn a_project_description_stays_in_its_field_on_the_admins_page(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let now = OffsetDateTime::now_utc();
    app::portfolio::service::seed_demo_portfolio(app.db(), &Actor::System, 3, now)
        .await
        .unwrap();
    let p = project::Entity::find()
        .order_by_asc(project::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap();
    let admin = cookie_of(&app, ADMIN).await;
    let describe = |text: &str| {
        let mut active: project::ActiveModel = p.clone().into();
        active.description = Set(text.to_owned());
        active
    };
    describe("En vanlig beskrivelse")
        .update(app.db())
        .await
        .unwrap();
    // The page of the project's facts holds the details form; the project page shows the
    // description as text.
    let form_page = format!("/prosjekter/{}/endre/fakta", p.id);
    let project_page = format!("/prosjekter/{}", p.id);
    let (plain, _) = parsed(&app, &form_page, &admin).await;
    let (plain_project, _) = parsed(&app, &project_page, &admin).await;
    assert!(
        plain.iter().any(|e| e == "textarea"),
        "the admin sees the details form"
    );
    for payload in PAYLOADS {
        describe(payload).update(app.db()).await.unwrap();
        let (elements, texts) = parsed(&app, &form_page, &admin).await;
        assert_eq!(elements, plain, "{payload}");
        assert!(texts.iter().any(|t| t == payload), "{payload}: {texts:?}");
        let (elements, _) = parsed(&app, &project_page, &admin).await;
        assert_eq!(elements, plain_project, "{payload} on the project page");
        let shown = app.get_with(&project_page, "cookie", &admin).await;
        let doc = Html::parse_document(&shown.text().await.unwrap());
        let prose = Selector::parse("p.prose").unwrap();
        let text: Vec<String> = doc.select(&prose).map(|p| p.text().collect()).collect();
        assert_eq!(text, [payload], "the project page shows it as its text");
    }
}

/// A prize category whose nomination window is open now (the pages read the real clock), with
/// one criterion, "Nyhetsverdi", and the juror as its jury.
pub(crate) async fn open_category(app: &TestApp) -> i32 {
    let now = OffsetDateTime::now_utc();
    let committee = crate::common::demo_actor_of(app.db(), COMMITTEE).await;
    let rfc = app::core::timefmt::rfc3339;
    let year = app::prize::service::create_year(
        app.db(),
        &committee,
        YearForm {
            year: "2031".into(),
            nominations_open: rfc(now - Duration::days(1)),
            nominations_close: rfc(now + Duration::days(10)),
            jury_deadline: rfc(now + Duration::days(20)),
            award_date: (now + Duration::days(30)).date().to_string(),
            peoples_choice: false,
        },
        now,
    )
    .await
    .unwrap();
    app::prize::service::create_category(
        app.db(),
        &committee,
        year,
        CategoryForm {
            name: "Beste feil".into(),
            criteria: "Nyhetsverdi: 1".into(),
            jury: DEMO_USERS[JUROR].email.into(),
            chair: DEMO_USERS[JUROR].email.into(),
        },
        now,
    )
    .await
    .unwrap()
}

async fn a_justification_stays_in_its_field_on_the_nominators_edit_form(backend: Backend) {
    let app = app_with_demo_data(backend).await;
    let now = OffsetDateTime::now_utc();
    let employee = crate::common::demo_actor_of(app.db(), EMPLOYEE).await;
    let category = open_category(&app).await;
    let site = app::entities::service_site::Entity::find()
        .order_by_asc(app::entities::service_site::Column::Id)
        .one(app.db())
        .await
        .unwrap()
        .unwrap()
        .id;
    let nomination = app::prize::service::nominate(
        app.db(),
        &employee,
        category,
        NominationForm {
            title: "Innsjekk".into(),
            nominee: "Team Innsjekk".into(),
            site_id: site.to_string(),
            justification: BTreeMap::from([("Nyhetsverdi".into(), "Helt ny".into())]),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap();
    let path = format!("/pris/nominasjoner/{nomination}");
    let nominator = cookie_of(&app, EMPLOYEE).await;
    let (plain, _) = parsed(&app, &path, &nominator).await;
    assert!(plain.iter().any(|e| e == "textarea"), "the edit form");
    for payload in PAYLOADS {
        prize_justification::Entity::update_many()
            .col_expr(
                prize_justification::Column::Body,
                sea_orm::sea_query::Expr::value(payload),
            )
            .filter(prize_justification::Column::NominationId.eq(nomination))
            .exec(app.db())
            .await
            .unwrap();
        let (elements, texts) = parsed(&app, &path, &nominator).await;
        assert_eq!(elements, plain, "{payload}");
        assert!(texts.iter().any(|t| t == payload), "{payload}: {texts:?}");
    }
}

on_both_backends!(
    a_project_description_stays_in_its_field_on_the_admins_page,
    a_justification_stays_in_its_field_on_the_nominators_edit_form,
);

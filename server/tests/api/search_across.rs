//! Search across the strands (issue 30, `/sok`) on SQLite and PostgreSQL: each kind found by
//! a word and by a part of a word, and only what the reader may see: a visitor public posts
//! and a published year's finalists; a draft application its applicant alone.

use crate::common::demo_actor as demo;
use crate::common::{Backend, TestDb};
use crate::portfolio_view::project_of;
use app::auth::Actor;
use app::core::error::{AppError, FieldError};
use app::feature::search::HitKind;
use app::fund::domain::application::{ApplicationForm, InCall};
use time::OffsetDateTime;

const EMPLOYEE: usize = 1;
const COUNCIL: usize = 3;
const EDITOR: usize = 8;

async fn found(
    t: &TestDb,
    who: &Actor,
    typed: &str,
    now: OffsetDateTime,
) -> Vec<(HitKind, String)> {
    app::registry::search(&t.db, who, typed, now)
        .await
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.title))
        .collect()
}

fn of(hits: &[(HitKind, String)], kind: HitKind) -> Vec<&str> {
    hits.iter()
        .filter(|(k, _)| *k == kind)
        .map(|(_, t)| t.as_str())
        .collect()
}

async fn each_strand_is_searched_and_only_what_the_reader_may_see_is_found(backend: Backend) {
    let t = crate::fund_service::fund_db(backend).await;
    let now = crate::fund_service::NOW;
    let employee = demo(&t, EMPLOYEE).await;
    let council = demo(&t, COUNCIL).await;
    let editor = demo(&t, EDITOR).await;

    // The portfolio: a project (from an idea) named for the check-in.
    project_of(&t, "Digital innsjekk på legevakten", "innsjekk").await;
    // Tanketanken: one internal post and one public post about it, and a draft.
    let post = |title: &str| app::posts::domain::post::PostForm {
        title: title.into(),
        summary: "Om innsjekken.".into(),
        body: "Vi prøvde selvinnsjekk.".into(),
        ..Default::default()
    };
    let publish = |visibility: &str| app::posts::domain::post::PublishForm {
        visibility: visibility.into(),
        version: None,
    };
    let internal =
        app::posts::service::create_post(&t.db, &employee, &[], post("Innsjekk internt"), now)
            .await
            .unwrap();
    app::posts::service::publish_post(&t.db, &employee, internal, publish("internal"), now)
        .await
        .unwrap();
    let public =
        app::posts::service::create_post(&t.db, &editor, &[], post("Innsjekk for alle"), now)
            .await
            .unwrap();
    app::posts::service::publish_post(&t.db, &editor, public, publish("public"), now)
        .await
        .unwrap();
    app::posts::service::create_post(&t.db, &employee, &[], post("Innsjekk-utkast"), now)
        .await
        .unwrap();
    // The fund: the employee's draft application, and a submitted one the call's reviewer
    // (the demo reviewer, index 2) and the council may read.
    let call = crate::fund_service::open_call(&t, "5 000 000", "1 000 000", "500 000", &[2]).await;
    let criteria = crate::fund_service::criteria(&t, call).await;
    let school = crate::common::site_in(&t, "Oppvekst skole").await;
    let mut complete = crate::fund_service::application(call, &criteria, school, 100_000);
    complete.form.title = "Innsjekk i skranken".into();
    let submitted = app::fund::service::save_application(&t.db, &employee, None, complete, now)
        .await
        .unwrap();
    app::fund::service::submit_application(&t.db, &employee, submitted, now)
        .await
        .unwrap();
    app::fund::service::save_application(
        &t.db,
        &employee,
        None,
        InCall {
            call_id: call,
            form: ApplicationForm {
                title: "Innsjekk med skjerm".into(),
                ..Default::default()
            },
        },
        now,
    )
    .await
    .unwrap();

    // An employee finds the project, the idea it came from, the published posts (not the
    // draft) and their own application, by a word and by a part of a word.
    for typed in ["innsjekk", "NSJEKK"] {
        let hits = found(&t, &employee, typed, now).await;
        assert_eq!(
            of(&hits, HitKind::Project),
            ["Digital innsjekk på legevakten"],
            "{typed}"
        );
        assert_eq!(
            of(&hits, HitKind::Idea),
            ["Digital innsjekk på legevakten"],
            "{typed}"
        );
        let mut posts = of(&hits, HitKind::Post);
        posts.sort_unstable();
        assert_eq!(posts, ["Innsjekk for alle", "Innsjekk internt"], "{typed}");
        let mut applications = of(&hits, HitKind::Application);
        applications.sort_unstable();
        assert_eq!(
            applications,
            ["Innsjekk i skranken", "Innsjekk med skjerm"],
            "{typed}"
        );
        // Kinds come in one order, each together.
        let kinds: Vec<HitKind> = hits.iter().map(|(k, _)| *k).collect();
        let mut sorted = kinds.clone();
        sorted.sort();
        assert_eq!(kinds, sorted);
    }
    // The council and the call's reviewer see the submitted application, not the draft; an
    // employee with no part in it sees neither.
    for who in [&council, &demo(&t, 2).await] {
        assert_eq!(
            of(&found(&t, who, "innsjekk", now).await, HitKind::Application),
            ["Innsjekk i skranken"]
        );
    }
    let outsider = demo(&t, 4).await;
    assert!(
        of(
            &found(&t, &outsider, "innsjekk", now).await,
            HitKind::Application
        )
        .is_empty()
    );
    // A visitor: the public post, nothing else.
    let outside = found(&t, &Actor::Anonymous, "innsjekk", now).await;
    assert_eq!(outside, [(HitKind::Post, "Innsjekk for alle".to_owned())]);
    // Nothing to look for, nothing found; too long, refused.
    assert!(found(&t, &employee, "   ", now).await.is_empty());
    assert_eq!(
        app::registry::search(&t.db, &employee, &"x".repeat(101), now)
            .await
            .map(drop),
        Err(AppError::invalid("q", FieldError::TooLong))
    );
    // Wildcards are text.
    assert!(found(&t, &employee, "%", now).await.is_empty());
}

/// The prize's part: every submitted nomination for an employee; for a visitor a published
/// year's finalists only, never one whose colleague declined to be shown publicly.
async fn nominations_are_found_inside_and_published_finalists_outside(backend: Backend) {
    use crate::prize_service::{
        AFTER_CLOSE, AFTER_DEADLINE, COMMITTEE, JUROR, NOW, REVIEWER, ballot, category_form, email,
        nomination, other_site, year_form,
    };
    use app::prize::service as prize;
    let t = TestDb::with_demo_users(backend).await;
    let committee = demo(&t, COMMITTEE).await;
    let employee = demo(&t, EMPLOYEE).await;
    let year = prize::create_year(&t.db, &committee, year_form("2027"), NOW)
        .await
        .unwrap();
    let category =
        prize::create_category(&t.db, &committee, year, category_form("Beste feil"), NOW)
            .await
            .unwrap();
    let site = other_site(&t).await;
    let a = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Sykkelutlån", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let b = prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Sykkelverksted", site, &email(REVIEWER)),
        NOW,
    )
    .await
    .unwrap();
    prize::nominate(
        &t.db,
        &employee,
        category,
        nomination("Sykkelparkering", site, ""),
        NOW,
    )
    .await
    .unwrap();
    let titles = |hits: Vec<(HitKind, String)>| {
        let mut t: Vec<String> = hits.into_iter().map(|(_, t)| t).collect();
        t.sort();
        t
    };
    assert_eq!(
        titles(found(&t, &employee, "sykkel", NOW).await),
        ["Sykkelparkering", "Sykkelutlån", "Sykkelverksted"]
    );
    assert!(found(&t, &Actor::Anonymous, "sykkel", NOW).await.is_empty());
    prize::set_shown_publicly(&t.db, &demo(&t, REVIEWER).await, b, false, NOW)
        .await
        .unwrap();
    prize::shortlist(
        &t.db,
        &committee,
        category,
        app::prize::domain::nomination::ShortlistInput {
            nomination_ids: vec![a.into(), b.into()],
            statements: Default::default(),
        },
        AFTER_CLOSE,
    )
    .await
    .unwrap();
    prize::cast_ballot(
        &t.db,
        &demo(&t, JUROR).await,
        a,
        ballot(&t, a, "4").await,
        AFTER_CLOSE,
    )
    .await
    .unwrap();
    assert!(
        found(&t, &Actor::Anonymous, "sykkel", AFTER_CLOSE)
            .await
            .is_empty(),
        "not yet published"
    );
    prize::publish(&t.db, &committee, year, AFTER_DEADLINE)
        .await
        .unwrap();
    assert_eq!(
        titles(found(&t, &Actor::Anonymous, "sykkel", AFTER_DEADLINE).await),
        ["Sykkelutlån"],
        "the finalist not declined; not the one who declined, not the one not shortlisted"
    );
}

on_both_backends!(
    each_strand_is_searched_and_only_what_the_reader_may_see_is_found,
    nominations_are_found_inside_and_published_finalists_outside,
);

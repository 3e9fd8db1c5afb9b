//! E-mail notifications and scheduled reminders (issue 30, DESIGN §9) against a real SMTP
//! server (aiosmtpd, started by each test), on SQLite and PostgreSQL: a notification reaches
//! the inbox of a person who wants it, once; an opt-out holds; two instances running the jobs
//! at the same moment write and send each reminder once; a refused e-mail is tried again, then
//! given up.

use crate::common::demo_actor as demo;
use crate::common::{Backend, Mail, SmtpSink, TestDb, site_in};
use crate::portfolio_view::project_of;
use app::auth::Actor;
use app::entities::notification;
use app::notifications::domain::{MAX_MAIL_ATTEMPTS, MailState, NotificationKind};
use app::notifications::jobs::{self, tick};
use app::notifications::mail::{Mailer, deliver_pending};
use app::notifications::service::{mail_preferences, set_mail_preferences};
use app::portfolio::domain::benefit::BenefitForm;
use app::portfolio::domain::idea::IdeaForm;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const EMPLOYEE: usize = 1;
const COUNCIL: usize = 3;
const NOW: OffsetDateTime = datetime!(2027-03-01 09:00 UTC);
const PUBLIC_URL: &str = "https://ideverket.kommune.example";
const EMPLOYEE_ADDRESS: &str = "ansatt@ideverket.example";

fn mailer(sink: &SmtpSink) -> Mailer {
    Mailer::new(
        &sink.url(),
        "Idéverket <ideverket@kommune.example>",
        PUBLIC_URL,
    )
    .unwrap()
}

async fn idea(t: &TestDb, who: &Actor, title: &str) -> i32 {
    let site = site_in(t, "Oppvekst skole").await;
    let form = IdeaForm {
        title: title.into(),
        problem: "Mange korte bilturer.".into(),
        proposal: "Et utlån ved rådhuset.".into(),
        expected_gain: String::new(),
        site_id: site.to_string(),
        tags: String::new(),
        sdgs: vec![],
    };
    app::portfolio::service::submit_idea(&t.db, who, form, NOW)
        .await
        .unwrap()
        .id
}

async fn mail_states(t: &TestDb, user: i32) -> Vec<(String, String)> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user))
        .order_by_asc(notification::Column::Id)
        .all(&t.db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| (n.kind, n.mail_state))
        .collect()
}

async fn a_decision_reaches_the_inbox_once_and_an_opt_out_holds(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let sink = SmtpSink::start();
    let mailer = mailer(&sink);
    let employee = demo(&t, EMPLOYEE).await;
    let council = demo(&t, COUNCIL).await;
    let me = employee.user_id().unwrap();

    let first = idea(&t, &employee, "Lån ut el-sykler").await;
    app::portfolio::service::assess_idea(
        &t.db,
        &council,
        first,
        "accepted",
        "Godt forankret.",
        NOW,
    )
    .await
    .unwrap();
    let sent = deliver_pending(&t.db, &mailer, "a", NOW).await.unwrap();
    assert_eq!(sent.sent, 1);
    // Sent once: a second delivery finds nothing pending.
    assert_eq!(
        deliver_pending(&t.db, &mailer, "b", NOW)
            .await
            .unwrap()
            .sent,
        0
    );
    let received: Vec<Mail> = sink.received();
    assert_eq!(received.len(), 1, "{received:#?}");
    let mail = &received[0];
    assert_eq!(mail.to, [EMPLOYEE_ADDRESS]);
    assert_eq!(mail.from, "ideverket@kommune.example");
    assert!(
        mail.subject
            .starts_with("Idéverket: Ideen «Lån ut el-sykler» er vurdert"),
        "{}",
        mail.subject
    );
    assert!(mail.body.contains("Godt forankret."), "{}", mail.body);
    assert!(
        mail.body.contains(&format!("{PUBLIC_URL}/ideer/{first}")),
        "{}",
        mail.body
    );

    // The employee wants no e-mail about their ideas: the next decision is in the app only.
    let all_but_ideas: Vec<NotificationKind> = NotificationKind::ALL
        .into_iter()
        .filter(|k| *k != NotificationKind::IdeaAssessed)
        .collect();
    set_mail_preferences(&t.db, &employee, &all_but_ideas)
        .await
        .unwrap();
    let chosen = mail_preferences(&t.db, &employee).await.unwrap();
    assert!(chosen.contains(&(NotificationKind::IdeaAssessed, false)));
    assert!(chosen.contains(&(NotificationKind::FundDecided, true)));
    let second = idea(&t, &employee, "Felles bildeling").await;
    app::portfolio::service::assess_idea(
        &t.db,
        &council,
        second,
        "parked",
        "Vent til høsten.",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        deliver_pending(&t.db, &mailer, "a", NOW)
            .await
            .unwrap()
            .sent,
        0
    );
    assert_eq!(sink.received().len(), 1);
    assert_eq!(
        mail_states(&t, me).await,
        [
            ("idea_assessed".to_owned(), "sent".to_owned()),
            ("idea_assessed".to_owned(), "off".to_owned()),
        ]
    );
    // Wanted again, but the same news about the same idea within a day is not mailed again
    // (a decision undone and made again in a loop must not fill an inbox); a day on it is.
    set_mail_preferences(&t.db, &employee, &NotificationKind::ALL)
        .await
        .unwrap();
    app::portfolio::service::assess_idea(
        &t.db,
        &council,
        second,
        "under_assessment",
        "Tatt opp igjen.",
        NOW,
    )
    .await
    .unwrap();
    let later = NOW + app::notifications::service::MAIL_AGAIN_AFTER + Duration::minutes(1);
    app::portfolio::service::assess_idea(
        &t.db,
        &council,
        second,
        "accepted",
        "Ja, likevel.",
        later,
    )
    .await
    .unwrap();
    assert_eq!(
        deliver_pending(&t.db, &mailer, "a", later)
            .await
            .unwrap()
            .sent,
        1
    );
    assert_eq!(
        mail_states(&t, me).await,
        [
            ("idea_assessed".to_owned(), "sent".to_owned()),
            ("idea_assessed".to_owned(), "off".to_owned()),
            ("idea_assessed".to_owned(), "off".to_owned()),
            ("idea_assessed".to_owned(), "sent".to_owned()),
        ]
    );
    assert_eq!(sink.received().len(), 2);
    // Only the person sets their own choices.
    assert_eq!(
        set_mail_preferences(&t.db, &Actor::Anonymous, &[]).await,
        Err(app::core::error::AppError::Forbidden)
    );
}

/// A benefit the employee answers for, planned at `at`.
async fn benefit(t: &TestDb, project: i32, description: &str, at: OffsetDateTime) -> i32 {
    let employee = demo(t, EMPLOYEE).await;
    app::portfolio::service::add_benefit(
        &t.db,
        &employee,
        project,
        BenefitForm {
            kind: "hours".into(),
            description: description.into(),
            unit: String::new(),
            baseline: "0".into(),
            target: "600".into(),
            target_date: "2028-12-31".into(),
            responsible_user_id: employee.user_id().unwrap().to_string(),
        },
        at,
    )
    .await
    .unwrap()
    .id
}

async fn two_instances_write_and_send_each_reminder_once(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let sink = SmtpSink::start();
    let project = project_of(&t, "Digital innsjekk", "digitalisering").await;
    benefit(&t, project, "Frigjorte timer i skranken", NOW).await;
    // One never measured, one measured a fortnight before NOW: due half a year on, each once.
    let measured = benefit(&t, project, "Færre telefoner", NOW).await;
    app::portfolio::service::add_measurement(
        &t.db,
        &demo(&t, EMPLOYEE).await,
        measured,
        "2027-02-15",
        "40",
        NOW,
    )
    .await
    .unwrap();
    // A second instance: its own connection pool to the same database, its own mailer.
    let other = server::db::connect(&t.url).await.unwrap();
    let (mailer_a, mailer_b) = (mailer(&sink), mailer(&sink));
    let sources = app::registry::reminder_sources();

    // Not due yet: planned today, measured never.
    let (a, b) = tokio::join!(
        tick(&t.db, &sources, Some(&mailer_a), "a", NOW),
        tick(&other, &sources, Some(&mailer_b), "b", NOW),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        [a.reminded, b.reminded].iter().flatten().sum::<usize>(),
        0,
        "nothing is due on the day a benefit is planned"
    );

    // Half a year and more later both instances tick at the same moment, three times over.
    let later = NOW + Duration::days(190);
    for round in 0..3 {
        let at = later + Duration::minutes(round);
        let (a, b) = tokio::join!(
            tick(&t.db, &sources, Some(&mailer_a), "a", at),
            tick(&other, &sources, Some(&mailer_b), "b", at),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        if round == 0 {
            assert_eq!(
                [a.reminded, b.reminded]
                    .iter()
                    .filter(|r| r.is_some())
                    .count(),
                1,
                "one instance claims the job: {a:?} {b:?}"
            );
            assert_eq!([a.reminded, b.reminded].iter().flatten().sum::<usize>(), 2);
        } else {
            assert_eq!(
                (a.reminded, b.reminded),
                (None, None),
                "not due again within the hour"
            );
        }
    }
    // An hour on the job runs again, and finds both reminders written already.
    let (a, b) = tokio::join!(
        tick(
            &t.db,
            &sources,
            Some(&mailer_a),
            "a",
            later + Duration::hours(2)
        ),
        tick(
            &other,
            &sources,
            Some(&mailer_b),
            "b",
            later + Duration::hours(2)
        ),
    );
    assert_eq!(
        [a.unwrap().reminded, b.unwrap().reminded]
            .iter()
            .flatten()
            .sum::<usize>(),
        0
    );

    // Written, they are no longer among what the source answers (in SQL, before its limit).
    assert_eq!(
        app::portfolio::service::reminders(&t.db, later + Duration::hours(3))
            .await
            .unwrap(),
        []
    );
    let mut subjects: Vec<String> = sink.received().into_iter().map(|m| m.subject).collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            "Idéverket: Påminnelse: det er tid for å måle gevinsten Frigjorte timer i skranken (Digital innsjekk)",
            "Idéverket: Påminnelse: det er tid for å måle gevinsten Færre telefoner (Digital innsjekk)",
        ],
        "each reminder is sent once"
    );
    let me = demo(&t, EMPLOYEE).await.user_id().unwrap();
    let reminders: Vec<(String, String)> = mail_states(&t, me)
        .await
        .into_iter()
        .filter(|(kind, _)| kind == "measurement_due")
        .collect();
    assert_eq!(
        reminders,
        vec![("measurement_due".to_owned(), "sent".to_owned()); 2],
        "each reminder is written once, in the app as well"
    );
}

async fn a_claimed_job_is_claimed_by_one_of_many_at_once(backend: Backend) {
    let t = TestDb::new(backend).await;
    let mut connections = Vec::new();
    for _ in 0..4 {
        connections.push(server::db::connect(&t.url).await.unwrap());
    }
    let claims = futures_util::future::join_all(connections.iter().enumerate().map(|(i, db)| {
        let name = format!("instance-{i}");
        async move {
            jobs::claim(db, "test", &name, Duration::hours(1), NOW)
                .await
                .unwrap()
        }
    }))
    .await;
    assert_eq!(claims.iter().filter(|c| **c).count(), 1, "{claims:?}");
    // Held: nobody else claims it, and its holder cannot claim it twice.
    assert!(
        !jobs::claim(&t.db, "test", "late", Duration::hours(1), NOW)
            .await
            .unwrap()
    );
    let holder = format!("instance-{}", claims.iter().position(|c| *c).unwrap());
    jobs::finish(&t.db, "test", &holder, NOW).await.unwrap();
    // Done: not again before the interval is over, then again.
    assert!(
        !jobs::claim(
            &t.db,
            "test",
            "x",
            Duration::hours(1),
            NOW + Duration::minutes(59)
        )
        .await
        .unwrap()
    );
    assert!(
        jobs::claim(
            &t.db,
            "test",
            "x",
            Duration::hours(1),
            NOW + Duration::hours(1)
        )
        .await
        .unwrap()
    );
}

async fn a_refused_mail_is_tried_again_later_then_given_up(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    // An SMTP address where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mailer = Mailer::new(
        &format!("smtp://127.0.0.1:{closed}"),
        "ide@kommune.example",
        PUBLIC_URL,
    )
    .unwrap();
    let employee = demo(&t, EMPLOYEE).await;
    let council = demo(&t, COUNCIL).await;
    let id = idea(&t, &employee, "Lån ut el-sykler").await;
    app::portfolio::service::assess_idea(&t.db, &council, id, "accepted", "Ja.", NOW)
        .await
        .unwrap();
    let first = deliver_pending(&t.db, &mailer, "a", NOW).await.unwrap();
    assert_eq!((first.sent, first.retried, first.failed), (0, 1, 0));
    // Not again at once, but after the wait.
    assert_eq!(
        deliver_pending(&t.db, &mailer, "a", NOW + Duration::seconds(30))
            .await
            .unwrap()
            .retried,
        0
    );
    let mut at = NOW;
    let mut last = first;
    for _ in 1..MAX_MAIL_ATTEMPTS {
        at += Duration::hours(3);
        last = deliver_pending(&t.db, &mailer, "a", at).await.unwrap();
    }
    assert_eq!((last.retried, last.failed), (0, 1));
    let row = notification::Entity::find()
        .filter(notification::Column::UserId.eq(employee.user_id().unwrap()))
        .one(&t.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(MailState::parse(&row.mail_state), Some(MailState::Failed));
    assert_eq!(row.mail_attempts, MAX_MAIL_ATTEMPTS);
    assert!(row.mail_error.is_some());
}

on_both_backends!(
    a_decision_reaches_the_inbox_once_and_an_opt_out_holds,
    two_instances_write_and_send_each_reminder_once,
    a_claimed_job_is_claimed_by_one_of_many_at_once,
    a_refused_mail_is_tried_again_later_then_given_up,
    the_leaders_of_sites_not_started_are_reminded_once_a_day,
);

/// DESIGN §5: whoever sees the LUP dashboard reminds the leaders of the sites not started;
/// each leader hears of each site once a day, in the app and by e-mail.
async fn the_leaders_of_sites_not_started_are_reminded_once_a_day(backend: Backend) {
    let t = TestDb::with_demo_users(backend).await;
    let sink = SmtpSink::start();
    let mailer = mailer(&sink);
    let employee = demo(&t, EMPLOYEE).await;
    let me = employee.user_id().unwrap();
    // The employee leads a school, which has no leader group: it has not started.
    let school = site_in(&t, "Oppvekst skole").await;
    app::users::service::grant_role(
        &t.db,
        &demo(&t, 0).await,
        me,
        app::users::domain::RoleInput {
            role: "manager".into(),
            sector_id: None,
            site_id: Some(school),
        },
        NOW,
    )
    .await
    .unwrap();
    let school_name = app::entities::service_site::Entity::find_by_id(school)
        .one(&t.db)
        .await
        .unwrap()
        .unwrap()
        .name;
    assert_eq!(
        app::lup::service::remind_not_started(&t.db, &demo(&t, COUNCIL).await, NOW).await,
        Err(app::core::error::AppError::Forbidden),
        "the council does not see LUP's sites"
    );
    let coordinator = demo(&t, 6).await;
    let told = app::lup::service::remind_not_started(&t.db, &coordinator, NOW)
        .await
        .unwrap();
    assert!(told >= 1, "{told}");
    let (mine, _) = app::notifications::service::my_notifications(&t.db, &employee)
        .await
        .unwrap();
    let reminded: Vec<&str> = mine
        .iter()
        .filter(|n| n.kind == NotificationKind::LupNotStarted)
        .map(|n| n.subject.as_str())
        .collect();
    assert_eq!(reminded, [school_name.as_str()]);
    // Pressed again the same day: nobody is told twice.
    assert_eq!(
        app::lup::service::remind_not_started(&t.db, &coordinator, NOW + Duration::hours(2)).await,
        Ok(0)
    );
    deliver_pending(&t.db, &mailer, "a", NOW + Duration::hours(2))
        .await
        .unwrap();
    let to_me: Vec<Mail> = sink
        .received()
        .into_iter()
        .filter(|m| m.to == [EMPLOYEE_ADDRESS])
        .collect();
    assert_eq!(to_me.len(), 1, "{to_me:#?}");
    assert!(
        to_me[0].subject.contains(&school_name),
        "{}",
        to_me[0].subject
    );
    // The next day the leader is reminded again.
    let tomorrow = NOW + Duration::days(1);
    assert!(
        app::lup::service::remind_not_started(&t.db, &coordinator, tomorrow)
            .await
            .unwrap()
            >= 1
    );
}

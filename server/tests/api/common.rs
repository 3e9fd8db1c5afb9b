//! Test harness: a fresh, migrated database per test on SQLite or PostgreSQL, and the real
//! router on a random port (zero2prod's `spawn_app`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};

use app::core::state::{AppState, Settings};
use leptos::config::LeptosOptions;
use sea_orm::{ConnectionTrait, DatabaseConnection};

/// PostgreSQL of the development and CI machines (trust auth).
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A migrated database of its own, copied from a template made once per build of the tests.
/// SQLite: a file in a temporary folder. PostgreSQL: a database of its own beside `test`,
/// dropped when the value is dropped.
pub struct TestDb {
    pub db: DatabaseConnection,
    /// Its address, for a second connection (a second instance of the app).
    pub url: String,
    /// Statements run through `db` so far (a test compares counts, e.g. for 10 rows and for
    /// 200, to prove a page or endpoint issues a bounded number of queries).
    queries: std::sync::Arc<std::sync::atomic::AtomicU64>,
    _cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { base_url: String, database: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        if let Cleanup::Postgres { base_url, database } = self {
            let (base_url, database) = (base_url.clone(), database.clone());
            // Drop runs outside async; a small runtime on its own thread drops the database.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async {
                    if let Ok(db) = sea_orm::Database::connect(&base_url).await {
                        let _ = db
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {database} WITH (FORCE)"
                            ))
                            .await;
                        let _ = db.close().await;
                    }
                });
            })
            .join();
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// What a test's database starts as: migrated, or migrated with the demo organisation and
/// users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Migrated,
    DemoUsers,
}

impl Start {
    fn name(self) -> &'static str {
        match self {
            Start::Migrated => "migrated",
            Start::DemoUsers => "demo",
        }
    }

    /// Brings a new database to this start.
    async fn prepare(self, db: &DatabaseConnection) {
        server::db::migrate(db)
            .await
            .expect("migrate the test database");
        if self == Start::DemoUsers {
            let now = time::OffsetDateTime::now_utc();
            let system = app::auth::Actor::System;
            app::org::service::seed_demo(db, &system, now)
                .await
                .expect("demo organisation");
            app::users::service::seed_demo_users(db, &system, now)
                .await
                .expect("demo users");
        }
    }
}

/// The build of this test binary, which names the template databases: a rebuild (a new
/// migration, a changed seed) makes new ones. Migrating and seeding took 0.65 s and 1 s a
/// test; copying a template takes a fraction (the suite's time, issue 27).
/// Two parts: the binary's path (a checkout's or target directory's own), then its build; a
/// new build drops the older templates of its own path only, never another checkout's.
fn build_key() -> (String, String) {
    use sha2::{Digest, Sha256};
    let exe = std::env::current_exe().expect("the test binary's path");
    let modified = std::fs::metadata(&exe)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let short = |text: String| hex::encode(&Sha256::digest(text)[..5]);
    (
        short(exe.display().to_string()),
        short(modified.to_string()),
    )
}

/// The SQLite template of `start` for this build, made once (by whichever test comes first;
/// the others find it, or make their own copy and the last rename wins: each is complete).
async fn sqlite_template(start: Start) -> std::path::PathBuf {
    // Cargo's temporary folder for this target directory: no other checkout's, no other
    // user's.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-templates");
    std::fs::create_dir_all(&dir).expect("template folder");
    let (_, build) = build_key();
    let path = dir.join(format!("{build}-{}.db", start.name()));
    if path.exists() {
        return path;
    }
    let making = tempfile::tempdir_in(&dir).expect("temporary folder");
    let url = format!("sqlite://{}/make.db?mode=rwc", making.path().display());
    let db = server::db::connect(&url)
        .await
        .expect("connect to the template");
    start.prepare(&db).await;
    // One self-contained file, whatever the write-ahead log holds.
    let copy = making.path().join("template.db");
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DbBackend::Sqlite,
        "VACUUM INTO ?",
        [copy.display().to_string().into()],
    ))
    .await
    .expect("write the template");
    db.close().await.expect("close the template");
    std::fs::rename(&copy, &path).expect("put the template in place");
    // Older builds' templates of this start are of no more use.
    let suffix = format!("-{}.db", start.name());
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let older = entry.path();
        if older != path && older.to_string_lossy().ends_with(&suffix) {
            let _ = std::fs::remove_file(older);
        }
    }
    path
}

/// The PostgreSQL template database of `start` for this build, made once under an advisory
/// lock (tests run in processes of their own, side by side); templates of older builds are
/// dropped when a new one is made.
async fn postgres_template(admin: &DatabaseConnection, base_url: &str, start: Start) -> String {
    let (path, build) = build_key();
    let name = format!("ideverket_tpl_{path}_{build}_{}", start.name());
    let lock = match start {
        Start::Migrated => 42_270_001,
        Start::DemoUsers => 42_270_002,
    };
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_lock({lock})"))
        .await
        .expect("template lock");
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!("SELECT 1 AS found FROM pg_database WHERE datname = '{name}'"),
        ))
        .await
        .expect("look for the template")
        .is_some();
    if !exists {
        let stale = admin
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Postgres,
                format!(
                    "SELECT datname FROM pg_database \
                     WHERE datname LIKE 'ideverket\\_tpl\\_{path}\\_%\\_{}'",
                    start.name()
                ),
            ))
            .await
            .expect("older templates");
        for row in stale {
            let old: String = row.try_get("", "datname").expect("a name");
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
                .await;
        }
        let making = format!("{name}_making");
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {making} WITH (FORCE)"))
            .await
            .expect("drop a half-made template");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {making}"))
            .await
            .expect("create the template");
        let db = server::db::connect(&database_url(base_url, &making))
            .await
            .expect("connect to the template");
        start.prepare(&db).await;
        db.close().await.expect("close the template");
        admin
            .execute_unprepared(&format!("ALTER DATABASE {making} RENAME TO {name}"))
            .await
            .expect("name the template");
    }
    admin
        .execute_unprepared(&format!("SELECT pg_advisory_unlock({lock})"))
        .await
        .expect("template unlock");
    name
}

/// `base_url` with its database replaced by `database`.
fn database_url(base_url: &str, database: &str) -> String {
    let (address, query) = match base_url.split_once('?') {
        Some((address, query)) => (address, Some(query)),
        None => (base_url, None),
    };
    let server = address
        .rsplit_once('/')
        .map_or(address, |(server, _)| server);
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

impl TestDb {
    /// A migrated database of its own.
    pub async fn new(backend: Backend) -> Self {
        Self::starting(backend, Start::Migrated).await
    }

    /// A database with the demo organisation (8 sectors, 200 sites) and the demo users.
    pub async fn with_demo_users(backend: Backend) -> Self {
        Self::starting(backend, Start::DemoUsers).await
    }

    /// A copy of this build's template of `start`.
    async fn starting(backend: Backend, start: Start) -> Self {
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                let template = sqlite_template(start).await;
                let dir = tempfile::tempdir().expect("temporary folder");
                std::fs::copy(&template, dir.path().join("test.db")).expect("copy the template");
                let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
                (url, Cleanup::Sqlite(dir))
            }
            Backend::Postgres => {
                let base_url = std::env::var("TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| DEFAULT_POSTGRES_URL.to_owned());
                // One connection: the template's advisory lock and its unlock must be sent on
                // the same session.
                let mut options = sea_orm::ConnectOptions::new(base_url.clone());
                options.max_connections(1).sqlx_logging(false);
                let admin = sea_orm::Database::connect(options)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at {base_url} is needed: {e}"));
                let template = postgres_template(&admin, &base_url, start).await;
                let database = unique_name();
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {database} TEMPLATE {template}"))
                    .await
                    .expect("create the test database");
                admin.close().await.expect("close admin connection");
                let url = database_url(&base_url, &database);
                (url, Cleanup::Postgres { base_url, database })
            }
        };
        let mut db = server::db::connect(&url)
            .await
            .expect("connect to the test database");
        let queries = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = queries.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Self {
            db,
            url,
            queries,
            _cleanup: cleanup,
        }
    }

    /// How many statements `run` sends to the database.
    pub async fn queries_of<T>(&self, run: impl std::future::Future<Output = T>) -> (T, u64) {
        let before = self.queries.load(Ordering::Relaxed);
        let value = run.await;
        (value, self.queries.load(Ordering::Relaxed) - before)
    }
}

/// The real application on a random local port.
pub struct TestApp {
    pub address: String,
    pub test_db: TestDb,
    pub site_root: tempfile::TempDir,
    pub client: reqwest::Client,
}

impl TestApp {
    pub fn db(&self) -> &DatabaseConnection {
        &self.test_db.db
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET with one extra request header.
    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header(header, value)
            .send()
            .await
            .expect("request")
    }
}

/// The hashed names the stand-in site of [`spawn_app`] lists in its `assets.txt`.
pub const TEST_CSS: &str = "ideverket.0123456789abcdef.css";
pub const TEST_BUNDLE: &str = "ideverket.fedcba9876543210";

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, false).await
}

/// [`spawn_app`], served as if behind HTTPS when `secure_cookies`.
pub async fn spawn_app_with(backend: Backend, secure_cookies: bool) -> TestApp {
    spawn_app_with_routes(backend, secure_cookies, axum::Router::new()).await
}

/// [`spawn_app_with`], with `extra` routes behind the app's layers.
pub async fn spawn_app_with_routes(
    backend: Backend,
    secure_cookies: bool,
    extra: axum::Router<AppState>,
) -> TestApp {
    spawn_app_on(
        backend,
        test_settings(secure_cookies),
        extra,
        app::core::clock::Clock::System,
    )
    .await
}

/// [`spawn_app`] whose clock is `clock` (every handler's and page's "now").
pub async fn spawn_app_at(backend: Backend, clock: app::core::clock::Clock) -> TestApp {
    spawn_app_on(backend, test_settings(false), axum::Router::new(), clock).await
}

/// [`spawn_app_with_routes`] with the deployment's `settings` (single sign-on, passwords off).
pub async fn spawn_app_with_settings(
    backend: Backend,
    settings: Settings,
    extra: axum::Router<AppState>,
) -> TestApp {
    spawn_app_on(backend, settings, extra, app::core::clock::Clock::System).await
}

/// The settings of a test's app: demo mode, no e-mail, passwords, no single sign-on.
pub fn test_settings(secure_cookies: bool) -> Settings {
    Settings {
        demo: true,
        secure_cookies,
        mail: false,
        sso_provider: None,
        sso_origin: None,
        passwords_off: false,
    }
}

async fn spawn_app_on(
    backend: Backend,
    settings: Settings,
    extra: axum::Router<AppState>,
    clock: app::core::clock::Clock,
) -> TestApp {
    let test_db = TestDb::new(backend).await;
    // A site root with a stylesheet under a hashed name and the list of
    // hashed names stands in for the built site; the server reads it as it reads a build.
    let site_root = tempfile::tempdir().expect("site root");
    let pkg = site_root.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    std::fs::write(pkg.join(TEST_CSS), "body { color: black; }\n".repeat(50)).expect("css");
    std::fs::write(
        site_root.path().join("assets.txt"),
        format!(
            "ideverket.js {TEST_BUNDLE}.js\nideverket_bg.wasm {TEST_BUNDLE}_bg.wasm\n\
             ideverket.css {TEST_CSS}\nfavicon.svg favicon.0000000000000000.svg\n"
        ),
    )
    .expect("assets.txt");
    let assets = server::static_files::load_assets(site_root.path()).expect("assets.txt");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("local address");
    let leptos_options = LeptosOptions::builder()
        .output_name(assets.output_name())
        .site_root(site_root.path().to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let state = AppState {
        db: test_db.db.clone(),
        leptos_options,
        settings,
        api_reference: Default::default(),
        assets: std::sync::Arc::new(assets),
        clock,
        anonymisers: app::registry::anonymisers(),
        link_targets: app::registry::link_targets(),
    };
    let router = server::router::router_with(state, extra);
    tokio::spawn(async move {
        axum::serve(
            server::net::no_delay(listener),
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("serve");
    });
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A hung request fails the test with a message instead of stalling the suite.
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client");
    TestApp {
        address: format!("http://{addr}"),
        test_db,
        site_root,
        client,
    }
}

/// Runs each listed async test function once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Backend::Postgres).await
                }
            )*
        }
    };
}

/// The demo user `who` (an index into `DEMO_USERS`) as an actor, with its roles.
pub async fn demo_actor(t: &TestDb, who: usize) -> app::auth::Actor {
    demo_actor_of(&t.db, who).await
}

/// [`demo_actor`] of any database (a spawned app's too).
pub async fn demo_actor_of(db: &DatabaseConnection, who: usize) -> app::auth::Actor {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let id = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq(app::auth::demo::DEMO_USERS[who].email))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    app::auth::Actor::User(
        app::auth::service::load_user_actor(db, id)
            .await
            .unwrap()
            .unwrap(),
    )
}

/// A service site of the demo sector `sector_name`.
pub async fn site_in(t: &TestDb, sector_name: &str) -> i32 {
    site_in_db(&t.db, sector_name).await
}

/// [`site_in`] of any database (a spawned app's too).
pub async fn site_in_db(db: &DatabaseConnection, sector_name: &str) -> i32 {
    use app::entities::{sector, service_site};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let sector = sector::Entity::find()
        .filter(sector::Column::Name.eq(sector_name))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    service_site::Entity::find()
        .filter(service_site::Column::SectorId.eq(sector.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Fires `n` calls of `write` at the same moment, each on a task of its own (so PostgreSQL
/// gets as many connections as the pool holds at once), and returns their outcomes in order
/// (issue 23). `write(i)` gets the call's index. Every rule that checks before it writes is
/// tried with this on PostgreSQL, where writers do not queue as they do on SQLite.
pub async fn race<T, F, Fut>(n: usize, write: F) -> Vec<Result<T, app::core::error::AppError>>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, app::core::error::AppError>> + Send + 'static,
{
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let (start, call) = (start.clone(), write(i));
            tokio::spawn(async move {
                start.wait().await;
                call.await
            })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(n);
    for task in tasks {
        outcomes.push(task.await.expect("a racing write panicked"));
    }
    outcomes
}

/// Grants `role` (unscoped) to the user `user_id` straight in the table: a test's setup.
pub async fn grant_role(db: &DatabaseConnection, user_id: i32, role: app::auth::Role) {
    use sea_orm::{ActiveModelTrait, Set};
    app::entities::user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.as_str().to_owned()),
        sector_id: Set(None),
        site_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
}

/// Moves the user with the e-mail `email` to the home site `site`: a test's setup.
pub async fn move_home(db: &DatabaseConnection, email: &str, site: i32) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    app::entities::user::Entity::update_many()
        .col_expr(
            app::entities::user::Column::HomeSiteId,
            Expr::value(Some(site)),
        )
        .filter(app::entities::user::Column::Email.eq(email))
        .exec(db)
        .await
        .unwrap();
}

/// One message the SMTP server was given, as `end2end/smtp/sink.py` keeps it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// A real SMTP server (aiosmtpd, `end2end/smtp/sink.py`) of its own on a free port, keeping
/// what it receives in a folder of its own; stopped when dropped.
pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SmtpSink {
    pub fn start() -> Self {
        use std::io::BufRead as _;
        let python = std::env::var("IDEVERKET_TEST_SMTP_PYTHON").unwrap_or_else(|_| {
            format!(
                "{}/.cache/ideverket/smtp-venv/bin/python",
                std::env::var("HOME").unwrap_or_default()
            )
        });
        let sink = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/smtp/sink.py");
        let dir = tempfile::tempdir().expect("a folder for the mail");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut child = std::process::Command::new(&python)
            .arg(sink)
            .args(["--port", &port.to_string(), "--dir"])
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "the SMTP server needs {python} with aiosmtpd: run end2end/smtp/install.sh \
                     (./test.sh does): {e}"
                )
            });
        let mut ready = String::new();
        let stdout = child.stdout.take().expect("the server's output");
        std::io::BufReader::new(stdout)
            .read_line(&mut ready)
            .expect("the SMTP server starts");
        assert_eq!(ready.trim(), "ready", "the SMTP server did not start");
        Self { port, dir, child }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What it has received so far, in the order it came.
    pub fn received(&self) -> Vec<Mail> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("the mail folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| {
                serde_json::from_slice(&std::fs::read(p).expect("a kept message")).expect("JSON")
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

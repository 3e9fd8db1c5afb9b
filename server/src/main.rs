//! `ideverket`: serve the web application, run migrations, or load demo data.

use std::net::SocketAddr;
use std::process::ExitCode;

use app::auth::Actor;
use app::core::state::{AppState, Settings};
use clap::{Parser, Subcommand};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use server::config::{Config, ConfigError};
use server::{db, ops, router};
use time::OffsetDateTime;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc (issue 27): rendering a page allocates and frees
/// thousands of small strings across the runtime's threads, and glibc's allocator took a
/// quarter of the portfolio page's CPU time in a profile.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ideverket",
    version,
    about = "Idéverket: the municipality's innovation platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default). Migrations run first.
    Serve {
        /// Load the demo organisation before serving (idempotent).
        #[arg(long, env = "IDEVERKET_DEMO")]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data into the database and exit.
    Seed {
        /// The demo organisation: 8 sectors and 200 service sites.
        #[arg(long, required = true)]
        demo: bool,
        /// Projects in the demo portfolio (the bench uses 10 000).
        #[arg(long, default_value_t = DEMO_PROJECTS, value_parser = clap::value_parser!(u32).range(0..=100_000))]
        projects: u32,
    },
    /// Personal API tokens, for automation (operators running the server).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token for the user with this e-mail and print it (shown only this once).
    Create {
        /// The e-mail of the user the token acts as.
        #[arg(long)]
        email: String,
        /// A name that says what the token is for, e.g. "Power BI".
        #[arg(long)]
        name: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = init_tracing() {
        eprintln!("ideverket: {err}");
        return ExitCode::from(2);
    }
    server::panic_guard::install_panic_hook();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("ideverket: {err}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("ideverket: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(
        cli.command.unwrap_or(Command::Serve { demo: false }),
        config,
    )) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ideverket: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() -> Result<(), ConfigError> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(raw) if !raw.is_empty() => EnvFilter::try_new(&raw)
            .map_err(|e| ConfigError::BadLogFilter(raw.clone(), e.to_string()))?,
        _ => EnvFilter::new("info,sqlx=warn,sea_orm=warn"),
    };
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr)
        .init();
    Ok(())
}

async fn run(command: Command, config: Config) -> Result<(), String> {
    let db = open_database(&config).await?;
    match command {
        Command::Migrate => {
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Seed { projects, .. } => seed_demo(&db, projects as usize).await,
        Command::Token {
            command: TokenCommand::Create { email, name },
        } => {
            let created = app::auth::tokens::create_token_for(
                &db,
                &Actor::System,
                &email,
                &name,
                OffsetDateTime::now_utc(),
            )
            .await
            .map_err(|e| match e {
                app::core::error::AppError::Invalid(fields)
                    if fields.get("email")
                        == Some(&app::core::error::FieldError::UnknownReference) =>
                {
                    format!("cannot create the token: no active user has the e-mail {email}")
                }
                app::core::error::AppError::Invalid(fields) => format!(
                    "cannot create the token: {}",
                    fields
                        .iter()
                        .map(|(field, error)| format!(
                            "{field}: {}",
                            app::ui::field_message(app::i18n::Locale::en, *error)
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                other => format!("cannot create the token: {other}"),
            })?;
            // The secret goes to stdout alone, so scripts can capture it.
            println!("{}", created.secret);
            Ok(())
        }
        Command::Serve { demo } => {
            if demo {
                seed_demo(&db, DEMO_PROJECTS as usize).await?;
            }
            serve(db, config, demo).await
        }
    }
}

/// Connects and migrates, with one readable line when the database cannot be used.
async fn open_database(config: &Config) -> Result<DatabaseConnection, String> {
    let shown = redact(&config.database_url);
    let db = db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot connect to the database at {shown}: {e}"))?;
    db::migrate(&db)
        .await
        .map_err(|e| format!("cannot migrate the database at {shown}: {e}"))?;
    let repaired = app::users::service::repair_name_keys(&db)
        .await
        .map_err(|e| format!("cannot read the users at {shown}: {e:?}"))?;
    if repaired > 0 {
        tracing::warn!(
            repaired,
            "users' name keys were out of step with their names"
        );
    }
    Ok(db)
}

/// Projects in the demo portfolio (issue 12: about 80).
const DEMO_PROJECTS: u32 = 80;

/// The demo organisation, one demo account per role, then the demo portfolio. Idempotent.
async fn seed_demo(db: &DatabaseConnection, projects: usize) -> Result<(), String> {
    // Every feature's demo, in the registry's order (issue 25): this names none of them.
    let made = app::registry::seed_demo(
        db,
        &Actor::System,
        app::feature::DemoSize { projects },
        OffsetDateTime::now_utc(),
    )
    .await
    .map_err(|e| format!("demo seed failed: {e}"))?;
    let summary: Vec<String> = made.iter().map(|(key, n)| format!("{key}: {n}")).collect();
    tracing::info!(made = %summary.join(", "), "demo data loaded");
    // A bulk load leaves the planner without statistics. PostgreSQL's autovacuum comes round
    // in a minute or more: measured at 10 000 projects, a search took 140 ms before ANALYZE and
    // 12-24 ms after, its trigram indexes unused without it. SQLite keeps none until asked:
    // at 100 000 projects the search's page sorted every match (18 ms) where with statistics
    // it walks the order's index (5 ms; issue 27).
    {
        use sea_orm::ConnectionTrait as _;
        db.execute_unprepared("ANALYZE")
            .await
            .map_err(|e| format!("ANALYZE after the demo seed failed: {e}"))?;
    }
    Ok(())
}

async fn serve(db: DatabaseConnection, config: Config, demo: bool) -> Result<(), String> {
    let assets = server::static_files::load_assets(&config.site_root)?;
    let leptos_options = LeptosOptions::builder()
        .output_name(assets.output_name())
        .site_root(config.site_root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let mailer = match &config.mail {
        None => None,
        Some(mail) => Some(app::notifications::mail::Mailer::new(
            &mail.smtp_url,
            &mail.from,
            &mail.public_url,
        )?),
    };
    let settings = Settings {
        demo,
        secure_cookies: config.secure_cookies,
        mail: mailer.is_some(),
        sso_provider: config.oidc.as_ref().map(|o| o.provider_name.clone()),
        sso_origin: config.oidc.as_ref().and_then(|o| {
            url::Url::parse(&o.issuer)
                .ok()
                .map(|u| u.origin().ascii_serialization())
        }),
        passwords_off: !config.password_sign_in,
    };
    // Single sign-on's pages, when a provider is configured (issue 31).
    let sso_routes = match &config.oidc {
        Some(oidc) => {
            server::sso::routes(std::sync::Arc::new(server::sso::Sso::new(oidc.clone())?))
        }
        None => axum::Router::new(),
    };
    // Reminders and e-mail (issue 30): every instance runs the jobs, claimed in the database.
    tokio::spawn(app::notifications::jobs::run_forever(
        db.clone(),
        app::registry::reminder_sources(),
        mailer,
        config.jobs_every,
        app::core::clock::Clock::System,
    ));
    let app = router::router_with(
        AppState {
            db,
            leptos_options,
            settings,
            api_reference: Default::default(),
            assets: std::sync::Arc::new(assets),
            clock: app::core::clock::Clock::System,
            anonymisers: app::registry::anonymisers(),
            link_targets: app::registry::link_targets(),
        },
        sso_routes,
    );
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    tracing::info!("listening on http://{}", config.addr);
    axum::serve(
        server::net::no_delay(listener),
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(ops::shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    tracing::info!("stopped");
    Ok(())
}

/// The database URL without its password, for messages.
fn redact(url: &str) -> String {
    server::config::redact_password(url)
}

//! The admin command line: `mysay serve`, `migrate`, `demo-data`,
//! `create-manager`, `config`, `backup`, `restore`, `check`.

use std::{io::BufRead, path::PathBuf};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use secrecy::SecretString;

use crate::{
    accounts::{NewAccount, Role, count_managers, create_account},
    config::Config,
    demo,
    startup::Application,
    storage::{Db, backup},
};

#[derive(Debug, Parser)]
#[command(
    name = "mysay",
    version,
    about = "MySay: views, advocacy and letters for children in care"
)]
pub struct Cli {
    /// A TOML configuration file (settings in MYSAY_* variables override it).
    #[arg(long, global = true, env = "MYSAY_CONFIG")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve MySay.
    Serve {
        /// Load the demo service first if the database is empty.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date, then stop.
    Migrate,
    /// Load the made-up demo service into an empty database.
    DemoData,
    /// Create the first manager account. The passphrase is read from
    /// standard input (one line), never from the command line.
    CreateManager {
        /// The manager's full name, as staff will see it.
        #[arg(long)]
        name: String,
        /// The manager's work email, which is also their sign-in name.
        #[arg(long)]
        email: String,
    },
    /// Show the configuration in force, with secrets hidden.
    Config,
    /// Copy the SQLite database to FILE while MySay serves (PostgreSQL:
    /// use pg_dump; this says how).
    Backup {
        /// The new backup file (never overwritten).
        file: PathBuf,
    },
    /// Restore a backup FILE into an empty SQLite database, then check it.
    Restore {
        /// A file `mysay backup` made.
        file: PathBuf,
    },
    /// Report the schema version, integrity and counts; fails on a problem.
    Check,
}

/// Logs to standard error, at the level in MYSAY_LOG (default `info`).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MYSAY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve { demo } => {
            // Made-up people with a published passphrase must never be
            // served at a real (https) address.
            if demo && config.public_base_url.starts_with("https://") {
                anyhow::bail!(
                    "--demo loads made-up accounts with a published passphrase: refused for https addresses"
                );
            }
            config.ensure_lasting_secret_key()?;
            let db = Db::connect(config.database_url()).await?;
            db.migrate().await?;
            if demo && demo::load_service_if_empty(&db).await? {
                tracing::info!("loaded the demo service");
            }
            let app = Application::build_with_db(config, db).await?;
            tracing::info!(address = %app.address()?, "MySay is listening");
            app.run_until_stopped().await
        }
        Command::Migrate => {
            let db = Db::connect(config.database_url()).await?;
            db.migrate().await?;
            crate::consultations::store::keep_counts(db.pool(), None).await?;
            println!("The {} database is up to date.", db.backend().name());
            Ok(())
        }
        Command::DemoData => {
            let db = Db::connect(config.database_url()).await?;
            db.migrate().await?;
            if demo::load_service_if_empty(&db).await? {
                println!("Loaded the demo service.");
            } else {
                println!("The database already has accounts; demo data not loaded.");
            }
            Ok(())
        }
        Command::CreateManager { name, email } => {
            let name = name.trim();
            let email = email.trim();
            if name.is_empty() {
                bail!("give the manager's name with --name");
            }
            if !email.contains('@') || email.len() > 254 {
                bail!("give the manager's work email address with --email");
            }
            let passphrase = read_passphrase(&config.site.authority_name)?;
            let db = Db::connect(config.database_url()).await?;
            db.migrate().await?;
            let before = count_managers(&db).await?;
            create_account(
                &db,
                NewAccount {
                    role: Role::Manager,
                    display_name: name,
                    sign_in_name: email,
                    email: Some(email),
                    passphrase,
                },
            )
            .await?;
            println!(
                "Created manager account {} (there {} now {} manager account{}).",
                name,
                if before == 0 { "is" } else { "are" },
                before + 1,
                if before == 0 { "" } else { "s" }
            );
            Ok(())
        }
        Command::Config => {
            print!("{}", config.redacted());
            Ok(())
        }
        Command::Backup { file } => {
            let report = backup::backup_url(config.database_url(), &file).await?;
            println!("Backed up to {}.", file.display());
            print!("{}", report.text());
            Ok(())
        }
        Command::Restore { file } => {
            let report = backup::restore(config.database_url(), &file).await?;
            println!("Restored {}.", file.display());
            print!("{}", report.text());
            if !report.problems.is_empty() {
                bail!("the restored database has problems");
            }
            Ok(())
        }
        Command::Check => {
            let db = Db::connect(config.database_url()).await?;
            let report = backup::check(&db).await?;
            print!("{}", report.text());
            if !report.problems.is_empty() {
                bail!("the database has problems");
            }
            Ok(())
        }
    }
}

fn read_passphrase(authority_name: &str) -> anyhow::Result<SecretString> {
    use crate::accounts::passphrase::{PassphraseProblem, check_new};
    eprintln!("Type the new manager's passphrase (at least 8 characters) and press Enter:");
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the passphrase")?;
    let passphrase = line.trim_end_matches(['\r', '\n']).to_owned();
    match check_new(&passphrase, authority_name) {
        Ok(()) => Ok(SecretString::from(passphrase)),
        Err(PassphraseProblem::TooShort) => bail!("the passphrase must be at least 8 characters"),
        Err(PassphraseProblem::TooLong) => bail!("the passphrase must be at most 256 characters"),
        Err(PassphraseProblem::Common) => {
            bail!("that passphrase is one of the most used, so easy to guess: choose another")
        }
        Err(PassphraseProblem::ContainsOurName) => {
            bail!("the passphrase must not contain MySay's or the authority's name")
        }
    }
}

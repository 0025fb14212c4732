//! The `mysay` command.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = server::cli::Cli::parse();
    server::cli::init_logging();
    match server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mysay: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

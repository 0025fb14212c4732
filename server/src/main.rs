//! The `mysay` command.

use clap::Parser;

/// mimalloc, not the C library's allocator: a page is built from many
/// small allocations freed at once, which it serves in fewer instructions
/// (README, "Choices").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

//! The `rumourmill` command.

use std::process::ExitCode;

use clap::Parser;
use rumourmill::Cli;

// A build makes millions of small allocations on every thread, where mimalloc is much
// faster than the system allocator. Built without transparent huge pages (the `no_thp`
// feature): zeroing a fresh 2 MB page on first touch cost a fifth of a large build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(error.exit_code())
        }
    }
}

//! The `rumourmill` command.

use std::process::ExitCode;

use clap::Parser;
use rumourmill::Cli;

// A build makes millions of small allocations on every thread, where mimalloc is much
// faster than the system allocator. It asks for transparent huge pages: a large build
// touches hundreds of megabytes, and faulting them in 4 KB at a time took about 6% of its
// CPU time. Its version 2 (the `v2` feature) is as fast as version 3, in less memory:
// 1.29 GB against 1.41 GB for 100,000 articles.
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

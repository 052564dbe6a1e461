//! The `paperkg` command line. Parsing and dispatch live in `cli/`; this file only maps the
//! outcome to an exit code.
//!
//! Exit codes: 0 success; 1 an error (unreadable store, I/O failure, bad query); 2 bad usage,
//! or bad input under `--strict`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A closed pipe (`paperkg extract ... | head`) is a normal way for output to end.
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("paperkg: error: {error:#}");
            ExitCode::from(cli::exit_code(&error))
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    // JSON output fails through serde_json, which wraps the I/O error rather than chaining it.
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

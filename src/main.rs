//! The `paperkg` command line. Parsing and dispatch live in `cli/`; this file only maps the
//! outcome to an exit code.
//!
//! Exit codes: 0 success; 1 an error (unreadable store, I/O failure, bad query); 2 bad usage,
//! or bad input under `--strict`.

mod cli;

use std::process::ExitCode;

/// The allocator of the binary. A build allocates and frees small buffers for every quad, and
/// with the system malloc that took about half of its CPU (docs/scale.md).
///
/// mimalloc is built with its `override` feature, so that C `malloc`/`free` and C++
/// `new`/`delete` (RocksDB, libstdc++, glibc) are mimalloc too and every pointer has one
/// allocator, whoever frees it. That matters: oxigraph 0.5 takes RocksDB's error messages,
/// which RocksDB allocates with `strdup`, as `CString::from_raw` and frees them through the
/// Rust allocator; with a Rust-only mimalloc that was `mi_free` of a glibc pointer (SIGSEGV on
/// any RocksDB error, e.g. a store locked by another process).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A closed pipe (`paperkg extract ... | head`) is a normal way for output to end.
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("paperkg: error: {}", cli::error_line(&error));
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

//! `paperkg completions` and `paperkg man`: shell completions and man pages generated from the
//! same clap definitions as the parser, so they never fall behind it.

use super::Cli;
use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg completions bash > ~/.local/share/bash-completion/completions/paperkg
  paperkg completions zsh > ~/.zfunc/_paperkg
  paperkg completions fish > ~/.config/fish/completions/paperkg.fish")]
pub(super) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Args)]
#[command(after_help = "Examples:
  paperkg man | man -l -
  paperkg man --dir ~/.local/share/man/man1     (then: man paperkg, man paperkg-query)")]
pub(super) struct ManArgs {
    /// Write paperkg.1 and one paperkg-COMMAND.1 per command into this directory (created if
    /// missing) instead of printing paperkg.1.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

/// Prints the completion script for one shell.
pub(super) fn completions(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "paperkg", &mut out);
    out.flush()?;
    Ok(())
}

/// Prints the top-level man page, or writes every page into `--dir`.
pub(super) fn man(args: ManArgs) -> anyhow::Result<()> {
    let command = Cli::command();
    let Some(dir) = args.dir else {
        let mut out = std::io::stdout().lock();
        clap_mangen::Man::new(command).render(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    clap_mangen::generate_to(command, &dir)
        .with_context(|| format!("writing man pages into {}", dir.display()))?;
    super::note(&format!(
        "wrote the man pages into {} (`man paperkg` reads them if it is on MANPATH)",
        dir.display()
    ));
    Ok(())
}

//! Command-line arguments. Each doc comment is the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Compile a TOML résumé into a typeset one-page PDF.
#[derive(Debug, Parser)]
#[command(name = "resume", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the PDF (written atomically: an existing file is replaced only on success).
    Build {
        /// The résumé to compile.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// Where to write the PDF [default: the input with a .pdf extension].
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check the résumé without writing anything: errors, warnings, and how full the page is.
    Check {
        /// The résumé to check.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
    },
}

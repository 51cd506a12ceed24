//! Command-line arguments. Each doc comment is the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
        /// Shared options.
        #[command(flatten)]
        common: Common,
    },
    /// Check the résumé without writing anything: errors, warnings, and how the page was fitted.
    Check {
        /// The résumé to check.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// Shared options.
        #[command(flatten)]
        common: Common,
    },
}

/// Options of both `build` and `check`.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// When even the tightest setting overflows, drop the lowest-priority
    /// items (bullets, entries, sections with `priority` 2 or more) until it fits.
    #[arg(long)]
    pub trim: bool,
    /// How to print the report: text for people, json (one object on stdout) for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text on stderr.
    Text,
    /// One JSON object on stdout.
    Json,
}

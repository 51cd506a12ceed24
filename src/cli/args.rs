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
    /// Build the PDF, or pictures of its pages with --to (written atomically: an existing file
    /// is replaced only on success).
    Build {
        /// The résumé to compile.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// Where to write the PDF (or the pictures) [default: beside the
        /// input, named after it (and the variant, or the variant's `output`)].
        #[arg(short, long, conflicts_with = "all")]
        output: Option<PathBuf>,
        /// Which variants.
        #[command(flatten)]
        target: Target,
        /// With --all: the folder for the PDFs and manifest.json.
        #[arg(long, default_value = "dist", requires = "all")]
        out_dir: PathBuf,
        /// With --all: how many variants to build at once [default: one per core].
        #[arg(long, short, requires = "all")]
        jobs: Option<usize>,
        /// What to write: the PDF, or pictures of the pages drawn from the
        /// same layout, one file per page when there are several
        /// (`resume-1.svg`, `resume-2.svg`, ...) [default: from the
        /// extension of -o, else pdf].
        #[arg(long, value_enum, value_name = "KIND")]
        to: Option<Kind>,
        /// The resolution of PNG pictures, in dots per inch [default: 144].
        #[arg(long, value_name = "N", allow_negative_numbers = true)]
        dpi: Option<f32>,
        /// Shared options.
        #[command(flatten)]
        common: Common,
    },
    /// Check without writing anything: errors, warnings, and how each page was fitted.
    /// With --all it suits a pre-commit hook.
    Check {
        /// The résumé to check.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// Which variants.
        #[command(flatten)]
        target: Target,
        /// Also print what to cut: the cut plan of content that overflows
        /// (what --trim drops), or, for a page that fits only by tightening,
        /// what to cut to fit at the preferred setting.
        #[arg(long)]
        suggest: bool,
        /// Instead of checking the documents, list every text written as a
        /// table of translations that lacks one of the languages the file
        /// uses (its `lang`, its variants' and its tables' keys); exit code
        /// 1 when any is missing.
        #[arg(long, conflicts_with_all = ["suggest", "variant", "all"])]
        translations: bool,
        /// Shared options.
        #[command(flatten)]
        common: Common,
    },
    /// Build, then rebuild whenever the résumé or a file it uses changes
    /// (theme files, font files); with --serve, show a live preview in the
    /// browser. Ctrl-C stops.
    Watch {
        /// The résumé to compile.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// Where to write the PDF [default: as for build].
        #[arg(short, long, conflicts_with = "all")]
        output: Option<PathBuf>,
        /// Which variants.
        #[command(flatten)]
        target: Target,
        /// With --all: the folder for the PDFs and manifest.json.
        #[arg(long, default_value = "dist", requires = "all")]
        out_dir: PathBuf,
        /// Serve a live preview page (every page, the fit report, errors
        /// over the page, a variant switcher, the PDF), updated on each save.
        #[arg(long)]
        serve: bool,
        /// With --serve: the port (0 picks a free one).
        #[arg(long, default_value_t = 8700, requires = "serve")]
        port: u16,
        /// With --serve: the address to listen on [default: 127.0.0.1, this
        /// machine only]; another address shows the résumé to the network.
        #[arg(long, value_name = "ADDR", requires = "serve")]
        listen: Option<std::net::IpAddr>,
        /// Shared options.
        #[command(flatten)]
        common: Common,
    },
    /// Print the JSON Schema of the TOML format, for editors to complete and check fields.
    Schema,
    /// Convert a JSON Resume file (JSON or YAML) into a resume.toml that builds as it is.
    Import {
        /// The JSON Resume file (`.json`, `.yaml` or `.yml`).
        input: PathBuf,
        /// Where to write the TOML [default: the input with a .toml extension].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Write the section titles in this language (a tag such as "de"),
        /// and `lang` at the top of the file, which prints the dates in it.
        #[arg(long)]
        lang: Option<String>,
        /// The same résumé in another language, as LANG=FILE (repeatable):
        /// each text that differs is written as a table of translations,
        /// with one variant per language. Needs --lang for the input's own.
        #[arg(long, value_name = "LANG=FILE", requires = "lang")]
        translation: Vec<String>,
    },
    /// Export the résumé (or one variant) as JSON Resume, plain text or Markdown.
    Export {
        /// The résumé.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Export one variant instead of the résumé as written.
        #[arg(long)]
        variant: Option<String>,
        /// The language to write (a tag such as "de"), over the file's and
        /// the variant's `lang`: each text written as a table of
        /// translations gives the one in this language.
        #[arg(long)]
        lang: Option<String>,
        /// Where to write [default: standard output].
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List the built-in themes (for `[theme] name` and `--theme`) and the bundled font families.
    Themes,
    /// List the variants with how many items each selects.
    Variants {
        /// The résumé.
        #[arg(default_value = "resume.toml")]
        input: PathBuf,
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

impl Command {
    /// How the command prints its report.
    pub fn format(&self) -> Format {
        match self {
            Command::Build { common, .. }
            | Command::Check { common, .. }
            | Command::Watch { common, .. } => common.format,
            Command::Variants { format, .. } => *format,
            Command::Schema | Command::Themes | Command::Import { .. } | Command::Export { .. } => {
                Format::Text
            }
        }
    }
}

/// Which variants to build or check.
#[derive(Debug, clap::Args)]
pub struct Target {
    /// Build one variant (a `[variants.NAME]` table) instead of the résumé as written.
    #[arg(long, conflicts_with = "all")]
    pub variant: Option<String>,
    /// Every variant plus the résumé as written, in parallel.
    #[arg(long)]
    pub all: bool,
}

/// Options of both `build` and `check`.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// When even the tightest setting overflows, drop the items of the cut
    /// plan until it fits: those marked `priority` 2 or more first (the
    /// highest first), then unmarked ones by convention (see the README,
    /// "When it does not fit"); `priority = 1` is never dropped.
    #[arg(long)]
    pub trim: bool,
    /// The most pages the résumé may take (1 to 8), over `[fit] pages`:
    /// it takes the fewest on which the content fits.
    #[arg(long, value_name = "N", value_parser = pages_range())]
    pub pages: Option<u32>,
    /// How to print the report: text for people, json (one object on stdout) for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Validate the PDF against a standard; the build fails with the
    /// validator's messages when the input cannot meet it.
    #[arg(long, value_enum)]
    pub pdf_standard: Option<PdfStandard>,
    /// Set the résumé and every variant in this built-in theme, for this
    /// build only; the résumé's other `[theme]` keys still apply (`resume
    /// themes` lists the themes).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// Use only the bundled fonts and the `[fonts] fallback` files, never
    /// installed system fonts, so that the PDF is the same on every machine.
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// `--pages`: 1 to [`resume::limits::MAX_PAGES`].
fn pages_range() -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(1..=i64::from(resume::limits::MAX_PAGES))
}

/// PDF standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandard {
    /// PDF/A-2b (archival; needs SOURCE_DATE_EPOCH for the creation date).
    #[value(name = "a-2b")]
    A2b,
    /// PDF/UA-1 (accessible; headings, lists and links are tagged).
    #[value(name = "ua-1")]
    Ua1,
}

/// What `build` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// The PDF.
    Pdf,
    /// An SVG picture of each page: vector outlines, the text in labels.
    Svg,
    /// A PNG picture of each page, at --dpi.
    Png,
}

impl Kind {
    /// The file extension, which is also the name users write.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Svg => "svg",
            Kind::Png => "png",
        }
    }

    /// The kind a file extension names, ignoring case.
    pub fn of_extension(path: &std::path::Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        [Kind::Pdf, Kind::Svg, Kind::Png]
            .into_iter()
            .find(|k| k.extension() == ext)
    }
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// JSON Resume (schema v1).
    Json,
    /// Plain text for job-portal forms: reading order, bullets as "- ", no markup.
    Txt,
    /// Markdown.
    Md,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// One JSON object on stdout.
    Json,
}

//! The `resume` command: parse the arguments, run the command, and turn
//! its result into the exit code. All I/O happens in `cli`; the library
//! stays pure.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::args::{Cli, Command};
use cli::build::Request;
use cli::plan::Target;
use cli::report::Reporter;
use cli::{Failed, build, export, import, themes, translations, variants, watch};

fn main() -> ExitCode {
    let args = Cli::parse();
    let mut reporter = Reporter::new(args.command.format());
    let outcome = match args.command {
        Command::Build {
            input,
            output,
            target,
            out_dir,
            jobs,
            to,
            dpi,
            common,
        } => {
            let target = if target.all {
                Target::All { out_dir, jobs }
            } else {
                Target::One {
                    variant: target.variant,
                    output,
                }
            };
            let request = Request::build(input, target, common).drawing(to, dpi);
            build::run(request, &mut reporter)
        }
        Command::Check {
            input,
            translations: true,
            ..
        } => translations::run(&input, &mut reporter),
        Command::Check {
            input,
            target,
            suggest,
            common,
            ..
        } => build::run(
            Request::check(input, target, common, suggest),
            &mut reporter,
        ),
        Command::Watch {
            input,
            output,
            target,
            out_dir,
            serve,
            port,
            listen,
            common,
        } => {
            let target = if target.all {
                Target::All {
                    out_dir,
                    jobs: None,
                }
            } else {
                Target::One {
                    variant: target.variant,
                    output,
                }
            };
            let serve = serve.then(|| {
                let ip = listen.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
                std::net::SocketAddr::new(ip, port)
            });
            watch::run(Request::build(input, target, common), serve, &mut reporter)
        }
        Command::Variants { input, .. } => variants::run(&input, &mut reporter),
        Command::Themes => {
            reporter.out_raw(&themes::list());
            Ok(())
        }
        Command::Schema => {
            reporter.out_raw(&resume::model::schema());
            Ok(())
        }
        Command::Import {
            input,
            output,
            force,
            lang,
            translation,
        } => import::run(&input, output, force, lang, &translation, &mut reporter),
        Command::Export {
            input,
            format,
            variant,
            lang,
            output,
        } => {
            let (variant, output) = (variant.as_deref(), output.as_deref());
            export::run(&input, format, variant, lang, output, &mut reporter)
        }
    };
    let code = match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed::Stopped(stopped)) => {
            reporter.stopped(&stopped);
            ExitCode::from(1)
        }
        Err(Failed::Reported) => ExitCode::from(1),
    };
    match reporter.failure() {
        Some(message) => {
            // Standard error may be the stream that failed; try anyway.
            let _ = writeln!(std::io::stderr(), "{message}");
            ExitCode::from(1)
        }
        None => code,
    }
}

//! `tm serve`: starts the server on the project and logs its requests on standard error.

use std::io::Write;
use std::sync::Arc;

use tm::project::Project;

use super::Status;
use super::args::ServeArgs;

pub(crate) fn run(args: &ServeArgs, project: Project) -> anyhow::Result<Status> {
    let options = tm_serve::Options {
        listen: args.listen,
        workers: args.workers.max(1),
        allow_import: args.allow_import,
        token: args.token.clone().filter(|t| !t.is_empty()),
    };
    let memory = project.memory.to_string();
    let log: tm_serve::Logger = Arc::new(|line: &str| {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
    });
    let server = tm_serve::Server::bind(project, options, log)?;
    for warning in &server.warnings {
        let _ = writeln!(std::io::stderr().lock(), "tm: warning: {}", tm::text::escape_controls(warning));
    }
    let address = server.address()?;
    let _ = writeln!(
        std::io::stderr().lock(),
        "tm: serving http://{address}/ (memory: {}{}); Ctrl-C stops",
        tm::text::escape_controls(&memory),
        if args.allow_import { ", imports allowed" } else { ", read-only" }
    );
    server.run()?;
    Ok(Status::Success)
}

//! `tm lsp`: the project loaded (a broken tm.toml is shown in the editor, and the defaults
//! serve meanwhile), and the protocol's transport on standard input and output.
//!
//! The transport reads each frame as bytes and decodes it with invalid UTF-8 replaced by
//! U+FFFD, so a buffer an editor sends in another encoding is checked (its bad bytes marked)
//! instead of ending the session; a frame that is not JSON-RPC is skipped.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use lsp_server::{Connection, Message};
use tm::project::{Project, ProjectOptions};

use super::Status;

pub(crate) fn run(config: Option<PathBuf>, memory: Option<PathBuf>) -> anyhow::Result<Status> {
    // Paths from the editor are absolute: so is the project's root.
    let here = std::env::current_dir()?;
    let options = ProjectOptions { config, memory };
    let load = || match Project::resolve_in(&here, &options) {
        Ok(project) => (project, None),
        Err(error) => (Project::without_config(&options), Some(error)),
    };
    let (connection, reader, writer) = stdio();
    tm_lsp::run(&load, &connection)?;
    drop(connection);
    let _ = reader.join();
    writer.join().map_err(|_| anyhow::anyhow!("the output thread failed"))??;
    Ok(Status::Success)
}

type Thread = std::thread::JoinHandle<std::io::Result<()>>;

fn stdio() -> (Connection, Thread, Thread) {
    let (to_server, receiver) = crossbeam_channel::bounded::<Message>(0);
    let (sender, from_server) = crossbeam_channel::bounded::<Message>(0);
    let reader = std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        while let Some(body) = read_frame(&mut input)? {
            let Ok(message) = serde_json::from_str::<Message>(&String::from_utf8_lossy(&body)) else { continue };
            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
            if to_server.send(message).is_err() || exit {
                break;
            }
        }
        Ok(())
    });
    let writer = std::thread::spawn(move || {
        let stdout = std::io::stdout();
        let mut output = stdout.lock();
        for message in from_server {
            message.write(&mut output)?;
            output.flush()?;
        }
        Ok(())
    });
    (Connection { sender, receiver }, reader, writer)
}

/// One frame's body: headers up to an empty line, then `Content-Length` bytes. `None` at the
/// end of the input.
fn read_frame(input: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut length = None;
    loop {
        let mut line = Vec::new();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end();
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.unwrap_or(0)];
    input.read_exact(&mut body)?;
    Ok(Some(body))
}

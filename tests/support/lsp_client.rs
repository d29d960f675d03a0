//! A language-server client for tests and benches: JSON-RPC with `Content-Length` framing over
//! a `tm lsp` process's standard input and output, as an editor speaks it.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Client {
    pub child: Child,
    stdin: ChildStdin,
    stdout: std::sync::mpsc::Receiver<Value>,
    /// Messages received while waiting for another, oldest first.
    skipped: Vec<Value>,
    next_id: i64,
}

fn read_message(reader: &mut BufReader<ChildStdout>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// `tm lsp` started in the project folder `dir`.
    pub fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
            .arg("lsp")
            .current_dir(dir)
            .env_remove("TM_MEMORY")
            .env("TM_CACHE_DIR", dir.join(".cache"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let (sender, stdout) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Self { child, stdin, stdout, skipped: Vec::new(), next_id: 1 }
    }

    pub fn send(&mut self, message: &Value) {
        self.send_bytes(message.to_string().as_bytes());
    }

    pub fn send_bytes(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// The first message, received or still to come, that satisfies `wanted`, within ten
    /// seconds; the others are kept for later waits.
    pub fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.skipped.iter().position(&wanted) {
            return self.skipped.remove(at);
        }
        let until = Instant::now() + Duration::from_secs(10);
        loop {
            let left = until.saturating_duration_since(Instant::now());
            let message = self.stdout.recv_timeout(left).unwrap_or_else(|_| panic!("no {what} within 10 s"));
            if wanted(&message) {
                return message;
            }
            self.skipped.push(message);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(method, |m| m["id"] == id)
    }

    /// The next diagnostics of `uri` if they come within `within`.
    pub fn diagnostics_within(&mut self, uri: &str, within: Duration) -> Option<Vec<Value>> {
        let wanted = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        if let Some(at) = self.skipped.iter().position(wanted) {
            return self.skipped.remove(at)["params"]["diagnostics"].as_array().cloned();
        }
        let until = Instant::now() + within;
        loop {
            let message = self.stdout.recv_timeout(until.saturating_duration_since(Instant::now())).ok()?;
            if wanted(&message) {
                return message["params"]["diagnostics"].as_array().cloned();
            }
            self.skipped.push(message);
        }
    }

    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message =
            self.wait("diagnostics", |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

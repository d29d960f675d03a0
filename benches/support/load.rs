//! `tm serve` started for a bench, and a load of tmserver lookups against it.
#![allow(unreachable_pub)]

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn start(dir: &Path, memory: impl AsRef<OsStr>) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["serve", "--listen", "127.0.0.1:0", "--memory"])
        .arg(memory)
        .current_dir(dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut base = None;
    let mut rest = Vec::new();
    for line in lines.by_ref().map_while(Result::ok) {
        if let Some(address) = line.strip_prefix("tm: serving ") {
            base = Some(address.split('/').take(3).collect::<Vec<_>>().join("/"));
            break;
        }
        rest.push(line);
    }
    // The request log is read and dropped: a full pipe would stop the server.
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
    (Server(child), base.unwrap_or_else(|| panic!("tm serve did not start: {rest:?}")))
}

/// `clients` threads, each sending lookups back to back for `seconds`; latencies in ms.
pub fn load(base: &str, queries: &[String], clients: usize, seconds: f64) -> (Vec<f64>, f64) {
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let mut latencies: Vec<f64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..clients)
            .map(|client| {
                scope.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder().build().into();
                    let mut out = Vec::new();
                    let mut index = client * 7919;
                    while Instant::now() < until {
                        let url = format!("{base}/tmserver/ru/en_gb/unit/{}", queries[index % queries.len()]);
                        let sent = Instant::now();
                        let mut response = agent.get(&url).call().unwrap();
                        let _ = response.body_mut().read_to_string().unwrap();
                        out.push(sent.elapsed().as_secs_f64() * 1000.0);
                        index += 1;
                    }
                    out
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let rate = latencies.len() as f64 / elapsed;
    (latencies, rate)
}

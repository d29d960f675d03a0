//! The memory backends a test runs against: the embedded SQLite file, and PostgreSQL from a
//! throwaway cluster that `scripts/postgres-dev.sh` starts once per test binary (and stops when
//! the binary exits). `TM_TEST_POSTGRES` may name a running server instead (a URL whose user
//! may create databases). PostgreSQL missing is a failure, never a skip.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use tm::memory::{MemoryLocation, Store};
use tm::project::Access;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const ALL: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

/// The cluster's URL (database `tm`), started on first use.
pub fn postgres_server() -> &'static str {
    static SERVER: OnceLock<String> = OnceLock::new();
    SERVER.get_or_init(|| {
        if let Ok(url) = std::env::var("TM_TEST_POSTGRES") {
            return url;
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/postgres-dev.sh");
        let output = Command::new("bash")
            .arg(&script)
            .args(["start", "--until-exit", &std::process::id().to_string()])
            .output()
            .expect("running scripts/postgres-dev.sh");
        assert!(
            output.status.success(),
            "PostgreSQL is needed for this test and could not be started (apt-get install postgresql): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    })
}

/// A new, empty database on the test cluster; its URL.
pub fn fresh_database(name: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let server = postgres_server();
    let database = format!(
        "tm_{}_{}_{}",
        std::process::id(),
        name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    let mut client = postgres::Client::connect(server, postgres::NoTls).expect("connecting to the test cluster");
    client.batch_execute(&format!("CREATE DATABASE {database}")).unwrap();
    let (base, _) = server.rsplit_once('/').unwrap();
    format!("{base}/{database}")
}

/// A scratch folder for a test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tm-backend-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    /// Where a new, empty memory of this backend is: a file in a scratch folder, or a new
    /// database.
    pub fn fresh(self, name: &str) -> String {
        match self {
            Backend::Sqlite => {
                scratch(&format!("{name}-{}", self.name())).join("memory/tm.sqlite").display().to_string()
            }
            Backend::Postgres => fresh_database(name),
        }
    }

    /// A new, empty memory, open for writing.
    pub fn create(self, name: &str) -> (String, Box<dyn Store>) {
        let location = self.fresh(name);
        let store = open(&location, Access::Create);
        (location, store)
    }
}

/// Opens the memory at `location` as the CLI does.
pub fn open(location: &str, access: Access) -> Box<dyn Store> {
    tm::project::open_memory(&MemoryLocation::parse(location), access)
        .unwrap_or_else(|e| panic!("opening {location}: {e}"))
}

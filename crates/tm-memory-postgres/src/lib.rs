//! A team memory in PostgreSQL: the same units, batches, dedupe key, trigram postings and
//! sketches as the embedded SQLite file, in tables of one database, and the [`Store`]
//! implementation the search, import and admin code of `tm-memory` run on unchanged. The only
//! crate that speaks PostgreSQL.
//!
//! PostgreSQL keeps the data; `tm`'s own postings and sketches do the fuzzy search, exactly as
//! in SQLite (PostgreSQL's trigram index is neither fast enough nor able to see Cyrillic under
//! a C locale). Writers queue on one advisory lock (one import transaction per file, as in
//! SQLite), so unit ids grow in commit order; readers read a snapshot and never wait.
//!
//! [`Store`]: tm_memory::Store

mod admin;
mod import;
mod schema;
mod search;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

use postgres::types::ToSql;
use postgres::{Client, Row, Statement};
use tm_memory::{MemoryError, MemoryLocation};

pub use schema::SCHEMA_VERSION;

/// PostgreSQL's error as the memory's backend error. The driver's messages never hold the
/// connection string, so no password reaches an error.
/// The driver's error with what the server said ("db error" alone names nothing).
pub(crate) fn db(error: postgres::Error) -> MemoryError {
    let text = match (error.as_db_error(), std::error::Error::source(&error)) {
        (Some(server), _) => format!("{} ({})", server.message(), server.code().code()),
        (None, Some(source)) => format!("{error}: {source}"),
        (None, None) => error.to_string(),
    };
    MemoryError::Backend(text.into())
}

/// The advisory lock every writer holds for its transaction: imports from several machines
/// queue on it instead of interleaving, so ids grow in commit order and a reader that has seen
/// id N has seen every unit below it.
pub(crate) const WRITE_LOCK: i64 = 0x544D_5752; // "TMWR"

/// The channel a committed write is announced on (`LISTEN tm_memory`), with its batch.
pub(crate) const CHANNEL: &str = "tm_memory";

/// How a memory is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// Reads only: the tables must exist and be of this `tm`'s schema.
    Read,
    /// The tables must exist; an older schema is migrated.
    WriteExisting,
    /// Creates the tables in an empty database.
    Create,
}

/// An open PostgreSQL memory: one connection, its prepared statements.
pub struct PostgresMemory {
    client: RefCell<Client>,
    statements: RefCell<HashMap<&'static str, Statement>>,
    /// The largest unit id, read with the current snapshot's first statement.
    snapshot_max_id: Cell<Option<i64>>,
    /// The URL without its password.
    shown: String,
}

impl std::fmt::Debug for PostgresMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresMemory").field("location", &self.shown).finish_non_exhaustive()
    }
}

/// Whether a location is this backend's (`postgres://` or `postgresql://`).
#[must_use]
pub fn handles(url: &str) -> bool {
    let scheme = url.split_once("://").map(|(scheme, _)| scheme.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("postgres" | "postgresql"))
}

/// libpq's `sslmode` values, as far as `tm` tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SslMode {
    Disable,
    /// TLS when the server offers it (libpq's default, and `allow`).
    Prefer,
    /// TLS or no connection, the certificate not verified (as libpq's `require`).
    Require,
    /// TLS with the certificate verified against the system's roots; `verify-full` also
    /// checks the host name.
    VerifyCa,
    VerifyFull,
}

/// The URL without its `sslmode` parameter, and the mode it asked for.
fn split_sslmode(url: &str) -> Result<(String, SslMode), String> {
    let Some((base, query)) = url.split_once('?') else { return Ok((url.to_owned(), SslMode::Prefer)) };
    let mut mode = SslMode::Prefer;
    let mut kept = Vec::new();
    for parameter in query.split('&').filter(|p| !p.is_empty()) {
        match parameter.split_once('=') {
            Some(("sslmode", value)) => {
                mode = match value {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => {
                        return Err(format!(
                            "sslmode={other} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                        ));
                    }
                }
            }
            _ => kept.push(parameter),
        }
    }
    Ok((if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) }, mode))
}

/// Connects to the database at `url`, with TLS as its `sslmode` asks.
fn connect(url: &str, shown: &str) -> Result<Client, MemoryError> {
    let refuse = |why: String| MemoryError::Connect { location: shown.to_owned(), why };
    let (url, mode) = split_sslmode(url).map_err(refuse)?;
    // The driver's parse errors do not repeat the URL, but say only what is wrong with it.
    let mut config: postgres::Config = url.parse().map_err(|e: postgres::Error| refuse(e.to_string()))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config.application_name("tm");
    let connected = if mode == SslMode::Disable {
        config.ssl_mode(postgres::config::SslMode::Disable);
        config.connect(postgres::NoTls)
    } else {
        let verify = matches!(mode, SslMode::VerifyCa | SslMode::VerifyFull);
        let connector = native_tls::TlsConnector::builder()
            .danger_accept_invalid_certs(!verify)
            .danger_accept_invalid_hostnames(mode != SslMode::VerifyFull)
            .build()
            .map_err(|e| refuse(format!("cannot set up TLS: {e}")))?;
        config.ssl_mode(if mode == SslMode::Prefer {
            postgres::config::SslMode::Prefer
        } else {
            postgres::config::SslMode::Require
        });
        config.connect(postgres_native_tls::MakeTlsConnector::new(connector))
    };
    connected.map_err(|e| refuse(error_chain(&e)))
}

/// An error and its causes in one line ("error connecting to server: Connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut out = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = inner.source();
    }
    out
}

impl PostgresMemory {
    /// Opens the memory in the database at `url` (`postgres://user@host:port/database`, with
    /// libpq's `sslmode`).
    pub fn open(url: &str, open: Open) -> Result<Self, MemoryError> {
        let shown = MemoryLocation::Url(url.to_owned()).to_string();
        let mut client = connect(url, &shown)?;
        match open {
            Open::Create => schema::migrate(&mut client, &shown, true)?,
            Open::WriteExisting => schema::migrate(&mut client, &shown, false)?,
            Open::Read => schema::check(&mut client, &shown)?,
        }
        Ok(Self {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            snapshot_max_id: Cell::new(None),
            shown,
        })
    }

    /// A statement prepared once per connection.
    fn prepared(&self, sql: &'static str) -> Result<Statement, MemoryError> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.borrow_mut().prepare(sql).map_err(db)?;
        self.statements.borrow_mut().insert(sql, statement.clone());
        Ok(statement)
    }

    /// Runs a prepared query and returns its rows.
    fn rows(&self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, MemoryError> {
        let statement = self.prepared(sql)?;
        self.client.borrow_mut().query(&statement, params).map_err(db)
    }

    /// Runs a prepared query that returns one number.
    fn number(&self, sql: &'static str, params: &[&(dyn ToSql + Sync)]) -> Result<i64, MemoryError> {
        let statement = self.prepared(sql)?;
        self.client.borrow_mut().query_one(&statement, params).map_err(db)?.try_get(0).map_err(db)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_is_taken_out_of_the_url_and_read_as_libpq_reads_it() {
        let (url, mode) = split_sslmode("postgres://tm@db/память?sslmode=verify-full&connect_timeout=5").unwrap();
        assert_eq!((url.as_str(), mode), ("postgres://tm@db/память?connect_timeout=5", SslMode::VerifyFull));
        assert_eq!(split_sslmode("postgres://tm@db/tm").unwrap().1, SslMode::Prefer);
        assert_eq!(
            split_sslmode("postgres://tm@db/tm?sslmode=require").unwrap(),
            ("postgres://tm@db/tm".into(), SslMode::Require)
        );
        assert!(split_sslmode("postgres://tm@db/tm?sslmode=всегда").unwrap_err().contains("sslmode=всегда"));
        assert!(
            handles("postgresql://tm@db/tm")
                && handles("POSTGRES://x")
                && !handles("mysql://x")
                && !handles("memory/tm.sqlite")
        );
    }

    #[test]
    fn an_unreachable_server_is_named_without_its_password() {
        // Port 1 on loopback: nothing listens there.
        let error =
            PostgresMemory::open("postgres://tm:секрет@127.0.0.1:1/tm?connect_timeout=2", Open::Read).unwrap_err();
        let text = error.to_string();
        assert!(text.starts_with("postgres://tm:***@127.0.0.1:1/tm"), "{text}");
        assert!(!text.contains("секрет"), "{text}");
    }
}

//! The embedded SQLite memory: one file per memory (`memory/tm.sqlite` by default), the
//! schema and its migrations, and the [`Store`] implementation the search, import and admin
//! code of `tm-memory` run on. The only crate that speaks SQL.

mod admin;
mod import;
mod schema;
mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use tm_memory::MemoryError;

pub use schema::SCHEMA_VERSION;

/// SQLite's error as the memory's backend error.
pub(crate) fn db(error: rusqlite::Error) -> MemoryError {
    MemoryError::Backend(Box::new(error))
}

/// The SQLite error code inside a memory error, when it came from SQLite.
fn sqlite_code(error: &MemoryError) -> Option<rusqlite::ErrorCode> {
    match error {
        MemoryError::Backend(inner) => {
            inner.downcast_ref::<rusqlite::Error>().and_then(rusqlite::Error::sqlite_error_code)
        }
        _ => None,
    }
}

/// A 64 MiB page cache, and reads through a memory map, which avoid copying every page a
/// lookup touches.
fn tune_reads(connection: &Connection) -> Result<(), MemoryError> {
    connection.pragma_update(None, "cache_size", -65_536).map_err(db)?;
    connection.pragma_update(None, "mmap_size", 1i64 << 31).map_err(db)?;
    Ok(())
}

/// The write-ahead log beside a memory file.
fn wal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

/// A path as the path part of an SQLite `file:` URI: `?`, `#` and `%` escaped.
fn percent_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// An open SQLite memory.
#[derive(Debug)]
pub struct SqliteMemory {
    connection: Connection,
    path: PathBuf,
}

impl SqliteMemory {
    /// Opens the memory at `path`, creating it (and its folder) if needed, and migrating an
    /// older schema.
    pub fn open(path: &Path) -> Result<Self, MemoryError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| MemoryError::CreateFolder { path: parent.display().to_string(), source })?;
        }
        Self::connect(path)
    }

    /// Opens an existing memory; a missing file is an error rather than a new empty memory.
    pub fn open_existing(path: &Path) -> Result<Self, MemoryError> {
        if !path.exists() {
            return Err(MemoryError::Missing { path: path.display().to_string() });
        }
        Self::connect(path)
    }

    fn connect(path: &Path) -> Result<Self, MemoryError> {
        Self::connect_writable(path).map_err(|error| match error {
            error
                if matches!(
                    sqlite_code(&error),
                    Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                ) =>
            {
                let MemoryError::Backend(source) = error else { return error };
                MemoryError::NotWritable { path: path.display().to_string(), source }
            }
            other => other,
        })
    }

    fn connect_writable(path: &Path) -> Result<Self, MemoryError> {
        let mut connection = Connection::open(path).map_err(db)?;
        // Concurrent imports queue on the write lock instead of failing.
        connection.busy_timeout(Duration::from_secs(600)).map_err(db)?;
        schema::claim(&connection, &path.display().to_string())?;
        connection.pragma_update(None, "journal_mode", "WAL").map_err(db)?;
        connection.pragma_update(None, "synchronous", "NORMAL").map_err(db)?;
        connection.pragma_update(None, "foreign_keys", "ON").map_err(db)?;
        tune_reads(&connection)?;
        schema::migrate(&mut connection, &path.display().to_string())?;
        Ok(Self { connection, path: path.to_owned() })
    }

    /// Opens an existing memory for commands that only read it (search, export, statistics,
    /// `check --source`): nothing is written, so a memory in a read-only folder or on a
    /// read-only disk serves reads. A memory whose schema is older than this `tm` is migrated
    /// when it can be written, and otherwise is an error saying so.
    pub fn open_read_only(path: &Path) -> Result<Self, MemoryError> {
        if !path.exists() {
            return Err(MemoryError::Missing { path: path.display().to_string() });
        }
        let shown = path.display().to_string();
        let connection = match Self::read_only_connection(path, false) {
            Ok(connection) => connection,
            // SQLite reads a WAL-mode file through its `-shm` index, which it cannot create in a
            // read-only folder. With no `-wal` beside the file no writer is active there, and
            // the file can be read as it stands.
            Err(error) if sqlite_code(&error) == Some(rusqlite::ErrorCode::CannotOpen) && !wal_path(path).exists() => {
                Self::read_only_connection(path, true)?
            }
            Err(other) => return Err(other),
        };
        let marked = schema::verify(&connection, &shown)?;
        let found = schema::version(&connection)?;
        if found > SCHEMA_VERSION {
            return Err(MemoryError::NewerSchema { path: shown, found, known: SCHEMA_VERSION });
        }
        if found < SCHEMA_VERSION || !marked {
            // An older memory: migrate it when it can be written.
            drop(connection);
            return Self::connect(path).map_err(|error| MemoryError::ReadOnlyOld {
                path: shown,
                found,
                known: SCHEMA_VERSION,
                why: error.to_string(),
            });
        }
        connection.busy_timeout(Duration::from_secs(600)).map_err(db)?;
        tune_reads(&connection)?;
        Ok(Self { connection, path: path.to_owned() })
    }

    /// A read-only connection, checked by reading the header; `immutable` reads the file
    /// without the WAL index (only when no writer can be active).
    fn read_only_connection(path: &Path, immutable: bool) -> Result<Connection, MemoryError> {
        use rusqlite::OpenFlags;
        let connection = if immutable {
            let uri = percent_escape(&path.to_string_lossy());
            Connection::open_with_flags(
                format!("file:{uri}?immutable=1"),
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(db)?
        } else {
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(db)?
        };
        connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get::<_, i64>(0)).map_err(db)?;
        Ok(connection)
    }

    /// Opens a memory file only to read it (no migration, no journal change).
    fn connect_read_only(path: &Path) -> Result<Self, MemoryError> {
        let connection = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(db)?;
        Ok(Self { connection, path: path.to_owned() })
    }

    /// Moves what the write-ahead log holds into the memory file and empties the log
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`). SQLite does this by itself after commits, but
    /// ignores its failures: a full disk then leaves committed imports only in `-wal`, where a
    /// copy of the memory file misses them. Readers still in the log postpone it harmlessly.
    pub fn checkpoint(&self) -> Result<(), MemoryError> {
        let result = self.connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?, row.get::<_, i64>(2)?))
        });
        match result {
            Ok(_) => Ok(()),
            Err(source) => {
                Err(MemoryError::Checkpoint { path: self.path.display().to_string(), source: Box::new(source) })
            }
        }
    }

    /// The file this memory lives in.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

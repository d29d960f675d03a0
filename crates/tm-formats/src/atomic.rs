//! Writing files so that nothing is ever half-written: the new content goes to a temporary
//! file in the same folder, is flushed to disk, takes the old file's permissions and then
//! replaces the old file in one rename. A full disk, a crash or a killed process leaves either
//! the old file or the new one, never a truncated mix.

use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use tm_text::Encoding;

/// Why a file could not be written.
#[derive(Debug, Error)]
pub enum WriteError {
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl WriteError {
    fn at(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
        move |source| WriteError::Io { path: path.to_owned(), source }
    }
}

/// A file being written: write to it, then [`Pending::commit`] to put it in place. Dropped
/// without a commit, it is removed and the old file stays as it was.
pub struct Pending {
    path: PathBuf,
    file: tempfile::NamedTempFile,
}

impl Pending {
    /// Starts writing `path` (created or replaced when committed).
    pub fn new(path: &Path) -> Result<Pending, WriteError> {
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = path.file_name().map_or_else(|| "tm".into(), |n| n.to_string_lossy().into_owned());
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(WriteError::at(path))?;
        Ok(Pending { path: path.to_owned(), file })
    }

    /// Flushes the content to disk, gives it the permissions of the file it replaces (or the
    /// usual ones for a new file) and renames it over `path`.
    pub fn commit(self) -> Result<(), WriteError> {
        let Pending { path, file } = self;
        let at = WriteError::at(&path);
        let result = (|| {
            file.as_file().sync_all()?;
            let permissions = match std::fs::metadata(&path) {
                Ok(old) => old.permissions(),
                Err(_) => default_permissions(file.as_file())?,
            };
            file.as_file().set_permissions(permissions)?;
            file.persist(&path).map_err(|e| e.error)?;
            // The rename itself is durable once the folder is synced (best effort: not every
            // system lets a folder be opened).
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
                && let Ok(folder) = std::fs::File::open(folder)
            {
                let _ = folder.sync_all();
            }
            Ok(())
        })();
        result.map_err(at)
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// A temporary file is created readable by its owner only; a new file gets what a plain
/// create would give it (0666 less the umask, read as the folder's default), approximated by
/// the permissions of a file created beside it.
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = file;
        Ok(std::fs::Permissions::from_mode(0o666 & !umask()))
    }
    #[cfg(not(unix))]
    {
        file.metadata().map(|m| m.permissions())
    }
}

/// The process's file-creation mask, read from `/proc` where it is shown (Linux), else the
/// usual 022.
#[cfg(unix)]
fn umask() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Umask:").and_then(|v| u32::from_str_radix(v.trim(), 8).ok()))
        })
        .unwrap_or(0o022)
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mut pending = Pending::new(path)?;
    pending.write_all(bytes).map_err(WriteError::at(path))?;
    pending.commit()
}

/// `text` encoded as it was read: UTF-8 (a byte-order mark read as U+FEFF stays in the text),
/// UTF-16 with or without its byte-order mark, or a legacy encoding; `None` when the text holds
/// a character the legacy encoding cannot write (a fix brought in «ё» or an emoji).
#[must_use]
pub fn encode_as(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Utf16LeBare => Some(text.encode_utf16().flat_map(u16::to_le_bytes).collect()),
        Encoding::Utf16BeBare => Some(text.encode_utf16().flat_map(u16::to_be_bytes).collect()),
        Encoding::Legacy(legacy) => {
            let (bytes, _, unmappable) = legacy.encode(text);
            (!unmappable).then(|| bytes.into_owned())
        }
        other => Some(encode(text, other)),
    }
}

/// [`encode_as`] for the encodings that can write any text (a legacy encoding falls back to
/// UTF-8).
#[must_use]
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Legacy(_) => text.as_bytes().to_vec(),
        Encoding::Utf16LeBare | Encoding::Utf16BeBare => encode_as(text, encoding).unwrap_or_default(),
        Encoding::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Encoding::Utf16Be => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tm_text::decode;

    #[test]
    fn a_written_file_replaces_the_old_one_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("черновик.en.txt");
        std::fs::write(&path, "Lion").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write(&path, "Lyon".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "Lyon");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_dropped_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.tmx");
        std::fs::write(&path, "old").unwrap();
        let mut pending = Pending::new(&path).unwrap();
        pending.write_all(b"half").unwrap();
        drop(pending);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn encodings_round_trip_with_their_byte_order_marks() {
        for (bytes, encoding) in [
            (b"\xEF\xBB\xBFLyon \xD0\x9B\xD0\xB8\xD0\xBE\xD0\xBD".to_vec(), Encoding::Utf8Bom),
            ("Лион".as_bytes().to_vec(), Encoding::Utf8),
        ] {
            let decoded = decode(bytes.clone()).unwrap();
            assert_eq!(decoded.encoding, encoding);
            assert_eq!(encode(&decoded.text, decoded.encoding), bytes);
        }
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encode("Лион, Lyon", encoding);
            let decoded = decode(bytes.clone()).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.encoding), ("Лион, Lyon", encoding));
        }
    }
}

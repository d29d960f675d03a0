//! Where a memory lives: a file today, a database server's URL tomorrow. `--memory`,
//! `TM_MEMORY` and `memory =` in `tm.toml` all give one of these.

use std::fmt;
use std::path::{Path, PathBuf};

/// A memory's location, as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryLocation {
    /// An embedded SQLite file.
    Path(PathBuf),
    /// A server, by URL (`postgres://user@host/db`). Shown without its password.
    Url(String),
}

impl MemoryLocation {
    /// Reads what `--memory`, `TM_MEMORY` or `tm.toml` said: a URL when it has a scheme of
    /// two or more letters followed by `://`, otherwise a path (so `C:\tm.sqlite` stays one).
    #[must_use]
    pub fn parse(given: &str) -> Self {
        match given.split_once("://") {
            Some((scheme, _))
                if scheme.len() >= 2
                    && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
            {
                Self::Url(given.to_owned())
            }
            _ => Self::Path(PathBuf::from(given)),
        }
    }

    /// The file, for a file-backed memory.
    #[must_use]
    pub fn as_path(&self) -> Option<&Path> {
        match self {
            Self::Path(path) => Some(path),
            Self::Url(_) => None,
        }
    }

    /// A relative path taken against `root`; absolute paths and URLs unchanged.
    #[must_use]
    pub fn relative_to(self, root: &Path) -> Self {
        match self {
            Self::Path(path) if path.is_relative() => Self::Path(root.join(path)),
            other => other,
        }
    }
}

impl From<PathBuf> for MemoryLocation {
    fn from(path: PathBuf) -> Self {
        Self::Path(path)
    }
}

impl From<&Path> for MemoryLocation {
    fn from(path: &Path) -> Self {
        Self::Path(path.to_owned())
    }
}

/// For people and logs: a path as it is, a URL with any password replaced by `***`.
impl fmt::Display for MemoryLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => write!(f, "{}", path.display()),
            Self::Url(url) => f.write_str(&redact_password(url)),
        }
    }
}

/// `scheme://user:secret@host/db` → `scheme://user:***@host/db`; also a `password=` query
/// parameter.
fn redact_password(url: &str) -> String {
    let mut out = url.to_owned();
    if let Some((scheme, rest)) = url.split_once("://") {
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        if let Some(at) = authority.rfind('@')
            && let Some(colon) = authority[..at].find(':')
        {
            out = format!("{scheme}://{}:***{}", &authority[..colon], &rest[at..]);
        }
    }
    if let Some(query_start) = out.find('?') {
        let (base, query) = out.split_at(query_start + 1);
        let query: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        out = format!("{base}{}", query.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_urls_are_told_apart() {
        assert_eq!(MemoryLocation::parse("memory/tm.sqlite"), MemoryLocation::Path("memory/tm.sqlite".into()));
        assert_eq!(
            MemoryLocation::parse("C:\\память\\tm.sqlite"),
            MemoryLocation::Path("C:\\память\\tm.sqlite".into())
        );
        assert_eq!(
            MemoryLocation::parse("postgres://редактор@localhost/tm"),
            MemoryLocation::Url("postgres://редактор@localhost/tm".into())
        );
        assert_eq!(MemoryLocation::parse("c://x").as_path(), Some(Path::new("c://x")));
    }

    #[test]
    fn a_password_is_never_shown() {
        let shown =
            MemoryLocation::parse("postgres://tm:пароль@db.example:5432/tm?sslmode=require&password=x").to_string();
        assert_eq!(shown, "postgres://tm:***@db.example:5432/tm?sslmode=require&password=***");
        assert!(!shown.contains("пароль"));
        assert_eq!(MemoryLocation::parse("postgres://tm@db/tm").to_string(), "postgres://tm@db/tm");
    }

    #[test]
    fn relative_paths_are_taken_against_the_root() {
        let root = Path::new("/проект");
        assert_eq!(
            MemoryLocation::parse("memory/tm.sqlite").relative_to(root),
            MemoryLocation::Path("/проект/memory/tm.sqlite".into())
        );
        let url = MemoryLocation::parse("postgres://db/tm");
        assert_eq!(url.clone().relative_to(root), url);
    }
}

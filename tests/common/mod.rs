//! What the CLI tests share: running `tm` and rendering what a user sees.

#![allow(dead_code, clippy::unwrap_used)] // each test binary uses part of it; setup failures panic

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Exit code, stdout and stderr, the way insta-cmd renders them, so a snapshot shows
/// everything a user sees.
pub(crate) fn render(args: &[&str], output: &Output) -> String {
    format!(
        "args: {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        output.status.code().map_or("signal".to_owned(), |code| code.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The memory fixtures, one file of each shape a CAT tool writes (`tests/fixtures/memory/`).
pub(crate) const EVERY_MEMORY_FORMAT: [&str; 9] = [
    "omegat.tmx",
    "trados.tmx",
    "memoq.tmx",
    "okapi.tmx",
    "excel.tsv",
    "glossary-export.csv",
    "trados.sdlxliff",
    "okapi-2.0.xlf",
    "weblate.po",
];

/// Replaces timestamps written today by `tm` itself (import dates) with a marker.
pub(crate) fn redact_times(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let window: String = chars[i..chars.len().min(i + 20)].iter().collect();
        let shape = window.len() == 20
            && window.chars().enumerate().all(|(k, c)| match k {
                4 | 7 => c == '-',
                10 => c == 'T',
                13 | 16 => c == ':',
                19 => c == 'Z',
                _ => c.is_ascii_digit(),
            });
        if shape {
            out.push_str("[TIME]");
            i += 20;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A scratch folder with copies of a fixture folder (in `subfolder`, or at its root when that is empty), so
/// outputs name files relatively. Removed when dropped.
pub(crate) struct Scratch {
    pub(crate) dir: PathBuf,
}

impl Scratch {
    pub(crate) fn new(name: &str, fixtures: &str, subfolder: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tm-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let target = if subfolder.is_empty() { dir.clone() } else { dir.join(subfolder) };
        std::fs::create_dir_all(&target).unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(fixtures);
        for entry in std::fs::read_dir(source).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
        }
        Self { dir }
    }

    /// An empty scratch folder.
    pub(crate) fn empty(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tm-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self { dir }
    }

    /// An empty project with the house glossary under `glossaries/`.
    pub(crate) fn with_house_glossary(name: &str) -> Self {
        let scratch = Self::empty(name);
        std::fs::create_dir_all(scratch.dir.join("glossaries")).unwrap();
        let house = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
        std::fs::copy(house, scratch.dir.join("glossaries/house.tsv")).unwrap();
        scratch
    }

    pub(crate) fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.dir.join(name), bytes).unwrap();
    }

    pub(crate) fn output(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(args)
            .current_dir(&self.dir)
            .env_remove("TM_MEMORY")
            // The compiled-glossary cache lives and dies with the scratch folder.
            .env("TM_CACHE_DIR", self.dir.join(".cache"))
            // Outputs must not depend on the CI running the tests.
            .env_remove("GITHUB_ACTIONS")
            .env_remove("GITHUB_STEP_SUMMARY")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// [`render`]ed, with the scratch folder's path (which holds the process id) as `[SCRATCH]`.
    pub(crate) fn run(&self, args: &[&str]) -> String {
        let mut text = render(args, &self.output(args));
        let canonical = self.dir.canonicalize().unwrap_or_else(|_| self.dir.clone());
        for dir in [canonical, self.dir.clone()] {
            text = text.replace(&dir.display().to_string(), "[SCRATCH]");
        }
        text
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

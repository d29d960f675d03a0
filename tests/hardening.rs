//! Issue 14's hardening, end to end through the CLI: nothing already written is lost, nothing
//! is written outside the project, nothing hangs, nothing passes silently. Each test names the
//! promise it keeps.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

mod common;

use std::path::Path;
use std::process::Command;

use common::Scratch;

/// A project with the house glossary, so `tm check` knows Lion is wrong.
fn project(name: &str) -> Scratch {
    let scratch = Scratch::with_house_glossary(name);
    scratch.write("tm.toml", b"[check]\nglossaries = [\"glossaries/house.tsv\"]\n");
    scratch
}

const LION: &str = "Делегация прибыла в Лион. The delegation arrived in Lion.\nThe talks ended.\n";

fn utf16le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// Runs a shell script in a private mount namespace (mounts it makes vanish with it): a tmpfs
/// for a full disk, a read-only bind mount. Standard output and error.
fn in_private_mounts(script: &str) -> (String, String) {
    let out = Command::new("unshare").args(["-m", "sh", "-c", script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "unshare failed (CI runs as root): {stderr}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn fix_keeps_the_drafts_encoding_byte_order_mark_and_permissions() {
    let scratch = project("fix-encoding");
    let english = "The delegation arrived in Lion.\n";
    scratch.write("utf16.en.txt", &utf16le(english));
    scratch.write("bom.en.txt", format!("\u{FEFF}{english}").as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = scratch.dir.join("utf16.en.txt");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let out = scratch.output(&["check", "--fix", "utf16.en.txt", "bom.en.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let fixed = "The delegation arrived in Lyon.\n";
    assert_eq!(std::fs::read(scratch.dir.join("utf16.en.txt")).unwrap(), utf16le(fixed));
    assert_eq!(std::fs::read(scratch.dir.join("bom.en.txt")).unwrap(), format!("\u{FEFF}{fixed}").as_bytes());
    #[cfg(unix)]
    assert_eq!(mode(&scratch.dir.join("utf16.en.txt")), 0o640);
    // No temporary file is left beside the drafts.
    let names: Vec<String> = std::fs::read_dir(&scratch.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn fix_never_writes_through_a_link_that_leaves_the_project() {
    let scratch = project("fix-link");
    let outside = Scratch::empty("fix-link-outside");
    std::fs::write(outside.dir.join("victim.txt"), "Lion.\n").unwrap();
    std::os::unix::fs::symlink(outside.dir.join("victim.txt"), scratch.dir.join("out.en.txt")).unwrap();
    // A link inside the project is followed: the file it points at is fixed, the link stays.
    scratch.write("real.en.txt", b"Lion.\n");
    std::os::unix::fs::symlink(scratch.dir.join("real.en.txt"), scratch.dir.join("in.en.txt")).unwrap();
    let out = scratch.output(&["check", "--fix", "out.en.txt", "in.en.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("out.en.txt was not fixed: it is a link to"), "{stderr}");
    assert_eq!(std::fs::read_to_string(outside.dir.join("victim.txt")).unwrap(), "Lion.\n");
    assert_eq!(std::fs::read_to_string(scratch.dir.join("real.en.txt")).unwrap(), "Lyon.\n");
    assert!(std::fs::symlink_metadata(scratch.dir.join("in.en.txt")).unwrap().file_type().is_symlink());
    // The refused draft is still reported.
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn diff_prints_what_fix_would_change_and_changes_nothing() {
    let scratch = project("diff");
    scratch.write("a.en.txt", LION.as_bytes());
    let out = scratch.output(&["check", "--diff", "a.en.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("--- a/a.en.txt\n+++ b/a.en.txt\n@@"), "{stdout}");
    assert!(stdout.contains("\n-Делегация прибыла в Лион. The delegation arrived in Lion.\n"), "{stdout}");
    assert!(stdout.contains("\n+Делегация прибыла в Лион. The delegation arrived in Lyon.\n"), "{stdout}");
    assert_eq!(std::fs::read_to_string(scratch.dir.join("a.en.txt")).unwrap(), LION);
    // Nothing to change: no output, exit 0.
    scratch.write("b.en.txt", b"The delegation arrived in Lyon.\n");
    let out = scratch.output(&["check", "--diff", "b.en.txt"]);
    assert_eq!((out.status.code(), out.stdout.is_empty()), (Some(0), true));
}

/// The draft lives on a 1 MiB tmpfs in a private mount namespace (CI runs as root): the fixed
/// copy does not fit beside it, the write fails, and the draft is left whole.
#[cfg(target_os = "linux")]
#[test]
fn fix_on_a_full_disk_leaves_the_draft_whole() {
    let scratch = project("full-disk");
    let mut draft = String::from("The delegation arrived in Lion.\n");
    while draft.len() < 700 * 1024 {
        draft.push_str("The talks on the exchange of data ended in the afternoon.\n");
    }
    scratch.write("big.en.txt", draft.as_bytes());
    let disk = scratch.dir.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs {disk} && cp {dir}/big.en.txt {disk}/ && cp -r {dir}/glossaries {dir}/tm.toml {disk}/ \
         && cd {disk} && TM_CACHE_DIR={dir}/.cache {tm} check --fix big.en.txt; echo \"exit=$?\"; cmp -s {dir}/big.en.txt {disk}/big.en.txt && echo same; ls -a {disk}",
        disk = disk.display(),
        dir = scratch.dir.display(),
        tm = env!("CARGO_BIN_EXE_tm"),
    );
    let (stdout, stderr) = in_private_mounts(&script);
    assert!(stdout.contains("exit=2"), "{stdout}\n{stderr}");
    assert!(stderr.contains("cannot write big.en.txt"), "{stderr}");
    assert!(stdout.contains("same"), "the draft changed on a full disk:\n{stdout}");
    assert!(!stdout.contains(".tmp"), "a temporary file was left:\n{stdout}");
}

#[cfg(unix)]
#[test]
fn a_pipe_in_the_tree_is_named_and_skipped_not_waited_for() {
    let scratch = project("fifo");
    scratch.write("ok.en.txt", b"The delegation arrived in Lyon.\n");
    let status = Command::new("mkfifo").arg(scratch.dir.join("pipe.en.txt")).status().unwrap();
    assert!(status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["check", "."])
        .current_dir(&scratch.dir)
        .env("TM_CACHE_DIR", scratch.dir.join(".cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("tm check waited on a FIFO for a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("pipe.en.txt: not a regular file"), "{stdout}");
}

/// `tm glossary validate --glossary FILE`: exit code and stderr.
fn validate(scratch: &Scratch, name: &str, content: &str) -> (Option<i32>, String) {
    scratch.write(name, content.as_bytes());
    let out = scratch.output(&["glossary", "validate", "--glossary", name]);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const TBX_ENTRY: &str = "<conceptEntry id=\"lyon\"><langSec xml:lang=\"ru\"><termSec><term>Лион</term></termSec></langSec>\
<langSec xml:lang=\"en\"><termSec><term>Lyon</term></termSec></langSec></conceptEntry>";

#[test]
fn a_glossary_that_is_empty_ragged_cut_off_or_multi_line_is_an_error_naming_file_and_line() {
    let scratch = Scratch::empty("glossary-errors");
    let cases = [
        ("empty.tsv", String::new(), "empty.tsv:1: the file is empty"),
        ("header.tsv", "ru\ten\n".to_owned(), "header.tsv:1: the file has no entries"),
        (
            "ragged.tsv",
            "ru\ten\tnote\nЛион\tLyon\nПариж\tParis\tстолица\tлишнее\n".to_owned(),
            "ragged.tsv:3: this row has 4 cells, but the header names 3 columns",
        ),
        (
            "cut.tbx",
            format!("<?xml version=\"1.0\"?>\n<tbx><text><body>\n{TBX_ENTRY}\n"),
            "cut.tbx:4: the file ends inside a <body> before </tbx>: it was cut off",
        ),
        (
            "two-roots.tbx",
            format!("<tbx><text><body>{TBX_ENTRY}</body></text></tbx>\n<tbx/>\n"),
            "two-roots.tbx:2: a second root element <tbx> after </tbx>",
        ),
        (
            "no-lang.tbx",
            "<tbx><text><body><conceptEntry id=\"a\">\n<langSec><termSec><term>Лион</term></termSec></langSec></conceptEntry></body></text></tbx>"
                .to_owned(),
            "no-lang.tbx:2: <langSec> without xml:lang",
        ),
        (
            "newline.tbx",
            TBX_ENTRY.replace("<term>Lyon</term>", "<term>Lyon&#10;::warning::injected</term>").replace(
                "<conceptEntry",
                "<tbx><text><body>\n<conceptEntry",
            ) + "</body></text></tbx>",
            "newline.tbx:2: entry `lyon`: the term \"Lyon\\n::warning::injected\" holds a control character (U+000A)",
        ),
    ];
    for (name, content, expected) in cases {
        let (code, stderr) = validate(&scratch, name, &content);
        assert_eq!(code, Some(2), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: expected {expected:?}, got {stderr}");
    }
    // The whole file still reads.
    let (code, stderr) =
        validate(&scratch, "whole.tbx", &format!("<tbx><text><body>{TBX_ENTRY}</body></text></tbx>\n"));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_memory_file_cut_off_imports_nothing_and_names_the_line() {
    let scratch = Scratch::empty("cut-tmx");
    let tmx = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"ru\" datatype=\"plaintext\" segtype=\"sentence\" \
adminlang=\"en\" o-tmf=\"tm\" creationtool=\"tm\" creationtoolversion=\"1\"/><body>\n\
<tu><tuv xml:lang=\"ru\"><seg>Совещание прошло в Лионе.</seg></tuv><tuv xml:lang=\"en\"><seg>The meeting was held in Lyon.</seg></tuv></tu>\n";
    scratch.write("cut.tmx", tmx.as_bytes());
    let xliff = "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" srcLang=\"ru\" trgLang=\"en\"><file id=\"f\">\n\
<unit id=\"1\"><segment><source>Совещание прошло в Лионе.</source><target>The meeting was held in Lyon.</target></segment></unit>\n";
    scratch.write("cut.xlf", xliff.as_bytes());
    for (name, expected) in [
        ("cut.tmx", "cut.tmx:4:1: the file ends inside a <body> before </tmx>"),
        ("cut.xlf", "cut.xlf:4:1: the file ends inside a <file> before </xliff>"),
    ] {
        let out = scratch.output(&["--memory", "m.sqlite", "import", name]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    let stats = scratch.output(&["--memory", "m.sqlite", "memory", "stats"]);
    let stats = String::from_utf8_lossy(&stats.stdout);
    assert!(stats.contains("units: 0") || stats.contains("0 units"), "{stats}");
}

/// A file name and a glossary term with a line break and an escape sequence: no output line
/// starts with a workflow command, no escape reaches the terminal, JUnit stays well-formed.
#[cfg(unix)]
#[test]
fn control_characters_from_input_never_reach_the_terminal_or_a_ci_log() {
    let scratch = project("controls");
    let name = "release\n::warning file=x::injected\u{1b}[31m.en.txt";
    scratch.write(name, "The delegation arrived in Lion.\tThe \u{1b}[2J talks ended.\n".as_bytes());
    for format in ["full", "concise", "github", "junit"] {
        let out = scratch.output(&["check", "--format", format, name]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{format}: {stdout}");
        assert!(!stdout.contains('\u{1b}'), "{format}: an escape sequence reached the output:\n{stdout}");
        let commands = stdout.lines().filter(|l| l.starts_with("::")).count();
        let expected = usize::from(format == "github");
        assert_eq!(commands, expected, "{format}: lines that GitHub would run:\n{stdout}");
        if format == "junit" {
            let mut reader = quick_xml::Reader::from_str(&stdout);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(error) => panic!("JUnit is not well-formed: {error}\n{stdout}"),
                }
            }
            assert!(stdout.contains("release\\n::warning file=x::injected\\u{1b}[31m.en.txt"), "{stdout}");
        }
        if format == "full" {
            // The tab is shown as spaces and the caret stays under Lion.
            assert!(stdout.contains("1 | The delegation arrived in Lion.    The \\u{1b}[2J talks ended."), "{stdout}");
            assert!(stdout.contains("  |                           ^^^^\n"), "{stdout}");
        }
    }
}

#[test]
fn concordance_colours_follow_no_color_and_clicolor_force() {
    let scratch = Scratch::empty("colour");
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    let tmx = tmx.to_str().unwrap();
    assert!(scratch.output(&["--memory", "m.sqlite", "import", tmx]).status.success());
    let search = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tm"));
        command.args(["--memory", "m.sqlite", "search", "--concordance", "Интерпол"]).current_dir(&scratch.dir);
        command.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (key, value) in env {
            command.env(key, value);
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    assert!(!search(&[]).contains('\u{1b}'), "colour into a pipe");
    assert!(search(&[("CLICOLOR_FORCE", "1")]).contains("\u{1b}[1;33m"), "CLICOLOR_FORCE ignored");
    assert!(!search(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'), "NO_COLOR ignored");
}

#[test]
fn a_check_that_finds_no_english_draft_fails_and_says_what_it_found() {
    let scratch = project("no-draft");
    std::fs::create_dir_all(scratch.dir.join("releases/ru")).unwrap();
    scratch.write("releases/ru/01.ru.txt", "Делегация прибыла в Лион.\n".as_bytes());
    scratch.write("releases/ru/02.txt", "Совещание прошло в Лионе.\n".as_bytes());
    let out = scratch.output(&["check", "releases/ru"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no English draft was found under releases/ru (only"), "{stderr}");
    // A Russian file named as the draft.
    let out = scratch.output(&["check", "releases/ru/02.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("releases/ru/02.txt is Russian, not an English draft"), "{stderr}");
}

#[test]
fn no_glossary_is_said_and_init_writes_the_house_glossary_and_ignores_the_memory() {
    let scratch = Scratch::empty("init-house");
    scratch.write("a.en.txt", b"The delegation arrived in Lion.\n");
    let out = scratch.output(&["check", "a.en.txt"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr.contains("tm: note: no glossary is in force"), "{stderr}");
    assert!(scratch.output(&["init"]).status.success());
    let house = std::fs::read_to_string(scratch.dir.join("glossaries/house.tsv")).unwrap();
    assert_eq!(house, include_str!("../glossaries/house.tsv"));
    let ignore = std::fs::read_to_string(scratch.dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "memory/tm.sqlite*"), "{ignore}");
    // Now Lion is caught, and the starter's commented-out patterns raise nothing.
    let out = scratch.output(&["check", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("TM101") && !stdout.contains("TM903"), "{stdout}");
}

#[test]
fn an_end_of_line_suppression_covers_its_own_line_and_a_bracketless_one_is_an_error() {
    let scratch = project("suppress-eol");
    scratch.write(
        "a.en.txt",
        "Dinner at Lion. <!-- tm: ignore[TM101] the restaurant is called Lion -->\nThe delegation arrived in Lion.\n"
            .as_bytes(),
    );
    let out = scratch.output(&["check", "--format", "concise", "a.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "a.en.txt:2:27: TM101 [error] `Lion` is a forbidden rendering of Лион; use `Lyon`\n");
    scratch.write("b.en.txt", b"<!-- tm: ignore TM101 -->\nThe delegation arrived in Lion.\n");
    let out = scratch.output(&["check", "--format", "concise", "--require-reason", "b.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("b.en.txt:1:1: TM503 [error] unreadable suppression: name the rules in brackets"),
        "{stdout}"
    );
    assert!(stdout.contains("b.en.txt:2:27: TM101"), "{stdout}");
}

#[test]
fn off_and_on_suppress_a_range_of_lines() {
    let scratch = project("suppress-range");
    scratch.write(
        "a.en.txt",
        "Lion one.\n<!-- tm: off[TM101] a quoted menu -->\nLion two.\n\nLion three.\n<!-- tm: on -->\nLion four.\n<!-- tm: off[TM101] the rest is quoted -->\nLion five.\n"
            .as_bytes(),
    );
    let out = scratch.output(&["check", "--format", "concise", "--require-reason", "a.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "a.en.txt:1:1: TM101 [error] `Lion` is a forbidden rendering of Лион; use `Lyon`\n\
         a.en.txt:7:1: TM101 [error] `Lion` is a forbidden rendering of Лион; use `Lyon`\n"
    );
    scratch.write("b.en.txt", b"Lion one.\n<!-- tm: on -->\n");
    let out = scratch.output(&["check", "--format", "concise", "b.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("b.en.txt:2:1: TM503 [error] unreadable suppression: `on` without an `off`"), "{stdout}");
}

#[test]
fn a_byte_order_mark_does_not_shift_columns_and_os_errors_are_said_once() {
    let scratch = project("bom-columns");
    scratch.write("plain.en.txt", b"The delegation arrived in Lion.\n");
    scratch.write("bom.en.txt", "\u{FEFF}The delegation arrived in Lion.\n".as_bytes());
    for format in ["concise", "json", "sarif"] {
        let plain = String::from_utf8(scratch.output(&["check", "--format", format, "plain.en.txt"]).stdout).unwrap();
        let bom = String::from_utf8(scratch.output(&["check", "--format", format, "bom.en.txt"]).stdout).unwrap();
        // Only the byte offsets (JSON) and the fingerprint of the line (SARIF) may differ.
        let strip = |text: &str| {
            text.replace("bom.en.txt", "X")
                .replace("plain.en.txt", "X")
                .lines()
                .filter(|l| !l.contains("byte_") && !l.contains("tmFinding"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&bom), strip(&plain), "{format}");
    }
    let out = scratch.output(&["glossary", "validate", "--glossary", "missing.tsv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("No such file or directory").count(), 1, "{stderr}");
}

#[test]
fn memory_backup_is_a_checked_copy_and_a_damaged_memory_is_found_and_not_written_into() {
    let scratch = Scratch::empty("backup");
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    assert!(scratch.output(&["--memory", "m.sqlite", "import", tmx.to_str().unwrap()]).status.success());
    let out = scratch.output(&["--memory", "m.sqlite", "memory", "backup", "copy.sqlite"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats = scratch.output(&["--memory", "copy.sqlite", "memory", "stats"]);
    assert!(String::from_utf8_lossy(&stats.stdout).contains("15 units from 1 imports"));
    let check = scratch.output(&["--memory", "copy.sqlite", "memory", "check"]);
    assert_eq!(
        (check.status.code(), String::from_utf8_lossy(&check.stdout).trim_end().ends_with(": ok")),
        (Some(0), true)
    );
    // Damage a page of the copy (not its header): check finds it, import refuses it.
    let path = scratch.dir.join("copy.sqlite");
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 4 * page, "the memory is {} bytes", bytes.len());
    for b in &mut bytes[2 * page + 8..2 * page + 200] {
        *b = 0x5A;
    }
    std::fs::write(&path, bytes).unwrap();
    let check = scratch.output(&["--memory", "copy.sqlite", "memory", "check"]);
    assert_ne!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stdout));
    let import = scratch.output(&["--memory", "copy.sqlite", "import", tmx.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert_eq!(import.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("damaged") || stderr.contains("malformed"), "{stderr}");
}

#[test]
fn an_unknown_language_or_origin_is_an_error_listing_what_the_memory_has() {
    let scratch = Scratch::empty("unknown-lang");
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    assert!(scratch.output(&["--memory", "m.sqlite", "import", tmx.to_str().unwrap()]).status.success());
    for (args, expected) in [
        (vec!["export", "--src", "xx"], "the memory has no units from xx to any language; it has ru→en"),
        (vec!["search", "--src", "de", "Интерпол"], "the memory has no units from de to en; it has ru→en"),
        (
            vec!["memory", "delete", "--origin", "typo"],
            "no units come from origin \"typo\"; the memory's origins: release-2026-01.txt",
        ),
    ] {
        let mut all = vec!["--memory", "m.sqlite"];
        all.extend(args);
        let out = scratch.output(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains(expected), "{all:?}: {stderr}");
    }
    // Nothing was deleted, and the right language still answers.
    let out = scratch.output(&["--memory", "m.sqlite", "export", "--src", "ru-RU", "--format", "tsv"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).lines().count() == 16);
}

#[test]
fn rough_edges_rule_list_unknown_import_extension_and_convert_target() {
    let scratch = project("rough-edges");
    let out = scratch.output(&["rule"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout.lines().any(|l| l.starts_with("TM101  term-forbidden")), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("TM107  rendering-inconsistent")), "{stdout}");
    scratch.write("notes.md", "# Заметки, черновик\n\nЛион, Lyon\n".as_bytes());
    let out = scratch.output(&["--memory", "m.sqlite", "import", "notes.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot tell the format; give --format"), "{stderr}");
    let out = scratch.output(&["glossary", "convert", "glossaries/house.tsv", "out.xyz"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("use --to tsv, csv or tbx") && !scratch.dir.join("out.xyz").exists(), "{stderr}");
}

#[test]
fn rough_edges_glossary_files_by_name_comments_tsv_header_jobs_init_config_and_analyze_english() {
    let scratch = Scratch::empty("rough-edges-2");
    // A glossary named on the command line, no --glossary.
    scratch.write("g.tsv", "# house terms\nid\tru\ten\n# cities\nlyon\tЛион\tLyon\nlyon2\tЛионский\tLyon\n".as_bytes());
    let out = scratch.output(&["glossary", "validate", "g.tsv"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("`Lyon` is accepted for two concepts") && stdout.ends_with("2 concepts, 1 problem\n"),
        "{stdout}"
    );
    // Converting says the comments are not carried over.
    let out = scratch.output(&["glossary", "convert", "g.tsv", "g.tbx"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: 2 comment lines of g.tsv are not carried over"), "{stderr}");
    // A TSV export's header names the pair exported; two pairs cannot share one header.
    scratch.write(
        "en.tmx",
        r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body><tu><tuv xml:lang="en"><seg>The delegation arrived in Lyon.</seg></tuv><tuv xml:lang="ru"><seg>Делегация прибыла в Лион.</seg></tuv></tu></body></tmx>"#.as_bytes(),
    );
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    assert!(scratch.output(&["--memory", "m.sqlite", "import", "en.tmx"]).status.success());
    assert!(scratch.output(&["--memory", "m.sqlite", "import", tmx.to_str().unwrap()]).status.success());
    let out = scratch.output(&["--memory", "m.sqlite", "export", "--format", "tsv", "--src", "en"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "en\tru\tnote\torigin\nThe delegation arrived in Lyon.\tДелегация прибыла в Лион.\t\ten.tmx\n");
    let out = scratch.output(&["--memory", "m.sqlite", "export", "--format", "tsv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("a TSV file holds one language pair and the selection has en→ru, ru→en"), "{stderr}");
    // An English text is analysed as English against the en→ru units.
    scratch.write("d.txt", b"The delegation arrived in Lyon.\n");
    let out = scratch.output(&["--memory", "m.sqlite", "analyze", "--format", "json", "d.txt"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bands"][0]["band"], "100", "{json}");
    assert_eq!(json["bands"][0]["segments"], 1, "{json}");
    // -j 0 says what is wanted.
    let out = scratch.output(&["check", "-j", "0", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at least 1 file at a time (leave -j out to use every CPU)"), "{stderr}");
    // init --config writes the file named, and the glossary beside it.
    let out = scratch.output(&["init", "--config", "project/other.toml"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(scratch.dir.join("project/other.toml").exists() && !scratch.dir.join("tm.toml").exists());
    assert!(scratch.dir.join("project/glossaries/house.tsv").exists());
}

#[test]
fn sarif_states_its_base_and_gives_a_file_outside_it_an_absolute_uri() {
    let scratch = project("sarif-base");
    std::fs::create_dir_all(scratch.dir.join("inside")).unwrap();
    scratch.write("inside/a.en.txt", b"The delegation arrived in Lion.\n");
    let outside = Scratch::empty("sarif-outside");
    outside.write("b en.txt", b"The delegation arrived in Lion.\n");
    let far = outside.dir.join("b en.txt");
    let near = scratch.dir.join("inside/a.en.txt");
    let out = scratch.output(&["check", "--format", "sarif", near.to_str().unwrap(), far.to_str().unwrap()]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    let expected = format!("file://{}/", scratch.dir.canonicalize().unwrap().display());
    assert_eq!(base, expected);
    let locations: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert!(locations.iter().any(|l| l["uri"] == "inside/a.en.txt" && l["uriBaseId"] == "%SRCROOT%"), "{locations:?}");
    let far_uri = format!("file://{}", far.canonicalize().unwrap().display()).replace(' ', "%20");
    assert!(locations.iter().any(|l| l["uri"] == far_uri.as_str() && l.get("uriBaseId").is_none()), "{locations:?}");
}

#[test]
fn a_checkpoint_that_fails_on_a_full_disk_is_an_error_and_loses_nothing() {
    let scratch = Scratch::empty("checkpoint-full");
    // 6,000 units: a log of about 3.5 MB that the import commits, and the memory file must
    // grow by as much again when the log is moved into it. A 5 MiB disk holds the first.
    let ru = ["делегация", "прибыла", "в", "Лион", "Интерпол", "сотрудничество", "полиция", "министерство"];
    let en = ["delegation", "arrived", "in", "Lyon", "Interpol", "cooperation", "police", "ministry"];
    let mut tmx = String::from(
        r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>"#,
    );
    for i in 0..6000usize {
        let pick = |words: &[&str], k: usize| words[(i * 7 + k * 13 + i / 8) % words.len()].to_owned();
        let sentence =
            |words: &[&str]| (0..12).map(|k| pick(words, k)).collect::<Vec<_>>().join(" ") + &format!(" {i}.");
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"ru\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>{}</seg></tuv></tu>\n",
            sentence(&ru),
            sentence(&en)
        ));
    }
    tmx.push_str("</body></tmx>\n");
    scratch.write("big.tmx", tmx.as_bytes());
    let disk = scratch.dir.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=5m tmpfs {disk} && {tm} --memory {disk}/m.sqlite import {dir}/big.tmx; echo \"exit=$?\"; \
         ls {disk}; {tm} --memory {disk}/m.sqlite memory stats --format json",
        disk = disk.display(),
        dir = scratch.dir.display(),
        tm = env!("CARGO_BIN_EXE_tm"),
    );
    let (stdout, stderr) = in_private_mounts(&script);
    assert!(stdout.contains("exit=2"), "a failed checkpoint passed silently:\n{stdout}\n{stderr}");
    assert!(stderr.contains("the import is committed but still only in"), "{stderr}");
    assert!(stderr.contains("database or disk is full"), "{stderr}");
    // Nothing is lost: the log still holds the import, and reads see every unit.
    assert!(stdout.contains("m.sqlite-wal"), "{stdout}");
    assert!(stdout.contains("\"units\": 6000"), "{stdout}\n{stderr}");
}

/// Every element inside a `<seg>` of `tmx` is one TMX 1.4b allows there, with the attributes
/// it allows, and every `<bpt i>` has its `<ept i>`.
fn assert_valid_tmx_segments(tmx: &str) {
    use quick_xml::events::Event;
    let allowed = |name: &str| -> Option<&[&str]> {
        Some(match name {
            "bpt" => &["i", "x", "type"],
            "ept" => &["i"],
            "it" => &["pos", "x", "type"],
            "ph" => &["x", "assoc", "type"],
            "hi" => &["x", "type"],
            "ut" => &["x"],
            "sub" => &["datatype", "type"],
            _ => return None,
        })
    };
    let mut reader = quick_xml::Reader::from_str(tmx);
    let (mut in_seg, mut begun, mut ended) = (false, Vec::new(), Vec::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let name = {
                    let n = e.name();
                    let n: &str = n.as_ref();
                    n.to_owned()
                };
                if name == "seg" {
                    in_seg = true;
                } else if in_seg {
                    let attrs = allowed(&name).unwrap_or_else(|| panic!("<{name}> inside a <seg>"));
                    for a in e.attributes() {
                        let a = a.unwrap();
                        let key = {
                            let k: &str = a.key.as_ref();
                            k.to_owned()
                        };
                        assert!(attrs.contains(&key.as_str()), "<{name} {key}> is not TMX");
                        let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap().into_owned();
                        match (name.as_str(), key.as_str()) {
                            ("bpt", "i") => begun.push(value),
                            ("ept", "i") => ended.push(value),
                            _ => {}
                        }
                    }
                }
            }
            Event::End(e)
                if {
                    let n = e.name();
                    let n: &str = n.as_ref();
                    n == "seg"
                } =>
            {
                begun.sort();
                ended.sort();
                assert_eq!(begun, ended, "unpaired <bpt>/<ept> in a segment");
                (in_seg, begun, ended) = (false, Vec::new(), Vec::new());
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

#[test]
fn exported_tmx_is_valid_whatever_the_memory_holds_and_a_carriage_return_survives() {
    let scratch = Scratch::empty("tmx-validity");
    scratch.write(
        "a.xlf",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ru" target-language="en" datatype="plaintext" original="a.txt"><body>
<trans-unit id="1"><source>Генеральный секретарь <g id="1">Интерпола</g> прибыл в Лион.<x id="2"/></source><target>The <g id="1">Interpol</g> Secretary General arrived in Lyon.<x id="2"/></target></trans-unit>
<trans-unit id="2"><source>Встреча <bpt id="3">&lt;b&gt;</bpt>состоялась<ept id="3">&lt;/b&gt;</ept> в среду.</source><target>The meeting <bpt id="3">&lt;b&gt;</bpt>took place<ept id="3">&lt;/b&gt;</ept> on Wednesday.</target></trans-unit>
</body></file></xliff>"#
            .as_bytes(),
    );
    scratch.write(
        "b.tmx",
        r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="ru"><seg>Первая строка&#13;вторая <bpt i="1">&lt;i&gt;</bpt>строка<ept i="1">&lt;/i&gt;</ept>.</seg></tuv><tuv xml:lang="en"><seg>First line&#13;second <bpt i="1">&lt;i&gt;</bpt>line<ept i="1">&lt;/i&gt;</ept>.</seg></tuv></tu>
</body></tmx>"#
            .as_bytes(),
    );
    scratch.write(
        "c.tsv",
        "ru\ten\nЗвонок\u{1} в полицию.\tA call\u{1} to the police.\nВ среду.\tOn Wednesday.\n".as_bytes(),
    );
    let out = scratch.output(&["--memory", "m.sqlite", "import", "a.xlf", "b.tmx", "c.tsv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = scratch.output(&["--memory", "m.sqlite", "export", "-o", "out.tmx"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            r"(Звонок\u{1} в полицию.) left out of the TMX: its source holds U+0001, which XML 1.0 cannot carry"
        ),
        "{stderr}"
    );
    let tmx = std::fs::read_to_string(scratch.dir.join("out.tmx")).unwrap();
    assert!(!tmx.contains('\u{1}'), "{tmx}");
    assert!(
        tmx.contains(r#"<bpt i="1">&lt;g id=&quot;1&quot;&gt;</bpt>Интерпола<ept i="1">&lt;/g&gt;</ept>"#),
        "{tmx}"
    );
    assert_valid_tmx_segments(&tmx);
    // Read back: the same texts, a carriage return included; nothing else lost.
    let out = scratch.output(&["--memory", "m2.sqlite", "import", "out.tmx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let texts = |memory: &str| -> Vec<(String, String)> {
        let connection = rusqlite::Connection::open(scratch.dir.join(memory)).unwrap();
        let mut statement = connection.prepare("SELECT source, target FROM unit ORDER BY source").unwrap();
        statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let mut before = texts("m.sqlite");
    before.retain(|(source, _)| !source.contains('\u{1}'));
    let after = texts("m2.sqlite");
    assert_eq!(before, after);
    assert!(after.iter().any(|(source, _)| source.contains("строка\rвторая")), "{after:?}");
}

/// Imports `file` into `m.sqlite`: exit code, standard output and standard error.
fn import_json(scratch: &Scratch, file: &str) -> (Option<i32>, String, String) {
    let out = scratch.output(&["--memory", "m.sqlite", "import", "--summary", "json", file]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hostile_sizes_stop_with_a_clear_error_before_memory_runs_out() {
    use std::io::Write as _;
    let scratch = Scratch::empty("hostile-sizes");
    let head = r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu>"#;
    // 300 MB of empty elements, gzipped to a few hundred KB.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(head.as_bytes()).unwrap();
    let elements = "<prop type=\"x\"/>".repeat(1 << 16);
    for _ in 0..300 {
        gz.write_all(elements.as_bytes()).unwrap();
    }
    gz.write_all(b"</tu></body></tmx>").unwrap();
    scratch.write("bomb.tmx.gz", &gz.finish().unwrap());
    let (code, _, stderr) = import_json(&scratch, "bomb.tmx.gz");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("decompression bomb"), "{stderr}");
    // The same, less compressible: a 40 MB run of text without markup.
    let mut text: Vec<u8> = head.as_bytes().to_vec();
    text.extend(b"<note>");
    text.extend((0..40u32 << 20).map(|i| b"abcdefghij"[(i % 7) as usize]));
    scratch.write("long-run.tmx", &text);
    let (code, _, stderr) = import_json(&scratch, "long-run.tmx");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("long-run.tmx:1:185:") && stderr.contains("more than 32 MiB without markup"), "{stderr}");
    // A 2 MB note, in many pieces (character references split the text).
    let mut note = String::from(head);
    note.push_str("<note>");
    for _ in 0..100_000 {
        note.push_str("Лион&#32;Lyon&#32;");
    }
    note.push_str("</note></tu></body></tmx>");
    scratch.write("note.tmx", note.as_bytes());
    let (code, _, stderr) = import_json(&scratch, "note.tmx");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a <note> of more than 64 KiB"), "{stderr}");
    // A segment of two million empty codes.
    let mut seg = String::from(head);
    seg.push_str(r#"<tuv xml:lang="ru"><seg>"#);
    for _ in 0..2_000_000 {
        seg.push_str("<ph/>");
    }
    seg.push_str("</seg></tuv></tu></body></tmx>");
    scratch.write("codes.tmx", seg.as_bytes());
    let (code, _, stderr) = import_json(&scratch, "codes.tmx");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a <seg> of more than 8 MiB is longer than tm reads"), "{stderr}");
    // Nothing was imported, and the memory is intact.
    let check = scratch.output(&["--memory", "m.sqlite", "memory", "check"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let stats = scratch.output(&["--memory", "m.sqlite", "memory", "stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["units"], 0, "{stats}");
}

#[test]
fn russian_legacy_encodings_and_utf16_without_a_mark_are_read_not_refused() {
    let scratch = project("encodings");
    let cp1251 = |text: &str| encoding_rs::WINDOWS_1251.encode(text).0.into_owned();
    let koi8 = |text: &str| encoding_rs::KOI8_R.encode(text).0.into_owned();
    // A windows-1251 TSV: refused with advice, read with --encoding.
    scratch.write("old.tsv", &cp1251("ru\ten\nДелегация прибыла в Лион.\tThe delegation arrived in Lyon.\n"));
    let out = scratch.output(&["--memory", "m.sqlite", "import", "old.tsv"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--encoding"), "{stderr}");
    let out = scratch.output(&["--memory", "m.sqlite", "import", "--encoding", "cp1251", "old.tsv"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && stdout.contains("1 added") && stdout.contains("windows-1251"), "{stdout}");
    // A KOI8-R TMX that says so in its XML declaration: no flag needed.
    let tmx = r#"<?xml version="1.0" encoding="KOI8-R"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body><tu><tuv xml:lang="ru"><seg>Переговоры завершились в среду.</seg></tuv><tuv xml:lang="en"><seg>The talks ended on Wednesday.</seg></tuv></tu></body></tmx>"#;
    scratch.write("old.tmx", &koi8(tmx));
    let out = scratch.output(&["--memory", "m.sqlite", "import", "old.tmx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = scratch.output(&["--memory", "m.sqlite", "export", "--format", "tsv"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Делегация прибыла в Лион.") && stdout.contains("Переговоры завершились в среду."),
        "{stdout}"
    );
    // A UTF-16 TBX with a byte-order mark is a glossary like any other.
    let tbx = r#"<?xml version="1.0" encoding="UTF-16"?><tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="lyon"><langSec xml:lang="ru"><termSec><term>Лион</term></termSec></langSec><langSec xml:lang="en"><termSec><term>Lyon</term></termSec></langSec></conceptEntry></body></text></tbx>"#;
    scratch.write("g.tbx", &utf16le(tbx));
    let out = scratch.output(&["glossary", "list", "g.tbx"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("Лион") && stdout.contains("Lyon"),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A UTF-16 draft without a byte-order mark: checked, no NULs in the output.
    let bare: Vec<u8> = "The delegation arrived in Lion.\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    scratch.write("bare.en.txt", &bare);
    let out = scratch.output(&["check", "--format", "concise", "bare.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "bare.en.txt:1:27: TM101 [error] `Lion` is a forbidden rendering of Лион; use `Lyon`\n");
    // A windows-1251 draft fixed with --encoding stays windows-1251.
    scratch.write("cp.en.txt", &cp1251("The delegation (Делегация) arrived in Lion.\n"));
    let out = scratch.output(&["check", "--fix", "--encoding", "windows-1251", "cp.en.txt"]);
    assert!(out.status.code() == Some(0) || out.status.code() == Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        std::fs::read(scratch.dir.join("cp.en.txt")).unwrap(),
        cp1251("The delegation (Делегация) arrived in Lyon.\n")
    );
}

#[test]
fn ci_conventions_select_ignore_min_severity_statistics_gitlab_per_path_and_stdin_filename() {
    let scratch = project("ci-conventions");
    let draft = "The law enforcement bodies met in Lion.\nThe delegation arrived in Lion.\n";
    scratch.write("a.en.txt", draft.as_bytes());
    let concise = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "concise"];
        args.extend(extra);
        args.push("a.en.txt");
        let out = scratch.output(&args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, all, _) = concise(&[]);
    assert!(all.contains("TM101") && all.contains("TM103"), "{all}");
    let (code, selected, _) = concise(&["--select", "term-not-preferred"]);
    assert!(code == Some(0) && selected.contains("TM103") && !selected.contains("TM101"), "{selected}");
    let (code, ignored, _) = concise(&["--ignore", "TM101,TM103"]);
    assert!(code == Some(0) && ignored.is_empty(), "{ignored}");
    let (code, _, stderr) = concise(&["--select", "TM999"]);
    assert!(code == Some(2) && stderr.contains("no rule `TM999`"), "{stderr}");
    // Info findings are neither printed nor counted below the minimum.
    let (_, warnings_up, _) = concise(&["--min-severity", "warning"]);
    assert!(warnings_up.contains("TM101") && !warnings_up.contains("TM103"), "{warnings_up}");
    // --statistics: a count per rule, fixable ones marked.
    let out = scratch.output(&["check", "--statistics", "a.en.txt"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("2  TM101  term-forbidden [*]\n1  TM103  term-not-preferred\n"), "{stdout}");
    // GitLab code quality.
    let out = scratch.output(&["check", "--format", "gitlab", "a.en.txt"]);
    let issues: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    for issue in issues {
        assert_eq!(issue["location"]["path"], "a.en.txt");
        assert!(["info", "minor", "major"].contains(&issue["severity"].as_str().unwrap()));
        assert!(
            issue["fingerprint"].is_string() && issue["check_name"].is_string() && issue["description"].is_string()
        );
        assert!(issue["location"]["positions"]["begin"]["line"].as_u64().unwrap() >= 1);
    }
    let fingerprints: std::collections::BTreeSet<&str> =
        issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(fingerprints.len(), 3, "fingerprints must differ");
    // Per-path settings in tm.toml: the archive keeps its old renderings.
    std::fs::create_dir_all(scratch.dir.join("archive")).unwrap();
    scratch.write("archive/old.en.txt", b"The delegation arrived in Lion.\n");
    scratch.write(
        "tm.toml",
        b"min-severity = \"warning\"\n[check]\nglossaries = [\"glossaries/house.tsv\"]\n\n[[check.paths]]\nfiles = [\"archive/**\"]\nrules = { TM101 = \"off\" }\n",
    );
    let out = scratch.output(&["check", "--format", "concise", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown field `min-severity`"), "a top-level key is not [check]'s: {stderr}");
    scratch.write(
        "tm.toml",
        b"[check]\nglossaries = [\"glossaries/house.tsv\"]\nmin-severity = \"warning\"\n\n[[check.paths]]\nfiles = [\"archive/**\"]\nrules = { TM101 = \"off\" }\n",
    );
    let out = scratch.output(&["check", "--format", "concise", "."]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("a.en.txt:2:27: TM101") && !stdout.contains("archive") && !stdout.contains("TM103"),
        "{stdout}"
    );
    scratch.write("tm.toml", b"[[check.paths]]\nfiles = [\"archive/**\"]\nrules = { TM1O1 = \"off\" }\n");
    let out = scratch.output(&["check", "."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() == Some(2) && stderr.contains("line 3: [[check.paths]] has no rule `TM1O1`"), "{stderr}");
    // A piped buffer stands for the file it names: paired with its source, named by it.
    scratch.write("tm.toml", b"[check]\nglossaries = [\"glossaries/house.tsv\"]\n");
    scratch.write("b.ru.txt", "Делегация из 12 человек прибыла в Лион.\n".as_bytes());
    scratch.write("b.en.txt", b"A delegation of 12 people arrived in Lyon.\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["check", "--no-memory", "--format", "concise", "--stdin-filename", "b.en.txt", "-"])
        .current_dir(&scratch.dir)
        .env("TM_CACHE_DIR", scratch.dir.join(".cache"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(b"A delegation of 15 people arrived in Lion.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("b.en.txt:1:17: TM201") && stdout.contains("b.en.txt:1:38: TM101"), "{stdout}");
    // The file on disk was not touched.
    assert_eq!(
        std::fs::read_to_string(scratch.dir.join("b.en.txt")).unwrap(),
        "A delegation of 12 people arrived in Lyon.\n"
    );
}

#[test]
fn the_full_report_is_coloured_for_terminals_and_follows_no_color() {
    let scratch = project("full-colour");
    scratch.write("a.en.txt", "Заголовок\tand 🚓 — the delegation arrived in Lion.\n".as_bytes());
    let run = |vars: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tm"));
        command.args(["check", "a.en.txt"]).current_dir(&scratch.dir).env("TM_CACHE_DIR", scratch.dir.join(".cache"));
        command.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("GITHUB_ACTIONS");
        for (key, value) in vars {
            command.env(key, value);
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[1m\u{1b}[31merror[TM101]\u{1b}[0m"), "{forced:?}");
    let plain = run(&[]);
    assert!(!plain.contains('\u{1b}'), "colour into a pipe: {plain:?}");
    assert_eq!(run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]), plain);
    // The carets stand under `Lion` after a tab (four cells) and a wide emoji (two cells).
    let lines: Vec<&str> = plain.lines().collect();
    let source = lines.iter().position(|l| l.starts_with("error[TM101]")).unwrap() + 3;
    let shown = lines[source].strip_prefix("1 | ").unwrap();
    let carets = lines[source + 1].strip_prefix("  | ").unwrap();
    let cells_before: usize = shown[..shown.find("Lion").unwrap()].chars().map(|c| if c == '🚓' { 2 } else { 1 }).sum();
    assert_eq!(carets, format!("{}^^^^", " ".repeat(cells_before)), "{plain}");
}

#[test]
fn a_memory_in_a_read_only_folder_serves_every_read() {
    let scratch = project("read-only-memory");
    let folder = scratch.dir.join("ro");
    std::fs::create_dir_all(&folder).unwrap();
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    let memory = folder.join("m.sqlite");
    let out = scratch.output(&["--memory", memory.to_str().unwrap(), "import", tmx.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!folder.join("m.sqlite-wal").exists(), "the import left its log behind");
    scratch.write("a.ru.txt", "Делегация прибыла в Лион.\n".as_bytes());
    scratch.write("a.en.txt", b"The delegation arrived in Lion.\n");
    // A read-only bind mount in a private mount namespace: root ignores file permissions.
    let script = format!(
        "mount --bind {ro} {ro} && mount -o remount,ro,bind {ro} && cd {dir} && \
         (touch {ro}/probe 2>/dev/null && echo writable); \
         for args in 'memory stats' 'memory list-batches' 'memory check' 'search Интерпол' 'export --format tsv' \
                     'check --format concise a.en.txt --source a.ru.txt'; do \
           TM_CACHE_DIR={dir}/.cache {tm} --memory {ro}/m.sqlite $args > out.txt 2> err.txt; \
           echo \"$args => $? $(wc -l < out.txt) $(head -c 300 err.txt)\"; done; \
         {tm} --memory {ro}/m.sqlite memory dedupe; echo \"dedupe => $?\"; ls -a {ro}",
        ro = folder.display(),
        dir = scratch.dir.display(),
        tm = env!("CARGO_BIN_EXE_tm"),
    );
    let (stdout, stderr) = in_private_mounts(&script);
    assert!(!stdout.contains("writable"), "the mount is not read-only:\n{stdout}");
    for (args, exit) in [
        ("memory stats", 0),
        ("memory list-batches", 0),
        ("memory check", 0),
        ("search Интерпол", 0),
        ("export --format tsv", 0),
        ("check --format concise a.en.txt --source a.ru.txt", 1),
    ] {
        let line = stdout.lines().find(|l| l.starts_with(&format!("{args} =>"))).unwrap();
        let fields: Vec<&str> = line[args.len() + 4..].splitn(3, ' ').collect();
        assert_eq!(fields[0], exit.to_string(), "{line}\n{stdout}");
        assert!(fields[1].parse::<usize>().unwrap() > 0, "no output: {line}");
    }
    // A command that writes says why it cannot.
    assert!(stdout.contains("dedupe => 2"), "{stdout}\n{stderr}");
    assert!(stderr.contains("m.sqlite: cannot write the memory (is its folder or disk read-only?)"), "{stderr}");
}

#[test]
fn another_applications_sqlite_file_is_refused_and_left_untouched() {
    let scratch = Scratch::empty("foreign-sqlite");
    let path = scratch.dir.join("contacts.sqlite");
    {
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection.execute_batch("CREATE TABLE contact (name TEXT); INSERT INTO contact VALUES ('Иван');").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    for args in [vec!["memory", "stats"], vec!["search", "Интерпол"], vec!["export"]] {
        let mut all = vec!["--memory", "contacts.sqlite"];
        all.extend(args);
        let out = scratch.output(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains("contacts.sqlite is not a tm memory: it holds other tables (contact)"), "{stderr}");
    }
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    let out = scratch.output(&["--memory", "contacts.sqlite", "import", tmx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the foreign file was changed");
    assert!(!scratch.dir.join("contacts.sqlite-wal").exists());
    // A tm memory is marked, and opens again.
    assert!(scratch.output(&["--memory", "m.sqlite", "import", tmx.to_str().unwrap()]).status.success());
    let id: i64 = rusqlite::Connection::open(scratch.dir.join("m.sqlite"))
        .unwrap()
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .unwrap();
    assert_eq!(id, 0x544D_454D);
}

#[test]
fn no_stale_promises_or_placeholders_in_the_shipped_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let readme = read("README.md");
    for stale in ["is growing into", "the memory will store it"] {
        assert!(!readme.contains(stale), "README.md still says {stale:?}");
    }
    assert!(!read("glossaries/README.md").contains("this folder is empty"));
    let workflow = read("docs/github-actions.yml");
    assert!(!workflow.contains("example.org"), "the workflow installs from a placeholder address");
    // The first run has no baseline yet: the workflow passes it only when it exists.
    assert!(workflow.contains("if [ -f tm-baseline.json ]"), "{workflow}");
    assert!(!read("crates/tm-check/src/report/sarif.rs").contains("informationUri"));
}

#[test]
fn commands_list_only_the_global_options_they_use() {
    let scratch = Scratch::empty("help-flags");
    let help = |args: &[&str]| String::from_utf8(scratch.output(args).stdout).unwrap();
    for command in
        [&["segment", "--help"][..], &["align", "--help"], &["glossary", "list", "--help"], &["init", "--help"]]
    {
        let text = help(command);
        assert!(!text.contains("--memory"), "{command:?} lists --memory:\n{text}");
        assert!(text.contains("--config"), "{command:?} lacks --config:\n{text}");
    }
    for command in [&["rule", "--help"][..], &["completions", "--help"]] {
        let text = help(command);
        assert!(!text.contains("--memory") && !text.contains("--config"), "{command:?}:\n{text}");
    }
    for command in
        [&["import", "--help"][..], &["memory", "stats", "--help"], &["check", "--help"], &["search", "--help"]]
    {
        let text = help(command);
        assert!(text.contains("--memory") && text.contains("--config"), "{command:?}:\n{text}");
    }
    // Given after the command or before it, the same memory.
    let tmx = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/press-memory.tmx");
    assert!(scratch.output(&["import", "--memory", "m.sqlite", tmx.to_str().unwrap()]).status.success());
    let after = scratch.output(&["memory", "stats", "--memory", "m.sqlite"]);
    let before = scratch.output(&["--memory", "m.sqlite", "memory", "stats"]);
    assert!(after.status.success() && after.stdout == before.stdout, "{}", String::from_utf8_lossy(&after.stderr));
    let out = scratch.output(&["segment", "--memory", "m.sqlite", "-"]);
    assert_eq!(out.status.code(), Some(2), "segment takes no memory");
    // A --memory given on the command line, before or after the command, wins over TM_MEMORY.
    for args in [&["--memory", "m.sqlite", "memory", "stats"][..], &["memory", "stats", "--memory", "m.sqlite"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(args)
            .current_dir(&scratch.dir)
            .env("TM_MEMORY", "elsewhere.sqlite")
            .output()
            .unwrap();
        assert_eq!(out.stdout, before.stdout, "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

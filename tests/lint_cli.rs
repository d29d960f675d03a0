//! `tm check` over trees of releases: pairing, ignores, Markdown, suppressions, the baseline,
//! configuration errors and bad files, as snapshots of what a user sees.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

mod common;

use common::Scratch;

/// An empty project with the house glossary under `glossaries/`.
fn project(name: &str) -> Scratch {
    Scratch::with_house_glossary(name)
}

fn put(scratch: &Scratch, path: &str, bytes: &[u8]) {
    let path = scratch.dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A tree with both pairing conventions, an unpaired English file, a Russian file without a
/// draft, an ignored folder and an excluded one.
fn releases(scratch: &Scratch) {
    put(scratch, "releases/lyon.en.txt", "Delegates met in Lion on 12 May.\n".as_bytes());
    put(scratch, "releases/lyon.ru.txt", "Делегаты встретились в Лионе 12 мая.\n".as_bytes());
    put(scratch, "releases/en/2026/visit.txt", "The delegation of 15 officers visited Lyon.\n".as_bytes());
    put(scratch, "releases/ru/2026/visit.txt", "Делегация из 16 сотрудников посетила Лион.\n".as_bytes());
    put(scratch, "releases/notes.txt", "Notes: the meeting in Lion was short.\n".as_bytes());
    put(scratch, "releases/untranslated.ru.txt", "Перевода пока нет.\n".as_bytes());
    put(scratch, "releases/russian-only.txt", "Черновик на русском языке без пары.\n".as_bytes());
    put(scratch, "releases/build/out.en.txt", "Generated copy mentioning Lion.\n".as_bytes());
    put(scratch, "releases/archive/old.en.txt", "An old release about Lion.\n".as_bytes());
    put(scratch, "releases/.gitignore", b"build/\n");
    put(scratch, "tm.toml", b"[files]\nexclude = [\"releases/archive/**\"]\n");
}

#[test]
fn a_tree_is_paired_ignored_and_reported_in_a_stable_order() {
    let scratch = project("tree");
    releases(&scratch);
    let args = ["check", "releases", "--format", "concise"];
    let out = scratch.run(&args);
    insta::assert_snapshot!(out);
    // One thread or several: the same report, byte for byte.
    let single = scratch.output(&["check", "releases", "--format", "concise", "-j", "1"]);
    let parallel = scratch.output(&["check", "releases", "--format", "concise", "-j", "4"]);
    assert_eq!(single.stdout, parallel.stdout);
    assert_eq!(single.stderr, parallel.stderr);
    // `-` is a draft read from standard input.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tm"))
        .args(["check", "-", "--format", "concise"])
        .current_dir(&scratch.dir)
        .env("TM_CACHE_DIR", scratch.dir.join(".cache"))
        .env_remove("GITHUB_ACTIONS")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), "Делегаты? No: delegates met in Lion.\n".as_bytes())
        .unwrap();
    let piped = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&piped.stdout).lines().last(),
        Some("<stdin>:1:32: TM101 [error] `Lion` is a forbidden rendering of Лион; use `Lyon`")
    );
    // --source pairs by hand, and an English "source" is pointed out.
    let swapped = scratch.run(&["check", "releases/lyon.en.txt", "--source", "releases/notes.txt"]);
    assert!(
        swapped.contains("tm: warning: releases/notes.txt is given as the Russian source but its script looks English"),
        "{swapped}"
    );
    // A file named on the command line is checked even where the configuration excludes it.
    let named = scratch.run(&["check", "releases/archive/old.en.txt", "--format", "concise"]);
    assert!(named.contains("releases/archive/old.en.txt:1:22: TM101"), "{named}");
}

#[test]
fn configured_patterns_pair_and_a_pattern_matching_nothing_is_reported() {
    let scratch = project("patterns");
    put(&scratch, "english/a.txt", "Delegates met in Lyon on 12 May.\n".as_bytes());
    put(&scratch, "russian/a.txt", "Делегаты встретились в Лионе 14 мая.\n".as_bytes());
    put(
        &scratch,
        "tm.toml",
        b"[[files.pairs]]\ndraft = \"english/{path}\"\nsource = \"russian/{path}\"\n\n[[files.pairs]]\ndraft = \"{name}.eng.{ext}\"\nsource = \"{name}.rus.{ext}\"\n",
    );
    insta::assert_snapshot!(scratch.run(&["check", ".", "--format", "concise"]));
}

#[test]
fn markdown_is_checked_as_prose_at_the_files_positions() {
    let scratch = project("markdown");
    put(
        &scratch,
        "news/lyon.en.md",
        "---\ntitle: Lion\n---\n\n# Meeting in Lion\n\nThe delegates of Интерпол met in *Lion*,\nat the `Lion` hotel ([site](https://lion.example/)).\n\n```text\nLion\n```\n\n<div>Lion</div> <!-- Lion -->\nSee <https://lion.example>.\n"
            .as_bytes(),
    );
    let out = scratch.run(&["check", "news", "--format", "concise"]);
    insta::assert_snapshot!(out);
}

#[test]
fn suppressions_with_reasons_unused_and_malformed() {
    let scratch = project("suppress");
    put(
        &scratch,
        "a.en.md",
        "<!-- tm: ignore-file[TM103] quoted from the 2019 release -->\n\nThe NCB met. <!-- tm: ignore[TM101] the restaurant is called Lion --> Dinner at Lion.\nLunch in Lion.\n\n<!-- tm: ignore[term-case] -->\nInterPol's experts met.\n\n<!-- tm: ignore[TM201] nothing to hide -->\nA quiet day.\n\n<!-- tm: ignore[TM1O1] typo -->\n<!-- tm: ignroe -->\n"
            .as_bytes(),
    );
    put(
        &scratch,
        "b.en.txt",
        "// tm: ignore[TM101] the name of a ship\nThe ship Lion sailed.\nThe crew reached Lion.\n".as_bytes(),
    );
    put(
        &scratch,
        "c.en.txt",
        "The crew reached Lion.\n<!-- tm: ignore-file every rule, a quoted letter -->\n".as_bytes(),
    );
    insta::assert_snapshot!(
        "suppressions",
        scratch.run(&["check", "a.en.md", "b.en.txt", "c.en.txt", "--format", "concise"])
    );
    insta::assert_snapshot!(
        "suppressions-require-reason",
        scratch.run(&["check", "a.en.md", "--format", "concise", "--require-reason"])
    );
    // --fix removes a suppression that suppresses nothing (and fixes what it can).
    put(&scratch, "d.en.txt", "<!-- tm: ignore[TM104] old -->\nDelegates met in Lyon.\n".as_bytes());
    let fixed = scratch.run(&["check", "d.en.txt", "--fix", "--format", "concise"]);
    assert!(fixed.contains("exit: 0") && fixed.contains("fixed d.en.txt:1:1: TM501"), "{fixed}");
    assert_eq!(std::fs::read_to_string(scratch.dir.join("d.en.txt")).unwrap(), "\nDelegates met in Lyon.\n");
}

#[test]
fn a_comment_in_the_source_accepts_a_paragraph_left_untranslated() {
    let scratch = project("source-comment");
    let russian = "Делегаты встретились в Лионе 12 мая.\n\nОни обсудили сотрудничество полиции.\n\nВ Москве в этот день шёл сильный дождь, и движение в центре города было затруднено.\n\nВстреча завершилась подписанием протокола.\n";
    put(&scratch, "a.ru.txt", russian.as_bytes());
    put(
        &scratch,
        "a.en.txt",
        b"Delegates met in Lyon on 12 May.\n\nThey discussed police cooperation.\n\nThe meeting ended with the signing of a protocol.\n",
    );
    let reported = scratch.run(&["check", "a.en.txt", "--format", "concise"]);
    assert!(reported.contains("a.ru.txt:5:1: TM302 [warning] no English sentence renders"), "{reported}");
    let commented = russian.replace("В Москве", "<!-- tm: ignore[TM302] для внутренней аудитории -->\nВ Москве");
    put(&scratch, "a.ru.txt", commented.as_bytes());
    insta::assert_snapshot!(scratch.run(&["check", "a.en.txt", "--format", "concise"]));
}

#[test]
fn a_baseline_accepts_old_findings_and_survives_edits_elsewhere() {
    let scratch = project("baseline");
    put(&scratch, "a.en.txt", "Delegates met in Lion.\nThe NCB of Interpol.\n".as_bytes());
    let update = scratch.run(&["check", "a.en.txt", "--baseline", "tm-baseline.json", "--update-baseline"]);
    insta::assert_snapshot!("baseline-update", update);
    insta::assert_snapshot!("baseline-file", std::fs::read_to_string(scratch.dir.join("tm-baseline.json")).unwrap());
    let clean = scratch.run(&["check", "a.en.txt", "--baseline", "tm-baseline.json", "--format", "concise"]);
    assert!(
        clean.starts_with("args: check a.en.txt --baseline tm-baseline.json --format concise\nexit: 0\n"),
        "{clean}"
    );
    // A paragraph above moves every line; the accepted findings stay accepted, the new one
    // is reported.
    put(
        &scratch,
        "a.en.txt",
        "New first paragraph.\n\nDelegates   met in Lion.\nThe NCB of Interpol.\nThey left Lion.\n".as_bytes(),
    );
    insta::assert_snapshot!(
        "baseline-new-finding",
        scratch.run(&["check", "a.en.txt", "--baseline", "tm-baseline.json", "--format", "concise"])
    );
    put(&scratch, "a.en.txt", "Delegates met in Lyon.\n".as_bytes());
    insta::assert_snapshot!(
        "baseline-fixed",
        scratch.run(&["check", "a.en.txt", "--baseline", "tm-baseline.json", "--format", "concise"])
    );
    put(&scratch, "broken.json", b"{\"version\": 1,\n \"findings\": 3}");
    let broken = scratch.run(&["check", "a.en.txt", "--baseline", "broken.json"]);
    insta::assert_snapshot!("baseline-broken", broken);
    let alone = scratch.run(&["check", "a.en.txt", "--update-baseline"]);
    assert!(alone.contains("exit: 2") && alone.contains("needs a baseline file"), "{alone}");
    // Named in tm.toml, the baseline needs no flag (and `tm lsp` applies it too).
    put(&scratch, "tm.toml", "[check]\nbaseline = \"принято.json\"\n".as_bytes());
    put(&scratch, "a.en.txt", "Delegates met in Lion.\n".as_bytes());
    let written = scratch.run(&["check", "a.en.txt", "--update-baseline"]);
    assert!(written.contains("exit: 0") && written.contains("принято.json"), "{written}");
    let accepted = scratch.run(&["check", "a.en.txt", "--format", "concise"]);
    assert!(accepted.contains("exit: 0") && accepted.contains("the baseline accepts 1 finding"), "{accepted}");
}

#[test]
fn configuration_errors_name_the_key_and_line() {
    let scratch = project("config-errors");
    put(&scratch, "a.en.txt", b"Delegates met in Lyon.\n");
    let mut outputs = Vec::new();
    for toml in [
        "[files]\nexclude = [\"archive/**\"]\nincldue = [\"*.txt\"]\n",
        "[files]\ngitignore = \"yes\"\n",
        "[files]\nexclude = [\"releases/[draft\"]\n",
        "[[files.pairs]]\ndraft = \"en/{path}\"\nsource = \"ru/{name}\"\n",
        "[check]\nsource-language = \"de\"\n",
        "memory = [\"a\", \"b\"]\n",
    ] {
        put(&scratch, "tm.toml", toml.as_bytes());
        let out = scratch.run(&["check", "a.en.txt"]);
        outputs.push(format!("tm.toml:\n{toml}{}", out.replace(&scratch.dir.display().to_string(), "[DIR]")));
    }
    insta::assert_snapshot!(outputs.join("\n=====\n"));
}

#[test]
fn bad_files_in_a_tree_are_findings_and_the_rest_is_checked() {
    let scratch = project("bad-input");
    put(&scratch, "tree/good.en.txt", b"Delegates met in Lion.\n");
    put(&scratch, "tree/cp1251.en.txt", b"\xcb\xe8\xee\xed Lion\n");
    put(&scratch, "tree/image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    put(&scratch, "tree/odd.en.txt", b"\xff\xfeL\x00i\x00o");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("..", scratch.dir.join("tree/loop")).unwrap();
        std::os::unix::fs::symlink("gone.en.txt", scratch.dir.join("tree/dangling.en.txt")).unwrap();
    }
    // A glossary that fails its own example: reported at its line, and still used.
    put(
        &scratch,
        "glossaries/extra.tsv",
        "id\tru\ten\tforbidden\texamples\nparis\tПариж\tParis\tParee\t+В Лионе.\n".as_bytes(),
    );
    let out = scratch.run(&["check", "tree", "--format", "concise"]);
    insta::assert_snapshot!(out);
}

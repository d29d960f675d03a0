//! Every memory command works on PostgreSQL unchanged: one session of commands (import of
//! every fixture format and of an aligned pair, search, concordance, batch search, analyze,
//! export, `tm memory …`, `tm check --source` with the memory rules, sync) run against a
//! SQLite file and against a PostgreSQL database, named in `tm.toml`; what a user sees must be
//! the same but for the memory's name.

#![allow(clippy::unwrap_used)]

#[path = "support/backends.rs"]
mod backends;
mod common;

use std::path::Path;

use backends::{ALL, Backend};
use common::{EVERY_MEMORY_FORMAT, Scratch, redact_times};

/// Import dates and the memory's own location hidden; everything else as printed.
fn shown(text: &str, location: &str) -> String {
    redact_times(&text.replace(location, "[MEMORY]"))
}

fn session(backend: Backend) -> Vec<String> {
    let s = Scratch::new(&format!("cli-on-{}", backend.name()), "tests/fixtures/memory", "");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["ncb-conference.ru.txt", "ncb-conference.en.txt", "press-memory.tmx"] {
        std::fs::copy(root.join("examples").join(name), s.dir.join(name)).unwrap();
    }
    std::fs::create_dir_all(s.dir.join("glossaries")).unwrap();
    std::fs::copy(root.join("glossaries/house.tsv"), s.dir.join("glossaries/house.tsv")).unwrap();
    let location = match backend {
        Backend::Sqlite => "memory/tm.sqlite".to_owned(),
        Backend::Postgres => backends::fresh_database("cli"),
    };
    std::fs::write(s.dir.join("tm.toml"), format!("memory = \"{location}\"\n")).unwrap();
    std::fs::write(
        s.dir.join("queries.txt"),
        "Генеральный секретариат Интерпола находится в Лионе.\n\nНичего похожего.\n",
    )
    .unwrap();
    std::fs::write(
        s.dir.join("new.ru.txt"),
        "Генеральный секретариат Интерпола находится в Лионе.\n\
         В 2026 году по каналам Интерпола установлено местонахождение 298 разыскиваемых лиц.\n\
         Генеральный секретариат Интерпола находится в Лионе.\n\
         Это совершенно новое предложение.\n",
    )
    .unwrap();
    // One pair four times in one file, each with other metadata: the merges must add up alike.
    let tu = |changed: &str, usage: u32, note: &str| {
        format!(
            "<tu changedate=\"{changed}\" changeid=\"редактор-{usage}\" usagecount=\"{usage}\"><note>{note}</note>\
             <tuv xml:lang=\"ru\"><seg>Пресс-конференция состоится в Лионе.</seg></tuv>\
             <tuv xml:lang=\"en\"><seg>The press conference will take place in Lyon.</seg></tuv></tu>\n"
        )
    };
    std::fs::write(
        s.dir.join("repeats.tmx"),
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"ru\" datatype=\"plaintext\" segtype=\"sentence\" \
             adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/><body>\n{}{}{}{}</body></tmx>\n",
            tu("20260301T100000Z", 3, "первая"),
            tu("20260101T100000Z", 7, "вторая"),
            tu("20260501T100000Z", 1, "третья"),
            tu("20260401T100000Z", 2, "первая"),
        ),
    )
    .unwrap();
    let laptop = s.dir.join("laptop.sqlite").display().to_string();
    let steps: Vec<Vec<&str>> = vec![
        vec!["search", "Лион"],
        [&["import"][..], &EVERY_MEMORY_FORMAT[..]].concat(),
        vec!["import", "omegat.tmx"],
        vec!["import", "repeats.tmx"],
        vec!["import", "repeats.tmx"],
        vec!["import", "--pair", "ncb-conference.ru.txt", "ncb-conference.en.txt"],
        vec!["search", "В 2026 году по каналам Интерпола установлено местонахождение 315 разыскиваемых лиц."],
        vec!["search", "Встреча прошла в Лионе, в штаб-квартире Интерпола", "--format", "json"],
        vec!["search", "--concordance", "интерпола", "--in", "both"],
        vec!["search", "--batch", "queries.txt", "--limit", "1"],
        vec!["analyze", "new.ru.txt"],
        vec!["export", "--format", "tsv"],
        vec!["memory", "stats"],
        vec!["memory", "delete", "--batch", "2"],
        vec!["memory", "delete", "--origin", "omegat.tmx"],
        vec!["memory", "dedupe"],
        vec!["memory", "check"],
        vec!["import", "press-memory.tmx"],
        vec!["check", "ncb-conference.en.txt", "--source", "ncb-conference.ru.txt", "--format", "concise"],
        vec!["memory", "sync", &location, &laptop],
        vec!["memory", "sync", &laptop, &location],
        vec!["export"],
        // Last: on PostgreSQL a failed import uses up its batch number (sequences are not
        // rolled back), so the numbers after it differ from SQLite's.
        vec!["import", "truncated.tmx"],
    ];
    steps.iter().map(|args| shown(&s.run(args), &location)).collect()
}

#[test]
fn every_memory_command_prints_the_same_on_postgres_as_on_sqlite() {
    let [sqlite, postgres] = ALL.map(session);
    assert_eq!(sqlite.len(), postgres.len());
    for (on_sqlite, on_postgres) in sqlite.iter().zip(&postgres) {
        assert_eq!(on_sqlite, on_postgres);
    }
    // The session did something: the check saw the memory, the export holds the units.
    let check = &sqlite[18];
    assert!(check.contains("Lion"), "{check}");
    let search = &sqlite[6];
    assert!(search.contains("exit: 0") && search.contains('%'), "{search}");
    let concordance = &sqlite[8];
    assert!(concordance.contains("Интерпол") || concordance.contains("Interpol"), "{concordance}");
    let sync = &sqlite[19];
    assert!(sync.contains("batches copied") && !sync.contains(" 0 batches copied"), "{sync}");
    let export = &sqlite[sqlite.len() - 2];
    assert!(export.contains("<tu"), "{export}");
    // The repeated pair: one unit, the newest change's author, the largest usage count,
    // every note once.
    let repeated = &export[export.find("Пресс-конференция").unwrap().saturating_sub(700)..];
    assert!(repeated.contains("редактор-1") && repeated.contains("usagecount=\"7\""), "{repeated}");
    assert!(repeated.contains("третья") && repeated.matches("первая").count() == 1, "{repeated}");
}

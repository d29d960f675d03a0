//! The layering of ARCHITECTURE.md, held to: each crate depends only on the `tm` crates its
//! layer may use (the compiler then refuses a wrong-way import), no crate below the CLI needs
//! `clap` (it may offer `ValueEnum` behind an optional `clap` feature), and only each store
//! speaks to its database.

#![allow(clippy::unwrap_used)] // a test that cannot set up should panic

use std::collections::BTreeSet;
use std::path::Path;

/// Each library crate and the `tm` crates it may depend on.
const LAYERS: &[(&str, &[&str])] = &[
    ("tm-text", &[]),
    ("tm-formats", &["tm-text"]),
    ("tm-glossary", &["tm-text", "tm-formats"]),
    ("tm-align", &["tm-text", "tm-formats"]),
    ("tm-memory", &["tm-text", "tm-formats"]),
    ("tm-memory-sqlite", &["tm-memory"]),
    ("tm-memory-postgres", &["tm-memory"]),
    ("tm-check", &["tm-text", "tm-formats", "tm-glossary", "tm-align", "tm-memory"]),
    (
        "tm-project",
        &[
            "tm-text",
            "tm-formats",
            "tm-glossary",
            "tm-align",
            "tm-memory",
            "tm-memory-sqlite",
            "tm-memory-postgres",
            "tm-check",
        ],
    ),
    ("tm-serve", &["tm-text", "tm-formats", "tm-glossary", "tm-align", "tm-memory", "tm-check", "tm-project"]),
    ("tm-lsp", &["tm-text", "tm-formats", "tm-glossary", "tm-align", "tm-memory", "tm-check", "tm-project"]),
];

fn manifest(crate_name: &str) -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates").join(crate_name).join("Cargo.toml");
    std::fs::read_to_string(&path).unwrap().parse().unwrap()
}

fn dependencies(manifest: &toml::Table) -> &toml::Table {
    manifest.get("dependencies").and_then(toml::Value::as_table).expect("a [dependencies] table")
}

#[test]
fn every_crate_in_the_workspace_is_a_known_layer() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let known: BTreeSet<String> = LAYERS.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(on_disk, known, "a new crate needs its place in ARCHITECTURE.md and in LAYERS here");
    let architecture = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    for name in &known {
        assert!(architecture.contains(&format!("**`{name}`**")), "ARCHITECTURE.md does not describe {name}");
    }
}

#[test]
fn crates_depend_only_on_the_layers_below_them() {
    for (name, allowed) in LAYERS {
        let manifest = manifest(name);
        for dependency in dependencies(&manifest).keys().filter(|d| d.starts_with("tm-")) {
            assert!(
                allowed.contains(&dependency.as_str()),
                "{name} depends on {dependency}, which its layer may not use"
            );
        }
    }
}

#[test]
fn no_library_crate_needs_clap_and_only_each_store_speaks_to_its_database() {
    for (name, _) in LAYERS {
        let manifest = manifest(name);
        let dependencies = dependencies(&manifest);
        if let Some(clap) = dependencies.get("clap") {
            let optional = clap.get("optional").and_then(toml::Value::as_bool) == Some(true);
            assert!(optional, "{name} depends on clap; only the CLI may (libraries: optionally, for ValueEnum)");
        }
        assert_eq!(
            dependencies.contains_key("rusqlite"),
            *name == "tm-memory-sqlite",
            "{name}: only tm-memory-sqlite may depend on rusqlite"
        );
        assert_eq!(
            dependencies.contains_key("postgres"),
            *name == "tm-memory-postgres",
            "{name}: only tm-memory-postgres may depend on postgres"
        );
    }
}

//! import(export(memory)) gives back the same units: text, inline markup and metadata, on
//! every backend (exported from one, imported into the other).

#![allow(clippy::unwrap_used)]

use std::io::Write;

use proptest::prelude::*;
use tm::formats::tmx;
use tm::memory::import::{ImportOptions, import_file};
use tm::memory::matching::placeholder;
use tm::memory::{ExportUnit, Importer, Meta, NewUnit, OnConflict, Store, Unit};

#[path = "support/backends.rs"]
mod backends;

use backends::{ALL, Backend};

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Code,
}

fn segment() -> impl Strategy<Value = Vec<Piece>> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[а-яА-ЯёЁa-zA-Z0-9 &<>\"'.,«»—-]{1,12}".prop_map(Piece::Text),
            1 => Just(Piece::Code),
        ],
        0..6,
    )
}

/// Text with placeholders, and the TMX markup when there are codes.
fn render(prefix: &str, pieces: &[Piece]) -> (String, Option<String>) {
    let mut text = prefix.to_owned();
    let mut markup = prefix.to_owned();
    let mut codes = 0;
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                text.push_str(t);
                markup.push_str(
                    &t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;"),
                );
            }
            Piece::Code => {
                text.push(placeholder(codes));
                markup.push_str(&format!("<ph x=\"{}\">&lt;br/&gt;</ph>", codes + 1));
                codes += 1;
            }
        }
    }
    (text, (codes > 0).then_some(markup))
}

/// Date, author, usage count, notes, properties.
type MetaParts = (Option<String>, Option<String>, Option<i64>, Vec<String>, Vec<(String, String)>);

fn meta() -> impl Strategy<Value = MetaParts> {
    (
        proptest::option::of("20[0-2][0-9]-0[1-9]-1[0-9]T1[0-9]:[0-5][0-9]:[0-5][0-9]Z"),
        proptest::option::of("[a-z]{1,8}"),
        proptest::option::of(0i64..1000),
        proptest::collection::vec("[a-zа-я &<]{1,10}", 0..3),
        proptest::collection::vec(("x-[a-z]{1,6}", "[a-zа-я 0-9]{1,10}"), 0..3),
    )
}

fn comparable(unit: &ExportUnit) -> String {
    let (unit, meta) = (&unit.unit, &unit.unit.meta);
    format!(
        "{:?}",
        (
            (
                unit.src_tag.clone(),
                unit.tgt_tag.clone(),
                unit.source.clone(),
                unit.target.clone(),
                unit.source_markup.clone(),
                unit.target_markup.clone(),
            ),
            (
                unit.origin.clone(),
                meta.created_at.clone(),
                meta.created_by.clone(),
                meta.changed_at.clone(),
                meta.usage_count,
                meta.notes.clone(),
                meta.props.clone(),
            )
        )
    )
}

fn dump(memory: &dyn Store) -> Vec<ExportUnit> {
    let mut units = Vec::new();
    memory
        .export(None, None, &mut |unit| {
            units.push(unit);
            Ok(())
        })
        .unwrap();
    units
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn tmx_round_trip(
        units in proptest::collection::vec((segment(), segment(), meta()), 1..12),
        case in 0u32..1_000_000,
        from in proptest::sample::select(ALL.to_vec()),
    ) {
        let dir = std::env::temp_dir().join(format!("tm-roundtrip-{}-{case}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // From one backend into the other.
        let into = if from == Backend::Sqlite { Backend::Postgres } else { Backend::Sqlite };
        let (_, mut original) = from.create("roundtrip");
        let mut importer = Importer::begin(&mut *original, "generated", None, "test", "{}", OnConflict::AddVariant).unwrap();
        for (i, (source, target, (date, author, usage, notes, props))) in units.iter().enumerate() {
            let (source, source_markup) = render(&format!("S{i} "), source);
            let (target, target_markup) = render(&format!("T{i} "), target);
            importer.add(&NewUnit::from(Unit {
                src_tag: "ru-RU".into(),
                tgt_tag: "en-GB".into(),
                source,
                target,
                source_markup,
                target_markup,
                origin: Some(format!("release-{i}.txt")),
                meta: Meta {
                    created_at: date.clone(),
                    created_by: author.clone(),
                    changed_at: date.clone(),
                    changed_by: author.clone(),
                    usage_count: *usage,
                    notes: notes.clone(),
                    props: props.clone(),
                    ..Meta::default()
                },
            })).unwrap();
        }
        importer.commit().unwrap();

        let exported = dir.join("export.tmx");
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&exported).unwrap());
            tmx::write_header(&mut out, "ru-RU", "test").unwrap();
            for unit in dump(&*original) {
                tmx::write_unit(&mut out, &unit.unit).unwrap();
            }
            tmx::write_footer(&mut out).unwrap();
            out.flush().unwrap();
        }
        let (_, mut copy) = into.create("roundtrip");
        import_file(&mut *copy, &exported, &ImportOptions::default(), &mut |_, _| {}).unwrap();
        let before: Vec<_> = dump(&*original).iter().map(comparable).collect();
        let after: Vec<_> = dump(&*copy).iter().map(comparable).collect();
        prop_assert_eq!(before, after);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

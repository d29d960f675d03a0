#![allow(clippy::unwrap_used)]
//! Fuzzy search must return exactly the brute-force top-k, on every backend.

#[path = "support/backends.rs"]
mod backends;
#[path = "support/synth.rs"]
mod synth;

use synth::{Rng, edit, pair};
use tm::memory::{Importer, NewUnit, OnConflict, SearchOptions, Searcher, Store, Unit};

use backends::ALL;

fn unit(ru: &str, en: &str) -> NewUnit {
    NewUnit::from(Unit {
        src_tag: "ru-RU".into(),
        tgt_tag: "en-GB".into(),
        source: ru.into(),
        target: en.into(),
        ..Unit::default()
    })
}

fn fill(memory: &mut dyn Store, seed: u64, count: u64, chunks: u64) {
    // Several imports, so that the index has several chunks per gram.
    for part in 0..chunks {
        let mut importer = Importer::begin(memory, "synthetic", None, "test", "{}", OnConflict::AddVariant).unwrap();
        for index in (part * count / chunks)..((part + 1) * count / chunks) {
            let p = pair(seed, index);
            importer.add(&unit(&p.ru, &p.en)).unwrap();
        }
        importer.commit().unwrap();
    }
}

/// The same units in a memory of the backend, imported in several batches, with a deletion.
fn filled(backend: backends::Backend) -> Box<dyn Store> {
    let (_, mut memory) = backend.create("exact");
    fill(&mut *memory, 11, 2500, 3);
    // Short and odd units, where the count filter gives way to the length scan.
    let mut importer = Importer::begin(&mut *memory, "short", None, "test", "{}", OnConflict::AddVariant).unwrap();
    for (ru, en) in
        [("Лион", "Lyon"), ("В Лионе", "In Lyon"), ("ааааааааааа", "a"), ("Итоги", "Results"), ("12 000", "12,000")]
    {
        importer.add(&unit(ru, en)).unwrap();
    }
    importer.commit().unwrap();
    // A deletion leaves stale postings that search must skip.
    memory.delete_origin("nothing").unwrap();
    memory
}

#[test]
fn search_equals_brute_force_on_generated_units() {
    let memories: Vec<(backends::Backend, Box<dyn Store>)> = ALL.iter().map(|&b| (b, filled(b))).collect();

    let mut rng = Rng::new(5);
    let mut queries: Vec<String> = Vec::new();
    for i in 0..150 {
        let stored = pair(11, rng.below(2500) as u64).ru;
        let mut query = edit(&stored, &mut rng);
        if i % 3 == 0 {
            query = edit(&query, &mut rng);
        }
        queries.push(query);
    }
    for i in 0..60 {
        queries.push(pair(99, i).ru); // not stored: siblings only
    }
    for i in 0..30 {
        let p = pair(11, i).ru;
        let cut: String = p.chars().take(12 + i as usize).collect();
        queries.push(cut);
    }
    queries.extend(["Лион", "в лионе", "аааааааааа", "12 500", "x", "Итог"].map(str::to_owned));

    // The same imports give the same ids on every backend, so one brute-force ranking per query
    // (top 10 at any score, on SQLite) answers every (min, limit) on each; a sample of queries
    // is also ranked by brute force on the other backends, which must agree.
    let reference = Searcher::new(&*memories[0].1, "ru", "en").unwrap();
    let rankings: Vec<Vec<(u8, i64)>> = queries
        .iter()
        .map(|query| {
            let found = reference.brute_force(query, &SearchOptions { min: 0, limit: 10 }).unwrap();
            found.iter().map(|m| (m.score, m.id)).collect()
        })
        .collect();
    let mut compared = 0;
    for (backend, memory) in &memories {
        let mut searcher = Searcher::new(&**memory, "ru", "en").unwrap();
        for (index, (query, ranking)) in queries.iter().zip(&rankings).enumerate() {
            if index % 20 == 0 {
                let own: Vec<(u8, i64)> = searcher
                    .brute_force(query, &SearchOptions { min: 0, limit: 10 })
                    .unwrap()
                    .iter()
                    .map(|m| (m.score, m.id))
                    .collect();
                assert_eq!(&own, ranking, "{}: brute force, query {query:?}", backend.name());
            }
            for (min, limit) in [(75, 5), (50, 10), (90, 1), (30, 3)] {
                let options = SearchOptions { min, limit };
                let fast: Vec<(u8, i64)> =
                    searcher.search(query, &options).unwrap().iter().map(|m| (m.score, m.id)).collect();
                let slow: Vec<(u8, i64)> = ranking.iter().copied().filter(|m| m.0 >= min).take(limit).collect();
                assert_eq!(fast, slow, "{}: query {query:?} min {min} limit {limit}", backend.name());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, queries.len() * 4 * ALL.len());
}

#[test]
fn numbers_only_difference_lands_in_95_99() {
    for backend in ALL {
        numbers_only_difference(backend);
    }
}

fn numbers_only_difference(backend: backends::Backend) {
    let (_, mut memory) = backend.create("numbers");
    let mut importer = Importer::begin(&mut *memory, "x", None, "test", "{}", OnConflict::AddVariant).unwrap();
    importer.add(&unit("В 2025 году задержаны 15 человек.", "In 2025, 15 people were detained.")).unwrap();
    importer.commit().unwrap();
    let mut searcher = Searcher::new(&*memory, "ru", "en").unwrap();
    let found = searcher.search("В 2026 году задержаны 1 500 человек!", &SearchOptions::default()).unwrap();
    assert_eq!(found.len(), 1);
    // Raw character similarity is below 90; only numbers and punctuation differ.
    assert!((95..=99).contains(&found[0].score), "{}", found[0].score);
    let exact = searcher.search("в 2025 году задержаны 15 человек.", &SearchOptions::default()).unwrap();
    assert_eq!(exact[0].score, 100);
}

/// Concordance on sources (the postings of every trigram of the phrase, asked at once) must
/// find exactly the units whose source contains the phrase, newest first, on every backend.
#[test]
fn source_concordance_equals_brute_force() {
    use tm::memory::ConcordanceField;
    use tm::memory::matching::matching_form;
    for backend in ALL {
        let memory = filled(backend);
        let searcher = Searcher::new(&*memory, "ru", "en").unwrap();
        let last = memory.max_unit_id().unwrap();
        let phrases: Vec<String> = (0..25)
            .map(|i| pair(11, i * 97).ru.chars().skip(3).take(9 + i as usize % 7).collect())
            .chain(["Лион", "в лионе", "12 000", "ааа", "нет такого"].map(str::to_owned))
            .collect();
        for phrase in &phrases {
            let needle = matching_form(phrase);
            let brute: Vec<i64> = (1..=last)
                .rev()
                .filter(|&id| {
                    memory.texts(id).unwrap().is_some_and(|(source, _)| matching_form(&source).contains(&needle))
                })
                .take(20)
                .collect();
            let found: Vec<i64> =
                searcher.concordance(phrase, ConcordanceField::Source, 20).unwrap().iter().map(|c| c.id).collect();
            assert_eq!(found, brute, "{}: {phrase:?}", backend.name());
        }
    }
}

/// A searcher kept across imports (a server, an editor session) reads only what each import
/// added, and still answers exactly as a fresh one (and as brute force) after every import,
/// after the newest batch is deleted, and after an import following that.
#[test]
fn a_kept_searcher_sees_each_import_exactly() {
    use tm::project::Access;
    for backend in ALL {
        let (location, mut writer) = backend.create("kept");
        fill(&mut *writer, 21, 600, 2);
        let reader = backends::open(&location, Access::Read);
        let mut kept = Searcher::new(&*reader, "ru", "en").unwrap();
        let queries: Vec<String> = (0..40).map(|i| pair(21, i * 37 + 5).ru).collect();
        let check = |stage: &str, kept: &mut Searcher<'_>| {
            let fresh = Searcher::new(&*reader, "ru", "en").unwrap();
            for query in &queries {
                let options = SearchOptions { min: 50, limit: 5 };
                let found: Vec<(u8, i64)> =
                    kept.search(query, &options).unwrap().iter().map(|m| (m.score, m.id)).collect();
                let brute: Vec<(u8, i64)> =
                    fresh.brute_force(query, &options).unwrap().iter().map(|m| (m.score, m.id)).collect();
                assert_eq!(found, brute, "{} after {stage}: {query:?}", backend.name());
            }
        };
        check("the first imports", &mut kept);
        // Near-copies of the queries arrive in a new batch: the kept searcher must rank them.
        let mut importer = Importer::begin(&mut *writer, "later", None, "test", "{}", OnConflict::AddVariant).unwrap();
        for query in &queries {
            importer.add(&unit(&format!("{query} Дополнение."), "Added.")).unwrap();
        }
        importer.commit().unwrap();
        check("a later import", &mut kept);
        writer.delete_origin("later").unwrap();
        check("the later batch deleted", &mut kept);
        fill(&mut *writer, 22, 300, 1);
        check("one more import", &mut kept);
    }
}

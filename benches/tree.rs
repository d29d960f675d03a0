//! `tm check` over a generated tree of 2,000 release pairs, as a whole process: the wall time
//! (the target is ≤ 5 s on two cores), the cost per file, and the speed-up from checking files
//! in parallel (`-j 1` against every core).
//!
//! `cargo bench --bench tree` (`TM_TREE_RUNS` runs per figure, default 5; `TM_TREE_PAIRS`
//! pairs, default 2,000). Under `cargo test --benches` it checks 20 pairs once.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// A small deterministic generator, so every run checks the same tree.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

/// Paragraphs of a release: Russian and English, with `{n}` for a figure.
const PARAGRAPHS: [(&str, &str); 8] = [
    (
        "В Москве состоялось совещание руководителей национальных центральных бюро Интерпола.",
        "A meeting of the heads of the National Central Bureaus of Interpol was held in Moscow.",
    ),
    (
        "В нём приняли участие {n} представителей правоохранительных органов из разных стран.",
        "It was attended by {n} representatives of law enforcement agencies from different countries.",
    ),
    (
        "Участники обсудили розыск преступников и обмен информацией через каналы Интерпола.",
        "The participants discussed the search for criminals and the exchange of information through Interpol channels.",
    ),
    (
        "Генеральный секретарь Интерпола отметил вклад Министерства внутренних дел Российской Федерации.",
        "The Interpol Secretary General noted the contribution of the Ministry of Internal Affairs of the Russian Federation.",
    ),
    ("Следующая встреча пройдёт в Лионе в {n} году.", "The next meeting will be held in Lyon in {n}."),
    (
        "За год сотрудники бюро задержали {n} человек, находившихся в международном розыске.",
        "Over the year the bureau's officers detained {n} people on the international wanted list.",
    ),
    (
        "Генерал-майор полиции рассказал о работе с Европолом и Евроюстом.",
        "The Police Major General spoke about the work with Europol and Eurojust.",
    ),
    (
        "Пресс-служба МВД России сообщает, что совещание завершилось подписанием протокола.",
        "The press service of the Ministry of Internal Affairs of Russia reports that the meeting ended with the signing of a protocol.",
    ),
];

/// One release pair of 12–40 paragraphs (about 1.5–4.5 KB of English); one in five has "Lion"
/// for Lyon, one in seven a figure that differs from the source.
fn release(random: &mut Lcg) -> (String, String) {
    let (mut ru, mut en) = (String::new(), String::new());
    let paragraphs = 12 + random.next(29);
    let lion = random.next(5) == 0;
    let wrong = random.next(7) == 0;
    for index in 0..paragraphs {
        let (r, e) = PARAGRAPHS[random.next(PARAGRAPHS.len())];
        let n = 10 + random.next(2000);
        let shown = if wrong && index == 1 { n + 1 } else { n };
        ru.push_str(&r.replace("{n}", &n.to_string()));
        let mut english = e.replace("{n}", &shown.to_string());
        if lion {
            english = english.replace("Lyon", "Lion");
        }
        en.push_str(&english);
        ru.push('\n');
        en.push('\n');
    }
    (ru, en)
}

/// Half the pairs as `YEAR/NAME.en.txt` beside `NAME.ru.txt`, half as `en/YEAR/NAME.txt` and
/// `ru/YEAR/NAME.txt`. Returns the bytes of English written.
fn tree(dir: &Path, pairs: usize) -> usize {
    let mut random = Lcg(2026);
    let mut english = 0;
    for i in 0..pairs {
        let (ru, en) = release(&mut random);
        english += en.len();
        let year = 2015 + i % 12;
        let (ru_path, en_path) = if i % 2 == 0 {
            (dir.join(format!("{year}/release-{i:04}.ru.txt")), dir.join(format!("{year}/release-{i:04}.en.txt")))
        } else {
            (dir.join(format!("ru/{year}/release-{i:04}.txt")), dir.join(format!("en/{year}/release-{i:04}.txt")))
        };
        for (path, text) in [(ru_path, ru), (en_path, en)] {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    english
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `tm check` on the tree `runs` times; the median wall time in seconds and the summary
/// line `tm` printed.
fn time(dir: &Path, glossary: &str, jobs: &str, runs: usize) -> (f64, String) {
    let mut times = Vec::new();
    let mut summary = String::new();
    for _ in 0..runs {
        let start = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_tm"))
            .args(["check", "tree", "--glossary", glossary, "--format", "concise", "--no-memory", "-j", jobs])
            .current_dir(dir)
            .env_remove("TM_MEMORY")
            .env("TM_CACHE_DIR", dir.join("cache"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        times.push(start.elapsed().as_secs_f64());
        assert!(output.status.code().is_some_and(|c| c <= 1), "tm failed: {}", String::from_utf8_lossy(&output.stderr));
        summary = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    }
    (median(times), summary)
}

fn main() {
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let pairs = if benchmarking {
        std::env::var("TM_TREE_PAIRS").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
    } else {
        20
    };
    let runs =
        if benchmarking { std::env::var("TM_TREE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5) } else { 1 };
    let dir = std::env::temp_dir().join(format!("tm-tree-bench-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tree")).unwrap();
    let english = tree(&dir.join("tree"), pairs);
    let house = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/house.tsv");
    let house = house.to_str().unwrap();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "{pairs} release pairs ({:.1} KB of English on average); house glossary, cached; {runs} runs per figure (median); {cores} cores",
        english as f64 / pairs as f64 / 1024.0
    );
    // One run first, so the glossary cache is filled and the files are in the page cache.
    time(&dir, house, "1", 1);
    let (one, summary) = time(&dir, house, "1", runs);
    let (all, _) = time(&dir, house, &cores.to_string(), runs);
    println!("{summary}");
    println!("-j 1     {one:>7.3} s  {:>7.3} ms per pair", one * 1e3 / pairs as f64);
    println!("-j {cores:<5} {all:>7.3} s  {:>7.3} ms per pair", all * 1e3 / pairs as f64);
    println!("speed-up {:.2}×", one / all);
    let _ = std::fs::remove_dir_all(&dir);
}

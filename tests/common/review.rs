//! Measuring `tm check` on real text and on planted errors: shared by the precision harness
//! (`benches/precision.rs`) and the tests that keep its review (`tests/ntrex_review.rs`,
//! `tests/devset.rs`).
//!
//! - **NTREX** (`../shared/data/ntrex128_ru_en/docs`, real published news; its licence keeps
//!   the text out of the repository): `tm check` runs over every document pair with
//!   `tests/fixtures/ntrex/tm.toml`, the Russian as the source and the English as the draft.
//!   Every error and warning it raises has a reviewed verdict in
//!   `tests/fixtures/ntrex/review.tsv`, keyed by document, file, rule, line, column and term
//!   (never the text).
//! - **The dev set** (`tests/fixtures/devset/`, releases written for the project): each
//!   release's clean English must raise no error or warning (its traps are correct renderings
//!   that look like errors); each planted error in `plants.tsv` is applied alone to a copy of
//!   the clean English, and must be reported by one of the expected rules on its line.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

/// The repository's root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// NTREX's document folders. Panics when `../shared` is missing: CI has it, and a measurement
/// that skips cannot fail.
pub(crate) fn ntrex_docs() -> PathBuf {
    let docs = root().join("../shared/data/ntrex128_ru_en/docs");
    assert!(docs.is_dir(), "{} is missing: the review needs NTREX beside the repository", docs.display());
    docs
}

/// One finding as `--format json` prints it, with the document it belongs to.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Reported {
    pub code: String,
    pub severity: String,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub found: String,
    pub term: Option<String>,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Reported {
    /// The folder holding the file (the NTREX document id, the dev-set case).
    pub(crate) fn doc(&self) -> String {
        Path::new(&self.path)
            .parent()
            .and_then(Path::file_name)
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// `en` for the draft, `ru` for the source (where untranslated sentences are reported).
    pub(crate) fn side(&self) -> &'static str {
        if self.path.contains("_ru.") || self.path.contains(".ru.") { "ru" } else { "en" }
    }

    pub(crate) fn key(&self) -> Key {
        Key {
            doc: self.doc(),
            side: self.side().to_owned(),
            code: self.code.clone(),
            line: self.line,
            column: self.column,
            term: self.term.clone().unwrap_or_default(),
            occurrence: 1,
        }
    }

    pub(crate) fn counts(&self) -> bool {
        self.severity == "error" || self.severity == "warning"
    }
}

/// What identifies a finding in a review without quoting the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Key {
    pub doc: String,
    pub side: String,
    pub code: String,
    pub line: usize,
    pub column: usize,
    pub term: String,
    /// 1 for the first finding with these fields, 2 for the next (two figures missing from
    /// one sentence).
    pub occurrence: usize,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            self.doc, self.side, self.code, self.line, self.column, self.term, self.occurrence
        )
    }
}

/// A reviewer's verdict on one finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verdict {
    /// A real problem a reviewer would want raised.
    True,
    /// Not a problem.
    False,
    /// Arguable: a careful reviewer might let it stand.
    Debatable,
}

impl Verdict {
    fn parse(text: &str) -> Option<Verdict> {
        Some(match text {
            "true" => Verdict::True,
            "false" => Verdict::False,
            "debatable" => Verdict::Debatable,
            _ => return None,
        })
    }
}

/// `tests/fixtures/ntrex/review.tsv`: `doc file code line column term n verdict reason`.
pub(crate) fn review() -> BTreeMap<Key, (Verdict, String)> {
    let path = root().join("tests/fixtures/ntrex/review.tsv");
    let text = std::fs::read_to_string(&path).expect("review.tsv");
    let mut out = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert!(cells.len() == 9, "review.tsv:{}: expected 9 cells, found {}", number + 1, cells.len());
        let key = Key {
            doc: cells[0].to_owned(),
            side: cells[1].to_owned(),
            code: cells[2].to_owned(),
            line: cells[3].parse().unwrap_or_else(|_| panic!("review.tsv:{}: line", number + 1)),
            column: cells[4].parse().unwrap_or_else(|_| panic!("review.tsv:{}: column", number + 1)),
            term: cells[5].to_owned(),
            occurrence: cells[6].parse().unwrap_or_else(|_| panic!("review.tsv:{}: n", number + 1)),
        };
        let verdict =
            Verdict::parse(cells[7]).unwrap_or_else(|| panic!("review.tsv:{}: verdict {:?}", number + 1, cells[7]));
        assert!(!cells[8].trim().is_empty(), "review.tsv:{}: a verdict needs its reason", number + 1);
        let previous = out.insert(key, (verdict, cells[8].to_owned()));
        assert!(previous.is_none(), "review.tsv:{}: a second verdict for one finding", number + 1);
    }
    out
}

/// Runs `tm check` with `config` over `paths`, without a memory, and parses its findings.
pub(crate) fn check(tm: &Path, config: &Path, paths: &[&Path], cache: &Path) -> Vec<Reported> {
    let output = Command::new(tm)
        .arg("check")
        .arg("--config")
        .arg(config)
        .args(paths)
        .args(["--no-memory", "--format", "json", "--exit-zero"])
        .env("TM_CACHE_DIR", cache)
        .env_remove("TM_MEMORY")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("tm runs");
    assert!(output.status.success(), "tm check failed: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("tm check prints JSON")
}

/// The NTREX run: every finding, and the number of Russian sentences `tm` segments.
pub(crate) fn ntrex(tm: &Path, cache: &Path) -> (Vec<Reported>, usize) {
    let docs = ntrex_docs();
    let findings = check(tm, &root().join("tests/fixtures/ntrex/tm.toml"), &[&docs], cache);
    let segmenter = tm::segment::Segmenter::new(tm::segment::Lang::Ru, &tm::segment::SegmentOptions::default())
        .expect("built-in rules");
    let mut sentences = 0;
    for entry in std::fs::read_dir(&docs).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path().join("doc_ru.raw.txt")).unwrap();
        sentences += tm::align::segments(&text, Some(&segmenter)).len();
    }
    (findings, sentences)
}

/// How the NTREX findings compare with the review.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    /// Errors and warnings without a verdict.
    pub unreviewed: Vec<(Key, Reported)>,
    /// Verdicts `true` whose finding no longer appears.
    pub lost: Vec<Key>,
    /// Per rule and severity: findings, true, false, debatable.
    pub table: BTreeMap<(String, String), [usize; 4]>,
}

impl Comparison {
    /// Errors and warnings reviewed as false or debatable.
    pub(crate) fn questionable(&self) -> usize {
        self.table.values().map(|row| row[2] + row[3]).sum()
    }
}

pub(crate) fn compare(findings: &[Reported], review: &BTreeMap<Key, (Verdict, String)>) -> Comparison {
    let mut comparison = Comparison::default();
    let mut seen = HashSet::new();
    for finding in findings {
        let row = comparison.table.entry((finding.code.clone(), finding.severity.clone())).or_default();
        row[0] += 1;
        if !finding.counts() {
            continue;
        }
        let mut key = finding.key();
        while seen.contains(&key) {
            key.occurrence += 1;
        }
        match review.get(&key) {
            Some((verdict, _)) => {
                row[match verdict {
                    Verdict::True => 1,
                    Verdict::False => 2,
                    Verdict::Debatable => 3,
                }] += 1;
            }
            None => comparison.unreviewed.push((key.clone(), finding.clone())),
        }
        seen.insert(key);
    }
    comparison.lost =
        review.iter().filter(|(k, (v, _))| *v == Verdict::True && !seen.contains(*k)).map(|(k, _)| k.clone()).collect();
    comparison
}

/// The table the harness prints: per rule and severity, findings per 100 source sentences
/// and the review's verdicts.
pub(crate) fn table(comparison: &Comparison, sentences: usize) -> String {
    use std::fmt::Write as _;
    let per100 = |n: usize| 100.0 * n as f64 / sentences.max(1) as f64;
    let mut out = format!(
        "{:<7} {:<8} {:>5} {:>8} {:>5} {:>5} {:>6} {:>6}\n",
        "rule", "severity", "found", "per 100", "true", "false", "debat", "unrev"
    );
    let mut totals = [0usize; 5];
    for ((code, severity), row) in &comparison.table {
        let unreviewed = if severity == "info" { 0 } else { row[0] - row[1] - row[2] - row[3] };
        let _ = writeln!(
            out,
            "{code:<7} {severity:<8} {:>5} {:>8.2} {:>5} {:>5} {:>6} {:>6}",
            row[0],
            per100(row[0]),
            row[1],
            row[2],
            row[3],
            unreviewed
        );
        if severity != "info" {
            for (total, n) in totals.iter_mut().zip([row[0], row[1], row[2], row[3], unreviewed]) {
                *total += n;
            }
        }
    }
    let _ = writeln!(
        out,
        "errors and warnings: {} in {sentences} source sentences = {:.2} per 100; true {}, false {}, debatable {}, unreviewed {}",
        totals[0],
        per100(totals[0]),
        totals[1],
        totals[2],
        totals[3],
        totals[4]
    );
    let _ = writeln!(
        out,
        "false or debatable per 100 source sentences: {:.2} (target ≤ 1.5)",
        per100(comparison.questionable())
    );
    out
}

/// A finding as a review row to fill in (`?` where the verdict goes), with what it says.
pub(crate) fn review_row((key, finding): &(Key, Reported)) -> String {
    format!("{key}\t?\t{} | {} | {}", finding.severity, finding.found, finding.message)
}

/// One planted error of the dev set.
#[derive(Debug, Clone)]
pub(crate) struct Plant {
    /// `plants.tsv`'s line, for messages.
    pub line: usize,
    pub release: String,
    pub kind: String,
    /// Replace the first occurrence of `from` in the clean English by `to`.
    pub from: String,
    pub to: String,
    /// Any of these rule codes on the planted line counts as caught.
    pub codes: Vec<String>,
}

/// The dev set's folder.
pub(crate) fn devset() -> PathBuf {
    root().join("tests/fixtures/devset")
}

/// `plants.tsv`: `release kind from to codes` (codes comma-separated).
pub(crate) fn plants() -> Vec<Plant> {
    let text = std::fs::read_to_string(devset().join("plants.tsv")).expect("plants.tsv");
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert!(cells.len() == 5, "plants.tsv:{}: expected 5 cells", number + 1);
        out.push(Plant {
            line: number + 1,
            release: cells[0].to_owned(),
            kind: cells[1].to_owned(),
            from: cells[2].to_owned(),
            to: cells[3].to_owned(),
            codes: cells[4].split(',').map(str::to_owned).collect(),
        });
    }
    out
}

/// The dev set's result.
#[derive(Debug, Default)]
pub(crate) struct DevResult {
    /// Per kind: planted, caught.
    pub kinds: BTreeMap<String, (usize, usize)>,
    /// Plants not caught, with what was reported instead.
    pub missed: Vec<String>,
    /// Errors and warnings on clean releases (traps), and on planted drafts away from the plant.
    pub false_alarms: Vec<String>,
    pub releases: usize,
}

/// Builds the dev-set tree in `work` (each clean release, and each plant applied alone) and
/// checks it in one run of `tm`.
pub(crate) fn run_devset(tm: &Path, work: &Path) -> DevResult {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).unwrap();
    let set = devset();
    let mut releases: Vec<String> = std::fs::read_dir(&set)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".ru.txt").map(str::to_owned))
        .collect();
    releases.sort();
    let read = |name: &str| std::fs::read_to_string(set.join(name)).unwrap();
    for release in &releases {
        let folder = work.join(format!("clean-{release}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("r.ru.txt"), read(&format!("{release}.ru.txt"))).unwrap();
        std::fs::write(folder.join("r.en.txt"), read(&format!("{release}.en.txt"))).unwrap();
    }
    let plants = plants();
    let mut planted_lines = BTreeMap::new();
    for plant in &plants {
        let clean = read(&format!("{}.en.txt", plant.release));
        let at = clean.find(&plant.from).unwrap_or_else(|| {
            panic!("plants.tsv:{}: {:?} is not in {}.en.txt", plant.line, plant.from, plant.release)
        });
        let draft = format!("{}{}{}", &clean[..at], plant.to, &clean[at + plant.from.len()..]);
        let line = clean[..at].matches('\n').count() + 1;
        let folder = work.join(format!("plant-{:03}", plant.line));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("r.ru.txt"), read(&format!("{}.ru.txt", plant.release))).unwrap();
        std::fs::write(folder.join("r.en.txt"), draft).unwrap();
        planted_lines.insert(format!("plant-{:03}", plant.line), (plant, line));
    }
    let findings = check(tm, &set.join("tm.toml"), &[work], &work.join(".cache"));
    let mut result = DevResult { releases: releases.len(), ..DevResult::default() };
    let mut caught = HashSet::new();
    for finding in findings.iter().filter(|f| f.counts()) {
        let doc = finding.doc();
        match planted_lines.get(&doc) {
            Some((plant, line)) => {
                if plant.codes.contains(&finding.code) && (finding.line == *line || finding.side() == "ru") {
                    caught.insert(doc.clone());
                }
            }
            None => result.false_alarms.push(format!(
                "{doc} {}:{} {} {} {:?}: {}",
                finding.side(),
                finding.line,
                finding.code,
                finding.severity,
                finding.found,
                finding.message
            )),
        }
    }
    for (doc, (plant, line)) in &planted_lines {
        let entry = result.kinds.entry(plant.kind.clone()).or_default();
        entry.0 += 1;
        if caught.contains(doc) {
            entry.1 += 1;
        } else {
            let reported: Vec<String> = findings
                .iter()
                .filter(|f| &f.doc() == doc)
                .map(|f| format!("{}:{} {} {:?}", f.side(), f.line, f.code, f.found))
                .collect();
            result.missed.push(format!(
                "plants.tsv:{} {} {} ({:?} → {:?}, line {line}, expected {}): reported {}",
                plant.line,
                plant.release,
                plant.kind,
                plant.from,
                plant.to,
                plant.codes.join("/"),
                if reported.is_empty() { "nothing".to_owned() } else { reported.join("; ") }
            ));
        }
    }
    result
}

/// The dev-set table: recall per kind, false alarms.
pub(crate) fn devset_table(result: &DevResult) -> String {
    use std::fmt::Write as _;
    let mut out = format!("{:<22} {:>7} {:>6} {:>7}\n", "kind", "planted", "caught", "recall");
    let (mut planted, mut caught) = (0, 0);
    for (kind, (p, c)) in &result.kinds {
        let _ = writeln!(out, "{kind:<22} {p:>7} {c:>6} {:>7.3}", *c as f64 / (*p).max(1) as f64);
        planted += p;
        caught += c;
    }
    let _ = writeln!(
        out,
        "all: {caught} of {planted} planted errors caught ({:.3}) in {} releases; false alarms: {}",
        caught as f64 / planted.max(1) as f64,
        result.releases,
        result.false_alarms.len()
    );
    out
}

/// Name slips planted in real text: in each NTREX document, the first capitalised word of
/// five letters or more that follows a lower-case word or a comma and appears twice or more
/// in the English has its last occurrence misspelled — its last two letters swapped, then
/// (in a second copy) its two middle letters — and must be reported on its line.
#[derive(Debug, Default)]
pub(crate) struct SlipResult {
    pub planted: usize,
    /// Reported by rendering-inconsistent (TM107), and by any error or warning.
    pub by_tm107: usize,
    pub by_any: usize,
    pub missed: Vec<String>,
}

/// The English word the slip goes into, if the document has one.
fn slip_target(english: &str) -> Option<&str> {
    let mut order: Vec<&str> = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let bytes = english.as_bytes();
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in english.char_indices().chain(std::iter::once((english.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push((s, &english[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    for (at, word) in runs {
        let follows = at >= 2 && bytes[at - 1] == b' ' && (bytes[at - 2].is_ascii_lowercase() || bytes[at - 2] == b',');
        let shaped = word.len() >= 5
            && word.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
            && word.bytes().skip(1).all(|b| b.is_ascii_lowercase());
        if follows && shaped {
            if !counts.contains_key(word) {
                order.push(word);
            }
            *counts.entry(word).or_default() += 1;
        }
    }
    order.into_iter().find(|w| counts[w] >= 2)
}

pub(crate) fn run_name_slips(tm: &Path, work: &Path) -> SlipResult {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).unwrap();
    let mut planted = BTreeMap::new();
    let mut ids: Vec<PathBuf> = std::fs::read_dir(ntrex_docs()).unwrap().map(|e| e.unwrap().path()).collect();
    ids.sort();
    for doc in &ids {
        let english = std::fs::read_to_string(doc.join("doc_en.raw.txt")).unwrap();
        let russian = std::fs::read_to_string(doc.join("doc_ru.raw.txt")).unwrap();
        let Some(word) = slip_target(&english) else { continue };
        let at = english.rfind(word).unwrap();
        let chars: Vec<char> = word.chars().collect();
        let (n, m) = (chars.len(), chars.len() / 2);
        for (kind, i) in [("end", n - 2), ("middle", m)] {
            let mut slipped = chars.clone();
            slipped.swap(i, i + 1);
            let slipped: String = slipped.into_iter().collect();
            if slipped == word {
                continue;
            }
            let name = format!("{}-{kind}", doc.file_name().unwrap().to_string_lossy());
            let folder = work.join(&name);
            std::fs::create_dir_all(&folder).unwrap();
            let draft = format!("{}{slipped}{}", &english[..at], &english[at + word.len()..]);
            std::fs::write(folder.join("r.en.txt"), draft).unwrap();
            std::fs::write(folder.join("r.ru.txt"), &russian).unwrap();
            let line = english[..at].matches('\n').count() + 1;
            planted.insert(name, (word.to_owned(), slipped, line));
        }
    }
    let findings = check(tm, &devset().join("tm.toml"), &[work], &work.join(".cache"));
    let mut result = SlipResult { planted: planted.len(), ..SlipResult::default() };
    for (name, (word, slipped, line)) in &planted {
        let here: Vec<&Reported> = findings
            .iter()
            .filter(|f| f.counts() && &f.doc() == name && f.line == *line && f.found.contains(slipped.as_str()))
            .collect();
        result.by_tm107 += usize::from(here.iter().any(|f| f.code == "TM107"));
        if here.is_empty() {
            result.missed.push(format!("{name}: {word} → {slipped} on line {line}"));
        } else {
            result.by_any += 1;
        }
    }
    result
}

/// Sentences taken out of and put into real text: in each NTREX document, (a) the first
/// sentence from the middle on that has content of its own (a figure, or two capitalised
/// words after the first) is deleted, and must be reported as untranslated (TM302) on the
/// Russian side, beyond what the clean document raises; (b) a sentence with a figure and a
/// name from the next document is put after it, in its paragraph, and must be reported as
/// an addition (TM303) on its line.
#[derive(Debug, Default)]
pub(crate) struct SentenceResult {
    pub omitted: usize,
    pub omissions_caught: usize,
    pub added: usize,
    pub additions_caught: usize,
    pub missed: Vec<String>,
}

/// The English sentences of a document, and the paragraph each opens or continues.
fn english_sentences(text: &str) -> Vec<tm::align::Segment> {
    let segmenter = tm::segment::Segmenter::new(tm::segment::Lang::En, &tm::segment::SegmentOptions::default())
        .expect("built-in rules");
    tm::align::segments(text, Some(&segmenter))
}

/// A figure, or two capitalised words after the first.
fn has_content(sentence: &str) -> bool {
    let capitals = sentence.split(' ').skip(1).filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    sentence.chars().any(|c| c.is_ascii_digit()) || capitals >= 2
}

pub(crate) fn run_sentence_plants(tm: &Path, work: &Path, clean: &[Reported]) -> SentenceResult {
    let _ = std::fs::remove_dir_all(work);
    std::fs::create_dir_all(work).unwrap();
    let mut ids: Vec<PathBuf> = std::fs::read_dir(ntrex_docs()).unwrap().map(|e| e.unwrap().path()).collect();
    ids.sort();
    let english: Vec<String> = ids.iter().map(|d| std::fs::read_to_string(d.join("doc_en.raw.txt")).unwrap()).collect();
    // (folder, planted line for additions, the added sentence) per plant.
    let mut omissions = Vec::new();
    let mut additions = Vec::new();
    for (k, doc) in ids.iter().enumerate() {
        let id = doc.file_name().unwrap().to_string_lossy().into_owned();
        let text = &english[k];
        let russian = std::fs::read_to_string(doc.join("doc_ru.raw.txt")).unwrap();
        let sentences = english_sentences(text);
        let Some(middle) = (sentences.len() / 2..sentences.len()).find(|&i| has_content(&sentences[i].text)) else {
            continue;
        };
        let taken = &sentences[middle];
        let line = text[..taken.start].matches('\n').count() + 1;
        // (a) the sentence deleted, with the space after it (or its line break).
        let rest = &text[taken.end..];
        let rest = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('\n')).unwrap_or(rest);
        let omitted = format!("{}{rest}", &text[..taken.start]);
        let folder = work.join(format!("{id}-omit"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("r.en.txt"), omitted).unwrap();
        std::fs::write(folder.join("r.ru.txt"), &russian).unwrap();
        omissions.push((id.clone(), format!("{id}-omit"), taken.text.clone()));
        // (b) a sentence of the next document with a figure and a name.
        let donor = english_sentences(&english[(k + 1) % english.len()]).into_iter().find(|s| {
            s.text.chars().any(|c| c.is_ascii_digit())
                && s.text.split(' ').skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase))
        });
        let Some(donor) = donor else { continue };
        let added = format!("{} {}{}", &text[..taken.end], donor.text, &text[taken.end..]);
        let folder = work.join(format!("{id}-add"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("r.en.txt"), added).unwrap();
        std::fs::write(folder.join("r.ru.txt"), &russian).unwrap();
        additions.push((format!("{id}-add"), line, donor.text));
    }
    let findings = check(tm, &devset().join("tm.toml"), &[work], &work.join(".cache"));
    let untranslated = |doc: &str, list: &[Reported]| {
        list.iter().filter(|f| f.doc() == doc && f.code == "TM302" && f.side() == "ru").count()
    };
    let mut result = SentenceResult { omitted: omissions.len(), added: additions.len(), ..SentenceResult::default() };
    for (id, folder, sentence) in &omissions {
        if untranslated(folder, &findings) > untranslated(id, clean) {
            result.omissions_caught += 1;
        } else {
            result.missed.push(format!("{folder}: not reported as untranslated: {sentence:?}"));
        }
    }
    for (folder, line, sentence) in &additions {
        let head: String = sentence.chars().take(20).collect();
        let caught = findings
            .iter()
            .any(|f| &f.doc() == folder && f.code == "TM303" && f.line == *line && f.found.starts_with(&head));
        if caught {
            result.additions_caught += 1;
        } else {
            result.missed.push(format!("{folder}: not reported as added on line {line}: {sentence:?}"));
        }
    }
    result
}

//! The compiled glossary and its cache.
//!
//! Parsing a 5,000-concept glossary and indexing its terms costs more than checking a release,
//! and the glossary rarely changes between runs. So the parsed concepts and the matcher's
//! word-prefix index are kept in a cache file, keyed by `tm`'s version and each glossary file's
//! path, size and modification time; a hit also means the glossary's examples already passed.
//! A cache that cannot be read or written is ignored: it only ever saves time. Each cache file
//! ends with a checksum of its contents, so a file damaged on disk is read again from the
//! glossaries rather than trusted.

use std::path::{Path, PathBuf};

use super::{
    CasePolicy, Concept, Example, Gender, Glossary, GlossaryError, Hints, Matcher, Origin, ReadOptions, Status, Term,
    TermType,
};
use sha2::Digest as _;

use tm_text::Lang;

/// Glossaries read, merged and indexed.
#[derive(Debug)]
pub struct Compiled {
    pub glossary: Glossary,
    pub matcher: Matcher,
    /// Entries skipped or half-understood (with `lenient`).
    pub warnings: Vec<String>,
    /// Whether this came from the cache.
    pub cached: bool,
    /// Entries failing their own examples ([`GlossaryError::Example`]); the glossary is still
    /// usable, and such a glossary is never cached.
    pub failures: Vec<GlossaryError>,
}

const MAGIC: &[u8] = b"tm compiled glossary 9\n";

/// Bytes of the SHA-256 checksum that ends every cache file: a cache changed on disk (a bad
/// sector, a flipped byte, a hand edit) is detected and read again from the glossaries, instead
/// of silently changing findings.
const CHECKSUM: usize = 32;

/// The cache folder: `TM_CACHE_DIR`, else `$XDG_CACHE_HOME/tm`, else `$HOME/.cache/tm`.
#[must_use]
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TM_CACHE_DIR") {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("tm"));
    }
    std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|home| PathBuf::from(home).join(".cache/tm"))
}

/// Reads, merges and indexes `paths`, and runs the glossaries' own examples; through the cache
/// in `cache_dir` when given.
pub fn compile(paths: &[PathBuf], options: ReadOptions, cache_dir: Option<&Path>) -> Result<Compiled, GlossaryError> {
    let cache_file = cache_dir.and_then(|dir| key(paths, options).map(|k| dir.join(format!("glossary-{k:016x}.bin"))));
    if let Some(file) = &cache_file
        && let Ok(bytes) = std::fs::read(file)
        && let Some((glossary, lengths, flat)) = decode(&bytes)
        && let Some(matcher) = Matcher::with_prefixes(&glossary, &lengths, flat)
    {
        return Ok(Compiled { glossary, matcher, warnings: Vec::new(), cached: true, failures: Vec::new() });
    }
    let mut glossary = Glossary::default();
    let mut warnings = Vec::new();
    for path in paths {
        let loaded = Glossary::read(path, options)?;
        warnings.extend(loaded.warnings);
        glossary.extend(loaded.glossary);
    }
    let matcher = Matcher::new(&glossary);
    let failures = glossary.test_examples(&matcher);
    // Only a glossary read without warnings or failures is cached, so that a cached run says
    // the same.
    if let Some(file) = &cache_file
        && warnings.is_empty()
        && failures.is_empty()
    {
        let bytes = encode(&glossary, &matcher);
        if file.parent().is_some_and(|dir| std::fs::create_dir_all(dir).is_ok()) {
            let _ = tm_formats::atomic::write(file, &bytes);
        }
    }
    Ok(Compiled { glossary, matcher, warnings, cached: false, failures })
}

/// `tm`'s version and each file's path, size and modification time, hashed.
fn key(paths: &[PathBuf], options: ReadOptions) -> Option<u64> {
    let mut text = format!("{}\n{}\n", env!("CARGO_PKG_VERSION"), options.lenient);
    for path in paths {
        let canonical = std::fs::canonicalize(path).ok()?;
        let metadata = std::fs::metadata(&canonical).ok()?;
        let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        text.push_str(&format!("{}\n{}\n{}\n", canonical.display(), metadata.len(), modified.as_nanos()));
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Some(hash)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, value: u8) {
        self.0.push(value);
    }
    fn u32(&mut self, value: usize) {
        self.0.extend_from_slice(&u32::try_from(value).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn str(&mut self, value: &str) {
        self.u32(value.len());
        self.0.extend_from_slice(value.as_bytes());
    }
    fn opt(&mut self, value: Option<&str>) {
        match value {
            Some(v) => {
                self.u8(1);
                self.str(v);
            }
            None => self.u8(0),
        }
    }
    fn strs(&mut self, values: &[String]) {
        self.u32(values.len());
        for v in values {
            self.str(v);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.bytes.len() < n {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<usize> {
        let b = self.take(4)?;
        usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok()
    }
    fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        Some(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_owned)
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.str().map(Some),
            _ => None,
        }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        match self.u32()? {
            0 => Some(Vec::new()),
            n => (0..n).map(|_| self.str()).collect(),
        }
    }
}

fn encode(glossary: &Glossary, matcher: &Matcher) -> Vec<u8> {
    let mut w = Writer(MAGIC.to_vec());
    w.u32(glossary.concepts.len());
    for concept in &glossary.concepts {
        w.str(&concept.id);
        w.opt(concept.subject.as_deref());
        w.opt(concept.note.as_deref());
        w.str(&concept.origin.file);
        w.u32(concept.origin.line);
        w.u32(concept.examples.len());
        for example in &concept.examples {
            w.u8(u8::from(example.fires));
            w.str(&example.text);
        }
        w.u32(concept.terms.len());
        for term in &concept.terms {
            w.u8(match term.lang {
                Lang::Ru => 0,
                Lang::En => 1,
            });
            w.str(&term.text);
            w.u8(term.status as u8);
            w.opt(term.raw_status.as_deref());
            w.opt(term.part_of_speech.as_deref());
            w.u8(term.case as u8);
            w.strs(&term.forms);
            let hints = &term.inflect;
            w.u8(match hints.gender {
                None => 0,
                Some(Gender::Masculine) => 1,
                Some(Gender::Feminine) => 2,
                Some(Gender::Neuter) => 3,
            });
            w.opt(hints.genitive.as_deref());
            w.u8(u8::from(hints.indeclinable));
            w.u8(match hints.plural {
                None => 0,
                Some(false) => 1,
                Some(true) => 2,
            });
            w.u8(u8::from(hints.fixed));
            w.strs(&term.exceptions);
            w.opt(term.note.as_deref());
            w.u8(term.term_type as u8);
        }
    }
    let (lengths, flat) = matcher.prefixes();
    w.u32(lengths.len());
    for length in lengths {
        w.u32(length as usize);
    }
    w.u32(flat.len());
    for p in flat {
        w.0.extend_from_slice(&p.to_le_bytes());
    }
    let sum = sha2::Sha256::digest(&w.0[MAGIC.len()..]);
    w.0.extend_from_slice(&sum);
    w.0
}

fn decode(bytes: &[u8]) -> Option<(Glossary, Vec<u32>, Vec<u64>)> {
    let body = bytes.strip_prefix(MAGIC)?;
    let (body, sum) = body.split_at_checked(body.len().checked_sub(CHECKSUM)?)?;
    if sha2::Sha256::digest(body).as_slice() != sum {
        return None;
    }
    let mut r = Reader { bytes: body };
    let count = r.u32()?;
    let mut concepts = Vec::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let id = r.str()?;
        let subject = r.opt()?;
        let note = r.opt()?;
        let origin = Origin { file: r.str()?, line: r.u32()? };
        let examples =
            (0..r.u32()?).map(|_| Some(Example { fires: r.u8()? == 1, text: r.str()? })).collect::<Option<Vec<_>>>()?;
        let count = r.u32()?;
        let mut terms = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            let lang = if r.u8()? == 0 { Lang::Ru } else { Lang::En };
            let text = r.str()?;
            let status = [Status::Preferred, Status::Admitted, Status::Superseded, Status::Forbidden]
                .get(usize::from(r.u8()?))
                .copied()?;
            let raw_status = r.opt()?;
            let part_of_speech = r.opt()?;
            let case = [CasePolicy::Permissive, CasePolicy::Exact, CasePolicy::Insensitive]
                .get(usize::from(r.u8()?))
                .copied()?;
            let forms = r.strs()?;
            let inflect = Hints {
                gender: [None, Some(Gender::Masculine), Some(Gender::Feminine), Some(Gender::Neuter)]
                    .get(usize::from(r.u8()?))
                    .copied()?,
                genitive: r.opt()?,
                indeclinable: r.u8()? == 1,
                plural: [None, Some(false), Some(true)].get(usize::from(r.u8()?)).copied()?,
                fixed: r.u8()? == 1,
            };
            let exceptions = r.strs()?;
            let note = r.opt()?;
            let term_type = [TermType::FullForm, TermType::Abbreviation, TermType::ShortForm, TermType::Derived]
                .get(usize::from(r.u8()?))
                .copied()?;
            terms.push(Term {
                lang,
                text,
                status,
                raw_status,
                part_of_speech,
                case,
                forms,
                inflect,
                exceptions,
                note,
                term_type,
            });
        }
        concepts.push(Concept { id, subject, note, terms, examples, origin });
    }
    let entries = r.u32()?;
    let lengths = (0..entries).map(|_| r.u32().and_then(|n| u32::try_from(n).ok())).collect::<Option<Vec<u32>>>()?;
    let flat = (0..r.u32()?).map(|_| r.u64()).collect::<Option<Vec<u64>>>()?;
    r.bytes.is_empty().then_some((Glossary { concepts }, lengths, flat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_round_trips_and_is_used() {
        let dir = std::env::temp_dir().join(format!("tm-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let glossary = dir.join("g.tsv");
        std::fs::write(
            &glossary,
            "id\tru\tinflect\tru_forms\ten\tadmitted\tforbidden\tcase\tnote\texamples\norel\tОрёл\tgen=Орла\tОрлу\tOryol\tOrel\tOrjol\texact\tcity\t+В Орле. | -орёл парил\n",
        )
        .unwrap();
        let cache = dir.join("cache");
        let first = compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap();
        assert!(!first.cached);
        let second = compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap();
        assert!(second.cached);
        assert_eq!(first.glossary, second.glossary);
        assert_eq!(first.matcher.prefixes(), second.matcher.prefixes());
        let text = "Делегация из Орла прибыла.";
        assert_eq!(first.matcher.find(text, Lang::Ru), second.matcher.find(text, Lang::Ru));
        // A changed file is read again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&glossary, "ru\ten\nЛион\tLyon\n").unwrap();
        let third = compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap();
        assert!(!third.cached);
        assert_eq!(third.glossary.concepts[0].id, "Лион");
        // A corrupt cache is ignored.
        for entry in std::fs::read_dir(&cache).unwrap() {
            std::fs::write(entry.unwrap().path(), b"tm compiled glossary 4\n\x05").unwrap();
        }
        assert!(!compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap().cached);
        // A cache whose text was changed on disk (Lyon → Lion, same length, still decodable)
        // fails its checksum and is read again.
        assert!(compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap().cached);
        for entry in std::fs::read_dir(&cache).unwrap() {
            let path = entry.unwrap().path();
            let mut bytes = std::fs::read(&path).unwrap();
            let Some(at) = bytes.windows(4).position(|w| w == b"Lyon") else { continue };
            bytes[at + 1] = b'i';
            std::fs::write(&path, bytes).unwrap();
        }
        let again = compile(std::slice::from_ref(&glossary), ReadOptions::default(), Some(&cache)).unwrap();
        assert!(!again.cached);
        assert_eq!(again.glossary.concepts[0].terms[1].text, "Lyon");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

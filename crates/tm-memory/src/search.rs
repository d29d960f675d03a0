//! Fuzzy search and concordance.
//!
//! Fuzzy search never scans the table. It gathers candidates from the trigram postings,
//! rarest grams first, counting shared grams into a plain array, and verifies candidates with
//! an exact (banded) Levenshtein distance. Every filter is a proven bound, so the result is
//! the brute-force top-k:
//!
//! * each edit destroys at most three of the query's distinct trigrams (an insertion two),
//!   so a unit within distance `d` shares at least `G − 3d + max(0, m − n)` of the query's `G`
//!   grams — a candidate must therefore contain one of the rarest `G − T + 1` grams;
//! * a unit sharing `c` grams is at distance at least `⌈(G − c)/3⌉`, which caps its score;
//! * the threshold rises to the k-th best verified score as verification proceeds, so common
//!   grams are only ever used to count, never to enumerate.
//!
//! Queries too short for the count bound, or whose grams are all common, compare every unit's
//! sketch instead (a linear pass over 64 bytes per unit, no row reads).

use std::collections::HashSet;

use serde::Serialize;

use crate::matching::{
    Pattern, SKETCH_BYTES, Sketch, grams, hash, matching_form, max_distance, quick_form_chars, score, skeleton, sketch,
    sketch_distance, sketch_len, stored_form,
};
use crate::postings::{IntMap, for_each_id};
use crate::store::{CandidateText, SearchStore};
use crate::{MemoryError, lang};
use tm_text::{NormalizeOptions, Span, normalize};

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Lowest score reported (0–100).
    pub min: u8,
    /// Most matches reported.
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self { min: 75, limit: 5 }
    }
}

/// One fuzzy match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub id: i64,
    pub score: u8,
    pub source: String,
    pub target: String,
    pub src_tag: String,
    pub tgt_tag: String,
    pub origin: Option<String>,
    pub changed_at: Option<String>,
}

/// Searches one language pair of a memory. Keeps its scratch arrays between queries, so a
/// batch of lookups allocates once.
pub struct Searcher<'m> {
    memory: &'m dyn SearchStore,
    /// The pair's id; looked up again while the memory does not have the pair yet (an
    /// import may add it while a session keeps the searcher).
    pair: Option<i64>,
    languages: (String, String),
    counts: Vec<u16>,
    /// Ids whose shared-gram count reached [`HOT`]: the only ones worth a look when a level
    /// demands at least that many.
    hot: Vec<i64>,
    /// Sketches of the pair's units by id (loaded on the first lookup).
    sketches: Option<Vec<Sketch>>,
    /// Postings length of every gram of the pair (loaded with the sketches): ordering a
    /// query's grams rarest first must not cost a statement per gram.
    gram_sizes: IntMap<i64, i64>,
    /// Whether a lookup may split its scans across two threads (see [`Searcher::one_thread`]).
    parallel: bool,
}

impl std::fmt::Debug for Searcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher").field("pair", &self.pair).finish_non_exhaustive()
    }
}

/// Fuzzy lookups as the checks make them: one searcher kept for a whole session (a batch of
/// files, an editor session, a server worker), so the pair's sketches load once instead of
/// once per check. A searcher still notices a new batch on its next lookup.
pub trait Lookup {
    /// The best `options.limit` matches of `text` scoring at least `options.min`, best first.
    fn lookup(&self, text: &str, options: &SearchOptions) -> Result<Vec<Match>, MemoryError>;
}

impl Lookup for std::cell::RefCell<Searcher<'_>> {
    fn lookup(&self, text: &str, options: &SearchOptions) -> Result<Vec<Match>, MemoryError> {
        self.borrow_mut().search(text, options)
    }
}

/// Candidate ids ordered best first: higher score, then newer unit.
#[derive(Debug, Default)]
struct TopK {
    limit: usize,
    min: u8,
    entries: Vec<(u8, i64)>,
}

impl TopK {
    /// The score a new candidate must reach to matter.
    fn threshold(&self) -> u8 {
        if self.entries.len() >= self.limit { self.entries.last().map_or(self.min, |e| e.0) } else { self.min }
    }

    /// Whether the list is full and its last entry outranks a candidate scoring at most
    /// `ceiling`: candidates come in (ceiling, id) descending order, so none after it can enter.
    fn beats(&self, ceiling: u8, id: i64) -> bool {
        self.entries.len() >= self.limit
            && self.entries.last().is_some_and(|&(s, i)| s > ceiling || (s == ceiling && i > id))
    }

    fn offer(&mut self, score: u8, id: i64) {
        if score < self.min || self.limit == 0 {
            return;
        }
        let position = self.entries.partition_point(|&(s, i)| s > score || (s == score && i > id));
        if position >= self.limit {
            return;
        }
        self.entries.insert(position, (score, id));
        self.entries.truncate(self.limit);
    }
}

struct Query {
    chars: Vec<char>,
    pattern: Pattern,
    sketch: Sketch,
    skeleton: String,
    skel_hash: i64,
}

impl<'m> Searcher<'m> {
    /// A searcher for sources in `src` translated into `tgt` (primary subtags or full tags).
    pub fn new(memory: &'m dyn SearchStore, src: &str, tgt: &str) -> Result<Self, MemoryError> {
        let languages = (lang::primary(src), lang::primary(tgt));
        let pair = memory.pair_id(&languages.0, &languages.1)?;
        Ok(Self {
            memory,
            pair,
            languages,
            counts: Vec::new(),
            hot: Vec::new(),
            sketches: None,
            gram_sizes: IntMap::default(),
            parallel: true,
        })
    }

    /// Keeps each lookup on the calling thread. A single lookup at a time (the CLI, a batch)
    /// is faster split across two threads; a server running lookups side by side on every
    /// core is not, and would only make them wait for each other.
    pub fn one_thread(&mut self) {
        self.parallel = false;
    }

    /// Whether the memory has the searcher's language pair (else every lookup is empty).
    #[must_use]
    pub fn knows_pair(&self) -> bool {
        self.pair.is_some()
    }

    /// The best `limit` matches scoring at least `min`, best first.
    pub fn search(&mut self, text: &str, options: &SearchOptions) -> Result<Vec<Match>, MemoryError> {
        if self.pair.is_none() {
            self.pair = self.memory.pair_id(&self.languages.0, &self.languages.1)?;
        }
        let Some(pair) = self.pair else { return Ok(Vec::new()) };
        // One read snapshot for the whole lookup (SQLite then takes its file locks once
        // instead of once per statement).
        let _snapshot = self.memory.snapshot()?;
        let form = matching_form(text);
        let chars: Vec<char> = form.chars().collect();
        if chars.is_empty() {
            return Ok(Vec::new());
        }
        let skeleton = skeleton(&form);
        let skel_hash = if skeleton.is_empty() { 0 } else { hash(&skeleton) };
        let query = Query { pattern: Pattern::new(&chars), sketch: sketch(&chars), chars, skeleton, skel_hash };
        let mut top = TopK { limit: options.limit, min: options.min, entries: Vec::new() };
        let mut verified = HashSet::new();

        let max_id = self.memory.max_unit_id()?;
        self.refresh(pair, max_id)?;

        // Identical sources, and those differing only in numbers, codes and punctuation: the
        // latter score at least 95, so their ceiling is at least that. Boilerplate sentences
        // can have hundreds of such siblings; verifying them best first, with ties going to
        // the newest unit, reads only those that can still enter the list.
        let mut candidates: Vec<(u8, i64)> = Vec::new();
        {
            let sketches = self.sketches.as_deref().unwrap_or_default();
            let (same, siblings) = self.memory.ids_by_hashes(pair, hash(&form), skel_hash)?;
            for id in same {
                candidates.push((sketch_ceiling(&query, sketches, id), id));
            }
            for id in siblings {
                candidates.push((sketch_ceiling(&query, sketches, id).max(95), id));
            }
        }
        candidates.sort_unstable();
        candidates.dedup_by_key(|c| c.1);
        self.verify_best_first(pair, &query, &mut candidates, top.min, &mut top, &mut verified)?;
        let query_grams = grams(&query.chars);
        self.search_grams(pair, &query, &query_grams, max_id, &mut top, &mut verified)?;
        self.memory.matches(&top.entries)
    }

    /// Candidate generation and verification, level by level.
    ///
    /// A unit scoring at least `e` shares at least `T(e)` of the query's `G` distinct grams
    /// ([`count_bound`]), so it contains at least `T(e) − (G − P)` of the `P` rarest ones. The
    /// search starts optimistic (e = 95): it reads the rarest grams' postings, keeps the units
    /// with enough of them, and verifies those best-first while their score ceiling allows.
    /// If fewer than `limit` units reach the level, it lowers the level and reads more grams.
    /// Common grams are read only when a low level makes them necessary.
    fn search_grams(
        &mut self,
        pair: i64,
        query: &Query,
        query_grams: &[i64],
        max_id: i64,
        top: &mut TopK,
        verified: &mut HashSet<i64>,
    ) -> Result<(), MemoryError> {
        let total = query_grams.len();
        let mut sized: Vec<(i64, i64)> =
            query_grams.iter().map(|&gram| (self.gram_sizes.get(&gram).copied().unwrap_or(0), gram)).collect();
        sized.sort_unstable();
        self.counts.clear();
        self.counts.resize(usize::try_from(max_id).unwrap_or(0) + 1, 0);
        self.hot.clear();

        /// Reading postings is cheap next to verifying a candidate: after the grams a level
        /// needs, read up to this many more while their lists are short, to sharpen the filter.
        const EXTRA_GRAMS: usize = 12;
        // "Short" grows with the memory: a list of a tenth of the units still costs less to
        // read than the candidates it filters out cost to look at.
        let short_list: i64 = (max_id / 10).max(50_000);
        let n = query.chars.len();
        let mut scanned = 0;
        for level in [95u8, 90, 85, 80, 75, 70, 60, 50, 40, 30, 20, 10, 0] {
            let threshold = top.threshold().max(level);
            if level < top.min && level + 10 <= top.min {
                break;
            }
            let bound = count_bound(query, total, threshold);
            if bound <= 0 {
                return self.scan_sketches(pair, query, top, verified);
            }
            let needed = total - usize::try_from(bound).unwrap_or(total) + 1;
            let to_read: i64 = sized.get(scanned..needed.min(total)).map_or(0, |next| next.iter().map(|g| g.0).sum());
            if to_read > max_id {
                // Reading those postings would touch more entries than there are units: compare
                // every unit's sketch instead, once, down to the lowest score asked for.
                return self.scan_sketches(pair, query, top, verified);
            }
            let from = scanned;
            while scanned < total
                && (scanned < needed || (scanned < needed + EXTRA_GRAMS && sized[scanned].0 <= short_list))
            {
                scanned += 1;
            }
            // The level's grams in one read; the stored chunks are decoded where the backend
            // holds them, without a copy.
            let level_grams: Vec<i64> = sized[from..scanned].iter().map(|g| g.1).collect();
            let (counts, hot) = (&mut self.counts, &mut self.hot);
            self.memory.for_each_posting_chunk_of(pair, &level_grams, &mut |first_id, data| {
                for_each_id(first_id, data, |id| {
                    if let Some(slot) = usize::try_from(id).ok().and_then(|i| counts.get_mut(i)) {
                        *slot = slot.saturating_add(1);
                        if *slot == HOT {
                            hot.push(id);
                        }
                    }
                });
            })?;
            let unread = total - scanned;
            // Units that cannot reach `bound` shared grams even with every unread gram.
            let floor = usize::try_from(bound).unwrap_or(0).saturating_sub(unread).max(1);
            // Each candidate's score ceiling: from its shared grams, and from its sketch.
            let sketches = self.sketches.as_deref().unwrap_or_default();
            let threshold = top.threshold().max(level);
            // Candidates: the few ids that reached `HOT` shared grams when the floor is that
            // high, else every id with enough, found by walking the count array in id order
            // (its sketch reads then go forward through memory, and no list of touched ids
            // has to be kept while counting).
            let pool = (floor >= usize::from(HOT) && self.hot.len() <= self.counts.len() / 16).then_some(&self.hot);
            let gate = SketchGate::new(n, threshold);
            let counts = &self.counts;
            let seen = &*verified;
            // First the count test (the count array is small and warm), then the sketch test
            // in batches: the batch's sketches are touched in a tight loop first, so the
            // processor has many of these random reads in flight at once instead of one per
            // comparison.
            let by_count = |id: i64| {
                let shared = usize::from(counts[id as usize]);
                if shared < floor {
                    return None;
                }
                let ceiling = score_ceiling(n, total.saturating_sub(shared + unread));
                (ceiling >= threshold).then_some((ceiling, id))
            };
            let by_sketch = |batch: &mut Vec<(u8, i64)>, out: &mut Vec<(u8, i64)>| {
                let touched =
                    batch.iter().fold(0u8, |acc, &(_, id)| acc ^ sketches.get(id as usize).map_or(0, |s| s[2]));
                std::hint::black_box(touched);
                for &(by_count, id) in batch.iter() {
                    let Some(sketch) = sketches.get(id as usize) else { continue };
                    if !gate.admits(&query.sketch, sketch) {
                        continue;
                    }
                    let ceiling = by_count.min(sketch_ceiling(query, sketches, id));
                    if ceiling >= threshold && !seen.contains(&id) {
                        out.push((ceiling, id));
                    }
                }
                batch.clear();
            };
            let filter = |ids: &mut dyn Iterator<Item = i64>| {
                const BATCH: usize = 48;
                let (mut batch, mut out) = (Vec::with_capacity(BATCH), Vec::new());
                for candidate in ids.filter_map(by_count) {
                    batch.push(candidate);
                    if batch.len() == BATCH {
                        by_sketch(&mut batch, &mut out);
                    }
                }
                by_sketch(&mut batch, &mut out);
                out
            };
            let mut candidates = if let Some(pool) = pool {
                in_halves(self.parallel, pool, |_, part| filter(&mut part.iter().copied()))
            } else {
                in_halves(self.parallel, counts, |first, part| {
                    filter(
                        &mut part
                            .iter()
                            .enumerate()
                            .filter(|&(_, &count)| usize::from(count) >= floor)
                            .map(|(offset, _)| (first + offset) as i64),
                    )
                })
            };
            self.verify_best_first(pair, query, &mut candidates, level, top, verified)?;
            if top.entries.len() >= top.limit && top.threshold() >= level {
                // Every unit scoring `level` or more has been considered.
                break;
            }
            if level <= top.min {
                break;
            }
        }
        Ok(())
    }

    /// Verifies candidates in order of their score ceiling, best first, until the ceiling falls
    /// below the threshold (which rises as matches are found).
    fn verify_best_first(
        &self,
        pair: i64,
        query: &Query,
        candidates: &mut [(u8, i64)],
        level: u8,
        top: &mut TopK,
        verified: &mut HashSet<i64>,
    ) -> Result<(), MemoryError> {
        candidates.sort_unstable_by(|a, b| b.cmp(a));
        let size = self.memory.verify_batch().max(1);
        let mut batch = Vec::with_capacity(size);
        for &(ceiling, id) in candidates.iter() {
            if ceiling < top.threshold().max(level) || top.beats(ceiling, id) {
                break;
            }
            batch.push(id);
            if batch.len() == size {
                self.verify_batch(pair, query, &batch, top, verified)?;
                batch.clear();
            }
        }
        self.verify_batch(pair, query, &batch, top, verified)
    }

    /// Compares the query's sketch with every unit's and verifies those whose ceiling reaches
    /// the threshold: exact, and bounded by the number of units rather than by postings.
    fn scan_sketches(
        &mut self,
        pair: i64,
        query: &Query,
        top: &mut TopK,
        verified: &mut HashSet<i64>,
    ) -> Result<(), MemoryError> {
        let sketches = self.sketches.as_deref().unwrap_or_default();
        let threshold = top.threshold();
        let gate = SketchGate::new(query.chars.len(), threshold);
        let seen = &*verified;
        let mut candidates = in_halves(self.parallel, sketches, |first, part| {
            part.iter()
                .enumerate()
                .filter(|(_, sketch)| gate.admits(&query.sketch, sketch))
                .filter_map(|(offset, _)| {
                    let id = (first + offset) as i64;
                    let ceiling = sketch_ceiling(query, sketches, id);
                    (ceiling >= threshold && !seen.contains(&id)).then_some((ceiling, id))
                })
                .collect()
        });
        self.verify_best_first(pair, query, &mut candidates, top.min, top, verified)
    }

    /// Brings the sketches (an array indexed by unit id, 64 bytes per unit; every unit of the
    /// pair has one, written with it, so an empty slot is no unit) and the gram sizes up to
    /// `max_id`. Ids only grow (they are never reused), so after an import only the new units'
    /// sketches and postings are read; when the largest id went down (the newest batch was
    /// deleted), everything is read again.
    fn refresh(&mut self, pair: i64, max_id: i64) -> Result<(), MemoryError> {
        let wanted = usize::try_from(max_id).unwrap_or(0) + 1;
        match &mut self.sketches {
            Some(loaded) if loaded.len() == wanted => {}
            Some(loaded) if loaded.len() < wanted => {
                let from = loaded.len();
                loaded.resize(wanted, [0u8; SKETCH_BYTES]);
                let from = i64::try_from(from).unwrap_or(i64::MAX);
                self.memory.load_sketches(pair, from, loaded)?;
                for (gram, size) in self.memory.gram_sizes(pair, from)? {
                    *self.gram_sizes.entry(gram).or_insert(0) += size;
                }
            }
            _ => {
                let mut out = vec![[0u8; SKETCH_BYTES]; wanted];
                self.memory.load_sketches(pair, 0, &mut out)?;
                self.sketches = Some(out);
                self.gram_sizes = self.memory.gram_sizes(pair, 0)?;
            }
        }
        Ok(())
    }

    /// Verifies candidates, fetching them together.
    fn verify_batch(
        &self,
        pair: i64,
        query: &Query,
        ids: &[i64],
        top: &mut TopK,
        verified: &mut HashSet<i64>,
    ) -> Result<(), MemoryError> {
        if ids.is_empty() {
            return Ok(());
        }
        verified.extend(ids.iter().copied());
        // All candidates' characters in one buffer: (id, range in it, skeleton hash).
        let mut chars: Vec<char> = Vec::with_capacity(ids.len() * 160);
        let mut found: Vec<(i64, std::ops::Range<usize>, i64)> = Vec::with_capacity(ids.len());
        self.memory.candidates(pair, ids, &mut |id, text, skel_hash| {
            let start = chars.len();
            match text {
                CandidateText::Form(stored) => chars.extend(stored.chars()),
                CandidateText::Source(source) => quick_form_chars(source, &mut chars),
            }
            found.push((id, start..chars.len(), skel_hash));
        })?;
        // Verify in the caller's order (best candidates first), so the threshold rises early.
        found.sort_by_key(|(id, _, _)| ids.iter().position(|x| x == id));
        for (id, range, skel_hash) in found {
            score_candidate(query, id, &chars[range], skel_hash, top);
        }
        Ok(())
    }

    /// The same result as [`Searcher::search`], by scoring every unit of the pair with an
    /// independent Levenshtein implementation. For tests and the benchmark's agreement figure.
    pub fn brute_force(&self, text: &str, options: &SearchOptions) -> Result<Vec<Match>, MemoryError> {
        let Some(pair) = self.pair else { return Ok(Vec::new()) };
        let form = matching_form(text);
        if form.is_empty() {
            return Ok(Vec::new());
        }
        let query_skeleton = skeleton(&form);
        let n = form.chars().count();
        let mut top = TopK { limit: options.limit, min: options.min, entries: Vec::new() };
        self.memory.for_each_unit(pair, &mut |id, text| {
            let candidate = match text {
                CandidateText::Form(stored) => stored_form(Some(stored.to_owned()), ""),
                CandidateText::Source(source) => stored_form(None, source),
            };
            let distance = strsim::levenshtein(&form, &candidate);
            let same_skeleton = !query_skeleton.is_empty() && skeleton(&candidate) == query_skeleton;
            top.offer(score(n, candidate.chars().count(), distance, same_skeleton), id);
        })?;
        self.memory.matches(&top.entries)
    }
}

/// Scores one unit against the query and offers it to the top list.
fn score_candidate(query: &Query, id: i64, candidate: &[char], skel_hash: i64, top: &mut TopK) {
    let (n, m) = (query.chars.len(), candidate.len());
    let longest = n.max(m);
    let same_skeleton = skel_hash != 0
        && skel_hash == query.skel_hash
        && skeleton(&candidate.iter().collect::<String>()) == query.skeleton;
    let limit = if same_skeleton { longest } else { max_distance(longest, top.threshold()) };
    if let Some(distance) = query.pattern.distance_within(candidate, limit) {
        top.offer(score(n, m, distance, same_skeleton), id);
    }
}

/// See [`Searcher::hot`].
const HOT: u16 = 12;

/// Candidates fetched together during verification (one statement in SQLite).
pub const VERIFY_BATCH: usize = 32;

/// Runs `work(index of the part's first item, part)` over `items`, split across two threads
/// when there are enough of them to pay for a thread (this machine class has two cores;
/// lookups are otherwise single-threaded).
fn in_halves<T: Sync, R: Send>(parallel: bool, items: &[T], work: impl Fn(usize, &[T]) -> Vec<R> + Sync) -> Vec<R> {
    const PARALLEL_FROM: usize = 32_768;
    if !parallel || items.len() < PARALLEL_FROM {
        return work(0, items);
    }
    let middle = items.len() / 2;
    let (left, right) = items.split_at(middle);
    std::thread::scope(|scope| {
        let other = scope.spawn(|| work(middle, right));
        let mut out = work(0, left);
        match other.join() {
            Ok(more) => out.extend(more),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}

/// The highest score unit `id` can reach by its sketch (100 when it has none).
fn sketch_ceiling(query: &Query, sketches: &[Sketch], id: i64) -> u8 {
    let Some(other) = usize::try_from(id).ok().and_then(|i| sketches.get(i)).filter(|s| sketch_len(s) > 0) else {
        return 100;
    };
    let m = sketch_len(other);
    score(query.chars.len(), m, sketch_distance(&query.sketch, other), false)
}

/// Whether a unit's sketch allows a score of at least a threshold, answered without a
/// division: the largest sketch distance each unit length allows is tabulated once per filter
/// pass, and lengths outside the window are refused before the sketch is compared.
struct SketchGate {
    shortest: usize,
    /// Largest admissible sketch distance for lengths `shortest..`.
    allowed: Vec<u16>,
}

impl SketchGate {
    fn new(n: usize, threshold: u8) -> Self {
        let threshold = threshold.max(1);
        // A unit longer than 100·n/threshold cannot score `threshold`: its length alone costs
        // more edits than the score allows.
        let longest = (100 * n / usize::from(threshold)).min(usize::from(u16::MAX)) + 1;
        let shortest = n.saturating_sub(max_distance(n, threshold)).max(1);
        let allowed = (shortest..=longest)
            .map(|m| {
                let budget = if threshold >= 100 { 0 } else { max_distance(n.max(m), threshold) };
                if n.abs_diff(m) > budget { 0 } else { u16::try_from(budget).unwrap_or(u16::MAX) }
            })
            .collect();
        Self { shortest, allowed }
    }

    fn admits(&self, query: &Sketch, unit: &Sketch) -> bool {
        let m = sketch_len(unit);
        let Some(&budget) = m.checked_sub(self.shortest).and_then(|i| self.allowed.get(i)) else { return false };
        (budget > 0 || m == sketch_len(query)) && sketch_distance(query, unit) <= usize::from(budget)
    }
}

/// The fewest of the query's distinct grams a unit must share to score at least `min`,
/// minimised over every length the unit may have.
fn count_bound(query: &Query, distinct: usize, min: u8) -> i64 {
    let n = query.chars.len();
    let min_score = usize::from(min.max(1));
    let longest = 100 * n / min_score;
    let mut bound = i64::MAX;
    // m ≤ n: the distance budget is fixed by n; m > n: insertions destroy fewer grams.
    for m in n..=longest.max(n) {
        let value = distinct as i64 - 3 * max_distance(m, min) as i64 + (m - n) as i64;
        bound = bound.min(value);
        if m > n && 3 * (100 - min_score) < 100 {
            // The bound grows with m when min > 66: the first value is the minimum.
            break;
        }
    }
    bound
}

/// The highest score a unit can reach when `missing` of the query's grams are absent from it:
/// it is then at distance at least ⌈missing/3⌉ from an `n`-character query.
fn score_ceiling(n: usize, missing: usize) -> u8 {
    let d = missing.div_ceil(3);
    if d == 0 {
        return 100;
    }
    u8::try_from((100 * n / (n + d)).min(99)).unwrap_or(99)
}

/// Where concordance looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum ConcordanceField {
    #[default]
    Source,
    Target,
    Both,
}

/// A unit containing the searched phrase, with the byte ranges of each hit.
#[derive(Debug, Clone, Serialize)]
pub struct Concordance {
    pub id: i64,
    pub source: String,
    pub target: String,
    pub source_hits: Vec<Span>,
    pub target_hits: Vec<Span>,
}

impl Searcher<'_> {
    /// Units whose source and/or target contain `phrase` (case-insensitive, on the matching
    /// form). Source search uses the trigram index; target search reads every unit.
    pub fn concordance(
        &self,
        phrase: &str,
        field: ConcordanceField,
        limit: usize,
    ) -> Result<Vec<Concordance>, MemoryError> {
        let Some(pair) = self.pair else { return Ok(Vec::new()) };
        let needle = matching_form(phrase);
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let chars: Vec<char> = needle.chars().collect();
        let needle_grams = grams(&chars);
        let ids: Vec<i64> = if field == ConcordanceField::Source && !needle_grams.is_empty() {
            // Every gram of the phrase must be in the unit: a unit is in each gram's postings
            // once, so the units counted as often as there are grams. One question for all the
            // grams (one round trip to a server, not one per gram).
            let mut distinct = needle_grams.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let mut seen: IntMap<i64, usize> = IntMap::default();
            self.memory.for_each_posting_chunk_of(pair, &distinct, &mut |first_id, data| {
                for_each_id(first_id, data, |id| *seen.entry(id).or_insert(0) += 1);
            })?;
            let mut ids: Vec<i64> =
                seen.into_iter().filter(|&(_, count)| count == distinct.len()).map(|(id, _)| id).collect();
            ids.sort_unstable_by(|a, b| b.cmp(a));
            ids
        } else {
            self.memory.unit_ids_newest_first(pair)?
        };
        let mut out = Vec::new();
        for id in ids {
            if out.len() >= limit {
                break;
            }
            let Some((source, target)) = self.memory.texts(id)? else {
                continue;
            };
            let in_source = field != ConcordanceField::Target && matching_form(&source).contains(&needle);
            let in_target = field != ConcordanceField::Source && matching_form(&target).contains(&needle);
            if in_source || in_target {
                out.push(Concordance {
                    id,
                    source_hits: if in_source { hits(&source, phrase) } else { Vec::new() },
                    target_hits: if in_target { hits(&target, phrase) } else { Vec::new() },
                    source,
                    target,
                });
            }
        }
        Ok(out)
    }
}

/// Byte ranges of `phrase` in `text`, case-insensitively and through the text normaliser.
fn hits(text: &str, phrase: &str) -> Vec<Span> {
    let options = NormalizeOptions { fold_case: true };
    let haystack = normalize(text, options);
    let needle = normalize(phrase.trim(), options).text;
    if needle.is_empty() {
        return Vec::new();
    }
    haystack
        .text
        .match_indices(&needle)
        .map(|(start, found)| haystack.to_original(Span::new(start, start + found.len())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::levenshtein_within;

    #[test]
    fn top_k_keeps_best_scores_then_newest() {
        let mut top = TopK { limit: 2, min: 75, entries: Vec::new() };
        top.offer(80, 1);
        top.offer(70, 2);
        top.offer(90, 3);
        top.offer(80, 4);
        assert_eq!(top.entries, vec![(90, 3), (80, 4)]);
        assert_eq!(top.threshold(), 80);
    }

    #[test]
    fn a_full_list_outranks_ties_from_older_units() {
        let mut top = TopK { limit: 2, min: 75, entries: Vec::new() };
        top.offer(95, 10);
        assert!(!top.beats(95, 3), "a list with room takes anything");
        top.offer(95, 7);
        assert!(top.beats(95, 3), "an older unit at the same score cannot enter");
        assert!(!top.beats(95, 9), "a newer one can");
        assert!(!top.beats(96, 1));
        assert!(top.beats(94, 100));
    }

    proptest::proptest! {
        #[test]
        fn the_sketch_gate_admits_exactly_what_the_sketch_ceiling_allows(
            a in "[абвгдеa-c0-9 ]{1,60}",
            b in "[абвгдеa-c0-9 ]{1,60}",
            threshold in 0u8..=100,
        ) {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let query = Query {
                pattern: Pattern::new(&a),
                sketch: sketch(&a),
                chars: a,
                skeleton: String::new(),
                skel_hash: 0,
            };
            let units = [[0u8; SKETCH_BYTES], sketch(&b)];
            let gate = SketchGate::new(query.chars.len(), threshold);
            let ceiling = sketch_ceiling(&query, &units, 1);
            proptest::prop_assert_eq!(gate.admits(&query.sketch, &units[1]), ceiling >= threshold.max(1));
        }
    }

    #[test]
    fn score_ceiling_bounds_real_scores() {
        // Three substitutions spaced apart destroy nine grams of a 12-character string.
        let a: Vec<char> = "abcdefghijkl".chars().collect();
        let b: Vec<char> = "abXdeXghXjkl".chars().collect();
        let shared = grams(&a).iter().filter(|g| grams(&b).contains(g)).count();
        let missing = grams(&a).len() - shared;
        let d = levenshtein_within(&a, &b, 12).unwrap();
        assert!(score(12, 12, d, false) <= score_ceiling(12, missing));
    }
}

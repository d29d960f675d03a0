//! Brute force over every unit of a memory, in two threads, with the search's own scoring:
//! the reference the benches hold the index's top-1 against. Loads through the store trait,
//! so the same reference serves the SQLite and the PostgreSQL memory.
#![allow(unreachable_pub)]

use tm::memory::SearchStore;
use tm::memory::matching::{Pattern, matching_form, max_distance, score, skeleton, stored_form};
use tm::memory::store::CandidateText;

pub struct Corpus {
    units: Vec<(i64, Vec<char>, String)>,
}

impl Corpus {
    /// Every unit of the `ru`→`en` pair, with its matching form and skeleton.
    pub fn load(memory: &dyn SearchStore) -> Self {
        let mut units = Vec::new();
        if let Some(pair) = memory.pair_id("ru", "en").unwrap() {
            memory
                .for_each_unit(pair, &mut |id, text| {
                    let form = match text {
                        CandidateText::Form(stored) => stored_form(Some(stored.to_owned()), ""),
                        CandidateText::Source(source) => stored_form(None, source),
                    };
                    let skel = skeleton(&form);
                    units.push((id, form.chars().collect(), skel));
                })
                .unwrap();
        }
        units.sort_by_key(|unit| unit.0);
        Self { units }
    }

    /// The best `(score, id)` at or above `min`; ties go to the newest unit, as in the search.
    pub fn top1(&self, query: &str, min: u8) -> Option<(u8, i64)> {
        let form = matching_form(query);
        let chars: Vec<char> = form.chars().collect();
        let skel = skeleton(&form);
        let pattern = Pattern::new(&chars);
        let n = chars.len();
        let halves: Vec<&[(i64, Vec<char>, String)]> = self.units.chunks(self.units.len().div_ceil(2).max(1)).collect();
        let best: Vec<Option<(u8, i64)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = halves
                .iter()
                .map(|part| {
                    let (pattern, skel) = (&pattern, &skel);
                    scope.spawn(move || {
                        let mut best: Option<(u8, i64)> = None;
                        for (id, candidate, cand_skel) in part.iter() {
                            let m = candidate.len();
                            let threshold = best.map_or(min, |b| b.0);
                            let same = !skel.is_empty() && cand_skel == skel;
                            let limit = if same { n.max(m) } else { max_distance(n.max(m), threshold) };
                            if let Some(d) = pattern.distance_within(candidate, limit) {
                                let s = score(n, m, d, same);
                                if s >= min && best.is_none_or(|b| s > b.0 || (s == b.0 && *id > b.1)) {
                                    best = Some((s, *id));
                                }
                            }
                        }
                        best
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        best.into_iter().flatten().max_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)))
    }
}

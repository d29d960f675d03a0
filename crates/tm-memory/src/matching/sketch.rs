//! Sketches (a length and a character histogram per unit: a cheap lower bound on the edit
//! distance) and bit-parallel Levenshtein patterns (Myers/Hyyrö): the filters and the verifier
//! of the fuzzy search.

/// Bytes in a [`Sketch`].
pub const SKETCH_BYTES: usize = 64;

/// A 64-byte summary of a matching form: its length in characters and a histogram of its
/// characters in 60 one-byte buckets (saturating): one per Russian letter and per digit, Latin
/// letters two to a bucket, the space, and four for everything else. Comparing two sketches gives a lower
/// bound on the Levenshtein distance (the "bag distance": characters one side has and the
/// other lacks must be edited), tight where q-gram counts are loose — a replaced word costs
/// its length, not a third of it.
pub type Sketch = [u8; SKETCH_BYTES];

fn bucket(c: char) -> usize {
    match c {
        'а'..='я' => (u32::from(c) - u32::from('а')) as usize,
        '0'..='9' => 32 + (u32::from(c) - u32::from('0')) as usize,
        'a'..='z' => 42 + (u32::from(c) - u32::from('a')) as usize % 13,
        ' ' => 55,
        _ => 56 + (u32::from(c).wrapping_mul(0x9E37_79B1) >> 16) as usize % 4,
    }
}

/// The sketch of a matching form.
#[must_use]
pub fn sketch(chars: &[char]) -> Sketch {
    let mut out = [0u8; SKETCH_BYTES];
    let len = u16::try_from(chars.len()).unwrap_or(u16::MAX);
    out[..2].copy_from_slice(&len.to_le_bytes());
    for &c in chars {
        let slot = &mut out[2 + bucket(c)];
        *slot = slot.saturating_add(1);
    }
    out
}

/// Length in characters recorded in a sketch (saturating at 65,535).
#[must_use]
pub fn sketch_len(sketch: &Sketch) -> usize {
    usize::from(u16::from_le_bytes([sketch[0], sketch[1]]))
}

/// A lower bound on the Levenshtein distance between the strings two sketches summarise.
#[must_use]
pub fn sketch_distance(a: &Sketch, b: &Sketch) -> usize {
    // max(surplus, deficit) = (Σ|x − y| + |Σx − Σy|) / 2, written so that it vectorises.
    let (mut differences, mut total_a, mut total_b) = (0u32, 0u32, 0u32);
    for (&x, &y) in a[2..].iter().zip(&b[2..]) {
        differences += u32::from(x.abs_diff(y));
        total_a += u32::from(x);
        total_b += u32::from(y);
    }
    let bag = (differences + total_a.abs_diff(total_b)) / 2;
    // Saturated buckets only ever hide differences, so the bound stays a bound.
    (bag as usize).max(sketch_len(a).abs_diff(sketch_len(b)))
}

/// A query prepared for many bit-parallel Levenshtein computations (Myers' algorithm in
/// Hyyrö's block form): one bit per query character, 64 per machine word, so a candidate of
/// `n` characters costs `n × ⌈m/64⌉` word operations instead of `n × m` cells.
#[derive(Debug, Clone)]
pub struct Pattern {
    len: usize,
    blocks: usize,
    /// Row of `peq` for each character below [`DIRECT`]; `u32::MAX` when absent.
    direct: Vec<u32>,
    other: std::collections::HashMap<char, u32>,
    /// `blocks` words per distinct pattern character: bit i set where the pattern has it.
    peq: Vec<u64>,
}

/// Characters below this code point (Latin, Cyrillic, punctuation) are looked up in a table.
const DIRECT: usize = 0x500;

impl Pattern {
    #[must_use]
    pub fn new(pattern: &[char]) -> Self {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut pattern_index = Self {
            len: pattern.len(),
            blocks,
            direct: vec![u32::MAX; DIRECT],
            other: std::collections::HashMap::new(),
            peq: Vec::new(),
        };
        for (i, &c) in pattern.iter().enumerate() {
            let row = match pattern_index.row(c) {
                Some(row) => row,
                None => {
                    let row = (pattern_index.peq.len() / blocks) as u32;
                    pattern_index.peq.extend(std::iter::repeat_n(0, blocks));
                    if (c as usize) < DIRECT {
                        pattern_index.direct[c as usize] = row;
                    } else {
                        pattern_index.other.insert(c, row);
                    }
                    row
                }
            };
            pattern_index.peq[row as usize * blocks + i / 64] |= 1 << (i % 64);
        }
        pattern_index
    }

    fn row(&self, c: char) -> Option<u32> {
        let row = if (c as usize) < DIRECT { self.direct[c as usize] } else { *self.other.get(&c)? };
        (row != u32::MAX).then_some(row)
    }

    /// Levenshtein distance to `text` if it is at most `max`, else `None`.
    #[must_use]
    pub fn distance_within(&self, text: &[char], max: usize) -> Option<usize> {
        let m = self.len;
        let n = text.len();
        if m.abs_diff(n) > max {
            return None;
        }
        if m == 0 {
            return Some(n);
        }
        let blocks = self.blocks;
        // Sentences fit in a few machine words: keep the state on the stack for them.
        let (mut pv_stack, mut mv_stack) = ([u64::MAX; 8], [0u64; 8]);
        let (mut pv_heap, mut mv_heap) = (Vec::new(), Vec::new());
        let (pv, mv): (&mut [u64], &mut [u64]) = if blocks <= 8 {
            (&mut pv_stack[..blocks], &mut mv_stack[..blocks])
        } else {
            pv_heap.resize(blocks, u64::MAX);
            mv_heap.resize(blocks, 0);
            (&mut pv_heap, &mut mv_heap)
        };
        let last_bit = 1u64 << ((m - 1) % 64);
        let mut score = m;
        for (j, &c) in text.iter().enumerate() {
            let row = self.row(c);
            // The top row of the matrix grows by one per column: horizontal delta +1.
            let mut hin: i32 = 1;
            for b in 0..blocks {
                let mut eq = row.map_or(0, |r| self.peq[r as usize * blocks + b]);
                let (p, mm) = (pv[b], mv[b]);
                let xv = eq | mm;
                if hin < 0 {
                    eq |= 1;
                }
                let xh = (((eq & p).wrapping_add(p)) ^ p) | eq;
                let mut ph = mm | !(xh | p);
                let mut mh = p & xh;
                let top = if b == blocks - 1 { last_bit } else { 1 << 63 };
                let hout = if ph & top != 0 {
                    1
                } else if mh & top != 0 {
                    -1
                } else {
                    0
                };
                ph <<= 1;
                mh <<= 1;
                if hin < 0 {
                    mh |= 1;
                } else if hin > 0 {
                    ph |= 1;
                }
                pv[b] = mh | !(xv | ph);
                mv[b] = ph & xv;
                hin = hout;
            }
            score = (score as i64 + i64::from(hin)) as usize;
            // Each remaining column can lower the score by at most one.
            if score > max + (n - j - 1) {
                return None;
            }
        }
        (score <= max).then_some(score)
    }
}

#[cfg(test)]
mod pattern_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sketch_distance_is_a_lower_bound(a in "[абвгдеёжa-f ]{0,80}", b in "[абвгдеёжa-f ]{0,80}") {
            let (a, b) = (chars(&a), chars(&b));
            let bound = sketch_distance(&sketch(&a), &sketch(&b));
            let exact = Pattern::new(&a).distance_within(&b, 1000).unwrap();
            prop_assert!(bound <= exact, "bound {} exact {}", bound, exact);
        }
    }

    #[test]
    fn sketch_sees_a_replaced_word() {
        let a = chars("задержан гражданин иванов а. в.");
        let b = chars("задержан гражданин петров а. в.");
        assert!(sketch_distance(&sketch(&a), &sketch(&b)) >= 3);
        assert_eq!(sketch_len(&sketch(&a)), a.len());
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn known_distances() {
        let p = Pattern::new(&chars("kitten"));
        assert_eq!(p.distance_within(&chars("sitting"), 10), Some(3));
        assert_eq!(p.distance_within(&chars("sitting"), 2), None);
        assert_eq!(Pattern::new(&chars("")).distance_within(&chars("abc"), 5), Some(3));
        assert_eq!(Pattern::new(&chars("Лион")).distance_within(&chars("Лиона"), 5), Some(1));
    }

    proptest! {
        #[test]
        fn agrees_with_strsim(a in "[абвгдa-c ]{0,150}", b in "[абвгдa-c ]{0,150}", max in 0usize..200) {
            let full = strsim::levenshtein(&a, &b);
            let expected = (full <= max).then_some(full);
            prop_assert_eq!(Pattern::new(&chars(&a)).distance_within(&chars(&b), max), expected);
        }

        #[test]
        fn long_patterns_cross_blocks(a in "[ab]{60,200}", b in "[ab]{60,200}") {
            prop_assert_eq!(Pattern::new(&chars(&a)).distance_within(&chars(&b), 400), Some(strsim::levenshtein(&a, &b)));
        }
    }
}

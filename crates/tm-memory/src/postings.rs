//! Compact posting lists of unit ids per trigram.
//!
//! A chunk holds the ids of one gram within one import (or one rebuild), in increasing order,
//! encoded as the smaller of a delta-varint list (`0x00` tag) and a bitmap over
//! `first_id..=last_id` (`0x01` tag). Frequent grams become bitmaps, which makes "is this
//! candidate in the list?" a bit test instead of a scan.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-and-rotate hasher for integer keys: postings are keyed by (pair, gram), and
/// SipHash's protection against crafted keys is not worth its cost here.
#[derive(Default)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517C_C1B7_2722_0A95);
    }

    fn write_i64(&mut self, value: i64) {
        self.write_u64(value as u64);
    }
}

pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

const TAG_LIST: u8 = 0;
const TAG_BITMAP: u8 = 1;

/// Encodes increasing ids starting at `ids[0]` (which the caller stores as `first_id`).
#[must_use]
pub fn encode(ids: &[i64]) -> Vec<u8> {
    let Some((&first, &last)) = ids.first().zip(ids.last()) else {
        return vec![TAG_LIST];
    };
    let span = usize::try_from(last - first).unwrap_or(usize::MAX);
    let bitmap_len = span / 8 + 1;
    let mut list = Vec::with_capacity(ids.len() * 2 + 1);
    list.push(TAG_LIST);
    let mut previous = first;
    for &id in &ids[1..] {
        push_varint(&mut list, u64::try_from(id - previous).unwrap_or(0));
        previous = id;
    }
    if bitmap_len + 1 < list.len() {
        let mut bitmap = vec![0u8; bitmap_len + 1];
        bitmap[0] = TAG_BITMAP;
        for &id in ids {
            let bit = usize::try_from(id - first).unwrap_or(0);
            bitmap[1 + bit / 8] |= 1 << (bit % 8);
        }
        bitmap
    } else {
        list
    }
}

fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A decoded view of one chunk.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub first_id: i64,
    pub data: Vec<u8>,
}

impl Chunk {
    /// Calls `f` for every id in the chunk, in increasing order. Corrupt trailing bytes end
    /// the walk instead of panicking.
    pub fn for_each(&self, f: impl FnMut(i64)) {
        for_each_id(self.first_id, &self.data, f);
    }
}

/// Calls `f` for every id of a chunk given as its first id and encoded bytes (as stored), in
/// increasing order. Corrupt trailing bytes end the walk instead of panicking.
pub fn for_each_id(first_id: i64, data: &[u8], mut f: impl FnMut(i64)) {
    let Some((&tag, body)) = data.split_first() else { return };
    if tag == TAG_BITMAP {
        // A word at a time: dense chunks are mostly set bits.
        let mut words = body.chunks_exact(8);
        let mut base = first_id;
        for word in words.by_ref() {
            let mut bits = u64::from_le_bytes([word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7]]);
            while bits != 0 {
                f(base + i64::from(bits.trailing_zeros()));
                bits &= bits - 1;
            }
            base += 64;
        }
        for (byte_index, &byte) in words.remainder().iter().enumerate() {
            let mut bits = byte;
            while bits != 0 {
                f(base + (byte_index * 8) as i64 + i64::from(bits.trailing_zeros()));
                bits &= bits - 1;
            }
        }
        return;
    }
    f(first_id);
    let mut id = first_id;
    let mut value = 0u64;
    let mut shift = 0u32;
    for &byte in body {
        value |= u64::from(byte & 0x7F) << shift.min(63);
        if byte & 0x80 == 0 {
            id += i64::try_from(value).unwrap_or(0);
            f(id);
            value = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
}

/// Collects postings of newly inserted units in memory until they are flushed.
#[derive(Debug, Default)]
pub struct PostingsBuilder {
    lists: IntMap<(i64, i64), Vec<i64>>,
    entries: usize,
}

impl PostingsBuilder {
    /// Records that unit `id` (larger than every id added before) contains `grams`.
    pub fn add(&mut self, pair: i64, id: i64, grams: &[i64]) {
        for &gram in grams {
            self.lists.entry((pair, gram)).or_default().push(id);
        }
        self.entries += grams.len();
    }

    /// Postings held in memory, to decide when to flush.
    #[must_use]
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// Takes the collected chunks: (pair, gram, first_id, count, data).
    pub fn drain(&mut self) -> impl Iterator<Item = (i64, i64, i64, usize, Vec<u8>)> + '_ {
        self.entries = 0;
        self.lists.drain().map(|((pair, gram), ids)| (pair, gram, ids[0], ids.len(), encode(&ids)))
    }
}

/// Collects sketches of newly inserted units as runs of consecutive ids per language pair.
#[derive(Debug, Default)]
pub struct SketchRuns {
    open: IntMap<i64, (i64, Vec<u8>)>,
    closed: Vec<(i64, i64, Vec<u8>)>,
}

impl SketchRuns {
    pub fn add(&mut self, pair: i64, id: i64, sketch: &super::matching::Sketch) {
        let width = super::matching::SKETCH_BYTES as i64;
        let run = self.open.entry(pair).or_insert_with(|| (id, Vec::new()));
        if run.0 + run.1.len() as i64 / width != id {
            let (first, data) = std::mem::replace(run, (id, Vec::new()));
            if !data.is_empty() {
                self.closed.push((pair, first, data));
            }
        }
        run.1.extend_from_slice(sketch);
    }

    /// Takes the runs: (pair, first_id, data).
    pub fn drain(&mut self) -> Vec<(i64, i64, Vec<u8>)> {
        let mut out = std::mem::take(&mut self.closed);
        out.extend(
            self.open
                .drain()
                .filter(|(_, (_, data))| !data.is_empty())
                .map(|(pair, (first, data))| (pair, first, data)),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decode(first_id: i64, data: Vec<u8>) -> Vec<i64> {
        let mut out = Vec::new();
        Chunk { first_id, data }.for_each(|id| out.push(id));
        out
    }

    #[test]
    fn sparse_ids_become_lists_and_dense_ones_bitmaps() {
        let sparse = [5, 1000, 70_000];
        let data = encode(&sparse);
        assert_eq!(data[0], TAG_LIST);
        assert_eq!(decode(5, data), sparse);
        let dense: Vec<i64> = (100..400).step_by(2).collect();
        let data = encode(&dense);
        assert_eq!(data[0], TAG_BITMAP);
        // 300 bits: four whole words and a remainder of bytes.
        assert_eq!(decode(100, data), dense);
    }

    proptest! {
        #[test]
        fn round_trip(mut ids in proptest::collection::vec(1i64..5_000_000, 1..300)) {
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(decode(ids[0], encode(&ids)), ids);
        }
    }
}

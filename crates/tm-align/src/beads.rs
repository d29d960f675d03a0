//! The bead format (`RU:EN` per line, comma-separated 0-based sentence indices, either side
//! possibly empty: `0:0`, `3,4:3`, `5:`, `:6`) and strict bead scoring as Vecalign defines it.

use std::collections::HashSet;
use std::ops::Range;

use serde::Serialize;

/// Writes beads one per line.
pub fn format_beads(beads: impl IntoIterator<Item = (Range<usize>, Range<usize>)>) -> String {
    let mut out = String::new();
    for (ru, en) in beads {
        out.push_str(&join(ru));
        out.push(':');
        out.push_str(&join(en));
        out.push('\n');
    }
    out
}

fn join(range: Range<usize>) -> String {
    range.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

/// A bead as two sets of sentence indices.
pub type GoldBead = (Vec<usize>, Vec<usize>);

/// A beads file that cannot be read: the 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BeadsError {
    #[error("line {line}: expected `RU:EN`, found {found:?}")]
    NoColon { line: usize, found: String },
    #[error("line {line}: {found:?} is not a sentence index")]
    NotAnIndex { line: usize, found: String },
}

/// Reads beads; an error names the 1-based line and what is wrong.
pub fn parse_beads(text: &str) -> Result<Vec<GoldBead>, BeadsError> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (ru, en) =
            line.split_once(':').ok_or_else(|| BeadsError::NoColon { line: index + 1, found: line.to_owned() })?;
        let side = |part: &str| -> Result<Vec<usize>, BeadsError> {
            part.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<usize>().map_err(|_| BeadsError::NotAnIndex { line: index + 1, found: s.to_owned() })
                })
                .collect()
        };
        out.push((side(ru)?, side(en)?));
    }
    Ok(out)
}

/// Strict precision, recall and F1 over beads: precision over all predicted beads (non-empty on
/// at least one side), recall over gold beads non-empty on both sides; a bead counts only if
/// identical. Counts are summed over documents before dividing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub predicted: usize,
    pub predicted_correct: usize,
    pub gold: usize,
    pub gold_found: usize,
}

impl Score {
    #[must_use]
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_correct, self.predicted)
    }

    #[must_use]
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }

    #[must_use]
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: Score) {
        self.predicted += other.predicted;
        self.predicted_correct += other.predicted_correct;
        self.gold += other.gold;
        self.gold_found += other.gold_found;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores predicted beads against gold beads of one document.
#[must_use]
pub fn score(gold: &[GoldBead], predicted: &[GoldBead]) -> Score {
    let gold_set: HashSet<&GoldBead> = gold.iter().filter(|b| !b.0.is_empty() || !b.1.is_empty()).collect();
    let predicted_set: HashSet<&GoldBead> = predicted.iter().filter(|b| !b.0.is_empty() || !b.1.is_empty()).collect();
    let gold_both: Vec<&GoldBead> = gold.iter().filter(|b| !b.0.is_empty() && !b.1.is_empty()).collect();
    Score {
        predicted: predicted_set.len(),
        predicted_correct: predicted_set.iter().filter(|b| gold_set.contains(*b)).count(),
        gold: gold_both.len(),
        gold_found: gold_both.iter().filter(|b| predicted_set.contains(*b)).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_round_trip() {
        let text = "0:0\n1,2:1\n3:\n:2\n4:3,4\n";
        let parsed = parse_beads(text).unwrap();
        assert_eq!(parsed[1], (vec![1, 2], vec![1]));
        assert_eq!(parsed[2], (vec![3], vec![]));
        let written = format_beads([(0..1, 0..1), (1..3, 1..2), (3..4, 2..2), (4..4, 2..3), (4..5, 3..5)]);
        assert_eq!(written, "0:0\n1,2:1\n3:\n:2\n4:3,4\n");
        assert_eq!(parse_beads(&written).unwrap(), parsed);
        assert_eq!(parse_beads("0:x").unwrap_err().to_string(), "line 1: \"x\" is not a sentence index");
        assert_eq!(parse_beads("00").unwrap_err().to_string(), "line 1: expected `RU:EN`, found \"00\"");
    }

    #[test]
    fn strict_scores_follow_vecalign() {
        let gold = parse_beads("0:0\n1:\n2,3:1\n4:2\n").unwrap();
        let predicted = parse_beads("0:0\n1:1\n2,3:\n4:2\n").unwrap();
        let s = score(&gold, &predicted);
        // Predicted: 4 beads, 2 identical to gold (0:0, 4:2). Gold with both sides: 3, found 2.
        assert_eq!(s, Score { predicted: 4, predicted_correct: 2, gold: 3, gold_found: 2 });
        assert!((s.precision() - 0.5).abs() < 1e-9);
        assert!((s.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.f1() - 4.0 / 7.0).abs() < 1e-9);
    }
}

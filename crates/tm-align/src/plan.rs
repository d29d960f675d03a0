//! From an alignment to memory units: which beads become units and which are left for a
//! reviewer, and why.

use serde::Serialize;

use super::{Bead, Segment, joined};
use tm_formats::SentencePair;

/// What goes into the memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanOptions {
    /// Beads below this confidence are left out.
    pub min_confidence: f64,
    /// Import 2-1, 1-2 and 2-2 beads as one unit with the sentences of each side joined.
    pub join: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        Self { min_confidence: 0.5, join: false }
    }
}

/// Why a bead is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOut {
    /// A Russian sentence without English (1-0).
    Untranslated,
    /// An English sentence without Russian (0-1).
    Added,
    /// Several sentences on a side, and joining was not asked for.
    NotOneToOne,
    /// Confidence below the threshold.
    LowConfidence,
}

impl LeftOut {
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            LeftOut::Untranslated => "no English: untranslated?",
            LeftOut::Added => "no Russian: added in translation?",
            LeftOut::NotOneToOne => "not one-to-one (use --join)",
            LeftOut::LowConfidence => "low confidence",
        }
    }
}

/// The units to import and the beads left for review, by bead index.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pairs: Vec<(usize, SentencePair)>,
    pub left_out: Vec<(usize, LeftOut)>,
}

/// Decides, bead by bead, what to import.
#[must_use]
pub fn plan(ru: &[Segment], en: &[Segment], beads: &[Bead], options: &PlanOptions) -> Plan {
    let mut out = Plan::default();
    for (index, bead) in beads.iter().enumerate() {
        let reason = if bead.en.is_empty() {
            Some(LeftOut::Untranslated)
        } else if bead.ru.is_empty() {
            Some(LeftOut::Added)
        } else if (bead.ru.len() > 1 || bead.en.len() > 1) && !options.join {
            Some(LeftOut::NotOneToOne)
        } else if bead.confidence < options.min_confidence {
            Some(LeftOut::LowConfidence)
        } else {
            None
        };
        if let Some(reason) = reason {
            out.left_out.push((index, reason));
            continue;
        }
        let previous = bead.ru.start.checked_sub(1).and_then(|i| ru.get(i)).map(|s| s.text.clone());
        out.pairs.push((
            index,
            SentencePair { source: joined(ru, bead.ru.clone()), target: joined(en, bead.en.clone()), previous },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segments;

    #[test]
    fn only_confident_one_to_one_beads_are_planned_unless_joining() {
        let ru = segments("А.\nБ.\nВ.\nГ.\n", None);
        let en = segments("A.\nB.\nD.\n", None);
        let bead = |ru: std::ops::Range<usize>, en: std::ops::Range<usize>, confidence: f64| Bead {
            ru,
            en,
            cost: 0.0,
            confidence,
        };
        let beads = [bead(0..1, 0..1, 0.9), bead(1..3, 1..2, 0.9), bead(3..4, 2..2, 0.9), bead(4..4, 2..3, 0.2)];
        let plan = plan(&ru, &en, &beads, &PlanOptions::default());
        assert_eq!(plan.pairs.len(), 1);
        assert_eq!(plan.pairs[0].1.source, "А.");
        assert_eq!(plan.left_out, [(1, LeftOut::NotOneToOne), (2, LeftOut::Untranslated), (3, LeftOut::Added)]);
        let joined = super::plan(&ru, &en, &beads, &PlanOptions { join: true, min_confidence: 0.95 });
        assert!(joined.pairs.is_empty());
        let joined = super::plan(&ru, &en, &beads, &PlanOptions { join: true, min_confidence: 0.5 });
        assert_eq!(joined.pairs[1].1.source, "Б. В.");
        assert_eq!(joined.pairs[1].1.previous.as_deref(), Some("А."));
    }
}

//! Sentence alignment of a Russian text and its English translation.
//!
//! A Gale–Church dynamic program over 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2 beads, with lengths in
//! characters, combined with lexical anchors ([`anchors`]) that need no dictionary: numbers,
//! months, Latin-script tokens, transliterated names, and glossary or dictionary pairs when
//! given. The program runs in a diagonal band that widens when the best path touches its edge,
//! so memory grows with `n × band`, not `n × m`.
//!
//! Pure length models lose their way where a sentence was left untranslated: skipping costs
//! more than pairing the wrong sentences of similar length. Here a skip has a fixed price, and
//! anchors make wrong pairs expensive (a number on one side and not the other) and right ones
//! cheap, so omissions come out as 1-0 and 0-1 beads — which a reviewer wants to see.

pub mod anchors;
pub mod beads;
pub mod lexicon;
pub mod plan;
pub mod translit;

use std::borrow::Cow;
use std::ops::Range;

use serde::Serialize;

use anchors::{Features, Names, Side, features, shared};
pub use beads::{BeadsError, Score, format_beads, parse_beads, score};
pub use lexicon::{Lexicon, LexiconError};
pub use plan::{LeftOut, Plan, PlanOptions, plan};
use tm_text::segment::Segmenter;

/// One sentence to align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Byte range in the file it came from (empty when unknown).
    pub start: usize,
    pub end: usize,
    /// Whether the sentence opens a paragraph (starts a line in line-structured releases).
    pub para_start: bool,
}

/// Splits a text into sentences with `segmenter`, or, without one, takes each non-blank line
/// as a sentence. A sentence that starts a line opens a paragraph.
#[must_use]
pub fn segments(text: &str, segmenter: Option<&Segmenter>) -> Vec<Segment> {
    let opens_line = |start: usize| text[..start].trim_end_matches([' ', '\t', '\r']).ends_with('\n') || start == 0;
    match segmenter {
        Some(segmenter) => segmenter
            .split(text)
            .into_iter()
            .map(|span| Segment {
                text: text[span.start..span.end].to_owned(),
                start: span.start,
                end: span.end,
                para_start: opens_line(span.start),
            })
            .collect(),
        None => {
            let mut out = Vec::new();
            let mut offset = 0;
            let mut after_blank = true;
            for line in text.split_inclusive('\n') {
                let content = line.trim_end_matches(['\n', '\r']);
                let trimmed = content.trim();
                if trimmed.is_empty() {
                    after_blank = true;
                } else {
                    let start = offset + (content.len() - content.trim_start().len());
                    out.push(Segment {
                        text: trimmed.to_owned(),
                        start,
                        end: start + trimmed.len(),
                        para_start: after_blank,
                    });
                    after_blank = false;
                }
                offset += line.len();
            }
            out
        }
    }
}

/// The text of consecutive sentences, joined with spaces: one side of a bead as one unit.
#[must_use]
pub fn joined(segments: &[Segment], range: Range<usize>) -> String {
    segments[range].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// One bead: consecutive Russian sentences aligned with consecutive English ones (either side
/// may be empty).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bead {
    pub ru: Range<usize>,
    pub en: Range<usize>,
    /// The bead's share of the path cost (lower is better).
    pub cost: f64,
    /// How sure the aligner is of this bead, 0–1: for a bead with both sides, how much better
    /// pairing is than leaving its sentences unaligned; for a 1-0 or 0-1 bead, how much better
    /// leaving the sentence out is than pairing it with its nearest neighbour.
    pub confidence: f64,
}

impl Bead {
    /// `"2-1"`, `"1-0"`, …
    #[must_use]
    pub fn kind(&self) -> String {
        format!("{}-{}", self.ru.len(), self.en.len())
    }
}

/// Tunable weights of the cost model. The defaults were chosen on NTREX-128 news documents.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Expected English characters per Russian character.
    pub ratio: f64,
    /// Variance of the English length per Russian character.
    pub variance: f64,
    /// Prior probabilities of 1-1, 2-1 (and 1-2), 2-2 beads.
    pub prior_one: f64,
    pub prior_two: f64,
    pub prior_four: f64,
    /// Cost of leaving one sentence unaligned, and of each further one on the same side
    /// right after it.
    pub skip: f64,
    pub skip_run: f64,
    /// Extra cost of leaving out sentences of both sides next to each other.
    pub skip_switch: f64,
    /// Reward per shared hard anchor, per shared soft anchor; penalty per unmatched hard one.
    pub hard: f64,
    pub soft: f64,
    pub miss: f64,
    /// Penalty per name candidate (not first in its sentence) without a counterpart.
    pub name_miss: f64,
    /// Penalty for a bead that disagrees with the paragraph structure.
    pub paragraph: f64,
    /// Penalty per question on one side without a question on the other.
    pub question: f64,
    /// Penalty per quotation mark on one side without a counterpart on the other.
    pub quote: f64,
    /// Penalty per headline on one side without a headline on the other.
    pub headline: f64,
    /// How many times the length variance widens for a headline paired with a headline.
    pub headline_spread: f64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            ratio: 0.92,
            variance: 6.8,
            prior_one: 0.89,
            prior_two: 0.089 / 2.0,
            prior_four: 0.002,
            skip: 5.0,
            skip_run: 3.0,
            skip_switch: 2.0,
            hard: 2.0,
            soft: 1.0,
            miss: 1.5,
            name_miss: 0.6,
            paragraph: 2.0,
            question: 1.0,
            quote: 0.5,
            headline: 3.0,
            headline_spread: 4.0,
        }
    }
}

/// What the aligner may use besides lengths.
#[derive(Debug, Clone, Default)]
pub struct AlignOptions<'a> {
    /// Glossary and dictionary pairs.
    pub lexicon: Option<&'a Lexicon>,
    pub params: Params,
    /// Starting half-width of the diagonal band (it widens as needed).
    pub band: usize,
}

/// Aligns Russian sentences with English ones. The beads cover every sentence of both sides
/// exactly once, in order.
#[must_use]
pub fn align(ru: &[Segment], en: &[Segment], options: &AlignOptions<'_>) -> Vec<Bead> {
    let mut names = Names::default();
    let ru_features: Vec<Features> =
        ru.iter().map(|s| features(&s.text, Side::Russian, &mut names, options.lexicon)).collect();
    let en_features: Vec<Features> =
        en.iter().map(|s| features(&s.text, Side::English, &mut names, options.lexicon)).collect();
    let mut model = Model {
        ru: &ru_features,
        en: &en_features,
        ru_paragraphs: paragraph_flags(ru),
        en_paragraphs: paragraph_flags(en),
        params: options.params,
        names,
        lexicon: options.lexicon,
        ru_pairs: ru_features.windows(2).map(Features::merged).collect(),
        en_pairs: en_features.windows(2).map(Features::merged).collect(),
    };
    let (n, m) = (ru.len(), en.len());
    if n == 0 || m == 0 {
        let path: Vec<(usize, usize)> = (0..=n).map(|i| (i, 0)).chain((1..=m).map(|j| (n, j))).collect();
        return model.beads(&path);
    }
    let mut band = options.band.max(16);
    // The band stops widening at MAX_CELLS cells: two texts that do not match (a release and
    // the translation of another) would otherwise widen it to the whole n × m matrix, quadratic
    // in time and memory. A real translation stays near the diagonal; even a left-out section
    // of hundreds of sentences fits in this band for any release.
    let widest = (MAX_CELLS / (2 * (n + 1))).max(band);
    loop {
        let (path, touches_edge) = model.best_path(band);
        if !touches_edge || band >= n.max(m) || band >= widest {
            return model.beads(&path);
        }
        band = (band * 2).min(widest);
    }
}

/// The most cells the dynamic program fills in one pass (see [`align`]).
const MAX_CELLS: usize = 4_000_000;

/// Paragraph starts, or `None` when the text has no paragraph structure to go by (one
/// paragraph). A text with every sentence on its own line has structure too: a bead that
/// joins two lines or paragraphs is less likely than one that keeps them.
fn paragraph_flags(segments: &[Segment]) -> Option<Vec<bool>> {
    let starts = segments.iter().skip(1).filter(|s| s.para_start).count();
    (starts > 0).then(|| segments.iter().map(|s| s.para_start).collect())
}

/// Bead shapes the program considers: (Russian sentences, English sentences).
const SHAPES: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];

struct Model<'a> {
    ru: &'a [Features],
    en: &'a [Features],
    ru_paragraphs: Option<Vec<bool>>,
    en_paragraphs: Option<Vec<bool>>,
    params: Params,
    names: Names,
    lexicon: Option<&'a Lexicon>,
    /// The features of each two consecutive sentences taken together (2-1, 1-2 and 2-2 beads
    /// price them once per neighbour in the band, so they are merged once, in n memory).
    ru_pairs: Vec<Features>,
    en_pairs: Vec<Features>,
}

/// The features of sentences `range` taken together: one sentence's, a pair's merged ahead
/// of time, or (longer runs, which beads do not have) merged now.
fn bead_features<'f>(single: &'f [Features], pairs: &'f [Features], range: &Range<usize>) -> Cow<'f, Features> {
    match range.len() {
        1 => Cow::Borrowed(&single[range.start]),
        2 => Cow::Borrowed(&pairs[range.start]),
        _ => Cow::Owned(Features::merged(&single[range.clone()])),
    }
}

impl Model<'_> {
    /// Cost of aligning Russian sentences `ri` with English sentences `ej`. Each bead is
    /// priced once per pass over the band, so beads are not cached: memory stays n × band.
    fn cost(&mut self, ri: Range<usize>, ej: Range<usize>) -> f64 {
        let p = self.params;
        if ri.is_empty() || ej.is_empty() {
            return p.skip * (ri.len() + ej.len()) as f64;
        }
        let prior = match ri.len() + ej.len() {
            2 => p.prior_one,
            3 => p.prior_two,
            _ => p.prior_four,
        };
        let l_ru: usize = self.ru[ri.clone()].iter().map(|f| f.chars + 1).sum::<usize>() - 1;
        let l_en: usize = self.en[ej.clone()].iter().map(|f| f.chars + 1).sum::<usize>() - 1;
        // Anchors of a multi-sentence bead are matched as one text, so that a name both
        // sentences mention counts once, as it would in a single sentence.
        let ru = bead_features(self.ru, &self.ru_pairs, &ri);
        let en = bead_features(self.en, &self.en_pairs, &ej);
        // A term pair both sides contain explains its own lengths: an abbreviation spelled out
        // in English (МВД России, 10 letters, as 54) is no sign that the sentences differ.
        let mut l_en = l_en as f64;
        if let Some(lexicon) = self.lexicon {
            for &term in ru.terms.iter().filter(|t| en.terms.contains(t)) {
                let (ru_len, en_len) = lexicon.lengths(term);
                l_en += p.ratio * ru_len as f64 - en_len as f64;
            }
            l_en = l_en.max(0.0);
        }
        // A headline translated by a headline may grow far beyond the usual ratio: the
        // Russian one abbreviates (МИД России) what the English spells out.
        let headlines = ri.len() == 1 && ej.len() == 1 && ru.headlines == 1 && en.headlines == 1;
        let variance = if headlines { p.variance * p.headline_spread } else { p.variance };
        let mut cost = -prior.ln() + length_cost(l_ru as f64, l_en, p.ratio, variance);
        let together = shared(&ru, &en, &mut self.names);
        cost += p.question * f64::from(ru.questions.abs_diff(en.questions));
        cost += p.quote * f64::from(ru.quotes.abs_diff(en.quotes));
        cost += p.headline * f64::from(ru.headlines.abs_diff(en.headlines));
        let (hard, soft) = (usize::from(together.hard), usize::from(together.soft));
        let inner_names: usize = self.ru[ri.clone()].iter().chain(&self.en[ej.clone()]).map(|f| f.inner_names).sum();
        cost += p.name_miss * inner_names.saturating_sub(2 * usize::from(together.names)) as f64;
        let anchors: usize = self.ru[ri.clone()].iter().chain(&self.en[ej.clone()]).map(Features::hard_count).sum();
        let missing = anchors.saturating_sub(2 * hard);
        cost += -p.hard * hard as f64 - p.soft * soft as f64 + p.miss * missing as f64;
        // A bead should not start with a wordless leftover when there is a sentence before it.
        let wordless_start =
            (ri.start > 0 && self.ru[ri.start].wordless) || (ej.start > 0 && self.en[ej.start].wordless);
        if wordless_start {
            cost += p.paragraph;
        }
        cost + self.paragraph_penalty(ri, ej)
    }

    fn paragraph_penalty(&self, ri: Range<usize>, ej: Range<usize>) -> f64 {
        let (Some(ru), Some(en)) = (&self.ru_paragraphs, &self.en_paragraphs) else { return 0.0 };
        let mut penalty = 0.0;
        if ru[ri.start] != en[ej.start] {
            penalty += self.params.paragraph;
        }
        if ru[ri.start + 1..ri.end].iter().chain(&en[ej.start + 1..ej.end]).any(|&p| p) {
            penalty += self.params.paragraph;
        }
        penalty
    }

    /// The cheapest path through the band of half-width `band`, as bead end points, and
    /// whether it runs along the band's edge (then a wider band might find a cheaper one).
    fn best_path(&mut self, band: usize) -> (Vec<(usize, usize)>, bool) {
        let (n, m) = (self.ru.len(), self.en.len());
        let slope = m as f64 / n.max(1) as f64;
        let band = band.max(slope.ceil() as usize + 2);
        let lo = |i: usize| ((i as f64 * slope).floor() as usize).saturating_sub(band);
        let hi = |i: usize| (((i as f64 * slope).ceil() as usize) + band).min(m);
        let mut row_start = Vec::with_capacity(n + 2);
        let mut total = 0;
        for i in 0..=n {
            row_start.push(total);
            total += hi(i) - lo(i) + 1;
        }
        let index = |i: usize, j: usize| (j >= lo(i) && j <= hi(i)).then(|| row_start[i] + j - lo(i));
        // One cost per cell and state: the last bead was a pairing (0), a Russian sentence
        // left out (1) or an English one (2). Untranslated material comes in runs — a whole
        // paragraph — so a skip after a skip of the same side costs less than the first.
        let mut best = vec![[f64::INFINITY; 3]; total];
        let mut came = vec![[u8::MAX; 3]; total];
        best[0][0] = 0.0;
        let params = self.params;
        for i in 0..=n {
            for j in lo(i)..=hi(i) {
                let Some(here) = index(i, j) else { continue };
                for (shape, &(a, b)) in SHAPES.iter().enumerate() {
                    if a > i || b > j {
                        continue;
                    }
                    let Some(from) = index(i - a, j - b) else { continue };
                    let state = match (a, b) {
                        (1, 0) => 1,
                        (0, 1) => 2,
                        _ => 0,
                    };
                    if best[from].iter().all(|c| !c.is_finite()) {
                        continue;
                    }
                    let pairing = if state == 0 { self.cost(i - a..i, j - b..j) } else { 0.0 };
                    let starts = best[from];
                    for (previous, &before) in starts.iter().enumerate() {
                        let step = match (state, previous) {
                            (0, _) => pairing,
                            _ if previous == state => params.skip_run,
                            // A Russian sentence left out next to an English one: more often
                            // a loose translation than two omissions.
                            (_, 1 | 2) => params.skip + params.skip_switch,
                            _ => params.skip,
                        };
                        let candidate = before + step;
                        if candidate < best[here][state] {
                            best[here][state] = candidate;
                            came[here][state] = (shape * 3 + previous) as u8;
                        }
                    }
                }
            }
        }
        let mut path = vec![(n, m)];
        let (mut i, mut j) = (n, m);
        let mut state =
            index(n, m).and_then(|end| (0..3).min_by(|&x, &y| best[end][x].total_cmp(&best[end][y]))).unwrap_or(0);
        let mut touches_edge = false;
        while i > 0 || j > 0 {
            let Some(here) = index(i, j) else { break };
            if (j == lo(i) && lo(i) > 0) || (j == hi(i) && hi(i) < m) {
                touches_edge = true;
            }
            let packed = usize::from(came[here][state]);
            let Some(&(a, b)) = SHAPES.get(packed / 3) else { break };
            state = packed % 3;
            i -= a;
            j -= b;
            path.push((i, j));
        }
        path.reverse();
        (path, touches_edge)
    }

    fn beads(&mut self, path: &[(usize, usize)]) -> Vec<Bead> {
        let skip = self.params.skip;
        let mut beads = Vec::with_capacity(path.len());
        for (index, step) in path.windows(2).enumerate() {
            let (ri, ej) = (step[0].0..step[1].0, step[0].1..step[1].1);
            let continues_run = index > 0 && {
                let before = (path[index - 1].0..step[0].0, path[index - 1].1..step[0].1);
                (ri.is_empty() && before.0.is_empty()) || (ej.is_empty() && before.1.is_empty())
            };
            let cost = if continues_run { self.params.skip_run } else { self.cost(ri.clone(), ej.clone()) };
            let margin = if ri.is_empty() || ej.is_empty() {
                // Leaving the sentence out against joining it to the bead before or after.
                let mut alternatives = Vec::new();
                for neighbour in [index.checked_sub(1), Some(index + 1)].into_iter().flatten() {
                    let Some(other) = path.get(neighbour).zip(path.get(neighbour + 1)) else { continue };
                    let (oi, oj) = (other.0.0..other.1.0, other.0.1..other.1.1);
                    if oi.is_empty() || oj.is_empty() {
                        continue;
                    }
                    let (joined_i, joined_j) =
                        (oi.start.min(ri.start)..oi.end.max(ri.end), oj.start.min(ej.start)..oj.end.max(ej.end));
                    if joined_i.len() > 2 || joined_j.len() > 2 {
                        continue;
                    }
                    let now = cost + self.cost(oi, oj);
                    alternatives.push(self.cost(joined_i, joined_j) - now);
                }
                alternatives.into_iter().fold(f64::INFINITY, f64::min)
            } else {
                skip * (ri.len() + ej.len()) as f64 - cost
            };
            let confidence = if margin.is_finite() { 1.0 / (1.0 + (-margin / 2.0).exp()) } else { 1.0 };
            beads.push(Bead { ru: ri, en: ej, cost, confidence: (confidence * 1000.0).round() / 1000.0 });
        }
        beads
    }
}

/// Gale–Church's length cost: minus the log probability that an English text of `l_en`
/// characters translates a Russian one of `l_ru`, lengths being normally distributed around
/// `ratio × l_ru` with variance `variance × l_ru`.
fn length_cost(l_ru: f64, l_en: f64, ratio: f64, variance: f64) -> f64 {
    let mean = (l_ru + l_en / ratio) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    let delta = ((l_en - l_ru * ratio) / (mean * variance).sqrt()).abs();
    -ln_two_tailed(delta)
}

/// `ln(2 × (1 − Φ(x)))` for `x ≥ 0`, through the complementary error function in a form that
/// stays finite far out in the tail (Numerical Recipes' `erfcc`, taken in logarithms).
fn ln_two_tailed(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    (t.ln() + poly).min(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Segment> {
        segments(text, None)
    }

    fn segmenter(lang: tm_text::Lang) -> Segmenter {
        Segmenter::new(lang, &tm_text::segment::SegmentOptions::default()).unwrap()
    }

    fn shape(beads: &[Bead]) -> String {
        format_beads(beads.iter().map(|b| (b.ru.clone(), b.en.clone())))
    }

    #[test]
    fn length_cost_grows_with_the_mismatch() {
        assert!(length_cost(100.0, 92.0, 0.92, 6.8) < 0.1);
        assert!(length_cost(100.0, 150.0, 0.92, 6.8) > length_cost(100.0, 120.0, 0.92, 6.8));
        assert!(length_cost(1000.0, 0.0, 0.92, 6.8).is_finite());
        assert!((ln_two_tailed(0.0)).abs() < 1e-6);
        assert!((ln_two_tailed(1.96) - 0.05f64.ln()).abs() < 0.01);
    }

    #[test]
    fn an_untranslated_sentence_becomes_a_one_zero_bead() {
        let ru = lines(
            "В 2026 году НЦБ Интерпола в Москве провело 14 операций.\n\
             Задержаны 312 человек.\n\
             Об этом сообщила пресс-служба МВД России 27 ноября.\n\
             Генеральный секретариат Интерпола находится в Лионе.\n",
        );
        let en = lines(
            "In 2026 the Interpol NCB in Moscow conducted 14 operations.\n\
             A total of 312 people were detained.\n\
             The Interpol General Secretariat is based in Lyon.\n",
        );
        let beads = align(&ru, &en, &AlignOptions::default());
        assert_eq!(shape(&beads), "0:0\n1:1\n2:\n3:2\n");
        assert!(beads[2].confidence > 0.5, "{beads:?}");
    }

    #[test]
    fn a_split_sentence_becomes_a_two_one_bead() {
        let ru = lines(
            "Сотрудники полиции задержали в Казани 3 подозреваемых, которые с 2024 года похищали автомобили и продавали их по поддельным документам.\n\
             Возбуждено уголовное дело.\n",
        );
        let en = lines(
            "Police in Kazan detained 3 suspects.\n\
             Since 2024 they had stolen cars and sold them with forged papers.\n\
             A criminal case has been opened.\n",
        );
        let beads = align(&ru, &en, &AlignOptions::default());
        assert_eq!(shape(&beads), "0:0,1\n1:2\n");
    }

    #[test]
    fn a_wordless_leftover_joins_the_sentence_before_it() {
        // By length alone the dash would rather join the next pair, whose Russian side is
        // short for its English.
        let ru = lines(
            "«С коллегами из национальных центральных бюро мы работаем давно и очень плотно», — сказал он журналистам.\n\
             —\n\
             «Обмен идёт всегда».\n",
        );
        let en = lines(
            "\"We have worked closely with colleagues from the bureaus for a long time,\" he told reporters.\n\
             \"The exchange of data goes on at all hours.\"\n",
        );
        assert_eq!(shape(&align(&ru, &en, &AlignOptions::default())), "0,1:0\n2:1\n");
    }

    #[test]
    fn an_expanded_headline_stays_with_its_headline() {
        // The English headline spells out both ministries: three times the Russian length.
        let mut lexicon = Lexicon::default();
        lexicon.add("МИД России", "Ministry of Foreign Affairs of the Russian Federation");
        lexicon.add("МВД России", "Ministry of Internal Affairs of the Russian Federation");
        let ru = segments(
            "МИД России и МВД России подписали соглашение\n\n\
             Соглашение об обмене сведениями о розыске подписано в Москве 4 марта.\n\n\
             Оно вступит в силу через 30 дней.\n",
            Some(&segmenter(tm_text::Lang::Ru)),
        );
        let en = segments(
            "The Ministry of Foreign Affairs of the Russian Federation and the Ministry of Internal Affairs of the Russian Federation signed an agreement\n\n\
             The agreement on the exchange of wanted-person data was signed in Moscow on 4 March.\n\n\
             It will enter into force in 30 days.\n",
            Some(&segmenter(tm_text::Lang::En)),
        );
        let options = AlignOptions { lexicon: Some(&lexicon), ..AlignOptions::default() };
        assert_eq!(shape(&align(&ru, &en, &options)), "0:0\n1:1\n2:2\n");
    }

    #[test]
    fn a_left_out_paragraph_is_not_merged_into_its_neighbour() {
        // The missing sentence has no number or name of its own: the paragraphs tell.
        let ru = segments(
            "Полицейские Томска задержали 34-летнего мужчину.\n\n\
             Изъятое передано на экспертизу.\n\n\
             Ранее задержанный к ответственности не привлекался.\n",
            Some(&segmenter(tm_text::Lang::Ru)),
        );
        let en = segments(
            "Tomsk police detained a 34-year-old man.\n\n\
             The detainee had never been prosecuted before.\n",
            Some(&segmenter(tm_text::Lang::En)),
        );
        assert_eq!(shape(&align(&ru, &en, &AlignOptions::default())), "0:0\n1:\n2:1\n");
    }

    #[test]
    fn an_added_headline_and_closing_line_are_left_out() {
        // The closing line is about as long as the last Russian line; its web address, which
        // the Russian lacks, tells it is not its translation.
        let ru = segments(
            "В Курске сотрудники полиции задержали двоих местных жителей, подозреваемых в мошенничестве.\n\n\
             Дело передано в следственный отдел.\n",
            Some(&segmenter(tm_text::Lang::Ru)),
        );
        let en = segments(
            "Fraud suspects caught in Kursk\n\n\
             Police in Kursk detained two local residents suspected of fraud.\n\n\
             The case has been handed over to the investigation department.\n\n\
             For more news, visit the ministry website at mvd.ru.\n",
            Some(&segmenter(tm_text::Lang::En)),
        );
        assert_eq!(shape(&align(&ru, &en, &AlignOptions::default())), ":0\n0:1\n1:2\n:3\n");
    }

    #[test]
    fn empty_sides_give_only_omissions() {
        let ru = lines("Одно.\nДва.\n");
        assert_eq!(shape(&align(&ru, &[], &AlignOptions::default())), "0:\n1:\n");
        assert_eq!(shape(&align(&[], &ru, &AlignOptions::default())), ":0\n:1\n");
        assert!(align(&[], &[], &AlignOptions::default()).is_empty());
    }

    #[test]
    fn lines_and_paragraphs() {
        let segments = lines("Первое.\n\n  Второе.  \nТретье.\n");
        assert_eq!(segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(), ["Первое.", "Второе.", "Третье."]);
        assert_eq!(segments.iter().map(|s| s.para_start).collect::<Vec<_>>(), [true, true, false]);
        assert_eq!(&"Первое.\n\n  Второе.  \n"[segments[1].start..segments[1].end], "Второе.");
    }

    proptest::proptest! {
        #[test]
        fn beads_cover_both_sides_once_in_order(
            ru in proptest::collection::vec("[а-я0-9 ]{1,40}\\.", 0..25),
            en in proptest::collection::vec("[a-z0-9 ]{1,40}\\.", 0..25),
            band in 0usize..40,
        ) {
            let ru: Vec<Segment> = ru.iter().map(|t| Segment { text: t.clone(), start: 0, end: 0, para_start: false }).collect();
            let en: Vec<Segment> = en.iter().map(|t| Segment { text: t.clone(), start: 0, end: 0, para_start: false }).collect();
            let beads = align(&ru, &en, &AlignOptions { band, ..AlignOptions::default() });
            let (mut i, mut j) = (0, 0);
            for bead in &beads {
                proptest::prop_assert_eq!(bead.ru.start, i);
                proptest::prop_assert_eq!(bead.en.start, j);
                proptest::prop_assert!(!bead.ru.is_empty() || !bead.en.is_empty());
                proptest::prop_assert!(bead.ru.len() <= 2 && bead.en.len() <= 2);
                proptest::prop_assert!((0.0..=1.0).contains(&bead.confidence));
                i = bead.ru.end;
                j = bead.en.end;
            }
            proptest::prop_assert_eq!((i, j), (ru.len(), en.len()));
        }
    }
}

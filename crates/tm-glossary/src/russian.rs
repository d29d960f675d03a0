//! Russian declension: every case form of a term, generated from its dictionary form when a
//! glossary loads, so that `Следственного комитета Российской Федерации` is found as the term
//! `Следственный комитет Российской Федерации` without a stemmer (stemmers both miss forms and
//! merge unrelated words: `капитан`/`капитал`).
//!
//! A term is read as: agreeing adjectives (or participles), then the head noun, then words that
//! stay fixed (genitive complements: `полиции`, `Российской Федерации`, `Интерпола`). The head
//! declines by gender and ending class with the spelling rules after к/г/х, ж/ш/щ/ч and ц;
//! the adjectives take the head's gender and number. Where the rules are wrong for a word, the
//! glossary gives a hint (`gen=Орла`, `gender=f`, `indecl`, `plural`, `fixed`) or stored forms.

use std::collections::BTreeSet;

/// Grammatical gender of a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
    Neuter,
}

/// Corrections to the rules for one term, from the glossary's `inflect` field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The head noun's gender where its ending does not tell (`-ь`).
    pub gender: Option<Gender>,
    /// The head noun's genitive singular: gives the oblique stem (`Орёл` → `Орла`).
    pub genitive: Option<String>,
    /// The head does not decline (`бюро`, `Сочи`).
    pub indeclinable: bool,
    /// Generate plural forms (`Some(true)`) or not (`Some(false)`); by default every term has
    /// them except a single capitalised word (a place or a person).
    pub plural: Option<bool>,
    /// The term never changes (codes, foreign names).
    pub fixed: bool,
}

/// An inflection hint that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown inflection hint `{item}` (expected gen=FORM, gender=m|f|n, indecl, plural, singular or fixed)")]
pub struct HintError {
    pub item: String,
}

impl Hints {
    /// Parses `gen=Орла; gender=f; indecl; plural; fixed` (separated by `;` or `,`).
    pub fn parse(text: &str) -> Result<Self, HintError> {
        let mut hints = Hints::default();
        for item in text.split([';', ',']).map(str::trim).filter(|item| !item.is_empty()) {
            let (key, value) = item.split_once('=').map_or((item, ""), |(k, v)| (k.trim(), v.trim()));
            match (key, value) {
                ("gen" | "genitive", v) if !v.is_empty() => hints.genitive = Some(v.to_owned()),
                ("gender", "m" | "masc" | "masculine") => hints.gender = Some(Gender::Masculine),
                ("gender", "f" | "fem" | "feminine") => hints.gender = Some(Gender::Feminine),
                ("gender", "n" | "neut" | "neuter") => hints.gender = Some(Gender::Neuter),
                ("indecl" | "indeclinable", "") => hints.indeclinable = true,
                ("plural", "" | "yes") => hints.plural = Some(true),
                ("plural", "no") | ("singular", "") => hints.plural = Some(false),
                ("fixed", "") => hints.fixed = true,
                _ => return Err(HintError { item: item.to_owned() }),
            }
        }
        Ok(hints)
    }
}

/// Case × number slots (nominative, genitive, dative, accusative, instrumental, prepositional;
/// singular then plural), so that adjectives agree with their head slot by slot. The animate
/// accusative equals the genitive, which is generated anyway.
const SLOTS: usize = 12;

type Paradigm = [Vec<String>; SLOTS];

/// Every form of `term` (the dictionary form first), as written: the term's own letters and
/// capitals are kept, endings are added in lower case.
#[must_use]
pub fn forms(term: &str, hints: &Hints) -> Vec<String> {
    let words: Vec<&str> = term.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = vec![words.join(" ")];
    if hints.fixed || words.is_empty() {
        return out;
    }
    let head = head_index(&words);
    let head_word = words[head];
    // A one-word term starting with a capital names one thing (a place, a person); a longer
    // one may name a kind of body there are many of (`национальных центральных бюро
    // Интерпола`), and its plural phrases cannot be mistaken for another word.
    let plural =
        hints.plural.unwrap_or_else(|| words.len() > 1 || !term.chars().next().is_some_and(char::is_uppercase));
    // An indeclinable head (`бюро`) keeps its form while its adjectives decline.
    let lower_head = head_word.to_lowercase();
    // One word with an adjective's ending is a substantivised adjective (`полицейский`,
    // `задержанный`, `Грозный`, surnames in -ский); -ий and -ой alone are too often nouns
    // (`Дмитрий`, `Ханой`).
    let substantivised = looks_adjective(&lower_head)
        && (words.len() > 1
            || ["ый", "ский", "цкий", "ской", "цкой", "щий", "жий", "чий", "шний", "нний"]
                .iter()
                .any(|e| lower_head.ends_with(e)));
    let declined = if substantivised {
        Some((adjective_paradigm(head_word, adjective_gender(head_word)), adjective_gender(head_word)))
    } else {
        noun_paradigm(head_word, hints)
    };
    let (noun, mut gender) =
        declined.unwrap_or_else(|| (std::array::from_fn(|_| vec![head_word.to_owned()]), Some(Gender::Neuter)));
    // An adjective's own ending says the gender where the noun cannot (`Национальное ... бюро`).
    if let Some(first) = words[..head].first() {
        gender = adjective_gender(first);
    }
    let adjectives: Vec<Paradigm> = words[..head].iter().map(|w| adjective_paradigm(w, gender)).collect();
    let mut seen: BTreeSet<String> = out.iter().cloned().collect();
    for slot in 0..SLOTS {
        if slot >= 6 && !plural {
            break;
        }
        // Each word's options for this slot, combined in every way; for long terms whose
        // combinations would explode (a product over twenty words), variant k takes every word's
        // k-th option instead.
        let options: Vec<Vec<String>> = words
            .iter()
            .enumerate()
            .map(|(index, word)| {
                let options = if index < head {
                    adjectives[index][slot].clone()
                } else if index == head {
                    noun[slot].clone()
                } else {
                    Vec::new()
                };
                if options.is_empty() { vec![(*word).to_owned()] } else { options }
            })
            .collect();
        let product = options.iter().try_fold(1usize, |n, o| n.checked_mul(o.len())).unwrap_or(usize::MAX);
        let phrases: Vec<String> = if product <= 64 {
            options.iter().fold(vec![String::new()], |phrases, o| {
                phrases
                    .iter()
                    .flat_map(|p| o.iter().map(move |w| if p.is_empty() { w.clone() } else { format!("{p} {w}") }))
                    .collect()
            })
        } else {
            let variants = options.iter().map(Vec::len).max().unwrap_or(1);
            (0..variants)
                .map(|k| options.iter().map(|o| o[k.min(o.len() - 1)].as_str()).collect::<Vec<_>>().join(" "))
                .collect()
        };
        for phrase in phrases {
            // A body's name in the plural is a kind of body, written in lower case
            // (`национальных центральных бюро Интерпола`); the capital stays allowed, since the
            // matcher accepts capitals where the term has lower case.
            let phrase = if slot >= 6 && words.len() > 1 && is_initial_capital(words[0]) {
                let mut chars = phrase.chars();
                chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
            } else {
                phrase
            };
            if seen.insert(phrase.clone()) {
                out.push(phrase);
            }
        }
    }
    out
}

/// A capital first letter and lower case after it (`Национальное`, not `МВД`).
fn is_initial_capital(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

const PREPOSITIONS: [&str; 14] = ["по", "при", "в", "во", "на", "с", "со", "за", "для", "из", "о", "об", "от", "к"];

/// The head: the first word that is not an adjective agreeing with the words before it. A
/// substantivised adjective (`рядовой полиции`, `Уполномоченный по правам человека`) is the
/// head when what follows is a genitive or a preposition.
fn head_index(words: &[&str]) -> usize {
    if words.len() == 1 {
        return 0;
    }
    let mut run_gender: Option<Option<Gender>> = None;
    for (index, word) in words.iter().enumerate() {
        let lower = word.to_lowercase();
        let is_adjective = index + 1 < words.len() && looks_adjective(&lower) && {
            let gender = adjective_gender(word);
            match run_gender {
                None => true,
                Some(previous) => previous == gender,
            }
        };
        if is_adjective {
            run_gender.get_or_insert(adjective_gender(word));
            continue;
        }
        if index > 0
            && (PREPOSITIONS.contains(&lower.as_str()) || lower.ends_with("ии") || is_oblique_adjective(&lower))
        {
            return index - 1;
        }
        return index;
    }
    words.len() - 1
}

fn looks_adjective(lower: &str) -> bool {
    let letters = lower.chars().count();
    if letters < 4 || lower.chars().any(|c| !is_cyrillic_letter(c) && c != '-') {
        return false;
    }
    // Nouns in -ние, -тие, -вие look like plural adjectives.
    if ["ение", "ание", "тие", "вие", "ьие", "дие"].iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"].iter().any(|e| lower.ends_with(e))
}

fn is_oblique_adjective(lower: &str) -> bool {
    lower.chars().count() > 4 && ["ого", "его", "ых", "их"].iter().any(|e| lower.ends_with(e))
}

fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// `None` for plural.
fn adjective_gender(word: &str) -> Option<Gender> {
    let lower = word.to_lowercase();
    if lower.ends_with("ая") || lower.ends_with("яя") {
        Some(Gender::Feminine)
    } else if lower.ends_with("ое") || lower.ends_with("ее") {
        Some(Gender::Neuter)
    } else if lower.ends_with("ые") || lower.ends_with("ие") {
        None
    } else {
        Some(Gender::Masculine)
    }
}

/// The slot of a plural head gives `None` gender; adjectives then take plural endings in
/// every slot.
fn adjective_paradigm(word: &str, gender: Option<Gender>) -> Paradigm {
    let mut paradigm: Paradigm = Default::default();
    // Hyphenated adjectives (`Северо-Западный`) decline in their last part.
    let (prefix, last) = match word.rfind('-') {
        Some(i) => word.split_at(i + 1),
        None => ("", word),
    };
    let lower = last.to_lowercase();
    let Some(stem_len) = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"]
        .iter()
        .find(|e| lower.ends_with(*e))
        .map(|e| last.len() - e.len())
    else {
        return paradigm;
    };
    let stem = &last[..stem_len];
    let before = stem.chars().last().map(|c| c.to_lowercase().next().unwrap_or(c)).unwrap_or(' ');
    let stressed = lower.ends_with("ой");
    let velar = matches!(before, 'к' | 'г' | 'х');
    let sibilant = matches!(before, 'ж' | 'ш' | 'щ' | 'ч' | 'ц');
    let soft = !velar
        && !sibilant
        && (lower.ends_with("ий")
            || lower.ends_with("яя")
            || lower.ends_with("ее")
            || (lower.ends_with("ие") && before == 'н'));
    // Endings per slot: nom, gen, dat, acc, ins, prep.
    let (masculine, feminine, neuter, plural): ([&str; 6], [&str; 6], [&str; 6], [&str; 6]) = if soft {
        (
            ["ий", "его", "ему", "ий", "им", "ем"],
            ["яя", "ей", "ей", "юю", "ей|ею", "ей"],
            ["ее", "его", "ему", "ее", "им", "ем"],
            ["ие", "их", "им", "ие", "ими", "их"],
        )
    } else if sibilant && !stressed {
        (
            ["ий", "его", "ему", "ий", "им", "ем"],
            ["ая", "ей", "ей", "ую", "ей|ею", "ей"],
            ["ее", "его", "ему", "ее", "им", "ем"],
            ["ие", "их", "им", "ие", "ими", "их"],
        )
    } else if sibilant {
        (
            ["ой", "ого", "ому", "ой", "им", "ом"],
            ["ая", "ой", "ой", "ую", "ой|ою", "ой"],
            ["ое", "ого", "ому", "ое", "им", "ом"],
            ["ие", "их", "им", "ие", "ими", "их"],
        )
    } else if velar {
        (
            ["ий|ой", "ого", "ому", "ий|ой", "им", "ом"],
            ["ая", "ой", "ой", "ую", "ой|ою", "ой"],
            ["ое", "ого", "ому", "ое", "им", "ом"],
            ["ие", "их", "им", "ие", "ими", "их"],
        )
    } else {
        (
            ["ый|ой", "ого", "ому", "ый|ой", "ым", "ом"],
            ["ая", "ой", "ой", "ую", "ой|ою", "ой"],
            ["ое", "ого", "ому", "ое", "ым", "ом"],
            ["ые", "ых", "ым", "ые", "ыми", "ых"],
        )
    };
    let singular = match gender {
        Some(Gender::Masculine) => masculine,
        Some(Gender::Feminine) => feminine,
        Some(Gender::Neuter) => neuter,
        None => plural,
    };
    let own = &last[stem_len..];
    for slot in 0..SLOTS {
        let endings = if slot < 6 { singular[slot] } else { plural[slot - 6] };
        paradigm[slot] = endings
            .split('|')
            // Keep the term's own ending in the nominative (`ой` vs `ый` is not ours to pick).
            .map(|e| {
                if (slot == 0 || slot == 3) && endings.contains('|') && endings.split('|').any(|x| x == own) {
                    own
                } else {
                    e
                }
            })
            .map(|e| format!("{prefix}{stem}{e}"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
    }
    paradigm
}

const INDECLINABLE: [&str; 40] = [
    "бюро",
    "кафе",
    "метро",
    "пальто",
    "кино",
    "радио",
    "депо",
    "досье",
    "интервью",
    "шоссе",
    "жюри",
    "кашне",
    "ателье",
    "казино",
    "такси",
    "портфолио",
    "Осло",
    "Токио",
    "Монако",
    "Мехико",
    "Торонто",
    "Онтарио",
    "Бордо",
    "Гаити",
    "Чили",
    "Перу",
    "Конго",
    "Того",
    "Сан-Марино",
    "Сан-Франциско",
    "Колорадо",
    "Киото",
    "Морокко",
    "Буэнос-Айрес-Сити",
    "Лаос-Сити",
    "Бельмопан-Сити",
    "Монтевидео",
    "Сочи",
    "Тбилиси",
    "Баку",
];

/// The head noun's forms per slot and its gender; `None` when it does not decline.
fn noun_paradigm(word: &str, hints: &Hints) -> Option<(Paradigm, Option<Gender>)> {
    // Hyphenated nouns decline in the last part (`генерал-майор`, `Санкт-Петербург`), except
    // `X-на-Y` names, where the first part declines (`Ростов-на-Дону`).
    if let Some(i) = word.find("-на-") {
        let (first, rest) = word.split_at(i);
        let (paradigm, gender) = noun_paradigm(first, hints)?;
        return Some((paradigm.map(|forms| forms.into_iter().map(|f| format!("{f}{rest}")).collect()), gender));
    }
    if let Some(i) = word.rfind('-') {
        let (prefix, last) = word.split_at(i + 1);
        let (paradigm, gender) = noun_paradigm(last, hints)?;
        return Some((paradigm.map(|forms| forms.into_iter().map(|f| format!("{prefix}{f}")).collect()), gender));
    }
    let lower = word.to_lowercase();
    let letters: Vec<char> = lower.chars().collect();
    let is_name = word.chars().next().is_some_and(char::is_uppercase);
    if hints.indeclinable
        || letters.len() < 2
        || letters.iter().any(|&c| !is_cyrillic_letter(c))
        || (letters.len() > 1 && word.chars().all(char::is_uppercase))
        || INDECLINABLE.iter().any(|w| w.to_lowercase() == lower)
        || matches!(letters.last(), Some('и' | 'у' | 'ю' | 'э'))
        || (is_name && (lower.ends_with("ко") || lower.ends_with("ых") || lower.ends_with("их")))
        // Foreign words in a vowel + -о or -е (`Токио`, `Монтевидео`); -ие and -ье decline.
        || (letters.last() == Some(&'о') && matches!(letters[letters.len() - 2], 'а' | 'е' | 'и' | 'о' | 'у' | 'э' | 'ю' | 'я'))
        || (letters.last() == Some(&'е') && matches!(letters[letters.len() - 2], 'а' | 'о' | 'у' | 'э' | 'ю' | 'я'))
    {
        return None;
    }
    let last = letters[letters.len() - 1];
    let before = letters[letters.len() - 2];
    let cut = |n: usize| -> String {
        let mut end = word.len();
        for _ in 0..n {
            end = word[..end].char_indices().last().map_or(0, |(i, _)| i);
        }
        word[..end].to_owned()
    };
    let velar = |c: char| matches!(c, 'к' | 'г' | 'х');
    let sibilant = |c: char| matches!(c, 'ж' | 'ш' | 'щ' | 'ч');
    let mut p: Paradigm = Default::default();
    let set = |p: &mut Paradigm, stem: &str, endings: [&str; 12]| {
        for (slot, endings) in endings.iter().enumerate() {
            for ending in endings.split('|') {
                let form = format!("{stem}{ending}");
                if !p[slot].contains(&form) {
                    p[slot].push(form);
                }
            }
        }
    };
    let gender;
    match last {
        'ы' => {
            // Plural-only (`Нидерланды`, `органы`).
            let stem = cut(1);
            // The genitive is -ов for masculine stems (`Нидерландов`) and bare for feminine
            // ones (`сил`, `Афин`): both are generated.
            set(&mut p, &stem, ["ы", "ов|", "ам", "ы", "ами", "ах", "ы", "ов|", "ам", "ы", "ами", "ах"]);
            return Some((p, None));
        }
        'а' | 'я' => {
            let neuter = last == 'я' && before == 'м';
            gender = hints.gender.or(Some(if neuter { Gender::Neuter } else { Gender::Feminine }));
            let stem = cut(1);
            let s = stem.to_lowercase().chars().last().unwrap_or(' ');
            if last == 'я' && s == 'и' {
                set(&mut p, &stem, ["я", "и", "и", "ю", "ей|ею", "и", "и", "й", "ям", "и", "ями", "ях"]);
            } else if last == 'я' && before == 'ь' {
                // `статья`: genitive plural `статей`.
                set(&mut p, &stem, ["я", "и", "е", "ю", "ей|ею", "е", "и", "", "ям", "и", "ями", "ях"]);
                p[7] = vec![format!("{}ей", &stem[..stem.len() - 'ь'.len_utf8()])];
            } else if neuter {
                // `время`, `имя`: `времени`, `временем`, `времена`, `времён`.
                set(
                    &mut p,
                    &stem,
                    ["я", "ени", "ени", "я", "енем", "ени", "ена", "ён|ен", "енам", "ена", "енами", "енах"],
                );
            } else if last == 'я' {
                set(&mut p, &stem, ["я", "и", "е", "ю", "ей|ею", "е", "и", "ь|ей", "ям", "и", "ями", "ях"]);
            } else {
                // Women's surnames in -ова, -ева, -ина decline like adjectives (`Ивановой`).
                if is_name && ["ова", "ева", "ёва", "ина", "ына"].iter().any(|e| lower.ends_with(e)) {
                    set(&mut p, &stem, ["а", "ой", "ой", "у", "ой", "ой", "ых", "ых", "ым", "ых", "ыми", "ых"]);
                }
                let y = if velar(s) || sibilant(s) { "и" } else { "ы" };
                let ins = if sibilant(s) || s == 'ц' { "ей|ой|ею" } else { "ой|ою" };
                set(&mut p, &stem, ["а", y, "е", "у", ins, "е", y, "", "ам", y, "ами", "ах"]);
                // A consonant before -ка takes a vowel in the genitive plural: `проверок`,
                // `девушек` (both vowels are generated).
                let stem_chars: Vec<char> = stem.to_lowercase().chars().collect();
                if stem_chars.len() > 2
                    && stem_chars[stem_chars.len() - 1] == 'к'
                    && !matches!(
                        stem_chars[stem_chars.len() - 2],
                        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я'
                    )
                {
                    let base = &stem[..stem.len() - 'к'.len_utf8()];
                    let base = base.strip_suffix('ь').or_else(|| base.strip_suffix('й')).unwrap_or(base);
                    p[7].retain(|f| f != &stem);
                    p[7].push(format!("{base}ок"));
                    p[7].push(format!("{base}ек"));
                }
            }
        }
        'о' => {
            gender = Some(Gender::Neuter);
            let stem = cut(1);
            let s = stem.to_lowercase().chars().last().unwrap_or(' ');
            let gen_pl = if sibilant(s) { "|ей" } else { "" };
            set(&mut p, &stem, ["о", "а", "у", "о", "ом", "е", "а", gen_pl, "ам", "а", "ами", "ах"]);
        }
        'е' | 'ё' => {
            gender = Some(Gender::Neuter);
            let stem = cut(1);
            if before == 'и' {
                set(&mut p, &stem, ["е", "я", "ю", "е", "ем", "и", "я", "й", "ям", "я", "ями", "ях"]);
            } else if before == 'ь' {
                set(&mut p, &stem, ["е", "я", "ю", "е", "ем", "е", "я", "ий", "ям", "я", "ями", "ях"]);
            } else if sibilant(before) || before == 'ц' {
                set(&mut p, &stem, ["е", "а", "у", "е", "ем", "е", "а", "", "ам", "а", "ами", "ах"]);
            } else {
                set(&mut p, &stem, ["е", "я", "ю", "е", "ем", "е", "я", "ей", "ям", "я", "ями", "ях"]);
            }
        }
        'й' => {
            gender = Some(Gender::Masculine);
            let stem = cut(1);
            let prep = if before == 'и' { "и" } else { "е" };
            let gen_pl = "ев";
            set(&mut p, &stem, ["й", "я", "ю", "й", "ем", prep, "и", gen_pl, "ям", "и", "ями", "ях"]);
        }
        'ь' => {
            let stem = cut(1);
            let feminine_by_form = lower.ends_with("ость") || lower.ends_with("есть") || sibilant(before);
            let masculine_by_form = lower.ends_with("тель") || lower.ends_with("арь") || lower.ends_with("ырь");
            let wanted = hints.gender.or(if feminine_by_form {
                Some(Gender::Feminine)
            } else if masculine_by_form {
                Some(Gender::Masculine)
            } else {
                None
            });
            if wanted != Some(Gender::Feminine) {
                set(&mut p, &stem, ["ь", "я", "ю", "ь", "ем|ём", "е", "и", "ей", "ям", "и", "ями", "ях"]);
                // `день` → `дня`, `ремень` → `ремня` (and `олень` → `оленя` above).
                if lower.ends_with("ень") && letters.len() > 3 {
                    let short = format!("{}н", &stem[..stem.len() - "ен".len()]);
                    set(&mut p, &short, ["", "я", "ю", "", "ём|ем", "е", "и", "ей", "ям", "и", "ями", "ях"]);
                    p[0].retain(|f| f != &short);
                    p[3].retain(|f| f != &short);
                }
            }
            if wanted != Some(Gender::Masculine) {
                set(&mut p, &stem, ["ь", "и", "и", "ь", "ью", "и", "и", "ей", "ям", "и", "ями", "ях"]);
            }
            gender = wanted.or(Some(Gender::Masculine));
        }
        _ => {
            gender = hints.gender.or(Some(Gender::Masculine));
            // The oblique stem: from the genitive hint, or by the fleeting vowel of -ец, -ёл, -ёк.
            let mut stem = word.to_owned();
            let mut soft = false;
            if let Some(genitive) = &hints.genitive {
                let g = genitive.to_lowercase();
                soft = g.ends_with('я');
                stem = genitive[..genitive.char_indices().last().map_or(0, |(i, _)| i)].to_owned();
            } else if (lower.ends_with("ец") && letters.len() > 3) || lower.ends_with("ёл") || lower.ends_with("ёк")
            {
                let mut chars: Vec<char> = word.chars().collect();
                let vowel = chars.len() - 2;
                if lower.ends_with("ец") && matches!(chars[vowel - 1], 'а' | 'е' | 'и' | 'о' | 'у' | 'я' | 'ю')
                {
                    chars[vowel] = 'й';
                } else {
                    chars.remove(vowel);
                }
                stem = chars.into_iter().collect();
            } else if (letters.len() > 4 && (lower.ends_with("ок") || lower.ends_with("ек")))
                || (letters.len() > 3 && lower.ends_with("ел"))
            {
                // Some drop the vowel (`участок` → `участка`, `Орел` → `Орла`), some keep it
                // (`урок` → `урока`): both are generated, the wrong one matches nothing real.
                let mut chars: Vec<char> = word.chars().collect();
                chars.remove(chars.len() - 2);
                let fleeting: String = chars.into_iter().collect();
                set(&mut p, &fleeting, ["", "а", "у", "", "ом", "е", "и", "ов", "ам", "и", "ами", "ах"]);
                p[0].retain(|f| f != &fleeting);
                p[3].retain(|f| f != &fleeting);
            }
            // `гражданин`, `россиянин`: plural `граждане`, `граждан`.
            if lower.ends_with("анин") || lower.ends_with("янин") {
                let plural = cut(2);
                for (slot, ending) in [(6, "е"), (7, ""), (8, "ам"), (9, ""), (10, "ами"), (11, "ах")] {
                    p[slot].push(format!("{plural}{ending}"));
                }
            }
            let s = stem.to_lowercase().chars().last().unwrap_or(' ');
            let nom_pl = if velar(s) || sibilant(s) || soft { "и" } else { "ы" };
            let ins = if soft {
                "ем|ём"
            } else if sibilant(s) || s == 'ц' {
                "ом|ем"
            } else if is_name
                && (lower.ends_with("ов")
                    || lower.ends_with("ев")
                    || lower.ends_with("ёв")
                    || lower.ends_with("ин")
                    || lower.ends_with("ын"))
            {
                "ом|ым"
            } else {
                "ом"
            };
            let gen_pl = if sibilant(s) || soft {
                "ей"
            } else if s == 'ц' {
                "ов|ев"
            } else {
                "ов"
            };
            let (a, u) = if soft { ("я", "ю") } else { ("а", "у") };
            p[0].push(word.to_owned());
            p[3].push(word.to_owned());
            let plural_stem = stem.clone();
            set(
                &mut p,
                &stem,
                [
                    "",
                    a,
                    u,
                    "",
                    ins,
                    "е",
                    nom_pl,
                    gen_pl,
                    if soft { "ям" } else { "ам" },
                    nom_pl,
                    if soft { "ями" } else { "ами" },
                    if soft { "ях" } else { "ах" },
                ],
            );
            // The bare oblique stem is not a form (`Орл`), only the dictionary form is.
            for slot in [0, 3] {
                p[slot].retain(|f| f == word || f != &plural_stem);
            }
        }
    }
    Some((p, gender))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(term: &str, hints: &str, wanted: &[&str]) {
        let hints = Hints::parse(hints).unwrap();
        let forms = forms(term, &hints);
        for w in wanted {
            assert!(forms.iter().any(|f| f == w), "{term}: no {w} in {forms:?}");
        }
    }

    #[test]
    fn multiword_terms_agree() {
        has(
            "Следственный комитет Российской Федерации",
            "",
            &[
                "Следственного комитета Российской Федерации",
                "Следственным комитетом Российской Федерации",
                "Следственном комитете Российской Федерации",
            ],
        );
        has(
            "генерал-майор полиции",
            "",
            &["генерал-майора полиции", "генерал-майору полиции", "генерал-майором полиции", "генерал-майоры полиции"],
        );
        has("Национальное центральное бюро", "", &["Национальным центральным бюро", "Национального центрального бюро"]);
        has("Санкт-Петербург", "", &["Санкт-Петербурге", "Санкт-Петербургом"]);
        has("Орёл", "gen=Орла", &["Орла", "Орле", "Орлом"]);
        has("Орёл", "", &["Орла", "Орле", "Орлом"]);
        has(
            "старший лейтенант полиции",
            "",
            &["старшего лейтенанта полиции", "старшим лейтенантом полиции", "старшие лейтенанты полиции"],
        );
        has("Российская Федерация", "", &["Российской Федерации", "Российскую Федерацию", "Российской Федерацией"]);
        has("Министерство внутренних дел", "", &["Министерства внутренних дел", "Министерством внутренних дел"]);
        has("рядовой полиции", "", &["рядового полиции", "рядовым полиции"]);
        has("Ростов-на-Дону", "", &["Ростова-на-Дону", "Ростове-на-Дону"]);
        has("Казань", "", &["Казани", "Казанью"]);
        has("Франция", "", &["Франции", "Францию", "Францией"]);
        has("Главное управление", "", &["Главного управления", "Главном управлении"]);
    }

    #[test]
    fn long_terms_do_not_explode() {
        // Found by the declension fuzzer: twenty agreeing words with two endings each once
        // made a million phrases per case.
        let term = format!("{}бюро", "синяя ".repeat(20));
        assert!(forms(&term, &Hints::default()).len() < 100);
    }

    #[test]
    fn names_are_singular_bodies_have_plurals_and_indeclinables_stay() {
        let lyon = forms("Лион", &Hints::default());
        assert!(!lyon.iter().any(|f| f.starts_with("Лионы")), "{lyon:?}");
        let ncb = forms("Национальное центральное бюро Интерпола", &Hints::default());
        // A body's name in the plural is a kind of body, in lower case.
        assert!(ncb.iter().any(|f| f == "национальных центральных бюро Интерпола"), "{ncb:?}");
        assert!(ncb.iter().any(|f| f == "национальными центральными бюро Интерпола"), "{ncb:?}");
        let singular = forms("Генеральный секретариат", &Hints::parse("singular").unwrap());
        assert!(!singular.iter().any(|f| f.contains("секретариаты")), "{singular:?}");
        assert_eq!(super::forms("бюро", &Hints::default()), ["бюро"]);
        assert_eq!(super::forms("МВД", &Hints::default()), ["МВД"]);
    }
}

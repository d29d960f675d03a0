//! A generated house-layout glossary of institutions, as large as a bench asks for.
#![allow(unreachable_pub)]

use std::fmt::Write as _;

const ADJECTIVES: [(&str, &str); 15] = [
    ("Главный", "Main"),
    ("Центральный", "Central"),
    ("Региональный", "Regional"),
    ("Федеральный", "Federal"),
    ("Национальный", "National"),
    ("Специальный", "Special"),
    ("Оперативный", "Operational"),
    ("Следственный", "Investigative"),
    ("Экспертный", "Expert"),
    ("Криминалистический", "Forensic"),
    ("Информационный", "Information"),
    ("Правовой", "Legal"),
    ("Международный", "International"),
    ("Кадровый", "Personnel"),
    ("Организационный", "Organisational"),
];
const NOUNS: [(&str, &str); 10] = [
    ("отдел", "Division"),
    ("департамент", "Department"),
    ("центр", "Centre"),
    ("комитет", "Committee"),
    ("штаб", "Headquarters"),
    ("институт", "Institute"),
    ("совет", "Council"),
    ("сектор", "Sector"),
    ("надзор", "Supervision"),
    ("архив", "Archive"),
];
const TOPICS: [(&str, &str); 18] = [
    ("полиции", "Police"),
    ("юстиции", "Justice"),
    ("миграции", "Migration"),
    ("безопасности", "Security"),
    ("связи", "Communications"),
    ("кадров", "Personnel"),
    ("розыска", "Search"),
    ("охраны", "Protection"),
    ("контроля", "Control"),
    ("обеспечения", "Support"),
    ("анализа", "Analysis"),
    ("планирования", "Planning"),
    ("финансов", "Finance"),
    ("транспорта", "Transport"),
    ("экономики", "Economy"),
    ("информации", "Information"),
    ("протокола", "Protocol"),
    ("расследований", "Investigations"),
];
const PLACES: [(&str, &str); 15] = [
    ("Москвы", "Moscow"),
    ("Самары", "Samara"),
    ("Казани", "Kazan"),
    ("Твери", "Tver"),
    ("Омска", "Omsk"),
    ("Перми", "Perm"),
    ("Уфы", "Ufa"),
    ("Орла", "Oryol"),
    ("Сочи", "Sochi"),
    ("Мурманска", "Murmansk"),
    ("Иркутска", "Irkutsk"),
    ("Калининграда", "Kaliningrad"),
    ("Ярославля", "Yaroslavl"),
    ("Архангельска", "Arkhangelsk"),
    ("Хабаровска", "Khabarovsk"),
];

/// A house-layout glossary of `concepts` institutions (`Главный отдел полиции Москвы` → `Main
/// Police Division of Moscow`), each with a forbidden calque, numbered when the combinations
/// run out.
pub fn glossary(concepts: usize) -> String {
    let mut out = String::from("id\tru\ten\tforbidden\n");
    let per_round = ADJECTIVES.len() * NOUNS.len() * TOPICS.len() * PLACES.len();
    for i in 0..concepts {
        let (a, rest) = (i % ADJECTIVES.len(), i / ADJECTIVES.len());
        let (n, rest) = (rest % NOUNS.len(), rest / NOUNS.len());
        let (t, rest) = (rest % TOPICS.len(), rest / TOPICS.len());
        let p = rest % PLACES.len();
        let round = i / per_round;
        let suffix = if round == 0 { String::new() } else { format!(" № {round}") };
        let (ru_a, en_a) = ADJECTIVES[a];
        let (ru_n, en_n) = NOUNS[n];
        let (ru_t, en_t) = TOPICS[t];
        let (ru_p, en_p) = PLACES[p];
        let _ = writeln!(
            out,
            "c{i}\t{ru_a} {ru_n} {ru_t} {ru_p}{suffix}\t{en_a} {en_t} {en_n} of {en_p}{suffix}\t{en_a} {en_n} of {en_t} of {en_p}{suffix}"
        );
    }
    out
}

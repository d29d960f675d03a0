use super::rule;

rule! {
    /// A suppression comment that does not say why (only with `--require-reason`).
    ///
    /// Why: an accepted finding is a decision an editor made; the next editor needs the
    /// reason to know whether it still holds. With `--require-reason` (or `require-reason =
    /// true` under `[check]` in tm.toml) a suppression without text after its rules is an
    /// error. The suppression still applies.
    ///
    /// Example: `<!-- tm: ignore[TM101] -->`.
    ///
    /// Fix: `<!-- tm: ignore[TM101] the restaurant is called "Lion" -->`.
    RULE { code: "TM502", name: "suppression-without-reason", severity: Error, bilingual: false, phase: Suppressions }
}

use super::rule;

rule! {
    /// A `tm:` comment that cannot be read.
    ///
    /// An unknown directive, an unknown rule, a bracket left open. Why: a misspelt suppression silently suppressing nothing would leave the editor
    /// believing a finding was dealt with. It suppresses nothing and is reported.
    ///
    /// Example: `<!-- tm: ignore[TM1O1] -->` (a letter O), `<!-- tm: ignroe -->`.
    ///
    /// Fix: `ignore[CODE, …] reason` or `ignore-file[CODE, …] reason`, with codes or names
    /// from `tm rule --all`.
    RULE { code: "TM503", name: "invalid-suppression", severity: Error, bilingual: false, phase: Suppressions }
}

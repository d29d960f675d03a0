use super::rule;

rule! {
    /// A suppression comment that suppresses nothing.
    ///
    /// Why: once the finding it silenced is fixed (or the rule is turned off), a suppression
    /// only hides the next real finding in that sentence. Like ruff's unused `noqa`, it is
    /// reported at the comment; `--fix` removes it.
    ///
    /// Example: `<!-- tm: ignore[TM101] -->` before a sentence that now says "Lyon".
    ///
    /// Fix: delete the comment, or name the rule that really fires.
    RULE { code: "TM501", name: "unused-suppression", severity: Warning, bilingual: false, phase: Suppressions }
}

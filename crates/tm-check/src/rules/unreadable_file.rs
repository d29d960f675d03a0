use super::rule;

rule! {
    /// A file in the tree that cannot be checked.
    ///
    /// Unreadable, missing, binary, not valid UTF-8 (or UTF-16 with a byte-order mark), or a
    /// symbolic link loop. Why: a release the checks silently skip is a release nobody reviewed. The file is
    /// reported and every other file is still checked.
    ///
    /// Example: a `.txt` saved as Windows-1251, a PDF renamed `.txt`, a folder without read
    /// permission.
    ///
    /// Fix: save the file as UTF-8, or exclude it under `[files] exclude` in tm.toml.
    RULE { code: "TM901", name: "unreadable-file", severity: Error, bilingual: false, phase: Inputs }
}

//! URLs as Weblate's tmserver machinery builds them, for the tests and the load bench of
//! `tm serve` (included with `#[path]`).
#![allow(dead_code, unreachable_pub)]

/// Percent-encodes a path segment as Python's `quote(part, b"")` does (Weblate's
/// `get_api_url`): everything but letters, digits and `_.-~`, slashes included.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"_.-~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

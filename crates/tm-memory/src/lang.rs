//! Language tags as translation tools write them: see [`tm_text::lang`], where they are
//! parsed for every layer; re-exported here for the memory's callers.

pub use tm_text::lang::{is_plausible, match_quality, primary};

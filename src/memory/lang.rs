//! Language tags as translation tools write them: see [`crate::text::lang`], where they are
//! parsed for every layer; re-exported here for the memory's callers.

pub use crate::text::lang::{is_plausible, match_quality, primary};

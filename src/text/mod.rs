//! Text: the one place that calls the shaper.

pub mod shape;

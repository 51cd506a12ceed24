//! Text: the styled runs that every stage shares ([`style`], which uses
//! nothing else from the crate), and the one place that calls the shaper
//! ([`shape`]).

pub mod shape;
pub mod style;

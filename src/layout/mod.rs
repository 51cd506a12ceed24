//! Layout: build measured blocks, break lines, place them on the page.

pub mod build;
pub mod fit;
pub mod frame;
pub mod linebreak;
pub mod place;

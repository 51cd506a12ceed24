//! Layout: build measured blocks, break lines, place them on the page, and
//! fit them to it. The placed [`frame::Page`] is the stages' public output.

crate::stage!(build);
crate::stage!(cjk);
crate::stage!(fit);
pub mod frame;
crate::stage!(linebreak);
crate::stage!(paginate);
crate::stage!(place);

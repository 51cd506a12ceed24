//! Conversions between résumé formats: JSON Resume in and out, plain text
//! and Markdown out.

pub mod jsonresume;
pub mod text;

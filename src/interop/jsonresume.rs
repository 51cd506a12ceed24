//! JSON Resume (schema v1) import and export.

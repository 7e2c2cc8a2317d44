//! Search: the Dutch analyzer shared by indexing and querying, the tantivy index a build writes, and queries
//! against it. Reads the resolved site; writes only into the search index folder.

pub mod analyzer;
pub mod client;
pub mod index;
pub mod query;
pub mod score;

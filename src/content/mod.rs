//! Loading and validating the content folder: Markdown files with YAML front matter, one schema per content type.
//!
//! This stage reads `content/` (and nothing else), checks every file's front matter against its type's schema and
//! gives the typed pages and the list of other files (assets). It does not render Markdown or resolve links
//! between pages: that is `site`'s job.

mod frontmatter;
mod load;
mod locate;
mod model;

pub use frontmatter::{FIELDS_COMMON, ONDERWIJSTYPES};
pub use load::{is_changed, load, reload, Cache, Changed, Loaded};
pub use model::*;

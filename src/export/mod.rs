//! Exports: renderers over the resolved site that write something other than the website. `pdf` typesets the
//! printed handbook.

pub mod pdf;

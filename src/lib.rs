//! kennisbank: a static-site generator for knowledge bases and methodology handbooks.
//!
//! A build is a one-way flow: [`content`] loads and validates the site folder, [`markdown`] renders each page's
//! body, [`site`] resolves links, references, taxonomies and backlinks into one site model, [`render`] applies
//! the theme to it and writes the site through [`output`]. [`build`] drives the stages; [`check`] runs them without
//! writing, for a review; [`serve`] rebuilds and serves while an editor works; `main.rs` is the CLI.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod export;
pub mod init;
pub mod markdown;
pub mod new;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;

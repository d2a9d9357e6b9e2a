//! Integration tests: each copies a fixture site to a temporary folder, builds it with
//! the `rumourmill` binary and checks the parsed output.

#![allow(clippy::unwrap_used, reason = "a test helper that meets an error should fail the test")]

mod author;
mod bad_input;
mod blog;
mod build;
mod claims;
#[path = "../../benches/support/corpus.rs"]
mod corpus;
mod fuzzed;
mod kill;
mod markup;
mod money;
mod names;
mod publish;
mod reader;
mod serve;
mod support;
mod theme;
mod transfers;

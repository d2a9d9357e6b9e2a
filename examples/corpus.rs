//! Writes a generated transfer blog for benchmarks; see `benches/support/corpus.rs`.
//!
//! ```text
//! cargo run --release --example corpus -- ARTICLES OUTPUT_FOLDER [SEED]
//! ```

use std::path::Path;

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: corpus ARTICLES OUTPUT_FOLDER [SEED]");
        std::process::exit(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = Path::new(out);
    if out.exists() {
        eprintln!("{} exists; remove it first", out.display());
        std::process::exit(2);
    }
    corpus::generate(count, out, seed);
    println!("wrote {count} articles to {}", out.display());
}

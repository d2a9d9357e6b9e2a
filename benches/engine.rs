//! The engine on a generated site of 10,000 articles, with criterion:
//! `cargo bench --bench engine`. Updating the model after an author saves one article,
//! and rendering one page alone, as `serve` does. Whole builds are timed by
//! `bench/build.py`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rumourmill::engine::Engine;

#[path = "support/corpus.rs"]
mod corpus;

// The allocator the command uses, so that the figures are those an author sees.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An article of the corpus with a rumour, by its path from the site root.
fn article_with_rumour(root: &Path) -> PathBuf {
    let articles = root.join("content/articles");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&articles)
        .into_iter()
        .map(|entry| entry.expect("a readable corpus").into_path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let middle = files.len() / 2;
    let found = files[middle..]
        .iter()
        .find(|path| std::fs::read_to_string(path).is_ok_and(|text| text.contains("[[rumours]]")))
        .expect("an article with a rumour");
    found.strip_prefix(root).expect("below the root").to_path_buf()
}

/// Writes `text` with `from` replaced by `to` at `path`, as an author saving it.
fn save(root: &Path, path: &Path, text: &str, from: &str, to: &str) {
    std::fs::write(root.join(path), text.replacen(from, to, 1)).expect("the article is written");
}

fn engine(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    corpus::generate(10_000, &root, 1);
    let mut engine = Engine::load(&root).expect("the site models");
    let article = article_with_rumour(&root);
    let text = std::fs::read_to_string(root.join(&article)).expect("the article reads");
    let status = ["interest", "talks", "bid", "agreed", "medical", "done", "off", "rumour"]
        .into_iter()
        .find(|status| text.contains(&format!("status = \"{status}\"")))
        .expect("a rumour's status");

    let mut group = c.benchmark_group("10000 articles");
    group.sample_size(30);
    let changed = [article.clone()];
    let mut turn = 0usize;
    // Each run saves a new version of the article, untimed, and times the update.
    group.bench_function("update after a body edit", |b| {
        b.iter_batched(
            || {
                turn += 1;
                let body = format!("is *central* to the plans, says report {turn}.");
                save(&root, &article, &text, "is *central* to the plans.", &body);
            },
            |()| engine.update(&changed).expect("the site models"),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("update after a rumour's status changes", |b| {
        b.iter_batched(
            || {
                turn += 1;
                let now = if turn.is_multiple_of(2) { "off" } else { "done" };
                save(
                    &root,
                    &article,
                    &text,
                    &format!("status = \"{status}\""),
                    &format!("status = \"{now}\""),
                );
            },
            |()| engine.update(&changed).expect("the site models"),
            BatchSize::PerIteration,
        );
    });
    save(&root, &article, &text, "", "");
    engine.update(&changed).expect("the site models");

    let paths = engine.paths();
    let page = |prefix: &str| {
        // The page of that kind with the most to show: the longest, as the full build made it.
        paths
            .iter()
            .filter(|path| {
                path.starts_with(prefix) && path.ends_with("/index.html") && path.len() > prefix.len() + 11
            })
            .max_by_key(|path| engine.render(path).map_or(0, |bytes| bytes.map_or(0, |b| b.len())))
            .expect("a page of that kind")
            .clone()
    };
    for kind in ["articles/", "players/", "clubs/"] {
        let path = page(kind);
        group.bench_function(format!("render the largest {} page alone", kind.trim_end_matches("s/")), |b| {
            b.iter(|| engine.render(black_box(&path)).expect("a page").expect("renders"));
        });
    }
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);

//! Each stage of a build on a generated site of 1,000 articles, with criterion:
//! `cargo bench --bench stages`. The whole-build figures for 1,000 to 100,000 articles
//! come from `bench/build.py`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rumourmill::stages;

#[path = "support/corpus.rs"]
mod corpus;

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    corpus::generate(1_000, &root, 1);
    let output = dir.path().join("public");

    let loaded = stages::load(&root).expect("the site loads");
    let model = || stages::model(&loaded).expect("the site models");

    let mut group = c.benchmark_group("1000 articles");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| stages::load(black_box(&root)).expect("loads")));
    group.bench_function("model", |b| b.iter(|| stages::model(black_box(&loaded)).expect("models")));
    // Rendering consumes the article bodies, so each run renders a model of its own.
    group.bench_function("render", |b| {
        b.iter_batched(model, |modelled| stages::render(modelled).expect("renders"), BatchSize::LargeInput)
    });
    group.bench_function("render and write", |b| {
        let write = |modelled| stages::render_and_write(modelled, &output).expect("writes");
        b.iter_batched(model, write, BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

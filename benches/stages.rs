//! Each stage of a build on a generated site of 1,000 articles, with criterion:
//! `cargo bench --bench stages`. The whole-build figures for 1,000 to 100,000 articles
//! come from `bench/build.sh`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rumourmill::stages;

#[path = "support/corpus.rs"]
mod corpus;

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("site");
    corpus::generate(1_000, &root, 1);
    let output = dir.path().join("public");

    let loaded = stages::load(&root).expect("the site loads");
    let modelled = stages::model(&loaded).expect("the site models");

    let mut group = c.benchmark_group("1000 articles");
    group.sample_size(20);
    group.bench_function("load", |b| b.iter(|| stages::load(black_box(&root)).expect("loads")));
    group.bench_function("model", |b| b.iter(|| stages::model(black_box(&loaded)).expect("models")));
    group.bench_function("render", |b| b.iter(|| stages::render(black_box(&modelled)).expect("renders")));
    group.bench_function("render and write", |b| {
        b.iter(|| stages::render_and_write(black_box(&modelled), &output).expect("writes"))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

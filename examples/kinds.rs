#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
fn main() {
    let e = rumourmill::engine::Engine::load(std::path::Path::new("/dev/shm/rumourmill-bench/corpus-10000"))
        .unwrap();
    let mut by: std::collections::BTreeMap<String, (usize, std::time::Duration)> = Default::default();
    for p in e.paths() {
        let kind = if p.ends_with(".xml") || p.ends_with(".json") {
            format!("feed/data {}", p.split('/').next().unwrap())
        } else {
            p.split('/').next().unwrap().to_string()
        };
        let kind = if kind.ends_with(".html") || kind.ends_with(".css") { "file".into() } else { kind };
        let t = std::time::Instant::now();
        let _ = e.render(&p).unwrap().unwrap();
        let d = t.elapsed();
        let entry = by.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += d;
    }
    for (k, (n, d)) in by {
        println!("{k:20} {n:6} {:8.1} ms", d.as_secs_f64() * 1000.0);
    }
}

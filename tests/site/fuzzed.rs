//! Every input the fuzz targets in `fuzz/` keep, run through the same entry points:
//! the inputs that once crashed them (`fuzz/regressions/`) and their named seeds
//! (`fuzz/seeds/`). A corpus grown locally stays out of git and out of these tests.

use std::path::Path;

fn each_input(target: &str, run: fn(&str)) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for folder in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(folder).join(target)) else { continue };
        for entry in entries {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            // libFuzzer hands a `&str` target only the inputs that are UTF-8.
            if let Ok(text) = std::str::from_utf8(&bytes) {
                run(text);
                count += 1;
            }
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn front_matter_inputs() {
    each_input("front_matter", rumourmill::fuzz::front_matter);
}

#[test]
fn article_inputs() {
    each_input("article", rumourmill::fuzz::article);
}

#[test]
fn config_inputs() {
    each_input("config", rumourmill::fuzz::config);
}

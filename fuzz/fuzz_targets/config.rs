#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| rumourmill::fuzz::config(text));

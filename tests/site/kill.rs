//! Builds stopped at random moments, by SIGKILL and by Ctrl-C's SIGINT: each leaves the
//! output whole, the previous site or the new one, and the next build succeeds.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::snapshot_tree;

use crate::corpus;

#[test]
#[cfg(unix)]
fn builds_stopped_at_random_moments_leave_the_old_output_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    corpus::generate(150, &root, 24);
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    // Two sites, told apart by their title, built in turn.
    let versions = [config.clone(), config.replace("Benchmark Mill", "Deadline Day")];
    let build = |output: &std::path::Path| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_rumourmill"));
        command.args(["build", "--output", output.to_str().unwrap()]);
        command.current_dir(&root).stdout(Stdio::null()).stderr(Stdio::null());
        command
    };
    let mut sites = Vec::new();
    for (n, version) in versions.iter().enumerate() {
        std::fs::write(root.join("config.toml"), version).unwrap();
        let output = dir.path().join(format!("site-{n}"));
        assert!(build(&output).status().unwrap().success());
        sites.push(snapshot_tree(&output));
    }
    assert_ne!(sites[0], sites[1]);

    // The stops are timed by the longest rebuild, which also replaces an earlier output.
    let output = root.join("public");
    let mut longest = Duration::ZERO;
    for version in versions.iter().chain(&versions) {
        std::fs::write(root.join("config.toml"), version).unwrap();
        let start = Instant::now();
        assert!(build(&output).status().unwrap().success());
        longest = longest.max(start.elapsed());
    }
    let mut rng = fastrand::Rng::with_seed(2024);
    let mut stopped_running = 0;
    for n in 0..60 {
        std::fs::write(root.join("config.toml"), &versions[n % 2]).unwrap();
        let mut child = build(&output).spawn().unwrap();
        // Anywhere from the start to a little past the end of a build.
        std::thread::sleep(longest.mul_f64(rng.f64() * 1.2));
        let signal = if n % 3 == 0 { "-INT" } else { "-KILL" };
        let running = child.try_wait().unwrap().is_none();
        let _ = Command::new("kill").args([signal, &child.id().to_string()]).status();
        let _ = child.wait();
        stopped_running += usize::from(running);
        let now = snapshot_tree(&output);
        assert!(sites.contains(&now), "stop {n} ({signal}) left an output that is neither site");
    }
    // Enough stops fell while a build ran, however the other tests sharing the cores
    // stretched or shrank the builds against the timed ones.
    assert!(stopped_running >= 10, "only {stopped_running} of 60 stops fell during a build");
    std::fs::write(root.join("config.toml"), &versions[1]).unwrap();
    assert!(build(&output).status().unwrap().success(), "the next build succeeds");
    assert!(snapshot_tree(&output) == sites[1]);
    let mut beside: Vec<_> =
        std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    beside.sort();
    assert_eq!(beside, ["config.toml", "content", "public"]);
}

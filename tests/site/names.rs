//! `check` over real club and player names (`tests/names/`): different clubs and players
//! whose names share a word or most of their letters pass, misspellings of a profiled
//! name fail, and accent, case and hyphen variants are the profiled entity itself.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use crate::support::{TestSite, stderr};

fn list(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/names").join(name)).unwrap()
}

fn names(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

fn pairs(text: &str) -> Vec<(&str, &str)> {
    names(text).into_iter().map(|line| line.split_once(" = ").unwrap()).collect()
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|name| format!("\"{name}\"")).collect::<Vec<_>>().join(", ")
}

#[test]
fn check_fails_on_real_misspellings_and_on_no_real_name() {
    let (clubs, players) = (list("clubs.txt"), list("players.txt"));
    let (clubs, players) = (names(&clubs), names(&players));
    let (misspellings, variants) = (list("misspellings.txt"), list("variants.txt"));
    let (misspellings, variants) = (pairs(&misspellings), pairs(&variants));
    let meant: BTreeSet<&str> = misspellings.iter().chain(&variants).map(|(_, name)| *name).collect();

    // Every other club and player has a profile, and every name misspelt or varied; the
    // rest are named in an article beside the misspellings and variants.
    let site = TestSite::copy("minimal");
    // The corpus gives Trent his profile.
    std::fs::remove_file(site.root.join("content/players/trent-alexander-arnold.md")).unwrap();
    let mut named = [Vec::new(), Vec::new()];
    for (kind, list) in [("clubs", &clubs), ("players", &players)] {
        for (i, name) in list.iter().enumerate() {
            if i % 2 == 0 || meant.contains(name) {
                site.write(
                    &format!("content/{kind}/{kind}-{i}.md"),
                    &format!("+++\nname = \"{name}\"\n+++\n"),
                );
            } else {
                named[usize::from(kind == "players")].push(*name);
            }
        }
    }
    for (written, name) in misspellings.iter().chain(&variants) {
        named[usize::from(players.contains(name))].push(written);
    }
    let mut article = String::from("+++\ntitle = \"Every name\"\ndate = 2025-06-01\n");
    writeln!(article, "clubs = [{}]\nplayers = [{}]\n+++\nA round-up.", quoted(&named[0]), quoted(&named[1]))
        .unwrap();
    site.write("content/articles/2025-06-01-every-name.md", &article);

    let output = site.run(&["check"], &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let said = stderr(&output);
    // Each error, as the name written and the name it is taken for.
    let errors: Vec<(&str, &str)> = said
        .lines()
        .filter_map(|line| line.strip_prefix("error: the "))
        .filter_map(|line| {
            let (_, rest) = line.split_once(" `")?;
            let (written, rest) = rest.split_once("` has no profile, but is close to `")?;
            Some((written, rest.strip_suffix("`, which has")?))
        })
        .collect();
    assert_eq!(
        said.matches("\nerror").count() + usize::from(said.starts_with("error")),
        errors.len() + 1,
        "{said}"
    );
    for (written, taken_for) in &errors {
        assert!(misspellings.contains(&(written, taken_for)), "`{written}` taken for `{taken_for}`");
    }
    let caught = errors.len();
    assert!(caught * 10 >= misspellings.len() * 9, "caught {caught} of {}", misspellings.len());
    for (written, _) in &variants {
        assert!(!said.contains(&format!("`{written}`")), "{written} is the profiled entity: {said}");
    }
}

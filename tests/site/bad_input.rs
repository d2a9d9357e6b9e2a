//! Bad input: one fixture for each fault, each over the `minimal` site, with the exact
//! message snapshotted. Every failed build exits 1 and writes nothing.

use crate::support::{TestSite, stderr};

/// Builds the `bad/NAME` fixture and returns what it printed, after checking that it
/// failed with status 1 and wrote no output.
fn fails(name: &str) -> String {
    let site = TestSite::bad(name);
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
    assert!(!site.public().exists(), "{name}: a failed build wrote output");
    assert!(output.stdout.is_empty(), "{name}: {}", String::from_utf8_lossy(&output.stdout));
    stderr(&output)
}

macro_rules! bad_input {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(stringify!($name), fails(stringify!($name)));
        }
    )*};
}

bad_input!(
    article_unknown_field,
    article_missing_date,
    article_bad_date,
    rumour_bad_status,
    rumour_bad_deal,
    rumour_missing_to,
    front_matter_unclosed,
    front_matter_missing,
    yaml_syntax,
    wikilink_unknown,
    config_unknown_key,
    config_bad_timezone,
    duplicate_slug,
    empty_slug,
    template_syntax,
    template_unknown_variable,
    profile_name_taken,
    page_reserved_name,
    many_faults,
    wikilink_ambiguous,
    source_bad_tier,
);

#[test]
fn the_minimal_site_itself_builds() {
    TestSite::copy("minimal").build_ok(&[]);
}

#[test]
fn a_folder_without_config_is_an_error() {
    let site = TestSite::copy("minimal");
    std::fs::remove_file(site.root.join("config.toml")).unwrap();
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: the site has no config.toml\n--> config.toml:1:1"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::copy("minimal");
    for args in [&["build", "--no-such-flag"][..], &[], &["publish"]] {
        let output = site.run(args, &[]);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn help_and_version_work_everywhere() {
    let site = TestSite::copy("minimal");
    for args in [&["--help"][..], &["--version"], &["build", "--help"], &["build", "--version"]] {
        let output = site.run(args, &[]);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
    }
    let version = site.run(&["--version"], &[]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("rumourmill {}", env!("CARGO_PKG_VERSION"))
    );
}

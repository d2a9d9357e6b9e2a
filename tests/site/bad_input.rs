//! Bad input: one fixture for each fault, each laid over the `minimal` site, with the
//! exact message snapshotted. Every failed build exits 1 and leaves the previous output
//! as it was; `check` fails on the same errors.

use crate::support::{TestSite, snapshot_tree, stderr};

/// Builds the `minimal` site, lays the `bad/NAME` fixture over it and builds again;
/// returns what the second build printed, after checking that it failed with status 1,
/// left the first build's output as it was and nothing beside it, and that `check`
/// reports the same errors.
fn fails(name: &str) -> String {
    let site = TestSite::built_then_broken(name);
    let before = snapshot_tree(&site.public());
    let output = site.build(&[]);
    assert_eq!(output.status.code(), Some(1), "{name}: {}", stderr(&output));
    assert!(output.stdout.is_empty(), "{name}: {}", String::from_utf8_lossy(&output.stdout));
    assert!(snapshot_tree(&site.public()) == before, "{name}: a failed build changed the output");
    let beside: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("public") && name != "public")
        .collect();
    assert!(beside.is_empty(), "{name}: left beside the output: {beside:?}");
    let checked = site.run(&["check"], &[]);
    assert_eq!(checked.status.code(), Some(1), "{name}: check: {}", stderr(&checked));
    let errors = stderr(&output);
    for line in errors.lines().filter(|line| line.starts_with("error: ") && !line.ends_with("found")) {
        assert!(stderr(&checked).contains(line), "{name}: check does not report {line:?}");
    }
    errors
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
    config_unknown_currency,
    config_window_closes_before_it_opens,
    config_windows_overlap,
    rumour_fee_no_rate,
    rumour_fee_negative,
    rumour_fee_unknown_currency,
    article_unknown_field,
    article_missing_date,
    article_bad_date,
    article_date_day_first,
    article_date_day_first_quoted,
    config_paginate_by_not_a_number,
    rumour_bad_status,
    rumour_dated_after_article,
    update_before_article,
    update_link_not_a_link,
    alias_taken,
    alias_not_from_root,
    rumour_source_url_not_web,
    rumour_source_unknown_key,
    rumour_via_is_source,
    yaml_source_url_not_web,
    rumour_bad_deal,
    rumour_missing_to,
    front_matter_unclosed,
    front_matter_missing,
    yaml_syntax,
    yaml_rumours_a_table,
    wikilink_unknown,
    wikilink_two_kinds_one_profile,
    config_unknown_key,
    config_bad_timezone,
    config_cname_not_base_url,
    duplicate_slug,
    empty_slug,
    template_syntax,
    template_unknown_variable,
    profile_name_taken,
    page_reserved_name,
    many_faults,
    wikilink_ambiguous,
    source_bad_tier,
    article_date_out_of_range,
    article_updated_out_of_range,
    source_url_not_a_link,
    player_image_not_a_link,
    markdown_link_not_a_link,
    markdown_image_not_a_link,
    markdown_html_not_a_link,
    markdown_inline_html_not_a_link,
    article_every_wrong_value,
    yaml_every_wrong_value,
    config_every_wrong_value,
    wikilink_ambiguous_mentions,
    wikilink_without_text,
    rumour_from_is_to,
    template_extends_loop,
    template_include_loop,
    template_component_recursion,
    article_missing_title,
    article_title_not_text,
    article_draft_not_bool,
    article_tags_not_a_list,
    article_empty_name,
    article_name_too_long,
    article_slug_too_long,
    rumour_missing_player,
    rumour_missing_status,
    rumour_misspelt_field,
    rumour_empty_source,
    yaml_unknown_field,
    yaml_unclosed,
    toml_unclosed_string,
    config_missing_title,
    config_base_url_not_a_url,
    config_paginate_by_zero,
    player_unknown_field,
    player_born_not_a_date,
    club_missing_name,
    page_missing_title,
    wikilink_unknown_club,
    template_unknown_filter,
    template_missing_parent,
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
fn a_bad_base_url_is_a_usage_error() {
    let site = TestSite::copy("minimal");
    let output = site.build(&["--base-url", "notaurl"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: --base-url: `notaurl` is not a URL: relative URL without a base; give one such as https://example.com/blog/\n"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_root_that_is_not_a_folder_is_named() {
    let site = TestSite::copy("minimal");
    for command in ["build", "check"] {
        let output = site.run(&[command, "--root", "no-such-site"], &[]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(
            stderr(&output),
            "error: --root: `no-such-site` is not a folder; give the folder that holds the site's config.toml\n"
        );
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

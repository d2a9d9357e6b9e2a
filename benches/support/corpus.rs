//! A large, realistic transfer blog for benchmarks: N articles of 500 to 700 words, each
//! naming 1 to 3 players and 2 clubs, with 1 or 2 tags and 1 or 2 rumours, about one
//! player for every ten articles, each linked with two to five clubs, and profiles for a third of the players and half the
//! clubs and sources. As in a real round-up, a fifth of the rumours restate a claim made
//! days before, a third of the sources cited link their report and one in eight was read
//! in another outlet; one article in twenty has live updates, one in a hundred a
//! correction and one in fifty an old path as an alias. The same seed gives the same site.

use std::fmt::Write as _;
use std::path::Path;

const FIRST: &[&str] = &[
    "Luca", "Mateo", "João", "Kai", "Rúben", "Marcus", "Théo", "Jonás", "Declan", "Pedri", "Erling",
    "Florian", "Viktor", "Khvicha", "Bukayo", "Jamal", "Rafael", "Dušan", "Ángel", "Youssef", "Ibrahima",
    "Takefusa", "Kim", "Sandro", "Nico", "Warren", "Alexis", "Joško", "Benjamin", "Cristian",
];
const LAST: &[&str] = &[
    "Silva",
    "Moreno",
    "Fernández",
    "Müller",
    "Okafor",
    "Novak",
    "Kowalski",
    "Dubois",
    "Rossi",
    "Jensen",
    "García",
    "Petrović",
    "Yilmaz",
    "Nakamura",
    "Osei",
    "Andersson",
    "Costa",
    "Schmidt",
    "Lindqvist",
    "Mbeki",
    "Varga",
    "Herrera",
    "Kovačić",
    "Ødegaard",
    "Haaland",
    "Ramírez",
    "Duarte",
    "Sørensen",
    "Ivanov",
    "Banda",
    "Adeyemi",
    "Castillo",
    "Horvat",
    "Tanaka",
    "Lemaire",
];
const CITIES: &[&str] = &[
    "Madrid",
    "London",
    "Milan",
    "Lisbon",
    "Porto",
    "Munich",
    "Dortmund",
    "Paris",
    "Lyon",
    "Marseille",
    "Turin",
    "Rome",
    "Naples",
    "Seville",
    "Valencia",
    "Amsterdam",
    "Eindhoven",
    "Glasgow",
    "Istanbul",
    "Manchester",
    "Liverpool",
    "Leeds",
    "Newcastle",
    "Brighton",
    "Bilbao",
    "Leverkusen",
    "Bruges",
    "Salzburg",
    "Zagreb",
    "Belgrade",
    "Athens",
    "Kyiv",
    "Prague",
    "Vienna",
    "Basel",
    "Copenhagen",
    "Stockholm",
    "Oslo",
    "Warsaw",
    "Genoa",
];
const KINDS: &[&str] =
    &["United", "City", "Athletic", "Sporting", "Real", "FC", "Olympique", "Dynamo", "Racing", "Rovers"];
const OUTLETS: &[&str] =
    &["Gazette", "Sport", "Post", "Mirror", "Chronicle", "Times", "Herald", "Express", "Courier", "Tribune"];
const LEAGUES: &[&str] = &["First Division", "Second Division"];
const STATUSES: &[&str] = &["rumour", "interest", "talks", "bid", "agreed", "medical", "done", "off"];
const DEALS: &[&str] = &["permanent", "permanent", "permanent", "loan", "free", "extension"];
const TAGS: &[&str] = &[
    "premier-league",
    "la-liga",
    "serie-a",
    "bundesliga",
    "ligue-1",
    "loans",
    "free-agents",
    "deadline-day",
    "contracts",
    "youth",
    "goalkeepers",
    "strikers",
    "defenders",
    "midfielders",
    "records",
];
const WORDS: &[&str] = &[
    "the",
    "club",
    "deal",
    "player",
    "fee",
    "contract",
    "sources",
    "talks",
    "move",
    "summer",
    "window",
    "agent",
    "board",
    "manager",
    "season",
    "squad",
    "striker",
    "defender",
    "midfield",
    "goal",
    "bid",
    "offer",
    "rival",
    "interest",
    "medical",
    "clause",
    "release",
    "wages",
    "terms",
    "agreement",
    "loan",
    "option",
    "buy",
    "report",
    "understood",
    "close",
    "final",
    "stages",
    "negotiations",
    "is",
    "are",
    "has",
    "have",
    "with",
    "for",
    "and",
    "a",
    "to",
    "of",
    "in",
    "on",
    "that",
    "after",
    "before",
    "despite",
    "while",
    "across",
    "league",
    "cup",
    "title",
    "champions",
    "european",
    "domestic",
    "coach",
    "training",
    "fitness",
    "form",
    "market",
    "valuation",
    "million",
    "euros",
    "pounds",
    "including",
    "add-ons",
    "bonuses",
    "year",
    "years",
    "deadline",
    "announcement",
    "expected",
];

struct Names {
    players: Vec<String>,
    clubs: Vec<String>,
    sources: Vec<String>,
    /// Each player's club and the two to five clubs linked with them, by position in
    /// `clubs`: a player in the news is linked with a handful of clubs, not with all.
    moves: Vec<(usize, Vec<usize>)>,
}

/// Writes a site of `count` articles into `out`, which must not exist yet.
pub(crate) fn generate(count: usize, out: &Path, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let names = names(&mut rng, count);
    // Each league's summer and winter windows over the ten years the articles span.
    let mut config = format!(
        "title = \"Benchmark Mill\"\nbase_url = \"https://example.github.io/bench/\"\ndescription = \"{count} generated transfer stories\"\ntimezone = \"Europe/London\"\npaginate_by = 20\ncurrency = \"EUR\"\n\n[rates]\nGBP = 1.17\n"
    );
    for league in LEAGUES {
        for year in 2016..=2026 {
            let _ = write!(
                config,
                "\n[[windows]]\nleague = \"{league}\"\nname = \"Winter {year}\"\nopens = {year}-01-01\ncloses = {year}-02-01T23:00:00Z\n\n[[windows]]\nleague = \"{league}\"\nname = \"Summer {year}\"\nopens = {year}-06-15\ncloses = {year}-09-01T19:00:00+01:00\n"
            );
        }
    }
    write(out, "config.toml", &config);
    profiles(out, &mut rng, &names);
    for n in 0..count {
        let (path, text) = article(&mut rng, &names, n, count);
        write(out, &path, &text);
    }
    write(out, "content/pages/about.md", "+++\ntitle = \"About\"\n+++\n\nGenerated for benchmarks.\n");
}

/// About one player per ten articles, a club per hundred (at least 40), and 60 sources.
fn names(rng: &mut fastrand::Rng, count: usize) -> Names {
    let unique =
        |rng: &mut fastrand::Rng, wanted: usize, make: &dyn Fn(&mut fastrand::Rng, usize) -> String| {
            let mut seen = std::collections::HashSet::new();
            let mut names = Vec::with_capacity(wanted);
            let mut n = 0;
            while names.len() < wanted {
                let name = make(rng, n);
                n += 1;
                if seen.insert(name.to_lowercase()) {
                    names.push(name);
                }
            }
            names
        };
    let players = unique(rng, (count / 10).max(20), &|rng, n| {
        let first = FIRST[rng.usize(..FIRST.len())];
        let last = LAST[rng.usize(..LAST.len())];
        // Common names repeat; a number keeps every player distinct.
        if n < FIRST.len() * LAST.len() / 2 {
            format!("{first} {last}")
        } else {
            format!("{first} {last} {}", n / 100)
        }
    });
    let clubs = unique(rng, (count / 100).max(40), &|rng, n| {
        let city = CITIES[rng.usize(..CITIES.len())];
        let kind = KINDS[rng.usize(..KINDS.len())];
        if n < CITIES.len() * KINDS.len() / 2 {
            format!("{kind} {city}")
        } else {
            format!("{kind} {city} {}", n / 50)
        }
    });
    let moves = (0..players.len())
        .map(|_| {
            let home = rng.usize(..clubs.len());
            // Other clubs than the player's own: a move from a club to itself is an error.
            let suitors =
                (0..rng.usize(2..=5)).map(|_| (home + rng.usize(1..clubs.len())) % clubs.len()).collect();
            (home, suitors)
        })
        .collect();
    let sources = unique(rng, 60, &|rng, n| {
        let city = CITIES[rng.usize(..CITIES.len())];
        let outlet = OUTLETS[rng.usize(..OUTLETS.len())];
        if n % 4 == 0 {
            format!("{} {} (journalist)", FIRST[rng.usize(..FIRST.len())], LAST[rng.usize(..LAST.len())])
        } else {
            format!("{city} {outlet}")
        }
    });
    Names { players, clubs, sources, moves }
}

fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in deunicode::deunicode(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// Profiles for a third of the players, half the clubs and half the sources.
fn profiles(out: &Path, rng: &mut fastrand::Rng, names: &Names) {
    for (n, player) in names.players.iter().enumerate().filter(|(n, _)| n % 3 == 0) {
        let club = &names.clubs[n % names.clubs.len()];
        let text = format!(
            "+++\nname = \"{player}\"\nposition = \"{}\"\nnationality = \"{}\"\nborn = 19{}-0{}-1{}\nclub = \"{club}\"\ncontract_until = {}-06-30\n+++\n\n{}\n",
            ["Goalkeeper", "Defender", "Midfielder", "Forward"][rng.usize(..4)],
            ["Spain", "England", "Brazil", "France", "Portugal", "Croatia", "Norway"][rng.usize(..7)],
            rng.usize(85..99),
            rng.usize(1..10),
            rng.usize(0..10),
            rng.usize(2025..2031),
            sentences(rng, 3),
        );
        write(out, &format!("content/players/{}.md", slug(player)), &text);
    }
    for (n, club) in names.clubs.iter().enumerate().step_by(2) {
        let text = format!(
            "+++\nname = \"{club}\"\ncountry = \"Europe\"\nleague = \"{}\"\n+++\n\n{}\n",
            LEAGUES[n / 2 % LEAGUES.len()],
            sentences(rng, 2)
        );
        write(out, &format!("content/clubs/{}.md", slug(club)), &text);
    }
    for (n, source) in names.sources.iter().enumerate().step_by(2) {
        let text = format!("+++\nname = \"{source}\"\ntier = {}\nkind = \"Outlet\"\n+++\n", 1 + n % 5);
        write(out, &format!("content/sources/{}.md", slug(source)), &text);
    }
}

fn article(rng: &mut fastrand::Rng, names: &Names, n: usize, count: usize) -> (String, String) {
    // Spread over ten years, the newest last, at any time of day.
    let minutes = (n as u64 * 10 * 365 * 24 * 60) / count.max(1) as u64 + rng.u64(0..600);
    let date =
        chrono::NaiveDate::from_ymd_opt(2016, 1, 1).expect("a date").and_hms_opt(0, 0, 0).expect("a time")
            + chrono::Duration::minutes(minutes as i64);
    let picked: Vec<usize> = (0..rng.usize(1..=3)).map(|_| rng.usize(..names.players.len())).collect();
    let players: Vec<&String> = picked.iter().map(|&p| &names.players[p]).collect();
    // The first player's club, and one of the clubs linked with them.
    let (home, suitors) = &names.moves[picked[0]];
    let suitor = suitors[rng.usize(..suitors.len())];
    let clubs: Vec<&String> = vec![&names.clubs[*home], &names.clubs[suitor]];
    let mut tags: Vec<&str> = (0..rng.usize(1..=2)).map(|_| TAGS[rng.usize(..TAGS.len())]).collect();
    tags.dedup();
    let title = format!(
        "{} {} {} as {} weigh up {}",
        players[0],
        ["closing in on", "linked with", "in talks over", "tipped for", "set for"][rng.usize(..5)],
        clubs[1],
        clubs[0],
        ["a bid", "an offer", "a loan", "a new deal", "a swoop"][rng.usize(..5)]
    );
    let quoted = |list: &[&String]| list.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    let mut front = format!(
        "+++\ntitle = \"{title}\"\ndate = {}\ntags = [{}]\nplayers = [{}]\nclubs = [{}]\n",
        date.format("%Y-%m-%dT%H:%M:%S"),
        tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", "),
        quoted(&players),
        quoted(&clubs),
    );
    if rng.usize(..50) == 0 {
        let _ = writeln!(front, "aliases = [\"/{}/old-{n}/\"]", date.format("%Y/%m"));
    }
    for r in 0..rng.usize(1..=2) {
        let player = players[r % players.len()];
        let source_count = rng.usize(1..=2);
        let sources: Vec<String> = (0..source_count)
            .map(|_| {
                let source = &names.sources[rng.usize(..names.sources.len())];
                let via = &names.sources[rng.usize(..names.sources.len())];
                match rng.usize(..24) {
                    0..3 if via != source => {
                        format!(
                            "{{ name = \"{source}\", url = \"https://example.com/{n}\", via = \"{via}\" }}"
                        )
                    }
                    0..8 => format!("{{ name = \"{source}\", url = \"https://example.com/{n}\" }}"),
                    _ => format!("\"{source}\""),
                }
            })
            .collect();
        // Half the rumours give a fee: a quarter of them in words, the rest in numbers, a
        // third of those in pounds and a quarter with add-ons.
        let fee = match rng.usize(..8) {
            0 => format!("fee = \"€{}m\"\n", rng.usize(5..120)),
            1..4 => {
                let currency = if rng.usize(..3) == 0 { "GBP" } else { "EUR" };
                let add_ons = match rng.usize(..4) {
                    0 => format!(", add_ons = {}_000_000", rng.usize(1..15)),
                    _ => String::new(),
                };
                format!(
                    "fee = {{ amount = {}_500_000, currency = \"{currency}\"{add_ons} }}\n",
                    rng.usize(1..120)
                )
            }
            _ => String::new(),
        };
        let claimed = match rng.usize(..5) {
            0 => format!("date = {}\n", (date - chrono::Duration::days(rng.i64(1..=7))).format("%Y-%m-%d")),
            _ => String::new(),
        };
        let _ = write!(
            front,
            "\n[[rumours]]\nplayer = \"{player}\"\nfrom = \"{}\"\nto = \"{}\"\nstatus = \"{}\"\ndeal = \"{}\"\n{fee}{claimed}sources = [{}]\n",
            clubs[0],
            clubs[1],
            STATUSES[rng.usize(..STATUSES.len())],
            DEALS[rng.usize(..DEALS.len())],
            sources.join(", "),
        );
    }
    let updates = match rng.usize(..100) {
        0..5 => rng.usize(1..=3),
        _ => 0,
    };
    for u in 0..updates {
        let at = date + chrono::Duration::minutes(30 * (u as i64 + 1));
        let _ = write!(
            front,
            "\n[[updates]]\nat = {}\ntext = \"{}\"\n",
            at.format("%Y-%m-%dT%H:%M:%S"),
            sentences(rng, 1)
        );
    }
    if rng.usize(..100) == 0 {
        let at = date + chrono::Duration::days(1);
        let _ = write!(
            front,
            "\n[[updates]]\nat = {}\nkind = \"correction\"\ntext = \"{}\"\n",
            at.format("%Y-%m-%dT%H:%M:%S"),
            sentences(rng, 1)
        );
    }
    front.push_str("+++\n\n");
    let mut body = front;
    let _ = writeln!(body, "[[{}]] {}\n\n<!-- more -->\n", players[0], sentences(rng, 3));
    let target = rng.usize(500..=700);
    let mut words = 0;
    let mut section = 0;
    while words < target {
        if words > 150 && section < 2 && rng.usize(..4) == 0 {
            section += 1;
            let _ = writeln!(
                body,
                "## {}\n",
                ["The deal", "What it means", "The competition", "What comes next"][rng.usize(..4)]
            );
        }
        let length = rng.usize(3..6);
        let paragraph = sentences(rng, length);
        words += paragraph.split(' ').count();
        let mention = players[rng.usize(..players.len())];
        let _ = writeln!(body, "{paragraph} [[{mention}]] is *central* to the plans.\n");
    }
    let path = format!("content/articles/{}/{}-{n}.md", date.format("%Y"), date.format("%Y-%m-%d"));
    (path, body)
}

fn sentences(rng: &mut fastrand::Rng, count: usize) -> String {
    let mut text = String::new();
    for s in 0..count {
        if s > 0 {
            text.push(' ');
        }
        let length = rng.usize(8..18);
        for w in 0..length {
            let word = WORDS[rng.usize(..WORDS.len())];
            if w == 0 {
                let mut chars = word.chars();
                text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                text.push_str(chars.as_str());
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push('.');
    }
    text
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("a file in a folder")).expect("create folder");
    std::fs::write(&path, text).expect("write file");
}

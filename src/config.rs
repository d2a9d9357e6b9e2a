//! `config.toml`: the raw file as written, then the settings the build uses.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use iso_currency::Currency;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::format::{self, Syntax};
use crate::load::TextFile;
use crate::money::{self, Rates};
use crate::url::BaseUrl;
use crate::window::{self, RawWindow, Window};

/// The site's settings.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// The site's name.
    pub(crate) title: String,
    /// Where the site is published; a subpath works.
    pub(crate) base_url: BaseUrl,
    /// One line about the site.
    pub(crate) description: String,
    /// The language of the site's pages, as `lang` writes it.
    pub(crate) language: String,
    /// The zone of front-matter dates without an offset, and of every date shown.
    pub(crate) timezone: Tz,
    /// Articles on each page of the rumour feed.
    pub(crate) paginate_by: usize,
    /// The custom domain GitHub Pages serves the site at, when there is one.
    pub(crate) cname: Option<String>,
    /// The picture for link previews of pages without their own: a path from the site's
    /// root or a URL.
    pub(crate) image: Option<String>,
    /// The site's currency and the rates of the others, for fees in numbers.
    pub(crate) rates: Rates,
    /// The leagues' transfer windows, newest first.
    pub(crate) windows: Vec<Window>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<Spanned<String>>,
    description: Option<String>,
    language: Option<String>,
    timezone: Option<Spanned<String>>,
    paginate_by: Option<Spanned<i64>>,
    cname: Option<Spanned<String>>,
    image: Option<String>,
    currency: Option<Spanned<String>>,
    #[serde(default)]
    rates: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    windows: Vec<Spanned<RawWindow>>,
}

impl Config {
    /// Reads `config.toml`; `base_url`, when given, stands in for the file's own.
    pub(crate) fn parse(file: &TextFile, base_url: Option<&BaseUrl>) -> Result<Self, Diagnostics> {
        let TextFile { path, text } = file;
        let (raw, found) = format::parse_all::<RawConfig>(Syntax::Toml, path, text, 0..text.len());
        let Some(raw) = raw else {
            return Err(found.into_iter().collect());
        };
        let RawConfig {
            title,
            base_url: file_base_url,
            description,
            language,
            timezone,
            paginate_by,
            cname,
            image,
            currency,
            rates,
            windows,
        } = raw;
        let mut problems: Diagnostics = found.into_iter().collect();
        let mut problem = |at: Option<std::ops::Range<usize>>, message: String, help: &str| {
            let at = at.unwrap_or(0..0);
            problems.push(Diagnostic::at(path, text, at, message).with_help(help));
        };

        let title = title.unwrap_or_else(|| {
            problem(None, "`title` is missing".into(), "add `title = \"The Rumour Mill\"`");
            String::new()
        });
        let base_url = match (base_url, &file_base_url) {
            (Some(given), _) => Ok(given.clone()),
            (None, Some(url)) => BaseUrl::parse(url.get_ref()).map_err(|e| {
                problem(Some(url.span()), e, "write a full address, such as \"https://user.github.io/blog/\"")
            }),
            (None, None) => {
                let help = "add `base_url = \"https://user.github.io/blog/\"`, or pass --base-url";
                problem(None, "`base_url` is missing".into(), help);
                Err(())
            }
        };
        let timezone = match &timezone {
            None => Ok(Tz::UTC),
            Some(zone) => zone.get_ref().parse::<Tz>().map_err(|_| {
                let near = crate::diagnostic::nearest(
                    zone.get_ref(),
                    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()),
                );
                let help = near.map_or_else(
                    || "use an IANA time zone name, such as \"Europe/London\"".to_owned(),
                    |near| format!("did you mean \"{near}\"?"),
                );
                problem(Some(zone.span()), format!("unknown time zone `{}`", zone.get_ref()), &help);
            }),
        };
        let paginate_by = match &paginate_by {
            None => Ok(20),
            Some(n) => usize::try_from(*n.get_ref()).ok().filter(|n| *n > 0).ok_or_else(|| {
                problem(
                    Some(n.span()),
                    "`paginate_by` must be at least 1".into(),
                    "write a whole number such as 20",
                )
            }),
        };
        let cname = match cname {
            Some(name) if name.get_ref().contains(['/', ':']) || name.get_ref().trim().is_empty() => {
                problem(
                    Some(name.span()),
                    format!("`{}` is not a domain name", name.get_ref()),
                    "write the domain alone, such as \"transfers.example.com\"",
                );
                None
            }
            other => other,
        };
        // GitHub Pages serves a custom domain at its root: the pages must be made for it.
        if let (Some(cname), Some(Ok(file_base))) =
            (&cname, file_base_url.as_ref().map(|url| BaseUrl::parse(url.get_ref())))
        {
            let domain = cname.get_ref().trim();
            let host = file_base.host().unwrap_or_default();
            if !host.eq_ignore_ascii_case(domain) || file_base.path() != "/" {
                problem(
                    Some(cname.span()),
                    format!(
                        "`cname` publishes the site at {domain}, but `base_url` is {}: every link would miss at {domain}",
                        file_base.as_str()
                    ),
                    &format!(
                        "write `base_url = \"{}://{domain}/\"`, or leave out `cname`",
                        file_base.scheme()
                    ),
                );
            }
        }
        let cname = cname.map(Spanned::into_inner);
        let rates = read_rates(currency, rates, &mut problem);
        let mut found = Vec::new();
        let windows =
            window::windows(windows, *timezone.as_ref().unwrap_or(&Tz::UTC), path, text, &mut found);
        problems.extend(found);

        match (base_url, timezone, paginate_by) {
            (Ok(base_url), Ok(timezone), Ok(paginate_by)) if problems.is_empty() => Ok(Self {
                title,
                base_url,
                description: description.unwrap_or_default(),
                language: language.unwrap_or_else(|| "en".to_owned()),
                timezone,
                paginate_by,
                cname,
                image,
                rates,
                windows,
            }),
            _ => Err(problems),
        }
    }
}

/// The site's `currency` (EUR unless it says) and its `[rates]`: each a currency code
/// and the value of one unit of it in the site's currency.
fn read_rates(
    currency: Option<Spanned<String>>,
    rates: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    problem: &mut impl FnMut(Option<std::ops::Range<usize>>, String, &str),
) -> Rates {
    let help = "currencies are ISO 4217 codes, in capitals";
    let site = match &currency {
        None => Currency::EUR,
        Some(code) => money::parse_currency(code.get_ref()).unwrap_or_else(|message| {
            problem(Some(code.span()), message, help);
            Currency::EUR
        }),
    };
    let mut known = Rates { currency: site, rates: BTreeMap::new() };
    for (code, rate) in rates {
        let Ok(currency) = money::parse_currency(code.get_ref()).map_err(|message| {
            problem(Some(code.span()), message, help);
        }) else {
            continue;
        };
        // A rate is read as written, "1.17", never through a binary float.
        let value = match rate.get_ref() {
            toml::Value::Integer(n) => Some(Decimal::from(*n)),
            toml::Value::Float(x) => x.to_string().parse::<Decimal>().ok(),
            _ => None,
        };
        match value.filter(|value| *value > Decimal::ZERO) {
            Some(value) => drop(known.rates.insert(currency, value)),
            None => problem(
                Some(rate.span()),
                format!("the rate of {} must be a number above 0", code.get_ref()),
                &format!(
                    "write what one {} is worth in {}, such as `{} = 1.17`",
                    code.get_ref(),
                    site.code(),
                    code.get_ref()
                ),
            ),
        }
    }
    known
}

/// Where the configuration lives in a site.
pub(crate) const CONFIG_FILE: &str = "config.toml";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        let file = TextFile { path: Path::new("config.toml").to_path_buf(), text: text.to_owned() };
        Config::parse(&file, None)
    }

    #[test]
    fn reads_every_setting() {
        let config = parse(
            r#"
            title = "The Rumour Mill"
            base_url = "https://example.github.io/transfer-blog"
            timezone = "Europe/London"
            paginate_by = 5
            "#,
        )
        .unwrap();
        assert_eq!(config.base_url.path(), "/transfer-blog/");
        assert_eq!(config.timezone, Tz::Europe__London);
        assert_eq!(config.paginate_by, 5);
        assert_eq!(config.language, "en");
        assert_eq!(config.cname, None);
    }

    #[test]
    fn a_custom_domain_is_the_base_url_s_host_at_its_root() {
        let site = "title = \"T\"\nbase_url = \"https://Transfers.example.com\"\ncname = \"transfers.example.com\"\n";
        assert_eq!(parse(site).unwrap().cname.as_deref(), Some("transfers.example.com"));
        for base_url in ["https://other.example.com/", "https://transfers.example.com/blog/"] {
            let site =
                format!("title = \"T\"\nbase_url = \"{base_url}\"\ncname = \"transfers.example.com\"\n");
            let errors = parse(&site).unwrap_err();
            let found: Vec<_> = errors.iter().map(|d| (d.line(), d.column(), d.help())).collect();
            assert_eq!(
                found,
                [(3, 9, Some("write `base_url = \"https://transfers.example.com/\"`, or leave out `cname`"))]
            );
        }
    }

    #[test]
    fn reports_every_bad_setting_at_once() {
        let errors =
            parse("title = \"x\"\nbase_url = \"nowhere\"\ntimezone = \"Europe/Londn\"\n").unwrap_err();
        let found: Vec<_> = errors.iter().map(|d| (d.line(), d.message().to_owned(), d.help())).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[1].1, "unknown time zone `Europe/Londn`");
        assert_eq!(found[1].2, Some("did you mean \"Europe/London\"?"));
    }
}

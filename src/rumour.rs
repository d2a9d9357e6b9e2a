//! A rumour: one claim in one article that a player may move from one club to another.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::date::{Date, RawDate};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::Parsed;
use crate::load::TextFile;
use crate::money::{Fee, Rates};
use crate::slug::Slug;
use crate::slug::SlugError;
use crate::url::WebUrl;

/// How far a move has gone. The order is the order of a move's life; `Off` means the
/// move collapsed, was denied or the player stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    /// Talk without a named source of substance.
    Rumour,
    /// A club is interested.
    Interest,
    /// The clubs or the player are talking.
    Talks,
    /// A bid has been made.
    Bid,
    /// Terms are agreed.
    Agreed,
    /// The player is having a medical.
    Medical,
    /// The move is complete.
    Done,
    /// The move is off.
    Off,
}

impl Status {
    /// The word templates and open data use.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Rumour => "rumour",
            Self::Interest => "interest",
            Self::Talks => "talks",
            Self::Bid => "bid",
            Self::Agreed => "agreed",
            Self::Medical => "medical",
            Self::Done => "done",
            Self::Off => "off",
        }
    }

    /// The word readers see.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Rumour => "Rumour",
            Self::Interest => "Interest",
            Self::Talks => "Talks",
            Self::Bid => "Bid",
            Self::Agreed => "Agreed",
            Self::Medical => "Medical",
            Self::Done => "Done deal",
            Self::Off => "Off",
        }
    }
}

/// The kind of move, whatever its status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Deal {
    /// A transfer for a fee.
    #[default]
    Permanent,
    /// A loan.
    Loan,
    /// A move at the end of a contract.
    Free,
    /// A new contract at the same club.
    Extension,
}

impl Deal {
    /// The words readers see.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Permanent => "Permanent",
            Self::Loan => "Loan",
            Self::Free => "Free transfer",
            Self::Extension => "Contract extension",
        }
    }

    /// The word templates and open data use.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Permanent => "permanent",
            Self::Loan => "loan",
            Self::Free => "free",
            Self::Extension => "extension",
        }
    }
}

/// A `[[rumours]]` entry as front matter writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRumour {
    pub(crate) player: String,
    pub(crate) from: Option<String>,
    pub(crate) to: String,
    pub(crate) status: Status,
    pub(crate) deal: Option<Deal>,
    pub(crate) fee: Option<Fee>,
    /// When the claim was made, when that was before the article.
    pub(crate) date: Option<RawDate>,
    #[serde(default)]
    pub(crate) sources: Vec<RawCited>,
}

/// A source as a rumour cites it: its name, or a table with the name, the `url` of the
/// report and the outlet the claim was read in (`via`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawCited {
    pub(crate) name: String,
    pub(crate) url: Option<WebUrl>,
    pub(crate) via: Option<String>,
}

impl RawCited {
    /// The source's name, then the outlet's, when it gives one.
    pub(crate) fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.via)
    }
}

/// A source written as a table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CitedTable {
    name: String,
    url: Option<WebUrl>,
    via: Option<String>,
}

impl<'de> Deserialize<'de> for RawCited {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Cited;

        impl<'de> Visitor<'de> for Cited {
            type Value = RawCited;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a source's name, or a table with its `name`, `url` and `via`")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<RawCited, E> {
                Ok(RawCited { name: name.to_owned(), url: None, via: None })
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<RawCited, M::Error> {
                let CitedTable { name, url, via } =
                    CitedTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                if let Some(via) = via.as_ref().filter(|via| Slug::new(via) == Slug::new(&name)) {
                    return Err(de::Error::custom(format!(
                        "`via` names the source itself, `{via}`: give the outlet the claim was read in, or leave `via` out"
                    )));
                }
                Ok(RawCited { name, url, via })
            }
        }

        deserializer.deserialize_any(Cited)
    }
}

/// A source as a rumour cites it, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cited {
    /// The source the claim is theirs: the one its record counts it for.
    pub(crate) source: Slug,
    /// The report, where the article links it.
    pub(crate) url: Option<WebUrl>,
    /// The outlet the claim was read in, when not the source's own.
    pub(crate) via: Option<Slug>,
}

/// A rumour with every name resolved to its entity's slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rumour {
    pub(crate) player: Slug,
    /// The player's club at the time, when the article says.
    pub(crate) from: Option<Slug>,
    /// The club the player may join.
    pub(crate) to: Slug,
    /// How far the move has gone.
    pub(crate) status: Status,
    /// The kind of move, when the article says; a saga takes the latest one said.
    pub(crate) deal: Option<Deal>,
    /// The fee reported: words, or an amount.
    pub(crate) fee: Option<Fee>,
    /// Who reported it.
    pub(crate) sources: Vec<Cited>,
    /// When the claim was made: the article's date unless it says an earlier one.
    pub(crate) date: Date,
}

/// Checks `rumours`, from the front matter `parsed` of `file`, an article dated `date`:
/// each name they give, and each claim's date, which is never after the article's. Gives
/// when each claim was made.
pub(crate) fn check<T>(
    file: &TextFile,
    parsed: &Parsed<T>,
    rumours: &[RawRumour],
    (date, zone, rates): (Date, chrono_tz::Tz, Option<&Rates>),
    problems: &mut Vec<Diagnostic>,
) -> Vec<Date> {
    // A fee in a currency the site has no rate for could not be counted in its totals.
    let fees = rumours.iter().filter_map(|rumour| rumour.fee.as_ref());
    for (n, fee) in fees.enumerate() {
        if let (Fee::Amount(fee), Some(rates)) = (fee, rates)
            && !rates.knows(fee.currency)
        {
            let code = fee.currency.code();
            let message = format!("the fee is in {code}, and config.toml gives no rate for {code}");
            let help = format!(
                "add `{code} = ...` under `[rates]` in config.toml: what one {code} is worth in {}",
                rates.currency.code()
            );
            problems.push(
                Diagnostic::at(&file.path, &file.text, parsed.locate(&file.text, "fee", n), message)
                    .with_help(help),
            );
        }
    }
    for (n, rumour) in rumours.iter().enumerate() {
        let named =
            [("player", Some(&rumour.player)), ("from", rumour.from.as_ref()), ("to", Some(&rumour.to))];
        let sources = rumour.sources.iter().flat_map(RawCited::names).map(|name| ("sources", Some(name)));
        for (key, name) in named.into_iter().chain(sources) {
            let Some(problem) = name.and_then(|name| Slug::parse(name).err()) else {
                continue;
            };
            // Every rumour has a `player` and a `to` line; the optional keys are counted
            // over the rumours before this one that give them.
            let before = &rumours[..n];
            let at = match key {
                "from" => parsed.locate(&file.text, key, before.iter().filter(|r| r.from.is_some()).count()),
                "sources" => {
                    parsed.locate(&file.text, key, before.iter().filter(|r| !r.sources.is_empty()).count())
                }
                _ => parsed.locate(&file.text, key, n),
            };
            let message = format!("the rumour's `{key}` has a name that {problem}");
            let help = match (problem, key) {
                (SlugError::TooLong(_), _) => "shorten the name",
                (SlugError::Empty, "sources") => "name the source, or remove the empty name",
                (SlugError::Empty, _) => "write the name in full",
            };
            problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
        }
    }
    let mut claimed = Vec::with_capacity(rumours.len());
    let mut dated = 0;
    for rumour in rumours {
        let Some(claim) = rumour.date.map(|claim| claim.resolve(zone)) else {
            claimed.push(date);
            continue;
        };
        dated += 1;
        if claim > date {
            // The article's own `date` comes first.
            let at = parsed.locate(&file.text, "date", dated);
            let message =
                format!("the rumour's date, {}, is after the article's, {}", claim.day(), date.day());
            let help = "a claim is dated when it was made, on or before the article that reports it; leave `date` out for the article's";
            problems.push(Diagnostic::at(&file.path, &file.text, at, message).with_help(help));
        }
        claimed.push(claim);
    }
    claimed
}

impl Rumour {
    /// Whether the rumour cites `source`, as the source of its claim or the outlet it was
    /// read in.
    pub(crate) fn cites(&self, source: &Slug) -> bool {
        self.sources.iter().any(|cited| &cited.source == source || cited.via.as_ref() == Some(source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_ordered_by_a_moves_life() {
        assert!(Status::Rumour < Status::Interest);
        assert!(Status::Agreed < Status::Medical && Status::Medical < Status::Done);
    }
}

//! Fees: as written, or as amounts in a currency, shown the way readers write them
//! (€40m, £18.5m, €750k) and counted in the site's currency at the rates of `config.toml`.
//! Amounts are whole units in integers; rates are decimals; nothing is summed in floats.

use std::collections::BTreeMap;
use std::fmt;

use iso_currency::Currency;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// A fee as a rumour gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fee {
    /// Words, shown as written and counted in no total: "Undisclosed", "Free transfer".
    Text(String),
    /// An amount in a currency, with add-ons on top.
    Amount(Amount),
}

/// A fee in numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Amount {
    /// In whole units of `currency`.
    pub(crate) amount: i64,
    pub(crate) currency: Currency,
    /// Add-ons on top of `amount`, in the same currency: not in the totals.
    pub(crate) add_ons: Option<i64>,
    /// Words shown after it, such as "plus a sell-on clause".
    pub(crate) text: Option<String>,
}

/// A fee written as a table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeeTable {
    amount: i64,
    currency: String,
    add_ons: Option<i64>,
    text: Option<String>,
}

impl<'de> Deserialize<'de> for Fee {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Written;

        impl<'de> Visitor<'de> for Written {
            type Value = Fee;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a fee in words, or a table with its `amount`, `currency`, `add_ons` and `text`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Fee, E> {
                Ok(Fee::Text(text.to_owned()))
            }

            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Fee, M::Error> {
                let FeeTable { amount, currency, add_ons, text } =
                    FeeTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                let currency = parse_currency(&currency).map_err(de::Error::custom)?;
                for (key, value) in [("amount", Some(amount)), ("add_ons", add_ons)] {
                    if let Some(value) = value.filter(|value| *value < 0) {
                        return Err(de::Error::custom(format!(
                            "the fee's `{key}` is {value}: a fee cannot be negative"
                        )));
                    }
                }
                Ok(Fee::Amount(Amount { amount, currency, add_ons, text }))
            }
        }

        deserializer.deserialize_any(Written)
    }
}

/// The ISO 4217 currency of `code`, such as `EUR`, or why it is none, with what to write.
pub(crate) fn parse_currency(code: &str) -> Result<Currency, String> {
    Currency::from_code(code).ok_or_else(|| {
        let meant = Currency::from_code(&code.to_uppercase()).map_or_else(
            || "write one such as `EUR`, `GBP` or `USD`".to_owned(),
            |c| format!("did you mean `{}`?", c.code()),
        );
        format!("`{code}` is not an ISO 4217 currency code: {meant}")
    })
}

/// The site's currency and what one unit of each other currency is worth in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rates {
    pub(crate) currency: Currency,
    pub(crate) rates: BTreeMap<Currency, Decimal>,
}

impl Rates {
    /// `amount` of `currency` in the site's currency, to the nearest whole unit; `None`
    /// for a currency without a rate.
    pub(crate) fn value(&self, amount: i64, currency: Currency) -> Option<i64> {
        if currency == self.currency {
            return Some(amount);
        }
        let rate = self.rates.get(&currency)?;
        (Decimal::from(amount) * rate).round().to_i64()
    }

    /// Whether `currency` can be counted in the site's.
    pub(crate) fn knows(&self, currency: Currency) -> bool {
        currency == self.currency || self.rates.contains_key(&currency)
    }
}

impl Fee {
    /// The fee as readers see it: "€40m + €5m add-ons", with its value in the site's
    /// currency beside a foreign one: "£50m (€58.5m)".
    pub(crate) fn shown(&self, rates: &Rates) -> String {
        let fee = match self {
            Self::Text(text) => return text.clone(),
            Self::Amount(fee) => fee,
        };
        let mut shown = money(fee.amount, fee.currency);
        if let Some(add_ons) = fee.add_ons.filter(|add_ons| *add_ons > 0) {
            shown.push_str(" + ");
            shown.push_str(&money(add_ons, fee.currency));
            shown.push_str(" add-ons");
        }
        if fee.currency != rates.currency
            && let Some(value) = rates.value(fee.amount, fee.currency)
        {
            shown.push_str(&format!(" ({})", money(value, rates.currency)));
        }
        if let Some(text) = &fee.text {
            shown.push(' ');
            shown.push_str(text);
        }
        shown
    }

    /// The amount in the site's currency, for totals: add-ons and words count for nothing.
    pub(crate) fn value(&self, rates: &Rates) -> Option<i64> {
        match self {
            Self::Amount(fee) => rates.value(fee.amount, fee.currency),
            Self::Text(_) => None,
        }
    }
}

/// `amount` of `currency` as readers write it: €40m, £18.5m, €750k, €1.25bn, €900.
pub(crate) fn money(amount: i64, currency: Currency) -> String {
    let symbol = currency.symbol().to_string();
    let (sign, amount) = if amount < 0 { ("-", amount.unsigned_abs()) } else { ("", amount.unsigned_abs()) };
    let (unit, suffix) = match amount {
        1_000_000_000.. => (1_000_000_000_u64, "bn"),
        1_000_000.. => (1_000_000, "m"),
        1_000.. => (1_000, "k"),
        _ => (1, ""),
    };
    // Up to two decimals, as many as the amount has: 18.5m, 40.25m, 40m.
    let hundredths = (u128::from(amount) * 100 + u128::from(unit) / 2) / u128::from(unit);
    let (whole, part) = (hundredths / 100, hundredths % 100);
    let number = match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    };
    // A symbol of letters ("CHF") stands apart from the number.
    let gap = if symbol.chars().all(char::is_alphabetic) && symbol.len() > 1 { " " } else { "" };
    format!("{sign}{symbol}{gap}{number}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_readers_write_them() {
        assert_eq!(money(40_000_000, Currency::EUR), "€40m");
        assert_eq!(money(18_500_000, Currency::GBP), "£18.5m");
        assert_eq!(money(63_250_000, Currency::EUR), "€63.25m");
        assert_eq!(money(750_000, Currency::EUR), "€750k");
        assert_eq!(money(1_250_000_000, Currency::USD), "$1.25bn");
        assert_eq!(money(900, Currency::EUR), "€900");
        assert_eq!(money(-12_000_000, Currency::EUR), "-€12m");
    }

    #[test]
    fn a_foreign_fee_shows_its_value_in_the_sites_currency() {
        let rates =
            Rates { currency: Currency::EUR, rates: BTreeMap::from([(Currency::GBP, Decimal::new(117, 2))]) };
        let fee = Fee::Amount(Amount {
            amount: 50_000_000,
            currency: Currency::GBP,
            add_ons: Some(5_000_000),
            text: None,
        });
        assert_eq!(fee.shown(&rates), "£50m + £5m add-ons (€58.5m)");
        assert_eq!(fee.value(&rates), Some(58_500_000));
        assert_eq!(Fee::Text("Undisclosed".into()).value(&rates), None);
        assert_eq!(rates.value(1, Currency::USD), None);
    }
}

//! Sources: the journalists, outlets and accounts rumours cite, with optional profiles in
//! `content/sources/`, and each one's public record.

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Resolve};
use crate::profile::{Names, ProfileFile};
use crate::record::{Judgement, Record};
use crate::slug::Slug;
use crate::url::Href;

/// A source profile's front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) tier: Option<i64>,
    pub(crate) url: Option<Href>,
    pub(crate) kind: Option<String>,
}

impl Names for RawSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn aliases(&self) -> &[String] {
        &self.aliases
    }
}

/// Tiers run from 1, the most reliable, to 5.
pub(crate) const TIERS: std::ops::RangeInclusive<i64> = 1..=5;

/// What a profile says of a source.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceProfile {
    pub(crate) aliases: Vec<String>,
    pub(crate) tier: Option<u8>,
    pub(crate) url: Option<Href>,
    /// A journalist, an outlet, an account.
    pub(crate) kind: Option<String>,
    /// The profile's body as HTML.
    pub(crate) about_html: String,
    /// The links the body writes, for `check`.
    pub(crate) links: Vec<markdown::WrittenLink>,
}

/// A source, with or without a profile.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) slug: Slug,
    pub(crate) name: String,
    pub(crate) profile: Option<SourceProfile>,
    /// The articles that cite the source, newest first.
    pub(crate) articles: Vec<usize>,
    /// Its verdict on each saga it reported, newest saga first.
    pub(crate) judgements: Vec<Judgement>,
    pub(crate) record: Record,
}

impl Source {
    /// The source, before the model finds the articles that cite it and judges it.
    pub(crate) fn new(slug: Slug, name: String, profile: Option<SourceProfile>) -> Self {
        Self { slug, name, profile, articles: Vec::new(), judgements: Vec::new(), record: Record::default() }
    }

    pub(crate) fn tier(&self) -> Option<u8> {
        self.profile.as_ref().and_then(|p| p.tier)
    }
}

impl SourceProfile {
    /// The profile in `file`, its body rendered.
    pub(crate) fn from_file(
        file: ProfileFile<'_, RawSource>,
        links: &impl Resolve,
    ) -> Result<(Slug, Self), Vec<Diagnostic>> {
        let ProfileFile { file, parsed, slug } = file;
        let mut problems = Vec::new();
        let tier = match parsed.front.tier {
            Some(tier) if TIERS.contains(&tier) => u8::try_from(tier).ok(),
            Some(tier) => {
                let at = parsed.locate(&file.text, "tier", 0);
                let message = format!("tier {tier} is out of range");
                problems.push(
                    Diagnostic::at(&file.path, &file.text, at, message)
                        .with_help("give a tier from 1 (most reliable) to 5"),
                );
                None
            }
            None => None,
        };
        let html = markdown::render(&file.path, &file.text, parsed.body.clone(), links, None);
        let html = match html {
            Ok(html) if problems.is_empty() => html,
            Ok(_) => return Err(problems),
            Err(more) => return Err(problems.into_iter().chain(more.problems).collect()),
        };
        let RawSource { name: _, aliases, tier: _, url, kind } = parsed.front;
        Ok((slug, Self { aliases, tier, url, kind, about_html: html.content, links: html.links }))
    }
}

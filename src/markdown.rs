//! Markdown into HTML, with one set of options for every file: CommonMark with tables,
//! footnotes, strikethrough, task lists, smart punctuation, heading anchors and
//! `[[wikilinks]]` to entity pages.

use std::collections::HashSet;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

use crate::anchor;
use crate::diagnostic::Diagnostic;
use crate::url::Href;

/// Where `<!-- more -->` ends an article's summary.
const MORE: &str = "<!-- more -->";

/// Turns the links Markdown writes into the site's URLs.
pub(crate) trait Resolve {
    /// The URL of a wikilink's `target`, or what is wrong and what would be right.
    fn resolve(&self, target: &str) -> Result<String, (String, String)>;

    /// The link to `path`, a path from the site's root such as `/images/a.png`: the same
    /// path under the base path.
    fn rooted(&self, path: &str) -> String;
}

/// The HTML of a Markdown body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Html {
    pub(crate) content: String,
    /// The text before `<!-- more -->`, else the first paragraph.
    pub(crate) summary: String,
    /// The summary with every link resolved against the page, as feed readers show it,
    /// when a page was given and the summary holds no HTML of the author's: that must be
    /// parsed to find its links.
    pub(crate) summary_absolute: Option<String>,
    /// Every link and image the author wrote, other than wikilinks, for `check` to follow.
    pub(crate) links: Vec<WrittenLink>,
}

/// A body with links that a page cannot carry or wikilinks that lead nowhere: every
/// problem, and the HTML made all the same, each such wikilink left inert and each such
/// link left out of those to follow, so that `check` can crawl the site around it.
#[derive(Debug)]
pub(crate) struct Faulty {
    pub(crate) html: Html,
    pub(crate) problems: Vec<Diagnostic>,
}

impl Faulty {
    /// The HTML of `rendered`, and the problems found in making it.
    pub(crate) fn parts(rendered: Result<Html, Self>) -> (Html, Vec<Diagnostic>) {
        match rendered {
            Ok(html) => (html, Vec::new()),
            Err(faulty) => (faulty.html, faulty.problems),
        }
    }
}

impl From<Faulty> for Vec<Diagnostic> {
    fn from(faulty: Faulty) -> Self {
        faulty.problems
    }
}

/// A link as written in Markdown, and where.
#[derive(Debug, Clone)]
pub(crate) struct WrittenLink {
    /// The link as the page carries it.
    pub(crate) dest: String,
    /// The link as the author wrote it.
    pub(crate) written: String,
    /// Its place in the file, for `check` to report a broken link at.
    pub(crate) at: Diagnostic,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Renders the part `body` of `text`, the whole file at `path`, to be shown at `page`.
/// Every unknown wikilink and every link a page cannot carry is reported, at its own line
/// and column.
pub(crate) fn render(
    path: &Path,
    text: &str,
    body: Range<usize>,
    links: &impl Resolve,
    page: Option<&url::Url>,
) -> Result<Html, Faulty> {
    let markdown = &text[body.clone()];
    let mut pass = Pass::new(path, text);
    for (mut event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let at = body.start + range.start..body.start + range.end;
        pass.wikilink(&mut event, &at, links);
        let written = rooted(&mut event, links);
        pass.written_link(&event, written, &at);
        pass.author_html(&event, &at);
        pass.summary_bounds(&event);
        pass.push(event);
    }
    pass.finish(page)
}

/// One pass over a body's events: what each kind of event asks for, and the events as
/// they will be written.
struct Pass<'t> {
    path: &'t Path,
    text: &'t str,
    problems: Vec<Diagnostic>,
    /// The events to write, headings given their ids.
    events: Vec<Event<'t>>,
    /// A heading's events, held back until its text is known.
    heading: Option<Vec<Event<'t>>>,
    /// The ids given so far, each once.
    used_ids: HashSet<String>,
    /// How many elements the next event stands in.
    depth: usize,
    /// The events of the first paragraph, once it has begun.
    first_paragraph: Option<Range<usize>>,
    /// Where the HTML block that is `<!-- more -->` begins, once found.
    more: Option<usize>,
    /// Where the last top-level HTML block began.
    html_block: usize,
    /// The author's HTML block being read, and where it began in `text`.
    raw_html: Option<(usize, String)>,
    links: Vec<WrittenLink>,
}

impl<'t> Pass<'t> {
    fn new(path: &'t Path, text: &'t str) -> Self {
        Self {
            path,
            text,
            problems: Vec::new(),
            events: Vec::new(),
            heading: None,
            used_ids: HashSet::new(),
            depth: 0,
            first_paragraph: None,
            more: None,
            html_block: 0,
            raw_html: None,
            links: Vec::new(),
        }
    }

    fn problem(&mut self, at: Range<usize>, message: String, help: impl Into<String>) {
        self.problems.push(Diagnostic::at(self.path, self.text, at, message).with_help(help));
    }

    /// Resolves a wikilink to its entity's page, or reports why it cannot.
    fn wikilink(&mut self, event: &mut Event<'t>, at: &Range<usize>, links: &impl Resolve) {
        let Event::Start(Tag::Link { link_type: LinkType::WikiLink { has_pothole }, dest_url, .. }) = event
        else {
            return;
        };
        let shown = self.text[at.clone()].trim_end_matches(']').rsplit_once('|').map(|(_, shown)| shown);
        if *has_pothole && shown.is_some_and(|shown| shown.trim().is_empty()) {
            let message = format!("the link to `{dest_url}` has no text after `|`, so nothing would show");
            let help = format!("write the text to show, as in [[{dest_url}|the text]], or leave out the `|`");
            self.problem(at.clone(), message, help);
        }
        match links.resolve(dest_url) {
            Ok(url) => *dest_url = CowStr::from(url),
            Err((message, help)) => {
                self.problem(at.clone(), message, help);
                // Left inert, so that `check` does not report it again as a broken link.
                *dest_url = CowStr::Borrowed("");
            }
        }
    }

    /// Notes a link or image the author wrote, for `check` to follow, with the link as
    /// written when the page carries another; wikilinks were checked as they resolved.
    fn written_link(&mut self, event: &Event<'t>, written: Option<String>, at: &Range<usize>) {
        let dest_url = match event {
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, .. }) => return,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => return,
        };
        if dest_url.is_empty() {
            return;
        }
        if let Err(message) = Href::check(dest_url) {
            self.problem(at.clone(), message, Href::HELP);
            return;
        }
        let at = Diagnostic::at(self.path, self.text, at.clone(), "");
        let written = written.unwrap_or_else(|| dest_url.to_string());
        self.links.push(WrittenLink { dest: dest_url.to_string(), written, at });
    }

    /// Checks the author's own HTML, which links only where a Markdown link could.
    fn author_html(&mut self, event: &Event<'t>, at: &Range<usize>) {
        match event {
            Event::Start(Tag::HtmlBlock) => self.raw_html = Some((at.start, String::new())),
            Event::Html(html) => self.raw_html.iter_mut().for_each(|(_, block)| block.push_str(html)),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, block)) = self.raw_html.take() {
                    check_html(&block, self.path, self.text, start..at.end, &mut self.problems);
                }
            }
            Event::InlineHtml(html) => check_html(html, self.path, self.text, at.clone(), &mut self.problems),
            _ => {}
        }
    }

    /// Notes where the summary ends: at `<!-- more -->` standing as a block of its own,
    /// else with the first paragraph.
    fn summary_bounds(&mut self, event: &Event<'t>) {
        let next = self.events.len();
        match event {
            Event::Start(Tag::Paragraph) if self.depth == 0 && self.first_paragraph.is_none() => {
                self.first_paragraph = Some(next..next);
            }
            Event::End(TagEnd::Paragraph) if self.depth == 1 => {
                if let Some(paragraph) = self.first_paragraph.as_mut().filter(|p| p.start == p.end) {
                    paragraph.end = next + 1;
                }
            }
            Event::Start(Tag::HtmlBlock) if self.depth == 0 => self.html_block = next,
            Event::Html(html) if self.depth == 1 && self.more.is_none() && html.trim() == MORE => {
                self.more = Some(self.html_block);
            }
            _ => {}
        }
    }

    /// Adds `event` to those to write; a heading is held back until its text is known, to
    /// give it an id.
    fn push(&mut self, event: Event<'t>) {
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth -= 1,
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading = Some(vec![event]),
            Event::End(TagEnd::Heading(_)) => {
                let mut held = self.heading.take().unwrap_or_default();
                held.push(event);
                self.events.extend(anchor::anchor(held, &mut self.used_ids));
            }
            event => match self.heading.as_mut() {
                Some(held) => held.push(event),
                None => self.events.push(event),
            },
        }
    }

    /// The body and its summary as HTML, or every problem found beside them.
    fn finish(self, page: Option<&url::Url>) -> Result<Html, Faulty> {
        let summary_events = match self.more {
            Some(end) => 0..end,
            None => self.first_paragraph.filter(|p| p.start < p.end).unwrap_or_default(),
        };
        // The summary is shown away from its page, on lists and in feeds: its links are
        // resolved against the page, and its footnote markers left out, as their notes are
        // not shown with it.
        let summary_events: Vec<Event<'_>> = self.events[summary_events]
            .iter()
            .filter(|event| !matches!(event, Event::FootnoteReference(_)))
            .cloned()
            .collect();
        let mut summary = String::new();
        html::push_html(
            &mut summary,
            summary_events.iter().map(|event| match page {
                Some(page) => resolve_against(page, event.clone(), false),
                None => event.clone(),
            }),
        );
        let summary_absolute = page.filter(|_| !summary_events.iter().any(writes_links_itself)).map(|page| {
            let mut absolute = String::new();
            let events = summary_events.iter().cloned().map(|event| resolve_against(page, event, true));
            html::push_html(&mut absolute, events);
            absolute
        });
        let mut content = String::new();
        html::push_html(&mut content, anchor::footnotes(self.events).into_iter());
        // Held until the build ends: without the room left over from growing.
        content.shrink_to_fit();
        summary.shrink_to_fit();
        let html = Html { content, summary, summary_absolute, links: self.links };
        match self.problems.is_empty() {
            true => Ok(html),
            false => Err(Faulty { html, problems: self.problems }),
        }
    }
}

/// Puts a link or image path from the site's root (`/images/a.png`) under the base path;
/// returns the path as written when it does.
fn rooted(event: &mut Event<'_>, links: &impl Resolve) -> Option<String> {
    let dest_url = match event {
        // A wikilink leads where it resolved to, under the base path already.
        Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, .. }) => return None,
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
        _ => return None,
    };
    // `//host/path` is another site, on the page's scheme.
    if !dest_url.starts_with('/') || dest_url.starts_with("//") {
        return None;
    }
    let written = dest_url.to_string();
    *dest_url = CowStr::from(links.rooted(&written));
    Some(written)
}

/// Reports each `href` and `src` of the author's `html`, which stands at `at` in `text`,
/// that a page must not carry: at the link itself where it is written as it is read.
fn check_html(html: &str, path: &Path, text: &str, at: Range<usize>, problems: &mut Vec<Diagnostic>) {
    for link in crate::html::scan(html).links {
        // As a browser reads the attribute: `&#x09;` is a tab, `&colon;` a colon.
        if Href::check(&html_escape::decode_html_entities(&link)).is_err() {
            let place = match text[at.clone()].find(&link) {
                Some(offset) if !link.is_empty() => at.start + offset..at.start + offset + link.len(),
                _ => at.clone(),
            };
            let message = format!("`{link}` is not a link a page can carry");
            problems.push(Diagnostic::at(path, text, place, message).with_help(Href::HELP));
        }
    }
}

/// Whether `event` is written as HTML that may link somewhere without a link event: the
/// author's own HTML, our heading anchors and footnote references.
fn writes_links_itself(event: &Event<'_>) -> bool {
    matches!(event, Event::Html(_) | Event::InlineHtml(_))
}

/// `event`, a link or image resolved against `page`: as an absolute URL, or as a path
/// from the site's root where it stays on the site.
fn resolve_against<'a>(page: &url::Url, mut event: Event<'a>, absolute: bool) -> Event<'a> {
    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event
        && let Ok(resolved) = page.join(dest_url)
    {
        let on_site = resolved.origin() == page.origin();
        *dest_url = CowStr::from(match absolute || !on_site {
            true => String::from(resolved),
            false => resolved[url::Position::BeforePath..].to_owned(),
        });
    }
    event
}

/// A line of inline Markdown, such as an update's text, as one HTML paragraph; HTML in it
/// is shown as text. Fails with the first link a page cannot carry.
pub(crate) fn inline(text: &str) -> Result<String, String> {
    let mut bad = None;
    let events =
        Parser::new_ext(text.trim(), Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION)
            .map(|event| match event {
                Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                    if let Err(message) = Href::check(dest_url) {
                        bad.get_or_insert(message);
                    }
                    event
                }
                Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
                event => event,
            })
            .collect::<Vec<_>>();
    if let Some(message) = bad {
        return Err(message);
    }
    let mut html = String::new();
    html::push_html(&mut html, events.into_iter());
    Ok(html)
}

/// Plain text as one HTML paragraph.
pub(crate) fn paragraph(text: &str) -> String {
    let mut html = String::from("<p>");
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut html, text.trim());
    html.push_str("</p>\n");
    html
}

/// The text of an HTML fragment without its tags, its entities decoded and its white
/// space folded to single spaces, for descriptions and feed summaries. A tag does not part
/// words: `Mod<em>rić</em>` is one.
pub(crate) fn plain_text(html: &str) -> String {
    let mut outside = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => outside.push(c),
            _ => {}
        }
    }
    let decoded = html_escape::decode_html_entities(&outside);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slug::Slug;

    struct Players;

    impl Resolve for Players {
        fn resolve(&self, target: &str) -> Result<String, (String, String)> {
            match target {
                "Trent Alexander-Arnold" => Ok("/players/trent-alexander-arnold/".into()),
                other => Err((format!("no player is called `{other}`"), "check the name".into())),
            }
        }

        /// As if the site lived under `/blog/`.
        fn rooted(&self, path: &str) -> String {
            format!("/blog{path}")
        }
    }

    #[test]
    fn paths_from_the_site_root_go_under_the_base_path() {
        let out = html(
            "See [the talks](/articles/talks/#bid), ![a photo](/images/a.png), [here](#top), [there](//cdn.example.com/x.js) and [[Trent Alexander-Arnold]].",
        );
        assert_eq!(
            out.content,
            "<p>See <a href=\"/blog/articles/talks/#bid\">the talks</a>, <img src=\"/blog/images/a.png\" alt=\"a photo\" />, <a href=\"#top\">here</a>, <a href=\"//cdn.example.com/x.js\">there</a> and <a href=\"/players/trent-alexander-arnold/\">Trent Alexander-Arnold</a>.</p>\n"
        );
        let links: Vec<(&str, &str)> =
            out.links.iter().map(|l| (l.dest.as_str(), l.written.as_str())).collect();
        assert_eq!(
            links,
            [
                ("/blog/articles/talks/#bid", "/articles/talks/#bid"),
                ("/blog/images/a.png", "/images/a.png"),
                ("#top", "#top"),
                ("//cdn.example.com/x.js", "//cdn.example.com/x.js")
            ]
        );
    }

    fn html(markdown: &str) -> Html {
        render(Path::new("a.md"), markdown, 0..markdown.len(), &Players, None).unwrap()
    }

    #[test]
    fn wikilinks_point_at_entity_pages() {
        let out = html("[[Trent Alexander-Arnold]] and [[Trent Alexander-Arnold|Trent]].");
        assert!(
            out.content.contains(r#"<a href="/players/trent-alexander-arnold/">Trent Alexander-Arnold</a>"#)
        );
        assert!(
            out.content.contains(r#"<a href="/players/trent-alexander-arnold/">Trent</a>"#),
            "{}",
            out.content
        );
    }

    #[test]
    fn unknown_wikilinks_are_reported_where_they_stand() {
        let text = "+++\n+++\nIntro.\n\nSee [[Trent]] and [[Nobody]].\n";
        let faulty = render(Path::new("a.md"), text, 8..text.len(), &Players, None).unwrap_err();
        let at: Vec<_> = faulty.problems.iter().map(|d| (d.line(), d.column())).collect();
        assert_eq!(at, [(5, 5), (5, 19)]);
        // The page is made all the same, the links left inert, for `check` to crawl.
        assert_eq!(
            faulty.html.content,
            "<p>Intro.</p>\n<p>See <a href=\"\">Trent</a> and <a href=\"\">Nobody</a>.</p>\n"
        );
    }

    #[test]
    fn headings_get_unique_anchors() {
        let out = html("## The deal\n\n## The deal\n\n## Fee {#fee}\n");
        assert!(out.content.contains(r#"<h2 id="the-deal">"#), "{}", out.content);
        assert!(out.content.contains(r#"<h2 id="the-deal-1">"#));
        assert!(out.content.contains(r##"<h2 id="fee">Fee <a class="anchor" href="#fee""##));
    }

    #[test]
    fn summary_is_the_text_before_more_else_the_first_paragraph() {
        assert_eq!(html("# T\n\nFirst one.\n\nSecond.").summary, "<p>First one.</p>\n");
        assert_eq!(html("One.\n\nTwo.\n\n<!-- more -->\n\nThree.").summary, "<p>One.</p>\n<p>Two.</p>\n");
    }

    #[test]
    fn a_summary_before_more_keeps_its_wikilinks() {
        let out = html("[[Trent Alexander-Arnold|Trent]] signs.\n\n<!-- more -->\n\nDetails.");
        assert_eq!(out.summary, "<p><a href=\"/players/trent-alexander-arnold/\">Trent</a> signs.</p>\n");
    }

    #[test]
    fn the_absolute_summary_is_the_summary_with_its_links_resolved() {
        let page = url::Url::parse("https://example.com/blog/articles/x/").unwrap();
        let base = crate::url::BaseUrl::parse("https://example.com/blog/").unwrap();
        let slug = Slug::new("x").unwrap();
        let page_url = base.page(&crate::url::Route::Article(&slug));
        let render = |markdown: &str| {
            render(Path::new("a.md"), markdown, 0..markdown.len(), &Players, Some(&page_url)).unwrap()
        };
        let linking = "[[Trent Alexander-Arnold|Trent]] signs: [here](../y/ \"Y\"), [top](#top), \
                       ![a photo](pic.jpg), [elsewhere](https://other.org/?a=1&b=\"2\") and [](<a b>).\n\n\
                       <!-- more -->\n\nMore.";
        // Paths from the root, plain and not: spaces, dot segments, escapes, another host.
        let rooted = "[a](/blog/players/a-b_c.d~e/), [b](</blog/a b/>), [c](/blog/./x/../y/), \
                      [d](/blog/%7Ex/), [e](//other.org/x), [f](/blog/é/), [g](/blog/x?y#z), [h](/).";
        for markdown in
            [linking, rooted, "Plain *text* & more.", "A [*link*](/a/) in the first paragraph.\n\nNext."]
        {
            let out = render(markdown);
            assert_eq!(out.summary_absolute, Some(crate::html::absolute(&out.summary, &page)), "{markdown}");
        }
        assert!(
            render(linking)
                .summary_absolute
                .unwrap()
                .contains(r#"href="https://example.com/blog/articles/y/""#)
        );
        // HTML that links without a link event is left for the feeds to parse.
        for markdown in ["Fee <a href=\"/fee/\">agreed</a>.", "## Done\n\nDeal.\n\n<!-- more -->\n"] {
            assert_eq!(render(markdown).summary_absolute, None, "{markdown}");
        }

        // Shown on lists, away from its page, the summary links back to the page, and
        // leaves out the markers of footnotes it does not show.
        let out =
            render("See [the deal](#deal), [y](../y/) and [out](https://other.org/)[^1].\n\n[^1]: Fifty.");
        assert_eq!(
            out.summary,
            "<p>See <a href=\"/blog/articles/x/#deal\">the deal</a>, <a href=\"/blog/articles/y/\">y</a> \
             and <a href=\"https://other.org/\">out</a>.</p>\n"
        );
        assert!(
            out.content.contains(r##"<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup>"##)
        );
    }

    #[test]
    fn footnotes_are_numbered_and_lead_back_to_the_text() {
        let out = html(
            "Fee[^fee], wages[^w] and fee again[^fee].\n\n[^w]: Weekly.\n\n[^fee]: Free.\n\n[^unused]: Never cited.\n",
        );
        let out = out.content;
        let markers: Vec<&str> =
            out.match_indices("<sup class=\"footnote-ref\">").map(|(at, _)| &out[at..at + 70]).collect();
        assert!(markers[0].contains(r##"href="#fn-1" id="fnref-1">1<"##), "{out}");
        assert!(markers[1].contains(r##"href="#fn-2" id="fnref-2">2<"##), "{out}");
        // A second marker of one note leads to it too, without taking its id again.
        assert!(markers[2].contains(r##"href="#fn-1">1<"##), "{out}");
        assert!(out.contains("<div class=\"footnote\" id=\"fn-2\"><span class=\"footnote-label\">2.</span> \n<p>Weekly.</p>"), "{out}");
        assert!(
            out.contains(
                r##"<a class="footnote-back" href="#fnref-1" aria-label="Back to the text">↩</a></div>"##
            ),
            "{out}"
        );
        // A note no marker cites has nothing to lead back to.
        assert!(out.contains("<div class=\"footnote\" id=\"fn-3\"><span class=\"footnote-label\">3.</span> \n<p>Never cited.</p>\n</div>"), "{out}");
        assert_eq!(out.matches("footnote-back").count(), 2, "{out}");
    }

    #[test]
    fn extensions_are_on() {
        let out =
            html("\"Done\" -- ~~no~~\n\n| a |\n|---|\n| b |\n\n- [x] medical\n\nFee[^1]\n\n[^1]: Free.\n");
        for expected in ["\u{201c}Done\u{201d}", "<del>no</del>", "<table>", "checkbox", "footnote"] {
            assert!(out.content.contains(expected), "{expected} in {}", out.content);
        }
    }

    #[test]
    fn plain_text_drops_tags() {
        assert_eq!(plain_text("<p>Trent &amp; <em>Real</em>\n Madrid</p>"), "Trent & Real Madrid");
        assert_eq!(
            plain_text("\n<p> &quot;Here &lt;we&gt; go&quot; &amp;lt; &#39;</p>\n "),
            "\"Here <we> go\" &lt; '"
        );
        assert_eq!(
            plain_text("<p>Mod<em>rić</em>\u{a0}signs & <a href=\"x\">stays</a></p>\n<p>Done.</p>"),
            "Modrić signs & stays Done."
        );
        assert_eq!(plain_text("a > b <br>c"), "a b c");
        assert_eq!(plain_text("a\u{b}b\u{2003}c\u{a0}&amp;&amp d&#39;s"), "a b c &&amp d's");
        assert_eq!(plain_text(" <p> </p> "), "");
    }
}

//! Reading and rewriting built HTML: links made absolute for feeds, and the links and ids
//! of a page for `check`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector, element, rewrite_str};

/// Elements that link somewhere; parsed once, as feeds rewrite thousands of summaries.
static LINKING: LazyLock<Selector> = LazyLock::new(|| "[href], [src]".parse().expect("a valid selector"));

/// `html` with every `href` and `src` resolved against `page`, so that it reads the same
/// wherever it is shown, as feed readers show it.
pub(crate) fn absolute(html: &str, page: &url::Url) -> String {
    let resolve = |el: &mut Element<'_, '_>| -> HandlerResult {
        for attribute in ["href", "src"] {
            if let Some(value) = el.get_attribute(attribute)
                && let Ok(resolved) = page.join(&value)
            {
                el.set_attribute(attribute, resolved.as_str())?;
            }
        }
        Ok(())
    };
    let handlers = ElementContentHandlers::default().element(resolve);
    let settings =
        RewriteStrSettings::new().append_element_content_handler((Cow::Borrowed(&*LINKING), handlers));
    // The HTML is our own rendering; should it ever not parse, it is kept as it was.
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_owned())
}

/// What a built page links to, and the ids it has for `#fragment` links to land on.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Every `href` and `src`, in page order.
    pub(crate) links: Vec<String>,
    /// Every `id`, and the `name` of every `<a>`.
    pub(crate) ids: HashSet<String>,
}

pub(crate) fn scan(html: &str) -> Scan {
    let mut scan = Scan::default();
    let settings = RewriteStrSettings::new().append_element_content_handler(element!(
        "[href], [src], [id], a[name]",
        |el| {
            for attribute in ["href", "src"] {
                scan.links.extend(el.get_attribute(attribute));
            }
            scan.ids.extend(el.get_attribute("id"));
            if el.tag_name() == "a" {
                scan.ids.extend(el.get_attribute("name"));
            }
            Ok(())
        }
    ));
    // A page that does not parse is reported with nothing in it.
    let _ = rewrite_str(html, settings);
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute_against_the_page() {
        let page = url::Url::parse("https://example.com/blog/articles/x/").unwrap();
        let html = r##"<a href="/blog/players/a/">A</a> <a href="../y/">Y</a> <a href="#top">T</a> <img src="pic.jpg"> <a href="https://other.org/">O</a>"##;
        assert_eq!(
            absolute(html, &page),
            r##"<a href="https://example.com/blog/players/a/">A</a> <a href="https://example.com/blog/articles/y/">Y</a> <a href="https://example.com/blog/articles/x/#top">T</a> <img src="https://example.com/blog/articles/x/pic.jpg"> <a href="https://other.org/">O</a>"##
        );
    }

    #[test]
    fn scan_lists_links_and_ids() {
        let scan = scan(
            r#"<h2 id="deal">Deal</h2><a name="old"></a><a href="/a/">a</a><link href="/style.css"><img src="/p.jpg">"#,
        );
        assert_eq!(scan.links, ["/a/", "/style.css", "/p.jpg"]);
        assert_eq!(scan.ids, HashSet::from(["deal".to_owned(), "old".to_owned()]));
    }
}

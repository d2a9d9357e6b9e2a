//! The files search engines read: `/sitemap.xml` of every page, and `/robots.txt`
//! pointing to it.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::date::Date;
use crate::url::{BaseUrl, Route};

/// A page for the sitemap: its absolute URL and when its content last changed.
pub(crate) type Listed = (String, Option<Date>);

/// `/sitemap.xml`, with the pages in the order given.
pub(crate) fn sitemap(pages: &[Listed]) -> Vec<u8> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing XML into memory cannot fail.
    write(&mut writer, pages).expect("writing to memory");
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}

fn write(writer: &mut Writer<Vec<u8>>, pages: &[Listed]) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .write_inner_content(|writer| {
            for (url, lastmod) in pages {
                writer.create_element("url").write_inner_content(|writer| {
                    writer.create_element("loc").write_text_content(BytesText::new(url))?;
                    if let Some(lastmod) = lastmod {
                        writer
                            .create_element("lastmod")
                            .write_text_content(BytesText::new(&lastmod.rfc3339()))?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `/robots.txt`: everything may be crawled, and the sitemap is where it is.
pub(crate) fn robots(base: &BaseUrl) -> Vec<u8> {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", base.permalink(&Route::Sitemap)).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saga::tests::day;

    #[test]
    fn lists_every_page_with_its_date() {
        let pages = [
            ("https://example.com/blog/".to_owned(), Some(day("2025-03-27"))),
            ("https://example.com/blog/about/".to_owned(), None),
        ];
        let xml = String::from_utf8(sitemap(&pages)).unwrap();
        assert_eq!(
            xml,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://example.com/blog/</loc>
    <lastmod>2025-03-27T00:00:00+00:00</lastmod>
  </url>
  <url>
    <loc>https://example.com/blog/about/</loc>
  </url>
</urlset>
"#
        );
    }
}

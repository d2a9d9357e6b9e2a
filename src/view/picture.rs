//! Pictures drawn at build time as inline SVG, where a reader would rather look than
//! read: the path of a player's sagas, a club's arrivals and departures, a source's
//! record. Each comes with a caption that says what it shows, for readers who cannot see
//! it. Colours come from the stylesheet's classes, so both colour schemes apply.

use std::io;

use chrono::{Datelike, NaiveDate};
use quick_xml::Writer;
use quick_xml::events::BytesText;
use serde::Serialize;

use super::Shown;
use crate::date::Date;
use crate::entity::Kind;
use crate::rumour::Status;

/// A picture and its caption.
#[derive(Debug, Serialize)]
pub(crate) struct Picture {
    /// The `<svg>` element.
    #[serde(serialize_with = "super::html")]
    pub(crate) svg: String,
    /// What it shows, in words.
    pub(crate) caption: String,
}

/// The width every picture is drawn at; narrower screens scale it down.
const WIDTH: f64 = 480.0;
const FONT: f64 = 13.0;

/// A shape per status, as the badges show it: points of a polygon in a unit square, or
/// `None` for a circle.
fn shape(status: Status) -> Option<&'static [(f64, f64)]> {
    match status {
        Status::Rumour | Status::Interest => None,
        Status::Talks => Some(&[(0.5, 0.0), (1.0, 0.5), (0.5, 1.0), (0.0, 0.5)]),
        Status::Bid => Some(&[(0.5, 0.0), (1.0, 1.0), (0.0, 1.0)]),
        Status::Agreed => Some(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]),
        Status::Medical => Some(&[
            (0.35, 0.0),
            (0.65, 0.0),
            (0.65, 0.35),
            (1.0, 0.35),
            (1.0, 0.65),
            (0.65, 0.65),
            (0.65, 1.0),
            (0.35, 1.0),
            (0.35, 0.65),
            (0.0, 0.65),
            (0.0, 0.35),
            (0.35, 0.35),
        ]),
        Status::Done => {
            Some(&[(0.14, 0.44), (0.0, 0.59), (0.37, 0.96), (1.0, 0.24), (0.86, 0.1), (0.37, 0.66)])
        }
        Status::Off => Some(&[
            (0.2, 0.0),
            (0.5, 0.3),
            (0.8, 0.0),
            (1.0, 0.2),
            (0.7, 0.5),
            (1.0, 0.8),
            (0.8, 1.0),
            (0.5, 0.7),
            (0.2, 1.0),
            (0.0, 0.8),
            (0.3, 0.5),
            (0.0, 0.2),
        ]),
    }
}

/// Writes the marker of `status` centred at (`x`, `y`), `r` from centre to edge, with
/// `title` to show on hover.
fn marker(w: &mut Writer<Vec<u8>>, status: Status, x: f64, y: f64, r: f64, title: &str) -> io::Result<()> {
    w.create_element("g").write_inner_content(|w| {
        if !title.is_empty() {
            w.create_element("title").write_text_content(BytesText::new(title))?;
        }
        let class = format!("s-{}", status.as_str());
        match shape(status) {
            None if status == Status::Rumour => w
                .create_element("circle")
                .with_attributes([("class", "ring"), ("cx", &num(x)), ("cy", &num(y)), ("r", &num(r * 0.8))])
                .write_empty()?,
            None => w
                .create_element("circle")
                .with_attributes([
                    ("class", class.as_str()),
                    ("cx", &num(x)),
                    ("cy", &num(y)),
                    ("r", &num(r)),
                ])
                .write_empty()?,
            Some(shape) => {
                let mut points = String::with_capacity(shape.len() * 10);
                for (px, py) in shape {
                    if !points.is_empty() {
                        points.push(' ');
                    }
                    points.push_str(&num(x - r + 2.0 * r * px));
                    points.push(',');
                    points.push_str(&num(y - r + 2.0 * r * py));
                }
                w.create_element("polygon")
                    .with_attributes([("class", class.as_str()), ("points", points.as_str())])
                    .write_empty()?
            }
        };
        Ok(())
    })?;
    Ok(())
}

/// A number as SVG writes it: at most one decimal.
fn num(value: f64) -> String {
    // In whole tenths: formatting a float to a fixed precision is slow, and every page of
    // a player or saga writes a few hundred numbers.
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    if tenth == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{tenth}") }
}

fn text(w: &mut Writer<Vec<u8>>, x: f64, y: f64, anchor: &str, class: &str, content: &str) -> io::Result<()> {
    w.create_element("text")
        .with_attributes([("x", num(x).as_str()), ("y", &num(y)), ("text-anchor", anchor), ("class", class)])
        .write_text_content(BytesText::new(content))?;
    Ok(())
}

/// A level line of `class` from `x1` to `x2` at `y`.
fn across(w: &mut Writer<Vec<u8>>, class: &str, x1: f64, x2: f64, y: f64) -> io::Result<()> {
    let y = num(y);
    let attributes = [("class", class), ("x1", &num(x1)), ("x2", &num(x2)), ("y1", &y), ("y2", &y)];
    w.create_element("line").with_attributes(attributes).write_empty()?;
    Ok(())
}

/// An `<svg>` of `height`, labelled `label`, drawn by `draw`.
fn svg(height: f64, label: &str, draw: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>) -> String {
    let mut w = Writer::new(Vec::new());
    let view_box = format!("0 0 {} {}", num(WIDTH), num(height));
    // Writing into memory cannot fail.
    w.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", view_box.as_str()),
            ("width", &num(WIDTH)),
            ("height", &num(height)),
            ("role", "img"),
            ("aria-label", label),
        ])
        .write_inner_content(draw)
        .expect("writing to memory");
    String::from_utf8(w.into_inner()).expect("the writer writes UTF-8")
}

/// One claim on a lane of the saga path.
pub(crate) struct Point {
    pub(crate) date: Date,
    pub(crate) status: Status,
    /// What the marker says on hover: date, status, sources, article.
    pub(crate) title: String,
}

/// One saga of a player: the club it is about and its claims, oldest first.
pub(crate) struct Lane {
    pub(crate) club: String,
    pub(crate) points: Vec<Point>,
}

/// The path of sagas: claim dates along, a lane per club, a large marker where the
/// status changed and a small one where a claim restated it.
pub(crate) fn saga_path(player: &str, lanes: &[Lane]) -> Option<Picture> {
    let dates: Vec<NaiveDate> =
        lanes.iter().flat_map(|lane| lane.points.iter().map(|p| p.date.day())).collect();
    let (first, last) = (*dates.iter().min()?, *dates.iter().max()?);
    let (start, end) = if first == last {
        (first - chrono::Days::new(15), last + chrono::Days::new(15))
    } else {
        let pad = chrono::Days::new(((last - first).num_days() as u64 / 20).max(3));
        (first - pad, last + pad)
    };
    let (left, right) = (12.0, WIDTH - 12.0);
    let span = (end - start).num_days() as f64;
    let x = |date: NaiveDate| left + (date - start).num_days() as f64 / span * (right - left);
    const LANE: f64 = 44.0;
    let axis = 8.0 + LANE * lanes.len() as f64;
    let statuses: Vec<Status> = {
        let mut seen: Vec<Status> = lanes.iter().flat_map(|l| l.points.iter().map(|p| p.status)).collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    };
    let legend_rows = statuses.len().div_ceil(4);
    let height = axis + 28.0 + 22.0 * legend_rows as f64;

    let label = format!("The path of {player}'s sagas, claim by claim");
    let svg = svg(height, &label, |w| {
        for (n, lane) in lanes.iter().enumerate() {
            let top = 8.0 + LANE * n as f64;
            let line_y = top + 28.0;
            text(w, left, top + FONT, "start", "", &lane.club)?;
            let xs: Vec<f64> = lane.points.iter().map(|p| x(p.date.day())).collect();
            let (from, to) =
                (xs.iter().copied().fold(f64::MAX, f64::min), xs.iter().copied().fold(f64::MIN, f64::max));
            across(w, "lane-line", from, to, line_y)?;
            let mut was = None;
            for (point, &px) in lane.points.iter().zip(&xs) {
                let change = was != Some(point.status);
                was = Some(point.status);
                marker(w, point.status, px, line_y, if change { 7.0 } else { 4.0 }, &point.title)?;
            }
        }
        across(w, "axis", left, right, axis)?;
        let ticks = ticks(start, end);
        for (n, tick) in ticks.iter().enumerate() {
            let anchor = match n {
                0 if ticks.len() > 1 => "start",
                n if n + 1 == ticks.len() && n > 0 => "end",
                _ => "middle",
            };
            let label = tick.format(if ticks.len() > 6 { "%Y" } else { "%b %Y" }).to_string();
            text(w, x(*tick), axis + 16.0, anchor, "dim", &label)?;
        }
        for (n, status) in statuses.iter().enumerate() {
            let (col, row) = ((n % 4) as f64, (n / 4) as f64);
            let (lx, ly) = (left + 7.0 + col * 116.0, axis + 36.0 + row * 22.0);
            marker(w, *status, lx, ly - 4.0, 6.0, "")?;
            text(w, lx + 12.0, ly, "start", "dim", status.label())?;
        }
        Ok(())
    });
    let told: Vec<String> = lanes
        .iter()
        .map(|lane| {
            let mut was = None;
            let changes: Vec<String> = lane
                .points
                .iter()
                .filter(|p| was.replace(p.status) != Some(p.status))
                .map(|p| format!("{} {}", p.status.label().to_lowercase(), p.date.day().format("%-d %B %Y")))
                .collect();
            format!("{}: {}", lane.club, changes.join(", "))
        })
        .collect();
    let caption = format!("The path of each saga, claim by claim. {}.", told.join("; "));
    Some(Picture { svg, caption })
}

/// Where the date axis is marked: the first of every month, quarter or year the span
/// holds, whichever gives two to eight marks.
fn ticks(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    for step in [1, 3, 6, 12, 24, 60] {
        // Months since the start of year 0, so that every step falls on round dates.
        let mut months = (start.year() * 12 + start.month0().cast_signed()) / step * step;
        let month = |months: i32| {
            NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12).cast_unsigned() + 1, 1)
        };
        let mut marks = Vec::new();
        while let Some(mark) = month(months).filter(|mark| *mark <= end) {
            if mark >= start {
                marks.push(mark);
            }
            months += step;
        }
        if marks.len() <= 8 {
            return marks;
        }
    }
    vec![start, end]
}

/// A club's done deals per year: arrivals above the line, departures below.
pub(crate) fn club_moves(club: &str, years: &[(i32, usize, usize)]) -> Option<Picture> {
    if years.is_empty() {
        return None;
    }
    let most =
        years.iter().map(|&(_, arrivals, departures)| arrivals.max(departures)).max().unwrap_or(1).max(1);
    let (height, middle, reach) = (164.0, 72.0, 48.0);
    let slot = (WIDTH - 24.0) / years.len().max(4) as f64;
    let bar = (slot * 0.5).min(40.0);
    let label = format!("{club}'s done deals by year, arrivals and departures");
    let svg = svg(height, &label, |w| {
        for (n, &(year, arrivals, departures)) in years.iter().enumerate() {
            let centre = 12.0 + slot * (n as f64 + 0.5);
            for (count, up) in [(arrivals, true), (departures, false)] {
                let length = reach * count as f64 / most as f64;
                let y = if up { middle - length } else { middle };
                let class = if up { "bar-in" } else { "bar-out" };
                w.create_element("rect")
                    .with_attributes([
                        ("class", class),
                        ("x", num(centre - bar / 2.0).as_str()),
                        ("y", &num(y)),
                        ("width", &num(bar)),
                        ("height", &num(length)),
                    ])
                    .write_empty()?;
                let label_y = if up { middle - length - 5.0 } else { middle + length + FONT + 2.0 };
                let what = if up { format!("{count} in") } else { format!("{count} out") };
                text(w, centre, label_y, "middle", "", &what)?;
            }
            text(w, centre, height - 4.0, "middle", "dim", &year.to_string())?;
        }
        across(w, "axis", 12.0, WIDTH - 12.0, middle)
    });
    let told: Vec<String> = years
        .iter()
        .map(|(year, arrivals, departures)| format!("{year}: {arrivals} in, {departures} out"))
        .collect();
    Some(Picture { svg, caption: format!("Done deals by year. {}.", told.join("; ")) })
}

/// A source's record as one bar: right, wrong and open, in proportion.
pub(crate) fn record_bar(source: &str, right: usize, wrong: usize, open: usize) -> Option<Picture> {
    let total = right + wrong + open;
    if total == 0 {
        return None;
    }
    let label = format!("{source}'s record: {right} right, {wrong} wrong, {open} open");
    let (left, length) = (12.0, WIDTH - 24.0);
    let svg = svg(54.0, &label, |w| {
        let mut at = left;
        for (count, class, word) in
            [(right, "bar-right", "right"), (wrong, "bar-wrong", "wrong"), (open, "bar-open", "open")]
        {
            if count == 0 {
                continue;
            }
            let width = length * count as f64 / total as f64;
            w.create_element("rect")
                .with_attributes([
                    ("class", class),
                    ("x", num(at).as_str()),
                    ("y", "6"),
                    ("width", &num(width)),
                    ("height", "20"),
                ])
                .write_empty()?;
            if width >= 60.0 {
                text(w, at + 2.0, 44.0, "start", "", &format!("{count} {word}"))?;
            }
            at += width;
        }
        Ok(())
    });
    Some(Picture { svg, caption: format!("{right} right, {wrong} wrong, {open} still open.") })
}

/// The lanes of a player's sagas `sagas`, each claim titled as its hover shows it.
pub(crate) fn lanes(site: &Shown<'_>, sagas: &[usize]) -> Vec<Lane> {
    sagas
        .iter()
        .map(|&s| {
            let saga = &site.sagas[s];
            let mut points: Vec<Point> = saga
                .rumours
                .iter()
                .map(|&(a, r)| {
                    let (article, rumour) = (&site.articles[a], &site.articles[a].rumours[r]);
                    let sources: Vec<String> = rumour
                        .sources
                        .iter()
                        .map(|cited| {
                            let name = site.name(Kind::Source, &cited.source);
                            match &cited.via {
                                Some(via) => format!("{name} via {}", site.name(Kind::Source, via)),
                                None => name.to_owned(),
                            }
                        })
                        .collect();
                    let per = if sources.is_empty() {
                        String::new()
                    } else {
                        format!(", per {}", sources.join(", "))
                    };
                    let title = format!(
                        "{}: {}{per}. {}",
                        rumour.date.day().format("%-d %b %Y"),
                        rumour.status.label(),
                        article.title
                    );
                    Point { date: rumour.date, status: rumour.status, title }
                })
                .collect();
            if let Some(to) = &saga.closed_by_move_to {
                let title = format!(
                    "{}: Off, joined {} instead",
                    saga.updated.day().format("%-d %b %Y"),
                    site.name(Kind::Club, to)
                );
                points.push(Point { date: saga.updated, status: Status::Off, title });
            }
            Lane { club: site.name(Kind::Club, &saga.to).to_owned(), points }
        })
        .collect()
}

/// The done deals of a club per year of the day each was done: (year, arrivals,
/// departures), oldest first, from its sagas in and out.
pub(crate) fn years(site: &Shown<'_>, sagas_in: &[usize], sagas_out: &[usize]) -> Vec<(i32, usize, usize)> {
    let mut years: std::collections::BTreeMap<i32, (usize, usize)> = std::collections::BTreeMap::new();
    for (sagas, arriving) in [(sagas_in, true), (sagas_out, false)] {
        for done in sagas.iter().filter_map(|&s| site.sagas[s].done_on()) {
            let year = years.entry(done.day().year()).or_default();
            if arriving { year.0 += 1 } else { year.1 += 1 }
        }
    }
    years.into_iter().map(|(year, (arrivals, departures))| (year, arrivals, departures)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_axis_is_marked_two_to_eight_times() {
        let marks = ticks(day("2025-03-10"), day("2025-07-20"));
        assert_eq!(marks, [day("2025-04-01"), day("2025-05-01"), day("2025-06-01"), day("2025-07-01")]);
        let marks = ticks(day("2025-03-10"), day("2026-02-20"));
        assert_eq!(marks, [day("2025-04-01"), day("2025-07-01"), day("2025-10-01"), day("2026-01-01")]);
        let marks = ticks(day("2019-03-10"), day("2026-02-20"));
        assert_eq!(marks.len(), 7);
        assert_eq!((marks[0], marks[6]), (day("2020-01-01"), day("2026-01-01")));
        let marks = ticks(day("2009-03-10"), day("2026-02-20"));
        assert_eq!(marks, [day("2010-01-01"), day("2015-01-01"), day("2020-01-01"), day("2025-01-01")]);
    }

    #[test]
    fn numbers_are_written_to_a_tenth() {
        assert_eq!(
            [num(12.0), num(3.04), num(3.05), num(480.96), num(-0.5)],
            ["12", "3", "3.1", "481", "-0.5"]
        );
    }

    #[test]
    fn text_in_a_picture_is_escaped() {
        let picture = record_bar("Sky <Sports> & Co", 1, 0, 0).unwrap();
        assert!(
            picture.svg.contains("aria-label=\"Sky &lt;Sports&gt; &amp; Co&apos;s record"),
            "{}",
            picture.svg
        );
    }
}

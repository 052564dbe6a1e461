//! A small hand-written SVG line chart, for trends: one line per series over labelled points,
//! with a y axis of round ticks and a legend. No dependencies; any browser shows it.

use std::io::Write;

/// One line of the chart: a name for the legend and one value per x label.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// The name in the legend.
    pub name: &'a str,
    /// The values, one per x label (missing values count 0).
    pub values: &'a [usize],
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 380.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 70.0;
const PALETTE: [&str; 8] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
];

/// Escapes text for SVG content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes an SVG line chart of `lines` over the x `labels`, with `title` above it. Fails only
/// when writing fails.
///
/// ```
/// use paperkg_core::export::chart::{line_chart, Line};
///
/// let months = vec!["2024-01".to_string(), "2024-02".to_string()];
/// let mut svg = Vec::new();
/// line_chart(&months, &[Line { name: "SAM", values: &[1, 3] }], "papers", &mut svg)?;
/// let svg = String::from_utf8(svg)?;
/// assert!(svg.starts_with("<svg") && svg.contains("<polyline"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn line_chart(
    labels: &[String],
    lines: &[Line<'_>],
    title: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let max = lines
        .iter()
        .flat_map(|l| l.values.iter().copied())
        .max()
        .unwrap_or(0);
    let axis = Axis::new(max, labels.len());
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="11">"#
    )?;
    writeln!(
        out,
        r#"<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>"#
    )?;
    writeln!(
        out,
        r#"<text x="{}" y="24" text-anchor="middle" font-size="14">{}</text>"#,
        LEFT + axis.plot_width / 2.0,
        escape_xml(title)
    )?;
    write_y_axis(&axis, out)?;
    write_x_axis(&axis, labels, out)?;
    for (i, line) in lines.iter().enumerate() {
        write_line(&axis, labels, line, PALETTE[i % PALETTE.len()], out)?;
        write_legend_entry(i, line.name, PALETTE[i % PALETTE.len()], out)?;
    }
    writeln!(out, "</svg>")
}

/// The mapping from data to picture coordinates.
struct Axis {
    /// The top of the y axis: a multiple of `step` at or above the largest value.
    y_max: usize,
    /// The distance between y ticks.
    step: usize,
    points: usize,
    plot_width: f64,
    plot_height: f64,
}

impl Axis {
    fn new(max: usize, points: usize) -> Axis {
        let step = nice_step(max.max(1));
        Axis {
            y_max: max.max(1).div_ceil(step) * step,
            step,
            points,
            plot_width: WIDTH - LEFT - RIGHT,
            plot_height: HEIGHT - TOP - BOTTOM,
        }
    }

    fn x(&self, i: usize) -> f64 {
        if self.points <= 1 {
            LEFT + self.plot_width / 2.0
        } else {
            LEFT + i as f64 * self.plot_width / (self.points - 1) as f64
        }
    }

    fn y(&self, value: usize) -> f64 {
        TOP + self.plot_height - value as f64 * self.plot_height / self.y_max as f64
    }
}

/// A tick step of 1, 2 or 5 times a power of ten giving at most five steps up to `max`.
fn nice_step(max: usize) -> usize {
    let mut power = 1usize;
    loop {
        for factor in [1, 2, 5] {
            let step = power.saturating_mul(factor);
            if max.div_ceil(step) <= 5 {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

fn write_y_axis(axis: &Axis, out: &mut dyn Write) -> std::io::Result<()> {
    let right = LEFT + axis.plot_width;
    for tick in (0..=axis.y_max).step_by(axis.step) {
        let y = axis.y(tick);
        writeln!(
            out,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{right}" y2="{y:.1}" stroke="#e0e0e0"/><text x="{:.1}" y="{:.1}" text-anchor="end">{tick}</text>"##,
            LEFT - 6.0,
            y + 4.0
        )?;
    }
    writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" stroke="#333"/>"##,
        TOP + axis.plot_height
    )
}

/// X labels, thinned to about a dozen and slanted so that months do not collide.
fn write_x_axis(axis: &Axis, labels: &[String], out: &mut dyn Write) -> std::io::Result<()> {
    let base = TOP + axis.plot_height;
    writeln!(
        out,
        r##"<line x1="{LEFT}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}" stroke="#333"/>"##,
        LEFT + axis.plot_width
    )?;
    let every = labels.len().div_ceil(12).max(1);
    for (i, label) in labels.iter().enumerate().step_by(every) {
        let x = axis.x(i);
        writeln!(
            out,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="end" transform="rotate(-40 {x:.1} {:.1})">{}</text>"#,
            base + 16.0,
            base + 16.0,
            escape_xml(label)
        )?;
    }
    Ok(())
}

fn write_line(
    axis: &Axis,
    labels: &[String],
    line: &Line<'_>,
    colour: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let value = |i: usize| line.values.get(i).copied().unwrap_or(0);
    let points: Vec<String> = (0..labels.len())
        .map(|i| format!("{:.1},{:.1}", axis.x(i), axis.y(value(i))))
        .collect();
    writeln!(
        out,
        r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
        points.join(" ")
    )?;
    for (i, label) in labels.iter().enumerate() {
        writeln!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{} {}: {}</title></circle>"#,
            axis.x(i),
            axis.y(value(i)),
            escape_xml(line.name),
            escape_xml(label),
            value(i)
        )?;
    }
    Ok(())
}

fn write_legend_entry(
    index: usize,
    name: &str,
    colour: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let x = WIDTH - RIGHT + 16.0;
    let y = TOP + 6.0 + index as f64 * 18.0;
    writeln!(
        out,
        r#"<rect x="{x:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
        y - 10.0,
        x + 18.0,
        y,
        escape_xml(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(23), 5);
        assert_eq!(nice_step(480), 100);
    }

    #[test]
    fn names_are_escaped() {
        let mut svg = Vec::new();
        let labels = vec!["2024-01".to_string()];
        let lines = [Line {
            name: "A<B & \"C\"",
            values: &[2],
        }];
        line_chart(&labels, &lines, "t", &mut svg).unwrap_or_else(|e| panic!("{e}"));
        let svg = String::from_utf8_lossy(&svg);
        assert!(svg.contains("A&lt;B &amp; &quot;C&quot;"));
        assert!(!svg.contains("A<B"));
    }
}

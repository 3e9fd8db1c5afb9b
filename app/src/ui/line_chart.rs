//! A line chart as SVG with a title and a description, followed by the same numbers as a
//! table (STYLE: every chart is SVG with a title, a description and a table), with an
//! optional target line. Rendered on the server; no script.

use leptos::prelude::*;

use super::DataTable;

use super::chart::{WRAP_CHARS, percent, wrap};

// The text is drawn in CSS pixels (the SVG has no viewBox), so it keeps its size at any width
// (issue 24: scaled down, it came out at 6 px on a phone). Across, positions are thousandths
// of the chart's width; the line itself is drawn in a nested SVG stretched to the chart's
// width, its stroke kept at its width (`vector-effect`).

/// The drawing's height in pixels.
const HEIGHT: i64 = 260;
/// Room for the axis labels below the plot and the scale's top label above it.
const BOTTOM: i64 = 28;
const TOP: i64 = 24;
/// The plot's left and right ends, in thousandths of the width (the scale's labels stand
/// above their lines, so the plot needs no margin for them).
const LEFT: i64 = 10;
const RIGHT: i64 = 990;

/// One point: its label on the axis and in the table, its value, and the table's other
/// columns for that point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub label: String,
    pub value: i64,
    pub cells: Vec<String>,
}

/// The y of `value` when `max` reaches the top of the plot (0 at its bottom).
pub fn plot_y(value: i64, max: i64) -> i64 {
    let plot = HEIGHT - TOP - BOTTOM;
    if max <= 0 {
        return HEIGHT - BOTTOM;
    }
    let clamped = value.clamp(0, max);
    let offset = i128::from(clamped) * i128::from(plot) / i128::from(max);
    HEIGHT - BOTTOM - i64::try_from(offset).unwrap_or(plot)
}

/// The x of point `index` of `count`, spread over the plot's width, in thousandths.
pub fn plot_x(index: usize, count: usize) -> i64 {
    let plot = RIGHT - LEFT;
    if count <= 1 {
        return LEFT;
    }
    LEFT + i64::try_from(index).unwrap_or(0) * plot / i64::try_from(count - 1).unwrap_or(1)
}

/// The points of `count` whose label the time axis shows, each with its anchor and whether a
/// narrow chart leaves it out. About six labels: every `count / 6`th point (rounded up) and
/// the last; the first starts at its point and the last ends at its point, so neither is cut
/// at the edge; a label too close to the last one gives way to it. A narrow chart keeps the
/// first, the one nearest the middle and the last, so none overlap.
pub fn axis_labels(count: usize) -> Vec<(usize, &'static str, bool)> {
    let Some(last) = count.checked_sub(1) else {
        return Vec::new();
    };
    let every = count.div_ceil(6).max(1);
    let mut shown: Vec<usize> = (0..last).step_by(every).collect();
    // The last label is as wide as any other but ends at its point: the one before needs a
    // step and a half between them.
    while shown.len() > 1
        && shown
            .last()
            .is_some_and(|&prev| last - prev < every + every / 2 + 1)
    {
        shown.pop();
    }
    if shown.last() != Some(&last) {
        shown.push(last);
    }
    let middle = shown
        .iter()
        .copied()
        .filter(|&i| i != 0 && i != last)
        .min_by_key(|&i| (2 * i).abs_diff(last));
    shown
        .into_iter()
        .map(|i| {
            let anchor = if i == 0 {
                "start"
            } else if i == last {
                "end"
            } else {
                "middle"
            };
            (i, anchor, i != 0 && i != last && Some(i) != middle)
        })
        .collect()
}

#[component]
pub fn LineChart(
    #[prop(into)] title: String,
    /// What the chart shows, in a sentence (the SVG's description).
    #[prop(into)]
    description: String,
    /// An id prefix unique on the page.
    #[prop(into)]
    id: String,
    points: Vec<Point>,
    /// The top of the scale (e.g. the number of sites).
    max: i64,
    /// A horizontal target line: its value and its label.
    target: Option<(i64, String)>,
    /// A horizontal baseline (a benefit's nullpunkt): its value and its label. With one, the
    /// two lines are named in a legend below the drawing, where their labels cannot collide.
    #[prop(optional)]
    baseline: Option<(i64, String)>,
    /// Points ahead of the measured ones (a forecast), their name in the legend and the word
    /// that marks them in the table ("(prognose)"): drawn as a dashed continuation of the
    /// line, and listed after the measured points in the table.
    #[prop(optional_no_strip)]
    forecast: Option<(Vec<Point>, String, String)>,
    /// The table's column headings: the point's label, then its cells.
    headings: Vec<String>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let (ahead, forecast_label, marker) = forecast.unwrap_or_default();
    let max = max
        .max(target.as_ref().map_or(0, |(v, _)| *v))
        .max(baseline.as_ref().map_or(0, |(v, _)| *v))
        .max(ahead.iter().map(|p| p.value).max().unwrap_or(0))
        .max(1);
    // A legend names the lines where their labels could collide or a line has no label of
    // its own: with a baseline or a forecast (the target too, then: a forecast ends near it).
    let in_legend = baseline.is_some() || !ahead.is_empty();
    let legend_item = |class: &'static str, label: String| {
        view! {
            <li>
                <svg width="28" height="10" aria-hidden="true">
                    <line class=class x1="0" y1="5" x2="28" y2="5" />
                </svg>
                {label}
            </li>
        }
    };
    let legend = in_legend.then(|| {
        let target_item = target
            .clone()
            .map(|(_, label)| legend_item("chart__target", label));
        let base_item = baseline
            .clone()
            .map(|(_, label)| legend_item("chart__baseline", label));
        let forecast_item =
            (!ahead.is_empty()).then(|| legend_item("chart__forecast", forecast_label.clone()));
        view! { <ul class="chart__lines">{target_item} {base_item} {forecast_item}</ul> }
    });
    let baseline_stroke = baseline.as_ref().map(|(value, _)| {
        let y = plot_y(*value, max);
        view! { <line class="chart__baseline" x1=LEFT y1=y x2=RIGHT y2=y vector-effect="non-scaling-stroke" /> }
    });
    // The time axis runs through the measured points and on through the forecast's.
    let measured = points.len();
    let count = measured + ahead.len();
    let all: Vec<&Point> = points.iter().chain(ahead.iter()).collect();
    // Each point as a dot (a line of no length with round ends keeps its shape in the
    // stretched drawing), so a single measurement shows.
    let dots = (count <= 12).then(|| all
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (x, y) = (plot_x(i, count), plot_y(p.value, max));
            view! { <line class="chart__point" x1=x y1=y x2=x y2=y vector-effect="non-scaling-stroke" /> }
        })
        .collect_view());
    let path_of = |range: std::ops::Range<usize>| -> String {
        range
            .filter_map(|i| {
                Some(format!(
                    "{},{}",
                    plot_x(i, count),
                    plot_y(all.get(i)?.value, max)
                ))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let path = path_of(0..measured);
    // From the last measured point on.
    let forecast_stroke = (!ahead.is_empty()).then(|| {
        let path = path_of(measured.saturating_sub(1)..count);
        view! { <polyline class="chart__forecast" points=path vector-effect="non-scaling-stroke" /> }
    });
    let axis = axis_labels(count)
        .into_iter()
        .filter_map(|(i, anchor, minor)| {
            let p = all.get(i)?;
            let class = if minor {
                "chart__label chart__tick--minor"
            } else {
                "chart__label"
            };
            Some(view! {
                <text class=class x=percent(plot_x(i, count)) y=HEIGHT - 8 text-anchor=anchor>
                    {p.label.clone()}
                </text>
            })
        })
        .collect_view();
    let target_line = target.clone().map(|(value, label)| {
        let y = plot_y(value, max);
        (y, label)
    });
    let target_stroke = target_line.as_ref().map(|(y, _)| {
        view! { <line class="chart__target" x1=LEFT y1=*y x2=RIGHT y2=*y vector-effect="non-scaling-stroke" /> }
    });
    // The target's label above its line, at the right (the scale's labels are at the left);
    // in the legend where there is one.
    let target_label = target_line.filter(|_| !in_legend).map(|(y, label)| {
        let lines = wrap(&label, WRAP_CHARS);
        let extra = i64::try_from(lines.len().saturating_sub(1)).unwrap_or(0) * 18;
        // Above the line, or below it where the lines would leave the top of the drawing.
        let first = if y - 6 - extra - 14 >= 0 {
            y - 6 - extra
        } else {
            y + 18
        };
        let spans = lines
            .into_iter()
            .enumerate()
            .map(|(n, line)| {
                let dy = if n == 0 { 0 } else { 18 };
                view! { <tspan x=percent(RIGHT) dy=dy>{line}</tspan> }
            })
            .collect_view();
        view! {
            <text class="chart__label" x=percent(RIGHT) y=first text-anchor="end">
                {spans}
            </text>
        }
    });
    // The scale: a faint line at half and at the top, each with its value above it at the left.
    let scale = [max / 2, max]
        .into_iter()
        .map(|v| {
            let y = plot_y(v, max);
            (y, v)
        })
        .collect::<Vec<_>>();
    let grid = scale
        .iter()
        .map(|(y, _)| {
            view! { <line class="chart__grid" x1=LEFT y1=*y x2=RIGHT y2=*y vector-effect="non-scaling-stroke" /> }
        })
        .collect_view();
    let scale_labels = scale
        .into_iter()
        .map(|(y, v)| {
            view! {
                <text class="chart__label" x=percent(LEFT) y=y - 6>
                    {v.to_string()}
                </text>
            }
        })
        .collect_view();
    let marked = ahead.into_iter().map(|p| Point {
        label: format!("{} {marker}", p.label),
        ..p
    });
    let rows = points
        .into_iter()
        .chain(marked)
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.label}</th>
                    {p
                        .cells
                        .into_iter()
                        .map(|c| view! { <td class="numeric">{c}</td> })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    let mut headings = headings.into_iter();
    let first = headings.next().unwrap_or_default();
    view! {
        <figure class="chart">
            <svg class="chart__svg" role="img" aria-labelledby=labelled_by width="100%" height=HEIGHT>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                <svg
                    width="100%"
                    height=HEIGHT
                    viewBox=format!("0 0 1000 {HEIGHT}")
                    preserveAspectRatio="none"
                    aria-hidden="true"
                >
                    {grid}
                    <line
                        class="chart__axis"
                        x1=LEFT
                        y1=HEIGHT - BOTTOM
                        x2=RIGHT
                        y2=HEIGHT - BOTTOM
                        vector-effect="non-scaling-stroke"
                    />
                    {baseline_stroke}
                    {target_stroke}
                    <polyline class="chart__line" points=path vector-effect="non-scaling-stroke" />
                    {forecast_stroke}
                    {dots}
                </svg>
                {scale_labels}
                {target_label}
                {axis}
            </svg>
            {legend}
            <DataTable label=title.clone()>
                <caption>{title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        {headings
                            .map(|h| view! { <th scope="col" class="numeric">{h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </DataTable>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_scale_to_the_plot_and_stay_inside_it() {
        assert_eq!(plot_y(0, 200), HEIGHT - BOTTOM);
        assert_eq!(plot_y(200, 200), TOP);
        assert_eq!(plot_y(100, 200), (HEIGHT - BOTTOM + TOP) / 2);
        assert_eq!(plot_y(500, 200), TOP, "above the scale is drawn at its top");
        assert_eq!(plot_y(-3, 200), HEIGHT - BOTTOM);
        assert_eq!(plot_y(5, 0), HEIGHT - BOTTOM);
        assert_eq!(plot_y(i64::MAX, i64::MAX), TOP, "no overflow");
    }

    #[test]
    fn points_spread_from_the_left_edge_to_the_right() {
        assert_eq!(plot_x(0, 10), LEFT);
        assert_eq!(plot_x(9, 10), RIGHT);
        assert_eq!(plot_x(0, 1), LEFT, "one point sits at the start");
    }

    #[test]
    fn the_axis_shows_about_six_labels_the_ends_anchored_inside_none_crowding_the_last() {
        assert_eq!(
            axis_labels(12),
            vec![
                (0, "start", false),
                (2, "middle", true),
                (4, "middle", true),
                (6, "middle", false),
                (11, "end", false)
            ]
        );
        // 24 points: every 4th, but 20 is too close to 23 and gives way.
        let shown: Vec<usize> = axis_labels(24).iter().map(|(i, _, _)| *i).collect();
        assert_eq!(shown, vec![0, 4, 8, 12, 16, 23]);
        for count in 1..200 {
            let labels = axis_labels(count);
            assert!(labels.len() <= 7, "{count}: {labels:?}");
            assert_eq!(labels.first().map(|l| l.0), Some(0));
            assert_eq!(labels.last().map(|l| l.0), Some(count - 1));
            let kept = labels.iter().filter(|l| !l.2).count();
            assert!(
                kept <= 3,
                "a narrow chart keeps three at most: {count}: {labels:?}"
            );
        }
        assert_eq!(axis_labels(1), vec![(0, "start", false)]);
        assert!(axis_labels(0).is_empty());
    }
}

//! A line chart as SVG with a title and a description, followed by the same numbers as a
//! table (STYLE: every chart is SVG with a title, a description and a table), with an
//! optional target line. Rendered on the server; no script.

use leptos::prelude::*;

use super::DataTable;

const WIDTH: i64 = 640;
const HEIGHT: i64 = 260;
/// Room for the axis labels.
const LEFT: i64 = 48;
const BOTTOM: i64 = 28;
const TOP: i64 = 12;

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

/// The x of point `index` of `count`, spread over the plot's width.
pub fn plot_x(index: usize, count: usize) -> i64 {
    let plot = WIDTH - LEFT - 16;
    if count <= 1 {
        return LEFT;
    }
    LEFT + i64::try_from(index).unwrap_or(0) * plot / i64::try_from(count - 1).unwrap_or(1)
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
    /// The table's column headings: the point's label, then its cells.
    headings: Vec<String>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let max = max.max(target.as_ref().map_or(0, |(v, _)| *v)).max(1);
    let count = points.len();
    let path: String = points
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{},{}", plot_x(i, count), plot_y(p.value, max)))
        .collect::<Vec<_>>()
        .join(" ");
    // About six labels along the axis, the last point always among them.
    let every = (count / 6).max(1);
    let axis = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i + 1 == count)
        .map(|(i, p)| {
            view! {
                <text class="chart__label" x=plot_x(i, count) y=HEIGHT - 8 text-anchor="middle">
                    {p.label.clone()}
                </text>
            }
        })
        .collect_view();
    let target_line = target.clone().map(|(value, label)| {
        let y = plot_y(value, max);
        view! {
            <line class="chart__target" x1=LEFT y1=y x2=WIDTH - 16 y2=y />
            <text class="chart__label" x=LEFT + 4 y=y - 4>
                {label}
            </text>
        }
    });
    let scale = [0, max / 2, max]
        .into_iter()
        .map(|v| {
            view! {
                <text class="chart__label" x=LEFT - 6 y=plot_y(v, max) + 4 text-anchor="end">
                    {v.to_string()}
                </text>
            }
        })
        .collect_view();
    let rows = points
        .into_iter()
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
            <svg
                class="chart__svg"
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                <line class="chart__axis" x1=LEFT y1=HEIGHT - BOTTOM x2=WIDTH - 16 y2=HEIGHT - BOTTOM />
                {scale}
                {target_line}
                <polyline class="chart__line" points=path />
                {axis}
            </svg>
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
        assert_eq!(plot_x(9, 10), WIDTH - 16);
        assert_eq!(plot_x(0, 1), LEFT, "one point sits at the start");
    }
}

//! Charts as SVG with a title and a description, followed by the same numbers as a table
//! (STYLE: every chart is SVG with a title, a description and a table). Rendered on the
//! server; no script.

use leptos::prelude::*;

use super::DataTable;

/// One series of a bar chart: its name and one value per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<i64>,
}

/// Width of the drawing, in user units; the SVG scales to its box.
const WIDTH: i64 = 600;
/// Room for the category labels on the left.
const LABEL_WIDTH: i64 = 190;
const BAR_HEIGHT: i64 = 18;
const ROW_GAP: i64 = 10;

/// The length of a bar of `value` when `max` fills the drawing (never negative, at least a
/// hairline for a value above zero so it can be seen).
pub fn bar_length(value: i64, max: i64, full: i64) -> i64 {
    if value <= 0 || max <= 0 {
        return 0;
    }
    let length = i128::from(value) * i128::from(full) / i128::from(max);
    i64::try_from(length).unwrap_or(full).clamp(1, full)
}

/// A horizontal bar chart of `categories` with one bar per series in each, and its table.
/// `format` writes a value as the table and the labels show it ("12 500 kr").
#[component]
pub fn BarChart(
    /// The chart's heading and accessible name.
    #[prop(into)]
    title: String,
    /// What the chart shows, in a sentence (the SVG's description).
    #[prop(into)]
    description: String,
    /// An id prefix unique on the page.
    #[prop(into)]
    id: String,
    categories: Vec<String>,
    series: Vec<Series>,
    #[prop(into)] category_heading: String,
    format: fn(i64) -> String,
) -> impl IntoView {
    let per_row = series.len().max(1) as i64;
    let row_height = per_row * BAR_HEIGHT + ROW_GAP;
    let height = (categories.len() as i64 * row_height).max(row_height);
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    let full = WIDTH - LABEL_WIDTH - 90;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let bars = categories
        .iter()
        .enumerate()
        .map(|(row, label)| {
            let top = row as i64 * row_height;
            let series_bars = series
                .iter()
                .enumerate()
                .map(|(n, s)| {
                    let value = s.values.get(row).copied().unwrap_or(0);
                    let y = top + n as i64 * BAR_HEIGHT;
                    let length = bar_length(value, max, full);
                    view! {
                        <rect
                            class=format!("chart__bar chart__bar--{n}")
                            x=LABEL_WIDTH
                            y=y
                            width=length
                            height=BAR_HEIGHT - 4
                        />
                        <text class="chart__value" x=LABEL_WIDTH + length + 6 y=y + BAR_HEIGHT - 7>
                            {format(value)}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <text class="chart__label" x=LABEL_WIDTH - 8 y=top + BAR_HEIGHT - 3 text-anchor="end">
                    {label.clone()}
                </text>
                {series_bars}
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="chart__legend">
                {series
                    .iter()
                    .enumerate()
                    .map(|(n, s)| {
                        view! {
                            <li>
                                <span class=format!("chart__key chart__bar--{n}") aria-hidden="true"></span>
                                {s.name.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let table_rows = categories
        .iter()
        .enumerate()
        .map(|(row, label)| {
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    {series
                        .iter()
                        .map(|s| {
                            view! { <td class="numeric">{format(s.values.get(row).copied().unwrap_or(0))}</td> }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                class="chart__svg"
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")
                preserveAspectRatio="xMinYMin meet"
            >
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {bars}
            </svg>
            {legend}
            <DataTable label=title.clone()>
                <caption>{title.clone()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{category_heading}</th>
                        {series
                            .iter()
                            .map(|s| view! { <th scope="col" class="numeric">{s.name.clone()}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{table_rows}</tbody>
            </DataTable>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_length;

    #[test]
    fn bars_scale_to_the_largest_and_small_values_stay_visible() {
        assert_eq!(bar_length(50, 100, 300), 150);
        assert_eq!(bar_length(100, 100, 300), 300);
        assert_eq!(bar_length(1, 1_000_000, 300), 1, "a hairline, not nothing");
        assert_eq!(bar_length(0, 100, 300), 0);
        assert_eq!(bar_length(-5, 100, 300), 0);
        assert_eq!(bar_length(5, 0, 300), 0);
        assert_eq!(bar_length(i64::MAX, i64::MAX, 300), 300, "no overflow");
    }
}

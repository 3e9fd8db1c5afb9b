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

// The drawing is in CSS pixels (the SVG has no viewBox), so its text keeps its size at any
// width (issue 24: scaled down, 13 px text came out at 6 px on a phone). Widths are shares of
// the chart's width; heights are pixels.

/// A bar's thickness and the height of a line of text, in pixels.
const BAR_HEIGHT: i64 = 20;
const LINE_HEIGHT: i64 = 20;
/// Space between a bar or a line and the next, and between categories.
const GAP: i64 = 4;
const ROW_GAP: i64 = 14;
/// Lines of text wrap at this many characters: about 270 px of 14 px text, so a label fits the
/// narrowest chart (a 320 px window less the page's margins).
pub const WRAP_CHARS: usize = 30;
/// The narrowest chart the placement of a value allows for, and the width of a character of
/// chart text (generous: digits and capitals at 14 px).
const NARROWEST: i64 = 280;
const CHAR_WIDTH: i64 = 9;

/// The length of a bar of `value` when `max` fills the chart, in thousandths of its width
/// (never negative; at least a hairline for a value above zero so it can be seen).
pub fn bar_length(value: i64, max: i64, full: i64) -> i64 {
    if value <= 0 || max <= 0 {
        return 0;
    }
    let length = i128::from(value) * i128::from(full) / i128::from(max);
    i64::try_from(length)
        .unwrap_or(full)
        .clamp((full / 200).max(1), full)
}

/// Thousandths of the width as an SVG length ("12.5%").
pub fn percent(thousandths: i64) -> String {
    format!("{}.{}%", thousandths / 10, thousandths.rem_euclid(10))
}

/// `text` in lines of at most `width` characters, broken between words (a longer word is
/// broken inside). Never empty.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        if word.is_empty() {
            continue;
        }
        let word: String = word.into_iter().collect();
        let used = line.chars().count();
        if used > 0 && used + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where a bar's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValuePlace {
    /// Right of the bar.
    After,
    /// Inside the bar's end, in the bar's contrast colour.
    Inside,
    /// On a line of its own above the bar.
    Above,
}

/// Where a value of `chars` characters fits beside a bar of `length` thousandths, on the
/// narrowest chart.
pub fn value_place(length: i64, chars: usize) -> ValuePlace {
    let text = i64::try_from(chars)
        .unwrap_or(i64::MAX / 2)
        .saturating_mul(CHAR_WIDTH);
    let bar = length.clamp(0, 1000) * NARROWEST / 1000;
    if NARROWEST - bar - 6 >= text {
        ValuePlace::After
    } else if bar - 12 >= text {
        ValuePlace::Inside
    } else {
        ValuePlace::Above
    }
}

/// Lines of text from `y` down, as `<tspan>`s of one `<text>` at the left edge.
fn text_lines(class: &'static str, lines: Vec<String>, y: i64) -> impl IntoView {
    let spans = lines
        .into_iter()
        .enumerate()
        .map(|(n, line)| {
            let dy = if n == 0 { 0 } else { LINE_HEIGHT };
            view! {
                <tspan x="0" dy=dy>
                    {line}
                </tspan>
            }
        })
        .collect_view();
    view! {
        <text class=class x="0" y=y + LINE_HEIGHT - 5>
            {spans}
        </text>
    }
}

/// A horizontal bar chart of `categories` with one bar per series in each, and its table.
/// `format` writes a value as the table and the labels show it ("12 500 kr"). Each category's
/// label stands on its own lines above its bars; with more than one series, each bar is
/// named on the chart too, not by its colour alone (WCAG 1.4.1).
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
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    let named = series.len() > 1;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let line_span = |lines: usize| i64::try_from(lines).unwrap_or(1) * LINE_HEIGHT;
    let mut y = 0;
    let mut bars = Vec::new();
    for (row, label) in categories.iter().enumerate() {
        if row > 0 {
            y += ROW_GAP;
        }
        let lines = wrap(label, WRAP_CHARS);
        let label_height = line_span(lines.len());
        bars.push(text_lines("chart__label", lines, y).into_any());
        y += label_height + GAP;
        for (n, s) in series.iter().enumerate() {
            let value = s.values.get(row).copied().unwrap_or(0);
            let length = bar_length(value, max, 1000);
            let text = if named {
                format!("{}: {}", s.name, format(value))
            } else {
                format(value)
            };
            let place = if named {
                ValuePlace::Above
            } else {
                value_place(length, text.chars().count())
            };
            if place == ValuePlace::Above {
                let lines = wrap(&text, WRAP_CHARS);
                let height = line_span(lines.len());
                bars.push(text_lines("chart__value", lines, y).into_any());
                y += height;
            }
            let text_y = y + BAR_HEIGHT - 5;
            let value_text = match place {
                ValuePlace::Above => None,
                ValuePlace::After => Some(
                    view! {
                        <text class="chart__value" x=percent(length) dx="6" y=text_y>
                            {text}
                        </text>
                    }
                    .into_any(),
                ),
                ValuePlace::Inside => Some(
                    view! {
                        <text
                            class=format!("chart__value chart__value--inside chart__value--{n}")
                            x=percent(length)
                            dx="-6"
                            y=text_y
                            text-anchor="end"
                        >
                            {text}
                        </text>
                    }
                    .into_any(),
                ),
            };
            bars.push(
                view! {
                    <rect
                        class=format!("chart__bar chart__bar--{n}")
                        x="0"
                        y=y
                        width=percent(length)
                        height=BAR_HEIGHT
                    />
                    {value_text}
                }
                .into_any(),
            );
            y += BAR_HEIGHT + GAP;
        }
    }
    let height = y.max(LINE_HEIGHT);
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
                width="100%"
                height=height
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
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_small_values_stay_visible() {
        assert_eq!(bar_length(50, 100, 300), 150);
        assert_eq!(bar_length(100, 100, 300), 300);
        assert_eq!(bar_length(1, 1_000_000, 300), 1, "a hairline, not nothing");
        assert_eq!(bar_length(0, 100, 300), 0);
        assert_eq!(bar_length(-5, 100, 300), 0);
        assert_eq!(bar_length(5, 0, 300), 0);
        assert_eq!(bar_length(i64::MAX, i64::MAX, 300), 300, "no overflow");
        assert_eq!(
            bar_length(1, 1_000_000, 1000),
            5,
            "a hairline is half a per cent"
        );
    }

    #[test]
    fn thousandths_are_written_as_percentages() {
        assert_eq!(percent(0), "0.0%");
        assert_eq!(percent(5), "0.5%");
        assert_eq!(percent(1000), "100.0%");
        assert_eq!(percent(457), "45.7%");
    }

    #[test]
    fn labels_wrap_between_words_and_break_long_words() {
        assert_eq!(
            wrap("Sparte driftskostnader per år (kr)", 30),
            vec!["Sparte driftskostnader per år", "(kr)"]
        );
        assert_eq!(wrap("Kort", 30), vec!["Kort"]);
        assert_eq!(wrap("", 30), vec![""], "never no line at all");
        assert_eq!(wrap("aaaaaaa bb", 3), vec!["aaa", "aaa", "a", "bb"]);
        assert_eq!(wrap("  mange   mellomrom  ", 30), vec!["mange mellomrom"]);
        for line in wrap(&"ord ".repeat(40), 30) {
            assert!(line.chars().count() <= 30, "{line}");
        }
        // Characters, not bytes: æ, ø and å are two bytes each.
        assert_eq!(wrap("ææææ", 2), vec!["ææ", "ææ"]);
    }

    #[test]
    fn a_value_goes_where_it_fits_on_the_narrowest_chart() {
        assert_eq!(
            value_place(100, 3),
            ValuePlace::After,
            "a short bar: after it"
        );
        assert_eq!(
            value_place(1000, 3),
            ValuePlace::Inside,
            "the longest bar: inside it"
        );
        assert_eq!(
            value_place(500, 40),
            ValuePlace::Above,
            "a long text: above the bar"
        );
        assert_eq!(value_place(0, 1), ValuePlace::After);
        assert_eq!(
            value_place(1000, usize::MAX),
            ValuePlace::Above,
            "no overflow"
        );
    }
}

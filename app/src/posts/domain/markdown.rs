//! A post's Markdown as HTML that is safe to show (DESIGN §9: sanitised user HTML; issue 29).
//! Two walls: the Markdown parser's raw HTML is passed on as text, never as markup; then the
//! HTML is cleaned by `ammonia` against a short list of tags and attributes, with links to
//! `http`, `https` and `mailto` only and images only from the post's own uploads.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Where a post's uploaded images are served from (the only images a post shows).
pub const IMAGE_PATH: &str = "/tanketanken/bilder/";

/// The sanitised HTML of `markdown`. Headings move one level down (the page's title is the
/// `h1`), raw HTML shows as the text it is.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    clean(&html)
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// `html` with only the tags, attributes and URL schemes a post may use.
pub fn clean(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p", "br", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
        "hr",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .generic_attributes(HashSet::new())
        .tag_attributes(
            [
                ("a", ["href", "title"].into_iter().collect::<HashSet<_>>()),
                ("img", ["src", "alt", "title"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
                ("th", ["align"].into_iter().collect()),
                ("td", ["align"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // An image from elsewhere would tell another server who reads the post; a path
            // that only starts like an upload (`…/bilder/../../lang/en`) would make every
            // reader's browser ask this site for something else.
            ("img", "src") => is_image_address(value).then_some(value.into()),
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

/// Whether `src` is exactly an upload's address: the path, 64 hexadecimal digits, `.png` or
/// `.jpg`.
pub fn is_image_address(src: &str) -> bool {
    src.strip_prefix(IMAGE_PATH)
        .and_then(|name| name.strip_suffix(".png").or_else(|| name.strip_suffix(".jpg")))
        .is_some_and(|hash| hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// The plain text of `markdown` (for a feed's or a preview's description), at most `max`
/// characters.
pub fn plain_text(markdown: &str, max: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > max {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dangerous markup: what is left of it must be inert.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
        "[klikk](javascript:alert(1))",
        "[klikk](JaVaScRiPt:alert(1))",
        "[klikk](java\tscript:alert(1))",
        "[klikk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klikk](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x](https://sporing.example/piksel.gif)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "<iframe src=\"https://example.com\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<form action=\"https://example.com\"><input name=a></form>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "[a](<javascript:alert(1)>)",
        "[a]: javascript:alert(1)\n\n[lenke][a]",
        "<details open ontoggle=alert(1)>",
        "`<script>` i kode er tekst",
        "<<script>script>alert(1)<</script>/script>",
        "![x](/tanketanken/bilder/../../lang/en)",
        "![x](/tanketanken/bilder/abc.png?x=1)",
    ];

    /// What no rendering may contain.
    pub fn assert_inert(html: &str) {
        let document = scraper::Html::parse_fragment(html);
        for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
            let name = element.value().name();
            assert!(
                !["script", "style", "iframe", "object", "embed", "svg", "math", "form", "input"]
                    .contains(&name),
                "<{name}> in {html}"
            );
            for (attribute, value) in element.value().attrs() {
                assert!(!attribute.starts_with("on"), "{attribute} in {html}");
                assert!(attribute != "style", "style in {html}");
                if matches!(attribute, "href" | "src" | "xlink:href" | "action") {
                    // A URL's scheme as a browser reads it (the URL standard: a letter, then
                    // letters, digits, `+`, `-`, `.`, up to `:`); without one it is relative.
                    let trimmed = value.trim_matches(|c: char| c <= ' ');
                    let scheme = trimmed.split_once(':').map(|(s, _)| s).filter(|s| {
                        s.starts_with(|c: char| c.is_ascii_alphabetic())
                            && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                    });
                    if let Some(scheme) = scheme {
                        assert!(
                            ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str()),
                            "{attribute}={value} in {html}"
                        );
                    }
                }
                if attribute == "src" {
                    assert!(is_image_address(value), "src={value} in {html}");
                }
            }
        }
    }

    #[test]
    fn known_payloads_come_out_inert() {
        for payload in PAYLOADS {
            let html = render(payload);
            assert_inert(&html);
            // And as part of a longer text.
            assert_inert(&render(&format!("# Tittel\n\nFør {payload} etter\n\n- {payload}")));
        }
    }

    #[test]
    fn raw_html_shows_as_text() {
        let html = render("Skriv <b>fet</b> slik");
        assert!(html.contains("&lt;b&gt;fet&lt;/b&gt;"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn markdown_keeps_its_meaning() {
        let image = format!("/tanketanken/bilder/{}.png", "ab".repeat(32));
        let html = render(&format!(
            "# Overskrift\n\nTekst med **fet**, *kursiv* og [lenke](https://baerum.kommune.no).\n\n\
             - en\n- to\n\n![Kart]({image})\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        ));
        assert!(html.contains("<h2>Overskrift</h2>"), "{html}");
        assert!(html.contains("<strong>fet</strong>"), "{html}");
        assert!(html.contains("<em>kursiv</em>"), "{html}");
        assert!(
            html.contains(
                "<a href=\"https://baerum.kommune.no\" rel=\"noopener noreferrer nofollow\">lenke</a>"
            ),
            "{html}"
        );
        assert!(html.contains("<li>en</li>"), "{html}");
        assert!(html.contains(&format!("<img src=\"{image}\" alt=\"Kart\">")), "{html}");
        assert!(html.contains("<td>2</td>"), "{html}");
    }

    #[test]
    fn an_image_from_elsewhere_loses_its_source() {
        let html = render("![x](https://sporing.example/p.gif)");
        assert!(!html.contains("sporing"), "{html}");
    }

    #[test]
    fn plain_text_is_the_words_cut_to_length() {
        assert_eq!(plain_text("# Hei\n\nDette er **fint**.", 100), "Hei Dette er fint.");
        assert_eq!(plain_text("abc def ghi", 8), "abc def…");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// No input yields a script, an event attribute or a dangerous scheme (issue 29).
        #[test]
        fn no_generated_input_yields_anything_active(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zæøå <>\"'=/:;&#()\\[\\]!*`\n-]{0,12}").unwrap(),
                    proptest::sample::select(vec![
                        "<script>", "</script>", "<img ", "src=", "onerror=", "onload=", "javascript:",
                        "data:", "vbscript:", "[x](", "![y](", ")", "<a href=", "<svg", "&#", "&lt;",
                        "<iframe", "style=", "\n\n", "`", "```\n", "<!--", "-->", "<![CDATA[", "\t",
                        "&#x6A;avascript:", "java&#x09;script:", "<math>", "xlink:href=", "[r]: ",
                    ].into_iter().map(str::to_owned).collect::<Vec<_>>()),
                ],
                0..24,
            )
        ) {
            let input: String = parts.concat();
            assert_inert(&render(&input));
        }
    }
}

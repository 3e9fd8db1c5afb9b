//! Tanketanken through the real router on SQLite and PostgreSQL (issue 29): the public blog
//! (pages, feeds, sitemap, search, the API without a token) shows public posts and nothing
//! internal; the feeds parse as a reader's library parses them; public pages and feeds answer
//! conditional requests; the pages and the REST API take a post from draft to public, with
//! comments, moderation and an uploaded image.

use crate::auth_http::{app_with_demo_data, cookie_of, page};
use crate::common::Backend;
use crate::common::TestApp;
use app::auth::Actor;
use app::auth::demo::DEMO_USERS;
use app::auth::tokens::create_token_for;
use app::posts::domain::post::{PostForm, VisibilityForm};
use app::posts::service as posts;
use serde_json::{Value, json};
use time::OffsetDateTime;

const EMPLOYEE: usize = 1;
const COUNCIL: usize = 3;
const EDITOR: usize = 8;

async fn write(app: &TestApp, who: usize, title: &str, visibility: Option<&str>) -> i32 {
    let now = OffsetDateTime::now_utc();
    let author = crate::common::demo_actor_of(app.db(), who).await;
    let links = app::registry::link_targets();
    let form = PostForm {
        title: title.into(),
        summary: format!("Ingress til {title}."),
        body: format!("Teksten i {title}."),
        tags: "deling".into(),
        ..PostForm::default()
    };
    let id = posts::create_post(app.db(), &author, &links, form, now)
        .await
        .unwrap();
    if let Some(visibility) = visibility {
        let editor = crate::common::demo_actor_of(app.db(), EDITOR).await;
        posts::publish_post(
            app.db(),
            &editor,
            id,
            VisibilityForm(visibility.into()),
            now,
        )
        .await
        .unwrap();
    }
    id
}

async fn get(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn the_public_blog_shows_public_posts_only_and_answers_conditional_requests(
    backend: Backend,
) {
    let app = app_with_demo_data(backend).await;
    let internal = write(&app, EMPLOYEE, "Intern hemmelighet", Some("internal")).await;
    let public = write(&app, EMPLOYEE, "Åpen deling", Some("public")).await;
    let draft = write(&app, EMPLOYEE, "Uferdig utkast", None).await;
    let secret = ["Intern hemmelighet", "Uferdig utkast"];
    let leaks = |text: &str| secret.iter().any(|s| text.contains(s));

    // The Atom feed: valid, the public post only, a validator that answers 304.
    let atom = get(&app, "/feed.atom", &[]).await;
    assert_eq!(atom.status(), 200);
    assert!(header(&atom, "content-type").starts_with("application/atom+xml"));
    let tag = header(&atom, "etag");
    assert!(!tag.is_empty());
    let body = atom.text().await.unwrap();
    let feed = atom_syndication::Feed::read_from(body.as_bytes()).expect("a valid Atom feed");
    let titles: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.title().value.clone())
        .collect();
    assert_eq!(titles, vec!["Åpen deling"]);
    assert!(
        feed.entries()[0]
            .id()
            .ends_with(&format!("/tanketanken/{public}"))
    );
    assert!(!leaks(&body), "{body}");
    let again = get(&app, "/feed.atom", &[("if-none-match", &tag)]).await;
    assert_eq!(again.status(), 304);
    assert!(again.text().await.unwrap().is_empty());

    // The RSS 2.0 feed, by its date.
    let rss = get(&app, "/feed.rss", &[]).await;
    assert_eq!(rss.status(), 200);
    let modified = header(&rss, "last-modified");
    let body = rss.text().await.unwrap();
    let channel = rss::Channel::read_from(body.as_bytes()).expect("a valid RSS feed");
    assert_eq!(channel.items().len(), 1);
    assert_eq!(channel.items()[0].title(), Some("Åpen deling"));
    assert!(!leaks(&body));
    let again = get(&app, "/feed.rss", &[("if-modified-since", &modified)]).await;
    assert_eq!(again.status(), 304);

    // The sitemap, the list, the search and the API without a token.
    let sitemap = get(&app, "/sitemap.xml", &[]).await.text().await.unwrap();
    assert!(sitemap.contains(&format!("/tanketanken/{public}</loc>")));
    assert!(!sitemap.contains(&format!("/tanketanken/{internal}<")));
    let list = get(&app, "/tanketanken", &[]).await;
    let list_tag = header(&list, "etag");
    let list = list.text().await.unwrap();
    assert!(list.contains("Åpen deling") && !leaks(&list));
    let again = get(&app, "/tanketanken", &[("if-none-match", &list_tag)]).await;
    assert_eq!(
        again.status(),
        304,
        "the blog's front page, for a visitor who has it"
    );
    let other_page = get(
        &app,
        "/tanketanken?tagg=deling",
        &[("if-none-match", &list_tag)],
    )
    .await;
    assert_eq!(other_page.status(), 200, "another filter is another page");
    let search = get(&app, "/tanketanken?q=hemmelighet", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(!leaks(&search));
    let api: Value = get(&app, "/api/v1/posts?q=deling", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["total"], 1, "{api}");
    assert!(!leaks(&api.to_string()));
    for id in [internal, draft] {
        assert_eq!(
            get(&app, &format!("/api/v1/posts/{id}"), &[])
                .await
                .status(),
            404
        );
        let page = get(&app, &format!("/tanketanken/{id}"), &[]).await;
        assert_eq!(page.status(), 404);
        let html = page.text().await.unwrap();
        assert!(
            !leaks(&html) && !html.contains("og:title"),
            "no preview of {id}"
        );
    }

    // The public post's page: its link preview, and 304 for a visitor who has it.
    let post = get(&app, &format!("/tanketanken/{public}"), &[]).await;
    assert_eq!(post.status(), 200);
    let tag = header(&post, "etag");
    assert!(!tag.is_empty());
    let html = post.text().await.unwrap();
    assert!(
        html.contains("property=\"og:title\" content=\"Åpen deling\""),
        "{html}"
    );
    assert!(html.contains("name=\"twitter:card\""));
    assert!(html.contains("rel=\"canonical\""));
    assert!(html.contains(&format!("href=\"{}/tanketanken/{public}\"", app.address)));
    let again = get(
        &app,
        &format!("/tanketanken/{public}"),
        &[("if-none-match", &tag)],
    )
    .await;
    assert_eq!(again.status(), 304);
    // The browser's stored copy keeps its policy: a new nonce would block its scripts.
    assert!(again.headers().get("content-security-policy").is_none());
    // Any change to a post makes a new version.
    let editor = crate::common::demo_actor_of(app.db(), EDITOR).await;
    posts::feature_post(app.db(), &editor, public, true, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let changed = get(
        &app,
        &format!("/tanketanken/{public}"),
        &[("if-none-match", &tag)],
    )
    .await;
    assert_eq!(changed.status(), 200);
}

async fn the_pages_and_the_api_take_a_post_from_draft_to_public(backend: Backend) {
    use reqwest::Method;
    let app = app_with_demo_data(backend).await;
    let now = OffsetDateTime::now_utc();
    let token = |who: usize| {
        let db = app.db().clone();
        async move {
            create_token_for(&db, &Actor::System, DEMO_USERS[who].email, "test", now)
                .await
                .unwrap()
                .secret
        }
    };
    let (employee, other, editor) = (
        token(EMPLOYEE).await,
        token(COUNCIL).await,
        token(EDITOR).await,
    );
    let api = crate::fund_http::Api { app };
    let app = &api.app;

    let (status, problem) = api
        .call(
            Method::POST,
            "/api/v1/posts",
            &employee,
            Some(json!({ "title": "", "summary": "x", "body": "y" })),
        )
        .await;
    assert_eq!(status, 422, "{problem}");
    assert!(problem.to_string().contains("title"), "{problem}");
    let (status, made) = api
        .call(
            Method::POST,
            "/api/v1/posts",
            &employee,
            Some(json!({
                "title": "Fra API-et",
                "summary": "Skrevet av et program.",
                "body": "Hei <img src=x onerror=alert(1)> [x](javascript:alert(1))",
                "tags": ["api"],
            })),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_i64().unwrap();
    let html = made["body_html"].as_str().unwrap();
    assert!(
        !html.contains("<img") && !html.contains("javascript:"),
        "{html}"
    );
    assert_eq!(made["status"], "draft");

    let (status, _) = api
        .call(
            Method::PATCH,
            &format!("/api/v1/posts/{id}"),
            &other,
            Some(json!({ "title": "Min nå" })),
        )
        .await;
    assert_eq!(status, 404, "another's draft is not there for them");
    let (status, changed) = api
        .call(
            Method::PATCH,
            &format!("/api/v1/posts/{id}"),
            &employee,
            Some(json!({ "title": "Fra API-et, endret" })),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["title"], "Fra API-et, endret");
    assert_eq!(
        changed["tags"],
        json!(["api"]),
        "what the patch left out stays"
    );

    let publish = |visibility: &str| Some(json!({ "visibility": visibility }));
    let path = format!("/api/v1/posts/{id}/publish");
    assert_eq!(
        api.call(Method::POST, &path, &employee, publish("public"))
            .await
            .0,
        403
    );
    assert_eq!(
        api.call(Method::POST, &path, &employee, publish("everyone"))
            .await
            .0,
        422
    );
    assert_eq!(
        api.call(Method::POST, &path, &employee, publish("internal"))
            .await
            .0,
        200
    );
    let visitor: Value = get(app, "/api/v1/posts", &[]).await.json().await.unwrap();
    assert_eq!(visitor["total"], 0);
    let (status, public) = api
        .call(Method::POST, &path, &editor, publish("public"))
        .await;
    assert_eq!(
        (status, public["visibility"].as_str()),
        (200, Some("public"))
    );
    let visitor: Value = get(app, "/api/v1/posts", &[]).await.json().await.unwrap();
    assert_eq!(visitor["total"], 1);

    // Comments: written, hidden by the editor (gone for others), deleted by their author.
    let comments = format!("/api/v1/posts/{id}/comments");
    let (status, comment) = api
        .call(
            Method::POST,
            &comments,
            &other,
            Some(json!({ "body": "Godt skrevet!" })),
        )
        .await;
    assert_eq!(status, 201, "{comment}");
    let comment_id = comment["id"].as_i64().unwrap();
    let hide = format!("/api/v1/comments/{comment_id}/hide");
    assert_eq!(
        api.call(
            Method::POST,
            &hide,
            &employee,
            Some(json!({ "reason": "Nei" }))
        )
        .await
        .0,
        403
    );
    assert_eq!(
        api.call(Method::POST, &hide, &editor, Some(json!({ "reason": "" })))
            .await
            .0,
        422
    );
    assert_eq!(
        api.call(
            Method::POST,
            &hide,
            &editor,
            Some(json!({ "reason": "Utenfor temaet." }))
        )
        .await
        .0,
        204
    );
    let (_, seen) = api.call(Method::GET, &comments, &employee, None).await;
    assert_eq!(seen["items"], json!([]), "{seen}");
    let (_, own) = api.call(Method::GET, &comments, &other, None).await;
    assert_eq!(own["items"][0]["hidden_reason"], "Utenfor temaet.", "{own}");
    let delete = format!("/api/v1/comments/{comment_id}");
    assert_eq!(
        api.call(Method::DELETE, &delete, &editor, None).await.0,
        403
    );
    assert_eq!(api.call(Method::DELETE, &delete, &other, None).await.0, 204);
    assert_eq!(get(app, &comments, &[]).await.status(), 401);

    // The pages: the post with its steps, the form with the image upload.
    let cookie = cookie_of(app, EMPLOYEE).await;
    let (status, html) = page(app, &format!("/tanketanken/{id}"), &cookie).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Fra API-et, endret") && html.contains(&format!("/tanketanken/{id}/endre"))
    );
    let (status, html) = page(app, &format!("/tanketanken/{id}/endre"), &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("name=\"alt\""));
    let (status, html) = page(app, "/tanketanken/ny", &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("name=\"body\""));
    let other_cookie = cookie_of(app, COUNCIL).await;
    assert_eq!(
        page(app, &format!("/tanketanken/{id}/endre"), &other_cookie)
            .await
            .0,
        403
    );

    // An image through the form: re-encoded, served under its hash, cached for good.
    let png = {
        let image = image::RgbImage::from_pixel(8, 8, image::Rgb([200, 30, 30]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
        bytes.into_inner()
    };
    let upload = |bytes: Vec<u8>, alt: &str| {
        let form = reqwest::multipart::Form::new()
            .part(
                "image",
                reqwest::multipart::Part::bytes(bytes).file_name("bilde.png"),
            )
            .text("alt", alt.to_owned())
            .text("cover", "on");
        app.client
            .post(app.url(&format!("/tanketanken/{id}/bilde")))
            .header("cookie", &cookie)
            .header("origin", &app.address)
            .multipart(form)
            .send()
    };
    let refused = upload(b"<svg onload=alert(1)>".to_vec(), "Et bilde")
        .await
        .unwrap();
    assert_eq!(refused.status(), 303);
    assert!(
        header(&refused, "location").contains("feil_image=not_an_image"),
        "{}",
        header(&refused, "location")
    );
    let done = upload(png, "Rød firkant").await.unwrap();
    assert_eq!(done.status(), 303);
    // The author's new image took the public post back to internal, for the editor to see.
    let author = crate::common::demo_actor_of(app.db(), EMPLOYEE).await;
    let seen = posts::get_post(
        app.db(),
        &author,
        &app::registry::link_targets(),
        i32::try_from(id).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(seen.row.visibility.as_str(), "internal");
    let cover = seen.row.cover.expect("the cover");
    assert_eq!(
        get(app, &cover.url, &[]).await.status(),
        404,
        "no visitor's now"
    );
    let served = get(app, &cover.url, &[("cookie", &cookie)]).await;
    assert_eq!(served.status(), 200);
    assert_eq!(header(&served, "content-type"), "image/png");
    assert_eq!(
        header(&served, "cache-control"),
        "private, max-age=31536000, immutable"
    );
    assert_eq!(header(&served, "x-content-type-options"), "nosniff");
}

crate::on_both_backends!(
    the_public_blog_shows_public_posts_only_and_answers_conditional_requests,
    the_pages_and_the_api_take_a_post_from_draft_to_public,
);

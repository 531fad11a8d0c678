//! The browser's own pages: the welcome page, error pages, and the wrapping of responses
//! that are not HTML (plain text, images, other binary types) into something to show.
//!
//! Every page is HTML text that goes through the same parser and layout as a page from the
//! network, so these pages also exercise the engine. Text from outside (a URL, a server's
//! reason phrase, a body) is escaped before it is put into a page.

/// The page shown when the browser opens without an address.
pub const WELCOME: &str = "<!DOCTYPE html>
<html><head><title>Welcome</title></head><body>
<h1>Tessera Browser</h1>
<p>Type an address in the bar above and press <b>Enter</b>: <code>example.org</code> means
<code>http://example.org/</code>; <code>https://</code> addresses are fetched over TLS
(BearSSL, inside this app's sandbox) and checked against the Mozilla root certificates.</p>
<h2>Keys</h2>
<ul>
<li><b>Ctrl+L</b>: edit the address</li>
<li><b>Alt+Left</b> / <b>Alt+Right</b>: back and forward</li>
<li><b>F5</b>: reload</li>
<li><b>Up</b>, <b>Down</b>, <b>Page Up</b>, <b>Page Down</b>, <b>Home</b>, <b>End</b> and the
wheel: scroll</li>
</ul>
<h2>What it does</h2>
<p>HTTP/1.1 with redirects, headings, paragraphs, lists, links, tables, preformatted text
and images as their <i>alt</i> text. There are no scripts and no style sheets: pages are
laid out with the browser's built-in styles.</p>
</body></html>
";

/// Escapes text for use inside an HTML element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// A page naming why `url` could not be shown: `title` is the kind of failure ("The name
/// was not found"), `detail` the cause in words.
pub fn error_page(title: &str, detail: &str, url: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <h1>{title}</h1><p>{detail}</p><p>Address: <code>{url}</code></p>\
         <p>Check the address, or press <b>F5</b> to try again.</p></body></html>",
        title = escape(title),
        detail = escape(detail),
        url = escape(url),
    )
}

/// A page for an HTTP error status whose body cannot be shown as HTML.
pub fn status_page(status: u16, reason: &str, url: &str) -> String {
    error_page(
        &format!("HTTP error {status}"),
        &format!("The server answered {status} {reason}."),
        url,
    )
}

/// A plain-text body shown as preformatted text (the title is the URL's last segment).
pub fn text_page(text: &str, title: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{}</title></head><body><pre>{}</pre></body></html>",
        escape(title),
        escape(text)
    )
}

/// A page for a body the browser cannot display (an image, an archive ...).
pub fn binary_page(content_type: &str, bytes: usize, url: &str) -> String {
    error_page(
        "Cannot show this file",
        &format!(
            "The server sent {bytes} bytes of {content_type}, which this browser does not display."
        ),
        url,
    )
}

/// How a response body is to be shown, from its `Content-Type` (and, without one, from a
/// look at the bytes, like a browser's content sniffing in miniature).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// HTML, with the charset parameter if there was one.
    Html(Option<String>),
    /// Plain text (also CSS, JavaScript, JSON, XML: shown as source).
    Text(Option<String>),
    /// Anything else: named, not shown.
    Binary(String),
}

/// Decides how to show a body with this `Content-Type` header value.
pub fn kind_of(content_type: Option<&str>, body: &[u8]) -> Kind {
    let Some(value) = content_type else {
        let head = &body[..body.len().min(512)];
        let text = String::from_utf8_lossy(head).to_ascii_lowercase();
        let binary = head.contains(&0);
        return if binary {
            Kind::Binary("application/octet-stream".into())
        } else if text.contains("<html") || text.contains("<!doctype html") || text.contains("<p") {
            Kind::Html(None)
        } else {
            Kind::Text(None)
        };
    };
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_string())
    });
    match essence.as_str() {
        "text/html" | "application/xhtml+xml" => Kind::Html(charset),
        "" => kind_of(None, body),
        e if e.starts_with("text/")
            || e.ends_with("+json")
            || e.ends_with("+xml")
            || e == "application/json"
            || e == "application/javascript"
            || e == "application/xml" =>
        {
            Kind::Text(charset)
        }
        other => Kind::Binary(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_out() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let page = error_page("Oops", "<script>", "http://a/<b>");
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<script>"));
        assert!(page.contains("http://a/&lt;b&gt;"));
    }

    #[test]
    fn content_types_decide_the_kind() {
        assert_eq!(
            kind_of(Some("text/html; charset=\"ISO-8859-1\""), b""),
            Kind::Html(Some("ISO-8859-1".into()))
        );
        assert_eq!(kind_of(Some("TEXT/PLAIN"), b""), Kind::Text(None));
        assert_eq!(kind_of(Some("application/json"), b""), Kind::Text(None));
        assert_eq!(
            kind_of(Some("image/png"), b"\x89PNG"),
            Kind::Binary("image/png".into())
        );
        assert_eq!(kind_of(None, b"<!DOCTYPE html><p>x"), Kind::Html(None));
        assert_eq!(kind_of(None, b"just words"), Kind::Text(None));
        assert_eq!(
            kind_of(None, b"\x00\x01"),
            Kind::Binary("application/octet-stream".into())
        );
    }

    #[test]
    fn the_welcome_page_parses_with_a_title() {
        let document = html::parse_document(WELCOME, html::Options::default());
        let text = document.text_content(html::dom::Document::ROOT);
        assert!(text.contains("Tessera Browser"));
        assert!(text.contains("Welcome"));
    }
}

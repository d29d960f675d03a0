//! The prose of a Markdown file, at the byte offsets it has in the file.
//!
//! Checks must not read code, front matter, link targets, HTML tags or comments, yet must
//! report positions in the original file. So instead of extracting the prose, everything else
//! is blanked out with spaces (line breaks kept), byte for byte: the masked text has the file's
//! length and its line structure, and every offset into it is an offset into the file.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A Markdown file's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    /// The file with everything but prose replaced by spaces; line breaks are kept, so lines
    /// and offsets are the file's.
    pub text: String,
    /// `text` with the line breaks inside paragraphs (soft breaks) also made spaces, so that a
    /// sentence wrapped over two lines is one sentence to the segmenter.
    pub flow: String,
    /// The byte ranges of HTML comments, where suppressions are written.
    pub comments: Vec<Range<usize>>,
}

/// Masks everything in `markdown` that is not prose.
#[must_use]
pub fn prose(markdown: &str) -> Prose {
    let source = markdown.as_bytes();
    let mut keep = vec![false; source.len()];
    let mut soft_breaks = Vec::new();
    let mut comments = Vec::new();
    // Code blocks, front matter and autolinks hold text events that are not prose.
    let mut hidden = 0usize;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => hidden += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => hidden = hidden.saturating_sub(1),
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => hidden += 1,
            Event::End(TagEnd::Link) if hidden > 0 && is_autolink(markdown, &range) => {
                hidden = hidden.saturating_sub(1);
            }
            Event::Text(_) if hidden == 0 => keep[range].fill(true),
            Event::SoftBreak => soft_breaks.push(range),
            Event::Html(_) | Event::InlineHtml(_) => {
                let html = &markdown[range.clone()];
                let mut at = 0;
                while let Some(open) = html[at..].find("<!--") {
                    let start = at + open;
                    let end = html[start + 4..].find("-->").map_or(html.len(), |close| start + 4 + close + 3);
                    comments.push(range.start + start..range.start + end);
                    at = end;
                }
            }
            _ => {}
        }
    }
    let mut masked: Vec<u8> = source
        .iter()
        .zip(&keep)
        .map(|(&byte, &kept)| if kept || byte == b'\n' || byte == b'\r' { byte } else { b' ' })
        .collect();
    // Kept ranges are whole text events, which begin and end on character boundaries, and
    // every other byte became ASCII: the result is UTF-8. Should that ever fail, the lossy
    // conversion still keeps the length of every ASCII byte.
    let text = String::from_utf8(masked.clone()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    for range in soft_breaks {
        for byte in &mut masked[range] {
            if *byte == b'\n' || *byte == b'\r' {
                *byte = b' ';
            }
        }
    }
    let flow = String::from_utf8(masked).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Prose { text, flow, comments }
}

/// Whether the link ending at `range` is written `<…>`.
fn is_autolink(markdown: &str, range: &Range<usize>) -> bool {
    markdown.get(range.clone()).is_some_and(|link| link.starts_with('<') && link.ends_with('>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(markdown: &str) -> String {
        let prose = prose(markdown);
        assert_eq!(prose.text.len(), markdown.len(), "lengths differ");
        prose.text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn only_prose_is_left() {
        let markdown = "---\ntitle: Lion\n---\n\n# Конференция в Лионе\n\nDelegates met in **Lyon** ([site](https://lion.example/x)).\n\n```\nLion code\n```\n\nUse `Lion` here <span class=\"x\">and</span> <!-- tm: ignore[TM101] -->there.\n\n    indented Lion code\n\nSee <https://lion.example>.\n";
        assert_eq!(shown(markdown), "Конференция в Лионе Delegates met in Lyon ( site ). Use here and there. See .");
    }

    #[test]
    fn offsets_and_lines_are_the_files() {
        let markdown = "Интерпол и *Лион*\nна одной строке.\n\n- пункт `код`\n";
        let prose = prose(markdown);
        let at = markdown.find("Лион").unwrap();
        assert_eq!(&prose.text[at..at + "Лион".len()], "Лион");
        assert_eq!(prose.text.matches('\n').count(), markdown.matches('\n').count());
        // The soft break inside the paragraph is a space in the flow, not in the text.
        let soft = markdown.find('\n').unwrap();
        assert_eq!(&prose.text[soft..=soft], "\n");
        assert_eq!(&prose.flow[soft..=soft], " ");
    }

    #[test]
    fn comments_are_found_in_blocks_and_inline() {
        let markdown = "<!-- tm: ignore-file[TM103] house style -->\n\nText <!-- tm: ignore[TM101] --> more.\n";
        let prose = prose(markdown);
        let comments: Vec<&str> = prose.comments.iter().map(|r| &markdown[r.clone()]).collect();
        assert_eq!(comments, ["<!-- tm: ignore-file[TM103] house style -->", "<!-- tm: ignore[TM101] -->"]);
    }

    #[test]
    fn tables_keep_cells() {
        assert_eq!(shown("| Город | City |\n|---|---|\n| Лион | Lyon |\n"), "Город City Лион Lyon");
    }

    proptest::proptest! {
        /// Whatever the Markdown, the prose is the file with some bytes made spaces: same
        /// length, same line breaks, every other byte unchanged.
        #[test]
        fn prose_keeps_offsets(markdown in "([-#*_`>\\[\\]()<!|~+ \n0-9a-zЛионё]|---|```|<!--|-->|    ){0,80}") {
            let shown = prose(&markdown);
            proptest::prop_assert_eq!(shown.text.len(), markdown.len());
            for (kept, original) in shown.text.bytes().zip(markdown.bytes()) {
                proptest::prop_assert!(kept == original || kept == b' ');
                proptest::prop_assert_eq!(kept == b'\n', original == b'\n');
            }
            for comment in &shown.comments {
                proptest::prop_assert!(markdown.get(comment.clone()).is_some_and(|c| c.starts_with("<!--")));
            }
        }
    }
}

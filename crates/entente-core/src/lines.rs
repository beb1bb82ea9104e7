//! Line numbers of byte offsets in a text, for `file:line` errors.
//!
//! Every parser that reports `file:line` (the curated record, counterfactual files, scenarios)
//! asks for the line of many offsets in one text. Counting newlines from the start for each one
//! is quadratic: a 20,000-record folder took 27 s. [`LineIndex`] finds the newlines once and
//! answers each offset by binary search.

/// The newline offsets of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    newlines: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text`'s newlines (one pass).
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: memchr_all(text.as_bytes()),
            len: text.len(),
        }
    }

    /// The 1-based line of byte `offset`; an offset past the end is on the last line.
    pub fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.len);
        // Newlines strictly before `end`.
        self.newlines.partition_point(|&n| n < end) + 1
    }
}

fn memchr_all(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect()
}

/// `s` with control characters (an ANSI escape from a data file or a query, a tab, a carriage
/// return) shown as `\x1b` or `\u{85}`, so that a message cannot drive a terminal. The one way every
/// face escapes text it did not write (the CLI's errors, the API's error bodies).
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_control() {
            let n = ch as u32;
            if n < 0x100 {
                out.push_str(&format!("\\x{n:02x}"));
            } else {
                out.push_str(&format!("\\u{{{n:x}}}"));
            }
        } else {
            out.push(ch);
        }
    }
    out
}

/// The 1-based line of one byte offset in `text`, for a single lookup. Use [`LineIndex`] for many.
pub fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(text: &str, offset: usize) -> usize {
        text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(escape_controls("a\u{1b}[31mb\tc"), "a\\x1b[31mb\\x09c");
        assert_eq!(escape_controls("é\u{85}"), "é\\x85");
        assert_eq!(escape_controls("plain – text"), "plain – text");
    }

    #[test]
    fn lines_of_known_offsets() {
        let t = "a\nbc\n\nd";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line(0), 1);
        assert_eq!(ix.line(1), 1); // the newline itself is on line 1
        assert_eq!(ix.line(2), 2);
        assert_eq!(ix.line(5), 3);
        assert_eq!(ix.line(6), 4);
        assert_eq!(ix.line(1000), 4);
        assert_eq!(LineIndex::new("").line(0), 1);
    }

    proptest! {
        #[test]
        fn agrees_with_counting_from_the_start(text in "[a\\n]{0,200}", offset in 0usize..260) {
            prop_assert_eq!(LineIndex::new(&text).line(offset), naive(&text, offset));
        }
    }
}

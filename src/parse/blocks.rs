//! The structure of a markdown body: headings, paragraphs, list items,
//! tables and code blocks, each with its file line.
//!
//! This module owns the `Block` values that the task, table and claim readers
//! work from, and the `BlockBuilder` that collects them from pulldown-cmark's
//! events while `crate::parse::markdown` renders the same events to HTML. It
//! knows nothing of HTML, links or task ids.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A block of a markdown body, in document order, with its file line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Plain text.
        text: String,
        /// File line.
        line: usize,
    },
    /// A paragraph outside lists and tables; soft breaks are `\n`.
    Paragraph {
        /// Plain text, one source line per text line.
        text: String,
        /// File line of its first line.
        line: usize,
        /// Whether all its text is bold (a label such as `**Test run**`).
        bold: bool,
    },
    /// A list item's own text (its first paragraph; nested lists are items of their own).
    Item {
        /// 1 for a top-level item, 2 for one nested in it, ...
        depth: usize,
        /// `Some(true)` for `[x]`, `Some(false)` for `[ ]`, `None` for a plain bullet.
        checked: Option<bool>,
        /// Plain text.
        text: String,
        /// File line.
        line: usize,
        /// The item's last file line, nested lists included.
        last_line: usize,
    },
    /// A table.
    Table(Table),
    /// A fenced or indented code block.
    Code {
        /// Its text.
        text: String,
        /// File line of the fence.
        line: usize,
    },
}

/// A table's header and rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The header cells.
    pub header: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Row>,
    /// File line of the header.
    pub line: usize,
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// Its cells; rows shorter than the header are padded with empty cells.
    pub cells: Vec<Cell>,
    /// File line.
    pub line: usize,
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Plain text, inline code included without backticks.
    pub text: String,
    /// Whether all its text is bold (`**BACKEND TRACK**`).
    pub bold: bool,
}

/// Collects blocks from the parser's events, beside the rendering.
#[derive(Default)]
pub(crate) struct BlockBuilder {
    blocks: Vec<Block>,
    /// Open list items: (index of its block once emitted, text, line, checked, depth).
    items: Vec<OpenItem>,
    list_depth: usize,
    /// The open paragraph: text, line, bold and plain character counts.
    paragraph: Option<(String, usize, usize, usize)>,
    heading: Option<(u8, String, usize)>,
    table: Option<(Table, bool)>,
    cell: Option<(String, usize, usize)>,
    strong: usize,
    code: Option<(String, usize)>,
}

/// A list item whose own text is still being read.
struct OpenItem {
    /// Index of its block once emitted.
    block: usize,
    text: String,
    line: usize,
    checked: Option<bool>,
    depth: usize,
    emitted: bool,
}

impl BlockBuilder {
    /// Takes one parser event, found at `line` and ending at `last_line`.
    pub(crate) fn event(&mut self, event: &Event<'_>, line: usize, last_line: usize) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(TagEnd::Item) => self.end_item(last_line),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak | Event::HardBreak => self.soft_break(),
            Event::TaskListMarker(checked) => {
                if let Some(item) = self.items.last_mut() {
                    item.checked = Some(*checked);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, line: usize) {
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((*level as u8, String::new(), line)),
            Tag::Paragraph
                if self.items.last().is_none_or(|i| i.emitted) && self.table.is_none() =>
            {
                self.paragraph = Some((String::new(), line, 0, 0));
            }
            Tag::List(_) => {
                self.emit_open_item();
                self.list_depth += 1;
            }
            Tag::Item => {
                let depth = self.list_depth;
                self.items.push(OpenItem {
                    block: 0,
                    text: String::new(),
                    line,
                    checked: None,
                    depth,
                    emitted: false,
                });
            }
            Tag::Table(_) => self.table = Some((Table { line, ..Table::default() }, true)),
            Tag::TableHead => {}
            Tag::TableRow => {
                if let Some((table, in_head)) = self.table.as_mut() {
                    *in_head = false;
                    table.rows.push(Row { cells: Vec::new(), line });
                }
            }
            Tag::TableCell => self.cell = Some((String::new(), 0, 0)),
            Tag::Strong => self.strong += 1,
            // An item keeps its strikethrough: `- [ ] ~~Batch export~~` is
            // work set aside, not work to do.
            Tag::Strikethrough => self.item_text("~~"),
            Tag::CodeBlock(_) => self.code = Some((String::new(), line)),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, text, line)) = self.heading.take() {
                    self.blocks.push(Block::Heading { level, text: text.trim().to_string(), line });
                }
            }
            TagEnd::Paragraph => {
                if let Some((text, line, bold_chars, plain_chars)) = self.paragraph.take() {
                    let bold = bold_chars > 0 && plain_chars == 0;
                    self.blocks.push(Block::Paragraph {
                        text: text.trim().to_string(),
                        line,
                        bold,
                    });
                } else {
                    // The first paragraph of an item ends its own text.
                    self.emit_open_item();
                }
            }
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            TagEnd::TableCell => self.end_cell(),
            TagEnd::Table => {
                if let Some((table, _)) = self.table.take() {
                    self.blocks.push(Block::Table(table));
                }
            }
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.item_text("~~"),
            TagEnd::CodeBlock => {
                if let Some((text, line)) = self.code.take() {
                    self.blocks.push(Block::Code { text, line });
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((code, _)) = self.code.as_mut() {
            code.push_str(text);
        } else if let Some((cell, bold_chars, plain_chars)) = self.cell.as_mut() {
            cell.push_str(text);
            let n = text.trim().chars().count();
            if self.strong > 0 { *bold_chars += n } else { *plain_chars += n }
        } else if let Some((_, heading, _)) = self.heading.as_mut() {
            heading.push_str(text);
        } else if let Some((paragraph, _, bold_chars, plain_chars)) = self.paragraph.as_mut() {
            paragraph.push_str(text);
            let n = text.trim().chars().count();
            if self.strong > 0 { *bold_chars += n } else { *plain_chars += n }
        } else if let Some(item) = self.items.last_mut().filter(|i| !i.emitted) {
            item.text.push_str(text);
        }
    }

    /// Text for the open item's own text only (not its cells or paragraphs).
    fn item_text(&mut self, text: &str) {
        if self.code.is_none()
            && self.cell.is_none()
            && self.heading.is_none()
            && self.paragraph.is_none()
            && let Some(item) = self.items.last_mut().filter(|i| !i.emitted)
        {
            item.text.push_str(text);
        }
    }

    fn soft_break(&mut self) {
        if let Some((paragraph, ..)) = self.paragraph.as_mut() {
            paragraph.push('\n');
        } else {
            self.text(" ");
        }
    }

    fn end_cell(&mut self) {
        let Some((text, bold_chars, plain_chars)) = self.cell.take() else { return };
        let Some((table, in_head)) = self.table.as_mut() else { return };
        let cell = Cell { text: text.trim().to_string(), bold: bold_chars > 0 && plain_chars == 0 };
        match (*in_head, table.rows.last_mut()) {
            (false, Some(row)) => row.cells.push(cell),
            _ => table.header.push(cell),
        }
    }

    fn emit_open_item(&mut self) {
        if let Some(item) = self.items.last_mut().filter(|i| !i.emitted) {
            item.emitted = true;
            item.block = self.blocks.len();
            let text = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let (depth, checked, line) = (item.depth, item.checked, item.line);
            self.blocks.push(Block::Item { depth, checked, text, line, last_line: line });
        }
    }

    /// Closes an item, recording its last line (nested lists included).
    fn end_item(&mut self, last_line: usize) {
        self.emit_open_item();
        if let Some(item) = self.items.pop()
            && let Some(Block::Item { last_line: slot, .. }) = self.blocks.get_mut(item.block)
        {
            *slot = last_line;
        }
    }

    /// The blocks, in document order.
    pub(crate) fn finish(self) -> Vec<Block> {
        self.blocks
    }
}

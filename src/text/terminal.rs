//! What a terminal showed: saved console output with its redraws replayed.
//!
//! Test runners and deploy tools draw progress in place: a bar redrawn after
//! a carriage return, a spinner erased with `ESC[K`, a status line that
//! vitest or Playwright's line reporter replaces with `ESC[1A ESC[2K` (cursor
//! up, erase line). A saved log keeps every frame. This module replays them
//! on a small model of a screen and returns what was on it at the end, with
//! colour codes and other escape sequences removed.
//!
//! Line numbers stay those of the file as written: the result has exactly as
//! many lines as the input has LFs (plus one), and a row's final content is
//! put on the line whose text wrote it last. A line whose content was erased
//! or overwritten by a later line comes out empty, so nothing shifts and a
//! failure found on line 40 of the result is on line 40 of the file.
//!
//! The model is deliberately small, and every step is linear in the input:
//! characters are one column wide; the cursor never goes past the end of a
//! row's text (where a terminal would leave blanks, text closes up); only
//! the last [`MAX_ROWS`] rows can be reached by moving up, like a screen's
//! height; absolute positioning and clearing the whole screen are ignored,
//! so content is never lost to them.

use std::borrow::Cow;
use std::collections::VecDeque;

use regex::Regex;

use crate::text::words::WordRegex;

/// How many of the last rows the cursor can reach by moving up; older rows
/// are final. No screen is taller, and no tool redraws more than it shows.
const MAX_ROWS: usize = 512;

/// Terminal escape sequences: CSI (`\x1b[32m`, `\x1b[2K`), OSC (`\x1b]8;;url\x07`
/// hyperlinks), charset switches (`\x1b(B`, from `tput sgr0`) and the two-byte
/// forms, which CI runners keep in saved logs; and a lone ESC that starts
/// none of them, which shows nothing either.
static ANSI: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"\x1b(?:\[[0-9;:?<=>]*[ -/]*[@-~]",
        r"|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?",
        r"|[()][0-9A-Za-z]|[78@-Z\\-_])?",
    ))
    .expect("valid regex")
});

/// One escape sequence at the start of the text, as [`ANSI`] reads them plus
/// the cursor save and restore codes `ESC 7` and `ESC 8`. A CSI's parameters
/// are group 1 (absent when it has intermediate bytes, which no code replayed
/// here has) and its final byte group 2; a two-byte form's byte is group 3.
static ESCAPE: WordRegex = WordRegex::new(|| {
    Regex::new(concat!(
        r"^\x1b(?:\[(?:([0-9;:?<=>]*)|[0-9;:?<=>]*[ -/]+)([@-~])",
        r"|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?",
        r"|[()][0-9A-Za-z]|([78@-Z\\-_]))",
    ))
    .expect("valid regex")
});

/// Anything that redraws: a carriage return followed by more text on the
/// line, a backspace, or a code that moves the cursor or erases.
static REDRAW: WordRegex = WordRegex::new(|| {
    Regex::new(r"\r[^\r\n]|\x08|\x1b(?:\[[0-9;]*[A-GJKsu`]|[78DEM])").expect("valid regex")
});

/// The text as a terminal showed it at the end, with escape sequences
/// removed and the line count kept (see the module documentation).
///
/// Text without escapes, carriage returns or backspaces is returned as it
/// is, without a copy; text with escapes but nothing that redraws has them
/// removed and keeps everything else, CRLF included. Otherwise the text is
/// replayed with [`replay`], and its line ends are LF.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['\x1b', '\r', '\x08']) {
        return Cow::Borrowed(text);
    }
    if REDRAW.is_match(text) { Cow::Owned(replay(text)) } else { ANSI.replace_all(text, "") }
}

/// Replays text on the screen model and returns what it showed, one output
/// line per input line, LF line ends and no CR. A CR before LF, or several,
/// is just the line end.
pub(super) fn replay(text: &str) -> String {
    let mut screen = Screen::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if c == '\x1b'
            && let Some(caps) = ESCAPE.captures(&text[pos..])
        {
            screen.escape(&caps);
            pos += caps[0].len();
            continue;
        }
        match c {
            '\n' => screen.newline(),
            '\r' => screen.col = 0,
            '\x08' => screen.col = screen.col.saturating_sub(1),
            // A lone ESC, the rest of a broken sequence, or a bell.
            '\x1b' | '\x07' => {}
            _ => screen.put(c),
        }
        pos += c.len_utf8();
    }
    screen.finish()
}

/// One row of the screen.
#[derive(Debug, Default)]
struct Row {
    /// Characters and the write stamp of each (see `clock`).
    cells: Vec<(char, u32)>,
    /// Erase-left marks, `(end, stamp)`: cells before `end` written before
    /// `stamp` are blank. Ends fall and stamps rise from bottom to top, so
    /// marks a newer one covers are dropped and each cell is judged once.
    erasures: Vec<(usize, u32)>,
    /// Counts writes and erasures in this row, so they can be ordered.
    clock: u32,
    /// The 0-based input line that wrote this row's content last.
    owner: usize,
}

impl Row {
    /// An empty row belonging to input line `owner`.
    fn new(owner: usize) -> Row {
        Row { owner, ..Row::default() }
    }

    /// The next stamp.
    fn tick(&mut self) -> u32 {
        self.clock = self.clock.saturating_add(1);
        self.clock
    }

    /// Erases the whole row.
    fn clear(&mut self) {
        self.cells.clear();
        self.erasures.clear();
        self.clock = 0;
    }

    /// Erases from the start of the row through column `col`.
    fn erase_left(&mut self, col: usize) {
        let end = col.saturating_add(1).min(self.cells.len());
        if end == 0 {
            return;
        }
        let stamp = self.tick();
        while self.erasures.last().is_some_and(|&(e, _)| e <= end) {
            self.erasures.pop();
        }
        self.erasures.push((end, stamp));
    }

    /// The row's visible text: erased cells inside it are spaces, erased
    /// cells at its end are gone.
    fn render(&self) -> String {
        let mut reversed = Vec::with_capacity(self.cells.len());
        let mut mark = 0;
        for (i, &(c, stamp)) in self.cells.iter().enumerate().rev() {
            while mark < self.erasures.len() && self.erasures[mark].0 > i {
                mark += 1;
            }
            let erased = mark > 0 && stamp <= self.erasures[mark - 1].1;
            if !erased {
                reversed.push(c);
            } else if !reversed.is_empty() {
                reversed.push(' ');
            }
        }
        reversed.into_iter().rev().collect()
    }
}

/// The screen model: the rows the cursor can still reach, the cursor, and
/// the finished rows placed on their lines.
struct Screen {
    /// Reachable rows, oldest first; never empty.
    rows: VecDeque<Row>,
    /// Rows frozen so far; row `i` of `rows` is row `frozen + i` of the output.
    frozen: usize,
    /// The cursor's row, an index into `rows`.
    row: usize,
    /// The cursor's column; may be past the end of a row's text, and then
    /// writing appends.
    col: usize,
    /// The 0-based input line being read.
    line: usize,
    /// A saved cursor position: absolute row and column.
    saved: Option<(usize, usize)>,
    /// Rendered text of finished rows.
    done: Vec<String>,
    /// For each input line, 1 + the index in `done` of its text, or 0.
    by_line: Vec<usize>,
}

impl Screen {
    /// An empty screen with the cursor on line 0.
    fn new() -> Screen {
        Screen {
            rows: VecDeque::from([Row::new(0)]),
            frozen: 0,
            row: 0,
            col: 0,
            line: 0,
            saved: None,
            done: Vec::new(),
            by_line: vec![0],
        }
    }

    /// Writes a character at the cursor, which moves right.
    fn put(&mut self, c: char) {
        let line = self.line;
        let row = &mut self.rows[self.row];
        let stamp = row.tick();
        let at = self.col.min(row.cells.len());
        if at < row.cells.len() {
            row.cells[at] = (c, stamp);
        } else {
            row.cells.push((c, stamp));
        }
        row.owner = line;
        self.col = at + 1;
    }

    /// An LF: the next input line, and the cursor to the start of the next
    /// row, which is added at the bottom.
    fn newline(&mut self) {
        self.line += 1;
        self.by_line.push(0);
        self.col = 0;
        if self.row + 1 < self.rows.len() {
            self.row += 1;
            return;
        }
        self.rows.push_back(Row::new(self.line));
        self.row += 1;
        if self.rows.len() > MAX_ROWS
            && let Some(oldest) = self.rows.pop_front()
        {
            self.place(&oldest);
            self.frozen += 1;
            self.row -= 1;
        }
    }

    /// Moves the cursor up, no further than the oldest reachable row.
    fn up(&mut self, n: usize) {
        self.row = self.row.saturating_sub(n);
    }

    /// Moves the cursor down, no further than the bottom row.
    fn down(&mut self, n: usize) {
        self.row = self.row.saturating_add(n).min(self.rows.len() - 1);
    }

    /// Replays one escape sequence; codes that do not move the cursor or
    /// erase (colours, hyperlinks, modes) do nothing.
    fn escape(&mut self, caps: &regex::Captures<'_>) {
        if let Some(byte) = caps.get(3) {
            match byte.as_str() {
                "7" => self.save(),
                "8" => self.restore(),
                "M" => self.up(1),
                "D" => self.down(1),
                "E" => {
                    self.down(1);
                    self.col = 0;
                }
                _ => {}
            }
            return;
        }
        let (Some(params), Some(last)) = (caps.get(1), caps.get(2)) else { return };
        let params = params.as_str();
        if params.starts_with(['?', '<', '=', '>']) {
            return;
        }
        let first = params.split([';', ':']).next().unwrap_or("");
        let value: usize = first.parse().unwrap_or(if first.is_empty() { 0 } else { usize::MAX });
        let count = value.max(1);
        match last.as_str() {
            "A" => self.up(count),
            "B" => self.down(count),
            "C" => self.col = self.col.saturating_add(count),
            "D" => self.col = self.col.saturating_sub(count),
            "E" => {
                self.down(count);
                self.col = 0;
            }
            "F" => {
                self.up(count);
                self.col = 0;
            }
            "G" | "`" => self.col = count - 1,
            "K" => self.erase_in_line(value),
            "J" => self.erase_in_display(value),
            "s" => self.save(),
            "u" => self.restore(),
            _ => {}
        }
    }

    /// `ESC[K` (0: to the end of the row), `ESC[1K` (from its start through
    /// the cursor) and `ESC[2K` (the whole row).
    fn erase_in_line(&mut self, mode: usize) {
        let row = &mut self.rows[self.row];
        match mode {
            0 => row.cells.truncate(self.col),
            1 => row.erase_left(self.col),
            2 => row.clear(),
            _ => {}
        }
    }

    /// `ESC[J` (0: from the cursor to the end of the screen) erases the rest
    /// of the row and every row below; `ESC[1J` erases the row up to the
    /// cursor only, and clearing the whole screen (2, 3) is ignored.
    fn erase_in_display(&mut self, mode: usize) {
        match mode {
            0 => {
                self.rows[self.row].cells.truncate(self.col);
                self.rows.truncate(self.row + 1);
            }
            1 => self.rows[self.row].erase_left(self.col),
            _ => {}
        }
    }

    /// Saves the cursor position.
    fn save(&mut self) {
        self.saved = Some((self.frozen + self.row, self.col));
    }

    /// Moves the cursor back to the saved position, or as close as the
    /// reachable rows allow.
    fn restore(&mut self) {
        if let Some((row, col)) = self.saved {
            self.row = row.saturating_sub(self.frozen).min(self.rows.len() - 1);
            self.col = col;
        }
    }

    /// Puts a finished row's text on its line. Two rows that end up on the
    /// same line (the cursor moved between them within one input line) are
    /// joined with a space, so no text is lost.
    fn place(&mut self, row: &Row) {
        let text = row.render();
        if text.is_empty() {
            return;
        }
        let Some(slot) = self.by_line.get_mut(row.owner) else { return };
        if *slot == 0 {
            self.done.push(text);
            *slot = self.done.len();
        } else if let Some(existing) = self.done.get_mut(*slot - 1) {
            existing.push(' ');
            existing.push_str(&text);
        }
    }

    /// Freezes every row and joins the lines.
    fn finish(mut self) -> String {
        let rows = std::mem::take(&mut self.rows);
        for row in &rows {
            self.place(row);
        }
        let size = self.done.iter().map(String::len).sum::<usize>() + self.by_line.len();
        let mut out = String::with_capacity(size);
        for (i, &slot) in self.by_line.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if let Some(text) = slot.checked_sub(1).and_then(|at| self.done.get(at)) {
                out.push_str(text);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the promises that hold for any input.
    fn check(text: &str) -> String {
        let out = terminal_text(text).into_owned();
        let lines_in = text.matches('\n').count();
        assert_eq!(out.matches('\n').count(), lines_in, "line count changed for {text:?}");
        assert!(!out.contains('\x1b'), "escape left in {out:?} from {text:?}");
        out
    }

    #[test]
    fn plain_text_is_borrowed_and_colours_are_stripped_keeping_crlf() {
        assert!(matches!(terminal_text("plain\nlines"), Cow::Borrowed("plain\nlines")));
        assert_eq!(terminal_text("\x1b[32m✓\x1b[39m ok\r\n"), "✓ ok\r\n");
        assert_eq!(terminal_text("ok\r\nok\r"), "ok\r\nok\r");
    }

    #[test]
    fn carriage_return_overwrites_from_column_zero() {
        assert_eq!(check("[=>   ] 10%\r[===> ] 60%\r[=====] 100%\ndone\n"), "[=====] 100%\ndone\n");
        // What the terminal shows: a shorter frame leaves the end of a longer one.
        assert_eq!(check("Downloading...\rDone\n"), "Doneloading...\n");
        assert_eq!(check("Downloading...\r\x1b[KDone\n"), "Done\n");
        assert_eq!(check("Downloading...\x1b[2K\rDone\n"), "Done\n");
        // Without a redraw, CRs at line ends are left to the caller...
        assert_eq!(check("a\r\r\nb\r\n"), "a\r\r\nb\r\n");
        assert_eq!(check("progress 99%\r"), "progress 99%\r");
        // ...and a replay reads them as line ends.
        assert_eq!(replay("a\r\r\nb\r\n"), "a\nb\n");
        assert_eq!(replay("progress 99%\r"), "progress 99%");
    }

    #[test]
    fn spinner_with_backspaces_shows_its_last_frame() {
        assert_eq!(check("Installing |\x08/\x08-\x08\\\x08done\n"), "Installing done\n");
    }

    #[test]
    fn erased_previous_line_becomes_empty_and_line_count_stays() {
        // Playwright's line reporter.
        let log = "Running 3 tests using 1 worker\n\n\
                   [1/3] [chromium] › a.spec.ts:3:5 › loads\n\
                   \x1b[1A\x1b[2K[2/3] [chromium] › a.spec.ts:9:5 › cart\n\
                   \x1b[1A\x1b[2K[3/3] [chromium] › b.spec.ts:4:5 › pay\n\
                   \x1b[1A\x1b[2K  3 passed (4.1s)\n";
        assert_eq!(check(log), "Running 3 tests using 1 worker\n\n\n\n\n  3 passed (4.1s)\n");
    }

    #[test]
    fn log_update_frames_keep_only_the_last_one() {
        // vitest's reporter redraws its block with log-update: erase the
        // lines it printed, move to column 1, print the new block.
        let erase3 = "\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[G";
        let log = format!(
            " ❯ src/a.test.ts 0/2\n ❯ src/b.test.ts 0/1\n\
             {erase3} ✓ src/a.test.ts (2)\n ❯ src/b.test.ts 0/1\n\
             {erase3} ✓ src/a.test.ts (2)\n × src/b.test.ts (1)\n\
             \n Test Files  1 failed | 1 passed (2)\n"
        );
        assert_eq!(
            check(&log),
            "\n\n\n\n ✓ src/a.test.ts (2)\n × src/b.test.ts (1)\n\n Test Files  1 failed | 1 passed (2)\n"
        );
    }

    #[test]
    fn block_redrawn_from_above_lands_on_the_lines_that_wrote_it() {
        // docker buildx: up to the top of the block, rewrite each row.
        let log = "#1 load 0.1s\n#2 build 0.2s\n\x1b[2A#1 load 0.1s done\x1b[K\n#2 build 1.9s done\x1b[K\n";
        assert_eq!(check(log), "\n\n#1 load 0.1s done\n#2 build 1.9s done\n");
    }

    #[test]
    fn erase_to_the_right_and_left() {
        assert_eq!(check("abcdef\x1b[3D\x1b[K!\n"), "abc!\n");
        assert_eq!(check("abcdef\x1b[3D\x1b[1K\n"), "    ef\n");
        assert_eq!(check("abcdef\x1b[3D\x1b[1Kx\x1b[6Dy\x1b[1K\n"), "   xef\n");
        assert_eq!(check("abc\x1b[1K\n"), "\n");
        assert_eq!(check("abc\x1b[0J\x1b[1Dd\n"), "abd\n");
    }

    #[test]
    fn erase_below_drops_lower_rows() {
        assert_eq!(check("a\nb\nc\x1b[2A\x1b[J\rA\n"), "\n\nA\n");
    }

    #[test]
    fn cursor_save_and_restore() {
        assert_eq!(check("ab\x1b7cd\x1b8X\n"), "abXd\n");
        assert_eq!(check("ab\x1b[scd\x1b[uX\n"), "abXd\n");
        assert_eq!(check("\x1b8x\x1b[u\n"), "x\n");
    }

    #[test]
    fn cursor_moves_stay_on_the_screen() {
        assert_eq!(check("top\n\x1b[999Aup\n"), "\nupp\n");
        assert_eq!(check("a\x1b[999Bb\n"), "ab\n");
        assert_eq!(check("a\x1b[999Cb\x1b[99999999999999999999999Gc\n"), "abc\n");
        assert_eq!(check("abc\x1b[2Gx\n"), "axc\n");
        assert_eq!(check("abc\x1b[99999999999999999999C\x1b[1K\n"), "\n");
        assert_eq!(check("abc\x1b[99999999999999999999G\x1b[1K\n"), "\n");
    }

    #[test]
    fn two_rows_written_by_one_line_are_joined() {
        assert_eq!(check("first\nsecond\x1b[1A\rFIRST\n"), "\nFIRST second\n");
        assert_eq!(check("a\nb\x1b[1A\x1b[2Kc\x1b[1B\x1b[2Kd\n"), "\nc d\n");
    }

    #[test]
    fn hyperlinks_titles_modes_and_colours_are_removed() {
        let log = "\x1b]0;title\x07\x1b[?25l\x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\ \x1b[1;32mok\x1b(B\x1b[m\r\n\x1b[?25h";
        assert_eq!(check(log), "link ok\r\n");
        assert_eq!(check(&format!("{log}\x1b[1A")), "link ok\n");
    }

    #[test]
    fn lone_and_broken_escapes_never_panic() {
        for text in [
            "\x1b",
            "a\x1b",
            "\x1b[",
            "\x1b[12",
            "\x1b[1;",
            "\x1b]",
            "\x1b]8;;x",
            "\x1b(",
            "\r\x1b",
            "\x1b\x1b[A",
            "\x1bé",
            "\x1b[\u{e9}",
            "\x08\x08\r\r",
            "\x1b[1A\x1b[1A\n\x1b[1A",
            "\x1b[2J\x1b[H",
            "\x1b[3J\x1b[1J\x1b[5K",
            "\x1b[:;:A",
            "\x1b[ A",
            "\x1b[99999999999999999999A",
        ] {
            check(text);
        }
        assert_eq!(check("a\x1b[12\n"), "a[12\n");
    }

    #[test]
    fn never_panics_and_keeps_line_count_on_pseudo_random_input() {
        const PIECES: [&str; 24] = [
            "\x1b[1A",
            "\x1b[2K",
            "\x1b[K",
            "\x1b[1K",
            "\x1b[J",
            "\x1b[G",
            "\x1b[3D",
            "\x1b[2C",
            "\x1b7",
            "\x1b8",
            "\x1b[s",
            "\x1b[u",
            "\x1bM",
            "\x1b[2B",
            "\x1b[32m",
            "\r",
            "\n",
            "\x08",
            "\x1b",
            "ab",
            "✓",
            "\r\n",
            "\x1b]8;;u\x07",
            "\x1b[",
        ];
        let mut next = crate::text::pseudo_random(0x9E37_79B9_7F4A_7C15);
        let mut text = String::new();
        for _ in 0..3_000 {
            text.clear();
            for _ in 0..next() % 40 {
                text.push_str(PIECES[next() % PIECES.len()]);
            }
            check(&text);
        }
    }

    #[test]
    fn huge_inputs_stay_linear() {
        // Each of these would be quadratic with a naive model.
        let line = "x".repeat(200_000);
        let mut text = line.clone();
        text.push_str(&"\x1b[1K\r".repeat(50_000));
        assert_eq!(check(&text).len(), 0);
        let mut text = line.clone();
        text.push_str(&"\x1b[1Ky\x1b[999999C\x1b[1K\r".repeat(20_000));
        check(&text);
        let rows = "row\n".repeat(100_000) + &"\x1b[9999A\x1b[J\x1b[9999B\n".repeat(20_000);
        check(&rows);
        let redraws = "[#####     ] 50%\r".repeat(100_000) + "\n";
        assert_eq!(check(&redraws), "[#####     ] 50%\n");
    }
}

//! The command line beyond build and check's own flags: unknown keys of
//! `attestor.toml` named with the nearest known key.

use crate::site_test::SiteTest;

// Each unknown key of attestor.toml is an error at its line with the nearest
// known key, and the rest of the file still applies (the title).
#[test]
fn unknown_config_keys_name_the_nearest_known_key_and_the_rest_applies() {
    let mut test = SiteTest::empty("keys");
    test.write_file("notes.md", "# Notes\n")
        .write_file(
            "attestor.toml",
            "title = \"Keys\"\nstale_after_day = 30\n\n[ids]\npattern = [\"web-[a-z0-9]{3}\"]\n",
        )
        .run(&["check", "keys"])
        .expect_exit(1)
        .expect_stderr_lines(&[
            "error[A260]: unknown key `stale_after_day`; it is ignored",
            " --> attestor.toml:2:1",
            "  |",
            "2 | stale_after_day = 30",
            "  | ^^^^^^^^^^^^^^^",
            "  |",
            "  = help: did you mean `stale_after_days`? docs/configuration.md lists every key",
            "",
            "error[A260]: unknown key `pattern` in `[ids]`; it is ignored",
            " --> attestor.toml:5:1",
        ])
        .expect_stderr_contains(
            "  = help: did you mean `patterns`? docs/configuration.md lists every key",
        );
    test.build().expect_success();
    test.assert_file_contains("index.html", "<title>Keys");
}

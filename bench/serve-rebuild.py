#!/usr/bin/env python3
# Usage: bench/serve-rebuild.py ATTESTOR ROOT DOC_REL RUNS [end|top|task|tick|row|title|named|mention|link|log|newlog] (see docs/serve.md).
"""One-file rebuild time of `attestor serve`: edit a document, poll its page
until the edit is served; report the wall time from the write to the page.
The edit is a paragraph added at the end of the document (`end`, the
default), below its first line (`top`, which moves every line after it),
a new checklist item at the end (`task`: a new task, which every page
that counts tasks shows), a word added to the title of the first task
table row that starts with an id (`title`), that row again below it with
a new id of the same prefix (`named`: a task with an id of its own, its
dependencies kept; added on even runs and taken away on odd ones), or the
document's
first open box ticked, then unticked, in turns (`tick`: a status changed;
the page is served when its text differs from the page before the edit),
or the first task table row `| 🚧 In progress |` set to `| ✅ Done |` and
back, in turns (`row`), or a paragraph at the end that names a task of
another plan (`mention`: the task's page lists the document), or a
paragraph at the end that links another plan and names a file not written
yet (`link`), or, in a
test log or report (DOC_REL an evidence file), the first ` PASSED ` made
` FAILED ` (or cargo's `test result: ok.`, JUnit's `failures="0"`, a
deploy's `"status": "success"`) and back, in turns (`log`: the run's
outcome and every verdict it reaches change), or that file written again
beside it under a new name (`newlog`: a new run; timed until the page of
the first task it names lists it)."""
import os, re, subprocess, sys, time, urllib.request, statistics

binary, root, doc_rel, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
where = sys.argv[5] if len(sys.argv) > 5 else "end"
log_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "attestor-serve-rebuild.log")
log = open(log_path, "w")
proc = subprocess.Popen([binary, "-v", "serve", root, "--port", "0", "-o", os.path.join(root, "public")],
                        stderr=log, stdout=subprocess.DEVNULL)
try:
    url = None
    started = time.time()
    while url is None:
        text = open(log_path).read()
        m = re.search(r"Serving at (http://127\.0\.0\.1:\d+/)", text)
        url = m and m.group(1)
        time.sleep(0.01)
    # A log's page keeps its whole name (`tests/run.txt.html`).
    page = url + "docs/" + (doc_rel if where in ("log", "newlog") else doc_rel[:-3]) + ".html"
    def get(u):
        with urllib.request.urlopen(u) as r:
            return r.read().decode("utf-8", "replace")
    get(page)
    print(f"first build + first page: {time.time()-started:.2f}s")
    path = os.path.join(root, doc_rel)
    original = open(path).read()
    times = []
    toggles = {"tick": ("- [ ] ", "- [x] "), "row": ("| 🚧 In progress |", "| ✅ Done |")}
    if where == "log":
        # The first of these the file holds: pytest, cargo, JUnit, a deploy.
        marks = [(" PASSED ", " FAILED "), ("test result: ok.", "test result: FAILED."),
                 ('failures="0"', 'failures="1"'), ('"status": "success"', '"status": "failed"')]
        toggles["log"] = next(m for m in marks if m[0] in original)
    for i in range(runs):
        marker = f"Zqmarker{i}x{int(time.time()*1000)}"
        if where == "newlog":
            # The same run written again beside it, under a new name: served
            # once the page of the first task it names lists it. (Asking for
            # its own page before it exists would time the portal's search
            # for a missing page, which renders every group of pages.)
            # Then taken away, which links the tree again (not timed).
            task = re.search(r'href="(?:\.\./)*(tasks/[^"#]+\.html)', get(page)).group(1)
            stem, _, ext = doc_rel.rpartition("/")[2].partition(".")
            new_name = f"{stem}-{marker}.{ext}"
            new_rel = os.path.join(os.path.dirname(doc_rel), new_name)
            t0 = time.perf_counter()
            with open(os.path.join(root, new_rel), "w") as f:
                f.write(original)
            while new_name not in get(url + task):
                time.sleep(0.002)
            times.append(time.perf_counter() - t0)
            os.remove(os.path.join(root, new_rel))
            time.sleep(4)
            continue
        if where in toggles:
            shown = get(page)
            before, after = toggles[where]
            at = original.index(before)
            text = after if i % 2 == 0 else before
            t0 = time.perf_counter()
            with open(path, "w") as f:
                f.write(original[:at] + text + original[at + len(before):])
            while get(page) == shown:
                time.sleep(0.002)
            times.append(time.perf_counter() - t0)
            time.sleep(0.5)
            continue
        if where == "named" and i % 2 == 1:
            t0 = time.perf_counter()
            with open(path, "w") as f:
                f.write(original)
            while last_marker in get(page):
                time.sleep(0.002)
            times.append(time.perf_counter() - t0)
            time.sleep(0.5)
            continue
        last_marker = marker
        t0 = time.perf_counter()
        with open(path, "w") as f:
            if where == "task":
                f.write(original + f"\n\n- [ ] {marker} follow-up\n")
            elif where == "named":
                # Added on even runs, taken away on odd ones (below).
                row = re.search(r"^\| ([A-Z][A-Z0-9]*)-(\d+) \| ([^|]*?)(?= \|)(.*)$", original, re.M)
                new = f"| {row.group(1)}-9{i:02d} | {row.group(3)} {marker}{row.group(4)}"
                f.write(original[:row.end()] + "\n" + new + original[row.end():])
            elif where == "title":
                row = re.search(r"^\| [A-Z][A-Z0-9]*-\d+ \| [^|]*?(?= \|)", original, re.M)
                f.write(original[:row.end()] + f" {marker}" + original[row.end():])
            elif where == "mention":
                # The first task table row's id of another plan.
                for name in sorted(os.listdir(os.path.join(root, "plans"))):
                    other = os.path.join(root, "plans", name)
                    if other == path or not name.endswith(".md"):
                        continue
                    row = re.search(r"^\| ([A-Z][A-Z0-9]*-\d+) \|", open(other).read(), re.M)
                    if row:
                        break
                f.write(original + f"\n\n{marker}: followed up on {row.group(1)}.\n")
            elif where == "link":
                # A link to the first other plan, and a file not written yet.
                other = next(n for n in sorted(os.listdir(os.path.join(root, "plans")))
                             if n.endswith(".md") and os.path.join(root, "plans", n) != path)
                f.write(original + f"\n\nSee [{marker}](/plans/{other}) and `notes/{marker}.md`.\n")
            elif where == "top":
                head, _, rest = original.partition("\n")
                f.write(f"{head}\n\n{marker}\n{rest}")
            else:
                f.write(original + f"\n\n{marker}\n")
        while marker not in get(page):
            time.sleep(0.002)
        times.append(time.perf_counter() - t0)
        time.sleep(0.5)
    with open(path, "w") as f:
        f.write(original)
    time.sleep(1)
    print("edit -> page served (s):", " ".join(f"{t:.3f}" for t in times),
          f"median {statistics.median(times):.3f}")
finally:
    proc.terminate(); proc.wait()

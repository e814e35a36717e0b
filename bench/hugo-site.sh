#!/usr/bin/env bash
# Makes a Hugo site over a generated docs tree, so that Hugo renders the
# same markdown attestor and the floor program do: its contentDir is the
# tree itself, and one minimal layout puts each page's .Content in an HTML
# page (a list page links its section's pages). No theme, nothing
# downloaded; taxonomies, RSS, sitemap and robots.txt are off, as the
# floor writes none of them.
#
#   bench/hugo-site.sh TREE SITE      then: hugo --source SITE --destination OUT
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: bench/hugo-site.sh TREE SITE" >&2
    exit 2
fi
tree=$(cd "$1" && pwd)
site=$2
mkdir -p "$site/layouts/_default"

cat > "$site/config.toml" <<TOML
baseURL = "http://localhost/"
title = "bench"
contentDir = "$tree"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
# The generated tree has no Hugo metadata: a page's date is read where it
# can be, and nothing is left out for being in the future or a draft.
buildFuture = true
buildExpired = true
buildDrafts = true
TOML

cat > "$site/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang=en><meta charset=utf-8><title>{{ .Title }}</title><main>
{{ .Content }}
</main></html>
HTML

cat > "$site/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html><html lang=en><meta charset=utf-8><title>{{ .Title }}</title><main>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></html>
HTML

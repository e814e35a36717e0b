#!/usr/bin/env bash
# The whole-build benchmark of issue 11: attestor, Hugo and the floor
# program (examples/floor.rs) side by side on the same generated tree.
#
#   bench/whole.sh                 1,000 and 10,000 documents, 5 runs each
#   bench/whole.sh --with-100k     and 100,000 documents (slow)
#   bench/whole.sh --sizes "1000" --runs 3
#
# For each size it generates the tree once (examples/corpus, seed 1) on
# tmpfs, makes a Hugo site over it (bench/hugo-site.sh), then runs the
# floor, `attestor build` (release binary) and Hugo alternately, the order
# rotated each round, each into a fresh output folder on tmpfs. GNU time
# gives each run's wall time, CPU (user + sys) and peak RSS; the table shows
# the median of the runs and the files and bytes each tool wrote, as
# Markdown ready for the README. It ends with the same runs as hyperfine
# commands. It builds what it needs with cargo, so it works from a fresh
# clone; it needs hugo and GNU time (`apt-get install hugo time`), and
# hyperfine only for the printed commands.
set -euo pipefail

sizes="1000 10000"
runs=5
seed=1
work=/dev/shm/attestor-bench
keep=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --with-100k) sizes="$sizes 100000" ;;
        --sizes) sizes=$2; shift ;;
        --runs) runs=$2; shift ;;
        --seed) seed=$2; shift ;;
        --work) work=$2; shift ;;
        --keep) keep=true ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
for tool in hugo /usr/bin/time cargo; do
    if ! command -v "$tool" >/dev/null; then
        echo "error: $tool not found; install it (Debian: apt-get install -y hugo time)" >&2
        exit 2
    fi
done

echo "building release binaries (cargo build --release) ..." >&2
cargo build --release --quiet --bin attestor --example corpus --example floor
target_dir=$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
attestor=$target_dir/release/attestor
corpus=$target_dir/release/examples/corpus
floor=$target_dir/release/examples/floor

mkdir -p "$work"
results=$work/results.tsv
: > "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# One timed run: tool name, size, round, output folder, command...
timed() {
    local name=$1 size=$2 round=$3 out=$4
    shift 4
    rm -rf "$out" "$work/hugo-cache"
    sync
    local stats=$work/time.txt code=0
    /usr/bin/time -f "%e %U %S %M" -o "$stats" "$@" >"$work/$name.log" 2>&1 || code=$?
    # attestor exits 1 when the docs have errors: the portal is still written.
    if [[ $code -ne 0 && ! ($name == attestor && $code -eq 1) ]]; then
        echo "error: $name failed (exit $code); see $work/$name.log" >&2
        tail -5 "$work/$name.log" >&2
        exit 1
    fi
    local files bytes
    files=$(find "$out" -type f | wc -l)
    bytes=$(du -sb "$out" | cut -f1)
    read -r wall user sys rss < <(tail -1 "$stats")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$size" "$name" "$round" "$wall" "$(echo "$user + $sys" | bc)" "$rss" "$files" "$bytes" \
        >> "$results"
    printf '  %-8s round %d: %6.2f s wall, %6.2f s CPU, %5d MB peak\n' \
        "$name" "$round" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) >&2
}

for size in $sizes; do
    tree=$work/tree-$size
    site=$work/hugo-site-$size
    rm -rf "$tree" "$site"
    echo "generating $size documents (seed $seed) ..." >&2
    "$corpus" --docs "$size" --seed "$seed" "$tree" >&2
    bench/hugo-site.sh "$tree" "$site"
    tools=(floor attestor hugo)
    for ((round = 1; round <= runs; round++)); do
        for ((k = 0; k < 3; k++)); do
            tool=${tools[$(((round - 1 + k) % 3))]}
            out=$work/out-$tool-$size
            case $tool in
                floor) timed floor "$size" "$round" "$out" "$floor" "$tree" "$out" ;;
                attestor) timed attestor "$size" "$round" "$out" "$attestor" build "$tree" -o "$out" ;;
                hugo) timed hugo "$size" "$round" "$out" hugo --source "$site" \
                    --destination "$out" --cacheDir "$work/hugo-cache" --quiet ;;
            esac
        done
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git diff --quiet HEAD 2>/dev/null; then commit="$commit (with local changes)"; fi
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo)

echo
echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $commit on $(nproc) cores ($cpu), $mem RAM;"
echo "outputs on tmpfs, median of $runs alternating runs; load average $load_before before, $load_after after."
echo "$("$attestor" --version 2>/dev/null || echo attestor), $(hugo version | cut -d' ' -f1-2)."
echo
echo "| documents | tool | wall (s) | CPU (s) | peak RSS (MB) | files out | MB out | wall / floor |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for size in $sizes; do
    floor_wall=""
    for tool in floor attestor hugo; do
        row=$(awk -F'\t' -v s="$size" -v t="$tool" '$1 == s && $2 == t' "$results")
        median() { cut -f"$1" <<<"$row" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
        wall=$(median 4)
        cpu_s=$(median 5)
        rss=$(median 6)
        files=$(cut -f7 <<<"$row" | tail -1)
        bytes=$(cut -f8 <<<"$row" | tail -1)
        [[ $tool == floor ]] && floor_wall=$wall
        ratio=$(awk -v w="$wall" -v f="$floor_wall" 'BEGIN {printf "%.1f×", w / f}')
        printf '| %s | %s | %.2f | %.2f | %.0f | %s | %.1f | %s |\n' \
            "$(printf "%'d" "$size" 2>/dev/null || echo "$size")" "$tool" "$wall" "$cpu_s" \
            "$(echo "$rss / 1024" | bc -l)" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$ratio"
    done
done

echo
echo "The same runs with hyperfine (wall time only; peak RSS needs GNU time as above):"
echo
echo '```sh'
for size in $sizes; do
    tree=$work/tree-$size
    echo "hyperfine --runs $runs --prepare 'rm -rf $work/out-*-$size $work/hugo-cache' \\"
    echo "  -n floor '$floor $tree $work/out-floor-$size' \\"
    echo "  -n attestor '$attestor build $tree -o $work/out-attestor-$size' \\"
    echo "  -n hugo 'hugo --source $work/hugo-site-$size --destination $work/out-hugo-$size --cacheDir $work/hugo-cache --quiet'"
done
echo '```'

if [[ $keep == false ]]; then
    rm -rf "$work"/tree-* "$work"/hugo-site-* "$work"/out-* "$work/hugo-cache"
fi

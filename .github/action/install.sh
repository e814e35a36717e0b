#!/usr/bin/env bash
# Installs attestor for the composite action in action.yml, on any GitHub
# runner (Linux, macOS, Windows under Git Bash), into $RUNNER_TEMP and puts
# it on the PATH of the later steps.
#
# Which attestor:
# - `version` given (1.2.3 or v1.2.3): that release's binary for this
#   runner, checked against its SHA-256; without one, `cargo install` of
#   that tag's source.
# - the action used at a release tag (`@v1.2.3`, or `@v1`, which the
#   release workflow moves to the newest v1 release): the binary of the
#   release whose version the action's own Cargo.toml names; without
#   one, the action's own source.
# - anything else (a branch, a commit, `uses: ./` in attestor's own
#   repository): `cargo install --locked` of the action's own source, so
#   the portal is built by the code at that commit.
#
# Inputs, from the environment: ATTESTOR_VERSION, ACTION_PATH, ACTION_REF,
# ACTION_REPOSITORY, and the runner's RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP,
# GITHUB_PATH, GITHUB_SERVER_URL, GITHUB_REPOSITORY.
set -euo pipefail

dest="${RUNNER_TEMP:?}/attestor"
repo="${ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-}}"
server="${GITHUB_SERVER_URL:-https://github.com}"

# The `version = "…"` line of the [package] table of a Cargo.toml.
own_version() {
  sed -n '/^\[package\]/,/^\[/s/^version *= *"\([^"]*\)".*/\1/p' "$1" | head -n 1
}

# The release targets to try on this runner, best first. The glibc build
# is faster than the static musl one (musl's allocator is slow with many
# threads); the musl one runs on any Linux, old glibc and Alpine too.
targets() {
  case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
    Linux/X64) echo x86_64-unknown-linux-gnu x86_64-unknown-linux-musl ;;
    Linux/ARM64) echo aarch64-unknown-linux-gnu ;;
    macOS/ARM64) echo aarch64-apple-darwin ;;
    macOS/X64) echo x86_64-apple-darwin ;;
    Windows/X64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

sha256_check() {
  if command -v sha256sum >/dev/null; then sha256sum -c "$1"; else shasum -a 256 -c "$1"; fi
}

# Downloads, checks and unpacks release v$1's binary for target $2 into
# $dest/bin; fails (returns 1) if any step does, or if the binary does not
# run here or says another version.
from_release() {
  local version="$1" target="$2" ext=tar.gz exe=attestor
  case "$target" in *windows*) ext=zip exe=attestor.exe ;; esac
  local asset="attestor-v$version-$target.$ext"
  local url="$server/$repo/releases/download/v$version/$asset"
  local tmp
  tmp="$(mktemp -d "${RUNNER_TEMP}/attestor-dl.XXXXXX")"
  # shellcheck disable=SC2064 # the folder of this call, expanded now
  trap "rm -rf '$tmp'" RETURN
  echo "Downloading $url"
  curl -fsSL --retry 3 -o "$tmp/$asset" "$url" &&
    curl -fsSL --retry 3 -o "$tmp/$asset.sha256" "$url.sha256" &&
    (cd "$tmp" && sha256_check "$asset.sha256") || return 1
  case "$ext" in
    zip) (cd "$tmp" && { unzip -q "$asset" || 7z x -y "$asset" >/dev/null; }) || return 1 ;;
    *) tar -xzf "$tmp/$asset" -C "$tmp" || return 1 ;;
  esac
  mkdir -p "$dest/bin"
  cp "$tmp/attestor-v$version-$target/$exe" "$dest/bin/$exe" || return 1
  local said
  said="$("$dest/bin/$exe" --version 2>/dev/null)" || {
    echo "The $target build does not run on this runner"
    return 1
  }
  [ "$said" = "attestor $version" ] || {
    echo "The $target build says \`$said\`, not attestor $version"
    return 1
  }
}

want=""
source_args=(--path "${ACTION_PATH:?}")
if [ -n "${ATTESTOR_VERSION:-}" ]; then
  want="${ATTESTOR_VERSION#v}"
  source_args=(--git "$server/$repo" --tag "v$want" attestor)
elif [[ "${ACTION_REF:-}" =~ ^v[0-9] ]]; then
  want="$(own_version "$ACTION_PATH/Cargo.toml")"
fi

installed=""
if [ -n "$want" ] && [ -n "$repo" ]; then
  for target in $(targets); do
    if from_release "$want" "$target"; then
      installed="release v$want ($target)"
      break
    fi
  done
  [ -n "$installed" ] || echo "No release binary of v$want could be used here (see above): building it from source"
fi
if [ -z "$installed" ]; then
  cargo install --locked --root "$dest" "${source_args[@]}"
  installed="built from source (${source_args[*]})"
fi

# Windows takes the PATH entry in its own form (Git Bash has cygpath).
bin_dir="$dest/bin"
if command -v cygpath >/dev/null; then bin_dir="$(cygpath -w "$bin_dir")"; fi
echo "$bin_dir" >>"${GITHUB_PATH:?}"
"$dest/bin/attestor" --version
echo "Installed attestor: $installed"

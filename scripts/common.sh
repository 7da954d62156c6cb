# shellcheck shell=bash
# Shared by scripts/test.sh and scripts/example.sh (sourced, not run): paths, the venv, the
# collection trees, the proxy. Nothing here writes into the repository.
#
# Settings (environment):
#   BERRIAI_LITELLM_HOME    where the harness keeps its state (default /var/tmp/berriai-litellm)
#   BERRIAI_LITELLM_VENV    the test venv (default $BERRIAI_LITELLM_HOME/venv), made from
#                           tests/requirements-dev.txt and reused while that file is unchanged
#   BERRIAI_LITELLM_PYTHON  the Python the venv is made with (default python3.11)

NS=berriai
NAME=litellm
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BASE=${BERRIAI_LITELLM_HOME:-/var/tmp/berriai-litellm}
VENV=${BERRIAI_LITELLM_VENV:-$BASE/venv}
REQS=$REPO/tests/requirements-dev.txt
PROXY_DIR=$REPO/tests/proxy
PY=$VENV/bin/python
ORIG_PATH=$PATH

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The machine's pip configuration names local indexes that may not exist; pip warns once per package.
quiet_pip_noise() { grep -v "^WARNING: Location 'file:" >&2 || true; }

# find_python: print the real path of the Python to build the venv with (pyenv shims resolved).
find_python() {
  local c p
  for c in "${BERRIAI_LITELLM_PYTHON:-}" python3.11 python3; do
    [ -n "$c" ] || continue
    if p=$(PATH=$ORIG_PATH "$c" -c 'import sys, venv; assert sys.version_info >= (3, 11); print(getattr(sys, "_base_executable", sys.executable))' 2>/dev/null); then
      echo "$p"; return 0
    fi
  done
  return 1
}

# setup_venv: create or reuse $VENV with tests/requirements-dev.txt installed. Reinstalls only when the
# requirements file or the Python changed (recorded in $VENV/.requirements-stamp). Serialised with a lock.
setup_venv() {
  mkdir -p "$(dirname "$VENV")" || return 1
  (
    flock -w 900 8 || { log "the venv lock $VENV.lock is held for 15 minutes"; exit 1; }
    if [ -e "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'pass' 2>/dev/null; then
      log "the venv's Python does not run any more; recreating $VENV"
      rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
      base_py=$(find_python) || { log "no Python >= 3.11 found; set BERRIAI_LITELLM_PYTHON"; exit 1; }
      log "creating the venv $VENV with $base_py"
      rm -rf "$VENV"
      "$base_py" -m venv "$VENV" || exit 1
    fi
    want="$(sha256sum "$REQS" | cut -c1-64) $("$VENV/bin/python" -c 'import sys; print(sys.version.split()[0])')"
    if [ "$(cat "$VENV/.requirements-stamp" 2>/dev/null)" != "$want" ]; then
      log "installing tests/requirements-dev.txt into $VENV"
      ok=
      for try in 1 2 3; do
        if "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input --retries 10 --timeout 60 \
             -r "$REQS" </dev/null 2> >(quiet_pip_noise); then ok=1; break; fi
        log "pip install failed (try $try of 3)"; sleep 5
      done
      [ -n "$ok" ] || exit 1
      echo "$want" >"$VENV/.requirements-stamp"
    fi
    "$VENV/bin/python" -c 'import ansible, requests, pytest' || { log "the venv lacks ansible/requests/pytest"; exit 1; }
  ) 8>"$VENV.lock"
}

# install_get_pip_shim: ansible-test --venv downloads get-pip-<pip version>.py from a host this machine
# cannot reach; it first looks in ~/.ansible/test/cache/get_pip_<ver>.py. Put tests/get_pip_offline.py
# there for the pip version(s) this ansible-test pins.
install_get_pip_shim() {
  local req vers v dest
  req=$("$PY" -c 'import ansible_test, os; print(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py"))') || return 1
  vers=$(grep -oE "pip='[0-9.]+'" "$req" | grep -oE "[0-9.]+" | sort -u)
  [ -n "$vers" ] || vers="24.2 25.2"
  mkdir -p "$HOME/.ansible/test/cache" || return 1
  for v in $vers; do
    dest="$HOME/.ansible/test/cache/get_pip_${v//./_}.py"
    cmp -s "$REPO/tests/get_pip_offline.py" "$dest" || cp "$REPO/tests/get_pip_offline.py" "$dest" || return 1
  done
}

# list_sources: NUL-separated paths (relative to the repo) of git-tracked files that exist plus
# untracked files that are not ignored, so uncommitted work is tested too. Outside git: every file
# except the usual junk.
list_sources() {
  if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$REPO" ls-files -z -c -o --exclude-standard | while IFS= read -r -d '' f; do
      if [ -e "$REPO/$f" ] || [ -L "$REPO/$f" ]; then printf '%s\0' "$f"; fi
    done
  else
    (cd "$REPO" && find . \( -name .git -o -name __pycache__ -o -name .pytest_cache -o -name .ansible -o -path ./tests/output \
        -o -path ./collections \) -prune -o \( -type f -o -type l \) -printf '%P\0')
  fi
}

# copy_tree DEST: a real copy of the collection's sources at DEST (which should end in
# ansible_collections/berriai/litellm). DEST's tests/output (ansible-test's caches) is kept.
copy_tree() {
  local dest=$1
  mkdir -p "$dest" || return 1
  find "$dest" -mindepth 1 -maxdepth 1 ! -name tests -exec rm -rf {} +
  [ -d "$dest/tests" ] && find "$dest/tests" -mindepth 1 -maxdepth 1 ! -name output -exec rm -rf {} +
  list_sources | (cd "$REPO" && tar --null --no-recursion -T - -cf -) | (cd "$dest" && tar -xf -)
}

# link_tree DIR: DIR/ansible_collections/berriai/litellm -> the repo (for pytest's PYTHONPATH and
# ANSIBLE_COLLECTIONS_PATH; ansible-test cannot use it, it resolves symlinks).
link_tree() {
  mkdir -p "$1/ansible_collections/$NS" && ln -sfn "$REPO" "$1/ansible_collections/$NS/$NAME"
}

# build_and_install OUTDIR COLLECTIONS_DIR: build the collection from a clean copy of the sources and
# install the tarball into COLLECTIONS_DIR/ansible_collections. Prints the tarball's path on stdout.
build_and_install() {
  local out=$1 coll=$2 src tarball
  src=$out/src/ansible_collections/$NS/$NAME
  rm -rf "$out/src" "$coll" && mkdir -p "$out/dist" "$coll" || return 1
  copy_tree "$src" || return 1
  rm -f "$out"/dist/*.tar.gz
  "$VENV/bin/ansible-galaxy" collection build "$src" --output-path "$out/dist" --force >&2 || return 1
  tarball=$(find "$out/dist" -maxdepth 1 -name "$NS-$NAME-*.tar.gz" 2>/dev/null | head -n1)
  [ -n "$tarball" ] || { log "no tarball was built"; return 1; }
  ANSIBLE_COLLECTIONS_PATH=$coll "$VENV/bin/ansible-galaxy" collection install "$tarball" -p "$coll" --force --offline >&2 || return 1
  echo "$tarball"
}

# proxy_running: whether the proxy of $LITELLM_PROXY_HOME is already running (then we did not start it).
proxy_running() { "$PROXY_DIR/start.sh" --is-running; }

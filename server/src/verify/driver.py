"""Preflight's notebook runner: Restart & Run All, in a fresh kernel, with Jupyter's own client.

Run by `preflight verify` (server/src/verify/run.ts) with the interpreter it found, never
imported. Reads the notebook, never writes it. The kernel is started through nbclient and
jupyter_client (no hand-written kernel protocol) from a throw-away kernel spec that names this
very interpreter, so the kernel runs the Python the user chose, not whatever kernel the
notebook's metadata happens to name.

Prints one JSON object per line on stdout:
  {"event": "start", "run": 1, "cells": N}
  {"event": "cell", "run": 1, "index": i, "status": "ok"|"error"|"timeout"|"skipped", "seconds": s,
   "outputs": [{"kind": "stream"|"text"|"error", "text": "...", "ename"?, "evalue"?, "traceback"?}]}
  {"event": "end", "run": 1, "seconds": s, "stopped": "error"|"timeout"|"total-timeout"|null}
  {"event": "fatal", "message": "..."}   (the kernel could not start, the notebook is unreadable)
Exit code 0 after the runs (cell failures are data, not errors), 3 on "fatal", 4 when Jupyter's
packages are missing (the caller turns that into install advice).
"""
import argparse
import json
import os
import sys
import tempfile
import time

try:
    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
except ImportError as e:  # the caller says exactly what to install
    print(json.dumps({"event": "missing", "module": getattr(e, "name", None) or str(e)}), flush=True)
    sys.exit(4)

KERNEL_NAME = "preflight-verify"


def emit(obj):
    print(json.dumps(obj), flush=True)


def kernel_spec_dir():
    """A kernel spec naming this interpreter (the user's), in a temporary folder."""
    root = tempfile.mkdtemp(prefix="preflight-verify-")
    spec = os.path.join(root, "kernels", KERNEL_NAME)
    os.makedirs(spec)
    with open(os.path.join(spec, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                   "display_name": "preflight verify", "language": "python"}, f)
    return root


def text_outputs(outputs):
    """What the comparison looks at: stream text, text/plain results, and errors."""
    out = []
    for o in outputs:
        kind = o.get("output_type")
        if kind == "stream":
            out.append({"kind": "stream", "text": o.get("text", "")})
        elif kind in ("execute_result", "display_data"):
            text = o.get("data", {}).get("text/plain")
            if text is not None:
                out.append({"kind": "text", "text": text if isinstance(text, str) else "".join(text)})
        elif kind == "error":
            out.append({"kind": "error", "text": "", "ename": o.get("ename", ""), "evalue": o.get("evalue", ""),
                        "traceback": o.get("traceback", [])})
    return out


def run_once(nb_path, run, args, spec_root):
    nb = nbformat.read(nb_path, as_version=4)
    cells = nb.cells
    emit({"event": "start", "run": run, "cells": len(cells)})
    ksm = KernelSpecManager(kernel_dirs=[os.path.join(spec_root, "kernels")])
    km = KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ksm)
    client = NotebookClient(nb, km=km, kernel_name=KERNEL_NAME, timeout=args.cell_timeout, allow_errors=True,
                            interrupt_on_timeout=False, resources={"metadata": {"path": os.path.dirname(nb_path)}})
    started = time.monotonic()
    stopped = None
    with client.setup_kernel():
        for index, cell in enumerate(cells):
            if cell.cell_type != "code":
                continue
            tags = cell.get("metadata", {}).get("tags", []) or []
            if stopped or (args.skip_tag and args.skip_tag in tags):
                emit({"event": "cell", "run": run, "index": index, "status": "skipped" if not stopped else "not-run",
                      "seconds": 0, "outputs": []})
                continue
            left = args.total_timeout - (time.monotonic() - started)
            if left <= 0:
                stopped = "total-timeout"
                emit({"event": "cell", "run": run, "index": index, "status": "not-run", "seconds": 0, "outputs": []})
                continue
            client.timeout = max(1, min(args.cell_timeout, int(left)))
            t0 = time.monotonic()
            status = "ok"
            try:
                client.execute_cell(cell, index)
            except (CellTimeoutError, TimeoutError):
                status = "timeout"
                stopped = "timeout" if client.timeout == args.cell_timeout else "total-timeout"
            except DeadKernelError:
                status = "error"
                stopped = "error"
                cell.outputs.append({"output_type": "error", "ename": "DeadKernelError", "evalue": "the kernel died", "traceback": []})
            outputs = text_outputs(cell.get("outputs", []))
            if status == "ok" and any(o["kind"] == "error" for o in outputs):
                status = "error"
                stopped = "error"  # Run All stops at the first failing cell, as Jupyter does
            emit({"event": "cell", "run": run, "index": index, "status": status,
                  "seconds": round(time.monotonic() - t0, 3), "outputs": outputs})
    emit({"event": "end", "run": run, "seconds": round(time.monotonic() - started, 3), "stopped": stopped})


def main():
    p = argparse.ArgumentParser()
    p.add_argument("notebook")
    p.add_argument("--runs", type=int, default=2)
    p.add_argument("--cell-timeout", type=int, default=120)
    p.add_argument("--total-timeout", type=int, default=1800)
    p.add_argument("--skip-tag", default=None)
    args = p.parse_args()
    nb_path = os.path.abspath(args.notebook)
    spec_root = kernel_spec_dir()
    try:
        for run in range(1, args.runs + 1):
            run_once(nb_path, run, args, spec_root)
    except Exception as e:  # reported as one line; the caller never shows a Python stack trace
        emit({"event": "fatal", "message": f"{type(e).__name__}: {e}"})
        sys.exit(3)
    finally:
        import shutil
        shutil.rmtree(spec_root, ignore_errors=True)


if __name__ == "__main__":
    main()

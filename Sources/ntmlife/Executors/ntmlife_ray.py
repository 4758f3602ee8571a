"""Runs ntmlife tasks on a Ray cluster: the Ray side of `--executor ray`.

ntmlife starts `python3 ntmlife_ray.py [--address ADDR]` once per command and writes
batches to its stdin, one JSON object per line: {"binary": PATH, "tasks": [{"name": ...,
"arguments": [...]}, ...]}. Each task becomes one Ray task with one CPU that runs the
binary with its arguments. For each finished task the driver prints "done N/M"; at the
end of a batch "ok", or "failed MESSAGE" when a task failed. It exits at the end of its
input (status 0), or with 2 for a line that is not a batch and 3 when Ray is missing.

Every task is a resumable command on a run directory, so a task whose worker died, or
whose process was killed, is simply run again: it continues from the run directory's
newest checkpoint and ends in the same files. Needs: pip install 'ray>=2.9'. The run
directories must be on a file system every worker sees (one machine, or a shared mount).
"""
import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys

RETRIES = 3


class TaskLost(Exception):
    """The task's process was killed by a signal: run it again."""


def _die_with_parent():
    # If the Ray worker running this task dies, its ntmlife child dies too (SIGKILL), so a
    # retried task never meets a stale process still writing its run directory.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def run_task(binary, name, arguments):
    proc = subprocess.run([binary] + arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          preexec_fn=_die_with_parent)
    if proc.returncode < 0:
        raise TaskLost(f"task '{name}' was killed by signal {-proc.returncode}")
    words = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
    return name, proc.returncode, " / ".join(words)


def run_batch(ray, remote, binary, tasks):
    """Runs one batch to its end; returns None, or why it failed."""
    pending = [remote.remote(binary, t["name"], t["arguments"]) for t in tasks]
    done = 0
    while pending:
        ready, pending = ray.wait(pending, num_returns=1)
        try:
            name, status, words = ray.get(ready[0])
        except Exception as error:  # lost more often than RETRIES allows
            failure = f"{error}".replace("\n", " ")
        else:
            if status == 0:
                done += 1
                print(f"done {done}/{len(tasks)}", flush=True)
                continue
            failure = f"task '{name}': exit status {status}: {words}"
        for ref in pending:
            ray.cancel(ref, force=True)
        return failure
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default=None)
    args = parser.parse_args()
    try:
        import ray
    except ImportError:
        print("ntmlife_ray: Ray is not installed; pip install 'ray>=2.9'", file=sys.stderr)
        return 3
    address = args.address or os.environ.get("RAY_ADDRESS") or None
    ray.init(address=address, logging_level="ERROR", log_to_driver=False, include_dashboard=False)
    remote = ray.remote(num_cpus=1, max_retries=RETRIES, retry_exceptions=[TaskLost])(run_task)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            batch = json.loads(line)
            binary, tasks = batch["binary"], batch["tasks"]
        except (ValueError, KeyError, TypeError) as error:
            print(f"ntmlife_ray: not a batch of tasks: {error}", file=sys.stderr)
            return 2
        failure = run_batch(ray, remote, binary, tasks)
        print("ok" if failure is None else f"failed {failure}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

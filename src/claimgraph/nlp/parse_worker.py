"""A child process that parses batches for the pipeline while the rule steps run here.

The pipeline parses the next batch while its rule steps run on this one
(``parse_ahead``). In a thread of the same process the two share Python's lock, and
spaCy holds it for much of its parse; a child process shares nothing, so on two cores the
rule steps cost almost no wall time (docs/benchmarks.md, "Speed"). The child runs
``python -m claimgraph.nlp.parse_worker``, loads the same pinned model and answers one
batch at a time over its standard input and output:

- request: 8-byte big-endian length, then a JSON list of the texts to parse;
- answer: one status byte (``K`` parsed, ``E`` failed), an 8-byte length, then either the
  parses as a spaCy ``DocBin`` (with the components' ``user_data``) or the error message.

Only one batch is in flight at a time, so neither side ever blocks writing to a pipe the
other is not reading. A failed batch, or a child that died, is the caller's to parse
again in its own process (:class:`claimgraph.pipeline.Pipeline` does), so a document the
parse fails on still fails alone, with the usual error naming it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import IO, Any

from ..errors import WorkerError
from ..models import Document

_LENGTH = 8

#: Documents spaCy parses together inside one pipeline batch. Its activations for a
#: whole 64-document batch held 620 MB at the peak, 16 at a time 290 MB, and went a little
#: faster; the parses are the same (identical on 400 BBC articles).
PARSE_CHUNK = 16


_peak_kb = 0


def peak_memory_mb() -> float:
    """The highest peak memory (resident set) of any parse worker this process has closed,
    in MB (read from Linux's /proc; 0 elsewhere). ``ru_maxrss`` of the children cannot tell
    it: Linux carries the parent's size at the fork over into the child's figure."""
    return _peak_kb / 1024


def _read_peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    chunks: list[bytes] = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            break
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks) if not n else b""


def parse_texts(docs: list[Document]) -> list[str]:
    """The text each document is parsed from: its own, or a likely casing of all-lower or
    all-upper wire copy (same length, so every offset into the parse is one into the text)."""
    from .entities.truecase import needs_truecasing, truecase

    texts = []
    for d in docs:
        t = d.text
        if needs_truecasing(t):
            t = truecase(t)
            d.scratch["truecased"] = True
        d.scratch["parse_text"] = t
        texts.append(t)
    return texts


class ParseWorker:
    """The pipeline's handle on one parse child: :meth:`submit` a batch, take its parses
    with :meth:`result`, :meth:`close` at the end. The child starts (and loads the model)
    at construction, so it gets ready while the caller parses its first batch itself."""

    def __init__(self, verify_model: bool = True) -> None:
        self._verify = verify_model
        cmd = [sys.executable, "-m", "claimgraph.nlp.parse_worker"]
        if not verify_model:
            cmd.append("--no-verify")
        self._proc: subprocess.Popen[bytes] | None = None
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except (OSError, ValueError):
            pass  # no child (no Python executable to start): result() says so, the caller parses
        self._pending: list[Document] | None = None

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def submit(self, docs: list[Document]) -> None:
        """Send a batch to the child (the previous one's result must have been taken)."""
        if self._pending is not None:
            raise RuntimeError("ParseWorker.submit: take the previous batch's result first")
        self._pending = docs
        payload = json.dumps(parse_texts(docs), ensure_ascii=False).encode("utf-8")
        stdin = self._proc.stdin if self._proc is not None else None
        if stdin is None:
            return  # no child: result() says so
        try:
            stdin.write(len(payload).to_bytes(_LENGTH, "big") + payload)
            stdin.flush()
        except OSError:
            pass  # a dead child: result() says so

    def result(self) -> list[Document]:
        """The submitted batch with each document's parse in ``scratch["sdoc"]``; raises
        :class:`WorkerError` when the child failed or died."""
        from spacy.tokens import DocBin

        from .model import load_nlp

        docs, self._pending = self._pending, None
        if docs is None:
            raise RuntimeError("ParseWorker.result: no batch was submitted")
        proc = self._proc
        head = _read_exact(proc.stdout, 1 + _LENGTH) if proc is not None and proc.stdout else b""
        body = _read_exact(proc.stdout, int.from_bytes(head[1:], "big")) if head and proc and proc.stdout else b""
        if not head or (not body and int.from_bytes(head[1:], "big")):
            self.close()  # nothing is pending now: a child still alive ends on its closed input
            raise WorkerError("the parse worker process ended; parsing in this process instead")
        if head[:1] != b"K":
            raise WorkerError(f"the parse worker failed on a batch: {body.decode('utf-8', 'replace')}")
        vocab = load_nlp(verify=self._verify).vocab
        parsed = list(DocBin().from_bytes(body).get_docs(vocab))
        if len(parsed) != len(docs):
            raise WorkerError(f"the parse worker returned {len(parsed)} parses for {len(docs)} documents")
        for d, sdoc in zip(docs, parsed, strict=True):
            d.scratch["sdoc"] = sdoc
        return docs

    def close(self) -> None:
        """End the child: at once if it is still parsing a batch nobody will take."""
        global _peak_kb
        proc, self._proc = self._proc, None
        if proc is None:
            return
        _peak_kb = max(_peak_kb, _read_peak_kb(proc.pid))
        try:
            if self._pending is not None:
                proc.kill()
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        finally:
            if proc.stdout is not None:
                proc.stdout.close()


def serve(inp: IO[bytes], out: IO[bytes], nlp: Any) -> None:
    """Answer parse requests from ``inp`` on ``out`` until ``inp`` ends."""
    from spacy.tokens import DocBin

    from ..pipeline import trim_heap

    while True:
        head = _read_exact(inp, _LENGTH)
        if not head:
            return
        body = _read_exact(inp, int.from_bytes(head, "big"))
        try:
            texts = json.loads(body.decode("utf-8"))
            bin_ = DocBin(store_user_data=True)
            for sdoc in nlp.pipe(texts, batch_size=PARSE_CHUNK):
                bin_.add(sdoc)
            status, data = b"K", bin_.to_bytes()
        except Exception as exc:  # any failure: the caller parses this batch itself
            status, data = b"E", f"{type(exc).__name__}: {exc}".encode()
        out.write(status + len(data).to_bytes(_LENGTH, "big") + data)
        out.flush()
        trim_heap()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    # the answers own the real standard output; anything a library prints goes to stderr
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    from .model import load_nlp

    nlp = load_nlp(verify="--no-verify" not in args)
    serve(sys.stdin.buffer, out, nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

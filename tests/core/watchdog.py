"""A time limit for one call (看门狗), so a reader that hangs fails its test instead of stalling the run."""

from __future__ import annotations

import faulthandler
import signal
from collections.abc import Iterator
from contextlib import contextmanager

# Generous for CI's two cores: the slowest case measured takes about 2 s on a laptop.
LIMIT_SECONDS = 20


class Hang(BaseException):
    """A call still running when its time limit ran out.

    Not an ``Exception``: a reader's ``except Exception`` (turning any library error into a ReadError)
    must not swallow it.
    """


@contextmanager
def within(seconds: float = LIMIT_SECONDS) -> Iterator[None]:
    """Raise ``Hang`` in the block once ``seconds`` have passed.

    The alarm interrupts Python code; a hang inside C code (lxml, PDFium, zlib) does not see signals,
    so ``faulthandler`` also ends the whole process, with every thread's traceback, at twice the limit.
    """

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    faulthandler.dump_traceback_later(seconds * 2, exit=True)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
        signal.signal(signal.SIGALRM, previous)

"""The Python kernels the summary notebook runs in: kept warm per worker, talking over
Unix sockets, started without the caller's warning filters."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any


def _kernel_manager() -> type:
    """A kernel manager that talks to its kernel over Unix sockets, not TCP.

    Each kernel gets socket files of its own in the temporary folder (kernels started
    at the same time would otherwise pick the same names in the working folder).
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class LocalKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            return str(Path(tempfile.gettempdir()) / f"sokwal-kernel-{uuid.uuid4().hex}")

        async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
            cmd, kw = await super()._async_pre_start_kernel(**kw)
            env = dict(kw.get("env") or os.environ)
            env.pop("PYTHONWARNINGS", None)  # the caller's warning filters are not the kernel's
            env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
            kw["env"] = env
            # the kernel's own log lines (shutdown notices) are not the user's business;
            # what goes wrong in a cell comes back through papermill as the error
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            return cmd, kw

    return LocalKernelManager


def _quiet_jupyter() -> None:
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


#: The first cell of every run: drop the names the previous project's run left in a warm
#: kernel (like ``%reset -f``, without its slow garbage collection), close its figures.
_FORGET = """\
_ip = get_ipython()
for _name in [n for n in _ip.user_ns if n not in _ip.user_ns_hidden and not n.startswith("_")]:
    del _ip.user_ns[_name]
import matplotlib.pyplot as _plt
_plt.close("all")
for _name in ("_ip", "_name", "_plt"):
    globals().pop(_name, None)"""

#: What a warm kernel imports once, before its first project.
WARM_UP = """\
import io
import IPython.display, matplotlib.pyplot, pandas
import sokwal_monitor, sokwal_monitor.learning, sokwal_monitor.summary
_figure = matplotlib.pyplot.figure()  # fonts and the PNG renderer, loaded once
_figure.add_subplot().barh([0], [1], label="x")
_figure.legend()
_figure.savefig(io.BytesIO(), format="png")
matplotlib.pyplot.close(_figure)
del _figure"""


class Kernel:
    """A Python kernel kept running for several projects (one per worker thread).

    ``start()`` launches it in the calling thread's event loop and imports
    :data:`WARM_UP`; ``close()`` shuts it down and closes that loop. Both run in the
    thread that uses the kernel.
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.km: Any = None
        self.kc: Any = None
        self.start_seconds = 0.0

    def start(self) -> Kernel:
        from jupyter_core.utils import run_sync

        started = time.perf_counter()
        self.km = _kernel_manager()(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(self.cwd))
        self.kc = self.km.client()
        # every notebook run asks the manager for a client: hand out this one, so that no
        # run leaves a client (and its sockets) behind
        self.km.client = lambda **_: self.kc
        self.kc.start_channels()
        self.kc.start_channels = lambda *_, **__: None  # already started
        run_sync(self.kc.wait_for_ready)(timeout=120)
        run_sync(self.kc.execute_interactive)(WARM_UP, timeout=120, store_history=False)
        self.start_seconds = time.perf_counter() - started
        return self

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(self.km is not None and run_sync(self.km.is_alive)())

    def restart(self) -> Kernel:
        """A new kernel in place of one that died (a notebook that crashed it)."""
        self._stop()
        return self.start()

    def _stop(self) -> None:
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            if self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
            self.km = None

    def close(self) -> None:
        from jupyter_core.utils import ensure_event_loop

        try:
            self._stop()
        finally:
            ensure_event_loop().close()

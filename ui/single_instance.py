"""One running desk per data folder: a second launch hands its arguments to the first and leaves.

A QLockFile in the data folder says who runs; a QLocalServer named after the folder (a hash of its path, so two
data folders or portable copies run side by side) takes the arguments of later launches. The lock never goes
stale by age (the desk runs all day), only when its process is gone; a lock whose holder neither lives on this
PC nor answers (a portable folder carried over from a PC that crashed) is taken over after a short wait.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILENAME = "outlet-desk.lock"
CONNECT_MS = 1000
REPLY_MS = 3000
ATTEMPTS = 3  # the first desk may be starting and not listen yet
PAUSE_S = 0.3


def lock_path(home: Path) -> Path:
    return home / LOCK_FILENAME


def server_name(home: Path) -> str:
    digest = hashlib.sha256(str(home.resolve()).lower().encode("utf-8")).hexdigest()[:16]
    return f"outlet-desk-{digest}"


def hand_over(home: Path, arguments: list[str], *, attempts: int = ATTEMPTS) -> bool:
    """Give `arguments` to the desk running on `home`; True once it confirmed."""
    for _ in range(attempts):
        socket = QLocalSocket()
        socket.connectToServer(server_name(home))
        if socket.waitForConnected(CONNECT_MS):
            socket.write(json.dumps(arguments).encode("utf-8") + b"\n")
            socket.waitForBytesWritten(REPLY_MS)
            confirmed = socket.waitForReadyRead(REPLY_MS) and bytes(socket.readAll().data()).startswith(b"ok")
            socket.disconnectFromServer()
            if confirmed:
                return True
        else:
            socket.abort()
            time.sleep(PAUSE_S)
    return False


class SingleInstance(QObject):
    """`acquire()` first; if it says False, `hand_over()` the arguments and exit."""

    activated = Signal(list)  # a later launch's arguments: bring the window to the front

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.home = home
        self.lock = QLockFile(str(lock_path(home)))
        self.lock.setStaleLockTime(0)  # stale only when the holding process is gone, never by age
        self.server: QLocalServer | None = None

    def acquire(self, arguments: list[str] | None = None) -> bool:
        """True: this process is the desk for the folder and now listens. False: another one runs and was
        given `arguments` (or it runs and did not answer: then False too, and nothing else starts)."""
        if not self.lock.tryLock(0):
            if hand_over(self.home, arguments or []):
                return False
            # the holder lives elsewhere or hangs without answering: take the folder over
            if not (self.lock.removeStaleLockFile() and self.lock.tryLock(0)):
                return False
        self.server = QLocalServer(self)
        QLocalServer.removeServer(server_name(self.home))  # a socket file left by a killed desk
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_server_newConnection)
        self.server.listen(server_name(self.home))
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()

    @Slot()
    def _on_server_newConnection(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.canReadLine():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            arguments = json.loads(line.decode("utf-8"))
        except ValueError:
            arguments = []
        socket.write(b"ok\n")
        socket.flush()
        self.activated.emit([str(a) for a in arguments] if isinstance(arguments, list) else [])

"""The terminal chat: the same command core, read from a text stream, numbered choices for buttons.

The chat loop is synchronous (it reads lines); the channel runs it in a thread of its own, so the
command core never runs on the event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import sys
from typing import Callable, TextIO

from bot.core import CommandCore
from bot.domain.texts import chat as chat_texts
from bot.domain.texts import console as console_texts
from bot.ports import Capabilities, Inbound, Outbound

CHANNEL = "console"
CAPABILITIES = Capabilities(buttons=False, files=True, max_length=1_000_000)


@dataclass(frozen=True)
class Identity:
    label: str  # as the picker lists it (with the open count)
    chat_id: str
    sender: str = ""  # as history records the actor ("Cán bộ đầu mối"): no count that goes stale


REPORTS_FOLDER = Path("data") / "reports"  # ignored by git (.gitignore); named in the README's chat section


def save_attachment(a, folder: Path) -> Path:
    """Files (charts, workbooks) land in ``data/reports/`` of the working directory; the chat prints the path.
    A file already there is never overwritten: the new one gets "-2", "-3"… before its suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(a.filename).name or "tep"
    path = folder / name
    n = 1
    while True:
        try:
            with open(path, "xb") as f:  # exclusive: two chats saving at once never share a name
                f.write(a.data)
            return path
        except FileExistsError:
            n += 1
            path = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"


class ConsoleSender:
    """Reminders for the terminal chat: printed under the name of the chat they are for."""

    capabilities = CAPABILITIES

    def __init__(self, stdout: TextIO, labels: dict[str, str]):
        self.stdout = stdout
        self.labels = labels

    async def send(self, out: Outbound) -> str:
        self.stdout.write(
            "\n" + console_texts.REMINDER_FOR.format(label=self.labels.get(out.chat_id, out.chat_id)) + "\n"
        )
        if out.title:
            self.stdout.write(f"【{out.title}】\n")
        self.stdout.write(out.text + "\n")
        self.stdout.flush()
        return "console"


class PrintSender:
    """`nhacviec remind`'s terminal 'channel': prints what would reach a console chat."""

    capabilities = CAPABILITIES

    def __init__(self, out: TextIO | None = None):
        self.out = out

    async def send(self, msg: Outbound) -> str:
        out = self.out or sys.stdout
        out.write(f"\n── {msg.channel}:{msg.chat_id} ──\n")
        if msg.title:
            out.write(f"【{msg.title}】\n")
        out.write(msg.text + "\n")
        for row in msg.buttons:
            out.write("   " + "  ".join(f"[{b.label}]" for b in row) + "\n")
        out.flush()
        return "console"


class ConsoleTransport:
    def __init__(
        self,
        core: CommandCore,
        identities: list[Identity],
        link: Callable[[Identity], None],
        stdin: TextIO,
        stdout: TextIO,
        on_pick: Callable[[Identity], None] | None = None,
        files: Path = REPORTS_FOLDER,
    ):
        self.core = core
        self.files = files
        self.on_pick = on_pick
        self.identities = identities
        self.link = link
        self.stdin = stdin
        self.stdout = stdout
        self.me: Identity | None = None

    def write(self, text: str = "") -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def stopped(self) -> None:
        """The program is stopping while the chat waits for a line (Ctrl-C): say so, no traceback."""
        self.write("\n" + console_texts.INTERRUPTED)

    def show(self, out: Outbound) -> None:
        self.write()
        if out.title:
            self.write(f"【{out.title}】")
        if out.text:
            self.write(out.text)
        if out.attachment is not None:
            self.write(console_texts.SAVED.format(path=save_attachment(out.attachment, self.files)))

    def _read(self, prompt: str) -> str | None:
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            return None
        return line.rstrip("\n")

    def choose(self) -> bool:
        self.write(console_texts.PICK_WHO)
        for i, ident in enumerate(self.identities, 1):
            self.write(f"{i:>3}. {ident.label}")
        while True:
            answer = self._read(console_texts.PICK_PROMPT)
            if answer is None:
                return False
            answer = answer.strip()
            if answer.isdigit() and 1 <= int(answer) <= len(self.identities):
                self.me = self.identities[int(answer) - 1]
                self.link(self.me)
                self.write(console_texts.YOU_ARE.format(label=self.me.label))
                if self.on_pick:
                    self.on_pick(self.me)  # the scheduler's reminders for today, as they would arrive
                return True
            self.write(console_texts.PICK_AGAIN.format(n=len(self.identities)))

    def run(self) -> int:
        self.write(console_texts.WELCOME)
        if not self.choose():
            return 0
        while True:
            line = self._read(console_texts.PROMPT)
            if line is None or line.strip().lower() in console_texts.QUIT_WORDS:
                self.write(console_texts.BYE)
                return 0
            if line.strip().lower() in console_texts.SWITCH_WORDS:
                if not self.choose():
                    return 0
                continue
            if not line.strip():
                continue
            self.send_line(line)

    def send_line(self, line: str) -> None:
        inbound = Inbound(
            channel=CHANNEL,
            chat_id=self.me.chat_id,
            text=line,
            sender=self.me.sender or self.me.label,
            bare=True,
            buttons=False,
        )
        outs = self.core.handle(inbound)
        for out in outs:
            self.show(out)
            self.core.reply_settled(out)  # shown: its numbered choices count from now on
        if not outs:
            self.write(chat_texts.FREE_TEXT)

"""Delivery throughput through the real Telegram sender and the rate limiter, against a fake Bot API
server on 127.0.0.1. Prints the achieved rate and the most messages the server saw in any one second.

    python bench/delivery.py --messages 600 --rate 30

Ends with: sent=… achieved_per_s=… max_in_any_1s=…   (goal: achieved ≥ 90% of --rate, max ≤ --rate)
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fake_bot_api import FakeBotAPIServer  # noqa: E402
from bot.ports import Outbound  # noqa: E402
from bot.transports.telegram import telegram_sender  # noqa: E402
from jobs.limiter import RateLimiter  # noqa: E402


async def send_all(base_url: str, messages: int, rate: float, chats: int) -> float:
    limiter = RateLimiter(rate, 1.0)
    async with telegram_sender("1:BENCH", base_url) as sender:
        t0 = time.monotonic()
        for i in range(messages):
            chat = str(1000 + i % chats)
            async with limiter.slot(f"telegram:{chat}"):
                await sender.send(
                    Outbound("telegram", chat, f"Nhắc việc số {i}: PL1.{i % 16 + 1} quá hạn", "Nhắc việc")
                )
        return time.monotonic() - t0


def max_in_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    return max((bisect.bisect_left(times, t + window) - i for i, t in enumerate(times)), default=0)


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=600)
    ap.add_argument("--rate", type=float, default=30.0)
    ap.add_argument("--chats", type=int, default=200, help="distinct chats (each gets at most one message a second)")
    args = ap.parse_args(argv)
    with FakeBotAPIServer() as server:
        asyncio.run(send_all(server.base_url, args.messages, args.rate, args.chats))
        sends = [t for m, t in server.times if m == "sendMessage"]
    elapsed = sends[-1] - sends[0] if len(sends) > 1 else 0.0
    achieved = (len(sends) - 1) / elapsed if elapsed else float(len(sends))
    peak = max_in_window(sends)
    print(
        f"limiter {args.rate:g}/s, {args.chats} chats: {len(sends)} messages in {elapsed:.2f}s; "
        f"achieved {achieved / args.rate:.0%} of the limit"
    )
    line = f"sent={len(sends)} achieved_per_s={achieved:.2f} max_in_any_1s={peak}"
    print(line)
    return line


if __name__ == "__main__":
    main()

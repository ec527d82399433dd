#!/usr/bin/env python3
"""The load benchmark's driver: keeps N connections busy on a set of URLs for a while.

    python scripts/bench_load.py --port 8000 --connections 10 --duration 10 --warmup 2 \\
        --label home --url / [--url /other/ ...] [--header 'Cookie: sessionid=...']

Standard library only (asyncio streams, HTTP/1.1), and run as its own process by
scripts/bench_server.py so that it never shares an interpreter with the server. Each of the
--connections clients sends GET requests one after another, taking the URLs in turn (each
client starting at a different one), keeping its connection open while the server allows it
and opening a new one when the server closes it (gunicorn's sync workers close every
connection), so a latency includes the connection when there was one to make.

For --warmup seconds nothing is recorded; then for --duration seconds every response is.
Requests carry `X-Bench: <label>` (`X-Bench: warmup` while warming up) so that the server's
access log can be split by phase, and `X-Forwarded-Proto: https`, as a TLS proxy would send.

Prints "recording" and "stopped" when the measured time begins and ends (bench_server.py
reads CPU counters then), and then one JSON object: requests, requests per second, latency
percentiles (ms), errors (any status outside 2xx, a socket error or a response slower than
--timeout) with the first few of them described, responses that carried an `Age` header
(served from a cache), connections opened, median response size and the driver's own CPU
time, so that a driver that is itself the bottleneck can be seen.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time

ERROR_SAMPLES = 5
BODY_SAMPLE = 300


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--url", action="append", required=True, help="a path; repeatable")
    parser.add_argument("--label", required=True)
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--duration", type=float, default=10, help="seconds measured")
    parser.add_argument("--warmup", type=float, default=2, help="seconds before measuring")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    return parser.parse_args(argv)


class Phase:
    """What the clients share: the clock, and what they saw while it was recording."""

    def __init__(self, args):
        self.args = args
        self.recording = False
        self.stopping = False
        self.latencies = []
        self.sizes = []
        self.statuses = {}
        self.errors = self.warmup_errors = 0
        self.error_samples = []
        self.cached = 0
        self.connections_opened = 0
        extra = "".join(f"{h}\r\n" for h in args.header)
        host = f"{args.host}:{args.port}"

        def request(url, tag):
            return (
                f"GET {url} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench_load.py\r\n"
                "Accept: text/html,*/*\r\nAccept-Encoding: gzip\r\n"
                f"X-Forwarded-Proto: https\r\nX-Bench: {tag}\r\n{extra}\r\n"
            ).encode()

        self.requests = {
            tag: [request(url, tag) for url in args.url] for tag in ("warmup", args.label)
        }

    def request(self, n):
        tag = self.args.label if self.recording else "warmup"
        batch = self.requests[tag]
        return batch[n % len(batch)]

    def failed(self, url_index, description):
        if not self.recording:
            self.warmup_errors += 1
            return
        self.errors += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append({"url": self.args.url[url_index], **description})


async def read_response(reader):
    """(status, body, server closes, from a cache) of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length, chunked, close, cached = None, False, head.startswith(b"HTTP/1.0"), False
    for line in head.lower().split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value
        elif name == b"connection":
            close = b"close" in value
        elif name == b"age":
            cached = True
    if chunked:
        body = bytearray()
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += await reader.readexactly(size + 2)
            del body[-2:]
        await reader.readuntil(b"\r\n")  # no trailers are expected
    elif length is not None:
        body = await reader.readexactly(length)
    else:
        body, close = await reader.read(), True
    return status, body, close, cached


async def client(phase, first):
    args = phase.args
    connection = None
    n = first
    while not phase.stopping:
        index = n % len(args.url)
        request = phase.request(n)
        recording = phase.recording
        n += 1
        began = time.perf_counter()
        try:
            async with asyncio.timeout(args.timeout):
                if connection is None:
                    connection = await asyncio.open_connection(args.host, args.port)
                    phase.connections_opened += recording
                reader, writer = connection
                writer.write(request)
                status, body, close, cached = await read_response(reader)
        except (OSError, EOFError, TimeoutError, ValueError, asyncio.IncompleteReadError) as e:
            phase.failed(index, {"error": f"{type(e).__name__}: {e}"})
            if connection is not None:
                connection[1].close()
            connection = None
            continue
        elapsed = time.perf_counter() - began
        if close:
            writer.close()
            connection = None
        if not recording or not phase.recording:
            continue  # warming up, or it began before the phase ended: not recorded
        phase.latencies.append(elapsed)
        phase.sizes.append(len(body))
        phase.statuses[status] = phase.statuses.get(status, 0) + 1
        phase.cached += cached
        if not 200 <= status < 300:
            sample = body[:BODY_SAMPLE].decode("utf-8", "replace")
            phase.failed(index, {"status": status, "body": sample})
    if connection is not None:
        connection[1].close()


def milliseconds(values, p=None):
    """The p-th percentile (or the largest, for None) of seconds, in ms; None if empty."""
    if not values:
        return None
    if p is None:
        return round(max(values) * 1000, 2)
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000, 2)


async def run(args):
    phase = Phase(args)
    clients = [asyncio.create_task(client(phase, first)) for first in range(args.connections)]
    await asyncio.sleep(args.warmup)
    phase.recording = True
    print("recording", flush=True)  # bench_server.py reads the server's CPU time now
    cpu, began = time.process_time(), time.perf_counter()
    await asyncio.sleep(args.duration)
    phase.recording = False  # requests still on their way are not counted
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    print("stopped", flush=True)  # and now
    phase.stopping = True
    await asyncio.wait(clients, timeout=args.timeout + 1)
    latencies = phase.latencies
    return {
        "label": args.label,
        "urls": args.url,
        "connections": args.connections,
        "seconds": round(wall, 2),
        "requests": len(latencies),
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": milliseconds(latencies, 50),
        "p95_ms": milliseconds(latencies, 95),
        "p99_ms": milliseconds(latencies, 99),
        "max_ms": milliseconds(latencies),
        "errors": phase.errors,
        "warmup_errors": phase.warmup_errors,
        "error_samples": phase.error_samples,
        "statuses": {str(k): v for k, v in sorted(phase.statuses.items())},
        "from_cache": phase.cached,
        "connections_opened": phase.connections_opened,
        "bytes": int(statistics.median(phase.sizes)) if phase.sizes else 0,
        "driver_cpu_s": round(cpu, 2),
        "driver_cpu_share": round(cpu / wall, 2),
    }


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    result = asyncio.run(run(args))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The load benchmark's driver: keeps N connections busy on classes of URLs for a while.

    python scripts/bench_load.py --port 8000 --spec CLASSES.json --connections 10 \\
        --duration 10 [--warmup 2] [--slice 1]

CLASSES.json is a list of URL classes: [{"label": "home", "urls": ["/"], "headers": ["Cookie:
sessionid=..."], "unique": false}, ...]; with "unique", every request's URL gets a query
parameter of its own (?bench=N), which no cache can have answered before. Standard library only
(asyncio streams, HTTP/1.1); run as its own process by scripts/bench_server.py so that it never
shares an interpreter with the server.

Each of the --connections clients sends GET requests one after another, taking the current
class's URLs in turn (each client starting at a different one), keeping its connection open
while the server allows it and opening a new one when the server closes it (gunicorn's sync
workers close every connection), so a latency includes making the connection when there was
one to make. With several classes, all clients switch class every --slice seconds, round and
round, until each class has had --duration seconds: classes measured side by side share
whatever else the machine is doing (it is shared), so their ratio is fair.

Each class is first warmed up for --warmup seconds and until every client has had an answer
(nothing recorded). Then a response is recorded when it arrives while the clock runs, for the
class it was sent for, so requests in flight when it starts count and those in flight when it
stops do not: the rate is unbiased however slow the page. Requests carry `X-Bench: <label>`
(`X-Bench: warmup` while warming up) so that the server's access log can be split by class,
and `X-Forwarded-Proto: https`, as a TLS proxy would send.

Prints "slice <label>" as each slice begins and "stopped" at the end (bench_server.py reads CPU
counters then), and then a JSON list, a class an item: requests, requests per second, latency
percentiles (ms), errors (any status outside 2xx, a socket error or a response slower than
--timeout) with the first few described, responses that carried an `Age` header (served from
a cache), connections opened, median response size and the driver's own CPU time, so that a
driver that is itself the bottleneck can be seen.
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
    parser.add_argument("--spec", required=True, help="the URL classes, a JSON file")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--duration", type=float, default=10, help="seconds measured a class")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up a class")
    parser.add_argument("--slice", type=float, default=1, help="seconds before switching class")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    return parser.parse_args(argv)


class UrlClass:
    """One class of URLs and what was seen of it while the clock ran."""

    def __init__(self, spec, host):
        self.label, self.urls = spec["label"], spec["urls"]
        extra = "".join(f"{h}\r\n" for h in spec.get("headers", ()))
        self.unique = spec.get("unique", False)

        def request(url, tag):
            """The request's bytes, in two parts around the ?bench=N of a unique URL."""
            if self.unique:
                url += "&bench=" if "?" in url else "?bench="
            return (
                f"GET {url}".encode(),
                (
                    f" HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench_load.py\r\n"
                    "Accept: text/html,*/*\r\nAccept-Encoding: gzip\r\n"
                    f"X-Forwarded-Proto: https\r\nX-Bench: {tag}\r\n{extra}\r\n"
                ).encode(),
            )

        self.requests = {
            tag: [request(url, tag) for url in self.urls] for tag in ("warmup", self.label)
        }
        self.sent = 0
        self.latencies, self.sizes, self.statuses = [], [], {}
        self.errors = self.warmup_errors = self.cached = self.connections_opened = 0
        self.error_samples = []
        self.seconds = self.driver_cpu = 0.0

    def failed(self, recording, url, description):
        if not recording:
            self.warmup_errors += 1
            return
        self.errors += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append({"url": url, **description})

    def result(self, connections):
        latencies, seconds = self.latencies, self.seconds
        return {
            "label": self.label,
            "urls": self.urls,
            "connections": connections,
            "seconds": round(seconds, 2),
            "requests": len(latencies),
            "rps": round(len(latencies) / seconds, 1) if seconds else 0.0,
            "p50_ms": milliseconds(latencies, 50),
            "p95_ms": milliseconds(latencies, 95),
            "p99_ms": milliseconds(latencies, 99),
            "max_ms": milliseconds(latencies),
            "errors": self.errors,
            "warmup_errors": self.warmup_errors,
            "error_samples": self.error_samples,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "from_cache": self.cached,
            "connections_opened": self.connections_opened,
            "bytes": int(statistics.median(self.sizes)) if self.sizes else 0,
            "driver_cpu_s": round(self.driver_cpu, 2),
            "driver_cpu_share": round(self.driver_cpu / seconds, 2) if seconds else 0.0,
        }


class Load:
    """What the clients share: the current class, and whether the clock is running."""

    def __init__(self, classes):
        self.current = classes[0]
        self.recording = False
        self.stopping = False
        self.answered = set()  # clients that had an answer in the current warm-up


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


async def client(load, args, number):
    connection = None
    n = number
    while not load.stopping:
        url_class = load.current
        index = n % len(url_class.urls)
        start, rest = url_class.requests[url_class.label if load.recording else "warmup"][index]
        url_class.sent += 1
        request = start + str(url_class.sent).encode() + rest if url_class.unique else start + rest
        n += 1
        opened = False
        began = time.perf_counter()
        try:
            async with asyncio.timeout(args.timeout):
                if connection is None:
                    connection = await asyncio.open_connection(args.host, args.port)
                    opened = True
                reader, writer = connection
                writer.write(request)
                status, body, close, cached = await read_response(reader)
        except (OSError, EOFError, TimeoutError, ValueError, asyncio.IncompleteReadError) as e:
            url_class.failed(load.recording, url_class.urls[index], {"error": repr(e)})
            load.answered.add(number)
            if connection is not None:
                connection[1].close()
            connection = None
            continue
        elapsed = time.perf_counter() - began
        if close:
            writer.close()
            connection = None
        load.answered.add(number)
        if not load.recording:
            if not 200 <= status < 300:
                url_class.failed(False, url_class.urls[index], {"status": status})
            continue
        url_class.latencies.append(elapsed)
        url_class.sizes.append(len(body))
        url_class.statuses[status] = url_class.statuses.get(status, 0) + 1
        url_class.cached += cached
        url_class.connections_opened += opened
        if not 200 <= status < 300:
            sample = body[:BODY_SAMPLE].decode("utf-8", "replace")
            url_class.failed(True, url_class.urls[index], {"status": status, "body": sample})
    if connection is not None:
        connection[1].close()


def milliseconds(values, p=None):
    """The p-th percentile (or the largest, for None) of seconds, in ms; None if empty."""
    if not values:
        return None
    if p is None:
        return round(max(values) * 1000, 2)
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000, 2)


async def warm_up(load, url_class, args):
    load.recording, load.current = False, url_class
    load.answered = set()
    await asyncio.sleep(args.warmup)
    deadline = time.monotonic() + args.timeout
    while len(load.answered) < args.connections and time.monotonic() < deadline:
        await asyncio.sleep(0.1)  # a slow page: one answer each at least


async def run(args, specs):
    host = f"{args.host}:{args.port}"
    classes = [UrlClass(spec, host) for spec in specs]
    load = Load(classes)
    clients = [asyncio.create_task(client(load, args, n)) for n in range(args.connections)]
    slice_ = args.duration if len(classes) == 1 else args.slice
    for url_class in classes:
        await warm_up(load, url_class, args)
    while remaining := [c for c in classes if c.seconds < args.duration - 1e-6]:
        for url_class in remaining:
            length = min(slice_, args.duration - url_class.seconds)
            print(f"slice {url_class.label}", flush=True)
            load.current, load.recording = url_class, True
            cpu, began = time.process_time(), time.perf_counter()
            await asyncio.sleep(length)
            url_class.seconds += time.perf_counter() - began
            url_class.driver_cpu += time.process_time() - cpu
    load.recording = False  # answers still on their way are not recorded
    print("stopped", flush=True)
    load.stopping = True
    await asyncio.wait(clients, timeout=args.timeout + 1)
    return [c.result(args.connections) for c in classes]


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    with open(args.spec) as file:
        specs = json.load(file)
    print(json.dumps(asyncio.run(run(args, specs))))
    return 0


if __name__ == "__main__":
    sys.exit(main())

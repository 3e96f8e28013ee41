#!/usr/bin/env python3
"""Adversarial clients for tests/load_test.sh, each mode bounded in time (python3 stdlib only).

  slow   PORT SECONDS IDLE DRIBBLE  IDLE connections that send nothing and DRIBBLE clients that
                                    send a request a byte a second (each reconnects when searchd
                                    drops it), while a normal search is timed every 100 ms
  greedy PORT SECONDS CLIENTS       CLIENTS that pipeline requests and never read the answers,
                                    while a normal search is timed every 100 ms
  flood  PORT SECONDS CLIENTS PID   CLIENTS searching wildcard floods back to back; searchd's
                                    resident memory (/proc/PID) is sampled

Prints one line "MODE key=value ..." for the shell to check.
"""
import collections
import socket
import sys
import threading
import time
import urllib.parse

NORMAL = "/search?q=exploit"


def connect(port, receive_buffer=0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    s.settimeout(30)
    s.connect(("127.0.0.1", port))
    return s


def get(port, target, timeout=30.0):
    """One GET on its own connection: (status, seconds); status 0 when there was no answer."""
    start = time.monotonic()
    try:
        with connect(port) as s:
            s.settimeout(timeout)
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                      .encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        status = int(data[9:12]) if data.startswith(b"HTTP/1.1 ") else 0
    except OSError:
        status = 0
    return status, time.monotonic() - start


def time_normal_searches(port, stop_at, out):
    """Times NORMAL every 100 ms until stop_at; appends (status, seconds) to out."""
    while time.monotonic() < stop_at:
        out.append(get(port, NORMAL, timeout=15.0))
        time.sleep(0.1)


def hold_idle(port, stop_at, counts):
    while time.monotonic() < stop_at:
        try:
            with connect(port) as s:
                s.settimeout(max(0.1, stop_at - time.monotonic()))
                s.recv(1)  # returns when searchd drops the connection
                counts["dropped"] += 1
        except socket.timeout:
            return
        except OSError:
            counts["dropped"] += 1
            time.sleep(0.05)


def dribble(port, stop_at, counts):
    request = f"GET {NORMAL} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {'x' * 200}\r\n\r\n".encode()
    while time.monotonic() < stop_at:
        try:
            with connect(port) as s:
                for byte in request:
                    if time.monotonic() >= stop_at:
                        return
                    s.sendall(bytes([byte]))
                    time.sleep(1.0)
                counts["completed"] += 1  # never reached within searchd's head deadline
        except OSError:
            counts["dropped"] += 1
            time.sleep(0.05)


def never_read(port, stop_at, counts):
    pipelined = b"GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" * 2000
    while time.monotonic() < stop_at:
        try:
            with connect(port, receive_buffer=4096) as s:
                s.settimeout(2)
                try:
                    s.sendall(pipelined)
                except socket.timeout:
                    pass
                s.settimeout(max(0.1, stop_at - time.monotonic()))
                time.sleep(max(0.0, stop_at - time.monotonic()))  # and never read
        except OSError:
            counts["dropped"] += 1
            time.sleep(0.05)


def run(threads):
    for t in threads:
        t.daemon = True
        t.start()
    return threads


def report_normal(mode, timings, counts):
    worst = max((s for _, s in timings), default=float("inf"))
    failed = sum(1 for status, _ in timings if status != 200)
    ordered = sorted(s for _, s in timings)
    median = ordered[len(ordered) // 2] if ordered else float("inf")
    extra = " ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    print(f"{mode} searches={len(timings)} failed={failed} worst_ms={worst * 1000:.1f} "
          f"median_ms={median * 1000:.1f} {extra}")


def staggered(target, delay, *args):
    """Starts `target` after `delay` seconds: searchd drops a client after its 5 s head deadline
    and the client reconnects, so clients that all started at once would come back in waves."""
    def body():
        time.sleep(delay)
        target(*args)
    return threading.Thread(target=body)


def slow(port, seconds, idle, dribbling):
    stop_at = time.monotonic() + seconds
    counts = {"dropped": 0, "completed": 0}
    total = idle + dribbling
    run([staggered(hold_idle, 4.5 * i / total, port, stop_at, counts) for i in range(idle)] +
        [staggered(dribble, 4.5 * (idle + i) / total, port, stop_at, counts)
         for i in range(dribbling)])
    time.sleep(5.0)  # every client connected before the first timed search
    timings = []
    time_normal_searches(port, stop_at, timings)
    report_normal("SLOW", timings, counts)


def greedy(port, seconds, clients):
    stop_at = time.monotonic() + seconds
    counts = {"dropped": 0}
    run([threading.Thread(target=never_read, args=(port, stop_at, counts))
         for _ in range(clients)])
    time.sleep(1.0)
    timings = []
    time_normal_searches(port, stop_at, timings)
    report_normal("GREEDY", timings, counts)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def flood(port, seconds, clients, pid):
    queries = [" ".join(["-a*"] * 64), " ".join(["s*"] * 32), "a* OR s* OR t* OR c*"]
    targets = ["/search?q=" + urllib.parse.quote(q) for q in queries]
    stop_at = time.monotonic() + seconds
    results = []
    lock = threading.Lock()

    def client(index):
        i = index
        while time.monotonic() < stop_at:
            r = get(port, targets[i % len(targets)], timeout=60.0)
            with lock:
                results.append(r)
            i += 1

    before = rss_kb(pid)
    peak = before
    threads = run([threading.Thread(target=client, args=(i,)) for i in range(clients)])
    while time.monotonic() < stop_at:
        peak = max(peak, rss_kb(pid))
        time.sleep(0.2)
    for t in threads:
        t.join(timeout=120)
        peak = max(peak, rss_kb(pid))
    worst = max((s for _, s in results), default=float("inf"))
    non2xx = sum(1 for status, _ in results if not 200 <= status < 300)
    busy = sum(1 for status, _ in results if status == 503)
    # Every other refusal by status (0: no answer), so that a failure says what it was.
    others = collections.Counter(status for status, _ in results
                                 if not 200 <= status < 300 and status != 503)
    other = ",".join(f"{status}x{n}" for status, n in sorted(others.items())) or "none"
    print(f"FLOOD requests={len(results)} non2xx={non2xx} busy503={busy} other={other} "
          f"worst_ms={worst * 1000:.0f} "
          f"rss_before_kb={before} rss_peak_kb={peak} rss_growth_mb={(peak - before) // 1024}")


def main(argv):
    mode, port, seconds = argv[1], int(argv[2]), float(argv[3])
    if mode == "slow":
        slow(port, seconds, int(argv[4]), int(argv[5]))
    elif mode == "greedy":
        greedy(port, seconds, int(argv[4]))
    elif mode == "flood":
        flood(port, seconds, int(argv[4]), int(argv[5]))
    else:
        sys.exit(f"load_clients: unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)

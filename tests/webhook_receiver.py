#!/usr/bin/env python3
"""A throwaway webhook receiver for the watch tests: binds 127.0.0.1 on a free port, writes the
port to PORT_FILE (renamed into place, so a reader never sees half of it), appends every POST it
accepts to RECEIVED (one JSON body a line), and answers HTTP 500 to its first FAIL_FIRST POSTs
(appended to RECEIVED.refused)."""
import http.server
import json
import os
import sys


def main():
    port_file, received, fail_first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seen = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            json.loads(body)  # a body that is not JSON fails the test's read of RECEIVED
            seen[0] += 1
            refused = seen[0] <= fail_first
            with open(received + (".refused" if refused else ""), "ab") as out:
                out.write(body + b"\n")
            self.send_response(500 if refused else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as out:
        out.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()

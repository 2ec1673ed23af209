#!/usr/bin/python3
"""A real HTTP receiver for the reminder tests: every POST body saved as NNN.json in a
folder, answered 200. Prints "ready" once it listens; runs until killed."""
import http.server
import os
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        path = os.path.join(sys.argv[2], "%d.json" % time.time_ns())
        with open(path + ".part", "wb") as out:
            out.write(body)
        os.rename(path + ".part", path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print("ready", flush=True)
server.serve_forever()

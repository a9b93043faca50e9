#!/usr/bin/env python3
# gst-idlewatchdog example: the server of server-session.c, in Python
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The session runner owns the threads, contexts and loops (no Python thread
# at all); "ended" is emitted in the main context, which GLib.MainLoop runs.
#   meson devenv -C build python3 examples/server-session.py
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstIdleWatchdog", "1.0")
from gi.repository import GLib, Gst, GstIdleWatchdog  # noqa: E402

WATCHDOG = "idlewatchdog timeout=500 startup-timeout=5000 session-id={id}"
VIDEO = "videotestsrc is-live=true ! video/x-raw,width=160,height=120"
PIPELINES = {
    "video-producer": VIDEO + " ! valve name=valve ! " + WATCHDOG +
                      " ! fakesink sync=false",
    "audio-producer": "audiotestsrc is-live=true ! " + WATCHDOG +
                      " ! fakesink sync=false",
    "video-stream": VIDEO + " ! " + WATCHDOG +
                    " ! jpegenc ! rtpjpegpay ! fakesink sync=false",
    "audio-stream": "audiotestsrc is-live=true ! " + WATCHDOG +
                    " ! mulawenc ! rtppcmupay ! fakesink sync=false",
}
End = GstIdleWatchdog.SessionEnd


def main():
    Gst.init(None)
    loop = GLib.MainLoop()
    ended = {}

    def on_ended(session, result):
        sid = session.props.id
        ended[sid] = result.end
        print("%s ended: %s %s" % (
            sid, GstIdleWatchdog.session_end_to_string(result.end),
            result.pipeline_name or ""), flush=True)
        if sid == "s1":
            sessions["s2"].stop()  # the server ends the other one
        if len(ended) == 2:
            loop.quit()

    sessions = {}
    for sid in ("s1", "s2"):
        s = GstIdleWatchdog.Session.new(
            sid, GstIdleWatchdog.SessionFlags.REQUIRE_WATCHDOG)
        for name, desc in PIPELINES.items():
            s.add_description(name, desc.format(id=sid))
        s.connect("ended", on_ended)
        s.start()
        sessions[sid] = s

    def stall():
        # s1's capture stalls
        sessions["s1"].get_pipeline(0).get_by_name("valve").props.drop = True
        return GLib.SOURCE_REMOVE

    GLib.timeout_add(700, stall)
    loop.run()
    ok = ended == {"s1": End.TIMEOUT, "s2": End.STOPPED}
    print("ok" if ok else "unexpected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

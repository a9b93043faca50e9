#!/usr/bin/env python3
# gst-idlewatchdog example: the server of server.c, in Python
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each pipeline runs in its own thread with its own GLib.MainContext and
# GLib.MainLoop and quits its loop on ERROR or EOS; the lines marked
# "idlewatchdog:" are what the watchdog adds. Session s1's video producer
# stalls after 0.7 s and its watchdog ends s1; s2 is then ended by the
# server.   meson devenv -C build python3 examples/server.py
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstIdleWatchdog", "1.0")
from gi.repository import GLib, Gst, GstIdleWatchdog  # noqa: E402

# idlewatchdog: in each pipeline, where the data of that pipeline flows
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


class Pipeline:
    def __init__(self, session, name, description):
        self.session = session
        self.name = name
        self.pipeline = Gst.parse_launch(description)
        self.context = GLib.MainContext.new()
        self.loop = GLib.MainLoop.new(self.context, False)
        self.thread = threading.Thread(target=self.run, name=name)

    def on_message(self, bus, msg):
        if msg.type in (Gst.MessageType.ERROR, Gst.MessageType.EOS):
            self.loop.quit()
        elif msg.type == Gst.MessageType.ELEMENT:
            # idlewatchdog: the stream went silent: this pipeline is done
            ok, t = GstIdleWatchdog.message_parse_timeout(msg)
            if ok:
                print("%s/%s: silent (%s)" % (
                    t.session_id, self.name,
                    GstIdleWatchdog.reason_to_string(t.reason)), flush=True)
                self.session.timed_out = True
                self.loop.quit()
        return GLib.SOURCE_CONTINUE

    def run(self):
        bus = self.pipeline.get_bus()
        self.context.push_thread_default()
        bus.add_watch(GLib.PRIORITY_DEFAULT, self.on_message)
        self.pipeline.set_state(Gst.State.PLAYING)
        self.loop.run()
        self.pipeline.set_state(Gst.State.NULL)
        bus.remove_watch()
        self.context.pop_thread_default()
        self.session.stop()  # one pipeline is down: the whole session goes

    def quit_soon(self):
        # any thread: quits the loop from its own context
        source = GLib.idle_source_new()
        source.set_callback(lambda *_: self.loop.quit())
        source.attach(self.context)


class Session:
    def __init__(self, session_id):
        self.id = session_id
        self.timed_out = False
        self.pipelines = [Pipeline(self, name, desc.format(id=session_id))
                          for name, desc in PIPELINES.items()]
        for p in self.pipelines:
            p.thread.start()

    def stop(self):
        for p in self.pipelines:
            p.quit_soon()

    def join(self):
        for p in self.pipelines:
            p.thread.join()
        print("%s: all pipelines stopped, threads joined" % self.id)


def main():
    Gst.init(None)
    s1, s2 = Session("s1"), Session("s2")
    time.sleep(0.7)
    # s1's capture stalls; nothing else tells the server
    s1.pipelines[0].pipeline.get_by_name("valve").props.drop = True
    s1.join()
    s2.stop()  # s2's client says goodbye
    s2.join()
    ok = s1.timed_out and not s2.timed_out
    print("ok" if ok else "unexpected")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

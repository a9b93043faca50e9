#!/usr/bin/env python3
# gst-idlewatchdog: the library from Python, through GObject introspection
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run by `meson test --suite python` with GI_TYPELIB_PATH and
# LD_LIBRARY_PATH pointing at build/src and GST_PLUGIN_PATH_1_0 at build/gst
# (the real idlewatchdog element). Sessions run in real time with short
# watchdog timeouts; the waits are bounded (they fail, never hang).

import gc
import os
import time
import unittest

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstIdleWatchdog", "1.0")
from gi.repository import GLib, Gst, GstIdleWatchdog  # noqa: E402

Gst.init(None)
# GStreamer's streaming threads come from GLib's shared pool, which keeps
# up to two idle ones around: keep none, so thread counts do not drift
GLib.ThreadPool.set_max_unused_threads(0)

SILENT = ("appsrc is-live=true ! idlewatchdog name=wd timeout=50 "
          "session-id={id} ! fakesink async=false")
FOREVER = ("appsrc is-live=true ! idlewatchdog timeout=60000 "
           "session-id={id} ! fakesink async=false")
ENDS_WITH_EOS = "fakesrc num-buffers=3 ! idlewatchdog ! fakesink"
ENDS_WITH_ERROR = "filesrc location=/nonexistent/iwd-py ! idlewatchdog ! fakesink"

End = GstIdleWatchdog.SessionEnd


def thread_count():
    return len(os.listdir("/proc/self/task"))


def settled_threads(expected, seconds=10):
    """The thread count, once it is down to `expected` (or the time is up)"""
    deadline = time.monotonic() + seconds
    n = thread_count()
    while n > expected and time.monotonic() < deadline:
        time.sleep(0.01)
        n = thread_count()
    return n


def iterate_until(context, predicate, seconds=10):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        if not context.iteration(False):
            time.sleep(0.001)
    while context.iteration(False):
        pass
    return predicate()


def run_session(cause, flags=GstIdleWatchdog.SessionFlags.REQUIRE_WATCHDOG,
                drop_reference=False):
    """Runs a session of four pipelines (a video and an audio producer, a
    video and an audio streaming pipeline) whose last pipeline ends it by
    `cause`; returns what its `ended` signal got"""
    context = GLib.MainContext.new()
    session = GstIdleWatchdog.Session(id="py-" + cause, flags=flags,
                                      context=context,
                                      stop_timeout=200 * Gst.MSECOND)
    last = {"timeout": SILENT, "eos": ENDS_WITH_EOS,
            "error": ENDS_WITH_ERROR, "stop": FOREVER}[cause]
    names = ["video-producer", "audio-producer", "video-stream",
             "audio-stream"]
    for i, name in enumerate(names):
        desc = (last if i == 3 else FOREVER).format(id=session.props.id)
        assert session.add_description(name, desc) == i
    got = {}

    def on_ended(s, result):
        got["end"] = result.end
        got["pipeline"] = result.pipeline_name
        got["reason"] = result.timeout.reason
        got["error"] = result.error
        got["joined"] = s.join() is not None

    session.connect("ended", on_ended)
    session.start()
    if cause == "stop":
        session.stop()
    if drop_reference:
        # a garbage-collected binding may drop its last reference: the
        # running session keeps itself alive and still ends
        del session
        gc.collect()
    assert iterate_until(context, lambda: "end" in got), "no ended signal"
    return got


class Messages(unittest.TestCase):
    def test_timeout_message_round_trip(self):
        info = GstIdleWatchdog.Timeout()
        info.reason = GstIdleWatchdog.Reason.SWITCH
        info.silence = 3 * Gst.SECOND
        info.timeout = 2 * Gst.SECOND
        info.buffers = 42
        info.last_pts = Gst.CLOCK_TIME_NONE
        info.media_type = "video/x-raw"
        info.session_id = "user-42"
        info.switch_element = "src"
        info.switch_target = "producer-7"
        msg = GstIdleWatchdog.message_new_timeout(None, info)
        self.assertTrue(GstIdleWatchdog.message_is_timeout(msg))
        self.assertFalse(GstIdleWatchdog.message_is_resumed(msg))
        ok, got = GstIdleWatchdog.message_parse_timeout(msg)
        self.assertTrue(ok)
        self.assertEqual(got.reason, GstIdleWatchdog.Reason.SWITCH)
        self.assertEqual(got.silence, 3 * Gst.SECOND)
        self.assertEqual(got.timeout, 2 * Gst.SECOND)
        self.assertEqual(got.buffers, 42)
        self.assertEqual(got.last_pts, Gst.CLOCK_TIME_NONE)
        self.assertEqual(got.media_type, "video/x-raw")
        self.assertEqual(got.session_id, "user-42")
        self.assertEqual(got.switch_element, "src")
        self.assertEqual(got.switch_target, "producer-7")
        self.assertEqual(GstIdleWatchdog.message_get_session_id(msg),
                         "user-42")
        self.assertEqual(GstIdleWatchdog.reason_to_string(got.reason),
                         "switch")

    def test_timeout_message_from_a_structure(self):
        s = Gst.Structure.new_from_string(
            "idle-watchdog-timeout, reason=(string)no-listeners, "
            "silence=(guint64)7, timeout=(guint64)5, buffers=(guint64)0, "
            "last-pts=(guint64)9, media-type=(string)\"\"")
        ok, got = GstIdleWatchdog.message_parse_timeout(
            Gst.Message.new_element(None, s))
        self.assertTrue(ok)
        self.assertEqual(got.reason, GstIdleWatchdog.Reason.NO_LISTENERS)
        self.assertEqual(got.media_type, "")
        self.assertIsNone(got.session_id)

    def test_malformed_timeout_is_refused(self):
        s = Gst.Structure.new_from_string(
            "idle-watchdog-timeout, reason=(string)bored")
        ok, _ = GstIdleWatchdog.message_parse_timeout(
            Gst.Message.new_element(None, s))
        self.assertFalse(ok)

    def test_resumed_message(self):
        msg = GstIdleWatchdog.message_new_resumed(None, 5 * Gst.SECOND, "s1")
        self.assertTrue(GstIdleWatchdog.message_is_resumed(msg))
        ok, silence, session_id = GstIdleWatchdog.message_parse_resumed(msg)
        self.assertEqual((ok, silence, session_id), (True, 5 * Gst.SECOND,
                                                     "s1"))

    def test_switch_message(self):
        msg = GstIdleWatchdog.message_new_switch(None, "src", "listen-to",
                                                 "producer-2", None)
        self.assertTrue(GstIdleWatchdog.message_is_switch(msg))
        ok, element, prop, target, session_id = \
            GstIdleWatchdog.message_parse_switch(msg)
        self.assertEqual((ok, element, prop, target, session_id),
                         (True, "src", "listen-to", "producer-2", None))

    def test_other_messages_are_not_watchdog_messages(self):
        msg = Gst.Message.new_eos(None)
        self.assertFalse(GstIdleWatchdog.message_is_timeout(msg))
        self.assertIsNone(GstIdleWatchdog.message_get_session_id(msg))

    def test_enums_are_registered(self):
        self.assertEqual(GstIdleWatchdog.session_end_to_string(End.EOS),
                         "eos")
        self.assertEqual(GstIdleWatchdog.Action.EOS.value_nick, "eos")
        self.assertEqual(
            GstIdleWatchdog.SessionFlags.REPORT_TIMEOUTS.first_value_nick,
            "report-timeouts")


class Sessions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # GStreamer's own one-time threads (the system clock) exist after a
        # first session
        run_session("eos")
        gc.collect()
        cls.baseline = settled_threads(0, seconds=1)

    def assert_threads_back(self):
        gc.collect()
        self.assertLessEqual(settled_threads(self.baseline), self.baseline)

    def test_timeout_ends_session(self):
        got = run_session("timeout")
        self.assertEqual(got["end"], End.TIMEOUT)
        self.assertEqual(got["pipeline"], "audio-stream")
        self.assertEqual(got["reason"], GstIdleWatchdog.Reason.STARTUP)
        self.assertTrue(got["joined"])
        self.assert_threads_back()

    def test_error_ends_session(self):
        got = run_session("error")
        self.assertEqual(got["end"], End.ERROR)
        self.assertEqual(got["error"].domain, "gst-resource-error-quark")
        self.assert_threads_back()

    def test_eos_ends_session(self):
        got = run_session("eos")
        self.assertEqual(got["end"], End.EOS)
        self.assertEqual(got["pipeline"], "audio-stream")
        self.assert_threads_back()

    def test_stop_ends_session(self):
        got = run_session("stop")
        self.assertEqual(got["end"], End.STOPPED)
        self.assertIsNone(got["pipeline"])
        self.assert_threads_back()

    def test_dropped_reference_does_not_stop_a_running_session(self):
        got = run_session("timeout", drop_reference=True)
        self.assertEqual(got["end"], End.TIMEOUT)
        self.assert_threads_back()

    def test_report_only_session_forwards_timeout_and_resumed(self):
        context = GLib.MainContext.new()
        session = GstIdleWatchdog.Session(
            id="s1", context=context,
            flags=GstIdleWatchdog.SessionFlags.REPORT_TIMEOUTS)
        session.add_description(
            None, "appsrc name=src is-live=true caps=application/x-idw ! "
            "idlewatchdog timeout=50 session-id=s1 ! fakesink async=false")
        seen = {"timeout": [], "resumed": []}
        session.connect("timeout", lambda s, i, m: seen["timeout"].append(
            GstIdleWatchdog.message_parse_timeout(m)[1].reason))
        session.connect("resumed", lambda s, i, m: seen["resumed"].append(
            GstIdleWatchdog.message_parse_resumed(m)[1]))
        session.start()
        self.assertTrue(iterate_until(context, lambda: seen["timeout"]))
        self.assertFalse(session.is_ended())
        src = session.get_pipeline(0).get_by_name("src")
        self.assertEqual(src.emit("push-buffer", Gst.Buffer.new()),
                         Gst.FlowReturn.OK)
        self.assertTrue(iterate_until(context, lambda: seen["resumed"]))
        self.assertEqual(seen["timeout"][0], GstIdleWatchdog.Reason.STARTUP)
        self.assertGreaterEqual(seen["resumed"][0], 50 * Gst.MSECOND)
        session.stop()
        self.assertEqual(session.join().end, End.STOPPED)

    def test_misuse_is_refused_with_an_error(self):
        session = GstIdleWatchdog.Session.new("bad", 0)
        pipeline = Gst.parse_launch(ENDS_WITH_EOS)
        bus = pipeline.get_bus()
        bus.add_signal_watch()
        with self.assertRaises(GLib.Error) as cm:
            session.add_pipeline(pipeline)
        self.assertTrue(cm.exception.matches(
            GstIdleWatchdog.SessionError.quark(),
            GstIdleWatchdog.SessionError.BUS_IN_USE))
        bus.remove_signal_watch()
        self.assertEqual(session.add_pipeline(pipeline), 0)
        with self.assertRaises(GLib.Error) as cm:
            session.add_pipeline(pipeline)
        self.assertTrue(cm.exception.matches(
            GstIdleWatchdog.SessionError.quark(),
            GstIdleWatchdog.SessionError.DUPLICATE))
        session.start()
        with self.assertRaises(GLib.Error) as cm:
            session.add_description(None, ENDS_WITH_EOS)
        self.assertTrue(cm.exception.matches(
            GstIdleWatchdog.SessionError.quark(),
            GstIdleWatchdog.SessionError.STATE))
        self.assertEqual(session.join().end, End.EOS)

    def test_manager_counts_sessions(self):
        manager = GstIdleWatchdog.SessionManager.new()
        sessions = []
        for i in range(3):
            s = GstIdleWatchdog.Session.new("m%d" % i, 0)
            s.add_description(None, ENDS_WITH_EOS if i < 2 else FOREVER
                              .format(id="m"))
            manager.add(s)
            s.start()
            sessions.append(s)
        sessions[0].join()
        sessions[1].join()
        self.assertEqual(manager.get_n_alive(), 1)
        manager.stop_all()
        manager.wait_all()
        self.assertEqual(manager.get_n_ended(), 3)
        del manager, sessions
        self.assert_threads_back()



class Metrics(unittest.TestCase):
    CAUSES = {"timeout": "sessions_ended_timeout",
              "error": "sessions_ended_error", "eos": "sessions_ended_eos",
              "stop": "sessions_ended_stopped"}

    def test_sessions_are_counted_by_cause(self):
        before = GstIdleWatchdog.Metrics.get_snapshot()
        for cause in self.CAUSES:
            run_session(cause)
        gc.collect()
        after = GstIdleWatchdog.Metrics.get_snapshot()
        self.assertEqual(after.sessions_started - before.sessions_started, 4)
        self.assertEqual(after.sessions_alive, before.sessions_alive)
        for field in self.CAUSES.values():
            self.assertEqual(getattr(after, field) - getattr(before, field),
                             1, field)
        self.assertEqual(after.get_sessions_ended(End.EOS),
                         after.sessions_ended_eos)
        self.assertEqual(after.threads_started - before.threads_started, 16)
        self.assertEqual(after.threads_joined - before.threads_joined, 16)

    def test_prometheus_text(self):
        text = GstIdleWatchdog.Metrics.render_prometheus()
        now = GstIdleWatchdog.Metrics.get_snapshot()
        lines = text.splitlines()
        self.assertTrue(text.endswith("\n"))
        self.assertIn("# TYPE idlewatchdog_sessions_ended_total counter",
                      lines)
        self.assertIn("idlewatchdog_sessions_started_total %d"
                      % now.sessions_started, lines)
        self.assertIn('idlewatchdog_sessions_ended_total{cause="stopped"} %d'
                      % now.sessions_ended_stopped, lines)
        # the same families, from a snapshot of the caller's
        self.assertEqual([l for l in now.to_prometheus().splitlines()
                          if l.startswith("#")],
                         [l for l in lines if l.startswith("#")])


if __name__ == "__main__":
    unittest.main(verbosity=2)

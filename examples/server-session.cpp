// gst-idlewatchdog example: the server of server-session.c, in C++
// Copyright (C) 2026 The gst-idlewatchdog authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The session runner owns the threads, contexts and loops; the server
// connects to "ended", emitted in its own main context.
//   meson devenv -C build examples/server-session-cpp
#include <gst/gst.h>
#include <gst/idlewatchdog/idlewatchdog.h>

#include <cstdio>
#include <string>
#include <utility>

static const std::string watchdog =
    "idlewatchdog timeout=500 startup-timeout=5000 session-id=";

struct Server {
  GMainLoop *loop = g_main_loop_new(nullptr, FALSE);
  GstIdleWatchdogSession *s2 = nullptr;
  int alive = 0;
  bool ok = true;
};

struct Expected {
  Server *server;
  GstIdleWatchdogSessionEnd end;
};

static GstIdleWatchdogSession *start(Server &server, const std::string &id,
                                     GstIdleWatchdogSessionEnd expected) {
  const std::string wd = watchdog + id;
  const std::pair<const char *, std::string> descriptions[] = {
      {"video-producer", "videotestsrc is-live=true ! video/x-raw,width=160,"
                         "height=120 ! valve name=valve ! " + wd +
                         " ! fakesink sync=false"},
      {"audio-producer", "audiotestsrc is-live=true ! " + wd +
                         " ! fakesink sync=false"},
      {"video-stream", "videotestsrc is-live=true ! video/x-raw,width=160,"
                       "height=120 ! " + wd +
                       " ! jpegenc ! rtpjpegpay ! fakesink sync=false"},
      {"audio-stream", "audiotestsrc is-live=true ! " + wd +
                       " ! mulawenc ! rtppcmupay ! fakesink sync=false"},
  };
  GstIdleWatchdogSession *s = gst_idle_watchdog_session_new(
      id.c_str(), GST_IDLE_WATCHDOG_SESSION_FLAG_REQUIRE_WATCHDOG);
  GError *err = nullptr;

  for (const auto &d : descriptions)
    if (gst_idle_watchdog_session_add_description(s, d.first,
                                                  d.second.c_str(), &err) < 0)
      g_error("%s", err->message);

  auto on_ended = +[](GstIdleWatchdogSession *session,
                      const GstIdleWatchdogSessionResult *r, gpointer data) {
    auto *e = static_cast<Expected *>(data);
    std::printf("%s ended: %s\n", gst_idle_watchdog_session_get_id(session),
                gst_idle_watchdog_session_end_to_string(r->end));
    e->server->ok = e->server->ok && r->end == e->end;
    if (session != e->server->s2)
      gst_idle_watchdog_session_stop(e->server->s2);
    if (--e->server->alive == 0)
      g_main_loop_quit(e->server->loop);
  };
  g_signal_connect_data(s, "ended", G_CALLBACK(on_ended),
                        new Expected{&server, expected},
                        [](gpointer data, GClosure *) {
                          delete static_cast<Expected *>(data);
                        }, GConnectFlags(0));
  if (!gst_idle_watchdog_session_start(s, &err))
    g_error("%s", err->message);
  server.alive++;
  return s;
}

int main(int argc, char **argv) {
  gst_init(&argc, &argv);
  Server server;
  GstIdleWatchdogSession *s1 =
      start(server, "s1", GST_IDLE_WATCHDOG_SESSION_END_TIMEOUT);
  server.s2 = start(server, "s2", GST_IDLE_WATCHDOG_SESSION_END_STOPPED);

  // s1's capture stalls after 0.7 s
  g_timeout_add_full(G_PRIORITY_DEFAULT, 700, [](gpointer s) -> gboolean {
    GstElement *p = gst_idle_watchdog_session_get_pipeline(
        static_cast<GstIdleWatchdogSession *>(s), 0);
    GstElement *valve = gst_bin_get_by_name(GST_BIN(p), "valve");
    g_object_set(valve, "drop", TRUE, nullptr);
    gst_object_unref(valve);
    gst_object_unref(p);
    return G_SOURCE_REMOVE;
  }, s1, g_object_unref);  // the timer holds the server's reference

  g_main_loop_run(server.loop);
  g_object_unref(server.s2);
  g_main_loop_unref(server.loop);
  std::printf("%s\n", server.ok ? "ok" : "unexpected");
  return server.ok ? 0 : 1;
}

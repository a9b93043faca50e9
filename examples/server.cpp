// gst-idlewatchdog example: the server of server.c, in C++
// Copyright (C) 2026 The gst-idlewatchdog authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Each pipeline runs in its own std::thread with its own GMainContext and
// GMainLoop and quits its loop on ERROR or EOS; the lines marked
// "idlewatchdog:" are what the watchdog adds. Session s1's video producer
// stalls after 0.7 s and its watchdog ends s1; s2 is then ended by the
// server.   meson devenv -C build examples/server-cpp
#include <gst/gst.h>
#include <gst/idlewatchdog/idlewatchdog.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

// idlewatchdog: in each pipeline, where the data of that pipeline flows
static const std::string watchdog =
    "idlewatchdog timeout=500 startup-timeout=5000 session-id=";

struct Session;

struct Pipeline {
  Session *session = nullptr;
  std::string name;
  GstElement *pipeline = nullptr;
  GMainContext *context = nullptr;
  GMainLoop *loop = nullptr;
  std::thread thread;
};

struct Session {
  std::string id;
  std::array<Pipeline, 4> pipelines;
  std::atomic<bool> timed_out{false};

  // any thread: every pipeline quits its loop
  void stop() {
    for (auto &p : pipelines) {
      GSource *source = g_idle_source_new();
      g_source_set_callback(source, [](gpointer loop) -> gboolean {
        g_main_loop_quit(static_cast<GMainLoop *>(loop));
        return G_SOURCE_REMOVE;
      }, p.loop, nullptr);
      g_source_attach(source, p.context);
      g_source_unref(source);
    }
  }
};

static gboolean on_message(GstBus *, GstMessage *msg, gpointer data) {
  auto *p = static_cast<Pipeline *>(data);
  GstIdleWatchdogTimeout t;

  switch (GST_MESSAGE_TYPE(msg)) {
    case GST_MESSAGE_ERROR:
    case GST_MESSAGE_EOS:
      g_main_loop_quit(p->loop);
      break;
    case GST_MESSAGE_ELEMENT:
      // idlewatchdog: the stream went silent: this pipeline is done
      if (gst_idle_watchdog_message_parse_timeout(msg, &t)) {
        std::printf("%s/%s: silent (%s)\n", t.session_id, p->name.c_str(),
                    gst_idle_watchdog_reason_to_string(t.reason));
        p->session->timed_out = true;
        g_main_loop_quit(p->loop);
      }
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static void run_pipeline(Pipeline *p) {
  GstBus *bus = gst_element_get_bus(p->pipeline);

  g_main_context_push_thread_default(p->context);
  gst_bus_add_watch(bus, on_message, p);
  gst_element_set_state(p->pipeline, GST_STATE_PLAYING);
  g_main_loop_run(p->loop);
  gst_element_set_state(p->pipeline, GST_STATE_NULL);
  gst_bus_remove_watch(bus);
  gst_object_unref(bus);
  g_main_context_pop_thread_default(p->context);
  p->session->stop();  // one pipeline is down: the whole session goes
}

static void start(Session &s, const std::string &id) {
  const std::string wd = watchdog + id;
  const std::array<std::pair<const char *, std::string>, 4> descriptions{{
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
  }};

  s.id = id;
  for (size_t i = 0; i < s.pipelines.size(); i++) {
    Pipeline &p = s.pipelines[i];
    p.session = &s;
    p.name = descriptions[i].first;
    p.pipeline = gst_parse_launch(descriptions[i].second.c_str(), nullptr);
    g_assert(p.pipeline != nullptr);
    p.context = g_main_context_new();
    p.loop = g_main_loop_new(p.context, FALSE);
  }
  for (auto &p : s.pipelines)
    p.thread = std::thread(run_pipeline, &p);
}

static void join(Session &s) {
  // every thread first: each one that returns stops the others through
  // their contexts, which must be there until the last one has returned
  for (auto &p : s.pipelines)
    p.thread.join();
  for (auto &p : s.pipelines) {
    gst_object_unref(p.pipeline);
    g_main_loop_unref(p.loop);
    g_main_context_unref(p.context);
  }
  std::printf("%s: all pipelines stopped, threads joined\n", s.id.c_str());
}

int main(int argc, char **argv) {
  gst_init(&argc, &argv);
  Session s1, s2;
  start(s1, "s1");
  start(s2, "s2");

  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  // s1's capture stalls; nothing else tells the server
  GstElement *valve =
      gst_bin_get_by_name(GST_BIN(s1.pipelines[0].pipeline), "valve");
  g_object_set(valve, "drop", TRUE, nullptr);
  gst_object_unref(valve);
  join(s1);

  s2.stop();  // s2's client says goodbye
  join(s2);

  const bool ok = s1.timed_out && !s2.timed_out;
  std::printf("%s\n", ok ? "ok" : "unexpected");
  return ok ? 0 : 1;
}

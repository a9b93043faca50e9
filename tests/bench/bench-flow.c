/* gst-idlewatchdog benchmarks: thousands of elements while data flows
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One run: n elements in ceil(n / chain) live pipelines, each
 *   fakesrc is-live=true sync=true datarate=<fps> sizetype=fixed sizemax=1
 *     filltype=nothing format=time !
 *   chain x element [timeout=<timeout_ms>] ! fakesink
 * (<fps> one-byte buffers a second, paced by the clock; source=videotestsrc
 * puts videotestsrc is-live=true ! video/x-raw,GRAY8,2x2,<fps>/1 in front
 * instead, which costs two file descriptors per pipeline)
 * (chain=1 is the normal setup: one element per pipeline). All pipelines
 * share one bus without a poll (no file descriptors per pipeline) and one
 * sync handler, which counts the timeouts per element and drops every
 * message.
 *
 * Measured, in this order:
 * - build_ms, and play_ms: from the first set_state (PLAYING) to the last
 *   pipeline's get_state returning PLAYING. Bounded by play_timeout_s: past
 *   it the run prints play_gave_up, how many pipelines made it, and exits 0
 *   without tearing down (that could hang as long again).
 * - after warmup_ms: threads, fds and resident memory added (after - before
 *   building);
 * - over window_ms: CPU of the whole process and of the GStreamer clock
 *   thread (the threads named GstSystemClock*), as % of one core; at each
 *   fakesink (a sink pad probe, one writer per pipeline, no lock) the
 *   largest gap between consecutive buffers beyond the nominal period, for
 *   the pipelines that were not stopped;
 * - at stop_at_ms into the window, stop_permille of the pipelines (spread
 *   evenly) stop passing data: a probe in front of the first element drops
 *   every buffer from then on, and records when it let the last one through.
 *   Each of their elements must post exactly one timeout; lateness = bus
 *   time (sync handler) - (last buffer let through + timeout). Timeouts of
 *   elements in healthy pipelines are false timeouts (from PLAYING on);
 *   false_timeouts_fresh counts those that came less than the timeout after
 *   a buffer had passed into the element (a wrong timeout, rather than a
 *   source really starved by the load), false_timeouts_before_window those
 *   that came before the window (while starting up or warming up).
 * - stop_ms: set_state (NULL) and unref of every pipeline, bounded by
 *   teardown_timeout_s (teardown_gave_up, teardown_done past it).
 *
 * Each pipeline has a streaming thread (and with videotestsrc two file
 * descriptors, the GstPoll of its buffer pool): the process raises its own
 * RLIMIT_NOFILE as far as it may (past the hard limit only when it is
 * privileged) and refuses (exit 2) a run that needs more descriptors or
 * more threads than it has room for.
 */
#include "bench-sections.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "idlewatchdog-message.h"

typedef struct
{
  GstElement *pipeline;
  atomic_bool stop;             /* main thread: drop from now on */
  atomic_uint_fast64_t last_pass_ns;    /* front probe: last buffer let on */
  atomic_uint_fast64_t last_sink_ns;    /* sink probe (the only writer) */
  atomic_uint_fast64_t max_gap_ns;      /* sink probe, inside the window */
  atomic_uint window_buffers;
  guint first;                  /* its first element in elems[] */
  guint chain;
} Pipe;

typedef struct
{
  Pipe *pipe;
  atomic_uint timeouts;
  atomic_uint_fast64_t first_ns;        /* bus time of the first one */
  atomic_uint_fast64_t silence_ns;      /* its silence field */
  atomic_uint_fast64_t quiet_ns;        /* then, since the last buffer */
} Elem;

static GQuark elem_quark;
static BenchVariant variant;
static atomic_bool window_on;
static atomic_uint stray_timeouts;      /* from no element of ours */
static atomic_uint other_reasons;

/* ------------------------------------------------------------------------ */
/* A phase that must end in time, or the run reports and exits */

static struct
{
  GMutex lock;
  GCond cond;
  const gchar *phase;           /* NULL: disarmed */
  gint64 deadline;              /* g_get_monotonic_time () */
  guint64 t0;
  atomic_uint *done;
  guint total;
} guard;

static gpointer
guard_thread (gpointer data)
{
  g_mutex_lock (&guard.lock);
  for (;;) {
    gchar *k;

    if (guard.phase == NULL) {
      g_cond_wait (&guard.cond, &guard.lock);
      continue;
    }
    if (g_get_monotonic_time () < guard.deadline) {
      g_cond_wait_until (&guard.cond, &guard.lock, guard.deadline);
      continue;
    }
    g_printerr ("idlewatchdog-bench: %s: gave up after %.1f s, %u of %u "
        "pipelines done\n", guard.phase, (bench_now_ns () - guard.t0) / 1e9,
        atomic_load (guard.done), guard.total);
    k = g_strdup_printf ("%s_gave_up", guard.phase);
    bench_emit (k, 1);
    g_free (k);
    k = g_strdup_printf ("%s_done", guard.phase);
    bench_emit (k, atomic_load (guard.done));
    g_free (k);
    k = g_strdup_printf ("%s_gave_up_ms", guard.phase);
    bench_emit (k, (bench_now_ns () - guard.t0) / 1e6);
    g_free (k);
    fflush (stdout);
    _exit (0);
  }
  return NULL;
}

static void
guard_arm (const gchar * phase, guint timeout_s, atomic_uint * done,
    guint total)
{
  g_mutex_lock (&guard.lock);
  guard.phase = phase;
  guard.t0 = bench_now_ns ();
  guard.deadline = g_get_monotonic_time () +
      (gint64) timeout_s * G_TIME_SPAN_SECOND;
  guard.done = done;
  guard.total = total;
  g_cond_signal (&guard.cond);
  g_mutex_unlock (&guard.lock);
}

static void
guard_disarm (void)
{
  g_mutex_lock (&guard.lock);
  guard.phase = NULL;
  g_cond_signal (&guard.cond);
  g_mutex_unlock (&guard.lock);
}

/* ------------------------------------------------------------------------ */

static GstPadProbeReturn
on_front_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Pipe *p = user_data;

  if (atomic_load_explicit (&p->stop, memory_order_relaxed))
    return GST_PAD_PROBE_DROP;
  atomic_store_explicit (&p->last_pass_ns, bench_now_ns (),
      memory_order_relaxed);
  return GST_PAD_PROBE_OK;
}

static GstPadProbeReturn
on_sink_buffer (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  Pipe *p = user_data;
  guint64 now = bench_now_ns ();
  guint64 last = atomic_load_explicit (&p->last_sink_ns, memory_order_relaxed);

  if (atomic_load_explicit (&window_on, memory_order_relaxed)) {
    if (last && now - last > atomic_load_explicit (&p->max_gap_ns,
            memory_order_relaxed))
      atomic_store_explicit (&p->max_gap_ns, now - last, memory_order_relaxed);
    atomic_fetch_add_explicit (&p->window_buffers, 1, memory_order_relaxed);
  }
  atomic_store_explicit (&p->last_sink_ns, now, memory_order_relaxed);
  return GST_PAD_PROBE_OK;
}

static GstBusSyncReply
on_message (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  gboolean hit = FALSE;
  guint64 silence = 0;

  if (variant == BENCH_IDLEWATCHDOG &&
      gst_idle_watchdog_message_is_timeout (msg)) {
    GstIdleWatchdogTimeout info;

    if (gst_idle_watchdog_message_parse_timeout (msg, &info)) {
      hit = TRUE;
      silence = info.silence;
      if (info.reason != GST_IDLE_WATCHDOG_REASON_SILENCE)
        atomic_fetch_add (&other_reasons, 1);
    }
  } else if (variant == BENCH_WATCHDOG &&
      GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    hit = TRUE;
  }
  if (hit) {
    guint64 now = bench_now_ns ();
    Elem *e = GST_MESSAGE_SRC (msg) ?
        g_object_get_qdata (G_OBJECT (GST_MESSAGE_SRC (msg)), elem_quark) :
        NULL;

    if (e == NULL) {
      atomic_fetch_add (&stray_timeouts, 1);
    } else if (atomic_fetch_add (&e->timeouts, 1) == 0) {
      guint64 last = atomic_load (&e->pipe->last_pass_ns);

      atomic_store (&e->first_ns, now);
      atomic_store (&e->silence_ns, silence);
      atomic_store (&e->quiet_ns, now > last ? now - last : 0);
    }
  }
  /* a handler that drops a message owns it */
  gst_message_unref (msg);
  return GST_BUS_DROP;
}

static void
make_pipe (Pipe * p, Elem * elems, guint index, gboolean video, guint fps,
    guint timeout_ms, const gchar * props, GstBus * bus)
{
  gchar *name = g_strdup_printf ("flow%u", index);
  GstElement *src, *filter, *prev, *sink;
  GstCaps *caps;
  GstPad *pad;
  guint i;

  p->pipeline = gst_pipeline_new (name);
  g_free (name);
  gst_element_set_bus (p->pipeline, bus);
  if (video) {
    src = bench_make ("videotestsrc", NULL);
    g_object_set (src, "is-live", TRUE, NULL);
    gst_util_set_object_arg (G_OBJECT (src), "pattern", "black");
    filter = bench_make ("capsfilter", NULL);
    caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING,
        "GRAY8", "width", G_TYPE_INT, 2, "height", G_TYPE_INT, 2,
        "framerate", GST_TYPE_FRACTION, fps, 1, NULL);
    g_object_set (filter, "caps", caps, NULL);
    gst_caps_unref (caps);
    gst_bin_add_many (GST_BIN (p->pipeline), src, filter, NULL);
    bench_link (src, filter);
  } else {
    /* one-byte buffers, timestamped from the data rate and paced by the
     * clock: fps buffers/s, no caps, no buffer pool */
    src = filter = bench_make ("fakesrc", NULL);
    g_object_set (src, "is-live", TRUE, "sync", TRUE, "datarate", fps,
        "sizemax", 1, NULL);
    gst_util_set_object_arg (G_OBJECT (src), "sizetype", "fixed");
    gst_util_set_object_arg (G_OBJECT (src), "filltype", "nothing");
    gst_util_set_object_arg (G_OBJECT (src), "format", "time");
    gst_bin_add (GST_BIN (p->pipeline), src);
  }
  sink = bench_make ("fakesink", NULL);
  pad = gst_element_get_static_pad (filter, "src");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_front_buffer, p,
      NULL);
  gst_object_unref (pad);

  prev = filter;
  for (i = 0; i < p->chain; i++) {
    GstElement *e = bench_make_element (variant, NULL);

    if (e == NULL)
      break;
    if (variant == BENCH_IDLEWATCHDOG || variant == BENCH_WATCHDOG)
      g_object_set (e, "timeout", timeout_ms, NULL);
    if (props)
      bench_set_props (e, props);
    elems[i].pipe = p;
    g_object_set_qdata (G_OBJECT (e), elem_quark, &elems[i]);
    gst_bin_add (GST_BIN (p->pipeline), e);
    bench_link (prev, e);
    prev = e;
  }
  gst_bin_add (GST_BIN (p->pipeline), sink);
  bench_link (prev, sink);
  pad = gst_element_get_static_pad (sink, "sink");
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, on_sink_buffer, p, NULL);
  gst_object_unref (pad);
}

static void
emit_stats (const gchar * prefix, GArray * a)
{
  BenchStats st;
  gchar *k;

  if (!bench_stats_compute ((gdouble *) a->data, a->len, &st))
    return;
  k = g_strdup_printf ("%s_median_ms", prefix);
  bench_emit (k, st.median);
  g_free (k);
  k = g_strdup_printf ("%s_p99_ms", prefix);
  bench_emit (k, st.p99);
  g_free (k);
  k = g_strdup_printf ("%s_max_ms", prefix);
  bench_emit (k, st.max);
  g_free (k);
  k = g_strdup_printf ("%s_min_ms", prefix);
  bench_emit (k, st.min);
  g_free (k);
}

static guint64
threads_cpu_ns (GArray * tids)
{
  guint64 sum = 0;
  guint i;

  for (i = 0; i < tids->len; i++)
    sum += bench_thread_cpu_ns (g_array_index (tids, gint, i));
  return sum;
}

gint
bench_flow_main (gint argc, gchar ** argv)
{
  guint n = bench_arg_uint (argc, argv, "n", 1000);
  guint chain = bench_arg_uint (argc, argv, "chain", 1);
  guint fps = bench_arg_uint (argc, argv, "fps", 2);
  guint timeout_ms = bench_arg_uint (argc, argv, "timeout_ms", 2000);
  guint warmup_ms = bench_arg_uint (argc, argv, "warmup_ms", 2000);
  guint window_ms = bench_arg_uint (argc, argv, "window_ms", 10000);
  guint stop_at_ms = bench_arg_uint (argc, argv, "stop_at_ms", 2000);
  guint stop_permille = bench_arg_uint (argc, argv, "stop_permille", 10);
  guint grace_ms = bench_arg_uint (argc, argv, "grace_ms", 5000);
  guint play_timeout_s = bench_arg_uint (argc, argv, "play_timeout_s", 120);
  guint teardown_timeout_s = bench_arg_uint (argc, argv,
      "teardown_timeout_s", 120);
  const gchar *props = bench_arg_str (argc, argv, "props");
  const gchar *source = bench_arg_str (argc, argv, "source");
  gboolean video = g_strcmp0 (source, "videotestsrc") == 0;
  guint npipes, nelems, nstop, i, k;
  guint64 room, nofile, period_ns, limit_ns, t0, t1, wall0, wall1, cpu0, cpu1;
  guint64 clk0, clk1, t_stop = 0, t_window_end, expected_buffers = 0;
  gint threads0, fds0;
  gint64 rss0;
  GstBus *bus;
  Pipe *pipes;
  Elem *elems;
  GArray *clock_tids, *stalls, *late, *over;
  atomic_uint done = 0;
  guint false_fresh = 0, false_before = 0;
  guint stalled = 0, false_to = 0, early = 0, dup = 0, missing = 0;
  guint got = 0, expected = 0, healthy = 0;
  guint64 window_buffers = 0;

  variant = bench_arg_variant (argc, argv);
  if (n < 1 || n > 1000000 || chain < 1 || fps < 1 || fps > 1000 ||
      window_ms < 500 || stop_permille > 1000) {
    g_printerr ("idlewatchdog-bench: n must be 1..1000000, chain >= 1, fps "
        "1..1000, window_ms >= 500, stop_permille 0..1000\n");
    return 2;
  }
  if (variant == BENCH_BARE)
    chain = 1;
  npipes = (n + chain - 1) / chain;
  nelems = variant == BENCH_BARE ? 0 : n;
  room = bench_threads_room ();
  /* a streaming thread per pipeline, and watchdog's own per element */
  if (npipes + (variant == BENCH_WATCHDOG ? n : 0) > room) {
    g_printerr ("idlewatchdog-bench: %u pipelines%s need more threads than "
        "the machine has room for now (%" G_GUINT64_FORMAT ")\n", npipes,
        variant == BENCH_WATCHDOG ? " of watchdogs" : "", room);
    return 2;
  }
  if (source && !video && strcmp (source, "fakesrc") != 0) {
    g_printerr ("idlewatchdog-bench: source must be fakesrc or "
        "videotestsrc\n");
    return 2;
  }
  /* videotestsrc's buffer pool holds a socket pair (its GstPoll) */
  nofile = bench_raise_nofile ((video ? 2 : 0) * (guint64) npipes + 1024);
  if (video && nofile < 2 * (guint64) npipes + 256) {
    g_printerr ("idlewatchdog-bench: %u pipelines need about %u file "
        "descriptors, and RLIMIT_NOFILE is %" G_GUINT64_FORMAT " (raise the "
        "hard limit: ulimit -Hn, or use source=fakesrc)\n", npipes,
        2 * npipes + 256, nofile);
    return 2;
  }
  elem_quark = g_quark_from_static_string ("idlewatchdog-bench-flow");
  period_ns = GST_SECOND / fps;
  limit_ns = (guint64) timeout_ms * GST_MSECOND;

  g_mutex_init (&guard.lock);
  g_cond_init (&guard.cond);
  g_thread_unref (g_thread_new ("bench-guard", guard_thread, NULL));

  /* one bus, no poll: no descriptors and no queue per pipeline */
  bus = g_object_new (GST_TYPE_BUS, "enable-async", FALSE, NULL);
  gst_object_ref_sink (bus);
  gst_bus_set_sync_handler (bus, on_message, NULL, NULL);

  threads0 = bench_proc_threads ();
  rss0 = bench_proc_rss_kib ();
  fds0 = bench_proc_fds ();

  pipes = g_new0 (Pipe, npipes);
  elems = g_new0 (Elem, MAX (nelems, 1));
  t0 = bench_now_ns ();
  for (i = 0, k = 0; i < npipes; i++) {
    /* spread the remainder so that exactly n elements exist */
    pipes[i].chain = variant == BENCH_BARE ? 0 :
        n / npipes + (i < n % npipes ? 1 : 0);
    pipes[i].first = k;
    make_pipe (&pipes[i], elems + k, i, video, fps, timeout_ms, props, bus);
    k += pipes[i].chain;
  }
  t1 = bench_now_ns ();
  bench_emit ("pipelines", npipes);
  bench_emit ("elements", nelems);
  bench_emit ("nofile_limit", nofile);
  bench_emit ("build_ms", (t1 - t0) / 1e6);

  guard_arm ("play", play_timeout_s, &done, npipes);
  t0 = bench_now_ns ();
  for (i = 0; i < npipes; i++) {
    if (gst_element_set_state (pipes[i].pipeline, GST_STATE_PLAYING) ==
        GST_STATE_CHANGE_FAILURE) {
      g_printerr ("idlewatchdog-bench: pipeline %u failed to start\n", i);
      fflush (stdout);
      _exit (3);
    }
  }
  for (i = 0; i < npipes; i++) {
    GstState state;

    if (gst_element_get_state (pipes[i].pipeline, &state, NULL,
            GST_CLOCK_TIME_NONE) == GST_STATE_CHANGE_FAILURE ||
        state != GST_STATE_PLAYING) {
      g_printerr ("idlewatchdog-bench: pipeline %u is not PLAYING\n", i);
      fflush (stdout);
      _exit (3);
    }
    atomic_fetch_add (&done, 1);
  }
  t1 = bench_now_ns ();
  guard_disarm ();
  bench_emit ("play_ms", (t1 - t0) / 1e6);

  bench_sleep_ms (warmup_ms);
  bench_emit ("threads", bench_proc_threads () - threads0);
  bench_emit ("fds", bench_proc_fds () - fds0);
  bench_emit ("rss_kib", (gdouble) (bench_proc_rss_kib () - rss0));

  /* the stopped pipelines, spread evenly */
  nstop = (guint) (((guint64) npipes * stop_permille + 999) / 1000);
  if (stop_permille == 0 || variant == BENCH_BARE)
    nstop = 0;

  clock_tids = bench_threads_named ("GstSystemClock");
  bench_emit ("clock_threads", clock_tids->len);
  clk0 = threads_cpu_ns (clock_tids);
  cpu0 = bench_cpu_ns ();
  wall0 = bench_now_ns ();
  atomic_store (&window_on, TRUE);
  if (nstop > 0) {
    bench_sleep_ms (MIN (stop_at_ms, window_ms));
    t_stop = bench_now_ns ();
    for (i = 0; i < nstop; i++)
      atomic_store (&pipes[(guint64) i * npipes / nstop].stop, TRUE);
  }
  t_window_end = wall0 + (guint64) window_ms * GST_MSECOND;
  t1 = bench_now_ns ();
  if (t1 < t_window_end)
    g_usleep ((t_window_end - t1) / 1000);
  atomic_store (&window_on, FALSE);
  wall1 = bench_now_ns ();
  cpu1 = bench_cpu_ns ();
  clk1 = threads_cpu_ns (clock_tids);
  bench_emit ("window_ms", (wall1 - wall0) / 1e6);
  bench_emit ("cpu_pct", 100.0 * (cpu1 - cpu0) / (gdouble) (wall1 - wall0));
  bench_emit ("clock_cpu_pct", 100.0 * (clk1 - clk0) /
      (gdouble) (wall1 - wall0));

  /* stalls of the healthy pipelines; a gap still open counts as well */
  stalls = g_array_new (FALSE, FALSE, sizeof (gdouble));
  for (i = 0; i < npipes; i++) {
    Pipe *p = &pipes[i];
    guint64 gap = atomic_load (&p->max_gap_ns);
    guint64 last = atomic_load (&p->last_sink_ns);
    gdouble stall;

    if (atomic_load (&p->stop))
      continue;
    healthy++;
    if (last && wall1 > last && wall1 - last > gap)
      gap = wall1 - last;
    stall = gap > period_ns ? (gap - period_ns) / 1e6 : 0;
    g_array_append_val (stalls, stall);
    if (stall > 100)
      stalled++;
    window_buffers += atomic_load (&p->window_buffers);
  }
  expected_buffers = (guint64) healthy * (wall1 - wall0) / period_ns;
  bench_emit ("healthy_pipelines", healthy);
  bench_emit ("buffers_ratio", expected_buffers ?
      (gdouble) window_buffers / expected_buffers : NAN);
  emit_stats ("stall", stalls);
  bench_emit ("stalled_100ms", stalled);
  g_array_unref (stalls);

  if (variant == BENCH_IDLEWATCHDOG || variant == BENCH_WATCHDOG) {
    /* the stopped ones get until their deadline plus grace_ms */
    for (i = 0; i < npipes; i++)
      if (atomic_load (&pipes[i].stop))
        expected += pipes[i].chain;
    if (expected) {
      guint64 until = t_stop + limit_ns + (guint64) grace_ms * GST_MSECOND;

      for (;;) {
        got = 0;
        for (i = 0; i < npipes; i++) {
          if (!atomic_load (&pipes[i].stop))
            continue;
          for (k = 0; k < pipes[i].chain; k++)
            if (atomic_load (&elems[pipes[i].first + k].timeouts))
              got++;
        }
        if (got >= expected || bench_now_ns () >= until)
          break;
        bench_sleep_ms (50);
      }
    }
    /* and the healthy ones as long, for a false timeout to show */
    late = g_array_new (FALSE, FALSE, sizeof (gdouble));
    over = g_array_new (FALSE, FALSE, sizeof (gdouble));
    for (i = 0; i < npipes; i++) {
      Pipe *p = &pipes[i];
      gboolean stopped = atomic_load (&p->stop);
      guint64 last = atomic_load (&p->last_pass_ns);

      for (k = 0; k < p->chain; k++) {
        Elem *e = &elems[p->first + k];
        guint to = atomic_load (&e->timeouts);

        if (!stopped) {
          false_to += to;
          /* was it starved in fact, or had a buffer passed within the
           * timeout before it came? */
          if (to && atomic_load (&e->quiet_ns) < limit_ns)
            false_fresh++;
          if (to && atomic_load (&e->first_ns) < wall0)
            false_before++;
        } else if (to == 0) {
          missing++;
        } else {
          gdouble l = ((gdouble) atomic_load (&e->first_ns) -
              (gdouble) (last + limit_ns)) / 1e6;

          dup += to - 1;
          if (l < 0)
            early++;
          g_array_append_val (late, l);
          if (variant == BENCH_IDLEWATCHDOG) {
            l = ((gdouble) atomic_load (&e->silence_ns) -
                (gdouble) limit_ns) / 1e6;
            g_array_append_val (over, l);
          }
        }
      }
    }
    bench_emit ("stopped_pipelines", nstop);
    bench_emit ("expected_timeouts", expected);
    bench_emit ("timeouts_on_time", late->len - early);
    bench_emit ("false_timeouts", false_to);
    bench_emit ("false_timeouts_fresh", false_fresh);
    bench_emit ("false_timeouts_before_window", false_before);
    bench_emit ("early_timeouts", early);
    bench_emit ("duplicate_timeouts", dup);
    bench_emit ("missing_timeouts", missing);
    bench_emit ("stray_timeouts", atomic_load (&stray_timeouts));
    bench_emit ("other_reasons", atomic_load (&other_reasons));
    emit_stats ("late", late);
    emit_stats ("silence_over", over);
    g_array_unref (late);
    g_array_unref (over);
  }
  g_array_unref (clock_tids);

  atomic_store (&done, 0);
  guard_arm ("teardown", teardown_timeout_s, &done, npipes);
  t0 = bench_now_ns ();
  for (i = 0; i < npipes; i++) {
    gst_element_set_state (pipes[i].pipeline, GST_STATE_NULL);
    gst_object_unref (pipes[i].pipeline);
    atomic_fetch_add (&done, 1);
  }
  t1 = bench_now_ns ();
  guard_disarm ();
  bench_emit ("stop_ms", (t1 - t0) / 1e6);

  gst_bus_set_sync_handler (bus, NULL, NULL, NULL);
  gst_object_unref (bus);
  g_free (pipes);
  g_free (elems);
  return 0;
}

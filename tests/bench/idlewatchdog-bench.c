/* gst-idlewatchdog benchmarks: idlewatchdog against bare, identity and
 * gst-plugins-bad's watchdog, side by side in one run
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: idlewatchdog-bench [--quick] [--json FILE] [--doc FILE]
 *            [--sections perbuf,scale,live,timeout,teardown,flow,many,fan]
 *            [--flow-n 1000,5000,10000] [--flow-window MS] [--flow-reps N]
 *            [--flow-play-timeout S] [--many-n N]
 *
 * Runs the sections, prints the summary lines on stdout (progress goes to
 * stderr), writes every sample and its statistics to the JSON file and, with
 * --doc, regenerates the performance report (Markdown) and its SVG plot
 * (written next to it as performance.svg).
 *
 * The plugin under test is found through GST_PLUGIN_PATH (tests/bench/run.sh
 * and the meson benchmark set it to the build tree).
 */
#include "bench-sections.h"
#include "bench-suite.h"

#include <stdlib.h>
#include <string.h>

static gint
child_main (gint argc, gchar ** argv)
{
  static const struct
  {
    const gchar *name;
      gint (*func) (gint argc, gchar ** argv);
  } sections[] = {
    {"perbuf", bench_perbuf_main},
    {"scale", bench_scale_main},
    {"live", bench_live_main},
    {"timeout", bench_timeout_main},
    {"teardown", bench_teardown_main},
    {"switch", bench_switch_main},
    {"flow", bench_flow_main},
    {"fan", bench_fan_main},
  };
  guint i;

  if (argc < 1) {
    g_printerr ("idlewatchdog-bench: --child needs a section\n");
    return 2;
  }
  for (i = 0; i < G_N_ELEMENTS (sections); i++) {
    if (strcmp (argv[0], sections[i].name) == 0)
      return sections[i].func (argc - 1, argv + 1);
  }
  g_printerr ("idlewatchdog-bench: unknown section '%s'\n", argv[0]);
  return 2;
}

static gboolean
wanted (const gchar * sections, const gchar * name)
{
  gchar **list;
  gboolean found;

  if (sections == NULL)
    return TRUE;
  list = g_strsplit (sections, ",", -1);
  found = g_strv_contains ((const gchar * const *) list, name);
  g_strfreev (list);
  return found;
}

gint
main (gint argc, gchar ** argv)
{
  static const gchar *known[] = {
    "perbuf", "scale", "live", "timeout", "teardown", "flow", "many", "fan",
    NULL
  };
  gboolean quick = FALSE;
  gchar *json = NULL, *doc = NULL, *sections = NULL, *flow_n = NULL;
  gint flow_window = -1, flow_reps = -1, flow_play = -1, many_n = -1;
  GOptionEntry entries[] = {
    {"quick", 'q', 0, G_OPTION_ARG_NONE, &quick,
        "Fewer buffers, repetitions and runs (about a minute)", NULL},
    {"json", 0, 0, G_OPTION_ARG_FILENAME, &json,
        "Write every sample and statistic here (default: bench-results.json)",
        "FILE"},
    {"doc", 0, 0, G_OPTION_ARG_FILENAME, &doc,
        "Regenerate this Markdown report, with performance.svg beside it",
        "FILE"},
    {"sections", 0, 0, G_OPTION_ARG_STRING, &sections,
        "Only these (comma-separated): perbuf,scale,live,timeout,teardown,"
          "flow,many,fan", "LIST"},
    {"flow-n", 0, 0, G_OPTION_ARG_STRING, &flow_n,
        "Element counts of the flow section (default 1000,5000,10000; "
          "--quick: 1000)", "LIST"},
    {"flow-window", 0, 0, G_OPTION_ARG_INT, &flow_window,
        "Measuring window of the flow section (default 10000, --quick 5000)",
        "MS"},
    {"flow-reps", 0, 0, G_OPTION_ARG_INT, &flow_reps,
        "Repetitions of the flow section (default 1)", "N"},
    {"flow-play-timeout", 0, 0, G_OPTION_ARG_INT, &flow_play,
        "Give up on a flow run not PLAYING after this (default 180, --quick "
          "60)", "S"},
    {"many-n", 0, 0, G_OPTION_ARG_INT, &many_n,
        "Elements of the many section, in chains of 100 (default 100000, "
          "--quick 10000; 0 skips it)", "N"},
    {NULL}
  };
  GOptionContext *ctx;
  GError *error = NULL;
  BenchConfig cfg;
  BenchResults *r;
  BenchSummary summary;
  gint ret = 0;
  guint i;

  if (argc > 1 && strcmp (argv[1], "--child") == 0) {
    gst_init (NULL, NULL);
    return child_main (argc - 2, argv + 2);
  }

  ctx = g_option_context_new ("- idlewatchdog benchmarks");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("idlewatchdog-bench: %s\n", error->message);
    g_clear_error (&error);
    g_option_context_free (ctx);
    return 2;
  }
  g_option_context_free (ctx);
  if (sections) {
    gchar **list = g_strsplit (sections, ",", -1);

    for (i = 0; list[i]; i++) {
      if (!g_strv_contains (known, list[i])) {
        g_printerr ("idlewatchdog-bench: unknown section '%s' (known: "
            "perbuf,scale,live,timeout,teardown,flow,many,fan)\n", list[i]);
        g_strfreev (list);
        return 2;
      }
    }
    g_strfreev (list);
  }

  gst_init (NULL, NULL);
  bench_config_init (&cfg, quick);
  if (flow_n) {
    gchar **list = g_strsplit (flow_n, ",", -1);

    cfg.n_flow_n = 0;
    for (i = 0; list[i] && cfg.n_flow_n < G_N_ELEMENTS (cfg.flow_n); i++) {
      guint64 v;

      if (!g_ascii_string_to_unsigned (list[i], 10, 1, 1000000, &v, NULL)) {
        g_printerr ("idlewatchdog-bench: --flow-n: '%s' is not 1..1000000\n",
            list[i]);
        g_strfreev (list);
        return 2;
      }
      cfg.flow_n[cfg.n_flow_n++] = v;
    }
    g_strfreev (list);
  }
  if (flow_window >= 500)
    cfg.flow_window_ms = flow_window;
  if (flow_reps >= 1)
    cfg.flow_reps = flow_reps;
  if (flow_play >= 1)
    cfg.flow_play_timeout_s = cfg.many_play_timeout_s = flow_play;
  if (many_n >= 0)
    cfg.many_n = many_n;
  if (!cfg.have[BENCH_IDLEWATCHDOG] || !cfg.have[BENCH_IDENTITY]) {
    g_printerr ("idlewatchdog-bench: the idlewatchdog element is not found; "
        "point GST_PLUGIN_PATH at the build tree's gst/ directory (or use "
        "tests/bench/run.sh)\n");
    return 2;
  }
  if (!cfg.have[BENCH_WATCHDOG])
    g_printerr ("idlewatchdog-bench: watchdog (gst-plugins-bad) is not "
        "installed: its columns will read n/a\n");

  {
    GString *c = g_string_new ("idlewatchdog-bench");

    if (quick)
      g_string_append (c, " --quick");
    if (sections)
      g_string_append_printf (c, " --sections %s", sections);
    if (flow_n)
      g_string_append_printf (c, " --flow-n %s", flow_n);
    if (flow_window >= 500)
      g_string_append_printf (c, " --flow-window %d", flow_window);
    if (flow_reps >= 1)
      g_string_append_printf (c, " --flow-reps %d", flow_reps);
    if (flow_play >= 1)
      g_string_append_printf (c, " --flow-play-timeout %d", flow_play);
    if (many_n >= 0)
      g_string_append_printf (c, " --many-n %d", many_n);
    cfg.command = g_string_free (c, FALSE);
  }
  r = bench_results_new ();
  bench_suite_machine (&cfg, r);
  if (wanted (sections, "perbuf"))
    bench_suite_perbuf (&cfg, r);
  if (wanted (sections, "scale"))
    bench_suite_scale (&cfg, r);
  if (wanted (sections, "live"))
    bench_suite_live (&cfg, r);
  if (wanted (sections, "timeout"))
    bench_suite_timeout (&cfg, r);
  if (wanted (sections, "teardown"))
    bench_suite_teardown (&cfg, r);
  if (wanted (sections, "fan"))
    bench_suite_fan (&cfg, r);
  if (wanted (sections, "flow"))
    bench_suite_flow (&cfg, r);
  if (wanted (sections, "many"))
    bench_suite_many (&cfg, r);

  bench_summary_compute (&cfg, r, &summary);
  for (i = 0; i < r->failures->len; i++)
    g_printerr ("idlewatchdog-bench: note: %s\n",
        (gchar *) r->failures->pdata[i]);

  if (!bench_report_json (&cfg, r, &summary,
          json ? json : "bench-results.json"))
    ret = 1;
  if (doc) {
    gchar *dir = g_path_get_dirname (doc);
    gchar *svg = g_build_filename (dir, "performance.svg", NULL);

    if (!bench_report_svg (&cfg, r, svg) ||
        !bench_report_markdown (&cfg, r, &summary, doc, "performance.svg"))
      ret = 1;
    g_free (svg);
    g_free (dir);
  }
  bench_report_summary (&summary, stdout);

  bench_results_free (r);
  g_free (cfg.command);
  g_free (json);
  g_free (doc);
  g_free (sections);
  g_free (flow_n);
  return ret;
}

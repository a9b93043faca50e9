/* gst-idlewatchdog benchmarks: idlewatchdog against bare, identity and
 * gst-plugins-bad's watchdog, side by side in one run
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: idlewatchdog-bench [--quick] [--json FILE] [--doc FILE]
 *            [--sections perbuf,scale,live,timeout,teardown]
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
    "perbuf", "scale", "live", "timeout", "teardown", NULL
  };
  gboolean quick = FALSE;
  gchar *json = NULL, *doc = NULL, *sections = NULL;
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
        "Only these (comma-separated): perbuf,scale,live,timeout,teardown",
        "LIST"},
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
            "perbuf,scale,live,timeout,teardown)\n", list[i]);
        g_strfreev (list);
        return 2;
      }
    }
    g_strfreev (list);
  }

  gst_init (NULL, NULL);
  bench_config_init (&cfg, quick);
  if (!cfg.have[BENCH_IDLEWATCHDOG] || !cfg.have[BENCH_IDENTITY]) {
    g_printerr ("idlewatchdog-bench: the idlewatchdog element is not found; "
        "point GST_PLUGIN_PATH at the build tree's gst/ directory (or use "
        "tests/bench/run.sh)\n");
    return 2;
  }
  if (!cfg.have[BENCH_WATCHDOG])
    g_printerr ("idlewatchdog-bench: watchdog (gst-plugins-bad) is not "
        "installed: its columns will read n/a\n");

  cfg.command = g_strdup_printf ("idlewatchdog-bench%s%s%s",
      quick ? " --quick" : "", sections ? " --sections " : "",
      sections ? sections : "");
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
  return ret;
}

#include <gst/check/gstcheck.h>
#include "idlewatchdog.h"

GST_START_TEST (test_placeholder_roundtrip)
{
  GstIdleWatchdogTimeout in = { GST_IDLE_WATCHDOG_REASON_SWITCH, 1, 2, 3, 4,
    "audio/x-raw", "s", "e", "t"
  }, out;
  GstMessage *m = gst_idle_watchdog_message_new_timeout (NULL, &in);
  fail_unless (gst_idle_watchdog_message_parse_timeout (m, &out));
  fail_unless_equals_string (out.switch_target, "t");
  gst_message_unref (m);
}

GST_END_TEST;

static Suite *
messages_suite (void)
{
  Suite *s = suite_create ("messages");
  TCase *tc = tcase_create ("general");
  suite_add_tcase (s, tc);
  tcase_add_test (tc, test_placeholder_roundtrip);
  return s;
}

GST_CHECK_MAIN (messages);

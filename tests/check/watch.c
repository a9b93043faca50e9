/* gst-idlewatchdog: unit tests of the pure watch core (gst/idw-watch.c)
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * No element, no harness, no clock: times are plain GstClockTime numbers
 * passed in, as the element passes the times of its clock.
 *
 * Two parts:
 *
 * 1. Table-driven scenarios (test_scenario, one loop iteration per row):
 *    each row is a list of events with the expected verdict of each and the
 *    expected next wake after it.
 *
 * 2. A model-based exhaustive test (test_model_exhaustive): a small
 *    reference model of the contract's rules for the silence watch, written
 *    here from DESIGN.md ("The element contract") and not from the core's
 *    internals, and a driver that runs EVERY sequence of up to
 *    MODEL_DEPTH (7) events over a 14-event alphabet from an armed start,
 *    and compares verdicts and next-wake times after every step; then
 *    (test_model_random) 10^6 seeded random sequences of 1..24 events.
 *
 *    Why exhaustive first: with 14 events and depth 7 the walk is 34
 *    million steps (events that do not apply in a state, e.g. EOS action
 *    without a timeout, rebase while PLAYING, prune their subtree; each
 *    step shares its prefix with its siblings through a copy of the
 *    state), about 1.3 s here; every short combination of arm/disarm/
 *    flush/EOS/switch/limit changes around a due deadline is then covered,
 *    including the ones a random walk hits only rarely (e.g. EOS action,
 *    then flush-stop). The random sequences add longer histories (several
 *    episodes, switches and limit changes in one run); about 0.8 s.
 *    Time advances by a fixed step (350 ms, not a divisor of any limit) for
 *    every non-check event; checks jump to the core's next wake (or one
 *    nanosecond before it), so every deadline the core announces is hit
 *    exactly and probed one nanosecond early. The listener watch is covered
 *    by the table rows, not by the model.
 */
#include <stdlib.h>
#include <string.h>

#include <gst/check/gstcheck.h>

#include "idw-watch.h"

#define MS(x) ((GstClockTime) (x) * GST_MSECOND)
#define NONE GST_CLOCK_TIME_NONE
#define W_ANY ((GstClockTime) (G_MAXUINT64 - 1))        /* wake not checked */

/* ------------------------------------------------------------------------ */
/* Part 1: table-driven scenarios                                            */

typedef enum
{
  E_END = 0,
  E_ARM,                        /* arg: IdwArm */
  E_DISARM,                     /* arg: IdwDisarm */
  E_ACT,                        /* a buffer: flow++, last = t, activity () */
  E_KICK,
  E_SWITCH,
  E_LIMITS,                     /* lim */
  E_LISTENER,                   /* arg: have */
  E_LISTENERS,                  /* arg: n */
  E_CHECK,                      /* flags: sample */
  E_REBASE,                     /* t: old now, t2: new now */
} Op;

#define F_PUSHING (1 << 0)
#define F_APP_PAUSED (1 << 1)
#define F_AFTER_SWITCH (1 << 2)
#define F_BOUNDED (1 << 3)      /* resumed: 0 < resumed_silence <= resumed */

typedef struct
{
  Op op;
  GstClockTime t;
  gint arg;
  guint flags;
  GstClockTime t2;
  const IdwLimits *lim;
  IdwDo what;
  GstIdleWatchdogReason reason;
  GstClockTime silence, limit, resumed;
  GstClockTime wake;
} Ev;

/* events; w is the expected next wake after the event (W_ANY: unchecked) */
#define ARM(t, how, w) { E_ARM, (t), (how), 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define DISARM(t, why, w) { E_DISARM, (t), (why), 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define ACT(t, w) { E_ACT, (t), 0, 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define ACT_RESUMED(t, r, w) { E_ACT, (t), 0, 0, 0, NULL, IDW_DO_RESUMED, 0, 0, 0, (r), (w) }
#define ACT_RESUMED_AT_MOST(t, r, w) { E_ACT, (t), 0, F_BOUNDED, 0, NULL, IDW_DO_RESUMED, 0, 0, 0, (r), (w) }
#define KICK(t, w) { E_KICK, (t), 0, 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define KICK_RESUMED(t, r, w) { E_KICK, (t), 0, 0, 0, NULL, IDW_DO_RESUMED, 0, 0, 0, (r), (w) }
#define SWITCH(t, w) { E_SWITCH, (t), 0, 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define LIMITS(t, l, w) { E_LIMITS, (t), 0, 0, 0, (l), 0, 0, 0, 0, 0, (w) }
#define LISTENER(t, have, w) { E_LISTENER, (t), (have), 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define LISTENERS(t, n, w) { E_LISTENERS, (t), (n), 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define LISTENERS_TO(t, s, l, w) { E_LISTENERS, (t), 0, 0, 0, NULL, IDW_DO_TIMEOUT, GST_IDLE_WATCHDOG_REASON_NO_LISTENERS, (s), (l), 0, (w) }
#define LISTENERS_RESUMED(t, n, r, w) { E_LISTENERS, (t), (n), 0, 0, NULL, IDW_DO_RESUMED, 0, 0, 0, (r), (w) }
#define CHECK(t, w) { E_CHECK, (t), 0, 0, 0, NULL, 0, 0, 0, 0, 0, (w) }
#define CHECK_F(t, f, w) { E_CHECK, (t), 0, (f), 0, NULL, 0, 0, 0, 0, 0, (w) }
#define CHECK_POLL(t, w) { E_CHECK, (t), 0, 0, 0, NULL, IDW_DO_POLL, 0, 0, 0, 0, (w) }
#define CHECK_TO(t, reason, s, l, w) { E_CHECK, (t), 0, 0, 0, NULL, IDW_DO_TIMEOUT, GST_IDLE_WATCHDOG_REASON_ ## reason, (s), (l), 0, (w) }
#define CHECK_TO_F(t, f, reason, s, l, w) { E_CHECK, (t), 0, (f), 0, NULL, IDW_DO_TIMEOUT, GST_IDLE_WATCHDOG_REASON_ ## reason, (s), (l), 0, (w) }
#define REBASE(from, to, w) { E_REBASE, (from), 0, 0, (to), NULL, 0, 0, 0, 0, 0, (w) }

#define LIM(to, st, sw, li) { MS (to), MS (st), MS (sw), MS (li) }
#define PLAY IDW_ARM_PLAYING
#define FLUSH_STOP IDW_ARM_FLUSH_STOP
#define STREAM_START IDW_ARM_STREAM_START
#define PAUSED IDW_DISARM_PAUSED
#define EOS IDW_DISARM_EOS
#define EOS_ACTION IDW_DISARM_EOS_ACTION
#define FLUSH_START IDW_DISARM_FLUSH_START

typedef struct
{
  const gchar *name;
  IdwLimits lim;
  Ev ev[40];
} Scenario;

static const IdwLimits lim_400 = LIM (400, 0, 0, 0);
static const IdwLimits lim_off = LIM (0, 0, 0, 0);
static const IdwLimits lim_2000_l400 = LIM (2000, 0, 0, 400);
static const IdwLimits lim_l400 = LIM (0, 0, 0, 400);

static const Scenario scenarios[] = {
  {"startup: exact deadline, never early, one timeout, resumed once",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK (MS (1000) - 1, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          CHECK (MS (5000), NONE),
          ACT_RESUMED (MS (6000), MS (6000), MS (7000)),
          ACT (MS (6100), MS (7000)),   /* no second resumed */
          /* it saw the buffer of 6100: the 64 ms grid before 7100 */
          CHECK (MS (7000) - 1, MS (7040)),
          CHECK (MS (7040), MS (7100)),
          CHECK (MS (7100) - 1, MS (7100)),
          CHECK_TO (MS (7100), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"startup-timeout applies until the first buffer, looked at every timeout",
        LIM (1000, 3000, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK (MS (1000), MS (2000)),
          CHECK (MS (2000), MS (3000)),
          CHECK (MS (3000) - 1, MS (3000)),
          CHECK_TO (MS (3000), STARTUP, MS (3000), MS (3000), NONE),
        }},
  {"startup longer than timeout: the first buffer shortens it to timeout",
        LIM (1000, 5000, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (500), MS (1000)),
          /* flowing: the re-check is on the 64 ms grid before 1500 */
          CHECK (MS (1000), MS (1472)),
          /* nothing since: the exact deadline */
          CHECK (MS (1472), MS (1500)),
          CHECK (MS (1500) - 1, MS (1500)),
          CHECK_TO (MS (1500), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"a buffer before PLAYING (preroll): the silence phase from PLAYING",
        LIM (1000, 5000, 0, 0), {
          ACT (0, NONE),
          ARM (MS (100), PLAY, MS (1100)),
          CHECK (MS (1100) - 1, MS (1100)),
          CHECK_TO (MS (1100), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"re-check grid while flowing, exact deadline once nothing flows",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),       /* 17 * 64 ms */
          ACT (MS (1050), MS (1088)),
          CHECK (MS (1088), MS (2048)),       /* 32 * 64 ms, before 2050 */
          CHECK (MS (2048), MS (2050)),
          CHECK (MS (2050) - 1, MS (2050)),
          CHECK_TO (MS (2050), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"re-check grid of a 400 ms limit is 32 ms",
        LIM (400, 0, 0, 0), {
          ARM (0, PLAY, MS (400)),
          ACT (MS (300), MS (400)),
          CHECK (MS (400), MS (672)),         /* 21 * 32 ms, before 700 */
          ACT (MS (650), MS (672)),
          CHECK (MS (672), MS (1024)),        /* 32 * 32 ms, before 1050 */
          CHECK (MS (1024), MS (1050)),
          CHECK_TO (MS (1050), SILENCE, MS (400), MS (400), NONE),
        }},
  {"switch: switch-timeout from the switch, looked at every timeout",
        LIM (1000, 0, 3000, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          SWITCH (MS (1050), MS (2050)),
          CHECK (MS (2050), MS (3050)),
          CHECK (MS (3050), MS (4050)),
          CHECK (MS (4050) - 1, MS (4050)),
          CHECK_TO_F (MS (4050), F_AFTER_SWITCH, SWITCH, MS (3000), MS (3000),
              NONE),
          ACT_RESUMED (MS (4500), MS (3450), MS (5500)),
          CHECK_TO (MS (5500), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"switch: a buffer already on its way does not end the switch phase",
        LIM (1000, 0, 3000, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          SWITCH (MS (1050), MS (2050)),
          ACT (MS (1100), MS (2050)),
          CHECK (MS (2050), MS (2816)),       /* grid 256 ms before 3050 */
          CHECK (MS (2816), MS (3816)),
          CHECK (MS (3816), MS (4100)),
          CHECK (MS (4100) - 1, MS (4100)),
          CHECK_TO_F (MS (4100), F_AFTER_SWITCH, SWITCH, MS (3000), MS (3000),
              NONE),
        }},
  {"switch: a buffer just before switch + timeout keeps the switch phase",
        LIM (1000, 0, 3000, 0), {
          ARM (0, PLAY, MS (1000)),
          SWITCH (MS (500), MS (1500)),
          ACT (MS (1500) - 1, MS (1500)),
          CHECK (MS (1500), W_ANY),
          CHECK (MS (4500) - 2, W_ANY),
          CHECK_TO_F (MS (4500) - 1, F_AFTER_SWITCH, SWITCH, MS (3000),
              MS (3000), NONE),
        }},
  {"switch: data flowed for timeout since the switch ends the phase",
        LIM (1000, 0, 3000, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          SWITCH (MS (1050), MS (2050)),
          CHECK (MS (2050), MS (3050)),
          ACT (MS (2050), MS (3050)),
          CHECK_TO (MS (3050), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"switch while idle: a switch timeout, then one resumed for the episode",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          SWITCH (MS (1500), MS (2500)),
          CHECK (MS (2500) - 1, MS (2500)),
          CHECK_TO_F (MS (2500), F_AFTER_SWITCH, SWITCH, MS (1000), MS (1000),
              NONE),
          CHECK (MS (2600), NONE),
          ACT_RESUMED (MS (3000), MS (3000), MS (4000)),
          ACT (MS (3100), MS (4000)),
        }},
  {"one timeout per episode; resumed with the whole episode",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          CHECK (MS (1088), MS (1100)),
          CHECK_TO (MS (1100), SILENCE, MS (1000), MS (1000), NONE),
          CHECK (MS (2000), NONE),
          CHECK (MS (9000), NONE),
          ACT_RESUMED (MS (9100), MS (9000), MS (10100)),
          ACT (MS (9200), MS (10100)),
        }},
  {"kick is activity and resumes",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          KICK (MS (600), MS (1000)),
          CHECK (MS (1000), MS (1600)),       /* 1600 is on the grid */
          CHECK (MS (1600) - 1, MS (1600)),
          CHECK_TO (MS (1600), SILENCE, MS (1000), MS (1000), NONE),
          KICK_RESUMED (MS (2000), MS (1400), MS (3000)),
        }},
  {"pushing at the deadline: reason blocked",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          CHECK_F (MS (1088), F_PUSHING, MS (1100)),
          CHECK_TO_F (MS (1100), F_PUSHING, BLOCKED, MS (1000), MS (1000),
              NONE),
        }},
  {"app PAUSED at a due deadline holds; the count restarts when it plays",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_F (MS (1000), F_APP_PAUSED, MS (1125)),
          CHECK_F (MS (1125), F_APP_PAUSED, MS (1250)),
          CHECK (MS (1250), MS (2250)),
          CHECK (MS (2250) - 1, MS (2250)),
          CHECK_TO (MS (2250), STARTUP, MS (1000), MS (1000), NONE),
        }},
  {"set_limits applies to the silence already counted",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          LIMITS (MS (500), &lim_400, MS (400)),
          CHECK_TO (MS (500), STARTUP, MS (500), MS (400), NONE),
        }},
  {"set_limits timeout=0 while armed: no timeout",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          LIMITS (MS (500), &lim_off, NONE),
          CHECK (MS (5000), NONE),
          ACT (MS (6000), NONE),
          CHECK (MS (9000), NONE),
        }},
  {"PAUSED, EOS and stream-start disarm and re-arm",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          DISARM (MS (500), PAUSED, NONE),
          CHECK (MS (5000), NONE),
          ARM (MS (6000), PLAY, MS (7000)),
          DISARM (MS (6500), EOS, NONE),
          CHECK (MS (8000), NONE),
          ARM (MS (9000), STREAM_START, MS (10000)),
          ARM (MS (9500), STREAM_START, MS (10000)),  /* no EOS: no effect */
          CHECK (MS (10000) - 1, MS (10000)),
          CHECK_TO (MS (10000), STARTUP, MS (1000), MS (1000), NONE),
        }},
  {"flush-stop arms a startup phase",
        LIM (1000, 2000, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          DISARM (MS (1050), FLUSH_START, NONE),
          CHECK (MS (1100), NONE),
          ARM (MS (1200), FLUSH_STOP, MS (2200)),
          CHECK (MS (2200), MS (3200)),
          CHECK (MS (3200) - 1, MS (3200)),
          CHECK_TO (MS (3200), STARTUP, MS (2000), MS (2000), NONE),
        }},
  {"flush-stop after EOS re-arms",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          DISARM (MS (500), EOS, NONE),
          DISARM (MS (600), FLUSH_START, NONE),
          ARM (MS (700), FLUSH_STOP, MS (1700)),
          CHECK_TO (MS (1700), STARTUP, MS (1000), MS (1000), NONE),
        }},
  {"disarm(EOS_ACTION) clears idle: no resumed",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          DISARM (MS (1000), EOS_ACTION, NONE),
          ACT (MS (1500), NONE),
          KICK (MS (1600), NONE),
        }},
  {"disarm(EOS) after a timeout: no resumed while EOS",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          DISARM (MS (1200), EOS, NONE),
          KICK (MS (1600), NONE),
        }},
  /* after the EOS of action=eos the episode is over (idle cleared): a
   * re-armed watch (flush-stop after a seek, a new stream-start) times out
   * again */
  {"EOS_ACTION then flush-stop: the new startup phase times out",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          DISARM (MS (1000), EOS_ACTION, NONE),
          DISARM (MS (1500), FLUSH_START, NONE),
          ARM (MS (2000), FLUSH_STOP, MS (3000)),
          CHECK (MS (3000) - 1, MS (3000)),
          CHECK_TO (MS (3000), STARTUP, MS (1000), MS (1000), NONE),
        }},
  {"EOS_ACTION then stream-start and data: the silence times out",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          CHECK_TO (MS (1000), STARTUP, MS (1000), MS (1000), NONE),
          DISARM (MS (1000), EOS_ACTION, NONE),
          ARM (MS (2000), STREAM_START, MS (3000)),
          ACT (MS (2100), MS (3000)),
          CHECK (MS (3000), W_ANY),
          CHECK (MS (3100) - 1, MS (3100)),
          CHECK_TO (MS (3100), SILENCE, MS (1000), MS (1000), NONE),
        }},
  /* the re-check grid is on the clock's time, not on the watch's timeline,
   * so a watch whose clock was replaced (idw_watch_rebase()) still shares
   * its grid points with the other watchdogs on that clock */
  {"after a clock change the re-check grid is on the clock's time",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          DISARM (MS (500), PAUSED, NONE),
          REBASE (MS (500), MS (10500), NONE),
          ARM (MS (10600), PLAY, MS (11600)),
          ACT (MS (10700), MS (11600)),
          CHECK (MS (11600), MS (11648)),     /* 182 * 64 ms, before 11700 */
          CHECK (MS (11648), MS (11700)),
          CHECK_TO (MS (11700), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"rebase to a clock ahead shifts every time",
        LIM (1000, 0, 0, 0), {
          ARM (0, PLAY, MS (1000)),
          ACT (MS (100), MS (1000)),
          CHECK (MS (1000), MS (1088)),
          /* the re-check grid point after it is the core's business */
          REBASE (MS (1050), MS (51050), W_ANY),
          CHECK (MS (51050), W_ANY),
          CHECK (MS (51100) - 1, MS (51100)),
          CHECK_TO (MS (51100), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"rebase to a clock behind: the count goes on, never early",
        LIM (1000, 0, 0, 0), {
          ARM (MS (100000), PLAY, MS (101000)),
          REBASE (MS (100500), MS (10000), MS (10500)),
          CHECK (MS (10500) - 1, MS (10500)),
          CHECK_TO (MS (10500), STARTUP, MS (1000), MS (1000), NONE),
        }},
  {"rebase to a clock behind: resumed counts the time on both clocks",
        LIM (1000, 0, 0, 0), {
          ARM (MS (100000), PLAY, MS (101000)),
          CHECK_TO (MS (101000), STARTUP, MS (1000), MS (1000), NONE),
          REBASE (MS (102000), MS (50000), NONE),
          ACT_RESUMED (MS (51000), MS (3000), MS (52000)),
        }},
  {"rebase to a clock far behind: resumed silence bounded by the elapsed",
        LIM (1000, 0, 0, 0), {
          ARM (MS (100000), PLAY, MS (101000)),
          CHECK_TO (MS (101000), STARTUP, MS (1000), MS (1000), NONE),
          REBASE (MS (150000), MS (10000), NONE),
          /* elapsed: 50 s on the old clock, 2 s on the new one */
          ACT_RESUMED_AT_MOST (MS (12000), MS (52000), MS (13000)),
          CHECK (MS (13000) - 1, MS (13000)),
          CHECK_TO (MS (13000), SILENCE, MS (1000), MS (1000), NONE),
        }},
  {"timeout=0: no silence watch, the listener watch runs (every 100 ms)",
        LIM (0, 0, 0, 400), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (100)),
          ACT (MS (50), MS (100)),
          CHECK (MS (100) - 1, MS (100)),
          CHECK_POLL (MS (100), NONE),
          LISTENERS (MS (100), 0, MS (200)),  /* zero from here */
          CHECK_POLL (MS (200), NONE),
          LISTENERS (MS (200), 0, MS (300)),
          CHECK_POLL (MS (300), NONE),
          LISTENERS (MS (300), 0, MS (400)),
          CHECK_POLL (MS (400), NONE),
          LISTENERS (MS (400), 0, MS (500)),
          CHECK (MS (500) - 1, MS (500)),
          CHECK_POLL (MS (500), NONE),
          LISTENERS_TO (MS (500), MS (400), MS (400), MS (600)),
          CHECK_POLL (MS (600), NONE),
          LISTENERS (MS (600), 0, MS (700)),  /* one timeout */
          CHECK_POLL (MS (700), NONE),
          LISTENERS_RESUMED (MS (700), 2, MS (600), MS (800)),
          CHECK_POLL (MS (800), NONE),
          LISTENERS (MS (800), 1, MS (900)),  /* one resumed */
          CHECK_POLL (MS (900), NONE),
          LISTENERS (MS (900), 0, MS (1000)),
          CHECK_POLL (MS (5000), NONE),
        }},
  {"listener poll interval clamped to 10 ms",
        LIM (0, 0, 0, 20), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (10)),
          CHECK_POLL (MS (10), NONE),
          LISTENERS (MS (10), 0, MS (20)),
        }},
  {"listener poll interval clamped to 250 ms",
        LIM (0, 0, 0, 4000), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (250)),
          CHECK_POLL (MS (250), NONE),
          LISTENERS (MS (250), 0, MS (500)),
        }},
  {"no listener element: no poll",
        LIM (0, 0, 0, 400), {
          ARM (0, PLAY, NONE),
          CHECK (MS (1000), NONE),
        }},
  {"set_limits keeps the listener poll and zero_since",
        LIM (1000, 0, 0, 400), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (100)),
          CHECK_POLL (MS (100), MS (1000)),
          LISTENERS (MS (100), 0, MS (200)),
          LIMITS (MS (150), &lim_2000_l400, MS (200)),
          CHECK_POLL (MS (200), MS (2000)),
          LISTENERS (MS (200), 0, MS (300)),
          CHECK_POLL (MS (300), MS (2000)),
          LISTENERS (MS (300), 0, MS (400)),
          CHECK_POLL (MS (400), MS (2000)),
          LISTENERS (MS (400), 0, MS (500)),
          CHECK_POLL (MS (500), MS (2000)),
          LISTENERS_TO (MS (500), MS (400), MS (400), MS (600)),
        }},
  {"a new listener-timeout keeps zero_since",
        LIM (0, 0, 0, 800), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (200)),
          CHECK_POLL (MS (200), NONE),
          LISTENERS (MS (200), 0, MS (400)),
          LIMITS (MS (300), &lim_l400, MS (400)),
          CHECK_POLL (MS (400), NONE),
          LISTENERS (MS (400), 0, MS (500)),
          CHECK_POLL (MS (500), NONE),
          LISTENERS (MS (500), 0, MS (600)),
          CHECK_POLL (MS (600), NONE),
          LISTENERS_TO (MS (600), MS (400), MS (400), MS (700)),
        }},
  {"PAUSED does not count as zero listeners: re-arm restarts the polls",
        LIM (0, 0, 0, 400), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (100)),
          CHECK_POLL (MS (100), NONE),
          LISTENERS (MS (100), 0, MS (200)),
          DISARM (MS (150), PAUSED, NONE),
          ARM (MS (5000), PLAY, MS (5100)),
          CHECK_POLL (MS (5100), NONE),
          LISTENERS (MS (5100), 0, MS (5200)),
          CHECK_POLL (MS (5200), NONE),
          LISTENERS (MS (5200), 0, MS (5300)),
        }},
  {"listener lost: no polls; a read of nothing (-1) gives no verdict",
        LIM (0, 0, 0, 400), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (100)),
          CHECK_POLL (MS (100), NONE),
          LISTENERS (MS (100), -1, MS (200)),
          CHECK_POLL (MS (200), NONE),
          LISTENERS (MS (200), 0, MS (300)),
          LISTENER (MS (250), FALSE, NONE),
          CHECK (MS (5000), NONE),
          /* a new listener element: a new count */
          LISTENER (MS (6000), TRUE, MS (6100)),
          CHECK_POLL (MS (6100), NONE),
          LISTENERS (MS (6100), 0, MS (6200)),
          CHECK_POLL (MS (6500), NONE),     /* a late look */
          LISTENERS_TO (MS (6500), MS (400), MS (400), MS (6600)),
        }},
  {"a read under way when disarmed gives no verdict",
        LIM (0, 0, 0, 400), {
          LISTENER (0, TRUE, NONE),
          ARM (0, PLAY, MS (100)),
          CHECK_POLL (MS (100), NONE),
          DISARM (MS (120), FLUSH_START, NONE),
          LISTENERS (MS (130), 0, NONE),
        }},
};

static const gchar *
what_str (IdwDo d)
{
  static gchar bufs[2][64];
  static guint n;
  gchar *buf = bufs[n++ % 2];

  g_snprintf (buf, sizeof (bufs[0]), "%s%s%s%s", d ? "" : "nothing",
      (d & IDW_DO_TIMEOUT) ? "timeout " : "",
      (d & IDW_DO_RESUMED) ? "resumed " : "", (d & IDW_DO_POLL) ? "poll" : "");
  return buf;
}

GST_START_TEST (test_scenario)
{
  const Scenario *sc = &scenarios[__i__];
  IdwWatch w;
  guint64 flow = 0;
  GstClockTime last = 0;
  guint i;

  GST_INFO ("scenario %d: %s", __i__, sc->name);
  idw_watch_init (&w, &sc->lim);

  for (i = 0; i < G_N_ELEMENTS (sc->ev) && sc->ev[i].op != E_END; i++) {
    const Ev *e = &sc->ev[i];
    IdwVerdict v = { IDW_DO_NOTHING, };
    gboolean has_verdict = TRUE;
    GstClockTime wake;

    switch (e->op) {
      case E_ARM:
        idw_watch_arm (&w, e->arg, e->t, flow);
        has_verdict = FALSE;
        break;
      case E_DISARM:
        idw_watch_disarm (&w, e->arg);
        has_verdict = FALSE;
        break;
      case E_ACT:
        flow++;
        last = e->t;
        v = idw_watch_activity (&w, e->t, flow);
        break;
      case E_KICK:
        v = idw_watch_kick (&w, e->t, flow);
        break;
      case E_SWITCH:
        idw_watch_switch (&w, e->t, flow);
        has_verdict = FALSE;
        break;
      case E_LIMITS:
        idw_watch_set_limits (&w, e->lim, e->t);
        has_verdict = FALSE;
        break;
      case E_LISTENER:
        idw_watch_set_listener (&w, e->arg, e->t);
        has_verdict = FALSE;
        break;
      case E_LISTENERS:
        v = idw_watch_listeners (&w, e->arg, e->t);
        break;
      case E_CHECK:{
        IdwSample s = { flow, last, (e->flags & F_PUSHING) != 0,
          (e->flags & F_APP_PAUSED) == 0
        };
        v = idw_watch_check (&w, e->t, &s);
        break;
      }
      case E_REBASE:
        idw_watch_rebase (&w, e->t, e->t2);
        last = 0;               /* as the element: stamps of the old clock */
        has_verdict = FALSE;
        break;
      case E_END:
        break;
    }

    if (has_verdict) {
      fail_unless (v.what == e->what, "%s: event %u: verdict %s, expected %s",
          sc->name, i, what_str (v.what), what_str (e->what));
      if (v.what & IDW_DO_TIMEOUT) {
        fail_unless_equals_int (v.reason, e->reason);
        fail_unless (v.silence == e->silence,
            "%s: event %u: silence %" GST_TIME_FORMAT ", expected %"
            GST_TIME_FORMAT, sc->name, i, GST_TIME_ARGS (v.silence),
            GST_TIME_ARGS (e->silence));
        fail_unless (v.limit == e->limit, "%s: event %u: limit %"
            GST_TIME_FORMAT, sc->name, i, GST_TIME_ARGS (v.limit));
        fail_unless (v.silence >= v.limit, "%s: early", sc->name);
        if (e->reason != GST_IDLE_WATCHDOG_REASON_NO_LISTENERS)
          fail_unless_equals_int (v.after_switch,
              (e->flags & F_AFTER_SWITCH) != 0);
      }
      if (v.what & IDW_DO_RESUMED) {
        if (e->flags & F_BOUNDED)
          fail_unless (v.resumed_silence > 0 &&
              v.resumed_silence <= e->resumed, "%s: event %u: resumed %"
              GST_TIME_FORMAT ", at most %" GST_TIME_FORMAT, sc->name, i,
              GST_TIME_ARGS (v.resumed_silence), GST_TIME_ARGS (e->resumed));
        else
          fail_unless (v.resumed_silence == e->resumed,
              "%s: event %u: resumed %" GST_TIME_FORMAT ", expected %"
              GST_TIME_FORMAT, sc->name, i,
              GST_TIME_ARGS (v.resumed_silence), GST_TIME_ARGS (e->resumed));
      }
    }
    wake = idw_watch_next_wake (&w);
    if (e->wake != W_ANY)
      fail_unless (wake == e->wake, "%s: event %u: next wake %"
          GST_TIME_FORMAT ", expected %" GST_TIME_FORMAT, sc->name, i,
          GST_TIME_ARGS (wake), GST_TIME_ARGS (e->wake));
  }
}

GST_END_TEST;

/* The counters and the idle flag the stats property shows */
GST_START_TEST (test_counters)
{
  IdwLimits lim = LIM (1000, 0, 0, 0);
  IdwSample s = { 0, 0, FALSE, TRUE };
  IdwWatch w;

  idw_watch_init (&w, &lim);
  fail_if (idw_watch_armed (&w));
  fail_unless (idw_watch_next_wake (&w) == NONE);
  idw_watch_arm (&w, IDW_ARM_PLAYING, 0, 0);
  fail_unless (idw_watch_armed (&w));
  fail_unless (idw_watch_current_silence (&w, MS (300)) == MS (300));
  idw_watch_check (&w, MS (1000), &s);
  fail_unless (idw_watch_is_idle (&w));
  fail_unless_equals_int (idw_watch_timeouts (&w), 1);
  fail_unless_equals_int (w.timeouts[GST_IDLE_WATCHDOG_REASON_STARTUP], 1);
  /* the silence of an idle episode goes on counting from its start */
  fail_unless (idw_watch_current_silence (&w, MS (2500)) == MS (2500));
  idw_watch_switch (&w, MS (3000), 0);
  fail_unless_equals_int (w.switches, 1);
  idw_watch_activity (&w, MS (3500), 1);
  fail_if (idw_watch_is_idle (&w));
  fail_unless_equals_int (w.resumes, 1);
  idw_watch_reset (&w);
  fail_unless_equals_int (idw_watch_timeouts (&w), 0);
  fail_if (idw_watch_armed (&w));
}

GST_END_TEST;

/* ------------------------------------------------------------------------ */
/* Part 2: the reference model and the exhaustive driver                     */

#define MODEL_DEPTH 7
#define RANDOM_SEQUENCES 1000000
#define RANDOM_LENGTH 24
#define STEP MS (350)

/* The limit variants the alphabet cycles through (the first is the start) */
static const IdwLimits model_limits[] = {
  LIM (1000, 2500, 1500, 0),    /* startup longer, switch longer */
  LIM (1000, 0, 0, 0),          /* all timeout */
  LIM (400, 0, 3000, 0),        /* short timeout, long switch */
  LIM (0, 0, 0, 0),             /* off */
};

typedef enum
{
  M_STARTUP, M_SILENCE, M_SWITCH
} MPhase;

/* The contract, as a model:
 * - armed while PLAYING, not after EOS (until flush-stop or stream-start),
 *   not between flush-start and flush-stop;
 * - a count starts at every arming, at a switch (switch phase), and at the
 *   activity that resumes an idle episode; the activity the watch sees when
 *   it looks moves its start forward;
 * - the limit is that of the phase: startup until the first activity ever,
 *   switch after a switch until activity comes `timeout` after the switch,
 *   silence otherwise; 0 for a sub-limit means timeout; timeout 0: none;
 * - a look that finds now - start >= limit posts one timeout for the
 *   episode (reason from the phase, blocked if the last buffer is inside
 *   its push), unless the application has it PAUSED, in which case the
 *   count restarts from the first look that sees it playing again;
 * - the first activity after a timeout (not after EOS) posts resumed with
 *   the whole episode (from the start of the count that timed out first);
 * - an EOS that ends a timed-out stream ends the episode: no resumed, and a
 *   re-armed watch counts a new episode. */
typedef struct
{
  gboolean playing, eos, flushing;
  MPhase phase;
  gboolean seen;                /* any activity ever */
  GstClockTime start;           /* of the count */
  GstClockTime switch_at;
  GstClockTime last_look;
  gboolean unseen_activity;     /* activity since the last look or restart */
  GstClockTime last_activity;
  gboolean flowing;             /* the last look found activity */
  gboolean held;
  gboolean fired;               /* a timeout for the current episode */
  gboolean idle;
  GstClockTime idle_since;
} Model;

/* how many disagreements a failing walk lists (IDW_WATCH_MODEL_REPORT) */
static guint report_max = 12;

static gboolean
m_armed (const Model * m)
{
  return m->playing && !m->eos && !m->flushing;
}

static GstClockTime
m_limit (const Model * m, const IdwLimits * l)
{
  GstClockTime x = 0;

  if (l->timeout == 0)
    return 0;
  if (m->phase == M_STARTUP)
    x = l->startup_timeout;
  else if (m->phase == M_SWITCH)
    x = l->switch_timeout;
  return x ? x : l->timeout;
}

static void
m_restart (Model * m, GstClockTime now)
{
  m->start = m->last_look = now;
  m->unseen_activity = FALSE;
  m->flowing = FALSE;
  m->held = FALSE;
}

/* one state of the exhaustive walk: the core, the model and the driver */
typedef struct
{
  IdwWatch w;
  Model m;
  GstClockTime now;
  guint64 flow;
  GstClockTime last;            /* the sample's stamp of the last buffer */
  guint lim_i;
  /* the driver's own bookkeeping of the verdicts, apart from the model */
  gboolean fired_in_count;      /* a timeout since the count started */
  gboolean episode_open;        /* a timeout not yet resumed */
} World;

typedef enum
{
  A_ACT, A_KICK, A_SWITCH,
  A_CHECK, A_CHECK_EARLY, A_CHECK_APP_PAUSED, A_CHECK_PUSHING,
  A_PLAY_TOGGLE, A_EOS, A_EOS_ACTION, A_STREAM_START, A_FLUSH_TOGGLE,
  A_LIMITS, A_REBASE,
  A_N
} Act;

static const gchar *act_names[A_N] = {
  "activity", "kick", "switch", "check@wake", "check@wake-1",
  "check@wake(app-paused)", "check@wake(pushing)", "pause/play", "eos",
  "eos-action", "stream-start", "flush-start/stop", "set-limits",
  "rebase+10s"
};

typedef struct
{
  guint64 steps, sequences, timeouts, resumes, held, skipped;
  guint failures;
  Act seq[RANDOM_LENGTH];
  GString *report;
} Walk;

static void
fail_step (Walk * wk, guint depth, const gchar * fmt, ...) G_GNUC_PRINTF (3,
    4);

static void
fail_step (Walk * wk, guint depth, const gchar * fmt, ...)
{
  va_list ap;
  guint i;

  wk->failures++;
  if (wk->failures > report_max)
    return;
  g_string_append (wk->report, "\n  [");
  for (i = 0; i <= depth; i++)
    g_string_append_printf (wk->report, "%s%s", i ? ", " : "",
        act_names[wk->seq[i]]);
  g_string_append (wk->report, "]: ");
  va_start (ap, fmt);
  g_string_append_vprintf (wk->report, fmt, ap);
  va_end (ap);
}

#define T(x) GST_TIME_ARGS (x)

/* The model's look: its verdict on the core's check */
static IdwVerdict
m_check (Model * m, const IdwLimits * l, GstClockTime now, gboolean pushing,
    gboolean app_playing)
{
  IdwVerdict v = { IDW_DO_NOTHING, };
  GstClockTime limit;

  if (!m_armed (m))
    return v;
  if (m->held && app_playing)
    m_restart (m, now);
  m->flowing = m->unseen_activity;
  if (m->unseen_activity) {
    m->unseen_activity = FALSE;
    m->held = FALSE;
    m->start = MAX (m->start, MIN (m->last_activity, now));
    if (m->phase != M_SWITCH || m->start >= m->switch_at + l->timeout)
      m->phase = M_SILENCE;
  }
  m->last_look = now;
  limit = m_limit (m, l);
  if (limit > 0 && !m->fired && now >= m->start + limit) {
    if (!app_playing) {
      m->held = TRUE;
    } else {
      v.what = IDW_DO_TIMEOUT;
      v.reason = pushing ? GST_IDLE_WATCHDOG_REASON_BLOCKED :
          m->phase == M_STARTUP ? GST_IDLE_WATCHDOG_REASON_STARTUP :
          m->phase == M_SWITCH ? GST_IDLE_WATCHDOG_REASON_SWITCH :
          GST_IDLE_WATCHDOG_REASON_SILENCE;
      v.silence = now - m->start;
      v.limit = limit;
      v.after_switch = m->phase == M_SWITCH;
      if (!m->idle)
        m->idle_since = m->start;
      m->idle = TRUE;
      m->fired = TRUE;
    }
  }
  return v;
}

static IdwVerdict
m_activity (Model * m, GstClockTime now)
{
  IdwVerdict v = { IDW_DO_NOTHING, };

  m->seen = TRUE;
  if (m->idle && !m->eos) {
    v.what = IDW_DO_RESUMED;
    v.resumed_silence = now - m->idle_since;
    m->idle = FALSE;
    m->fired = FALSE;
    m_restart (m, now);
    m->phase = M_SILENCE;
  } else {
    m->unseen_activity = TRUE;
    m->last_activity = now;
  }
  return v;
}

static void
m_arm (Model * m, IdwArm how, GstClockTime now)
{
  if (how == IDW_ARM_PLAYING)
    m->playing = TRUE;
  else if (how == IDW_ARM_FLUSH_STOP)
    m->flushing = m->eos = FALSE;
  else if (!m->eos)
    return;
  else
    m->eos = FALSE;
  m_restart (m, now);
  /* no episode going on (none, or ended by the EOS action): a new one */
  if (!m->idle)
    m->fired = FALSE;
  if (how == IDW_ARM_FLUSH_STOP)
    m->phase = M_STARTUP;
  else if (m->phase == M_SWITCH)
    m->switch_at = now;
  else
    m->phase = m->seen ? M_SILENCE : M_STARTUP;
}

static gboolean
same_verdict (const IdwVerdict * a, const IdwVerdict * b)
{
  if (a->what != b->what)
    return FALSE;
  if ((a->what & IDW_DO_TIMEOUT) && (a->reason != b->reason ||
          a->silence != b->silence || a->limit != b->limit ||
          a->after_switch != b->after_switch))
    return FALSE;
  if ((a->what & IDW_DO_RESUMED) && a->resumed_silence != b->resumed_silence)
    return FALSE;
  return TRUE;
}

static void
verdict_str (GString * s, const IdwVerdict * v)
{
  g_string_append (s, what_str (v->what));
  if (v->what & IDW_DO_TIMEOUT)
    g_string_append_printf (s, "(reason %d silence %" GST_TIME_FORMAT
        " limit %" GST_TIME_FORMAT "%s)", v->reason, T (v->silence),
        T (v->limit), v->after_switch ? " after switch" : "");
  if (v->what & IDW_DO_RESUMED)
    g_string_append_printf (s, "(%" GST_TIME_FORMAT ")",
        T (v->resumed_silence));
}

/* The wake rules the contract and the core's header give: never late,
 * never in the past unless due, exact once nothing flows, on the grid
 * before the deadline while data flows, every timeout for a long startup
 * or switch limit, NONE only when nothing is left to watch. */
static void
check_wake (Walk * wk, guint depth, const World * x)
{
  const Model *m = &x->m;
  const IdwLimits *l = &model_limits[x->lim_i];
  GstClockTime wake = idw_watch_next_wake (&x->w), limit, deadline, expect;

  if (!m_armed (m)) {
    if (wake != NONE)
      fail_step (wk, depth, "disarmed, next wake %" GST_TIME_FORMAT,
          T (wake));
    return;
  }
  limit = m_limit (m, l);
  if (limit == 0 || m->fired) {
    if (wake != NONE)
      fail_step (wk, depth, "nothing to watch (limit %" GST_TIME_FORMAT
          ", fired %d), next wake %" GST_TIME_FORMAT, T (limit), m->fired,
          T (wake));
    return;
  }
  if (wake == NONE) {
    fail_step (wk, depth, "armed, limit %" GST_TIME_FORMAT ", not fired: "
        "next wake NONE", T (limit));
    return;
  }
  if (m->held) {
    if (wake <= m->last_look || wake > m->last_look + MS (250))
      fail_step (wk, depth, "held: wake %" GST_TIME_FORMAT " not within "
          "250 ms after the look at %" GST_TIME_FORMAT, T (wake),
          T (m->last_look));
    return;
  }
  deadline = m->start + limit;
  if (wake > deadline) {
    fail_step (wk, depth, "late: wake %" GST_TIME_FORMAT " after the "
        "deadline %" GST_TIME_FORMAT, T (wake), T (deadline));
    return;
  }
  if (wake < m->last_look && deadline > x->now) {
    fail_step (wk, depth, "wake %" GST_TIME_FORMAT " before the last look %"
        GST_TIME_FORMAT " with nothing due", T (wake), T (m->last_look));
    return;
  }
  expect = deadline;
  if (m->phase != M_SILENCE && limit > l->timeout)
    expect = MIN (expect, m->last_look + l->timeout);
  if (!m->flowing) {
    if (wake != expect)
      fail_step (wk, depth, "nothing flowing: wake %" GST_TIME_FORMAT
          ", expected exactly %" GST_TIME_FORMAT, T (wake), T (expect));
  } else if (wake != expect) {
    /* a power of two of ms in (limit/16, limit/8], the multiple of it at
     * or before the deadline, after the last look */
    GstClockTime step = MS (1);

    while (step * 16 <= limit)
      step <<= 1;
    if (wake % step != 0 || wake + step <= expect || wake <= m->last_look)
      fail_step (wk, depth, "flowing: wake %" GST_TIME_FORMAT " is not the "
          "%" GST_TIME_FORMAT " grid point before %" GST_TIME_FORMAT,
          T (wake), T (step), T (expect));
  }
}

/* Runs @a on @x (the core and the model), and compares; FALSE if @a does
 * not apply in that state (nothing was done) */
static gboolean
step (Walk * wk, World * x, guint depth, Act a)
{
  IdwVerdict got = { IDW_DO_NOTHING, }, want = { IDW_DO_NOTHING, };
  GstClockTime wake = idw_watch_next_wake (&x->w);
  gboolean pushing = FALSE, app_playing = TRUE, check = FALSE;

  wk->seq[depth] = a;
  switch (a) {
    case A_ACT:
      x->now += STEP;
      x->flow++;
      x->last = x->now;
      got = idw_watch_activity (&x->w, x->now, x->flow);
      want = m_activity (&x->m, x->now);
      break;
    case A_KICK:
      x->now += STEP;
      got = idw_watch_kick (&x->w, x->now, x->flow);
      want = m_activity (&x->m, x->now);
      break;
    case A_SWITCH:
      x->now += STEP;
      idw_watch_switch (&x->w, x->now, x->flow);
      m_restart (&x->m, x->now);
      x->m.fired = FALSE;
      x->fired_in_count = FALSE;
      x->m.phase = M_SWITCH;
      x->m.switch_at = x->now;
      break;
    case A_CHECK_APP_PAUSED:
      app_playing = FALSE;
      check = TRUE;
      break;
    case A_CHECK_PUSHING:
      pushing = TRUE;
      check = TRUE;
      break;
    case A_CHECK:
      check = TRUE;
      break;
    case A_CHECK_EARLY:
      if (wake == NONE || wake == 0) {
        wk->skipped++;
        return FALSE;                 /* the same as check@wake */
      }
      wake--;
      check = TRUE;
      break;
    case A_PLAY_TOGGLE:
      x->now += STEP;
      if (x->m.playing) {
        idw_watch_disarm (&x->w, IDW_DISARM_PAUSED);
        x->m.playing = FALSE;
      } else {
        idw_watch_arm (&x->w, IDW_ARM_PLAYING, x->now, x->flow);
        m_arm (&x->m, IDW_ARM_PLAYING, x->now);
      }
      break;
    case A_EOS:
      x->now += STEP;
      idw_watch_disarm (&x->w, IDW_DISARM_EOS);
      x->m.eos = TRUE;
      break;
    case A_EOS_ACTION:
      /* the element pushes this EOS only after a timeout */
      if (!x->m.idle || x->m.eos) {
        wk->skipped++;
        return FALSE;
      }
      x->now += STEP;
      idw_watch_disarm (&x->w, IDW_DISARM_EOS_ACTION);
      x->m.eos = TRUE;
      x->m.idle = FALSE;
      x->episode_open = FALSE;
      break;
    case A_STREAM_START:
      x->now += STEP;
      idw_watch_arm (&x->w, IDW_ARM_STREAM_START, x->now, x->flow);
      m_arm (&x->m, IDW_ARM_STREAM_START, x->now);
      break;
    case A_FLUSH_TOGGLE:
      x->now += STEP;
      if (!x->m.flushing) {
        idw_watch_disarm (&x->w, IDW_DISARM_FLUSH_START);
        x->m.flushing = TRUE;
      } else {
        idw_watch_arm (&x->w, IDW_ARM_FLUSH_STOP, x->now, x->flow);
        m_arm (&x->m, IDW_ARM_FLUSH_STOP, x->now);
      }
      break;
    case A_LIMITS:
      x->now += STEP;
      x->lim_i = (x->lim_i + 1) % G_N_ELEMENTS (model_limits);
      idw_watch_set_limits (&x->w, &model_limits[x->lim_i], x->now);
      break;
    case A_REBASE:{
      /* a new clock is taken on PAUSED->PLAYING only */
      GstClockTime to = x->now + 10 * GST_SECOND;
      Model *m = &x->m;

      if (m->playing) {
        wk->skipped++;
        return FALSE;
      }
      idw_watch_rebase (&x->w, x->now, to);
      x->last = 0;
      m->start += 10 * GST_SECOND;
      m->switch_at += 10 * GST_SECOND;
      m->last_look += 10 * GST_SECOND;
      m->last_activity += 10 * GST_SECOND;
      m->idle_since += 10 * GST_SECOND;
      x->now = to;
      break;
    }
    case A_N:
      g_assert_not_reached ();
  }

  if (check) {
    IdwSample s;

    /* the element looks when its timer fires: at the next wake, or after
     * a spurious wake-up when there is none */
    if (wake == NONE)
      x->now += STEP;
    else
      x->now = MAX (x->now, wake);
    s.flow = x->flow;
    s.last = x->last;
    s.pushing = pushing;
    s.app_playing = app_playing;
    got = idw_watch_check (&x->w, x->now, &s);
    want = m_check (&x->m, &model_limits[x->lim_i], x->now, pushing,
        app_playing);
  }
  wk->steps++;
  if (a == A_PLAY_TOGGLE || a == A_STREAM_START || a == A_FLUSH_TOGGLE) {
    /* a re-arm with no episode open counts anew */
    if (!x->episode_open)
      x->fired_in_count = FALSE;
  }
  if (got.what & IDW_DO_TIMEOUT) {
    wk->timeouts++;
    if (x->fired_in_count)
      fail_step (wk, depth, "a second timeout in one episode");
    x->fired_in_count = x->episode_open = TRUE;
  }
  if (got.what & IDW_DO_RESUMED) {
    wk->resumes++;
    if (!x->episode_open)
      fail_step (wk, depth, "resumed without a timeout before it");
    x->episode_open = x->fired_in_count = FALSE;
  }
  if (x->m.held)
    wk->held++;

  /* never early, whatever the model says */
  if ((got.what & IDW_DO_TIMEOUT) && got.silence < got.limit)
    fail_step (wk, depth, "early timeout: silence %" GST_TIME_FORMAT
        " < limit %" GST_TIME_FORMAT, T (got.silence), T (got.limit));
  if (!same_verdict (&got, &want)) {
    GString *s = g_string_new (NULL);

    g_string_append (s, "got ");
    verdict_str (s, &got);
    g_string_append (s, ", expected ");
    verdict_str (s, &want);
    fail_step (wk, depth, "at %" GST_TIME_FORMAT ": %s", T (x->now), s->str);
    g_string_free (s, TRUE);
  }
  check_wake (wk, depth, x);
  return TRUE;
}

static void
walk (Walk * wk, const World * x, guint depth)
{
  guint a;

  if (depth == MODEL_DEPTH) {
    wk->sequences++;
    return;
  }
  for (a = 0; a < A_N; a++) {
    World y = *x;

    if (step (wk, &y, depth, a))
      walk (wk, &y, depth + 1);
  }
}

GST_START_TEST (test_model_exhaustive)
{
  Walk wk = { 0, };
  World x;
  gint64 t0 = g_get_monotonic_time ();

  if (g_getenv ("IDW_WATCH_MODEL_REPORT"))
    report_max = atoi (g_getenv ("IDW_WATCH_MODEL_REPORT"));
  memset (&x, 0, sizeof (x));
  idw_watch_init (&x.w, &model_limits[0]);
  /* from an armed start at 0 */
  idw_watch_arm (&x.w, IDW_ARM_PLAYING, 0, 0);
  m_arm (&x.m, IDW_ARM_PLAYING, 0);
  wk.report = g_string_new (NULL);

  walk (&wk, &x, 0);

  GST_INFO ("%" G_GUINT64_FORMAT " steps, %" G_GUINT64_FORMAT
      " full sequences (%" G_GUINT64_FORMAT " skipped events), %"
      G_GUINT64_FORMAT " timeouts, %" G_GUINT64_FORMAT " resumes, %"
      G_GUINT64_FORMAT " held, %.2f s", wk.steps, wk.sequences, wk.skipped,
      wk.timeouts, wk.resumes, wk.held,
      (g_get_monotonic_time () - t0) / 1e6);
  g_print ("model: depth %d, %d events: %" G_GUINT64_FORMAT " steps, %"
      G_GUINT64_FORMAT " timeouts, %" G_GUINT64_FORMAT " resumes, %"
      G_GUINT64_FORMAT " held looks, %.2f s\n", MODEL_DEPTH, A_N, wk.steps,
      wk.timeouts, wk.resumes, wk.held, (g_get_monotonic_time () - t0) / 1e6);
  /* the walk reaches every kind of verdict */
  fail_unless (wk.timeouts > 0 && wk.resumes > 0 && wk.held > 0);
  if (wk.failures)
    g_printerr ("disagreements with the model:%s\n", wk.report->str);
  fail_unless (wk.failures == 0, "%u disagreements with the model (listed "
      "on stderr)", wk.failures);
  g_string_free (wk.report, TRUE);
}

GST_END_TEST;

/* Longer sequences than the exhaustive walk reaches: several episodes,
 * switches and limit changes in one run; seeded, so a failure repeats */
GST_START_TEST (test_model_random)
{
  Walk wk = { 0, };
  GRand *rand = g_rand_new_with_seed (20261201);
  gint64 t0 = g_get_monotonic_time ();
  guint n;

  if (g_getenv ("IDW_WATCH_MODEL_REPORT"))
    report_max = atoi (g_getenv ("IDW_WATCH_MODEL_REPORT"));
  wk.report = g_string_new (NULL);
  for (n = 0; n < RANDOM_SEQUENCES; n++) {
    World x;
    guint len = g_rand_int_range (rand, 1, RANDOM_LENGTH + 1), i = 0;

    memset (&x, 0, sizeof (x));
    x.lim_i = g_rand_int_range (rand, 0, G_N_ELEMENTS (model_limits));
    idw_watch_init (&x.w, &model_limits[x.lim_i]);
    idw_watch_arm (&x.w, IDW_ARM_PLAYING, 0, 0);
    m_arm (&x.m, IDW_ARM_PLAYING, 0);
    while (i < len) {
      if (step (&wk, &x, i, g_rand_int_range (rand, 0, A_N)))
        i++;
    }
    wk.sequences++;
  }
  g_print ("model: %" G_GUINT64_FORMAT " random sequences of 1..%d events: %"
      G_GUINT64_FORMAT " steps, %" G_GUINT64_FORMAT " timeouts, %"
      G_GUINT64_FORMAT " resumes, %.2f s\n", wk.sequences, RANDOM_LENGTH,
      wk.steps, wk.timeouts, wk.resumes, (g_get_monotonic_time () - t0) / 1e6);
  g_rand_free (rand);
  fail_unless (wk.timeouts > 0 && wk.resumes > 0 && wk.held > 0);
  if (wk.failures)
    g_printerr ("disagreements with the model:%s\n", wk.report->str);
  fail_unless (wk.failures == 0, "%u disagreements with the model (listed "
      "on stderr)", wk.failures);
  g_string_free (wk.report, TRUE);
}

GST_END_TEST;

static Suite *
watch_suite (void)
{
  Suite *s = suite_create ("idw-watch");
  TCase *tc = tcase_create ("core");

  suite_add_tcase (s, tc);
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_scenario, 0, G_N_ELEMENTS (scenarios));
  tcase_add_test (tc, test_counters);
  tcase_add_test (tc, test_model_exhaustive);
  tcase_add_test (tc, test_model_random);
  return s;
}

GST_CHECK_MAIN (watch);

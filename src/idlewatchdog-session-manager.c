/* gst-idlewatchdog
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
/**
 * SECTION:idlewatchdog-session-manager
 * @title: GstIdleWatchdogSessionManager
 * @short_description: run many sessions, count them, wait for them
 *
 * A #GstIdleWatchdogSessionManager holds a reference to each session added
 * to it, counts the ones that are alive and the ones that have ended, and
 * releases the ended ones, with their threads joined, in the thread that
 * calls gst_idle_watchdog_session_manager_add(),
 * gst_idle_watchdog_session_manager_reap() or
 * gst_idle_watchdog_session_manager_wait_all(). It owns no thread. Dropping
 * its last reference stops every session still alive and waits for them
 * (gst_idle_watchdog_session_manager_stop_all(), then
 * gst_idle_watchdog_session_manager_wait_all()). All functions are
 * thread-safe.
 */
#include "idlewatchdog-session-private.h"

struct _GstIdleWatchdogSessionManager
{
  GObject parent;

  GMutex lock;
  GCond cond;
  GHashTable *alive;            /* session -> session, holds a reference */
  GQueue finished;              /* references waiting to be joined */
  guint n_ended;
};

G_DEFINE_TYPE_WITH_CODE (GstIdleWatchdogSessionManager,
    gst_idle_watchdog_session_manager, G_TYPE_OBJECT,
    idw_session_init_debug ());

void
idw_manager_session_finished (GstIdleWatchdogSessionManager * m,
    GstIdleWatchdogSession * s)
{
  g_mutex_lock (&m->lock);
  if (g_hash_table_steal (m->alive, s)) {
    g_queue_push_tail (&m->finished, s);
    m->n_ended++;
    g_cond_broadcast (&m->cond);
  }
  g_mutex_unlock (&m->lock);
}

static void
gst_idle_watchdog_session_manager_init (GstIdleWatchdogSessionManager * m)
{
  g_mutex_init (&m->lock);
  g_cond_init (&m->cond);
  m->alive = g_hash_table_new (NULL, NULL);
  g_queue_init (&m->finished);
}

static void
gst_idle_watchdog_session_manager_finalize (GObject * object)
{
  GstIdleWatchdogSessionManager *m = GST_IDLE_WATCHDOG_SESSION_MANAGER (object);

  gst_idle_watchdog_session_manager_stop_all (m);
  gst_idle_watchdog_session_manager_wait_all (m);

  g_hash_table_unref (m->alive);
  g_cond_clear (&m->cond);
  g_mutex_clear (&m->lock);

  G_OBJECT_CLASS (gst_idle_watchdog_session_manager_parent_class)->finalize
      (object);
}

static void
gst_idle_watchdog_session_manager_class_init (GstIdleWatchdogSessionManagerClass
    * klass)
{
  G_OBJECT_CLASS (klass)->finalize = gst_idle_watchdog_session_manager_finalize;
}

/**
 * gst_idle_watchdog_session_manager_new:
 *
 * Creates a manager.
 *
 * Returns: (transfer full): a new manager
 */
GstIdleWatchdogSessionManager *
gst_idle_watchdog_session_manager_new (void)
{
  return g_object_new (GST_TYPE_IDLE_WATCHDOG_SESSION_MANAGER, NULL);
}

/**
 * gst_idle_watchdog_session_manager_reap:
 * @manager: a manager
 *
 * Joins the threads of the sessions that have finished since the last call
 * and drops the manager's references to them.
 *
 * Returns: how many sessions were released
 */
guint
gst_idle_watchdog_session_manager_reap (GstIdleWatchdogSessionManager * manager)
{
  GQueue done = G_QUEUE_INIT;
  GstIdleWatchdogSession *s;
  guint n = 0;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager), 0);

  g_mutex_lock (&manager->lock);
  done = manager->finished;
  g_queue_init (&manager->finished);
  g_mutex_unlock (&manager->lock);

  while ((s = g_queue_pop_head (&done))) {
    idw_session_detach_manager (s);
    g_object_unref (s);
    n++;
  }
  return n;
}

/**
 * gst_idle_watchdog_session_manager_add:
 * @manager: a manager
 * @session: a session, started or not, in no other manager
 *
 * Adds a reference to @session to the manager (reaping finished sessions
 * first). Starting it stays the caller's job. A session added and never
 * started stays alive until it is stopped.
 *
 * Returns: %TRUE, or %FALSE (with a critical warning) if @session already
 * belongs to a manager
 */
gboolean
gst_idle_watchdog_session_manager_add (GstIdleWatchdogSessionManager * manager,
    GstIdleWatchdogSession * session)
{
  gboolean finished;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager), FALSE);
  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION (session), FALSE);

  gst_idle_watchdog_session_manager_reap (manager);

  g_mutex_lock (&manager->lock);
  if (!idw_session_attach_manager (session, manager, &finished)) {
    g_mutex_unlock (&manager->lock);
    g_critical ("Session %s already belongs to a manager",
        gst_idle_watchdog_session_get_id (session));
    return FALSE;
  }
  g_object_ref (session);
  if (finished) {
    g_queue_push_tail (&manager->finished, session);
    manager->n_ended++;
  } else {
    g_hash_table_add (manager->alive, session);
  }
  g_mutex_unlock (&manager->lock);
  return TRUE;
}

/**
 * gst_idle_watchdog_session_manager_get_n_alive:
 * @manager: a manager
 *
 * Returns: how many of the manager's sessions have not finished yet (a
 * session that is stopping counts as alive until its threads have returned)
 */
guint
gst_idle_watchdog_session_manager_get_n_alive (GstIdleWatchdogSessionManager *
    manager)
{
  guint n;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager), 0);

  g_mutex_lock (&manager->lock);
  n = g_hash_table_size (manager->alive);
  g_mutex_unlock (&manager->lock);
  return n;
}

/**
 * gst_idle_watchdog_session_manager_get_n_ended:
 * @manager: a manager
 *
 * Returns: how many of the sessions added to the manager have finished,
 * since it was created
 */
guint
gst_idle_watchdog_session_manager_get_n_ended (GstIdleWatchdogSessionManager *
    manager)
{
  guint n;

  g_return_val_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager), 0);

  g_mutex_lock (&manager->lock);
  n = manager->n_ended;
  g_mutex_unlock (&manager->lock);
  return n;
}

/**
 * gst_idle_watchdog_session_manager_stop_all:
 * @manager: a manager
 *
 * Calls gst_idle_watchdog_session_stop() on every session that is alive;
 * does not wait.
 */
void
gst_idle_watchdog_session_manager_stop_all (GstIdleWatchdogSessionManager *
    manager)
{
  GList *sessions, *l;

  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager));

  g_mutex_lock (&manager->lock);
  sessions = g_hash_table_get_keys (manager->alive);
  for (l = sessions; l; l = l->next)
    g_object_ref (l->data);
  g_mutex_unlock (&manager->lock);

  for (l = sessions; l; l = l->next) {
    gst_idle_watchdog_session_stop (l->data);
    g_object_unref (l->data);
  }
  g_list_free (sessions);
}

/**
 * gst_idle_watchdog_session_manager_wait_all:
 * @manager: a manager
 *
 * Waits until every session of the manager has finished, then joins and
 * releases them. It does not stop them: call
 * gst_idle_watchdog_session_manager_stop_all() first to end them now.
 */
void
gst_idle_watchdog_session_manager_wait_all (GstIdleWatchdogSessionManager *
    manager)
{
  g_return_if_fail (GST_IS_IDLE_WATCHDOG_SESSION_MANAGER (manager));

  g_mutex_lock (&manager->lock);
  while (g_hash_table_size (manager->alive) > 0)
    g_cond_wait (&manager->cond, &manager->lock);
  g_mutex_unlock (&manager->lock);

  gst_idle_watchdog_session_manager_reap (manager);
}

/* gst-idlewatchdog: ThreadSanitizer annotations for uninstrumented GLib
 * Copyright (C) 2026 The gst-idlewatchdog authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Linked into the test programs of a -Db_sanitize=thread build only.
 * GLib's GMutex and GCond are futex-based and GLib/GStreamer are not built
 * with TSan, so TSan sees none of their synchronisation and would report
 * every access our code makes under GST_OBJECT_LOCK as a race. These
 * wrappers interpose the GLib entry points that libgstreamer, the plugin
 * and the tests call (through the PLT; the program exports them), call the
 * real function, and tell TSan about the happens-before edge each one
 * creates:
 *
 * - locks (GMutex, GRecMutex, GRWLock) and GCond waits: acquire after
 *   locking, release before unlocking;
 * - reference counts (GObject, GstMiniObject, GAtomicRcBox): every ref and
 *   unref is an atomic read-modify-write, so release then acquire on the
 *   object; this is what orders the last unref (and finalize) after every
 *   earlier use in other threads;
 * - GWeakRef: GLib guards them with one global lock; modelled as such;
 * - gst_element_call_async(): the call happens after its caller's work.
 *
 * Nothing else is changed: the real GLib functions do the work.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>
#include <gst/gst.h>

/* GLib 2.74 wraps these in type-preserving macros */
#undef g_object_ref
#undef g_atomic_rc_box_acquire
#undef g_mutex_lock
#undef g_mutex_unlock

static int weak_ref_sync;

#define REAL(ret, name, args) \
  static ret (*real) args; \
  if (G_UNLIKELY (real == NULL)) \
    real = (ret (*) args) dlsym (RTLD_NEXT, #name)

/* GMutex */
void
g_mutex_lock (GMutex * m)
{
  REAL (void, g_mutex_lock, (GMutex *));
  real (m);
  __tsan_acquire (m);
}

void
g_mutex_unlock (GMutex * m)
{
  REAL (void, g_mutex_unlock, (GMutex *));
  __tsan_release (m);
  real (m);
}

gboolean
g_mutex_trylock (GMutex * m)
{
  gboolean ret;
  REAL (gboolean, g_mutex_trylock, (GMutex *));

  ret = real (m);
  if (ret)
    __tsan_acquire (m);
  return ret;
}

/* GRecMutex */
void
g_rec_mutex_lock (GRecMutex * m)
{
  REAL (void, g_rec_mutex_lock, (GRecMutex *));
  real (m);
  __tsan_acquire (m);
}

void
g_rec_mutex_unlock (GRecMutex * m)
{
  REAL (void, g_rec_mutex_unlock, (GRecMutex *));
  __tsan_release (m);
  real (m);
}

gboolean
g_rec_mutex_trylock (GRecMutex * m)
{
  gboolean ret;
  REAL (gboolean, g_rec_mutex_trylock, (GRecMutex *));

  ret = real (m);
  if (ret)
    __tsan_acquire (m);
  return ret;
}

/* GRWLock */
void
g_rw_lock_writer_lock (GRWLock * l)
{
  REAL (void, g_rw_lock_writer_lock, (GRWLock *));
  real (l);
  __tsan_acquire (l);
}

void
g_rw_lock_writer_unlock (GRWLock * l)
{
  REAL (void, g_rw_lock_writer_unlock, (GRWLock *));
  __tsan_release (l);
  real (l);
}

void
g_rw_lock_reader_lock (GRWLock * l)
{
  REAL (void, g_rw_lock_reader_lock, (GRWLock *));
  real (l);
  __tsan_acquire (l);
}

void
g_rw_lock_reader_unlock (GRWLock * l)
{
  REAL (void, g_rw_lock_reader_unlock, (GRWLock *));
  __tsan_release (l);
  real (l);
}

/* GCond: the mutex is released while waiting */
void
g_cond_wait (GCond * c, GMutex * m)
{
  REAL (void, g_cond_wait, (GCond *, GMutex *));
  __tsan_release (m);
  real (c, m);
  __tsan_acquire (m);
}

gboolean
g_cond_wait_until (GCond * c, GMutex * m, gint64 end_time)
{
  gboolean ret;
  REAL (gboolean, g_cond_wait_until, (GCond *, GMutex *, gint64));

  __tsan_release (m);
  ret = real (c, m, end_time);
  __tsan_acquire (m);
  return ret;
}

/* reference counts */
gpointer
g_object_ref (gpointer object)
{
  REAL (gpointer, g_object_ref, (gpointer));
  __tsan_release (object);
  __tsan_acquire (object);
  return real (object);
}

void
g_object_unref (gpointer object)
{
  REAL (void, g_object_unref, (gpointer));
  __tsan_release (object);
  __tsan_acquire (object);
  real (object);
}

GstMiniObject *
gst_mini_object_ref (GstMiniObject * object)
{
  REAL (GstMiniObject *, gst_mini_object_ref, (GstMiniObject *));
  __tsan_release (object);
  __tsan_acquire (object);
  return real (object);
}

void
gst_mini_object_unref (GstMiniObject * object)
{
  REAL (void, gst_mini_object_unref, (GstMiniObject *));
  __tsan_release (object);
  __tsan_acquire (object);
  real (object);
}

gpointer
g_atomic_rc_box_acquire (gpointer box)
{
  REAL (gpointer, g_atomic_rc_box_acquire, (gpointer));
  __tsan_release (box);
  __tsan_acquire (box);
  return real (box);
}

void
g_atomic_rc_box_release_full (gpointer box, GDestroyNotify clear)
{
  REAL (void, g_atomic_rc_box_release_full, (gpointer, GDestroyNotify));
  __tsan_release (box);
  __tsan_acquire (box);
  real (box, clear);
}

/* GWeakRef: one global lock inside GLib */
gpointer
g_weak_ref_get (GWeakRef * ref)
{
  gpointer ret;
  REAL (gpointer, g_weak_ref_get, (GWeakRef *));

  __tsan_release (&weak_ref_sync);
  ret = real (ref);
  __tsan_acquire (&weak_ref_sync);
  return ret;
}

void
g_weak_ref_set (GWeakRef * ref, gpointer object)
{
  REAL (void, g_weak_ref_set, (GWeakRef *, gpointer));
  __tsan_release (&weak_ref_sync);
  real (ref, object);
  __tsan_acquire (&weak_ref_sync);
}

/* gst_element_call_async(): GStreamer hands the call to a GThreadPool,
 * whose queue GLib locks internally (out of our reach): the call happens
 * after everything its caller did before */
typedef struct
{
  GstElementCallAsyncFunc func;
  gpointer user_data;
  GDestroyNotify destroy_notify;
} AsyncCall;

static void
async_call_run (GstElement * element, gpointer data)
{
  AsyncCall *call = data;

  __tsan_acquire (call);
  call->func (element, call->user_data);
}

static void
async_call_free (gpointer data)
{
  AsyncCall *call = data;

  if (call->destroy_notify != NULL)
    call->destroy_notify (call->user_data);
  g_free (call);
}

void
gst_element_call_async (GstElement * element, GstElementCallAsyncFunc func,
    gpointer user_data, GDestroyNotify destroy_notify)
{
  AsyncCall *call = g_new (AsyncCall, 1);
  REAL (void, gst_element_call_async, (GstElement *, GstElementCallAsyncFunc,
          gpointer, GDestroyNotify));

  call->func = func;
  call->user_data = user_data;
  call->destroy_notify = destroy_notify;
  __tsan_release (call);
  real (element, async_call_run, call, async_call_free);
}

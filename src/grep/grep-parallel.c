/* grep-parallel.c -- -r on several cores, output in the walk's order.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The walk (grep-recurse.c) hands the regular files it meets to
   grep_pool_file, which puts them in a bounded queue.  The pool's
   threads take them in order and search each with grep_file_at, each
   with a worker of its own (grep-worker.h: its scratch for the shared
   patterns, its input state), its output going to a memory stream
   instead of stdout (the worker's sink, with an output_capture).  The
   main thread, between the files of the walk, prints the finished
   files at the head of the queue: their output and, at their place in
   it, their messages for stderr and the group separator that depends
   on the files before (the sink's USED).  So the output is the same as
   one thread's, byte for byte, and so is the order of stdout and
   stderr.  All the pool's state is in struct grep_pool, which the main
   thread owns; the threads share it under its lock.

   What carries from one file to the next is kept as in one thread, in
   the main thread's worker: the exit status (matched_any, error_seen),
   the sink's USED, and grep-input.c's simulation of GNU grep's buffer,
   which decides where binary data starts.  A worker searches a file from the state that
   the last file searched has left; when the state the files before it
   left turns out to be another (rarely: grep's buffer grows for a line
   longer than 96 KiB), the main thread searches the file again, in
   order.

   Memory: the queue holds QUEUE_SIZE files at most, and the walk waits
   while the output kept in memory exceeds MAX_KEPT.  A file whose
   output grows beyond STREAM_SIZE waits to be at the head of the
   queue, then prints what it has and the rest directly.

   The main thread hands the files over BATCH at a time, and a worker
   takes up to MAX_RUN at once, which spares locking and waking for
   each; when the queue is full, the main thread waits for a job
   WAIT_AHEAD after the head rather than for the head, so that it is
   not woken for each job done.  A walk of fewer files than BATCH
   starts no thread.  opt.threads (MMGREP_THREADS) sets the number of
   threads (1: search in the main thread, as without this file).  */

#include <config.h>

#include "grep-parallel.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#ifdef __GLIBC__
# include <stdio_ext.h>
#endif
#ifdef __linux__
# include <sys/vfs.h>
#endif

#include "bytecount.h"
#include "error.h"
#include "grep-file.h"
#include "grep-input.h"
#include "grep-output.h"
#include "grep.h"
#include "xalloc.h"

enum
{
  MAX_THREADS = 8,              /* by default, at most */
  QUEUE_SIZE = 256,
  MAX_KEPT = 32 * 1024 * 1024,
  STREAM_SIZE = 8 * 1024 * 1024,
  BATCH = 16,
  MAX_RUN = 8,                  /* jobs a worker takes at once */
  WAIT_AHEAD = 32
};

enum job_state { JOB_QUEUED, JOB_RUNNING, JOB_STREAMING, JOB_DONE };

/* A directory of the walk, for the files in it to be opened relative
   to it (fts's own descriptor moves on): a duplicate of fts's, shared
   by the jobs of a run of files in the directory and the walk.  */
struct dir
{
  int fd;
  size_t refs;
  bool short_read_ends;         /* grep_input_state's, for its files */
};

/* One file of the walk.  */
struct job
{
  struct dir *dir;              /* NULL: PATH is from the working dir */
  char *path;                   /* to open; NAME follows it */
  char const *name;
  bool command_line, show_name;
  size_t seq;                   /* its number in the walk */
  enum job_state state;
  bool streamed;                /* its output is printed already */
  struct grep_input_sim sim_start, sim_end;
  bool matched, error, used;    /* what it adds to the status */
  bool fatal;                   /* the program ends after it */
  struct json_stats json;       /* --json: its statistics */
  char *out;                    /* its output, kept */
  size_t outlen;
  struct output_event *events;
  size_t nevents;
};

struct grep_pool;

/* A thread of the pool, and the worker it searches with.  */
struct worker
{
  pthread_t thread;
  struct grep_pool *pool;
  struct grep_worker gw;
  FILE *stream;                 /* its memory stream */
  char *buf;
  size_t bufsize;
  struct output_capture capture;
  struct job *current;          /* the job it searches */
};

struct grep_pool
{
  /* The main thread's worker: it walks, prints, and searches what the
     pool does not.  */
  struct grep_worker *main;

  /* The jobs numbered [HEAD, TAIL) are in the queue, at their number
     modulo QUEUE_SIZE; from NEXT on, they wait for a worker.  KEPT is
     the size of the output of the ones that are done.  */
  struct job queue[QUEUE_SIZE];
  size_t head, next, tail;
  size_t kept;
  bool stopping;

  pthread_mutex_t lock;
  /* A job is queued, or the workers are to stop.  */
  pthread_cond_t work_cond;
  /* A job is done.  */
  pthread_cond_t done_cond;
  /* The head of the queue moved.  */
  pthread_cond_t head_cond;

  /* What the files printed so far have left, for the workers: the
     simulation's state and MAIN->out.used.  */
  struct grep_input_sim printed_sim;
  bool printed_used;
  /* The simulation's state that the last file searched (in the walk's
     order) has left: the likely start of the next ones.  */
  struct grep_input_sim predicted_sim;
  size_t predicted_seq;
  /* Workers waiting for a job, or for their job to be at the head; the
     main thread waiting for the head to be done.  */
  int idle;
  int head_waiters;
  bool main_waiting;
  /* The job the main thread waits for: the head, or one further on, so
     that it is not woken for each job when the queue is full.  */
  size_t main_wait_seq;

  struct worker *workers;
  int nworkers;
  /* Threads to use; whether they run.  */
  int nthreads;
  bool started;

  /* The directory of the walk's last file, and whether it was tried;
     how many are open, and how many may be.  */
  struct dir *walk_dir;
  bool walk_dir_tried;
  size_t ndirs, max_dirs;

  /* The files not handed over yet.  */
  struct job batch[BATCH];
  int nbatch;
};

struct grep_pool *
grep_pool_new (struct grep_worker *main_worker)
{
  struct grep_pool *p = xzalloc (sizeof *p);
  p->main = main_worker;
  pthread_mutex_init (&p->lock, NULL);
  pthread_cond_init (&p->work_cond, NULL);
  pthread_cond_init (&p->done_cond, NULL);
  pthread_cond_init (&p->head_cond, NULL);
  long n = opt.threads;
  if (n == 0)
    {
      n = sysconf (_SC_NPROCESSORS_ONLN);
      if (n < 1)
        n = 1;
      else if (n > MAX_THREADS)
        n = MAX_THREADS;
    }
  /* -q stops at the first match; --line-buffered wants each line at
     once.  */
  if (opt.quiet || opt.line_buffered)
    n = 1;
  p->nthreads = n;
  return p;
}

struct grep_worker *
grep_pool_main (struct grep_pool const *p)
{
  return p->main;
}

bool
grep_pool_enabled (struct grep_pool const *p)
{
  return p->nthreads > 1;
}

static bool
same_sim (struct grep_input_sim const *a, struct grep_input_sim const *b)
{
  return a->bufalloc == b->bufalloc && a->offset == b->offset;
}

/* Print OUT[0..LEN) and, at their place, the EVENTS, to stdout and
   stderr, through SINK (which prints to stdout).  */
static void
print_kept (struct grep_sink *sink, char const *out, size_t len,
            struct output_event const *events, size_t nevents)
{
  size_t pos = 0;
  for (size_t i = 0; i < nevents; i++)
    {
      size_t at = events[i].at;
      if (pos < at)
        fwrite (out + pos, 1, at - pos, stdout);
      pos = at;
      if (events[i].text)
        error (0, 0, "%s", events[i].text);
      else
        output_group_separator (sink);
    }
  if (pos < len)
    fwrite (out + pos, 1, len - pos, stdout);
  output_line_done (sink);
}

static void
free_events (struct output_event *events, size_t nevents)
{
  for (size_t i = 0; i < nevents; i++)
    free (events[i].text);
  free (events);
}

/* In a worker, from output_line_done: when the output kept is large,
   wait to be at the head of the queue, print it, and print the rest
   of the file directly.  */
static void
overflow (struct output_capture *cap, void *arg)
{
  if (ftello (cap->stream) < STREAM_SIZE)
    return;
  struct worker *w = arg;
  struct grep_pool *p = w->pool;
  struct job *j = w->current;
  pthread_mutex_lock (&p->lock);
  p->head_waiters++;
  /* The main thread may wait for a job after this one.  */
  if (p->main_waiting)
    pthread_cond_signal (&p->done_cond);
  while (p->head != j->seq)
    pthread_cond_wait (&p->head_cond, &p->lock);
  p->head_waiters--;
  bool in_step = same_sim (&j->sim_start, &p->printed_sim);
  bool used = p->printed_used;
  if (in_step)
    j->state = JOB_STREAMING;
  pthread_mutex_unlock (&p->lock);
  if (!in_step)
    {
      /* It will be searched again: keep it.  */
      cap->overflow = NULL;
      return;
    }
  /* The main thread waits for this job: stdout is ours.  */
  fflush (cap->stream);
  struct grep_sink *out = &w->gw.out;
  out->stream = stdout;
  out->capture = NULL;
  bool job_used = out->used;
  out->used = used;
  print_kept (out, w->buf, ftello (cap->stream), cap->events, cap->nevents);
  fseeko (cap->stream, 0, SEEK_SET);
  out->used = used || job_used;
  free_events (cap->events, cap->nevents);
  cap->events = NULL;
  cap->nevents = cap->eventalloc = 0;
  j->streamed = true;
}

/* Give W a new memory stream.  */
static void
new_stream (struct worker *w)
{
  w->stream = open_memstream (&w->buf, &w->bufsize);
  if (!w->stream)
    xalloc_die ();
#ifdef __GLIBC__
  /* Only this thread uses it: no need to lock it for each character.  */
  __fsetlocking (w->stream, FSETLOCKING_BYCALLER);
#endif
  w->capture.stream = w->stream;
}

/* In worker W: search the job J (its SIM_START set), and note what it
   gave.  */
static void
run_job (struct worker *w, struct job *j)
{
  struct grep_pool *p = w->pool;
  struct grep_worker *gw = &w->gw;
  w->current = j;
  gw->input.sim = j->sim_start;
  gw->matched_any = gw->error_seen = gw->out.used = gw->fatal = false;
  gw->json = (struct json_stats) { 0 };
  w->capture.lines = 0;
  w->capture.overflow = overflow;
  w->capture.overflow_arg = w;
  gw->out.stream = w->stream;
  gw->out.capture = &w->capture;
  gw->input.short_read_ends = j->dir && j->dir->short_read_ends;
  grep_file_at (gw, j->dir ? j->dir->fd : AT_FDCWD, j->path, j->name,
                j->command_line, j->show_name, true);
  gw->input.short_read_ends = false;
  if (!j->streamed)
    {
      /* Most files print nothing.  */
      off_t len = ftello (w->stream);
      if (len > 0)
        {
          /* Give the job the stream's buffer, and start another.  */
          if (fclose (w->stream) != 0)
            xalloc_die ();
          j->out = w->buf;
          j->outlen = len;
          w->buf = NULL;
          new_stream (w);
        }
      j->events = w->capture.events;
      j->nevents = w->capture.nevents;
      w->capture.events = NULL;
      w->capture.nevents = w->capture.eventalloc = 0;
    }
  j->sim_end = gw->input.sim;
  j->matched = gw->matched_any;
  j->error = gw->error_seen;
  j->used = gw->out.used;
  j->fatal = gw->fatal;
  j->json = gw->json;

  pthread_mutex_lock (&p->lock);
  j->state = JOB_DONE;
  p->kept += j->outlen;
  if (p->predicted_seq <= j->seq)
    {
      p->predicted_seq = j->seq;
      p->predicted_sim = j->sim_end;
    }
  if (p->main_waiting
      && (j->seq == p->main_wait_seq
          || (j->seq == p->head && p->head_waiters)))
    pthread_cond_signal (&p->done_cond);
  pthread_mutex_unlock (&p->lock);
}

static void *
worker_main (void *arg)
{
  struct worker *w = arg;
  struct grep_pool *p = w->pool;
  pthread_mutex_lock (&p->lock);
  for (;;)
    {
      while (p->next == p->tail && !p->stopping)
        {
          p->idle++;
          pthread_cond_wait (&p->work_cond, &p->lock);
          p->idle--;
        }
      if (p->next == p->tail)
        break;
      /* A run of jobs, the more the longer the queue: taking the lock
         for each would make the threads wait for one another.  */
      size_t run = (p->tail - p->next) / (p->nworkers + 1);
      run = run < 1 ? 1 : run > MAX_RUN ? MAX_RUN : run;
      size_t first = p->next;
      p->next += run;
      for (size_t i = 0; i < run; i++)
        p->queue[(first + i) % QUEUE_SIZE].state = JOB_RUNNING;
      struct grep_input_sim sim = p->predicted_sim;
      pthread_mutex_unlock (&p->lock);

      for (size_t i = 0; i < run; i++)
        {
          /* Each job of the run starts from what the one before left.  */
          struct job *j = &p->queue[(first + i) % QUEUE_SIZE];
          j->sim_start = sim;
          run_job (w, j);
          /* Not from J: done, it may be printed and its place taken by
             another file already.  */
          sim = w->gw.input.sim;
        }
      pthread_mutex_lock (&p->lock);
    }
  pthread_mutex_unlock (&p->lock);
  return NULL;
}

/* Start the workers; false if none could start.  */
static bool
start_workers (struct grep_pool *p)
{
  p->printed_sim = p->main->input.sim;
  p->predicted_sim = p->printed_sim;
  p->printed_used = p->main->out.used;
  p->workers = xcalloc (p->nthreads, sizeof *p->workers);
  /* The workers' scratches are made before any thread runs
     (grep_worker_init).  count_byte sets what it learns of the
     processor the first time.  */
  count_byte ("", 0, '\n');
  for (int i = 0; i < p->nthreads; i++)
    {
      struct worker *w = &p->workers[i];
      w->pool = p;
      grep_worker_init (&w->gw, p->main->matcher);
      w->gw.may_split = false;
      new_stream (w);
    }
  for (p->nworkers = 0; p->nworkers < p->nthreads; p->nworkers++)
    if (pthread_create (&p->workers[p->nworkers].thread, NULL, worker_main,
                        &p->workers[p->nworkers]) != 0)
      break;
  for (int i = p->nworkers; i < p->nthreads; i++)
    {
      struct worker *w = &p->workers[i];
      grep_worker_destroy (&w->gw);
      fclose (w->stream);
      free (w->buf);
    }
  p->started = p->nworkers > 0;
  if (!p->started)
    {
      free (p->workers);
      p->workers = NULL;
    }
  return p->started;
}

/* Whether a read of a regular file in the directory FD returns less
   than it was asked for only at the end of the file: on the file
   systems of disks and of memory, whose reads copy from the page
   cache; not on /proc's, sysfs's or a network's, whose files may give
   their data a part at a time (grep-input.h).  */
static bool
short_read_ends (int fd)
{
#ifdef __linux__
  struct statfs sf;
  if (fstatfs (fd, &sf) == 0)
    switch (sf.f_type)
      {
      case 0xEF53:              /* ext2, ext3, ext4 */
      case 0x58465342:          /* XFS */
      case 0x9123683E:          /* Btrfs */
      case 0xF2F52010:          /* F2FS */
      case 0x01021994:          /* tmpfs */
        return true;
      }
#else
  (void) fd;
#endif
  return false;
}

/* In the main thread: let go of a reference to D.  */
static void
dir_release (struct grep_pool *p, struct dir *d)
{
  if (d && --d->refs == 0)
    {
      close (d->fd);
      free (d);
      p->ndirs--;
    }
}

/* The directory of a file of the walk, whose own directory descriptor
   is DIRFD; NEW_DIR if the walk may have changed directories since the
   last file.  NULL if the file is to be opened by its path from the
   working directory.  */
static struct dir *
walk_dir_get (struct grep_pool *p, int dirfd, bool new_dir)
{
  if (new_dir)
    {
      dir_release (p, p->walk_dir);
      p->walk_dir = NULL;
      p->walk_dir_tried = false;
    }
  if (!p->walk_dir && !p->walk_dir_tried && 0 <= dirfd)
    {
      p->walk_dir_tried = true;
      if (p->max_dirs == 0)
        {
          /* Leave most descriptors to the files and to fts.  */
          struct rlimit rl;
          p->max_dirs = QUEUE_SIZE + BATCH;
          if (getrlimit (RLIMIT_NOFILE, &rl) == 0
              && rl.rlim_cur != RLIM_INFINITY
              && rl.rlim_cur / 4 < p->max_dirs)
            p->max_dirs = rl.rlim_cur / 4 + 1;
        }
      int fd = (p->ndirs + 1 < p->max_dirs
                ? fcntl (dirfd, F_DUPFD_CLOEXEC, 3) : -1);
      if (0 <= fd)
        {
          p->walk_dir = xmalloc (sizeof *p->walk_dir);
          p->walk_dir->fd = fd;
          p->walk_dir->refs = 1;
          p->walk_dir->short_read_ends = short_read_ends (fd);
          p->ndirs++;
        }
    }
  if (p->walk_dir)
    p->walk_dir->refs++;
  return p->walk_dir;
}

static void
job_init (struct job *j, char const *path, char const *name,
          bool command_line, bool show_name)
{
  size_t pathlen = strlen (path) + 1;
  size_t namelen = strlen (name) + 1;
  memset (j, 0, sizeof *j);
  j->path = xmalloc (pathlen + namelen);
  memcpy (j->path, path, pathlen);
  j->name = memcpy (j->path + pathlen, name, namelen);
  j->command_line = command_line;
  j->show_name = show_name;
}

/* Search J here and now, in the main thread.  */
static void
search_here (struct grep_pool *p, struct job *j)
{
  p->main->input.short_read_ends = j->dir && j->dir->short_read_ends;
  grep_file_at (p->main, j->dir ? j->dir->fd : AT_FDCWD, j->path, j->name,
                j->command_line, j->show_name, true);
  p->main->input.short_read_ends = false;
}

/* Print the job J, done, at the head of the queue.  */
static void
print_job (struct grep_pool *p, struct job *j)
{
  struct grep_worker *m = p->main;
  if (!j->streamed && !same_sim (&m->input.sim, &j->sim_start))
    {
      /* The files before left another state than it started from.  */
      search_here (p, j);
      return;
    }
  if (!j->streamed)
    print_kept (&m->out, j->out, j->outlen, j->events, j->nevents);
  if (j->fatal)
    exit (EXIT_TROUBLE);
  m->input.sim = j->sim_end;
  m->matched_any |= j->matched;
  m->error_seen |= j->error;
  m->out.used |= j->used;
  json_stats_add (&m->json, &j->json);
}

/* Print the jobs done at the head of the queue; wait for them while
   more than MAX_WAITING are in the queue, or too much output is
   kept.  */
static void
print_done (struct grep_pool *p, size_t max_waiting)
{
  pthread_mutex_lock (&p->lock);
  while (p->head < p->tail)
    {
      if (p->queue[p->head % QUEUE_SIZE].state != JOB_DONE)
        {
          if (p->tail - p->head <= max_waiting && p->kept <= MAX_KEPT)
            break;
          if (p->idle && p->next < p->tail)
            pthread_cond_broadcast (&p->work_cond);
          /* Wait for the head, or, when only room in the queue is
             wanted, for a job WAIT_AHEAD further: most of those
             before it are done by then.  */
          size_t ahead = p->tail - p->head - 1;
          if (p->head_waiters || p->kept > MAX_KEPT)
            ahead = 0;
          else if (max_waiting > 0 && ahead > WAIT_AHEAD)
            ahead = WAIT_AHEAD;
          p->main_wait_seq = p->head + ahead;
          if (p->queue[p->main_wait_seq % QUEUE_SIZE].state != JOB_DONE)
            {
              p->main_waiting = true;
              pthread_cond_wait (&p->done_cond, &p->lock);
              p->main_waiting = false;
            }
          else if (ahead == 0)
            continue;
          else
            {
              /* Done already: wait for the head only.  */
              p->main_wait_seq = p->head;
              p->main_waiting = true;
              pthread_cond_wait (&p->done_cond, &p->lock);
              p->main_waiting = false;
            }
          continue;
        }
      /* The jobs done from the head on: print them unlocked.  */
      size_t n = 1;
      while (p->head + n < p->tail
             && p->queue[(p->head + n) % QUEUE_SIZE].state == JOB_DONE)
        n++;
      pthread_mutex_unlock (&p->lock);
      size_t freed = 0;
      for (size_t i = 0; i < n; i++)
        {
          struct job *j = &p->queue[(p->head + i) % QUEUE_SIZE];
          print_job (p, j);
          freed += j->outlen;
          free (j->out);
          free_events (j->events, j->nevents);
          free (j->path);
          dir_release (p, j->dir);
        }
      pthread_mutex_lock (&p->lock);
      p->kept -= freed;
      p->printed_sim = p->main->input.sim;
      p->printed_used = p->main->out.used;
      p->head += n;
      if (p->head_waiters)
        pthread_cond_broadcast (&p->head_cond);
    }
  pthread_mutex_unlock (&p->lock);
}

/* Hand the files of the batch over to the workers.  */
static void
flush_batch (struct grep_pool *p)
{
  print_done (p, QUEUE_SIZE - p->nbatch);
  pthread_mutex_lock (&p->lock);
  for (int i = 0; i < p->nbatch; i++)
    {
      struct job *j = &p->queue[p->tail % QUEUE_SIZE];
      *j = p->batch[i];
      j->seq = p->tail++;
      j->state = JOB_QUEUED;
    }
  p->nbatch = 0;
  if (p->idle)
    pthread_cond_broadcast (&p->work_cond);
  pthread_mutex_unlock (&p->lock);
  /* Print what is done, without waiting.  */
  print_done (p, QUEUE_SIZE);
}

/* Search the files of the batch here and now.  */
static void
search_batch_here (struct grep_pool *p)
{
  for (int i = 0; i < p->nbatch; i++)
    {
      search_here (p, &p->batch[i]);
      free (p->batch[i].path);
      dir_release (p, p->batch[i].dir);
    }
  p->nbatch = 0;
}

void
grep_pool_file (struct grep_pool *p, int dirfd, char const *accpath,
                char const *path, char const *name, bool command_line,
                bool show_name, bool new_dir)
{
  struct dir *d = walk_dir_get (p, dirfd, new_dir);
  job_init (&p->batch[p->nbatch], d ? accpath : path, name, command_line,
            show_name);
  p->batch[p->nbatch++].dir = d;
  if (p->nbatch < BATCH)
    return;
  if (!p->started && !start_workers (p))
    {
      /* No thread: search here.  */
      p->nthreads = 1;
      search_batch_here (p);
      return;
    }
  flush_batch (p);
}

void
grep_pool_drain (struct grep_pool *p)
{
  dir_release (p, p->walk_dir);
  p->walk_dir = NULL;
  p->walk_dir_tried = false;
  if (!p->started)
    search_batch_here (p);
  else
    {
      if (p->nbatch)
        flush_batch (p);
      print_done (p, 0);
    }
}

void
grep_pool_free (struct grep_pool *p)
{
  grep_pool_drain (p);
  if (p->started)
    {
          p->stopping = true;
      pthread_cond_broadcast (&p->work_cond);
      pthread_mutex_unlock (&p->lock);
      for (int i = 0; i < p->nworkers; i++)
        {
          struct worker *w = &p->workers[i];
          pthread_join (w->thread, NULL);
          grep_worker_destroy (&w->gw);
          fclose (w->stream);
          free (w->buf);
          free_events (w->capture.events, w->capture.nevents);
        }
      free (p->workers);
    }
  pthread_cond_destroy (&p->head_cond);
  pthread_cond_destroy (&p->done_cond);
  pthread_cond_destroy (&p->work_cond);
  pthread_mutex_destroy (&p->lock);
  free (p);
}

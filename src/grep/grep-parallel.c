/* grep-parallel.c -- -r on several cores, output in the walk's order.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   The walk (grep-recurse.c) hands the regular files it meets to
   grep_parallel_file, which puts them in a bounded queue.  Worker
   threads take them in order and search each as grep_file_at does,
   with their own matcher (the engines' compiled patterns change while
   they search) in their own copy of the options, their output going to
   a memory stream instead of stdout (output_stream, output_capture in
   grep-output.c).  The main thread, between the files of the walk,
   prints the finished files at the head of the queue: their output
   and, at their place in it, their messages for stderr and the group
   separator that depends on the files before (output_used).  So the
   output is the same as one thread's, byte for byte, and so is the
   order of stdout and stderr.

   What carries from one file to the next is kept as in one thread:
   the exit status (matched_any, error_seen), output_used, and
   grep-input.c's simulation of GNU grep's buffer, which decides where
   binary data starts.  A worker searches a file from the state that
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
   starts no thread.  MMGREP_THREADS=N sets the number of workers (1:
   search in the main thread, as without this file).  */

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

#include "bytecount.h"
#include "error.h"
#include "grep-input.h"
#include "grep-output.h"
#include "grep-recurse.h"
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
  char *out;                    /* its output, kept */
  size_t outlen;
  struct output_event *events;
  size_t nevents;
};

/* The jobs numbered [HEAD, TAIL) are in the queue, at their number
   modulo QUEUE_SIZE; from NEXT on, they wait for a worker.  KEPT is the
   size of the output of the ones that are done.  */
static struct job queue[QUEUE_SIZE];
static size_t head, next, tail;
static size_t kept;
static bool stopping;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* A job is queued, or the workers are to stop.  */
static pthread_cond_t work_cond = PTHREAD_COND_INITIALIZER;
/* A job is done.  */
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
/* The head of the queue moved.  */
static pthread_cond_t head_cond = PTHREAD_COND_INITIALIZER;

/* What the files printed so far have left, for the workers: the
   simulation's state and output_used (the main thread's).  */
static struct grep_input_sim printed_sim;
static bool printed_used;
/* The simulation's state that the last file searched (in the walk's
   order) has left: the likely start of the next ones.  */
static struct grep_input_sim predicted_sim;
static size_t predicted_seq;
/* Workers waiting for a job, or for their job to be at the head; the
   main thread waiting for the head to be done.  */
static int idle;
static int head_waiters;
static bool main_waiting;
/* The job the main thread waits for: the head, or one further on, so
   that it is not woken for each job when the queue is full.  */
static size_t main_wait_seq;

struct worker
{
  pthread_t thread;
  struct matcher *matcher;
  FILE *stream;                 /* its memory stream */
  char *buf;
  size_t bufsize;
  struct output_capture capture;
};
static struct worker *workers;
static int nworkers;
/* Threads to use (-1 until decided); whether they run.  */
static int nthreads = -1;
static bool started;
bool grep_parallel_running;
/* The options for the workers.  */
static struct grep_options worker_opt;

/* The directory of the walk's last file, and whether it was tried;
   how many are open, and how many may be.  */
static struct dir *walk_dir;
static bool walk_dir_tried;
static size_t ndirs, max_dirs;

/* The files not handed over yet.  */
static struct job batch[BATCH];
static int nbatch;

/* In a worker: itself, and the job it searches.  */
static thread_local struct worker *self;
static thread_local struct job *current;

bool
grep_parallel_enabled (void)
{
  if (nthreads < 0)
    {
      long n = 0;
      char const *env = getenv ("MMGREP_THREADS");
      if (env && *env)
        {
          char *end;
          n = strtol (env, &end, 10);
          if (*end || n < 1)
            n = 0;
          else if (n > 64)
            n = 64;
        }
      if (n == 0)
        {
          n = sysconf (_SC_NPROCESSORS_ONLN);
          if (n < 1)
            n = 1;
          else if (n > MAX_THREADS)
            n = MAX_THREADS;
        }
      /* -q stops at the first match; --line-buffered wants each line
         at once.  */
      if (opt.quiet || opt.line_buffered)
        n = 1;
      nthreads = n;
    }
  return nthreads > 1;
}

static bool
same_sim (struct grep_input_sim const *a, struct grep_input_sim const *b)
{
  return a->bufalloc == b->bufalloc && a->offset == b->offset;
}

/* Print OUT[0..LEN) and, at their place, the EVENTS, to stdout and
   stderr.  */
static void
print_kept (char const *out, size_t len, struct output_event const *events,
            size_t nevents)
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
        output_group_separator ();
    }
  if (pos < len)
    fwrite (out + pos, 1, len - pos, stdout);
  output_line_done ();
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
overflow (struct output_capture *cap)
{
  if (ftello (cap->stream) < STREAM_SIZE)
    return;
  struct job *j = current;
  pthread_mutex_lock (&lock);
  head_waiters++;
  /* The main thread may wait for a job after this one.  */
  if (main_waiting)
    pthread_cond_signal (&done_cond);
  while (head != j->seq)
    pthread_cond_wait (&head_cond, &lock);
  head_waiters--;
  bool in_step = same_sim (&j->sim_start, &printed_sim);
  bool used = printed_used;
  if (in_step)
    j->state = JOB_STREAMING;
  pthread_mutex_unlock (&lock);
  if (!in_step)
    {
      /* It will be searched again: keep it.  */
      cap->overflow = NULL;
      return;
    }
  /* The main thread waits for this job: stdout is ours.  */
  fflush (cap->stream);
  output_stream = stdout;
  output_capture = NULL;
  bool job_used = output_used;
  output_used = used;
  print_kept (self->buf, ftello (cap->stream), cap->events, cap->nevents);
  fseeko (cap->stream, 0, SEEK_SET);
  output_used = used || job_used;
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
  current = j;
  grep_input_sim_set (&j->sim_start);
  matched_any = error_seen = output_used = false;
  w->capture.lines = 0;
  w->capture.overflow = overflow;
  output_stream = w->stream;
  output_capture = &w->capture;
  grep_file_at (j->dir ? j->dir->fd : AT_FDCWD, j->path, j->name,
                j->command_line, j->show_name, true);
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
  grep_input_sim_get (&j->sim_end);
  j->matched = matched_any;
  j->error = error_seen;
  j->used = output_used;

  pthread_mutex_lock (&lock);
  j->state = JOB_DONE;
  kept += j->outlen;
  if (predicted_seq <= j->seq)
    {
      predicted_seq = j->seq;
      predicted_sim = j->sim_end;
    }
  if (main_waiting
      && (j->seq == main_wait_seq || (j->seq == head && head_waiters)))
    pthread_cond_signal (&done_cond);
  pthread_mutex_unlock (&lock);
}

static void *
worker_main (void *arg)
{
  struct worker *w = arg;
  self = w;
  opt = worker_opt;
  opt.matcher = w->matcher;

  pthread_mutex_lock (&lock);
  for (;;)
    {
      while (next == tail && !stopping)
        {
          idle++;
          pthread_cond_wait (&work_cond, &lock);
          idle--;
        }
      if (next == tail)
        break;
      /* A run of jobs, the more the longer the queue: taking the lock
         for each would make the threads wait for one another.  */
      size_t run = (tail - next) / (nworkers + 1);
      run = run < 1 ? 1 : run > MAX_RUN ? MAX_RUN : run;
      size_t first = next;
      next += run;
      for (size_t i = 0; i < run; i++)
        queue[(first + i) % QUEUE_SIZE].state = JOB_RUNNING;
      struct grep_input_sim sim = predicted_sim;
      pthread_mutex_unlock (&lock);

      for (size_t i = 0; i < run; i++)
        {
          /* Each job of the run starts from what the one before left.  */
          struct job *j = &queue[(first + i) % QUEUE_SIZE];
          j->sim_start = sim;
          run_job (w, j);
          /* Not from J: done, it may be printed and its place taken by
             another file already.  */
          grep_input_sim_get (&sim);
        }
      pthread_mutex_lock (&lock);
    }
  pthread_mutex_unlock (&lock);
  output_stream = stdout;
  output_capture = NULL;
  grep_input_free_spare ();
  return NULL;
}

/* Start the workers; false if none could start.  */
static bool
start_workers (void)
{
  worker_opt = opt;
  grep_input_sim_get (&printed_sim);
  predicted_sim = printed_sim;
  printed_used = output_used;
  workers = xcalloc (nthreads, sizeof *workers);
  /* Compile before any thread runs: compiling sets globals that the
     engines read (matcher_multibyte, the locale's information).  So
     does count_byte, the first time.  */
  count_byte ("", 0, '\n');
  for (int i = 0; i < nthreads; i++)
    {
      struct worker *w = &workers[i];
      new_stream (w);
      w->matcher = matcher_clone (opt.matcher);
    }
  for (nworkers = 0; nworkers < nthreads; nworkers++)
    if (pthread_create (&workers[nworkers].thread, NULL, worker_main,
                        &workers[nworkers]) != 0)
      break;
  for (int i = nworkers; i < nthreads; i++)
    {
      struct worker *w = &workers[i];
      matcher_free (w->matcher);
      fclose (w->stream);
      free (w->buf);
    }
  started = nworkers > 0;
  grep_parallel_running = started;
  if (!started)
    {
      free (workers);
      workers = NULL;
    }
  return started;
}

/* In the main thread: let go of a reference to D.  */
static void
dir_release (struct dir *d)
{
  if (d && --d->refs == 0)
    {
      close (d->fd);
      free (d);
      ndirs--;
    }
}

/* The directory of a file of the walk, whose own directory descriptor
   is DIRFD; NEW_DIR if the walk may have changed directories since the
   last file.  NULL if the file is to be opened by its path from the
   working directory.  */
static struct dir *
walk_dir_get (int dirfd, bool new_dir)
{
  if (new_dir)
    {
      dir_release (walk_dir);
      walk_dir = NULL;
      walk_dir_tried = false;
    }
  if (!walk_dir && !walk_dir_tried && 0 <= dirfd)
    {
      walk_dir_tried = true;
      if (max_dirs == 0)
        {
          /* Leave most descriptors to the files and to fts.  */
          struct rlimit rl;
          max_dirs = QUEUE_SIZE + BATCH;
          if (getrlimit (RLIMIT_NOFILE, &rl) == 0
              && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 4 < max_dirs)
            max_dirs = rl.rlim_cur / 4 + 1;
        }
      int fd = ndirs + 1 < max_dirs ? fcntl (dirfd, F_DUPFD_CLOEXEC, 3) : -1;
      if (0 <= fd)
        {
          walk_dir = xmalloc (sizeof *walk_dir);
          walk_dir->fd = fd;
          walk_dir->refs = 1;
          ndirs++;
        }
    }
  if (walk_dir)
    walk_dir->refs++;
  return walk_dir;
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

/* Search J here and now.  */
static void
search_here (struct job *j)
{
  grep_file_at (j->dir ? j->dir->fd : AT_FDCWD, j->path, j->name,
                j->command_line, j->show_name, true);
}

/* Print the job J, done, at the head of the queue.  */
static void
print_job (struct job *j)
{
  struct grep_input_sim sim;
  grep_input_sim_get (&sim);
  if (!j->streamed && !same_sim (&sim, &j->sim_start))
    {
      /* The files before left another state than it started from.  */
      search_here (j);
      return;
    }
  if (!j->streamed)
    print_kept (j->out, j->outlen, j->events, j->nevents);
  grep_input_sim_set (&j->sim_end);
  matched_any |= j->matched;
  error_seen |= j->error;
  output_used |= j->used;
}

/* Print the jobs done at the head of the queue; wait for them while
   more than MAX_WAITING are in the queue, or too much output is
   kept.  */
static void
print_done (size_t max_waiting)
{
  pthread_mutex_lock (&lock);
  while (head < tail)
    {
      if (queue[head % QUEUE_SIZE].state != JOB_DONE)
        {
          if (tail - head <= max_waiting && kept <= MAX_KEPT)
            break;
          if (idle && next < tail)
            pthread_cond_broadcast (&work_cond);
          /* Wait for the head, or, when only room in the queue is
             wanted, for a job WAIT_AHEAD further: most of those
             before it are done by then.  */
          size_t ahead = tail - head - 1;
          if (head_waiters || kept > MAX_KEPT)
            ahead = 0;
          else if (max_waiting > 0 && ahead > WAIT_AHEAD)
            ahead = WAIT_AHEAD;
          main_wait_seq = head + ahead;
          if (queue[main_wait_seq % QUEUE_SIZE].state != JOB_DONE)
            {
              main_waiting = true;
              pthread_cond_wait (&done_cond, &lock);
              main_waiting = false;
            }
          else if (ahead == 0)
            continue;
          else
            {
              /* Done already: wait for the head only.  */
              main_wait_seq = head;
              main_waiting = true;
              pthread_cond_wait (&done_cond, &lock);
              main_waiting = false;
            }
          continue;
        }
      /* The jobs done from the head on: print them unlocked.  */
      size_t n = 1;
      while (head + n < tail
             && queue[(head + n) % QUEUE_SIZE].state == JOB_DONE)
        n++;
      pthread_mutex_unlock (&lock);
      size_t freed = 0;
      for (size_t i = 0; i < n; i++)
        {
          struct job *j = &queue[(head + i) % QUEUE_SIZE];
          print_job (j);
          freed += j->outlen;
          free (j->out);
          free_events (j->events, j->nevents);
          free (j->path);
          dir_release (j->dir);
        }
      pthread_mutex_lock (&lock);
      kept -= freed;
      grep_input_sim_get (&printed_sim);
      printed_used = output_used;
      head += n;
      if (head_waiters)
        pthread_cond_broadcast (&head_cond);
    }
  pthread_mutex_unlock (&lock);
}

/* Hand the files of the batch over to the workers.  */
static void
flush_batch (void)
{
  print_done (QUEUE_SIZE - nbatch);
  pthread_mutex_lock (&lock);
  for (int i = 0; i < nbatch; i++)
    {
      struct job *j = &queue[tail % QUEUE_SIZE];
      *j = batch[i];
      j->seq = tail++;
      j->state = JOB_QUEUED;
    }
  nbatch = 0;
  if (idle)
    pthread_cond_broadcast (&work_cond);
  pthread_mutex_unlock (&lock);
  /* Print what is done, without waiting.  */
  print_done (QUEUE_SIZE);
}

/* Search the files of the batch here and now.  */
static void
search_batch_here (void)
{
  for (int i = 0; i < nbatch; i++)
    {
      search_here (&batch[i]);
      free (batch[i].path);
      dir_release (batch[i].dir);
    }
  nbatch = 0;
}

void
grep_parallel_file (int dirfd, char const *accpath, char const *path,
                    char const *name, bool command_line, bool show_name,
                    bool new_dir)
{
  struct dir *d = walk_dir_get (dirfd, new_dir);
  job_init (&batch[nbatch], d ? accpath : path, name, command_line,
            show_name);
  batch[nbatch++].dir = d;
  if (nbatch < BATCH)
    return;
  if (!started && !start_workers ())
    {
      /* No thread: search here.  */
      nthreads = 1;
      search_batch_here ();
      return;
    }
  flush_batch ();
}

void
grep_parallel_drain (void)
{
  dir_release (walk_dir);
  walk_dir = NULL;
  walk_dir_tried = false;
  if (!started)
    search_batch_here ();
  else
    {
      if (nbatch)
        flush_batch ();
      print_done (0);
    }
}

void
grep_parallel_finish (void)
{
  grep_parallel_drain ();
  if (!started)
    return;
  pthread_mutex_lock (&lock);
  stopping = true;
  pthread_cond_broadcast (&work_cond);
  pthread_mutex_unlock (&lock);
  for (int i = 0; i < nworkers; i++)
    {
      struct worker *w = &workers[i];
      pthread_join (w->thread, NULL);
      matcher_free (w->matcher);
      fclose (w->stream);
      free (w->buf);
      free_events (w->capture.events, w->capture.nevents);
    }
  free (workers);
  workers = NULL;
  started = grep_parallel_running = false;
}

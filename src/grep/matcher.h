/* matcher.h -- the one interface behind which mmgrep's engines sit.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   An engine compiles a list of patterns once and then searches a
   buffer of whole lines: the caller never loops line by line, the
   engine finds the next matching line (or, inside one line, the next
   match) and only then looks for the line's boundaries.  The patterns
   are compiled once and shared by every thread; what a search changes
   is in a scratch of the thread's own.  The engines
   are engine-regex.c (-G, -E: gnulib's dfa as the decider, GNU regex
   for back-references and match bounds), engine-fixed.c (-F) and
   engine-pcre.c (-P).  */

#ifndef MMGREP_MATCHER_H
#define MMGREP_MATCHER_H

#include <stdbool.h>
#include <stddef.h>

enum matcher_syntax
{
  MATCHER_BRE,                  /* -G */
  MATCHER_ERE,                  /* -E */
  MATCHER_FIXED,                /* -F */
  MATCHER_PCRE                  /* -P */
};

/* Flags of matcher_compile.  */
enum
{
  MATCHER_ICASE = 1 << 0,       /* -i */
  MATCHER_WORDS = 1 << 1,       /* -w */
  MATCHER_LINES = 1 << 2,       /* -x */
  MATCHER_NUL_EOL = 1 << 3,     /* -z: lines end in NUL, not newline */
  /* Between engines: the regex engine must not hand plain strings back
     to the fixed-string engine.  */
  MATCHER_NO_FIXED = 1 << 8,
  /* Set by matcher_compile with -w when GNU grep 3.8 searches the
     patterns with its fixed-string matcher (even -G and -E ones): its
     -w retries then take a shorter match down to an empty one, where
     those of its regex matcher go on to a later start.  */
  MATCHER_GREP_FIXED = 1 << 9,
  /* Set by matcher_compile with -i in a multibyte locale when GNU
     grep 3.8 searches the patterns with its regex matcher (one -G or
     -E pattern, -F strings whose case its fixed-string matcher cannot
     fold): an engine that searches plain strings otherwise must ask
     GNU regex, as grep does, where regex and the strings may disagree
     (see matcher_encoding_error).  */
  MATCHER_GREP_REGEX = 1 << 10
};

struct matcher;

/* What an engine's scan for a string that every match contains proved
   on the way, where the caller asked (matcher_nul_proof_start): the
   text FROM..TO holds no NUL byte.  TO grows over contiguous proofs
   only (matcher_find_proving).  */
struct nul_proof
{
  char const *from, *to;
};

/* The operations of one engine.  */
struct matcher_engine
{
  /* Compile PATTERNS (SIZE bytes, one pattern per line, separated by
     newlines) with FLAGS into *COMPILED.  On a bad pattern, print
     grep's message and exit with status 2.  *COMPILED is set as soon
     as the engine's object exists, and what the engine allocates is
     reachable from it all along, so that when error or exit do not
     return (the fuzz targets' build makes them jump back) the free
     operation below frees a partly compiled object.  */
  void (*compile) (void **compiled, char const *patterns, size_t size,
                   int flags);
  /* A thread's scratch for COMPILED (NULL when the engine changes
     nothing while it searches), and its end.  */
  void *(*scratch_new) (void const *compiled);
  void (*scratch_free) (void *scratch);
  /* See matcher_execute.  COMPILED is only read: every thread uses
     it at once, each with its own SCRATCH.  PROOF, when not NULL, is
     to be extended with what the search proves holds no NUL (engines
     may ignore it).  */
  ptrdiff_t (*execute) (void const *compiled, void *scratch, char *buf,
                        size_t size, size_t *match_size, char const *start,
                        struct nul_proof *proof);
  /* Free COMPILED, whole or partly compiled; NULL is ignored.  */
  void (*free) (void *compiled);
  /* See matcher_error; NULL for an engine that never fails.  */
  char *(*error) (void *scratch, char const *name);
  /* For matcher_grep_selects_empty_line: whether an empty line
     matches when the byte before it is not an end of line (-P: the
     empty subject with PCRE2_NOTBOL), as matcher_execute answers.
     NULL for an engine whose answer does not depend on that byte.  */
  ptrdiff_t (*empty_notbol) (void const *compiled, void *scratch);
};

extern struct matcher_engine const engine_regex_bre;
extern struct matcher_engine const engine_regex_ere;
extern struct matcher_engine const engine_fixed;
extern struct matcher_engine const engine_pcre;

/* For --version: the version of the library behind an optional engine
   ("10.42" for PCRE2, "5.4.0" for Hyperscan), NULL when mmgrep was
   built without it; and whether Hyperscan runs on this processor.
   Call them from the main thread only.  */
char const *matcher_pcre2_version (void);
char const *matcher_hyperscan_version (void);
bool matcher_hyperscan_usable (void);

/* Where patterns came from, for the messages about them: pattern
   FIRST (counting from 0 in the list matcher_compile is given) is line
   LINE of FILE, and those after it the lines after, up to the next
   origin's FIRST.  FILE is "" for the command line.  */
struct matcher_origin
{
  size_t first;
  char const *file;
  size_t line;
};

/* A new matcher, empty: compile into it with matcher_compile, or free
   it with matcher_free.  */
struct matcher *matcher_new (void);

/* Compile PATTERNS for SYNTAX into M (new, from matcher_new); ORIGINS
   (NORIGINS of them, by increasing FIRST; it must outlive the
   compilation) say where they came from.  A bad pattern: grep's
   message, then exit 2; -P without PCRE2 is one, as in a GNU grep
   built without it.  What is compiled is reachable from M as it is
   built: where error and exit return to the caller by a longjmp (the
   fuzz targets' build), matcher_free (M) frees a matcher whose
   compilation stopped half-way.  M is read-only from then on: every
   thread searches with it, each with a scratch of its own
   (matcher_scratch_new).  Compile before any thread starts: compiling
   sets the locale's facts that the engines read.  */
void matcher_compile (struct matcher *m, char const *patterns, size_t size,
                      enum matcher_syntax syntax, int flags,
                      struct matcher_origin const *origins,
                      size_t norigins);

/* For the engines, while compiling: print MSG, the error in pattern
   INDEX (counting from 0), as grep does: after "FILE:LINE: " when the
   pattern came from a file (-f).  */
void matcher_pattern_error (size_t index, char const *msg);

/* What one thread changes while it searches with a matcher: the
   engines' mutable state (the DFA's states, built as it goes; regex
   registers; Hyperscan's scratch; PCRE2's match data and JIT stack).
   Each thread has its own; a scratch is never used by two threads at
   once, and belongs to the matcher it was made for.  */
struct matcher_scratch;

/* A scratch for searching with M, in the calling thread or another;
   M must outlive it.  Out of memory: the message and exit 2.  */
struct matcher_scratch *matcher_scratch_new (struct matcher const *m);

void matcher_scratch_free (struct matcher_scratch *s);

/* Search BUF[0..SIZE), whole lines each ending in the end-of-line byte
   (so BUF[SIZE - 1] is one).  BUF[SIZE] must be writable: an engine
   may store a sentinel there for a while, and restores it.
   With START NULL: find the first line that matches, return its offset
   in BUF and set *MATCH_SIZE to its length, end-of-line byte included.
   With START in BUF (BUF..BUF+SIZE then being one line): find the
   leftmost-longest match that begins at or after START, return its
   offset in BUF and set *MATCH_SIZE to its length (0 for an empty
   match).  Return -1 when there is none, MATCHER_FAILED when the
   engine failed.  S is the calling thread's scratch for M.  */
ptrdiff_t matcher_execute (struct matcher const *m, struct matcher_scratch *s,
                           char *buf, size_t size, size_t *match_size,
                           char const *start);

/* From now on, the searches with S (without START) note how far the
   text from AT on holds no NUL byte, as far as their scans for a
   string that every match contains prove it along the way (the
   fixed-string engine; -G, -E with such a string): nearly free, where
   the scan for NULs of binary-file detection would read the text
   again.  matcher_nul_proof_end returns that end (AT at least) and
   stops noting.  Nothing is proved about what those searches did not
   scan, and a NUL stops the proof: the caller looks for NULs from
   there on, as without.  */
void matcher_nul_proof_start (struct matcher_scratch *s, char const *at);
char const *matcher_nul_proof_end (struct matcher_scratch *s);

/* For the engines: where NEEDLE first occurs in P..P+N, or NULL, as
   mmu__memfind_needle finds it; with PROOF (not NULL), the same scan
   also proves a start of P.. free of NULs (mmu__memfind_needle_nul),
   and PROOF is extended over it if that joins it.  */
struct mmu__needle;
char const *matcher_find_proving (struct nul_proof *proof, char const *p,
                                  size_t n,
                                  struct mmu__needle const *needle);
/* For the engines: extend PROOF (when not NULL) up to UPTO by looking
   for a NUL (with memchr) in what it lacks: a candidate's line, just
   read.  */
void matcher_nul_bridge (struct nul_proof *proof, char const *upto);

/* What matcher_execute returns when the engine failed (-P: one of
   PCRE2's limits was reached, after the JIT stack grew as far as it
   may): the search of this input cannot go on.  */
enum { MATCHER_FAILED = -2 };

/* Why the last matcher_execute with S failed, about the input NAME,
   as grep says it ("NAME: exceeded PCRE's backtracking limit"): a
   string to free.  */
char *matcher_error (struct matcher_scratch *s, char const *name);

/* Whether GNU grep 3.8 would think, at start-up, that an empty line
   can be selected (INVERT being -v).  When it thinks not, grep skips
   the holes of sparse files and the reads that hold only NUL bytes in
   binary files, and mmgrep must skip what grep skips to print grep's
   counts.  grep asks its matcher once about the line "\n" with a NUL
   byte before it ("char eolbytes[3] = { 0, eolbyte, 0 }"), and two of
   its matchers look at that byte: its -P matcher does not let '^'
   match after a byte other than an end of line (PCRE2_NOTBOL), and
   its fixed-string matcher with -x looks for the patterns between two
   ends of line, so it never finds one there.  With -z the byte before
   is an end of line and the answer is the true one.  M must have been
   compiled by matcher_compile, which notes the matcher grep would
   choose for the same patterns, options and locale; S is the calling
   thread's scratch for M.  On an engine failure, say yes (nothing is
   skipped).  */
bool matcher_grep_selects_empty_line (struct matcher const *m,
                                      struct matcher_scratch *s,
                                      bool invert);

/* Free M, once every scratch made for it is freed.  */
void matcher_free (struct matcher *m);

/* When set, compiling prints no warnings.  matcher_compile sets it:
   what warns is said once.  */
extern bool matcher_no_warnings;

/* For the engines: whether the character at P (before LIM) is a word
   constituent (alphanumeric or underscore), and whether the one that
   holds the byte just before P is (BEG being a character start at or
   before P, such as the line's, and LIM bounding the decoding).  In
   multibyte locales, the whole character counts, decoded at P
   whether or not a character starts there, as in grep.  */
bool matcher_wordchar_at (char const *p, char const *lim);
bool matcher_wordchar_before (char const *beg, char const *p,
                              char const *lim);

/* For the engines: the line of FROM..LIM that P is in, FROM being a
   line start at or before P.  Return its start and set *NEXT to just
   after its end-of-line byte EOL (LIM if there is none).  */
char *matcher_line (char const *from, char const *p, char const *lim,
                    char eol, char **next);

/* For the engines: the length of the character at P (1 for an
   encoding error or a single byte), and whether the locale is
   multibyte.  */
size_t matcher_charlen (char const *p, char const *lim);
extern bool matcher_multibyte;

/* For the engines: whether the locale's multibyte encoding lets a
   byte inside a character start another (EUC-JP, Big5, GB18030: not
   UTF-8), so that a byte string can be found straddling two
   characters; and, in such a locale, whether a character starts at M
   in the line that starts at BEG (decoding before LIM; an encoding
   error counts as a one-byte character).  Always true in other
   locales.  As in grep, a match must start on a character boundary
   but may end inside a character: a pattern that ends with a lead
   byte matches the start of a character.  */
extern bool matcher_unsync;
bool matcher_char_starts (char const *beg, char const *m, char const *lim);

/* For the engines: whether P..LIM holds an encoding error (an
   invalid or incomplete character) in a multibyte locale.  On such a
   line, GNU regex with RE_ICASE (grep 3.8's regex matcher, which -o
   and --color use, and -w in a multibyte locale) can miss matches:
   it searches an upper-cased copy of the line, and after a character
   whose upper case has another length ("\xc5\xbf", U+017F, into "S",
   U+0250 into U+2C6F), on a line that ends with an incomplete
   character, the matches near the end are lost (in C.UTF-8, -o a
   prints nothing on "\xc5\xbfa\xc3").  The engines ask regex about
   every line with an encoding error, a superset of those.  */
bool matcher_encoding_error (char const *p, char const *lim);

#endif /* MMGREP_MATCHER_H */

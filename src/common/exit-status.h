/* exit-status.h -- the programs' exit statuses, by name.

   Copyright (C) 2026 The mmap-util authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   Each program exits as the tool it resembles: mmgrep as grep (0 a
   line was selected, 1 none was, 2 trouble), mmpatch as grep and patch
   (0 patched, 1 a pattern searched for was not found, 2 trouble), and
   mmcat as cat (0, or 1 on trouble).  The manual lists them in each
   program's chapter.  */

#ifndef MMU_EXIT_STATUS_H
#define MMU_EXIT_STATUS_H

/* mmgrep.  */
enum { EXIT_MATCH = 0, EXIT_NOMATCH = 1 };

/* mmpatch.  */
enum { EXIT_PATCHED = 0, EXIT_NOTFOUND = 1 };

/* Trouble, for mmgrep and mmpatch.  */
enum { EXIT_TROUBLE = 2 };

/* Trouble, for mmcat: 1, as cat's.  */
enum { EXIT_CAT_TROUBLE = 1 };

#endif /* MMU_EXIT_STATUS_H */

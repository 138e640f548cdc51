#!/usr/bin/env python3
# cpython-diff.py -- differential run: libmmap-util against CPython's mmap.
# Copyright (C) 2026 The mmap-util authors.
# Copying and distribution of this file, with or without modification,
# are permitted in any medium without royalty provided the copyright
# notice and this notice are preserved.
#
# Drives CPython's mmap.mmap and libmmap-util (through ctypes) with the
# same random sequences of operations, each on its own copy of the same
# file, and compares after every step: the result, the exception (as
# the errno the manual maps it to), the map's bytes and cursor, and the
# file.  Differences that the manual lists as deliberate ("Python
# correspondence") are counted apart, not reported as failures.
#
# Not part of 'make check': run it by hand, from the build directory,
# with CPython 3.13 (the reference):
#
#   ~/.pyenv/versions/3.13*/bin/python3 $srcdir/testsuite/cpython-diff.py \
#       [--lib lib/.libs/libmmap-util.so] [--seeds N] [--steps N] [--seed S]
#
# It exits 0 when it found only deliberate differences, 1 otherwise.

import argparse
import ctypes
import errno
import mmap
import os
import random
import sys
import tempfile

OMIT = -(1 << 63)               # MMU_OMIT, PTRDIFF_MIN on LP64


class Options(ctypes.Structure):
    _fields_ = [("flags", ctypes.c_int), ("prot", ctypes.c_int),
                ("access", ctypes.c_int), ("offset", ctypes.c_uint64),
                ("untracked", ctypes.c_bool), ("extra", ctypes.c_uint),
                ("reserved", ctypes.c_uint64 * 4)]


def load(path):
    lib = ctypes.CDLL(path, use_errno=True)
    P, S, Z, I = ctypes.c_void_p, ctypes.c_ssize_t, ctypes.c_size_t, ctypes.c_int
    sig = {
        "mmu_open": (P, [I, Z, ctypes.POINTER(Options)]),
        "mmu_close": (I, [P]), "mmu_free": (None, [P]),
        "mmu_len": (Z, [P]), "mmu_tell": (Z, [P]),
        "mmu_get": (I, [P, S]), "mmu_set": (I, [P, S, ctypes.c_ubyte]),
        "mmu_get_slice": (S, [P, S, S, S, P, Z]),
        "mmu_set_slice": (I, [P, S, S, S, ctypes.c_char_p, Z]),
        "mmu_read": (S, [P, P, Z]), "mmu_read_byte": (I, [P]),
        "mmu_readline": (S, [P, ctypes.POINTER(P)]),
        "mmu_write": (S, [P, ctypes.c_char_p, Z]),
        "mmu_write_byte": (I, [P, ctypes.c_ubyte]),
        "mmu_seek": (ctypes.c_int64, [P, ctypes.c_int64, I]),
        "mmu_find_range": (S, [P, ctypes.c_char_p, Z, S, S]),
        "mmu_rfind_range": (S, [P, ctypes.c_char_p, Z, S, S]),
        "mmu_move": (I, [P, Z, Z, Z]), "mmu_resize": (I, [P, Z]),
        "mmu_flush_range": (I, [P, Z, Z, I]),
        "mmu_size": (ctypes.c_int64, [P]),
        "mmu_error_detail": (ctypes.c_char_p, []),
    }
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    return lib


def ok(value):
    return (value, 0)


def cint(r, value=None):
    """(VALUE or R, 0) for a C result R that is not -1, else (None, errno)."""
    if r == -1:
        return (None, ctypes.get_errno())
    return (r if value is None else value, 0)


def cnone(r):
    """A C call whose Python counterpart returns None."""
    return (None, ctypes.get_errno() if r == -1 else 0)


def py_errno(exc):
    """The errno the manual maps a Python exception to."""
    if isinstance(exc, ValueError):
        return errno.EBADF if "closed" in str(exc) else errno.EINVAL
    if isinstance(exc, IndexError):
        return errno.ERANGE
    if isinstance(exc, TypeError):
        return errno.EACCES
    if isinstance(exc, BufferError):
        return errno.EBUSY
    if isinstance(exc, OverflowError):
        return errno.EINVAL
    if isinstance(exc, OSError):
        return exc.errno
    raise exc


class Run:
    MODES = ["default", "write", "read", "prot-read", "copy", "private"]

    def __init__(self, lib, seed, steps):
        self.lib, self.rng, self.steps, self.seed = lib, random.Random(seed), steps, seed
        self.deliberate = {}
        self.failures = []
        self.dir = tempfile.mkdtemp(prefix="mmu-diff-")
        self.ppath = os.path.join(self.dir, "py")
        self.cpath = os.path.join(self.dir, "c")
        data = bytes(self.rng.choice(b"ab\n") for _ in range(self.rng.randrange(1, 3 * mmap.PAGESIZE)))
        for p in (self.ppath, self.cpath):
            with open(p, "wb") as f:
                f.write(data)
        self.pfd = os.open(self.ppath, os.O_RDWR)
        self.cfd = os.open(self.cpath, os.O_RDWR)
        self.pm = self.cm = None
        self.mode = None

    # Both sides: PYF returns Python's result or raises; CF returns
    # (result, 0) or (None, errno), through ok () and err ().
    def both(self, name, pyf, cf, deliberate=None):
        try:
            py = (pyf(), 0)
        except Exception as exc:  # noqa: BLE001 -- every exception is data
            py = (None, py_errno(exc))
        ctypes.set_errno(0)
        c = cf()
        if py != c:
            why = deliberate(py[1], c[1]) if deliberate else None
            if why:
                self.deliberate[why] = self.deliberate.get(why, 0) + 1
                return False
            self.fail(name, f"python {py!r}, library {c!r}")
            return False
        return True

    def fail(self, name, msg):
        self.failures.append(f"seed {self.seed} step {self.step} {name} ({self.mode}): {msg}")

    def open(self):
        mode = self.rng.choice(self.MODES)
        self.mode = mode
        kw, o = {}, Options()
        if mode == "write":
            kw["access"], o.access = mmap.ACCESS_WRITE, 2
        elif mode == "read":
            kw["access"], o.access = mmap.ACCESS_READ, 1
        elif mode == "copy":
            kw["access"], o.access = mmap.ACCESS_COPY, 3
        elif mode == "prot-read":
            kw["prot"], o.prot = mmap.PROT_READ, mmap.PROT_READ
        elif mode == "private":
            kw["flags"], o.flags = mmap.MAP_PRIVATE, mmap.MAP_PRIVATE
        if os.fstat(self.pfd).st_size == 0:
            for fd in (self.pfd, self.cfd):
                os.pwrite(fd, b"a\nb", 0)
        self.pm = mmap.mmap(self.pfd, 0, **kw)
        self.cm = self.lib.mmu_open(self.cfd, 0, ctypes.byref(o))
        if not self.cm:
            self.fail("open", f"library errno {ctypes.get_errno()}")

    def close(self):
        self.pm.close()
        self.lib.mmu_close(self.cm)

    def compare(self):
        pm, cm, lib = self.pm, self.cm, self.lib
        if pm.closed:
            return
        n = lib.mmu_len(cm)
        if len(pm) != n:
            self.fail("compare", f"length python {len(pm)} library {n}")
            return
        buf = ctypes.create_string_buffer(max(n, 1))
        lib.mmu_get_slice(cm, 0, OMIT, 1, buf, n)
        if pm[:] != buf.raw[:n]:
            self.fail("compare", "bytes of the maps differ")
        if pm.tell() != lib.mmu_tell(cm):
            self.fail("compare", f"cursor python {pm.tell()} library {lib.mmu_tell(cm)}")
        with open(self.ppath, "rb") as a, open(self.cpath, "rb") as b:
            if a.read() != b.read():
                self.fail("compare", "files differ")

    def index(self, n):
        return self.rng.randrange(-n - 2, n + 3)

    def bound(self, n):
        r = self.rng.random()
        if r < 0.2:
            return None
        return self.rng.randrange(-n - 2, n + 3)

    def one(self):
        rng, pm, cm, lib = self.rng, self.pm, self.cm, self.lib
        n = len(pm) if not pm.closed else 0
        data = bytes(rng.choice(b"ab\n") for _ in range(rng.randrange(0, 40)))
        op = rng.randrange(16)
        if op == 0:
            i = self.index(n)
            self.both("get", lambda: pm[i], lambda: cint(lib.mmu_get(cm, i)))
        elif op == 1:
            i = self.index(n)
            def p():
                pm[i] = 99
            self.both("set", p, lambda: cnone(lib.mmu_set(cm, i, 99)))
        elif op in (2, 3):
            a, b = self.bound(n), self.bound(n)
            s = rng.choice([None, 0, 1, 2, 3, -1, -2, -3, sys.maxsize])
            buf = ctypes.create_string_buffer(max(n, 1) + 8)
            def c():
                r = lib.mmu_get_slice(cm, OMIT if a is None else a, OMIT if b is None else b,
                                      OMIT if s is None else s, buf, len(buf))
                return cint(r, buf.raw[:r])
            self.both("get_slice", lambda: pm[a:b:s], c)
        elif op == 4:
            a, b = self.bound(n), self.bound(n)
            s = rng.choice([None, 1, 2, -1, -2])
            try:
                k = len(range(n)[a:b:s])
            except ValueError:
                k = 0
            src = data[:k] if rng.random() < 0.8 and len(data) >= k else data
            def p():
                pm[a:b:s] = src
            def c():
                r = lib.mmu_set_slice(cm, OMIT if a is None else a, OMIT if b is None else b,
                                      OMIT if s is None else s, src, len(src))
                return cnone(r)
            self.both("set_slice", p, c)
        elif op == 5:
            k = rng.choice([None, -1, 0, 1, 5, 100, n + 5])
            buf = ctypes.create_string_buffer(n + 8)
            def c():
                want = (1 << 64) - 1 if k is None or k < 0 else k
                r = lib.mmu_read(cm, buf, min(want, len(buf)))
                return cint(r, buf.raw[:r])
            self.both("read", lambda: pm.read(k), c)
        elif op == 6:
            self.both("read_byte", pm.read_byte, lambda: cint(lib.mmu_read_byte(cm)))
        elif op == 7:
            def c():
                line = ctypes.c_void_p()
                r = lib.mmu_readline(cm, ctypes.byref(line))
                return cint(r, ctypes.string_at(line, r) if r > 0 else b"")
            self.both("readline", pm.readline, c)
        elif op == 8:
            d = data if rng.random() < 0.8 else b""
            self.both("write", lambda: pm.write(d), lambda: cint(lib.mmu_write(cm, d, len(d))))
        elif op == 9:
            def p():
                pm.write_byte(98)
            self.both("write_byte", p, lambda: cnone(lib.mmu_write_byte(cm, 98)))
        elif op == 10:
            w = rng.choice([0, 1, 2])
            k = rng.randrange(-n - 3, n + 4)
            self.both("seek", lambda: pm.seek(k, w), lambda: cint(lib.mmu_seek(cm, k, w)))
        elif op == 11:
            rev = rng.random() < 0.5
            sub = data[:rng.randrange(0, 4)]
            nargs = rng.randrange(3)
            a = rng.randrange(-n - 2, n + 3)
            b = rng.randrange(-n - 2, n + 3)
            args = [sub, a, b][:1 + nargs]
            f = pm.rfind if rev else pm.find
            cf = lib.mmu_rfind_range if rev else lib.mmu_find_range
            ca = a if nargs >= 1 else OMIT
            cb = b if nargs >= 2 else OMIT
            def c():
                ctypes.set_errno(0)
                r = cf(cm, sub, len(sub), ca, cb)
                e = ctypes.get_errno() if r == -1 else 0
                return (None, e) if e else (r, 0)
            self.both("rfind" if rev else "find", lambda: f(*args), c)
        elif op == 12:
            d_, s_, k = (rng.randrange(0, n + 3) for _ in range(3))
            def p():
                pm.move(d_, s_, k)
            self.both("move", p, lambda: cnone(lib.mmu_move(cm, d_, s_, k)))
        elif op == 13:
            k = rng.randrange(1, 3 * mmap.PAGESIZE)
            def p():
                pm.resize(k)
            def c():
                return cnone(lib.mmu_resize(cm, k))
            def why(pe, ce):
                if self.mode == "private" and pe == 0 and ce == errno.EACCES:
                    return "resize of a MAP_PRIVATE map of a file"
                return None
            if not self.both("resize", p, c, why) and self.mode == "private":
                # Python changed its file, the library did not: end the
                # sequence's comparison of files by reopening both.
                return "reset"
        elif op == 14:
            a = rng.choice([0, 1, mmap.PAGESIZE])
            k = rng.choice([0, 1, n])
            def p():
                pm.flush(a, k)
            self.both("flush", p, lambda: cnone(lib.mmu_flush_range(cm, a, k, 0)))
        else:
            self.both("size", pm.size, lambda: cint(lib.mmu_size(cm)))
        return None

    def reset(self):
        """Make the library's file the same as Python's again."""
        self.close()
        self.lib.mmu_free(self.cm)
        with open(self.ppath, "rb") as f:
            data = f.read()
        os.ftruncate(self.cfd, 0)
        os.pwrite(self.cfd, data, 0)
        self.open()

    def run(self):
        self.step = 0
        self.open()
        for self.step in range(self.steps):
            if self.failures:
                break
            if self.pm.closed:
                if self.rng.random() < 0.3:
                    self.lib.mmu_free(self.cm)
                    self.open()
            elif self.rng.random() < 0.03:
                self.close()
            if self.one() == "reset":
                self.reset()
            self.compare()
        self.close()
        self.lib.mmu_free(self.cm)
        for p in (self.ppath, self.cpath):
            os.unlink(p)
        os.rmdir(self.dir)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", default="lib/.libs/libmmap-util.so")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=2000)
    a = ap.parse_args()
    lib = load(a.lib)
    failures, deliberate = [], {}
    for s in range(a.seed, a.seed + a.seeds):
        r = Run(lib, s, a.steps)
        r.run()
        failures += r.failures
        for k, v in r.deliberate.items():
            deliberate[k] = deliberate.get(k, 0) + v
    print(f"Python {sys.version.split()[0]}, {a.seeds} sequences of {a.steps} steps")
    for k, v in sorted(deliberate.items()):
        print(f"deliberate difference, {v} times: {k}")
    for f in failures:
        print("DIFFERENCE:", f)
    print(f"{len(failures)} unexplained differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

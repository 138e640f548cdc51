# man3.awk -- make the man pages of section 3, one per function of the
# library, from the manual's reference as 'makeinfo --plaintext'
# writes it.
#
# Copyright (C) 2026 The mmap-util authors.
# Copying and distribution of this file, with or without modification,
# are permitted in any medium without royalty provided the copyright
# notice and this notice are preserved.
#
# Usage: makeinfo --plaintext doc/mmap-util.texi -o - |
#          awk -v dir=DIR -v version=VERSION -f doc/man3.awk
#
# Each @deftypefun of doc/ref-*.texi is, in plain text, a line
# " -- Function: TYPE NAME (ARGS)" (continued on lines indented by 10),
# several for an @deftypefunx group, then its text indented by 5: its
# examples by 10 after a blank line, the text of a table's item by 10
# right under the item.  Each NAME gets DIR/NAME.3 with that text, and the
# node of the manual it is in.

function roff(s) {
  gsub(/\\/, "\\e", s)
  gsub(/-/, "\\-", s)
  if (s ~ /^[.']/)
    s = "\\&" s
  return s
}

# The prototype TEXT (TYPE NAME (ARGS)) in C: the parameter names,
# which makeinfo writes in capitals, in lower case.
function prototype(text,    out, m) {
  out = ""
  while (match(text, /[A-Z][A-Z0-9_]*[,)\[]/)) {
    m = substr(text, RSTART, RLENGTH - 1)
    out = out substr(text, 1, RSTART - 1) tolower(m)
    text = substr(text, RSTART + RLENGTH - 1)
  }
  return out text
}

# Whether body line J is an item of a table: lines indented by 5, the
# last followed at once by one indented by 10.
function is_item(j,    k) {
  if (body[j] !~ /^     [^ ]/)
    return 0
  for (k = j + 1; k <= nbody && body[k] ~ /^     [^ ]/; k++)
    continue
  return k <= nbody && body[k] ~ /^          [^ ]/
}

function flush_block(    i, j, names, brief, p, f, text, line, pre, tp) {
  if (nprotos == 0)
    return
  # The first sentence of the text, for NAME.
  text = ""
  for (i = 1; i <= nbody && body[i] != ""; i++)
    text = text (text == "" ? "" : " ") substr(body[i], 6)
  p = index(text, ".  ")
  brief = p ? substr(text, 1, p - 1) : text
  sub(/\.$/, "", brief)
  brief = tolower(substr(brief, 1, 1)) substr(brief, 2)
  names = ""
  for (i = 1; i <= nprotos; i++)
    names = names (i > 1 ? ", " : "") pname[i]
  for (i = 1; i <= nprotos; i++) {
    f = dir "/" pname[i] ".3"
    print ".\\\" Made by doc/man3.awk from the manual (doc/ref-*.texi): do not edit." > f
    print ".TH " toupper(pname[i]) " 3 \"\" \"mmap-util " version "\" \"libmmap-util\"" > f
    print ".SH NAME" > f
    print roff(names) " \\- " roff(brief) > f
    print ".SH SYNOPSIS" > f
    print ".nf" > f
    print ".B #include <mmap\\-util.h>" > f
    print ".PP" > f
    for (j = 1; j <= nprotos; j++)
      print ".BI \"" roff(prototype(proto[j])) ";\"" > f
    print ".fi" > f
    print ".SH DESCRIPTION" > f
    pre = 0
    tp = 0
    for (j = 1; j <= nbody; j++) {
      line = body[j]
      if (line == "") {
        tp = 0
        if (pre) { print ".EE" > f; print ".RE" > f; pre = 0 }
        if (j < nbody && body[j + 1] != "")
          print ".PP" > f
        continue
      }
      if (line ~ /^          / && tp) {
        # The text of a table's item.
        print roff(substr(line, 11)) > f
      } else if (line ~ /^          /) {
        # An example: after a blank line.
        if (!pre) { print ".RS" > f; print ".EX" > f; pre = 1 }
        print roff(substr(line, 11)) > f
      } else if (is_item(j)) {
        # A table's item (or items): its text follows at once,
        # indented more.
        if (pre) { print ".EE" > f; print ".RE" > f; pre = 0 }
        print (j > 1 && is_item(j - 1) ? ".TQ" : ".TP") > f
        print roff(substr(line, 6)) > f
        tp = 1
      } else {
        if (pre) { print ".EE" > f; print ".RE" > f; pre = 0 }
        print roff(substr(line, 6)) > f
      }
    }
    if (pre) { print ".EE" > f; print ".RE" > f }
    print ".SH SEE ALSO" > f
    print "The full documentation, with the conventions of the library (errors," > f
    print "threads), is the manual of mmap\\-util:" > f
    print ".IP" > f
    print ".B info mmap\\-util" > f
    if (node != "") {
      print ".PP" > f
      print "node \"" roff(node) "\"." > f
    }
    close(f)
  }
  nprotos = 0
  nbody = 0
}

BEGIN { nprotos = 0; nbody = 0; inproto = 0; node = "" }

# The manual's section titles, underlined on the next line.
/^[0-9]+\.[0-9]+ / { title = $0; sub(/^[0-9.]+ /, "", title) }
/^===+$|^---+$|^\*\*\*+$/ { if (title != "") node = title; next }

/^ -- Function: / {
  if (!inproto)
    flush_block()
  inproto = 1
  nprotos++
  proto[nprotos] = substr($0, 15)
  next
}
inproto && /^          [^ ]/ {
  # A prototype continued.
  line = $0
  sub(/^ +/, "", line)
  proto[nprotos] = proto[nprotos] " " line
  next
}
{
  if (inproto) {
    inproto = 0
    for (i = 1; i <= nprotos; i++) {
      p = proto[i]
      if (match(p, /[A-Za-z_][A-Za-z0-9_]* \(/))
        pname[i] = substr(p, RSTART, RLENGTH - 2)
    }
  }
  if (nprotos == 0)
    next
  if ($0 == "" || $0 ~ /^     /) {
    body[++nbody] = $0
    next
  }
  # The text ends at the first line indented less.
  while (nbody > 0 && body[nbody] == "")
    nbody--
  flush_block()
}
END { flush_block() }

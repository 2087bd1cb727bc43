"""File-system-call replay for R2: strace output (-f -yy -xx -X raw) parsed into events on
the data dir, and a whole-file model of the data dir that builds the state a crash after
any prefix of those events could leave, in three persistence variants (see
`r2_crash_states.py` and README.md, "R2: model and limits")."""

import hashlib
import os
import re

O_CREAT, O_TRUNC, O_APPEND = 0x40, 0x200, 0x400
AT_REMOVEDIR = 0x200
TRACE_SET = ("trace=openat,open,creat,close,dup,dup2,dup3,fcntl,lseek,write,pwrite64,writev,"
             "pwritev,pwritev2,ftruncate,truncate,fallocate,fsync,fdatasync,sync_file_range,"
             "rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,rmdir,link,linkat,"
             "copy_file_range,sendfile,sendmsg,sendto")


# --------------------------------------------------------------------------------------
# strace output parsing
# --------------------------------------------------------------------------------------

LINE_RE = re.compile(r"^(\d+)\s+\d\d:\d\d:\d\d\.\d+\s+(.*)$")
RESUMED_RE = re.compile(r"^<\.\.\. (\w+) resumed>(.*)$")
CALL_RE = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+|0x[0-9a-f]+)(.*)$", re.S)


def split_args(s):
    """Top-level comma split respecting quotes, (), [], {} and fd annotations <...>
    (a socket's annotation holds "->", which is not a closing bracket)."""
    s = s.replace("->", "\u2192")
    out, depth, cur, i, n = [], 0, [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':
            j = i + 1
            while j < n and s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in "([{<":
            depth += 1
        elif c in ")]}>":
            depth -= 1
        elif c == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    if cur and "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def unhex(s):
    """Decodes a -xx string literal ("\\x41\\x42") to bytes; raises on a truncated one."""
    m = re.match(r'^"((?:\\x[0-9a-f]{2})*)"(\.\.\.)?$', s.strip())
    if not m:
        raise ValueError(f"not a hex string: {s[:80]}")
    if m.group(2):
        raise ValueError("string truncated by strace (-s too small)")
    return bytes.fromhex(m.group(1).replace("\\x", ""))


def fd_of(arg):
    """'7<\\x2f...>' -> (7, '/path' or 'TCP:[...]' or None)."""
    m = re.match(r"^(-?\d+)(?:<(.*)>)?$", arg.strip(), re.S)
    if not m:
        return None, None
    ann = m.group(2)
    if ann is not None and ann.startswith("\\x"):
        # A path (possibly followed by a device annotation "<char 1:9>").
        hexpart = re.match(r"^((?:\\x[0-9a-f]{2})*)", ann).group(1)
        ann = bytes.fromhex(hexpart.replace("\\x", "")).decode("utf-8", "surrogateescape")
    return int(m.group(1)), ann


def parse_trace(text):
    """Returns [(pid, name, args, ret, ret_annotation)] in completion order."""
    pending = {}
    calls = []
    for line in text.splitlines():
        m = LINE_RE.match(line)
        if not m:
            continue
        pid, rest = int(m.group(1)), m.group(2)
        if rest.startswith("+++") or rest.startswith("---"):
            continue
        r = RESUMED_RE.match(rest)
        if r:
            head = pending.pop(pid, None)
            if head is None:
                continue
            rest = head + r.group(2)
        elif rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")].rstrip()
            continue
        c = CALL_RE.match(rest)
        if not c:
            continue
        name, args, ret, tail = c.group(1), c.group(2), c.group(3), c.group(4)
        ret = int(ret, 16) if ret.startswith("0x") else int(ret)
        ann = None
        t = re.match(r"^<(.*)>", tail.strip(), re.S)
        if t:
            _, ann = fd_of(f"0<{t.group(1)}>")
        calls.append((pid, name, split_args(args), ret, ann))
    return calls


def path_arg(dir_arg, path_lit):
    p = unhex(path_lit).decode("utf-8", "surrogateescape")
    if p.startswith("/"):
        return os.path.normpath(p)
    _, d = fd_of(dir_arg)
    return os.path.normpath(os.path.join(d or "/", p))


def events_from(calls, root):
    """Turns calls into model events on paths relative to `root`. Also returns the index
    (number of events before it) of the first 2xx response written to a socket."""
    root = os.path.normpath(root)
    ev = []
    offsets = {}  # fd -> (path, offset)
    ack_at = None
    notes = []

    def rel(p):
        if p is None:
            return None
        p = os.path.normpath(p)
        if p == root:
            return "."
        if p.startswith(root + "/"):
            return p[len(root) + 1:]
        return None

    def data_of_iov(arg):
        return b"".join(unhex(x) for x in re.findall(r'iov_base=("(?:\\x[0-9a-f]{2})*"(?:\.\.\.)?)', arg))

    for pid, name, a, ret, ann in calls:
        if ret < 0 and name not in ("lseek",):
            continue
        if name in ("write", "writev", "sendmsg", "sendto") and a:
            fd, fp = fd_of(a[0])
            if fp and fp.startswith("TCP:"):
                if ack_at is None:
                    try:
                        data = unhex(a[1]) if name in ("write", "sendto") else data_of_iov(a[1])
                    except ValueError:
                        data = b""
                    if re.match(rb"^HTTP/1\.1 2\d\d ", data):
                        ack_at = len(ev)
                continue
        if name in ("openat", "open", "creat"):
            if name == "openat":
                p = path_arg(a[0], a[1])
                flags = int(a[2], 0)
            elif name == "open":
                p = path_arg("-100<>", a[0])
                flags = int(a[1], 0)
            else:
                p = path_arg("-100<>", a[0])
                flags = O_CREAT | O_TRUNC
            rp = rel(ann or p)
            if rp is None:
                continue
            offsets[ret] = rp
            offsets[(ret, "off")] = 0
            offsets[(ret, "append")] = bool(flags & O_APPEND)
            if flags & O_CREAT:
                ev.append(("create", rp))
            if flags & O_TRUNC:
                ev.append(("truncate", rp, 0))
            continue
        if name == "close":
            fd, _ = fd_of(a[0])
            offsets.pop(fd, None)
            continue
        if name in ("dup", "dup2", "dup3", "fcntl"):
            if name == "fcntl" and not a[1].strip() in ("0", "0x406", "F_DUPFD", "F_DUPFD_CLOEXEC"):
                continue
            fd, fp = fd_of(a[0])
            if fd in offsets:
                offsets[ret] = offsets[fd]
                offsets[(ret, "off")] = offsets.get((fd, "off"), 0)
                offsets[(ret, "append")] = offsets.get((fd, "append"), False)
            continue
        if name == "lseek":
            fd, _ = fd_of(a[0])
            if fd in offsets and ret >= 0:
                offsets[(fd, "off")] = ret
            continue
        # Everything below names a file by fd or path.
        if name in ("write", "pwrite64", "writev", "pwritev", "pwritev2"):
            fd, fp = fd_of(a[0])
            rp = offsets.get(fd) if fd in offsets else rel(fp)
            if rp is None:
                continue
            data = unhex(a[1]) if name in ("write", "pwrite64") else data_of_iov(a[1])
            data = data[:ret]
            if name in ("pwrite64", "pwritev", "pwritev2"):
                off = int(a[3] if name == "pwrite64" else a[3], 0)
                ev.append(("write", rp, off, data))
            else:
                if offsets.get((fd, "append")):
                    ev.append(("append", rp, data))
                else:
                    off = offsets.get((fd, "off"), 0)
                    ev.append(("write", rp, off, data))
                    offsets[(fd, "off")] = off + len(data)
            continue
        if name == "ftruncate":
            fd, fp = fd_of(a[0])
            rp = offsets.get(fd) if fd in offsets else rel(fp)
            if rp is not None:
                ev.append(("truncate", rp, int(a[1], 0)))
            continue
        if name == "truncate":
            rp = rel(path_arg("-100<>", a[0]))
            if rp is not None:
                ev.append(("truncate", rp, int(a[1], 0)))
            continue
        if name == "fallocate":
            fd, fp = fd_of(a[0])
            rp = offsets.get(fd) if fd in offsets else rel(fp)
            if rp is not None and int(a[1], 0) == 0:
                ev.append(("extend", rp, int(a[2], 0) + int(a[3], 0)))
            continue
        if name in ("fsync", "fdatasync"):
            fd, fp = fd_of(a[0])
            rp = offsets.get(fd) if fd in offsets else rel(fp)
            if rp is not None:
                ev.append(("fsync", rp))
            continue
        if name in ("rename", "renameat", "renameat2"):
            if name == "rename":
                src, dst = path_arg("-100<>", a[0]), path_arg("-100<>", a[1])
            else:
                src, dst = path_arg(a[0], a[1]), path_arg(a[2], a[3])
            rs, rd = rel(src), rel(dst)
            if rs is not None and rd is not None:
                ev.append(("rename", rs, rd))
            elif rs is not None or rd is not None:
                notes.append(f"rename across the data dir boundary: {src} -> {dst}")
            continue
        if name in ("unlink", "unlinkat", "rmdir"):
            if name == "unlinkat":
                p = path_arg(a[0], a[1])
                isdir = bool(int(a[2], 0) & AT_REMOVEDIR)
            else:
                p = path_arg("-100<>", a[0])
                isdir = name == "rmdir"
            rp = rel(p)
            if rp is not None:
                ev.append(("rmdir" if isdir else "unlink", rp))
            continue
        if name in ("mkdir", "mkdirat"):
            p = path_arg("-100<>", a[0]) if name == "mkdir" else path_arg(a[0], a[1])
            rp = rel(p)
            if rp is not None:
                ev.append(("mkdir", rp))
            continue
        if name in ("link", "linkat", "copy_file_range", "sendfile"):
            notes.append(f"unmodelled call {name}({', '.join(x[:60] for x in a)})")
    return ev, ack_at, notes


# --------------------------------------------------------------------------------------
# The file-system model
# --------------------------------------------------------------------------------------


class FS:
    """Namespace (path -> inode, set of dirs) and inodes (current and synced content), with
    a second, durable namespace for the strict variant."""

    def __init__(self, snapshot):
        self.snapshot = snapshot
        self.names = {}   # rel path -> inode id
        self.dirs = {"."}
        self.data = {}    # inode -> bytearray (current)
        self.synced = {}  # inode -> bytes (as of the last fsync)
        self.modes = {}
        self.next = 0
        for dp, dns, fns in os.walk(snapshot):
            rd = os.path.relpath(dp, snapshot)
            for d in dns:
                self.dirs.add(os.path.normpath(os.path.join(rd, d)))
            for f in fns:
                rp = os.path.normpath(os.path.join(rd, f))
                with open(os.path.join(dp, f), "rb") as fh:
                    b = fh.read()
                ino = self._new(b)
                self.synced[ino] = b
                self.names[rp] = ino
                self.modes[rp] = os.stat(os.path.join(dp, f)).st_mode & 0o777
        # Durable namespace (strict variant): starts equal, pending ops per directory.
        self.dnames = dict(self.names)
        self.ddirs = set(self.dirs)
        self.pending = {}  # dir -> [ops]

    def _new(self, b=b""):
        self.next += 1
        self.data[self.next] = bytearray(b)
        self.synced[self.next] = b""
        return self.next

    def _pend(self, d, op):
        self.pending.setdefault(d, []).append(op)

    def apply(self, e):
        kind = e[0]
        if kind == "create":
            if e[1] not in self.names:
                ino = self._new()
                self.names[e[1]] = ino
                self._pend(os.path.dirname(e[1]) or ".", ("link", e[1], ino))
        elif kind in ("write", "append", "truncate", "extend"):
            ino = self.names.get(e[1])
            if ino is None:
                return
            b = self.data[ino]
            if kind == "write":
                off, data = e[2], e[3]
                if len(b) < off:
                    b.extend(b"\0" * (off - len(b)))
                b[off:off + len(data)] = data
            elif kind == "append":
                b.extend(e[2])
            elif kind == "truncate":
                if e[2] <= len(b):
                    del b[e[2]:]
                else:
                    b.extend(b"\0" * (e[2] - len(b)))
            elif len(b) < e[2]:
                b.extend(b"\0" * (e[2] - len(b)))
        elif kind == "fsync":
            p = e[1]
            if p in self.dirs:
                for op in self.pending.pop(p, []):
                    self._durable(op)
            elif p in self.names:
                ino = self.names[p]
                self.synced[ino] = bytes(self.data[ino])
        elif kind == "rename":
            src, dst = e[1], e[2]
            if src in self.names:
                ino = self.names.pop(src)
                self.names[dst] = ino
                self._pend(os.path.dirname(dst) or ".", ("rename", src, dst, ino))
            elif src in self.dirs:
                self.dirs = {dst + p[len(src):] if p == src or p.startswith(src + "/") else p
                             for p in self.dirs}
                self._pend(os.path.dirname(dst) or ".", ("renamedir", src, dst))
        elif kind == "unlink":
            if e[1] in self.names:
                del self.names[e[1]]
                self._pend(os.path.dirname(e[1]) or ".", ("unlink", e[1]))
        elif kind == "mkdir":
            self.dirs.add(e[1])
            self._pend(os.path.dirname(e[1]) or ".", ("mkdir", e[1]))
        elif kind == "rmdir":
            self.dirs.discard(e[1])
            self._pend(os.path.dirname(e[1]) or ".", ("rmdir", e[1]))

    def _durable(self, op):
        k = op[0]
        if k == "link":
            self.dnames[op[1]] = op[2]
        elif k == "rename":
            self.dnames.pop(op[1], None)
            self.dnames[op[2]] = op[3]
        elif k == "unlink":
            self.dnames.pop(op[1], None)
        elif k == "mkdir":
            self.ddirs.add(op[1])
        elif k == "rmdir":
            self.ddirs.discard(op[1])
        elif k == "renamedir":
            src, dst = op[1], op[2]
            self.ddirs = {dst + p[len(src):] if p == src or p.startswith(src + "/") else p
                          for p in self.ddirs}
            self.dnames = {(dst + p[len(src):] if p.startswith(src + "/") else p): i
                           for p, i in self.dnames.items()}

    def state(self, variant):
        """{'dirs': sorted list, 'files': {path: bytes}} for one persistence variant."""
        if variant == "all":
            names, dirs = self.names, self.dirs
            content = lambda i: bytes(self.data[i])
        elif variant == "data":
            names, dirs = self.names, self.dirs
            content = lambda i: self.synced[i]
        else:
            names, dirs = self.dnames, self.ddirs
            content = lambda i: self.synced[i]
        # A name whose directory is gone (not durable) is gone too.
        files = {p: content(i) for p, i in names.items() if (os.path.dirname(p) or ".") in dirs}
        return {"dirs": sorted(dirs), "files": files}


def state_digest(st):
    h = hashlib.sha256()
    for d in st["dirs"]:
        h.update(b"D" + d.encode("utf-8", "surrogateescape") + b"\0")
    for p in sorted(st["files"]):
        h.update(b"F" + p.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(st["files"][p]).digest())
    return h.hexdigest()


def materialise(st, dest, modes):
    os.makedirs(dest)
    for d in st["dirs"]:
        if d != ".":
            os.makedirs(os.path.join(dest, d), exist_ok=True)
    for p, b in st["files"].items():
        full = os.path.join(dest, p)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(b)
        os.chmod(full, modes.get(p, 0o644))

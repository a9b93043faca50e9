#!/usr/bin/env python3
# gst-idlewatchdog: compiles the C code blocks of the README and the library
# docs against this build (uninstalled pkg-config file), and byte-compiles
# their Python blocks, so that what users copy builds.
# Copyright (C) 2026 The gst-idlewatchdog authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: snippets.py BUILD_ROOT FILE.md...
#
# A ```c block that defines a function is compiled as a file; any other is
# the body of a function with a `GstMessage *msg` and a `GstElement
# *pipeline` argument. Its #include lines go first in either case.
import os
import re
import subprocess
import sys
import tempfile

FUNCTION = re.compile(r"^[A-Za-z_][\w \*]*\([^;{]*\)\s*\n\{", re.M)
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.M | re.S)
WARNINGS = ["-Werror=implicit-function-declaration",
            "-Werror=incompatible-pointer-types", "-Werror=int-conversion",
            "-Werror=return-type", "-Werror=format", "-Wall",
            "-Wno-unused-function", "-Wno-unused-variable"]


def c_unit(code, n):
    includes = [l for l in code.splitlines() if l.startswith("#include")]
    body = "\n".join(l for l in code.splitlines()
                     if not l.startswith("#include"))
    head = "#include <gst/gst.h>\n#include <gst/idlewatchdog/idlewatchdog.h>\n"
    head += "\n".join(includes) + "\n"
    if FUNCTION.search(body):
        return head + body + "\n"
    name = "snippet_%d" % n
    sig = "void %s (GstMessage * msg, GstElement * pipeline)" % name
    return head + "%s;\n%s\n{\n%s\n}\n" % (sig, sig, body)


def main():
    build = sys.argv[1]
    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = os.path.join(build, "meson-uninstalled")
    cflags = subprocess.run(["pkg-config", "--cflags", "gstidlewatchdog-1.0"],
                            env=env, check=True, capture_output=True,
                            text=True).stdout.split()
    cc = os.environ.get("CC", "cc")
    failed = checked = 0
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        for n, m in enumerate(BLOCK.finditer(text)):
            lang, code = m.group(1), m.group(2)
            line = text[:m.start()].count("\n") + 1
            where = "%s:%d" % (os.path.basename(path), line)
            if lang == "c":
                with tempfile.NamedTemporaryFile("w", suffix=".c") as f:
                    f.write(c_unit(code, n))
                    f.flush()
                    r = subprocess.run([cc, "-c", "-o", os.devnull, f.name] +
                                       cflags + WARNINGS,
                                       capture_output=True, text=True)
                ok = r.returncode == 0
                detail = r.stderr
            elif lang == "python":
                try:
                    compile(code, where, "exec")
                    ok, detail = True, ""
                except SyntaxError as e:
                    ok, detail = False, str(e)
            else:
                continue
            checked += 1
            print("%s %s (%s)" % ("ok  " if ok else "FAIL", where, lang))
            if not ok:
                failed += 1
                print(detail)
    print("snippets: %d checked, %d failed" % (checked, failed))
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())

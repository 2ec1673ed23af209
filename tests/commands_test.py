#!/usr/bin/env python3
"""Every program the build and the tests run is installed by scripts/setup.sh.

  tests/commands_test.py [SOURCE_DIR]

Reads the programs the project runs from its sources (the shell scripts of scripts/ and
tests/, .ci/run, the command lines of the C++ tests, the CMake files) and fails, naming file
and line, for each one that is neither in scripts/commands.tsv (what setup.sh installs and
checks) nor part of a minimal Debian 12 (packages of priority "required", and apt: what
`debootstrap --variant=minbase` installs). A program that is not found at all fails too.
A new tool in a test therefore fails here, on any machine that has it, instead of on a
fresh machine after ten minutes of tests.

The Debian package's maintainer scripts (packaging/debian) are left out: they run on the
machine the package is installed on, whose Depends provide what they call.
"""
import glob
import os
import re
import shutil
import subprocess
import sys

SHELL_WORDS = {
    # keywords and builtins of bash and dash
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "select", "time", "!", "[", "[[", "]]", "]", "{", "}", "echo", "printf",
    "read", "cd", "exit", "return", "set", "unset", "export", "local", "shift", "trap", "wait",
    "kill", "true", "false", "test", "source", ".", ":", "eval", "exec", "command", "type",
    "mapfile", "readarray", "declare", "typeset", "break", "continue", "pushd", "popd",
    "getopts", "hash", "ulimit", "umask", "let", "builtin", "jobs", "fg", "bg", "disown",
}
# Commands that run the next word as a command: (name, how many arguments they take first).
WRAPPERS = {"env": 0, "exec": 0, "sudo": 0, "command": 0, "nice": 0, "nohup": 0,
            "setsid": 0, "xargs": 0, "timeout": 1, "runuser": 0, "time": 0}
# The packages debootstrap --variant=minbase adds to those of priority "required".
MINBASE_EXTRA = {"apt"}
# Programs that run others for us: cpack's CPACK_DEBIAN_PACKAGE_SHLIBDEPS runs file and
# dpkg-shlibdeps (packaging/CMakeLists.txt); systemd-analyze verify runs man for the units'
# Documentation=man: lines.
INDIRECT = {"cpack": ("file", "dpkg-shlibdeps"), "systemd-analyze": ("man",)}
# Built here: the tests run them from the build tree or install them.
OWN_PROGRAMS = {"naskah"}
WORD = re.compile(r"^[A-Za-z][A-Za-z0-9_.+-]*$")


def read_table(source):
    listed = {}
    with open(os.path.join(source, "scripts", "commands.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            command, package = line.rstrip("\n").split("\t")[:2]
            listed[command] = package
    return listed


def strip_quotes(text):
    """The text with quoted strings replaced by $, and the $(...) inside them kept apart."""
    out, subs, i, quote = [], [], 0, None
    while i < len(text):
        c = text[i]
        if quote is None and c == "#" and (i == 0 or text[i - 1] in " \t;|&("):
            break  # a comment
        if quote is None and text.startswith("$(", i) and not text.startswith("$((", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            subs.append(text[i + 2:j - 1])
            out.append(" $ ")
            i = j
            continue
        if quote == '"' and text.startswith("$(", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            subs.append(text[i + 2:j - 1])
            i = j
            continue
        if quote is None and c in "'\"":
            quote = c
            out.append("$")  # not a word: a quoted command cannot be checked
        elif quote is not None and c == quote and (c == "'" or text[i - 1] != "\\"):
            quote = None
        elif quote is None:
            out.append(c)
        i += 1
    return "".join(out), subs


def shell_commands(text):
    """The command words of one logical line of shell."""
    plain, subs = strip_quotes(text)
    found = []
    for sub in subs:
        found += shell_commands(sub)
    plain = re.sub(r"\b[A-Za-z_][A-Za-z0-9_]*\s*\(\)\s*\{?", " ; ", plain)  # f() { -> ;
    plain = re.sub(r"[<>]+\s*&?\S*", " ", plain)  # redirections and their targets
    for segment in re.split(r"&&|\|\||[;|&(){}!]|\b(?:then|do|else|elif|if|while|until)\b",
                            plain):
        words = segment.split()
        while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            words.pop(0)  # VAR=value before the command
        while words:
            word = words.pop(0)
            if word in WRAPPERS:
                found.append(word)
                skip = WRAPPERS[word]  # the wrapper's own arguments ("timeout 60")
                while words:
                    head = words[0]
                    if head == "--":
                        words.pop(0)
                        break
                    if head.startswith("-"):
                        words.pop(0)
                        if head == "-u" and word in ("runuser", "env") and words:
                            words.pop(0)  # -u USER, -u NAME
                    elif "=" in head or (word == "env" and head == "$"):
                        words.pop(0)  # VAR=value; "$" is a variable's value there
                    elif skip > 0:
                        words.pop(0)
                        skip -= 1
                    else:
                        break
                continue
            found.append(word)
            break
    return found


def logical_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    number, buffer, start = 0, "", 1
    in_heredoc, in_array = None, False
    for number, line in enumerate(lines, 1):
        if in_heredoc is not None:
            if line.strip() == in_heredoc:
                in_heredoc = None
            continue
        if in_array:  # the words of a multi-line array=( ... ) are data
            in_array = not re.search(r"^[^#]*\)", line)
            continue
        if re.match(r"^\s*[A-Za-z_][A-Za-z0-9_]*\+?=\($", line.split("#")[0].rstrip()):
            in_array = True
            continue
        if not buffer:
            start = number
        heredoc = re.search(r"<<-?\s*'?\"?([A-Za-z_]+)", line)
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        yield start, buffer + line
        buffer = ""
        if heredoc:
            in_heredoc = heredoc.group(1)


def shell_uses(path):
    defined = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        defined = set(re.findall(r"^\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\(\)", f.read(), re.M))
    for number, line in logical_lines(path):
        for word in shell_commands(line):
            if word not in defined:
                yield number, word


def cxx_uses(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    line_of = lambda at: text.count("\n", 0, at) + 1
    # A program named by its absolute path: {"/usr/bin/xapian-tcpsrv", ...}.
    for m in re.finditer(r"[\"'](/(?:usr/)?s?bin/[A-Za-z0-9_.+-]+)[\"']", text):
        yield line_of(m.start()), m.group(1)
    # A shell command line: {"/bin/sh", "-c", "..." + x + "..."}: the literals, joined.
    for m in re.finditer(r"\"/bin/sh\",\s*\"-c\",(.*?)\}", text, re.S):
        literals = re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1))
        line = " $ ".join(bytes(s, "utf-8").decode("unicode_escape") for s in literals)
        for word in shell_commands(line):
            yield line_of(m.start()), word


def cmake_uses(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    for m in re.finditer(r"\bCOMMAND\s+([^\s)$\"]+)", text):
        yield text.count("\n", 0, m.start()) + 1, m.group(1)


def sources(source):
    shell = [os.path.join(source, ".ci", "run")]
    shell += glob.glob(os.path.join(source, "scripts", "*.sh"))
    shell += glob.glob(os.path.join(source, "tests", "**", "*.sh"), recursive=True)
    cxx = glob.glob(os.path.join(source, "tests", "**", "*.cc"), recursive=True)
    cxx += glob.glob(os.path.join(source, "tests", "browser", "*.mjs"))
    cmake = glob.glob(os.path.join(source, "**", "CMakeLists.txt"), recursive=True)
    cmake += glob.glob(os.path.join(source, "tests", "*.cmake"))
    skip = ("node_modules", f"{os.sep}build")
    keep = lambda p: not any(s in os.path.relpath(p, source) for s in skip)
    return ([(p, shell_uses) for p in shell if os.path.exists(p) and keep(p)] +
            [(p, cxx_uses) for p in cxx if keep(p)] +
            [(p, cmake_uses) for p in cmake if keep(p)])


def owner(path):
    """The Debian package that installed `path`, or None."""
    real = os.path.realpath(path)
    candidates = {path, real}
    for p in list(candidates):  # merged /usr: dpkg knows /bin/sed as /bin/sed
        if p.startswith("/usr/"):
            candidates.add(p[4:])
        else:
            candidates.add("/usr" + p)
    for p in candidates:
        r = subprocess.run(["dpkg-query", "-S", p], capture_output=True, text=True)
        for line in r.stdout.splitlines():  # "diversion by dash from: /bin/sh" comes first
            if not line.startswith("diversion") and ":" in line:
                return line.split(":")[0].split(",")[0].strip()
    return None


def in_minimal_debian(package):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Priority}", package], capture_output=True,
                       text=True)
    return r.stdout.strip() == "required" or package in MINBASE_EXTRA


def main():
    source = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                             os.path.join(os.path.dirname(__file__), ".."))
    listed = read_table(source)
    with open(os.path.join(source, "scripts", "setup.sh"), encoding="utf-8") as f:
        if "scripts/commands.tsv" not in f.read():
            print("FAIL scripts/setup.sh does not read scripts/commands.tsv")
            return 1
    verdicts, failures, checked = {}, [], set()
    for path, reader in sources(source):
        for number, word in reader(path):
            if "/" in word and not re.match(r"^/(usr/)?s?bin/", word):
                continue  # the project's own scripts and build products
            name = os.path.basename(word)
            if not WORD.match(name) or name in SHELL_WORDS or name in OWN_PROGRAMS:
                continue
            where = f"{os.path.relpath(path, source)}:{number}"
            if name in listed:
                checked.add(name)
                continue
            if name not in verdicts:
                found = word if word.startswith("/") and os.path.exists(word) else shutil.which(name)
                package = owner(found) if found else None
                if found is None:
                    verdicts[name] = "is not installed, and not in scripts/commands.tsv"
                elif package is None:
                    verdicts[name] = f"({found}) is from no Debian package"
                elif not in_minimal_debian(package):
                    verdicts[name] = (f"comes from Debian's {package}, which a minimal Debian "
                                      "lacks: add it to scripts/commands.tsv")
                else:
                    verdicts[name] = None
                    checked.add(name)
            if verdicts[name]:
                failures.append(f"FAIL {where}: '{name}' {verdicts[name]}")
    for program, needs in INDIRECT.items():
        for name in needs:
            if program in checked and name not in listed:
                failures.append(f"FAIL '{name}' (run by {program}) is not in scripts/commands.tsv")
    for line in failures:
        print(line)
    print(f"commands_test: {len(checked)} programs checked, {len(listed)} in scripts/commands.tsv")
    print(f"{len(checked)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

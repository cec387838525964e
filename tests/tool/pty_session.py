#!/usr/bin/env python3
# Runs a command on a pseudo-terminal and types KEYS into it (C escapes: \t is Tab, \n Enter, \x1b[A the up arrow):
# each line once the prompt PROMPT has appeared again, each Tab followed by a short pause for the completion; then
# prints everything the terminal showed.
# Usage: pty_session.py TIMEOUT PROMPT KEYS -- COMMAND [ARGS...]
import codecs, os, pty, select, sys, time

timeout = float(sys.argv[1])
prompt = sys.argv[2].encode()
keys = codecs.decode(sys.argv[3], "unicode_escape")
command = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)
output = bytearray()
deadline = time.monotonic() + timeout

def read_for(seconds):
    """Reads what arrives within |seconds|; False once the terminal closed."""
    end = min(time.monotonic() + seconds, deadline)
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            output.extend(chunk)
    return True

def wait_for_prompt(count):
    """Reads until the prompt has been shown |count| times."""
    while output.count(prompt) < count and time.monotonic() < deadline:
        if not read_for(0.05):
            return

lines = keys.split("\n")
for number, line in enumerate(lines, start=1):
    wait_for_prompt(number)
    parts = line.split("\t")
    for i, part in enumerate(parts):
        os.write(fd, part.encode())
        if i < len(parts) - 1:
            read_for(0.1)
            os.write(fd, b"\t")
            read_for(0.2)
    os.write(fd, b"\n")
while read_for(0.2) and time.monotonic() < deadline:
    pass
try:
    os.kill(pid, 9)
except ProcessLookupError:
    pass
sys.stdout.write(output.decode("utf-8", "replace"))

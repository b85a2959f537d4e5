#!/usr/bin/env python3
"""Where Weir's query threads spend their time, from `jfr print --events jdk.ExecutionSample`:
the top methods by inclusive samples (the method or something it calls was running) and by self
samples (the method itself was running). Usage: jfr-top.py samples.txt [top-n] [thread-prefix]
(threads: weir-query by default; weir-udf for the UDF workers)."""
import collections
import re
import sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
threads = sys.argv[3] if len(sys.argv) > 3 else 'weir-query'
inclusive, self_time, total = collections.Counter(), collections.Counter(), 0
for sample in open(path).read().split('jdk.ExecutionSample'):
    m = re.search(r'stackTrace = \[(.*?)\n\s*\]', sample, re.S)
    if not m or f'sampledThread = "{threads}' not in sample:
        continue
    frames = [re.sub(r'\s*line:.*', '', l.strip()) for l in m.group(1).split('\n')]
    frames = [f for f in frames if f and f != '...']
    if not frames:
        continue
    total += 1
    self_time[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1
print(f"{total} samples of {threads} threads")
print("== inclusive")
for f, c in inclusive.most_common(top):
    if 'Thread.run' not in f and 'ThreadPoolExecutor' not in f:
        print(f"{100 * c / total:5.1f}%  {f}")
print("== self")
for f, c in self_time.most_common(top):
    print(f"{100 * c / total:5.1f}%  {f}")

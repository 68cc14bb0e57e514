import sys
# Reads `git fast-export` and writes it without file contents: blobs and file
# changes dropped, commits (authors, committers, dates, messages, parents) kept.
inp = sys.stdin.buffer
out = sys.stdout.buffer
def readline():
    return inp.readline()
while True:
    line = readline()
    if not line:
        break
    if line.startswith(b'blob'):
        # blob\n[mark :n\n][original-oid ..\n]data <n>\n<bytes>
        while True:
            l = readline()
            if l.startswith(b'data '):
                n = int(l[5:].strip())
                inp.read(n)
                break
        continue
    if line.startswith(b'data '):
        n = int(line[5:].strip())
        out.write(line)
        data = inp.read(n)
        out.write(data)
        if not data.endswith(b'\n'):
            out.write(b'\n')
        continue
    if line == b'\n':
        continue
    if line[:2] in (b'M ', b'D ', b'R ', b'C ') or line.startswith(b'deleteall'):
        continue
    out.write(line)

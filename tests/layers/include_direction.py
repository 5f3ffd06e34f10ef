#!/usr/bin/env python3
"""The layers of libsmime point only down, and the build enforces it.

For every layer, a scratch file is preprocessed with the exact flags the
build gives that layer's sources (compile_commands.json). Including an
internal header of the same layer or of one below must work; including
one of a layer above, or beside, must fail with "No such file". The
expected graph is the one ARCHITECTURE.md draws; a layer added to the
build but not to this table fails the test too.
"""
import json, os, subprocess, sys, tempfile

# Each layer and the layers it builds on directly (ARCHITECTURE.md).
LAYERS = {
    'util': [],
    'gnutls': ['util'],
    'tasn1': ['gnutls'],
    'gmime': ['util'],
    'curl': ['util'],
    'core': ['gnutls', 'gmime'],
    'x509': ['tasn1'],
    'mime': ['gmime'],
    'cms': ['x509'],
    'pki': ['cms', 'mime'],
    'keyring': ['pki'],
    'ops': ['keyring', 'curl', 'core'],
}


def below(layer):
    seen = set()
    todo = list(LAYERS[layer])
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo += LAYERS[d]
    return seen


def main():
    src, build = sys.argv[1], sys.argv[2]
    lib = os.path.join(src, 'libsmime')
    found = sorted(d for d in os.listdir(lib) if os.path.isdir(os.path.join(lib, d, 'include')))
    if found != sorted(LAYERS):
        sys.exit(f'layers in libsmime/ {found} differ from the table {sorted(LAYERS)}')
    # One header per layer: an internal one, or a public one (include/smime/)
    # for a layer that has none (core).
    header = {}
    for layer in LAYERS:
        for sub in (layer, 'smime'):
            d = os.path.join(lib, layer, 'include', sub)
            if os.path.isdir(d):
                header[layer] = f'{sub}/{sorted(os.listdir(d))[0]}'
                break
    commands = json.load(open(os.path.join(build, 'compile_commands.json')))
    failures = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        for layer in LAYERS:
            if layer == 'gmime':  # no sources: its headers are compiled by mime's
                continue
            entry = next((c for c in commands if f'/libsmime/{layer}/' in c['file']
                          and c['file'].endswith('.cpp')), None)
            if entry is None:
                sys.exit(f'no compile command for a source of libsmime/{layer}')
            allowed = below(layer) | {layer}
            for other in LAYERS:
                probe = os.path.join(tmp, 'probe.cpp')
                with open(probe, 'w') as f:
                    f.write(f'#include "{header[other]}"\n')
                args = entry['command'].split()
                # Same flags, but preprocess the probe only (-E); drop -o, -c,
                # the dependency file and the source.
                keep, skip = [], False
                for a in args:
                    if skip:
                        skip = False
                        continue
                    if a in ('-o', '-MF', '-MQ', '-c'):
                        skip = a != '-c'
                        continue
                    if a == '-MD' or a.endswith(entry['file']) or a == entry['file']:
                        continue
                    keep.append(a)
                run = subprocess.run(keep + ['-E', '-o', os.devnull, probe], cwd=entry['directory'],
                                     capture_output=True, text=True)
                checked += 1
                if other in allowed and run.returncode != 0:
                    failures += 1
                    print(f'{layer} cannot include {header[other]} from a layer below:\n{run.stderr}')
                elif other not in allowed and 'No such file' not in run.stderr:
                    failures += 1
                    print(f'{layer} can include {header[other]}, which is not below it')
    print(f'{checked} includes checked, {failures} wrong')
    sys.exit(1 if failures else 0)


main()

// SMIME_API marks what libsmime.so exports: the library is built with
// -fvisibility=hidden, so everything else in it (the layers under the
// public API) stays internal. Only headers of include/smime use it.
#pragma once

#define SMIME_API __attribute__((visibility("default")))

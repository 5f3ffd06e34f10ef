// Unnamed temporary files: where a large product, or what an operation
// makes on the way (a decoded CMS structure, a plaintext), is kept out of
// the process's memory (the page cache holds the bytes, not the process).
#pragma once

#include <smime/export.hpp>

namespace smime {

// A new empty file open for reading and writing, with no name: O_TMPFILE in
// $TMPDIR, else /tmp; an unlinked file where the file system has no
// O_TMPFILE. It vanishes when closed, however the process ends. -1 (errno
// set) when none can be made.
SMIME_API int open_unnamed_file() noexcept;

}  // namespace smime

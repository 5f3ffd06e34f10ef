// Process-wide library set-up, held by main for the run: GnuTLS now, GMime
// on the first call that needs it; both are shut down when it ends.
#pragma once

#include <smime/export.hpp>

namespace smime {

class SMIME_API LibraryInit {
public:
    LibraryInit();
    ~LibraryInit();
    LibraryInit(const LibraryInit&) = delete;
    LibraryInit& operator=(const LibraryInit&) = delete;
};

}  // namespace smime

// Process-wide library set-up (GnuTLS, GMime), held by main for the run.
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

// Process-wide library set-up (GnuTLS, GMime), held by main for the run.
#pragma once

namespace smime {

class LibraryInit {
public:
    LibraryInit();
    ~LibraryInit();
    LibraryInit(const LibraryInit&) = delete;
    LibraryInit& operator=(const LibraryInit&) = delete;
};

}  // namespace smime

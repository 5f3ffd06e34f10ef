// An exclusive flock() on HOME/.lock for the lifetime of the object: writers
// are serialized; readers never take it (they see whole files or none).
#pragma once

#include <string>

namespace smime::keyring {

class LockFile {
public:
    explicit LockFile(const std::string& path);  // blocks until the lock is ours
    ~LockFile();
    LockFile(const LockFile&) = delete;
    LockFile& operator=(const LockFile&) = delete;

private:
    int m_fd = -1;
};

}  // namespace smime::keyring

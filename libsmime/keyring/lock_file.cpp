#include "keyring/lock_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <smime/error.hpp>

namespace smime::keyring {

LockFile::LockFile(const std::string& path) {
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        throw Error(Errc::io, path + ": cannot open lock file: " + std::strerror(errno));
    }
    while (::flock(m_fd, LOCK_EX) < 0) {
        if (errno != EINTR) {
            int saved = errno;
            ::close(m_fd);
            throw Error(Errc::io, path + ": cannot lock: " + std::strerror(saved));
        }
    }
}

LockFile::~LockFile() {
    if (m_fd >= 0) {
        ::close(m_fd);  // closing releases the flock
    }
}

}  // namespace smime::keyring

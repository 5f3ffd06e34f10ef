#include "file_writeback.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "paths.hpp"

namespace smime::cli {

void write_durably(int fd, const Product& product, mode_t mode, const std::string& name,
                   const struct timespec* times) {
    try {
        product.write_to(fd, name);
        if (::fchmod(fd, mode) != 0 || (times != nullptr && ::futimens(fd, times) != 0) || ::fsync(fd) != 0) {
            throw Error(Errc::io, name + ": cannot write: " + std::strerror(errno));
        }
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) {
        throw Error(Errc::io, name + ": cannot write: " + std::strerror(errno));
    }
}

void write_file_atomically(const std::string& path, const Product& product, mode_t mode, bool sync_dir) {
    // A dot name: a directory listing (ours, a Maildir reader's) skips it.
    std::string temp = sibling(path, "." + base_name(path) + ".smime-XXXXXX");
    int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        throw Error(Errc::io, directory_of(path) + ": cannot write back there: " + std::strerror(errno));
    }
    try {
        write_durably(fd, product, mode, temp);
        if (::rename(temp.c_str(), path.c_str()) != 0) {
            throw Error(Errc::io, path + ": cannot replace: " + std::strerror(errno));
        }
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
    if (sync_dir) {
        sync_directory(directory_of(path));
    }
}

void sync_directory(const std::string& dir) noexcept {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace smime::cli

#include "mime/mapped_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

namespace smime::mime {

MappedFile::~MappedFile() { ::munmap(m_data, m_size); }

std::unique_ptr<MappedFile> map_file(const std::string& path) {
    if (path.empty() || path == "-") {
        return nullptr;
    }
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(Errc::io, path + ": " + std::strerror(errno));
    }
    struct stat info {};
    void* map = MAP_FAILED;
    std::size_t size = 0;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        size = static_cast<std::size_t>(info.st_size);
        // MAP_POPULATE: one batch of page-table work instead of a fault per page.
        map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    }
    ::close(fd);  // the mapping keeps the file
    if (map == MAP_FAILED) {
        return nullptr;
    }
    return std::make_unique<MappedFile>(map, size);
}

}  // namespace smime::mime

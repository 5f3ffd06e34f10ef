// The input message of encrypt/decrypt without copying it: a regular file is
// mapped read-only (100 MB messages stay in the page cache, no second copy in
// the heap); standard input and other files are read with read_input.
#pragma once

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "io.hpp"

namespace smime::cli {

class MappedInput {
public:
    explicit MappedInput(const std::string& path) {
        if (!path.empty() && path != "-") {
            int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw Error(Errc::io, path + ": " + std::strerror(errno));
            }
            struct stat st {};
            if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
                void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
                if (p != MAP_FAILED) {
                    ::madvise(p, static_cast<size_t>(st.st_size), MADV_SEQUENTIAL);
                    m_map = p;
                    m_size = static_cast<size_t>(st.st_size);
                }
            }
            ::close(fd);
            if (m_map != nullptr) {
                return;
            }
        }
        m_copy = read_input(path);
    }
    MappedInput(const MappedInput&) = delete;
    MappedInput& operator=(const MappedInput&) = delete;
    ~MappedInput() {
        if (m_map != nullptr) {
            ::munmap(m_map, m_size);
        }
    }
    std::string_view view() const noexcept {
        return m_map != nullptr ? std::string_view(static_cast<const char*>(m_map), m_size) : std::string_view(m_copy);
    }

private:
    void* m_map = nullptr;
    size_t m_size = 0;
    std::string m_copy;
};

}  // namespace smime::cli

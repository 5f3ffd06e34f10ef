#include "keyring/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

namespace smime::keyring {

namespace {
[[noreturn]] void fail(const std::string& path, const char* what) {
    throw Error(Errc::io, path + ": " + what + ": " + std::strerror(errno));
}

std::string parent_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

// fail(), keeping the errno of what failed across closing fd.
[[noreturn]] void close_and_fail(int fd, const std::string& path, const char* what) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    fail(path, what);
}
}  // namespace

std::optional<std::string> read_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            return std::nullopt;
        }
        fail(path, "cannot open");
    }
    std::string data;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        data.reserve(static_cast<size_t>(st.st_size));
    }
    char buffer[16384];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            close_and_fail(fd, path, "cannot read");
        }
        if (n == 0) {
            break;
        }
        data.append(buffer, static_cast<size_t>(n));
    }
    ::close(fd);
    return data;
}

void write_new_file(const std::string& path, std::string_view data, mode_t mode) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        fail(path, "cannot create");
    }
    ::fchmod(fd, mode);  // the umask must not widen or narrow what we promise
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            close_and_fail(fd, path, "cannot write");
        }
        data.remove_prefix(static_cast<size_t>(n));
    }
    if (::close(fd) < 0) {
        fail(path, "cannot write");
    }
}

void fsync_path(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fail(path, "cannot open for fsync");
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc < 0 && errno != EINVAL) {
        fail(path, "fsync");
    }
}

void write_file_atomic(const std::string& path, std::string_view data, mode_t mode) {
    std::string temp = path + ".tmp." + std::to_string(::getpid());
    write_new_file(temp, data, mode);
    fsync_path(temp);
    if (::rename(temp.c_str(), path.c_str()) < 0) {
        ::unlink(temp.c_str());
        fail(path, "cannot rename into place");
    }
    fsync_path(parent_of(path));
}

void make_dir(const std::string& path, mode_t mode) {
    if (::mkdir(path.c_str(), mode) == 0 || errno == EEXIST) {
        return;
    }
    if (errno == ENOENT && path.find('/') != std::string::npos && parent_of(path) != path) {
        make_dir(parent_of(path), mode);
        if (::mkdir(path.c_str(), mode) == 0 || errno == EEXIST) {
            return;
        }
    }
    fail(path, "cannot create directory");
}

}  // namespace smime::keyring

#include "output_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "file_writeback.hpp"
#include "paths.hpp"

namespace smime::cli {

namespace {
[[noreturn]] void fail(const std::string& path, const char* what) {
    throw Error(Errc::io, path + ": " + what + ": " + std::strerror(errno));
}

// A new file gets the mode open(2) would give it (0666 less the umask),
// not the 0600 of a temporary file.
mode_t default_mode() {
    mode_t mask = ::umask(0);
    ::umask(mask);
    return 0666 & ~mask;
}
}  // namespace

OutputFile::OutputFile(std::string path) : m_path(std::move(path)) {
    // A link is followed: the file it names is replaced, the link stays.
    if (char* real = ::realpath(m_path.c_str(), nullptr); real != nullptr) {
        m_path = real;
        std::free(real);
    }
    struct stat st {};
    if (::stat(m_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        // /dev/stdout, a FIFO, a terminal: nothing to replace, write to it.
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_CLOEXEC);
        m_direct = true;
    } else {
        open_temporary();
    }
    if (m_fd < 0) {
        fail(m_path, "cannot write there");
    }
    m_saved_stdout = ::dup(STDOUT_FILENO);
    if (m_saved_stdout < 0 || ::dup2(m_fd, STDOUT_FILENO) < 0) {
        int saved = errno;
        discard();
        errno = saved;
        fail(m_path, "cannot redirect standard output");
    }
}

void OutputFile::open_temporary() {
    std::string dir = directory_of(m_path);
    m_fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        m_temp = sibling(m_path, "." + base_name(m_path) + ".smime-XXXXXX");
        m_fd = ::mkostemp(m_temp.data(), O_CLOEXEC);
        if (m_fd < 0) {
            m_temp.clear();
        }
    }
}

OutputFile::~OutputFile() { discard(); }

void OutputFile::commit(int exit_code) {
    if (m_direct) {
        return;  // written as it went
    }
    struct stat st {};
    if (::fstat(m_fd, &st) != 0) {
        fail(m_path, "fstat");
    }
    if (st.st_size == 0 && exit_code != 0) {
        return;  // nothing was produced: the destructor removes the temporary file
    }
    if (::fchmod(m_fd, default_mode()) != 0 || ::fsync(m_fd) != 0) {
        fail(m_path, "cannot write");
    }
    if (m_temp.empty()) {
        // O_TMPFILE: give the file a hidden name, then rename it over path
        // (linkat cannot replace an existing file).
        std::string proc = "/proc/self/fd/" + std::to_string(m_fd);
        for (int attempt = 0; m_temp.empty() && attempt < 100; ++attempt) {
            std::string name = sibling(m_path, "." + base_name(m_path) + ".smime-" + std::to_string(::getpid()) +
                                                   "-" + std::to_string(attempt));
            if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
                m_temp = name;
            } else if (errno != EEXIST) {
                fail(m_path, "cannot create");
            }
        }
    }
    if (m_temp.empty() || ::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        fail(m_path, "cannot create");
    }
    m_temp.clear();  // it is path now
    sync_directory(directory_of(m_path));  // the rename itself survives a crash
}

void OutputFile::discard() noexcept {
    if (m_saved_stdout >= 0) {
        ::dup2(m_saved_stdout, STDOUT_FILENO);
        ::close(m_saved_stdout);
        m_saved_stdout = -1;
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        m_temp.clear();
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

}  // namespace smime::cli

#include "maildir_writeback.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <smime/error.hpp>

#include "file_writeback.hpp"
#include "paths.hpp"

namespace smime::cli {

namespace {

[[noreturn]] void fail(const std::string& what) { throw Error(Errc::io, what + ": " + std::strerror(errno)); }

std::string host_name() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') {
        return "localhost";
    }
    return host;
}

// A new unique name each call (Q: the deliveries of this process).
std::string next_unique_name() {
    static unsigned long seq = 0;
    auto now = std::chrono::system_clock::now().time_since_epoch();
    auto usec = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
    return maildir_unique_name(static_cast<std::time_t>(usec / 1000000), static_cast<long>(usec % 1000000),
                               static_cast<long>(::getpid()), ++seq, host_name());
}

}  // namespace

std::string maildir_unique_name(std::time_t seconds, long usec, long pid, unsigned long seq, std::string_view host) {
    std::string name = std::to_string(seconds) + ".M" + std::to_string(usec) + "P" + std::to_string(pid) + "Q" +
                       std::to_string(seq) + ".";
    for (char c : host) {
        name += c == '/' ? "\\057" : c == ':' ? "\\072" : std::string(1, c);
    }
    return name;
}

std::string maildir_renamed(std::string_view old_name, std::string_view unique, std::uint64_t size) {
    auto colon = old_name.find(':');
    std::string_view info = colon == std::string_view::npos ? std::string_view() : old_name.substr(colon);
    std::string_view base = old_name.substr(0, colon);
    std::string name(unique);
    // Dovecot's fields follow the unique part, each after a comma: ",S=123,W=130".
    for (auto comma = base.find(','); comma != std::string_view::npos; comma = base.find(',', comma + 1)) {
        if (base.substr(comma + 1, 2) == "S=") {
            name += ",S=" + std::to_string(size);
        }
    }
    return name + std::string(info);
}

std::string maildir_write_back(const std::string& path, const Product& product) {
    const std::string sub = directory_of(path);
    const std::string tmp = join_path(join_path(sub, ".."), "tmp");
    struct stat old {};
    if (::stat(path.c_str(), &old) != 0) {
        fail(path);
    }
    std::string unique = next_unique_name();
    std::string staged = join_path(tmp, unique);
    int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail(tmp + ": cannot write there");
    }
    std::string target = join_path(sub, maildir_renamed(base_name(path), unique, product.size()));
    try {
        const struct timespec times[2] = {old.st_atim, old.st_mtim};
        write_durably(fd, product, old.st_mode & 07777, staged, times);
        // link, not rename: it never replaces a message that has the name already.
        if (::link(staged.c_str(), target.c_str()) != 0) {
            fail(sub + ": cannot write back there");
        }
    } catch (...) {
        ::unlink(staged.c_str());
        throw;
    }
    ::unlink(staged.c_str());
    sync_directory(sub);  // the new name is durable before the old one goes
    if (::unlink(path.c_str()) != 0) {
        fail(path + ": written back as " + target + ", but the old name stays");
    }
    sync_directory(sub);
    sync_directory(tmp);
    return target;
}

}  // namespace smime::cli

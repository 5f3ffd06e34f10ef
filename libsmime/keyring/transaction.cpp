#include "keyring/transaction.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sstream>
#include <unistd.h>
#include <vector>

#include <boost/filesystem.hpp>

#include <smime/error.hpp>

#include "keyring/atomic_file.hpp"

namespace smime::keyring {

namespace {

constexpr const char* k_txn = "/.txn";

// Index files are renamed last so that no index line ever names a missing file.
bool is_index(const std::string& path) { return path.rfind("index/", 0) == 0; }

void sync_filesystem(const std::string& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(Errc::io, dir + ": " + std::strerror(errno));
    }
    int rc = ::syncfs(fd);
    ::close(fd);
    if (rc < 0) {
        throw Error(Errc::io, dir + ": syncfs: " + std::strerror(errno));
    }
}

std::string parent_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

// Applies the manifest: "R <staged name> <path>" renames, "D <path>" removes.
void replay(const std::string& home, const std::string& manifest) {
    std::istringstream lines(manifest);
    std::string op;
    std::vector<std::string> dirs;
    while (lines >> op) {
        std::string path;
        if (op == "R") {
            std::string staged;
            lines >> staged >> path;
            std::string from = home + k_txn + "/" + staged;
            std::string to = home + "/" + path;
            if (dirs.empty() || dirs.back() != parent_of(to)) {
                make_dir(parent_of(to), 0700);
            }
            if (::rename(from.c_str(), to.c_str()) < 0 && errno != ENOENT) {
                throw Error(Errc::io, to + ": cannot rename into place: " + std::strerror(errno));
            }
        } else if (op == "D") {
            lines >> path;
            std::string target = home + "/" + path;
            if (::unlink(target.c_str()) < 0) {
                if (errno != ENOENT) {
                    throw Error(Errc::io, target + ": cannot remove: " + std::strerror(errno));
                }
                continue;  // nothing was there: no directory changed
            }
        } else {
            throw Error(Errc::keyring, home + "/.txn/COMMIT: unreadable manifest");
        }
        dirs.push_back(parent_of(home + "/" + path));
    }
    std::sort(dirs.begin(), dirs.end());
    dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
    for (const auto& dir : dirs) {
        fsync_path(dir);
    }
}

void discard_staging(const std::string& home) {
    boost::system::error_code ignored;
    boost::filesystem::remove_all(home + k_txn, ignored);
}

}  // namespace

void Transaction::write(const std::string& path, std::string content, mode_t mode) {
    m_changes[path] = Change{std::move(content), mode};
}

void Transaction::remove(const std::string& path) { m_changes[path] = Change{std::nullopt, 0}; }

std::optional<std::string> Transaction::read(const std::string& path) const {
    if (auto it = m_changes.find(path); it != m_changes.end()) {
        return it->second.content;
    }
    return read_file(m_home + "/" + path);
}

void Transaction::commit() {
    if (m_changes.empty()) {
        return;
    }
    const std::string staging = m_home + k_txn;
    discard_staging(m_home);
    make_dir(staging, 0700);

    std::string renames_first;
    std::string renames_index;
    std::string removals;
    try {
        unsigned counter = 0;
        for (const auto& [path, change] : m_changes) {
            if (!change.content) {
                removals += "D " + path + "\n";
                continue;
            }
            std::string staged = std::to_string(counter++);
            write_new_file(staging + "/" + staged, *change.content, change.mode);
            (is_index(path) ? renames_index : renames_first) += "R " + staged + " " + path + "\n";
        }
        sync_filesystem(staging);  // one flush for every staged file
        write_file_atomic(staging + "/COMMIT", renames_first + renames_index + removals, 0600);
    } catch (...) {
        discard_staging(m_home);
        throw;
    }
    // From here on the transaction has happened; recover() would finish it.
    replay(m_home, renames_first + renames_index + removals);
    discard_staging(m_home);
    m_changes.clear();
}

void Transaction::recover(const std::string& home) {
    if (auto manifest = read_file(home + k_txn + "/COMMIT")) {
        replay(home, *manifest);
    }
    discard_staging(home);
}

}  // namespace smime::keyring

#include "batch_sources.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <sys/stat.h>

#include "paths.hpp"

namespace smime::cli {

namespace {

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// What a message in dir is: dir is the new/ or cur/ of a Maildir, or not.
MessageKind kind_in(const std::string& dir) {
    std::string name = base_name(dir.size() > 1 && dir.back() == '/' ? dir.substr(0, dir.size() - 1) : dir);
    if ((name == "new" || name == "cur") && is_maildir(join_path(dir, ".."))) {
        return name == "new" ? MessageKind::maildir_new : MessageKind::maildir_cur;
    }
    return MessageKind::file;
}

// The regular files of dir (not links to them: a batch writes in place, and
// rewriting through a link would replace what it names elsewhere).
void add_directory(const std::string& dir, MessageKind kind, std::vector<BatchMessage>& out) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) {
        out.push_back({dir, kind, dir + ": cannot list: " + std::strerror(errno)});
        return;
    }
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(d)) {
        std::string name = entry->d_name;
        struct stat st {};
        if (name[0] != '.' && ::lstat(join_path(dir, name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
            names.push_back(std::move(name));
        }
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
        out.push_back({join_path(dir, name), kind, std::nullopt});
    }
}

}  // namespace

bool is_maildir(const std::string& dir) {
    return is_directory(join_path(dir, "cur")) && is_directory(join_path(dir, "new")) &&
           is_directory(join_path(dir, "tmp"));
}

std::vector<BatchMessage> list_messages(const std::vector<std::string>& paths) {
    std::vector<BatchMessage> out;
    for (const auto& path : paths) {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            out.push_back({path, MessageKind::file, path + ": " + std::strerror(errno)});
        } else if (S_ISDIR(st.st_mode) && is_maildir(path)) {
            add_directory(join_path(path, "new"), MessageKind::maildir_new, out);
            add_directory(join_path(path, "cur"), MessageKind::maildir_cur, out);
        } else if (S_ISDIR(st.st_mode)) {
            add_directory(path, kind_in(path), out);
        } else if (S_ISREG(st.st_mode)) {
            out.push_back({path, kind_in(directory_of(path)), std::nullopt});
        } else {
            out.push_back({path, MessageKind::file, path + ": not a message file, directory or Maildir"});
        }
    }
    return out;
}

}  // namespace smime::cli

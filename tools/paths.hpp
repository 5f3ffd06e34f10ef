// Path names as the CLI takes them apart (no file system access).
#pragma once

#include <string>

namespace smime::cli {

inline std::string directory_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

inline std::string base_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// A file called name in path's directory.
inline std::string sibling(const std::string& path, const std::string& name) {
    auto slash = path.rfind('/');
    return (slash == std::string::npos ? "" : path.substr(0, slash + 1)) + name;
}

// name inside the directory dir.
inline std::string join_path(const std::string& dir, const std::string& name) {
    return !dir.empty() && dir.back() == '/' ? dir + name : dir + "/" + name;
}

}  // namespace smime::cli

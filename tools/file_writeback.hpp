// Writing a product over a file, or as a new one, so that the file is
// either the old one or the whole new one, never half of it: a temporary
// file in the same directory, fsync, rename (--batch, --output-dir).
#pragma once

#include <string>
#include <sys/types.h>
#include <time.h>

#include "outcome.hpp"

namespace smime::cli {

// path becomes product, with the permission bits mode. Throws
// Error{Errc::io}; path is then as it was and no temporary file is left.
// sync_dir false: the caller fsyncs the directory later (a batch does it
// once per directory: the file is complete either way, only the rename
// waits to be durable).
void write_file_atomically(const std::string& path, const Product& product, mode_t mode, bool sync_dir = true);

// product into fd (a new file), mode set (and times, when given: atime,
// mtime), fsync'd and closed; name is what an error calls it. Closes fd on
// failure too. Throws Error{Errc::io}.
void write_durably(int fd, const Product& product, mode_t mode, const std::string& name,
                   const struct timespec* times = nullptr);

// fsync of a directory, so a rename or unlink in it survives a crash
// (best effort: a file system without it loses nothing but durability).
void sync_directory(const std::string& dir) noexcept;

}  // namespace smime::cli

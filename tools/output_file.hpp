// --output FILE: the product goes to a temporary file in FILE's directory
// that becomes FILE (fsync, rename) only when the command finished, so FILE
// is never half-written and an existing FILE is replaced atomically. A
// FILE that is not a regular file (/dev/stdout, a FIFO) is written to
// directly: there is nothing to replace.
#pragma once

#include <string>

namespace smime::cli {

class OutputFile {
public:
    // Points standard output at an unnamed (O_TMPFILE) or, where the file
    // system lacks it, a hidden temporary file next to path. Throws
    // Error{Errc::io} when the directory cannot take it (before any input
    // is read).
    explicit OutputFile(std::string path);
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    // Without commit(): the temporary file is removed and path left as it was.
    ~OutputFile();

    // The command returned: path appears when it wrote a product, or when
    // it succeeded with an empty one (exit 0: an empty listing); a command
    // that wrote nothing and failed leaves path alone. Throws
    // Error{Errc::io} when the data cannot be made durable.
    void commit(int exit_code);

private:
    void open_temporary();
    void discard() noexcept;

    std::string m_path;
    std::string m_temp;  // named temporary file; empty for O_TMPFILE
    int m_fd = -1;
    int m_saved_stdout = -1;
    bool m_direct = false;  // not a regular file: written in place
};

}  // namespace smime::cli

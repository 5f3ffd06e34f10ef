// The product of a command (or a message read from a pipe), spooled as the
// operation makes it and copied to standard output only when the operation
// has succeeded: a filter never emits half a message. A SpillBuffer: up to
// 1 MiB in memory, beyond that in an unnamed temporary file (O_TMPFILE in
// $TMPDIR, else /tmp), so memory stays bounded whatever the size; where no
// file can be made (TMPDIR missing or full) the bytes stay in memory.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unistd.h>

#include <smime/spill_buffer.hpp>

namespace smime::cli {

class Spool final : public SpillBuffer {
public:
    // Appends what fd holds until its end (true) or until the spool holds
    // more than limit bytes (false); splice(2) where it can; only after
    // use_file() succeeded. Throws Error{Errc::io}.
    bool take_from(int fd, const std::string& name, unsigned long long limit);
    // Everything written, to standard output. Throws Error{Errc::io}.
    void copy_to_stdout() { copy_to(STDOUT_FILENO, "standard output"); }
    // The same to any descriptor (name: what an error calls it).
    void copy_to(int fd, const std::string& name);
    // Holds exactly these bytes (a product that would change nothing).
    bool same_as(std::string_view bytes) const;

private:
    bool read_from(int fd, const std::string& name, unsigned long long limit);  // take_from without splice
    // The file from offset to its end, 64 KiB at a time, while each returns true.
    bool file_chunks(off_t offset, const std::function<bool(std::string_view, off_t)>& each) const;
};

}  // namespace smime::cli

// The product of a command (or a message read from a pipe), spooled to an unnamed temporary file (O_TMPFILE
// in $TMPDIR, else /tmp; an unlinked file where O_TMPFILE is not
// supported) as the operation makes it, and copied to standard output only
// when the operation has succeeded: a filter never emits half a message,
// and memory stays bounded whatever the size (the page cache holds the
// bytes, not the process). Where no temporary file can be made (TMPDIR
// missing or full) the bytes are kept in memory instead: a mail is never
// refused for want of a spool.
#pragma once

#include <string>
#include <string_view>

#include <smime/sink.hpp>

namespace smime::cli {

class Spool final : public Sink {
public:
    Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    ~Spool() override;

    void write(std::string_view bytes) override;
    // Appends what fd holds until its end (true) or until the spool holds
    // more than limit bytes (false); splice(2) where it can; only with a
    // file (fd() >= 0). Throws Error{Errc::io}.
    bool take_from(int fd, const std::string& name, unsigned long long limit);
    bool empty() const noexcept { return m_size == 0; }
    unsigned long long size() const noexcept { return m_size; }
    // The unnamed file, or -1 when the bytes are in memory.
    int fd() const noexcept { return m_fd; }
    // Everything written, to standard output. Throws Error{Errc::io}.
    void copy_to_stdout();

private:
    int m_fd = -1;
    unsigned long long m_size = 0;
    std::string m_memory;  // when there is no file
};

}  // namespace smime::cli

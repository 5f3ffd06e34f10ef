// The product of a command (or a message read from a pipe), spooled as the
// operation makes it and copied to standard output only when the operation
// has succeeded: a filter never emits half a message. Up to 1 MiB it stays
// in memory; beyond, it goes to an unnamed temporary file (O_TMPFILE in
// $TMPDIR, else /tmp; an unlinked file where O_TMPFILE is not supported),
// so memory stays bounded whatever the size (the page cache holds the
// bytes, not the process). Where no temporary file can be made (TMPDIR
// missing or full) the bytes stay in memory: a mail is never refused for
// want of a spool.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unistd.h>

#include <smime/sink.hpp>

namespace smime::cli {

class Spool final : public Sink {
public:
    Spool() = default;
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    ~Spool() override;

    void write(std::string_view bytes) override;
    // Moves to the unnamed file now (what was kept in memory too); false
    // when none can be made. Throws Error{Errc::io}.
    bool use_file();
    // Appends what fd holds until its end (true) or until the spool holds
    // more than limit bytes (false); splice(2) where it can; only after
    // use_file() succeeded. Throws Error{Errc::io}.
    bool take_from(int fd, const std::string& name, unsigned long long limit);
    bool empty() const noexcept { return m_size == 0; }
    unsigned long long size() const noexcept { return m_size; }
    // The unnamed file, or -1 while the bytes are in memory.
    int fd() const noexcept { return m_fd; }
    // Everything written, to standard output. Throws Error{Errc::io}.
    void copy_to_stdout() { copy_to(STDOUT_FILENO, "standard output"); }
    // The same to any descriptor (name: what an error calls it).
    void copy_to(int fd, const std::string& name);
    // Holds exactly these bytes (a product that would change nothing).
    bool same_as(std::string_view bytes) const;

private:
    void write_file(std::string_view bytes);
    bool read_from(int fd, const std::string& name, unsigned long long limit);  // take_from without splice
    // The file from offset to its end, 64 KiB at a time, while each returns true.
    bool file_chunks(off_t offset, const std::function<bool(std::string_view, off_t)>& each) const;
    int m_fd = -1;
    bool m_no_file = false;  // making the file failed once: memory from then on
    unsigned long long m_size = 0;
    std::string m_memory;  // when there is no file
};

}  // namespace smime::cli

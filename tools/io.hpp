// What the CLI does with files, so the library only sees bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <smime/sink.hpp>

#include "read_buffer.hpp"

namespace smime::cli {

// Reads a whole file; "-" or "" is standard input. Throws Error{Errc::io},
// also when it holds more than limit bytes.
std::string read_input(const std::string& path, std::uint64_t limit = UINT64_MAX);

// Writes the product to standard output in one go (all or nothing: call it
// only after the operation succeeded). Throws Error{Errc::io}.
void write_output(std::string_view bytes);
// The same to any descriptor; name is what an error message calls it.
void write_all(int fd, std::string_view bytes, const std::string& name);

// A Sink that writes straight to a descriptor, for operations that write
// nothing before their result is settled (sign).
class DescriptorSink final : public Sink {
public:
    DescriptorSink(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {}
    void write(std::string_view bytes) override { write_all(m_fd, bytes, m_name); }

private:
    int m_fd;
    std::string m_name;
};

// The input message without copying it: a non-empty regular file, named or
// redirected to standard input, is mapped read-only (a 100 MB message stays
// in the page cache, no second copy in the heap); pipes and the like are
// read into memory (ReadBuffer; beyond 1 MiB into an unnamed temporary
// file, which is then mapped), at
// most limit bytes (beyond it Error{Errc::io}: what cannot be read whole
// cannot be passed through whole). A mapped file of any size is handed on:
// the operation itself flags one above max-message-size.
class InputMessage {
public:
    // whole: the message is read several times (parsing), so the mapping is
    // populated up front; once: read front to back once (encrypt, decrypt),
    // which brings pages in and drops them as it goes (util::ReadAhead).
    enum class Reading { whole, once };
    // What a stream longer than limit gets: refused (Error{Errc::io}), or,
    // for the mail filters, reading stops there: view() is the head read so
    // far, oversized() is true and copy_rest_to_stdout() passes the rest on
    // as it streams, never holding it.
    enum class Oversize { refuse, keep_head };
    // path "" or "-": standard input (read whole, at most limit bytes)
    InputMessage(const std::string& path, std::uint64_t limit, Reading reading = Reading::whole,
                 Oversize oversize = Oversize::refuse);
    InputMessage(const InputMessage&) = delete;
    InputMessage& operator=(const InputMessage&) = delete;
    ~InputMessage();
    std::string_view view() const noexcept;
    // The file mapping (Context::set_input_mapping), or empty for a copy.
    std::string_view mapping() const noexcept;
    bool oversized() const noexcept { return m_rest_fd >= 0; }
    // Oversize::keep_head: the bytes not read yet, to standard output in
    // bounded chunks. Throws Error{Errc::io}.
    void copy_rest_to_stdout();

private:
    void release_rest() noexcept;
    bool spill_to_file(const std::string& name, std::uint64_t limit);

    void* m_map = nullptr;
    std::size_t m_size = 0;
    std::size_t m_offset = 0;  // where standard input stood in the file mapped
    ReadBuffer m_copy;
    int m_rest_fd = -1;  // where the rest of an oversized stream waits (ours unless stdin)
};

// True when standard input is a terminal (we never prompt otherwise).
bool stdin_is_terminal();

}  // namespace smime::cli

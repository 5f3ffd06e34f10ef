// Bytes written front to back and kept out of the process's memory once
// they are many: up to 1 MiB in memory, beyond that in an unnamed temporary
// file (smime/unnamed_file.hpp), so a 1 GiB product or intermediate costs
// page cache, not memory. Read back as one piece (the file mapped
// read-only). Where no file can be made the bytes stay in memory: a mail is
// never refused for want of a temporary file. The library spills what an
// operation makes on the way (a decoded CMS structure, a plaintext); the
// smime program spools its products in one (tools/spool).
#pragma once

#include <smime/export.hpp>

#include <string>
#include <string_view>

#include <smime/sink.hpp>

namespace smime {

class SMIME_API SpillBuffer : public Sink {
public:
    SpillBuffer() = default;
    SpillBuffer(const SpillBuffer&) = delete;
    SpillBuffer& operator=(const SpillBuffer&) = delete;
    ~SpillBuffer() override;

    // Throws Error{Errc::io} when the file cannot take the bytes.
    void write(std::string_view bytes) override;
    // Moves to the file now (what was kept in memory too); false when none
    // can be made. Throws Error{Errc::io}.
    bool use_file();
    // Everything written, as one piece; nothing may be written after it.
    // Throws Error{Errc::io} when the file cannot be mapped.
    std::string_view view();
    // view() when it is the mapping of the file, else empty: what a
    // util::DroppableInput may name (dropping pages of memory would zero them).
    std::string_view file_mapping() { return m_fd >= 0 ? view() : std::string_view(); }
    unsigned long long size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    // The file, or -1 while the bytes are in memory.
    int fd() const noexcept { return m_fd; }

protected:
    // For what fills the file other ways (splice): its bytes, and their count.
    void write_file(std::string_view bytes);
    void add_to_size(unsigned long long bytes) noexcept { m_size += bytes; }
    std::string_view memory() const noexcept { return m_memory; }

private:
    int m_fd = -1;
    bool m_no_file = false;  // making the file failed once: memory from then on
    unsigned long long m_size = 0;
    std::string m_memory;    // while there is no file
    void* m_map = nullptr;   // view() of the file
};

}  // namespace smime

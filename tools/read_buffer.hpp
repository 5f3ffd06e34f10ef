// A message read from a pipe: anonymous memory that grows by mremap (the
// kernel moves the pages, nothing is copied) and that read(2) fills
// directly, so standard input costs one pass over the bytes, not the three
// of appending 64 KiB chunks to a doubling std::string.
#pragma once

#include <cstddef>
#include <string_view>

namespace smime::cli {

class ReadBuffer {
public:
    ReadBuffer() = default;
    ReadBuffer(const ReadBuffer&) = delete;
    ReadBuffer& operator=(const ReadBuffer&) = delete;
    ~ReadBuffer();

    // Room for at least want more bytes after the end; returns where.
    // Throws Error{Errc::io} when the memory cannot be had.
    char* reserve_tail(std::size_t want);
    // n bytes were written at reserve_tail().
    void grew(std::size_t n) noexcept { m_size += n; }

    std::string_view view() const noexcept { return {m_data, m_size}; }
    void reset() noexcept;  // empty again, its memory returned
    std::size_t size() const noexcept { return m_size; }

private:
    void grow(std::size_t want);
    char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

}  // namespace smime::cli

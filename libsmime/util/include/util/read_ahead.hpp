// Reading a large input once, front to back. When the input is a read-only
// file mapping, the pages ahead are brought in a few MiB at a time and the
// pages already read are dropped from this process (they stay in the page
// cache and come back from the file if read again), so a 100 MB input does
// not count in full towards peak memory next to the output being built.
// Both are only advice to the kernel: the bytes never change.
#pragma once

#include <cstddef>
#include <string_view>

#include <smime/sink.hpp>

namespace smime::util {

class ReadAhead {
public:
    // data: what will be read; droppable: the file mapping data lies in
    // (Context::input_mapping), or empty when data is ordinary memory.
    ReadAhead(std::string_view data, std::string_view droppable) noexcept;

    // Everything before data[pos] has been read.
    void at(std::size_t pos) noexcept;

private:
    const char* m_begin;
    const char* m_end;
    bool m_droppable;
    const char* m_fetched;  // pages before this are (being) brought in
    const char* m_dropped;  // pages before this have been dropped
};

// data to out a few MiB at a time, read ahead and dropped behind (a
// message passed through unchanged, in bounded memory).
void write_read_ahead(Sink& out, std::string_view data, std::string_view droppable);

}  // namespace smime::util

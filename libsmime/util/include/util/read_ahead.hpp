// Reading a large input once, front to back. When the input is a read-only
// file mapping, the pages ahead are brought in a few MiB at a time and, in
// a mapping above 12 MiB, the pages already read are dropped from this
// process (they stay in the page cache and come back from the file if read
// again), so a 100 MB input does not count in full towards peak memory next
// to the output being built.
// Both are only advice to the kernel: the bytes never change.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include <smime/sink.hpp>

namespace smime::util {

// How much of a large input is brought in ahead, and held behind, at a time;
// also the size of the pieces handed out below. Each pass over an input
// holds about twice this, so a few passes at once stay well inside 32 MiB.
inline constexpr std::size_t k_read_ahead_window = std::size_t{2} << 20;

// The file mappings this thread reads large inputs from (the message, and
// an operation's SpillBuffer files), each for the duration of one scope,
// so that a scan deep in the MIME reader can drop what it has read without
// every caller passing the mapping down. Scoped, so that a mapping already
// gone can never be named: dropping pages of ordinary memory would zero them.
class DroppableInput {
public:
    // mapping: a read-only mapping of a file (Context::input_mapping,
    // SpillBuffer::file_mapping), never ordinary memory; empty names nothing.
    explicit DroppableInput(std::string_view mapping) noexcept;
    DroppableInput(const DroppableInput&) = delete;
    DroppableInput& operator=(const DroppableInput&) = delete;
    ~DroppableInput();

    std::string_view mapping() const noexcept { return m_mapping; }
    const DroppableInput* outer() const noexcept { return m_outer; }

private:
    std::string_view m_mapping;
    const DroppableInput* m_outer;
};

// The mapping of an open DroppableInput that holds data; empty when none
// does (then nothing is dropped).
std::string_view droppable_for(std::string_view data) noexcept;

class ReadAhead {
public:
    // data: what will be read; droppable: the file mapping data lies in
    // (Context::input_mapping), or empty when data is ordinary memory.
    explicit ReadAhead(std::string_view data, std::string_view droppable) noexcept;
    explicit ReadAhead(std::string_view data) noexcept : ReadAhead(data, droppable_for(data)) {}

    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;
    // A large input's pages still held are dropped too: the passes of an
    // operation (structure, digest, output) come one after the other, and
    // what each leaves behind would add up.
    ~ReadAhead();

    // Everything before data[pos] has been read.
    void at(std::size_t pos) noexcept;

private:
    const char* m_begin;
    const char* m_end;
    bool m_droppable;
    bool m_dropping;
    const char* m_fetched;  // pages before this are (being) brought in
    const char* m_dropped;  // pages before this have been dropped
};

// data in pieces of about k_read_ahead_window that end after an LF (so no line, and no
// CRLF, is cut), read with a ReadAhead: piece(text, offset) for each.
template <typename Piece>
void for_each_line_piece(std::string_view data, std::string_view droppable, Piece&& piece) {
    constexpr std::size_t k_piece = k_read_ahead_window;
    ReadAhead ahead(data, droppable);
    for (std::size_t pos = 0; pos < data.size();) {
        std::size_t end = pos + k_piece < data.size() ? data.find('\n', pos + k_piece) : std::string_view::npos;
        end = end == std::string_view::npos ? data.size() : end + 1;
        piece(data.substr(pos, end - pos), pos);
        pos = end;
        ahead.at(pos);
    }
}

// Pieces lying one after the other (the segments of a BER OCTET STRING,
// often thousands of 4 KiB ones), a few MiB at a time under one ReadAhead
// over all of them: chunk(text) for each.
template <typename Chunk>
void for_each_chunk(std::span<const std::string_view> pieces, Chunk&& chunk) {
    constexpr std::size_t k_chunk = k_read_ahead_window;
    if (pieces.empty()) {
        return;
    }
    const char* begin = pieces.front().data();
    const char* end = pieces.back().data() + pieces.back().size();
    std::string_view all = end > begin ? std::string_view(begin, static_cast<std::size_t>(end - begin)) : std::string_view();
    ReadAhead ahead(all);
    for (std::string_view piece : pieces) {
        for (std::size_t pos = 0; pos < piece.size(); pos += k_chunk) {
            std::string_view part = piece.substr(pos, k_chunk);
            chunk(part);
            if (part.data() >= begin && part.data() + part.size() <= end) {
                ahead.at(static_cast<std::size_t>(part.data() + part.size() - begin));
            }
        }
    }
}

// data to out that way (a message passed through unchanged, in bounded memory).
inline void write_read_ahead(Sink& out, std::string_view data, std::string_view droppable) {
    for_each_line_piece(data, droppable, [&](std::string_view piece, std::size_t) { out.write(piece); });
}

}  // namespace smime::util

// Base64 (RFC 2045 §6.8) for MIME bodies, whole or streamed: encrypt writes
// and decrypt reads 100 MB messages through the streamed forms, so neither
// the input nor its encoding is ever copied as a whole.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <smime/sink.hpp>

namespace smime::mime {

// Lines of 76 characters, each ended by eol (the last one too); "" for no data.
std::string base64_encode(std::span<const std::uint8_t> data, std::string_view eol = "\r\n");

// The same, streamed: write() any pieces, finish() once; appends to out.
class Base64Writer {
public:
    Base64Writer(std::string& out, std::string_view eol) : m_out(out), m_eol(eol) {}
    void write(std::span<const std::uint8_t> data);
    void finish();

private:
    void line(const std::uint8_t* data, std::size_t n);
    std::string& m_out;
    std::string_view m_eol;
    std::uint8_t m_carry[57] = {};  // 57 bytes make one line of 76 characters
    std::size_t m_carry_len = 0;
};

// What the decoder accepts besides the alphabet and whitespace (space, tab,
// CR, LF), which it skips. required: every quantum complete, "=" only to
// pad the last one (what decrypt accepts). lenient: padding may be missing
// or run long ("QQ", "QQ=====", "QUJD="), as verify has always read
// signature parts. Either way nothing but whitespace may follow a "=".
enum class Base64Padding { required, lenient };

// Decodes text given in pieces: a quantum may span two calls to decode.
// Throws Error{Errc::parse} ("malformed base64 in <what>") on anything else.
class Base64Decoder {
public:
    explicit Base64Decoder(Base64Padding padding = Base64Padding::required, std::string_view what = "the text")
        : m_lenient(padding == Base64Padding::lenient), m_what(what) {}
    // Appends to out (room for text.size() / 4 * 3 + 3 bytes); returns the bytes written.
    std::size_t decode(std::string_view text, std::uint8_t* out);
    // Once, after the last piece: an unfinished quantum is an error when
    // padding is required, else its bytes are written to out (at most 2).
    std::size_t finish(std::uint8_t* out);

private:
    [[noreturn]] void fail(std::string_view detail) const;
    bool m_lenient;
    std::string_view m_what;
    std::uint32_t m_acc = 0;
    int m_have = 0;
    int m_padding = 0;
};

// The whole text at once; throws as Base64Decoder does.
std::vector<std::uint8_t> base64_decode(std::string_view text, Base64Padding padding = Base64Padding::required);
// The same, written to out a few MiB at a time (the pages of a mapped text
// dropped behind): a 100 MB body is decoded in bounded memory.
void base64_decode_to(Sink& out, std::string_view text, Base64Padding padding, std::string_view what);

}  // namespace smime::mime

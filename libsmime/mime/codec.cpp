#include "mime/codec.hpp"

#include <array>
#include <cstring>

#include "mime/entity.hpp"

namespace smime::mime {

namespace {

constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
    std::array<std::int8_t, 256> table{};
    for (auto& v : table) {
        v = -1;
    }
    for (int i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(k_alphabet[i])] = static_cast<std::int8_t>(i);
    }
    table['='] = -2;
    table[' '] = table['\t'] = table['\r'] = table['\n'] = -3;
    return table;
}
constexpr auto k_decode = make_decode_table();

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

std::vector<std::uint8_t> decode_qp(std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '=') {
            out.push_back(static_cast<std::uint8_t>(c));
            continue;
        }
        if (i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<std::uint8_t>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
            continue;
        }
        // Soft line break: "=" then optional blanks then a line end.
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
            ++j;
        }
        if (j < text.size() && text[j] == '\r') {
            ++j;
        }
        if (j < text.size() && text[j] == '\n') {
            i = j;
            continue;
        }
        if (j == text.size()) {
            break;
        }
        out.push_back('=');  // a stray '=' is kept as is
    }
    return out;
}

}  // namespace

std::string base64_encode(std::span<const std::uint8_t> data, std::string_view eol) {
    std::string out;
    out.reserve(data.size() / 3 * 4 + data.size() / 57 * eol.size() + 8);
    std::size_t i = 0;
    std::size_t line = 0;
    auto emit = [&](char c) {
        out.push_back(c);
        if (++line == 76) {
            out.append(eol);
            line = 0;
        }
    };
    for (; i + 3 <= data.size(); i += 3) {
        std::uint32_t v = (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
        emit(k_alphabet[(v >> 18) & 63]);
        emit(k_alphabet[(v >> 12) & 63]);
        emit(k_alphabet[(v >> 6) & 63]);
        emit(k_alphabet[v & 63]);
    }
    if (i < data.size()) {
        std::uint32_t v = std::uint32_t{data[i]} << 16;
        if (i + 1 < data.size()) {
            v |= std::uint32_t{data[i + 1]} << 8;
        }
        emit(k_alphabet[(v >> 18) & 63]);
        emit(k_alphabet[(v >> 12) & 63]);
        emit(i + 1 < data.size() ? k_alphabet[(v >> 6) & 63] : '=');
        emit('=');
    }
    if (line != 0) {
        out.append(eol);
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 4 * 3 + 3);
    std::uint32_t acc = 0;
    int bits = 0;
    bool padding = false;
    for (unsigned char c : text) {
        int v = k_decode[c];
        if (v == -3) {
            continue;
        }
        if (v == -2) {
            padding = true;
            continue;
        }
        if (v < 0 || padding) {
            return std::nullopt;  // garbage, or data after padding
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    if (bits >= 6) {
        return std::nullopt;  // a lone sextet cannot be a byte
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> decode_body(std::string_view body, std::string_view transfer_encoding) {
    if (iequals(transfer_encoding, "base64")) {
        return base64_decode(body);
    }
    if (iequals(transfer_encoding, "quoted-printable")) {
        return decode_qp(body);
    }
    return std::vector<std::uint8_t>(body.begin(), body.end());
}

bool has_bare_lf(std::string_view text) noexcept {
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
        if (p == text.data() || p[-1] != '\r') {
            return true;
        }
        ++p;
    }
    return false;
}

std::string to_crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    append_crlf(out, text);
    return out;
}

void append_crlf(std::string& out, std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t newline = text.find('\n', pos);
        if (newline == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, newline - pos));
        if (newline == 0 || text[newline - 1] != '\r') {
            out.push_back('\r');
        }
        out.push_back('\n');
        pos = newline + 1;
    }
}

std::string to_lf(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t cr = text.find("\r\n", pos);
        if (cr == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        out.append(text.substr(pos, cr - pos));
        out.push_back('\n');
        pos = cr + 2;
    }
    return out;
}

bool is_7bit_safe(std::string_view text) noexcept {
    // Word-at-a-time for the high bit, memchr for NUL, CR and line lengths:
    // this runs over every message we sign, up to 100 MB.
    const char* data = text.data();
    std::size_t size = text.size();
    std::size_t i = 0;
    std::uint64_t high = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, data + i, 8);
        high |= word;
    }
    for (; i < size; ++i) {
        high |= static_cast<unsigned char>(data[i]);
    }
    if ((high & 0x8080808080808080ULL) != 0 || std::memchr(data, '\0', size) != nullptr) {
        return false;
    }
    for (const char* cr = data; (cr = static_cast<const char*>(std::memchr(cr, '\r', size - static_cast<std::size_t>(cr - data)))) != nullptr; ++cr) {
        if (cr + 1 >= data + size || cr[1] != '\n') {
            return false;  // a lone CR
        }
    }
    const char* line = data;
    const char* end = data + size;
    while (line < end) {
        const char* newline = static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
        const char* stop = newline == nullptr ? end : newline;
        if (stop - line > 998) {  // longer than 998 octets, unless the last is a CR
            std::size_t length = static_cast<std::size_t>(stop - line) - (stop[-1] == '\r' ? 1 : 0);
            if (length > 998) {
                return false;
            }
        }
        line = stop + 1;
    }
    return true;
}

}  // namespace smime::mime

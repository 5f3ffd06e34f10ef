#include "mime/base64.hpp"

#include <algorithm>
#include <cstring>

#include <nettle/base64.h>

#include <smime/error.hpp>

#include "util/read_ahead.hpp"

namespace smime::mime {

namespace {
constexpr std::size_t k_line_bytes = 57;  // 76 characters

// 0..63 for base64 characters, then the three kinds of everything else.
constexpr std::uint8_t k_space = 64;
constexpr std::uint8_t k_pad = 65;
constexpr std::uint8_t k_other = 66;

struct Base64Table {
    std::uint8_t v[256];
    constexpr Base64Table() : v() {
        for (auto& x : v) {
            x = k_other;
        }
        const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) {
            v[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
        }
        for (char c : {' ', '\t', '\r', '\n'}) {
            v[static_cast<unsigned char>(c)] = k_space;
        }
        v[static_cast<unsigned char>('=')] = k_pad;
    }
};
constexpr Base64Table k_b64;

// The bytes of a quantum that ended after 2 or 3 of its 4 characters.
std::uint8_t* write_partial(std::uint32_t acc, int have, std::uint8_t* o) {
    if (have == 2) {
        *o++ = static_cast<std::uint8_t>(acc >> 4);
    } else if (have == 3) {
        *o++ = static_cast<std::uint8_t>(acc >> 10);
        *o++ = static_cast<std::uint8_t>(acc >> 2);
    }
    return o;
}
}  // namespace

std::string base64_encode(std::span<const std::uint8_t> data, std::string_view eol) {
    std::size_t lines = (data.size() + k_line_bytes - 1) / k_line_bytes;
    std::string out;
    out.resize(BASE64_ENCODE_RAW_LENGTH(data.size()) + lines * eol.size());
    char* p = out.data();
    for (std::size_t off = 0; off < data.size(); off += k_line_bytes) {
        std::size_t n = std::min(k_line_bytes, data.size() - off);
        base64_encode_raw(p, n, data.data() + off);
        p += BASE64_ENCODE_RAW_LENGTH(n);
        std::memcpy(p, eol.data(), eol.size());
        p += eol.size();
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
    return out;
}

void Base64Writer::line(const std::uint8_t* data, std::size_t n) {
    std::size_t at = m_out.size();
    m_out.resize(at + BASE64_ENCODE_RAW_LENGTH(n));
    base64_encode_raw(m_out.data() + at, n, data);
    m_out.append(m_eol);
}

void Base64Writer::write(std::span<const std::uint8_t> data) {
    if (m_carry_len > 0) {
        std::size_t take = std::min(data.size(), sizeof m_carry - m_carry_len);
        std::memcpy(m_carry + m_carry_len, data.data(), take);
        m_carry_len += take;
        data = data.subspan(take);
        if (m_carry_len < sizeof m_carry) {
            return;
        }
        line(m_carry, m_carry_len);
        m_carry_len = 0;
    }
    while (data.size() >= sizeof m_carry) {
        line(data.data(), sizeof m_carry);
        data = data.subspan(sizeof m_carry);
    }
    std::memcpy(m_carry, data.data(), data.size());
    m_carry_len = data.size();
}

void Base64Writer::finish() {
    if (m_carry_len > 0) {
        line(m_carry, m_carry_len);
        m_carry_len = 0;
    }
}

void Base64Decoder::fail(std::string_view detail) const {
    std::string message = "malformed base64 in ";
    message.append(m_what).append(detail);
    throw Error(Errc::parse, message);
}

std::size_t Base64Decoder::decode(std::string_view text, std::uint8_t* out) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    std::uint8_t* o = out;
    std::uint32_t acc = m_acc;
    int have = m_have;
    int padding = m_padding;
    while (p < end) {
        // Fast path: four alphabet characters in a row.
        if (have == 0 && padding == 0 && end - p >= 4) {
            std::uint32_t a = k_b64.v[p[0]], b = k_b64.v[p[1]], c = k_b64.v[p[2]], d = k_b64.v[p[3]];
            if ((a | b | c | d) < 64) {
                std::uint32_t n = (a << 18) | (b << 12) | (c << 6) | d;
                o[0] = static_cast<std::uint8_t>(n >> 16);
                o[1] = static_cast<std::uint8_t>(n >> 8);
                o[2] = static_cast<std::uint8_t>(n);
                o += 3;
                p += 4;
                continue;
            }
        }
        std::uint8_t v = k_b64.v[*p++];
        if (v == k_space) {
            continue;
        }
        if (v == k_other || (v < 64 && padding > 0)) {
            fail("");
        }
        if (v == k_pad) {
            if (m_lenient) {
                if (have == 1) {
                    fail("");  // a lone sextet cannot be a byte
                }
                padding = 1;
                o = write_partial(acc, have, o);
                have = 0;
                acc = 0;
                continue;
            }
            ++padding;
            if (have < 2 || have + padding > 4) {
                fail("");
            }
            if (have + padding == 4) {
                o = write_partial(acc, have, o);
                have = 0;
                acc = 0;
            }
            continue;
        }
        acc = (acc << 6) | v;
        if (++have == 4) {
            *o++ = static_cast<std::uint8_t>(acc >> 16);
            *o++ = static_cast<std::uint8_t>(acc >> 8);
            *o++ = static_cast<std::uint8_t>(acc);
            have = 0;
            acc = 0;
        }
    }
    m_acc = acc;
    m_have = have;
    m_padding = padding;
    return static_cast<std::size_t>(o - out);
}

std::size_t Base64Decoder::finish(std::uint8_t* out) {
    if (m_have == 0) {
        return 0;
    }
    if (!m_lenient || m_have == 1) {
        fail(" (truncated)");
    }
    std::size_t n = static_cast<std::size_t>(write_partial(m_acc, m_have, out) - out);
    m_acc = 0;
    m_have = 0;
    return n;
}

std::vector<std::uint8_t> base64_decode(std::string_view text, Base64Padding padding) {
    std::vector<std::uint8_t> out(text.size() / 4 * 3 + 3);
    Base64Decoder decoder(padding);
    std::size_t size = decoder.decode(text, out.data());
    size += decoder.finish(out.data() + size);
    out.resize(size);
    return out;
}

void base64_decode_to(Sink& out, std::string_view text, Base64Padding padding, std::string_view what) {
    Base64Decoder decoder(padding, what);
    std::string decoded;
    auto at = [&] { return reinterpret_cast<std::uint8_t*>(decoded.data()); };
    util::for_each_line_piece(text, util::droppable_for(text), [&](std::string_view piece, std::size_t) {
        decoded.resize(piece.size() / 4 * 3 + 3);
        decoded.resize(decoder.decode(piece, at()));
        out.write(decoded);
    });
    decoded.resize(3);
    decoded.resize(decoder.finish(at()));
    out.write(decoded);
}

}  // namespace smime::mime

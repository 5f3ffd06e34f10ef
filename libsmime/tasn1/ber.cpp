#include "tasn1/ber.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

#include <smime/error.hpp>

#include "util/read_ahead.hpp"

namespace smime::cms {

namespace {
constexpr int k_max_depth = 32;

[[noreturn]] void malformed(const char* what) { throw Error(Errc::parse, std::string("malformed CMS: ") + what); }

Tlv read_tlv_at(ByteView data, int depth) {
    if (depth > k_max_depth) {
        malformed("nested too deeply");
    }
    if (data.size() < 2) {
        malformed("truncated");
    }
    Tlv tlv;
    tlv.tag = data[0];
    if ((tlv.tag & 0x1f) == 0x1f) {
        malformed("high tag number");
    }
    std::size_t pos = 1;
    std::uint8_t first = data[pos++];
    if (first == 0x80) {  // indefinite: children up to 00 00
        if (!tlv.constructed()) {
            malformed("indefinite length on a primitive value");
        }
        std::size_t start = pos;
        // The walk to the end-of-contents reads the header of every segment
        // of a 100 MB content: the pages behind are let go as it goes.
        util::ReadAhead ahead(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
        for (;;) {
            ahead.at(pos);
            if (data.size() - pos < 2) {
                malformed("truncated");
            }
            if (data[pos] == 0 && data[pos + 1] == 0) {
                tlv.content = data.subspan(start, pos - start);
                tlv.whole = data.first(pos + 2);
                return tlv;
            }
            pos += read_tlv_at(data.subspan(pos), depth + 1).whole.size();
        }
    }
    std::size_t length = first;
    if (first & 0x80) {
        std::size_t count = first & 0x7f;
        if (count > sizeof(std::size_t) || count == 0) {
            malformed("length too large");
        }
        length = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (pos >= data.size()) {
                malformed("truncated");
            }
            length = (length << 8) | data[pos++];
        }
    }
    if (length > data.size() - pos) {
        malformed("truncated");
    }
    tlv.content = data.subspan(pos, length);
    tlv.whole = data.first(pos + length);
    return tlv;
}

void collect_chunks(const Tlv& tlv, std::vector<ByteView>& out, int depth) {
    if (!tlv.constructed()) {
        out.push_back(tlv.content);
        return;
    }
    if (depth > k_max_depth) {
        malformed("nested too deeply");
    }
    TlvReader reader(tlv.content);
    util::ReadAhead ahead(std::string_view(reinterpret_cast<const char*>(tlv.content.data()), tlv.content.size()));
    while (!reader.empty()) {
        Tlv part = reader.next();
        ahead.at(static_cast<std::size_t>(part.whole.data() + part.whole.size() - tlv.content.data()));
        if ((part.tag & 0x1f) != 0x04) {
            malformed("segment of a constructed OCTET STRING is not an OCTET STRING");
        }
        collect_chunks(part, out, depth + 1);
    }
}
}  // namespace

Tlv read_tlv(ByteView data) { return read_tlv_at(data, 0); }

Tlv TlvReader::next() {
    Tlv tlv = read_tlv(m_rest);
    m_rest = m_rest.subspan(tlv.whole.size());
    return tlv;
}

Tlv TlvReader::expect(std::uint8_t tag) {
    if (empty()) {
        malformed("missing field");
    }
    Tlv tlv = next();
    if (tlv.tag != tag) {
        malformed("unexpected field");
    }
    return tlv;
}

std::vector<ByteView> octet_string_chunks(const Tlv& tlv) {
    std::vector<ByteView> chunks;
    collect_chunks(tlv, chunks, 0);
    return chunks;
}

std::size_t header_size(std::size_t length) {
    std::size_t n = 2;
    if (length >= 0x80) {
        for (std::size_t l = length; l != 0; l >>= 8) {
            ++n;
        }
    }
    return n;
}

void append_header(Bytes& out, std::uint8_t tag, std::size_t length) {
    out.push_back(tag);
    if (length < 0x80) {
        out.push_back(static_cast<std::uint8_t>(length));
        return;
    }
    std::size_t count = header_size(length) - 2;
    out.push_back(static_cast<std::uint8_t>(0x80 | count));
    for (std::size_t i = count; i-- > 0;) {
        out.push_back(static_cast<std::uint8_t>(length >> (8 * i)));
    }
}

void append_tlv(Bytes& out, std::uint8_t tag, ByteView content) {
    append_header(out, tag, content.size());
    out.insert(out.end(), content.begin(), content.end());
}

Bytes oid_der(const char* dotted) {
    std::vector<unsigned long> arcs;
    for (const char* p = dotted; *p != '\0';) {
        char* end = nullptr;
        arcs.push_back(std::strtoul(p, &end, 10));
        p = (*end == '.') ? end + 1 : end;
    }
    Bytes value;
    auto put = [&value](unsigned long arc) {
        std::uint8_t tmp[10];
        int n = 0;
        do {
            tmp[n++] = static_cast<std::uint8_t>(arc & 0x7f);
            arc >>= 7;
        } while (arc != 0);
        while (n-- > 0) {
            value.push_back(static_cast<std::uint8_t>(tmp[n] | (n > 0 ? 0x80 : 0)));
        }
    };
    put(arcs.at(0) * 40 + arcs.at(1));
    for (std::size_t i = 2; i < arcs.size(); ++i) {
        put(arcs[i]);
    }
    Bytes out;
    append_tlv(out, 0x06, value);
    return out;
}

}  // namespace smime::cms

// RecipientInfo (RFC 5652 6.2): KeyTransRecipientInfo (RSA) and
// KeyAgreeRecipientInfo (RFC 5753 ECDH), parsed to one entry per recipient
// key and built for one certificate.
#pragma once

#include <optional>
#include <vector>

#include "tasn1/node.hpp"
#include "tasn1/ber.hpp"

namespace smime::cms {

struct RecipientId {
    Bytes issuer_der;  // issuerAndSerialNumber, or empty
    Bytes serial;
    Bytes ski;         // subjectKeyIdentifier / rKeyId, or empty
};

struct ParsedRecipient {
    enum class Kind { ktri, kari } kind = Kind::ktri;
    RecipientId rid;
    tasn1::AlgorithmId key_algorithm;  // key transport, or key agreement scheme (parameters: the wrap algorithm)
    Bytes encrypted_key;
    // kari only
    Bytes originator_point;       // ECPoint of the sender's ephemeral key
    Bytes ukm;                    // user keying material, or empty
};

// Every recipient in a RecipientInfos SET (its content octets); kekri, pwri
// and ori entries are skipped. Throws Error{Errc::parse} when malformed.
std::vector<ParsedRecipient> parse_recipient_infos(ByteView set_content);

// A KeyTransRecipientInfo as RecipientInfo DER.
Bytes build_ktri(const RecipientId& rid, const tasn1::AlgorithmId& key_algorithm, ByteView encrypted_key);

// A KeyAgreeRecipientInfo with an ephemeral originatorKey, as RecipientInfo DER.
Bytes build_kari(const RecipientId& rid, ByteView originator_point, const tasn1::AlgorithmId& key_agreement,
                 ByteView encrypted_key);

}  // namespace smime::cms

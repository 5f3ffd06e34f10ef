// What ties the signed attributes of a SignerInfo to the content (RFC 5652
// §5.4, §11.1, §11.2), judged at least as strictly as gnutls_pkcs7_verify
// does for the signatures it checks itself.
#pragma once

#include "tasn1/ber.hpp"

namespace smime::signature {

// signed_attrs: the [0] IMPLICIT SET OF Attribute as received; content_type:
// the SignedData's eContentType (the whole OID); digest: the content's digest
// with the signer's hash. True when there is exactly one messageDigest
// attribute, with one value, equal to digest, and at most one contentType
// attribute, with one value, equal to content_type. Throws Error{Errc::parse}
// when the attributes are malformed.
bool attributes_bind(cms::ByteView signed_attrs, cms::ByteView content_type, cms::ByteView digest);

}  // namespace smime::signature

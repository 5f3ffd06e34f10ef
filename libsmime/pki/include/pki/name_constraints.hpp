// RFC 5280 §4.2.1.10 name constraints: permitted and excluded subtrees for
// directoryName, rfc822Name (also the subject's emailAddress), dNSName,
// uniformResourceIdentifier and iPAddress. Each CA's constraints are kept
// as they are and every later name is checked against each of them, which
// is the intersection/union of RFC 5280 §6.1.4 (g) without building it.
// Both extensions are decoded with libtasn1 (x509.asn): GnuTLS hands
// directoryNames out as RFC 4514 text, which loses what §7.1 compares.
#pragma once

#include <optional>
#include <vector>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"
#include "x509/general_name.hpp"

namespace smime::x509 {

struct NameConstraints {
    GeneralNames permitted;
    GeneralNames excluded;
};

// nullopt when the certificate has no name constraints extension.
std::optional<NameConstraints> name_constraints_of(gnutls_x509_crt_t crt);

// The names a certificate is known by: its subject (unless empty) as a
// directoryName, the subject's emailAddress as rfc822Names, its
// subjectAltNames.
GeneralNames names_of(gnutls_x509_crt_t crt, const CertInfo& info);

// Does name lie in the subtree constraint (both of the same kind)? Never
// for otherName, x400Address, ediPartyName and registeredID.
bool in_subtree(const GeneralName& constraint, const GeneralName& name);

// True when every name of the certificate is permitted and none excluded.
bool allowed_by(const NameConstraints& constraints, const GeneralNames& names);

}  // namespace smime::x509

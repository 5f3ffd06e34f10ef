// The certificate policy part of RFC 5280 §6.1: the valid_policy_tree with
// policy mappings, and the explicit_policy, inhibit_anyPolicy and
// policy_mapping counters. Inputs are the user defaults (initial policy set
// {anyPolicy}, no explicit policy required, mapping and anyPolicy allowed),
// so the final intersection step (§6.1.5 (g)) leaves the tree as it is.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "x509/extensions.hpp"

namespace smime::x509 {

// What a certificate contributes to policy processing.
struct CertPolicies {
    std::optional<std::vector<std::string>> policies;  // certificatePolicies OIDs; nullopt when absent
    std::vector<PolicyMapping> mappings;
    std::optional<PolicyConstraints> constraints;
    std::optional<unsigned> inhibit_any_policy;
    bool self_issued = false;
};

class PolicyTree {
public:
    explicit PolicyTree(std::size_t path_length);

    // §6.1.3 (d)-(f) for certificate i (1-based, i == n is the leaf), then
    // §6.1.4 (a), (b), (h)-(j) or §6.1.5 (a), (b). Returns a reason when the
    // path fails.
    std::optional<std::string> process(const CertPolicies& cert, std::size_t i);

private:
    struct Node {
        std::string policy;
        std::set<std::string> expected;
        std::size_t parent = 0;  // index in the level above
    };

    void add_policy_level(const CertPolicies& cert, std::size_t i);
    std::optional<std::string> apply_mappings(const CertPolicies& cert);
    void prune();
    bool empty() const { return m_levels.empty(); }

    std::size_t m_n;
    std::vector<std::vector<Node>> m_levels;  // depth 0 .. i; empty = NULL tree
    std::size_t m_explicit_policy;
    std::size_t m_inhibit_any;
    std::size_t m_policy_mapping;
};

}  // namespace smime::x509

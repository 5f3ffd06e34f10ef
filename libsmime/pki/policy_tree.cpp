#include "pki/policy_tree.hpp"

#include <algorithm>

namespace smime::x509 {

namespace {
constexpr const char* k_any_policy = "2.5.29.32.0";

void lower_to(std::size_t& counter, std::optional<unsigned> limit) {
    if (limit && *limit < counter) {
        counter = *limit;
    }
}

void count_down(std::size_t& counter) {
    if (counter > 0) {
        --counter;
    }
}
}  // namespace

PolicyTree::PolicyTree(std::size_t path_length)
    : m_n(path_length),
      m_levels{{Node{k_any_policy, {k_any_policy}, 0}}},
      m_explicit_policy(path_length + 1),
      m_inhibit_any(path_length + 1),
      m_policy_mapping(path_length + 1) {}

// §6.1.3 (d) (1)-(2): a level of nodes for the certificate's policies.
void PolicyTree::add_policy_level(const CertPolicies& cert, std::size_t i) {
    const auto& parents = m_levels.back();
    std::vector<Node> level;
    bool has_any = false;
    for (const auto& policy : *cert.policies) {
        if (policy == k_any_policy) {
            has_any = true;
            continue;
        }
        bool matched = false;
        for (std::size_t p = 0; p < parents.size(); ++p) {
            if (parents[p].expected.count(policy) != 0) {
                level.push_back({policy, {policy}, p});
                matched = true;
            }
        }
        for (std::size_t p = 0; p < parents.size() && !matched; ++p) {
            if (parents[p].policy == k_any_policy) {
                level.push_back({policy, {policy}, p});
                matched = true;
            }
        }
    }
    bool any_allowed = m_inhibit_any > 0 || (i < m_n && cert.self_issued);
    if (has_any && any_allowed) {
        for (std::size_t p = 0; p < parents.size(); ++p) {
            for (const auto& expected : parents[p].expected) {
                bool present = std::any_of(level.begin(), level.end(), [&](const Node& node) {
                    return node.parent == p && node.policy == expected;
                });
                if (!present) {
                    level.push_back({expected, {expected}, p});
                }
            }
        }
    }
    m_levels.push_back(std::move(level));
    prune();
}

// §6.1.3 (d) (3): nodes above the newest level without children go, up to
// the root; a tree without nodes at the newest depth is NULL.
void PolicyTree::prune() {
    for (std::size_t depth = m_levels.size() - 1; depth > 0; --depth) {
        auto& upper = m_levels[depth - 1];
        auto& lower = m_levels[depth];
        std::vector<std::size_t> new_index(upper.size(), 0);
        std::vector<Node> kept;
        for (std::size_t p = 0; p < upper.size(); ++p) {
            bool has_child = std::any_of(lower.begin(), lower.end(), [&](const Node& n) { return n.parent == p; });
            if (has_child) {
                new_index[p] = kept.size();
                kept.push_back(std::move(upper[p]));
            }
        }
        for (auto& node : lower) {
            node.parent = new_index[node.parent];
        }
        upper = std::move(kept);
    }
    if (m_levels.back().empty()) {
        m_levels.clear();
    }
}

// §6.1.4 (a), (b).
std::optional<std::string> PolicyTree::apply_mappings(const CertPolicies& cert) {
    for (const auto& mapping : cert.mappings) {
        if (mapping.issuer_policy == k_any_policy || mapping.subject_policy == k_any_policy) {
            return "maps anyPolicy";
        }
    }
    if (empty() || cert.mappings.empty()) {
        return std::nullopt;
    }
    std::set<std::string> issuer_policies;
    for (const auto& mapping : cert.mappings) {
        issuer_policies.insert(mapping.issuer_policy);
    }
    auto& level = m_levels.back();
    for (const auto& issuer_policy : issuer_policies) {
        std::set<std::string> subjects;
        for (const auto& mapping : cert.mappings) {
            if (mapping.issuer_policy == issuer_policy) {
                subjects.insert(mapping.subject_policy);
            }
        }
        auto node = std::find_if(level.begin(), level.end(), [&](const Node& n) { return n.policy == issuer_policy; });
        if (m_policy_mapping == 0) {
            std::erase_if(level, [&](const Node& n) { return n.policy == issuer_policy; });
            continue;
        }
        if (node != level.end()) {
            for (auto& n : level) {
                if (n.policy == issuer_policy) {
                    n.expected = subjects;
                }
            }
            continue;
        }
        auto any = std::find_if(level.begin(), level.end(), [](const Node& n) { return n.policy == k_any_policy; });
        if (any != level.end()) {
            level.push_back({issuer_policy, subjects, any->parent});
        }
    }
    if (m_policy_mapping == 0) {
        prune();
    }
    return std::nullopt;
}

std::optional<std::string> PolicyTree::process(const CertPolicies& cert, std::size_t i) {
    if (cert.policies && !empty()) {
        add_policy_level(cert, i);
    } else {
        m_levels.clear();  // (e): no policies, NULL tree
    }
    if (m_explicit_policy == 0 && empty()) {
        return "no acceptable certificate policy";
    }
    if (i < m_n) {
        if (auto problem = apply_mappings(cert)) {
            return problem;
        }
        if (!cert.self_issued) {
            count_down(m_explicit_policy);
            count_down(m_policy_mapping);
            count_down(m_inhibit_any);
        }
        if (cert.constraints) {
            lower_to(m_explicit_policy, cert.constraints->require_explicit_policy);
            lower_to(m_policy_mapping, cert.constraints->inhibit_policy_mapping);
        }
        lower_to(m_inhibit_any, cert.inhibit_any_policy);
        return std::nullopt;
    }
    count_down(m_explicit_policy);  // §6.1.5 (a), (b)
    if (cert.constraints && cert.constraints->require_explicit_policy == 0u) {
        m_explicit_policy = 0;
    }
    if (m_explicit_policy == 0 && empty()) {
        return "no acceptable certificate policy";
    }
    return std::nullopt;
}

}  // namespace smime::x509

#include <gtest/gtest.h>

#include "pki/policy_tree.hpp"

using namespace smime::x509;

namespace {
const std::string k_any = "2.5.29.32.0";
const std::string k_p1 = "2.16.840.1.101.3.2.1.48.1";
const std::string k_p2 = "2.16.840.1.101.3.2.1.48.2";

CertPolicies with(std::vector<std::string> policies) { return CertPolicies{std::move(policies), {}, {}, {}, false}; }
CertPolicies without_policies() { return CertPolicies{std::nullopt, {}, {}, {}, false}; }
}  // namespace

TEST(PolicyTree, SamePolicyAllTheWay) {
    PolicyTree tree(2);
    EXPECT_FALSE(tree.process(with({k_p1}), 1));
    EXPECT_FALSE(tree.process(with({k_p1}), 2));
}

TEST(PolicyTree, NoPoliciesIsFineUnlessRequired) {
    PolicyTree relaxed(2);
    EXPECT_FALSE(relaxed.process(without_policies(), 1));
    EXPECT_FALSE(relaxed.process(without_policies(), 2));

    PolicyTree strict(2);
    auto ca = with({k_p1});
    ca.constraints = PolicyConstraints{0u, std::nullopt};
    EXPECT_FALSE(strict.process(ca, 1));
    EXPECT_TRUE(strict.process(without_policies(), 2));
}

TEST(PolicyTree, DisjointPoliciesFailWhenExplicit) {
    PolicyTree tree(2);
    auto ca = with({k_p1});
    ca.constraints = PolicyConstraints{0u, std::nullopt};
    EXPECT_FALSE(tree.process(ca, 1));
    EXPECT_TRUE(tree.process(with({k_p2}), 2));
}

TEST(PolicyTree, MappingLetsTheSubjectPolicyThrough) {
    PolicyTree tree(2);
    auto ca = with({k_p1});
    ca.mappings = {{k_p1, k_p2}};
    ca.constraints = PolicyConstraints{0u, std::nullopt};
    EXPECT_FALSE(tree.process(ca, 1));
    EXPECT_FALSE(tree.process(with({k_p2}), 2));
}

TEST(PolicyTree, MappingInhibitedDeletesThePolicy) {
    PolicyTree tree(3);
    auto top = with({k_p1});
    top.constraints = PolicyConstraints{0u, 0u};
    EXPECT_FALSE(tree.process(top, 1));
    auto middle = with({k_p1});
    middle.mappings = {{k_p1, k_p2}};
    EXPECT_FALSE(tree.process(middle, 2));
    EXPECT_TRUE(tree.process(with({k_p2}), 3));
}

TEST(PolicyTree, MappingAnyPolicyIsAnError) {
    PolicyTree tree(2);
    auto ca = with({k_any});
    ca.mappings = {{k_any, k_p1}};
    EXPECT_TRUE(tree.process(ca, 1));
}

TEST(PolicyTree, InhibitAnyPolicyStopsAnyPolicyBelow) {
    PolicyTree tree(3);
    auto top = with({k_any});
    top.constraints = PolicyConstraints{0u, std::nullopt};
    top.inhibit_any_policy = 0u;
    EXPECT_FALSE(tree.process(top, 1));
    EXPECT_TRUE(tree.process(with({k_any}), 2));
}

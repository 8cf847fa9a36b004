// A community on the in-memory store, with a chair, a member and an adviser, for the
// use-case tests.
#pragma once

#include <gtest/gtest.h>

#include "app/communities.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/sealer.h"
#include "crypto/sodium_random.h"
#include "store/memory_store.h"

namespace conduct::app::testing {

class AppTest : public ::testing::Test {
 protected:
  AppTest() : store_(sealer_), clock_(*parse_timestamp("2026-11-25T08:00:00Z")), context_{store_, clock_, random_} {}

  void SetUp() override {
    auto created = init_community(context_, {*shipped_policy_source("default"),
                                             {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                                             "robin@tidewater.example",
                                             "Robin Achterberg"});
    ASSERT_TRUE(created.ok()) << created.error().message;
    chair_ = Actor{created->community, created->chair};
    first_chair_link_ = created->first_chair_link;
    member_ = add("priya@tidewater.example", "Priya Raman", "member");
    adviser_ = add("ada@tidewater.example", "Ada Ferreira", "adviser");
  }

  Actor add(const std::string& email, const std::string& name, const std::string& role) {
    auto added = add_member(context_, chair_, {email, name, role, ""});
    EXPECT_TRUE(added.ok()) << added.error().message;
    return Actor{chair_.community, added.ok() ? *added : domain::Member{}};
  }

  crypto::PassThroughSealer sealer_;
  store::MemoryStore store_;
  FixedClock clock_;
  crypto::SodiumRandom random_;
  Context context_;
  Actor chair_, member_, adviser_;
  EnrolmentLink first_chair_link_;  // the chair's enrolment link, carrying the root key
};

}  // namespace conduct::app::testing

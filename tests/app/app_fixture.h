// A community on the SQLite store in memory, with a chair, a member and an adviser, for the
// use-case tests. The store seals for real with the context's keyring, and every
// member the fixture adds holds keys (enrolled, certified by the chair, signed in),
// unless a test class sets members_hold_keys_ to false in its constructor (the
// accounts tests enrol members themselves).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "app/communities.h"
#include "app/mail_queue.h"
#include "app/members.h"
#include "app/policy_file.h"
#include "crypto/blind_index.h"
#include "crypto/case_keys.h"
#include "crypto/sodium_random.h"
#include "support/key_holders.h"
#include "support/memory_database.h"

namespace conduct::app::testing {

class AppTest : public ::testing::Test {
 protected:
  AppTest()
      : store_(keyring_),
        clock_(*parse_timestamp("2026-11-25T08:00:00Z")),
        context_{store_, clock_, random_, keyring_, indexer_, crypto::kTestCost, crypto::kTestCost},
        holders_(context_, clock_) {}

  void SetUp() override {
    auto created =
        init_community(context_, {*shipped_policy_source("default"),
                                  {"tidewater", "Tidewater Open Source Community", "conduct@tidewater.example"},
                                  "robin@tidewater.example",
                                  "Robin Achterberg"});
    ASSERT_TRUE(created.ok()) << created.error().message;
    chair_ = Actor{created->community, created->chair};
    first_chair_link_ = created->first_chair_link;
    recovery_kit_ = created->recovery_kit;
    if (members_hold_keys_) {
      auto chair = holders_.enrol_first_chair(*created);
      ASSERT_TRUE(chair.ok()) << chair.error().message;
      chair_ = *chair;
    }
    member_ = add("priya@tidewater.example", "Priya Raman", "member");
    adviser_ = add("ada@tidewater.example", "Ada Ferreira", "adviser");
  }

  // Adds a member; with members_hold_keys_, enrolled, certified and signed in.
  Actor add(const std::string& email, const std::string& name, const std::string& role) {
    auto added = add_member(context_, chair_, {email, name, role, ""});
    EXPECT_TRUE(added.ok()) << added.error().message;
    if (!added.ok()) return Actor{chair_.community, domain::Member{}};
    if (!members_hold_keys_) return Actor{chair_.community, *added};
    return holder(email);
  }

  // The member signed in again, with keys (an enrolled member, certified or not).
  Actor holder(const std::string& email) {
    auto actor = holders_.holder(email);
    EXPECT_TRUE(actor.ok()) << email << ": " << actor.error().message;
    return actor.ok() ? *actor : Actor{};
  }

  // A message waiting in the mail queue, opened.
  struct QueuedMail {
    std::string kind;
    std::optional<std::int64_t> case_id;
    std::vector<std::string> recipients;
    std::string text;
  };
  std::vector<QueuedMail> queued_mail() {
    auto due = context_.store.due_mail(clock_.now(), 1000);
    EXPECT_TRUE(due.ok());
    std::vector<QueuedMail> mail;
    if (!due.ok()) return mail;
    for (const store::QueuedMailRow& row : *due) {
      auto opened = open_queued_mail(context_, row);
      EXPECT_TRUE(opened.ok()) << opened.error().message;
      if (opened.ok()) mail.push_back({row.kind, row.case_id, opened->recipients, opened->text});
    }
    return mail;
  }
  // Every recipient of the queued messages of `kind`, sorted.
  std::vector<std::string> recipients_of(const std::string& kind) {
    std::vector<std::string> recipients;
    for (const QueuedMail& mail : queued_mail())
      if (mail.kind == kind) recipients.insert(recipients.end(), mail.recipients.begin(), mail.recipients.end());
    std::sort(recipients.begin(), recipients.end());
    return recipients;
  }

  // The shell forgets unlocked keys between commands; tests do the same between steps.
  void next_command() { keyring_.forget_all(); }

  bool members_hold_keys_ = true;
  crypto::CaseKeyring keyring_;
  crypto::BlindIndexer indexer_{crypto::new_index_key()};
  conduct::testing::MemoryDatabase store_;
  FixedClock clock_;
  crypto::SodiumRandom random_;
  Context context_;
  conduct::testing::KeyHolders holders_;
  Actor chair_, member_, adviser_;
  EnrolmentLink first_chair_link_;  // the chair's enrolment link, carrying the root key
  std::string recovery_kit_;
};

}  // namespace conduct::app::testing

// The Store conformance suite: what every backend promises (src/store/store.h), written
// once and run unchanged on each of them.
//
// A backend joins with one file that names a Backend type and instantiates the suite:
//
//   struct PostgresBackend {
//     std::unique_ptr<Store> open(crypto::Sealer& sealer) { return PostgresStore::open(url, sealer).value(); }
//   };
//   INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, StoreConformance, PostgresBackend);
//
// and the evidence and audit-log suites beside it (evidence_conformance.h,
// audit_conformance.h) the same way:
//
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, EvidenceConformance, MemoryBackend);
//   INSTANTIATE_TYPED_TEST_SUITE_P(Memory, AuditConformance, MemoryBackend);
//
// `open` is the backend's store factory (a StoreFactory): it returns a fresh, empty
// store. The Backend object lives exactly as long as one test and is destroyed after
// the store, so it owns whatever that store needs and cleans it up (a temporary file,
// a scratch schema). The suite is type-parameterised rather than value-parameterised
// because type-parameterised patterns may be included by several files of one test
// binary; TEST_P bodies in a header would be defined twice.
//
// Every test uses a TaggingSealer, which changes what it seals, so every round trip
// also proves that confidential fields go through the Sealer and come back as
// plaintext under the same context.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <source_location>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/result.h"
#include "crypto/sealer.h"
#include "store/store.h"

namespace conduct::store::conformance {

using StoreFactory = std::function<std::unique_ptr<Store>(crypto::Sealer&)>;

// ---- A sealer that shows what the store did with a value ---------------------------

// Seals to "sealed(<context>):" followed by the plaintext reversed, and opens only a
// value sealed under the same context (PermissionDenied otherwise, as a real sealer
// would). It records every value it handed out and every value it was asked to open,
// so a test can tell that the store kept the sealed form rather than the plaintext.
class TaggingSealer final : public crypto::Sealer {
 public:
  static std::string tag(const crypto::SealContext& context) {
    return "sealed(" + std::to_string(context.community_id) + "/" + context.case_code + "/" + context.record + "/" +
           context.field + "/" + context.key_context + "):";
  }
  static std::string stored_form(const crypto::SealContext& context, std::string_view plaintext) {
    return tag(context) + std::string(plaintext.rbegin(), plaintext.rend());
  }

  Result<std::string> seal(const crypto::SealContext& context, std::string_view plaintext) override {
    if (refuse_to_seal) return internal_error("no key is available");
    sealed_contexts.insert(tag(context));
    std::string sealed = stored_form(context, plaintext);
    sealed_values.insert(sealed);
    return sealed;
  }

  Result<std::string> open(const crypto::SealContext& context, std::string_view sealed) override {
    ++open_calls;
    const std::string expected_tag = tag(context);
    if (refuse_to_open || !sealed.starts_with(expected_tag))
      return permission_denied("the value does not open under this context");
    opened_values.insert(std::string(sealed));
    const std::string_view reversed = sealed.substr(expected_tag.size());
    return std::string(reversed.rbegin(), reversed.rend());
  }

  bool refuse_to_seal = false;
  bool refuse_to_open = false;
  int open_calls = 0;                     // every call to open(), refused or not
  std::set<std::string> sealed_contexts;  // tag() of every context sealed under
  std::set<std::string> sealed_values;    // every stored form handed out
  std::set<std::string> opened_values;    // every stored form the store gave back
};

// A second sealer, to reseal into: seals to "[" tag(context) "]" followed by the
// plaintext, and opens only its own values under the same context. It records the
// plaintext sealed and opened under each context, so a test can tell that every field
// of a case reached it intact, under its own context, and nothing else did.
class BracketSealer final : public crypto::Sealer {
 public:
  static std::string stored_form(const crypto::SealContext& context, std::string_view plaintext) {
    return "[" + TaggingSealer::tag(context) + "]" + std::string(plaintext);
  }

  Result<std::string> seal(const crypto::SealContext& context, std::string_view plaintext) override {
    if (context.field == refuse_field) return internal_error("no key is available");
    sealed[TaggingSealer::tag(context)] = std::string(plaintext);
    return stored_form(context, plaintext);
  }

  Result<std::string> open(const crypto::SealContext& context, std::string_view stored) override {
    const std::string prefix = "[" + TaggingSealer::tag(context) + "]";
    if (!stored.starts_with(prefix)) return permission_denied("the value does not open under this context");
    std::string plaintext(stored.substr(prefix.size()));
    opened[TaggingSealer::tag(context)] = plaintext;
    return plaintext;
  }

  std::string refuse_field;                   // seal() fails for fields of this name
  std::map<std::string, std::string> sealed;  // tag(context) -> the plaintext sealed under it
  std::map<std::string, std::string> opened;  // tag(context) -> the plaintext opened under it
};

// ---- Assertions on Result ------------------------------------------------------------

template <typename T>
::testing::AssertionResult FailsWith(const Result<T>& result, ErrorCode code) {
  if (result.ok()) return ::testing::AssertionFailure() << "succeeded; expected " << error_code_name(code);
  if (result.error().code != code)
    return ::testing::AssertionFailure() << "failed with " << error_code_name(result.error().code) << " ("
                                         << result.error().message << "); expected " << error_code_name(code);
  return ::testing::AssertionSuccess();
}

template <typename T>
Status status_of(const Result<T>& result) {
  return result.ok() ? ok_status() : Status(result.error());
}

// The value of a Result that must be OK. On an error the test fails at the caller's
// line and a default value is returned, so later expectations still run.
template <typename T>
T must(Result<T> result, std::source_location where = std::source_location::current()) {
  if (result.ok()) return std::move(result).value();
  ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
      << error_code_name(result.error().code) << ": " << result.error().message;
  return T{};
}

inline void must(Status status, std::source_location where = std::source_location::current()) {
  if (status.ok()) return;
  ADD_FAILURE_AT(where.file_name(), static_cast<int>(where.line()))
      << error_code_name(status.error().code) << ": " << status.error().message;
}

// ---- Sample records --------------------------------------------------------------------

inline CommunityRow sample_community(std::string slug) {
  CommunityRow row;
  row.community.slug = slug;
  row.community.name = "Community " + slug;
  row.community.contact_email = "conduct@" + slug + ".example";
  row.community.created_at = Timestamp{1'700'000'000};
  row.policy_source = "[membership]\nterm_months = 12\n";
  return row;
}

inline domain::Member sample_member(std::int64_t community_id, std::string email) {
  domain::Member member;
  member.community_id = community_id;
  member.email = std::move(email);
  member.display_name = "Sam Member";
  member.role = domain::Role::Member;
  member.term_start = Date{19'000};
  member.term_end = Date{19'365};
  member.joined_at = Timestamp{1'700'000'100};
  return member;
}

inline domain::Case sample_case(std::int64_t community_id, std::string code_name,
                                std::int64_t opened_at = 1'700'001'000,
                                domain::CaseState state = domain::CaseState::Received) {
  domain::Case summary;
  summary.community_id = community_id;
  summary.code_name = std::move(code_name);
  summary.state = state;
  summary.opened_at = Timestamp{opened_at};
  summary.updated_at = Timestamp{opened_at};
  summary.location = "the hallway track";
  return summary;
}

inline domain::Person sample_person(std::int64_t community_id, std::string code_name) {
  domain::Person person;
  person.community_id = community_id;
  person.code_name = std::move(code_name);
  person.created_at = Timestamp{1'700'002'000};
  return person;
}

inline domain::TimelineEntry sample_entry(int number, std::string body) {
  domain::TimelineEntry entry;
  entry.number = number;
  entry.kind = domain::EntryKind::Note;
  entry.created_at = Timestamp{1'700'003'000 + number};
  entry.body = std::move(body);
  return entry;
}

inline domain::Party sample_party(int number, domain::PartyRole role, std::optional<std::int64_t> person_id = {}) {
  domain::Party party;
  party.number = number;
  party.role = role;
  party.person_id = person_id;
  party.name = "Party " + std::to_string(number);
  party.contact = "party" + std::to_string(number) + "@example.org";
  return party;
}

// `text` followed by bytes a text column would mangle, for the opaque byte fields
// (keys, wraps, signatures, blind indexes).
inline std::string binary(std::string text) { return text + std::string("\0\x01\x7f\xfe\xff", 5); }

inline domain::Report sample_report(int number) {
  domain::Report report;
  report.number = number;
  report.received_at = Timestamp{1'700'004'000 + number};
  report.channel = domain::ReportChannel::Email;
  return report;
}

// ---- Field-by-field comparisons ------------------------------------------------------

inline void expect_same_community(const CommunityRow& actual, const CommunityRow& expected) {
  EXPECT_EQ(actual.community.id, expected.community.id);
  EXPECT_EQ(actual.community.slug, expected.community.slug);
  EXPECT_EQ(actual.community.name, expected.community.name);
  EXPECT_EQ(actual.community.contact_email, expected.community.contact_email);
  EXPECT_EQ(actual.community.created_at.seconds, expected.community.created_at.seconds);
  EXPECT_EQ(actual.policy_source, expected.policy_source);
}

inline void expect_same_member(const domain::Member& actual, const domain::Member& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.community_id, expected.community_id);
  EXPECT_EQ(actual.email, expected.email);
  EXPECT_EQ(actual.display_name, expected.display_name);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.term_start, expected.term_start);
  EXPECT_EQ(actual.term_end, expected.term_end);
  EXPECT_EQ(actual.status, expected.status);
  EXPECT_EQ(actual.joined_at.seconds, expected.joined_at.seconds);
}

inline void expect_same_case(const domain::Case& actual, const domain::Case& expected) {
  EXPECT_EQ(actual.id, expected.id);
  EXPECT_EQ(actual.community_id, expected.community_id);
  EXPECT_EQ(actual.code_name, expected.code_name);
  EXPECT_EQ(actual.state, expected.state);
  EXPECT_EQ(actual.opened_at.seconds, expected.opened_at.seconds);
  EXPECT_EQ(actual.updated_at.seconds, expected.updated_at.seconds);
  EXPECT_EQ(actual.occurred_on, expected.occurred_on);
  EXPECT_EQ(actual.space_key, expected.space_key);
  EXPECT_EQ(actual.location, expected.location);
  EXPECT_EQ(actual.ongoing, expected.ongoing);
  EXPECT_EQ(actual.physical_danger, expected.physical_danger);
  EXPECT_EQ(actual.categories, expected.categories);
  EXPECT_EQ(actual.escrowed, expected.escrowed);
  EXPECT_EQ(actual.linked, expected.linked);
  ASSERT_EQ(actual.resolution.has_value(), expected.resolution.has_value());
  if (expected.resolution) {
    EXPECT_EQ(actual.resolution->source, expected.resolution->source);
    EXPECT_EQ(actual.resolution->outcome, expected.resolution->outcome);
  }
}

// A case as finding and listing return it: everything but the sealed location, which
// only load_case_record opens (listing needs no key).
inline domain::Case as_listed(domain::Case summary) {
  summary.location.clear();
  return summary;
}

inline void expect_same_person(const PersonRow& actual, const domain::Person& expected, int case_count) {
  EXPECT_EQ(actual.person.id, expected.id);
  EXPECT_EQ(actual.person.community_id, expected.community_id);
  EXPECT_EQ(actual.person.code_name, expected.code_name);
  EXPECT_EQ(actual.person.created_at.seconds, expected.created_at.seconds);
  EXPECT_EQ(actual.person.flagged, expected.flagged);
  EXPECT_EQ(actual.person.banned_until, expected.banned_until);
  EXPECT_EQ(actual.person.banned_permanently, expected.banned_permanently);
  EXPECT_EQ(actual.case_count, case_count);
}

inline void expect_same_entry(const domain::TimelineEntry& actual, const domain::TimelineEntry& expected) {
  EXPECT_EQ(actual.number, expected.number);
  EXPECT_EQ(actual.kind, expected.kind);
  EXPECT_EQ(actual.author_id, expected.author_id);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
  EXPECT_EQ(actual.body, expected.body);
  EXPECT_EQ(actual.corrects, expected.corrects);
  EXPECT_EQ(actual.from_state, expected.from_state);
  EXPECT_EQ(actual.to_state, expected.to_state);
}

inline void expect_same_party(const domain::Party& actual, const domain::Party& expected) {
  EXPECT_EQ(actual.number, expected.number);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.person_id, expected.person_id);
  EXPECT_EQ(actual.name, expected.name);
  EXPECT_EQ(actual.contact, expected.contact);
}

inline void expect_same_party_indexes(const PartyIndexRow& actual, const PartyIndexRow& expected) {
  EXPECT_EQ(actual.case_id, expected.case_id);
  EXPECT_EQ(actual.party_number, expected.party_number);
  EXPECT_EQ(actual.role, expected.role);
  EXPECT_EQ(actual.indexes.contact, expected.indexes.contact);
  EXPECT_EQ(actual.indexes.name, expected.indexes.name);
  EXPECT_EQ(actual.indexes.employer, expected.indexes.employer);
}

inline void expect_same_wrap(const CaseKeyWrapRow& actual, const CaseKeyWrapRow& expected) {
  EXPECT_EQ(actual.case_id, expected.case_id);
  EXPECT_EQ(actual.key_version, expected.key_version);
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.recipient_public, expected.recipient_public);
  EXPECT_EQ(actual.wrapped_key, expected.wrapped_key);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
}

inline void expect_same_wraps(const std::vector<CaseKeyWrapRow>& actual, const std::vector<CaseKeyWrapRow>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("wrap " + std::to_string(i));
    expect_same_wrap(actual[i], expected[i]);
  }
}

inline void expect_same_key_state(const CaseKeyState& actual, const CaseKeyState& expected) {
  EXPECT_EQ(actual.case_id, expected.case_id);
  EXPECT_EQ(actual.current_version, expected.current_version);
  EXPECT_EQ(actual.rotation_due, expected.rotation_due);
}

inline void expect_same_recovery_key(const RecoveryKeyRow& actual, const RecoveryKeyRow& expected) {
  EXPECT_EQ(actual.community_id, expected.community_id);
  EXPECT_EQ(actual.box_public, expected.box_public);
  EXPECT_EQ(actual.signature, expected.signature);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
}

inline std::vector<std::string> code_names_of(const std::vector<domain::Case>& cases) {
  std::vector<std::string> names;
  for (const domain::Case& summary : cases) names.push_back(summary.code_name);
  return names;
}

// ---- The fixture ----------------------------------------------------------------------

template <typename Backend>
class StoreConformance : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = backend_.open(sealer_);
    ASSERT_NE(store_, nullptr) << "the backend did not open a store";
  }

  Store& store() { return *store_; }
  TaggingSealer& sealer() { return sealer_; }

  // Inserts a case and returns it as stored (with its id).
  domain::Case add_case(domain::Case summary) {
    summary.id = must(store_->insert_case(summary));
    return summary;
  }

 private:
  Backend backend_;  // declared first, destroyed last: it owns what the store uses
  TaggingSealer sealer_;
  std::unique_ptr<Store> store_;
};

TYPED_TEST_SUITE_P(StoreConformance);

// ---- Communities ------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, CommunityRoundTripsEveryField) {
  Store& store = this->store();
  CommunityRow row = sample_community("tidewater");
  row.community.id = must(store.insert_community(row));
  EXPECT_EQ(row.community.id, 1);

  const CommunityRow found = must(store.find_community("tidewater"));
  expect_same_community(found, row);
}

TYPED_TEST_P(StoreConformance, CommunitiesGetAscendingIdsAndListInIdOrder) {
  Store& store = this->store();
  EXPECT_TRUE(must(store.list_communities()).empty());
  const std::vector<std::string> slugs = {"zephyr", "alder", "marsh"};
  for (std::size_t i = 0; i < slugs.size(); ++i)
    EXPECT_EQ(must(store.insert_community(sample_community(slugs[i]))), static_cast<std::int64_t>(i + 1));

  const std::vector<CommunityRow> listed = must(store.list_communities());
  ASSERT_EQ(listed.size(), slugs.size());
  for (std::size_t i = 0; i < slugs.size(); ++i) {
    CommunityRow expected = sample_community(slugs[i]);
    expected.community.id = static_cast<std::int64_t>(i + 1);
    expect_same_community(listed[i], expected);
  }
}

TYPED_TEST_P(StoreConformance, CommunitySlugIsUnique) {
  Store& store = this->store();
  must(store.insert_community(sample_community("tidewater")));
  CommunityRow again = sample_community("tidewater");
  again.community.name = "Another name";
  EXPECT_TRUE(FailsWith(store.insert_community(again), ErrorCode::AlreadyExists));
  EXPECT_EQ(must(store.list_communities()).size(), 1u);
}

TYPED_TEST_P(StoreConformance, MissingCommunityIsNotFound) {
  Store& store = this->store();
  must(store.insert_community(sample_community("tidewater")));
  const Result<CommunityRow> found = store.find_community("riverbend");
  ASSERT_TRUE(FailsWith(found, ErrorCode::NotFound));
  EXPECT_THAT(found.error().message, ::testing::HasSubstr("riverbend"));
}

// ---- Members ----------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, MemberRoundTripsEveryField) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  struct Variant {
    std::string email;
    domain::Role role;
    std::optional<Date> term_end;
    domain::MemberStatus status;
  };
  const std::vector<Variant> variants = {
      {"chair@example.org", domain::Role::Chair, Date{19'730}, domain::MemberStatus::Active},
      {"adviser@example.org", domain::Role::Adviser, std::nullopt, domain::MemberStatus::Active},
      {"former@example.org", domain::Role::Member, Date{19'100}, domain::MemberStatus::Former},
      {"admin@example.org", domain::Role::InstanceAdmin, std::nullopt, domain::MemberStatus::Former},
  };
  std::int64_t expected_id = 1;
  for (const Variant& variant : variants) {
    SCOPED_TRACE(variant.email);
    domain::Member member = sample_member(community, variant.email);
    member.display_name = "Name of " + variant.email;
    member.role = variant.role;
    member.term_end = variant.term_end;
    member.status = variant.status;
    member.id = must(store.insert_member(member));
    EXPECT_EQ(member.id, expected_id++);
    expect_same_member(must(store.find_member(community, variant.email)), member);
  }
}

TYPED_TEST_P(StoreConformance, MembersListInIdOrder) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  EXPECT_TRUE(must(store.list_members(community)).empty());
  const std::vector<std::string> emails = {"zoe@example.org", "adam@example.org", "mia@example.org"};
  for (const std::string& email : emails) must(store.insert_member(sample_member(community, email)));

  const std::vector<domain::Member> members = must(store.list_members(community));
  ASSERT_EQ(members.size(), emails.size());
  for (std::size_t i = 0; i < emails.size(); ++i) {
    EXPECT_EQ(members[i].id, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(members[i].email, emails[i]);
  }
}

TYPED_TEST_P(StoreConformance, MemberEmailIsUniqueWithinItsCommunity) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  must(store.insert_member(sample_member(tidewater, "sam@example.org")));

  EXPECT_TRUE(FailsWith(store.insert_member(sample_member(tidewater, "sam@example.org")), ErrorCode::AlreadyExists));
  EXPECT_EQ(must(store.insert_member(sample_member(riverbend, "sam@example.org"))), 2);
  EXPECT_EQ(must(store.list_members(tidewater)).size(), 1u);
}

TYPED_TEST_P(StoreConformance, MissingMemberIsNotFound) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  must(store.insert_member(sample_member(tidewater, "sam@example.org")));

  const Result<domain::Member> unknown = store.find_member(tidewater, "nobody@example.org");
  ASSERT_TRUE(FailsWith(unknown, ErrorCode::NotFound));
  EXPECT_THAT(unknown.error().message, ::testing::HasSubstr("nobody@example.org"));
  EXPECT_TRUE(FailsWith(store.find_member(riverbend, "sam@example.org"), ErrorCode::NotFound));
}

// ---- Cases ------------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, CaseRoundTripsEveryField) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));

  domain::Case full = sample_case(community, "home shelf", 1'700'010'000, domain::CaseState::Resolved);
  full.updated_at = Timestamp{1'700'020'000};
  full.occurred_on = Date{19'650};
  full.space_key = "forum";
  full.location = "the #general channel, after the talk";
  full.ongoing = true;
  full.physical_danger = true;
  // Not in name or enum order: the store keeps the order it was given.
  full.categories = {domain::ViolationCategory::Retaliation, domain::ViolationCategory::Harassment,
                     domain::ViolationCategory::Microaggressions};
  full.resolution = domain::Resolution{domain::ResolutionSource::Board, domain::ResolutionOutcome::ActionTaken};
  full.escrowed = true;

  domain::Case minimal = sample_case(community, "blue kettle");
  minimal.location = "";

  domain::Case local = sample_case(community, "quiet harbour", 1'700'030'000, domain::CaseState::Investigating);
  local.categories = {domain::ViolationCategory::BadFaithReporting};
  local.resolution = domain::Resolution{domain::ResolutionSource::Local, domain::ResolutionOutcome::OutOfScope};

  std::int64_t expected_id = 1;
  for (domain::Case summary : {full, minimal, local}) {
    SCOPED_TRACE(summary.code_name);
    EXPECT_FALSE(must(store.case_code_name_taken(community, summary.code_name)));
    summary.id = must(store.insert_case(summary));
    EXPECT_EQ(summary.id, expected_id++);
    EXPECT_TRUE(must(store.case_code_name_taken(community, summary.code_name)));
    const domain::Case found = must(store.find_case(community, summary.code_name));
    expect_same_case(found, as_listed(summary));

    const std::vector<domain::Case> listed = must(store.list_cases(community, CaseFilter{}));
    const auto in_list =
        std::find_if(listed.begin(), listed.end(), [&](const domain::Case& item) { return item.id == summary.id; });
    ASSERT_NE(in_list, listed.end());
    expect_same_case(*in_list, as_listed(summary));

    // The record of the found case has every field, the location opened.
    expect_same_case(must(store.load_case_record(found)).summary, summary);
  }
}

TYPED_TEST_P(StoreConformance, CaseCodeNameIsUniqueWithinItsCommunity) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  this->add_case(sample_case(tidewater, "home shelf"));

  EXPECT_TRUE(FailsWith(store.insert_case(sample_case(tidewater, "home shelf")), ErrorCode::AlreadyExists));
  EXPECT_FALSE(must(store.case_code_name_taken(riverbend, "home shelf")));
  EXPECT_EQ(must(store.insert_case(sample_case(riverbend, "home shelf"))), 2);
  EXPECT_EQ(must(store.list_cases(tidewater, CaseFilter{})).size(), 1u);
}

TYPED_TEST_P(StoreConformance, MissingCaseIsNotFound) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  this->add_case(sample_case(community, "home shelf"));
  const Result<domain::Case> found = store.find_case(community, "blue kettle");
  ASSERT_TRUE(FailsWith(found, ErrorCode::NotFound));
  EXPECT_THAT(found.error().message, ::testing::HasSubstr("blue kettle"));
}

TYPED_TEST_P(StoreConformance, UpdateCaseStateChangesOnlyStateResolutionAndTime) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Case summary = sample_case(community, "home shelf");
  summary.categories = {domain::ViolationCategory::Harassment};
  summary = this->add_case(summary);

  const domain::Resolution resolution{domain::ResolutionSource::Group, domain::ResolutionOutcome::NotAViolation};
  must(store.update_case_state(summary, domain::CaseState::Resolved, resolution, Timestamp{1'700'100'000}));
  summary.state = domain::CaseState::Resolved;
  summary.resolution = resolution;
  summary.updated_at = Timestamp{1'700'100'000};
  expect_same_case(must(store.find_case(community, "home shelf")), as_listed(summary));

  must(store.update_case_state(summary, domain::CaseState::Reopened, std::nullopt, Timestamp{1'700'200'000}));
  summary.state = domain::CaseState::Reopened;
  summary.resolution.reset();
  summary.updated_at = Timestamp{1'700'200'000};
  expect_same_case(must(store.find_case(community, "home shelf")), as_listed(summary));
}

TYPED_TEST_P(StoreConformance, UpdateOfMissingCaseIsNotFound) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Case never_stored = sample_case(community, "home shelf");
  never_stored.id = 42;
  EXPECT_TRUE(FailsWith(
      store.update_case_state(never_stored, domain::CaseState::Acknowledged, std::nullopt, Timestamp{1'700'100'000}),
      ErrorCode::NotFound));
}

TYPED_TEST_P(StoreConformance, ListCasesFiltersOrdersNewestFirstAndPages) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t other = must(store.insert_community(sample_community("riverbend")));
  using domain::CaseState;
  // Inserted in this order (ids 1..5); "b" and "c" open at the same second, so the
  // higher id ("c") comes first.
  this->add_case(sample_case(community, "a", 100, CaseState::Received));
  this->add_case(sample_case(community, "b", 300, CaseState::Investigating));
  this->add_case(sample_case(community, "c", 300, CaseState::Received));
  this->add_case(sample_case(community, "d", 200, CaseState::Resolved));
  this->add_case(sample_case(community, "e", 400, CaseState::Received));
  this->add_case(sample_case(other, "x", 500, CaseState::Received));

  struct Row {
    std::string name;
    CaseFilter filter;
    std::vector<std::string> expected;
  };
  const std::vector<Row> rows = {
      {"all", CaseFilter{}, {"e", "c", "b", "d", "a"}},
      {"received", CaseFilter{CaseState::Received, 100, 0}, {"e", "c", "a"}},
      {"resolved", CaseFilter{CaseState::Resolved, 100, 0}, {"d"}},
      {"no match", CaseFilter{CaseState::Deciding, 100, 0}, {}},
      {"first page", CaseFilter{std::nullopt, 2, 0}, {"e", "c"}},
      {"second page", CaseFilter{std::nullopt, 2, 2}, {"b", "d"}},
      {"last page", CaseFilter{std::nullopt, 2, 4}, {"a"}},
      {"past the end", CaseFilter{std::nullopt, 2, 5}, {}},
      {"limit zero", CaseFilter{std::nullopt, 0, 0}, {}},
      {"filtered page", CaseFilter{CaseState::Received, 1, 1}, {"c"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(code_names_of(must(store.list_cases(community, row.filter))), row.expected);
  }
}

// ---- The case record ----------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, CaseRecordHoldsTimelineReportsAndPartiesInNumberOrder) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t author = must(store.insert_member(sample_member(community, "sam@example.org")));
  const std::int64_t person = must(store.insert_person(sample_person(community, "Blue Jay")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));

  domain::TimelineEntry report_entry = sample_entry(1, "What happened, in the reporter's words.");
  report_entry.kind = domain::EntryKind::Report;  // written at intake: no author
  domain::TimelineEntry transition = sample_entry(2, "");
  transition.kind = domain::EntryKind::Transition;
  transition.author_id = author;
  transition.from_state = domain::CaseState::Received;
  transition.to_state = domain::CaseState::Acknowledged;
  domain::TimelineEntry second_report = sample_entry(3, "A second account.");
  second_report.kind = domain::EntryKind::Report;
  domain::TimelineEntry correction = sample_entry(4, "Correction: it was Tuesday.");
  correction.author_id = author;
  correction.corrects = 1;
  // Appended out of number order: the timeline comes back ordered by number.
  for (const domain::TimelineEntry& entry : {correction, report_entry, second_report, transition})
    must(store.append_entry(summary, entry));

  domain::Report second = sample_report(2);
  second.channel = domain::ReportChannel::InPerson;
  second.recorded_by = author;
  must(store.insert_report(summary, second, 3));
  must(store.insert_report(summary, sample_report(1), 1));

  domain::Party reported = sample_party(2, domain::PartyRole::ReportedPerson, person);
  domain::Party reporter = sample_party(1, domain::PartyRole::Reporter);
  domain::Party unnamed_witness = sample_party(3, domain::PartyRole::Witness);
  unnamed_witness.name = "";
  unnamed_witness.contact = "";
  for (const domain::Party& party : {reported, unnamed_witness, reporter}) must(store.insert_party(summary, party, {}));

  const domain::CaseRecord record = must(store.load_case_record(summary));
  expect_same_case(record.summary, summary);

  const std::vector<domain::TimelineEntry> timeline = {report_entry, transition, second_report, correction};
  ASSERT_EQ(record.timeline.size(), timeline.size());
  std::set<std::int64_t> entry_ids;
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(timeline[i].number));
    expect_same_entry(record.timeline[i], timeline[i]);
    entry_ids.insert(record.timeline[i].id);
  }
  EXPECT_EQ(entry_ids, (std::set<std::int64_t>{1, 2, 3, 4}));

  ASSERT_EQ(record.reports.size(), 2u);
  EXPECT_EQ(record.reports[0].number, 1);
  EXPECT_EQ(record.reports[0].id, 2);  // inserted second
  EXPECT_EQ(record.reports[0].received_at.seconds, sample_report(1).received_at.seconds);
  EXPECT_EQ(record.reports[0].channel, domain::ReportChannel::Email);
  EXPECT_EQ(record.reports[0].recorded_by, std::nullopt);
  EXPECT_EQ(record.reports[0].text, report_entry.body);
  EXPECT_EQ(record.reports[1].number, 2);
  EXPECT_EQ(record.reports[1].id, 1);
  EXPECT_EQ(record.reports[1].received_at.seconds, second.received_at.seconds);
  EXPECT_EQ(record.reports[1].channel, domain::ReportChannel::InPerson);
  EXPECT_EQ(record.reports[1].recorded_by, std::optional<std::int64_t>(author));
  EXPECT_EQ(record.reports[1].text, second_report.body);

  const std::vector<domain::Party> parties = {reporter, reported, unnamed_witness};
  ASSERT_EQ(record.parties.size(), parties.size());
  for (std::size_t i = 0; i < parties.size(); ++i) {
    SCOPED_TRACE("party " + std::to_string(parties[i].number));
    expect_same_party(record.parties[i], parties[i]);
  }
  EXPECT_EQ(record.parties[0].id, 3);  // ids follow insertion, not number
  EXPECT_EQ(record.parties[1].id, 1);
}

TYPED_TEST_P(StoreConformance, CaseRecordOfANewCaseIsEmpty) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  const domain::Case other = this->add_case(sample_case(community, "blue kettle"));
  must(store.append_entry(other, sample_entry(1, "belongs to the other case")));

  const domain::CaseRecord record = must(store.load_case_record(summary));
  expect_same_case(record.summary, summary);
  EXPECT_TRUE(record.timeline.empty());
  EXPECT_TRUE(record.reports.empty());
  EXPECT_TRUE(record.parties.empty());
}

TYPED_TEST_P(StoreConformance, NumbersAreUniqueWithinACase) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case first = this->add_case(sample_case(community, "home shelf"));
  const domain::Case second = this->add_case(sample_case(community, "blue kettle"));

  struct Row {
    std::string name;
    std::function<Status(const domain::Case&)> insert_number_one;
  };
  const std::vector<Row> rows = {
      {"entry", [&](const domain::Case& owner) { return store.append_entry(owner, sample_entry(1, "text")); }},
      {"report", [&](const domain::Case& owner) { return store.insert_report(owner, sample_report(1), 1); }},
      {"party",
       [&](const domain::Case& owner) {
         return store.insert_party(owner, sample_party(1, domain::PartyRole::Witness), {});
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    must(row.insert_number_one(first));
    EXPECT_TRUE(FailsWith(row.insert_number_one(first), ErrorCode::AlreadyExists));
    must(row.insert_number_one(second));  // numbers are per case
  }
  const domain::CaseRecord record = must(store.load_case_record(first));
  EXPECT_EQ(record.timeline.size(), 1u);
  EXPECT_EQ(record.reports.size(), 1u);
  EXPECT_EQ(record.parties.size(), 1u);
}

TYPED_TEST_P(StoreConformance, NextEntryNumberIsOneMoreThanTheHighest) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  const domain::Case other = this->add_case(sample_case(community, "blue kettle"));

  EXPECT_EQ(must(store.next_entry_number(summary)), 1);
  must(store.append_entry(summary, sample_entry(1, "one")));
  EXPECT_EQ(must(store.next_entry_number(summary)), 2);
  must(store.append_entry(summary, sample_entry(2, "two")));
  must(store.append_entry(summary, sample_entry(5, "five")));
  EXPECT_EQ(must(store.next_entry_number(summary)), 6);  // max + 1, not count + 1
  EXPECT_EQ(must(store.next_entry_number(other)), 1);
}

TYPED_TEST_P(StoreConformance, ReferencesToMissingRecordsAreRefused) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case existing = this->add_case(sample_case(community, "home shelf"));
  domain::Case missing_case = sample_case(community, "blue kettle");
  missing_case.id = 99;
  constexpr std::int64_t kMissing = 99;

  struct Row {
    std::string name;
    std::function<Status()> write;
  };
  const std::vector<Row> rows = {
      {"member of a missing community",
       [&] { return status_of(store.insert_member(sample_member(kMissing, "sam@example.org"))); }},
      {"case of a missing community",
       [&] { return status_of(store.insert_case(sample_case(kMissing, "quiet harbour"))); }},
      {"person of a missing community",
       [&] { return status_of(store.insert_person(sample_person(kMissing, "Blue Jay"))); }},
      {"entry of a missing case", [&] { return store.append_entry(missing_case, sample_entry(1, "text")); }},
      {"report of a missing case", [&] { return store.insert_report(missing_case, sample_report(1), 1); }},
      {"party of a missing case",
       [&] { return store.insert_party(missing_case, sample_party(1, domain::PartyRole::Witness), {}); }},
      {"entry by a missing author",
       [&] {
         domain::TimelineEntry entry = sample_entry(1, "text");
         entry.author_id = kMissing;
         return store.append_entry(existing, entry);
       }},
      {"report recorded by a missing member",
       [&] {
         domain::Report report = sample_report(1);
         report.recorded_by = kMissing;
         return store.insert_report(existing, report, 1);
       }},
      {"party linked to a missing person",
       [&] { return store.insert_party(existing, sample_party(1, domain::PartyRole::ReportedPerson, kMissing), {}); }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_TRUE(FailsWith(row.write(), ErrorCode::Internal));
  }
  const domain::CaseRecord record = must(store.load_case_record(existing));
  EXPECT_TRUE(record.timeline.empty());
  EXPECT_TRUE(record.reports.empty());
  EXPECT_TRUE(record.parties.empty());
}

// ---- Person records ---------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, PersonRoundTripsEveryField) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  struct Variant {
    std::string code_name;
    bool flagged;
    std::optional<Date> banned_until;
    bool banned_permanently;
  };
  const std::vector<Variant> variants = {
      {"Blue Jay", false, std::nullopt, false},
      {"Amber Fox", true, Date{19'900}, false},
      {"Crimson Owl", true, std::nullopt, true},
  };
  std::int64_t expected_id = 1;
  for (const Variant& variant : variants) {
    SCOPED_TRACE(variant.code_name);
    domain::Person person = sample_person(community, variant.code_name);
    person.flagged = variant.flagged;
    person.banned_until = variant.banned_until;
    person.banned_permanently = variant.banned_permanently;
    EXPECT_FALSE(must(store.person_code_name_taken(community, variant.code_name)));
    person.id = must(store.insert_person(person));
    EXPECT_EQ(person.id, expected_id++);
    EXPECT_TRUE(must(store.person_code_name_taken(community, variant.code_name)));
    expect_same_person(must(store.find_person(community, variant.code_name)), person, 0);
  }
}

TYPED_TEST_P(StoreConformance, PersonCodeNameIsUniqueWithinItsCommunity) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  must(store.insert_person(sample_person(tidewater, "Blue Jay")));

  EXPECT_TRUE(FailsWith(store.insert_person(sample_person(tidewater, "Blue Jay")), ErrorCode::AlreadyExists));
  EXPECT_FALSE(must(store.person_code_name_taken(riverbend, "Blue Jay")));
  EXPECT_EQ(must(store.insert_person(sample_person(riverbend, "Blue Jay"))), 2);
  EXPECT_EQ(must(store.list_people(tidewater)).size(), 1u);
}

TYPED_TEST_P(StoreConformance, MissingPersonIsNotFound) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  must(store.insert_person(sample_person(community, "Blue Jay")));
  const Result<PersonRow> found = store.find_person(community, "Amber Fox");
  ASSERT_TRUE(FailsWith(found, ErrorCode::NotFound));
  EXPECT_THAT(found.error().message, ::testing::HasSubstr("Amber Fox"));
}

TYPED_TEST_P(StoreConformance, PeopleListInCodeNameOrder) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  EXPECT_TRUE(must(store.list_people(community)).empty());
  for (const char* code_name : {"Crimson Owl", "Amber Fox", "Blue Jay"})
    must(store.insert_person(sample_person(community, code_name)));

  const std::vector<PersonRow> people = must(store.list_people(community));
  std::vector<std::string> names;
  for (const PersonRow& row : people) names.push_back(row.person.code_name);
  EXPECT_EQ(names, (std::vector<std::string>{"Amber Fox", "Blue Jay", "Crimson Owl"}));
  ASSERT_EQ(people.size(), 3u);
  EXPECT_EQ(people[0].person.id, 2);
}

TYPED_TEST_P(StoreConformance, PersonCountsOnlyCasesWhereTheyAreReported) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Person jay = sample_person(community, "Blue Jay");
  jay.id = must(store.insert_person(jay));
  domain::Person fox = sample_person(community, "Amber Fox");
  fox.id = must(store.insert_person(fox));

  // "late" has the lower id but opened later; "witnessed" names Jay only as a witness.
  const domain::Case late = this->add_case(sample_case(community, "late case", 2'000));
  const domain::Case early = this->add_case(sample_case(community, "early case", 1'000));
  const domain::Case witnessed = this->add_case(sample_case(community, "witnessed case", 500));
  using domain::PartyRole;
  must(store.insert_party(late, sample_party(1, PartyRole::ReportedPerson, jay.id), {}));
  must(store.insert_party(late, sample_party(2, PartyRole::ReportedPerson, jay.id), {}));  // counted once
  must(store.insert_party(early, sample_party(1, PartyRole::ReportedPerson, jay.id), {}));
  must(store.insert_party(witnessed, sample_party(1, PartyRole::Witness, jay.id), {}));

  expect_same_person(must(store.find_person(community, "Blue Jay")), jay, 2);
  expect_same_person(must(store.find_person(community, "Amber Fox")), fox, 0);
  const std::vector<PersonRow> people = must(store.list_people(community));
  ASSERT_EQ(people.size(), 2u);
  EXPECT_EQ(people[0].case_count, 0);  // Amber Fox
  EXPECT_EQ(people[1].case_count, 2);  // Blue Jay

  const std::vector<domain::Case> cases = must(store.cases_of_person(jay.id));
  ASSERT_EQ(cases.size(), 2u);
  expect_same_case(cases[0], as_listed(early));
  expect_same_case(cases[1], as_listed(late));
  EXPECT_TRUE(must(store.cases_of_person(fox.id)).empty());

  // A loaded case names the person record of each linked party.
  const domain::CaseRecord record = must(store.load_case_record(witnessed));
  ASSERT_EQ(record.parties.size(), 1u);
  EXPECT_EQ(record.parties[0].person_code_name, "Blue Jay");
}

// ---- Transactions -------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, CommittedTransactionKeepsEverything) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Case summary = sample_case(community, "home shelf");
  must(store.in_transaction([&]() -> Status {
    ASSIGN_OR_RETURN(summary.id, store.insert_case(summary));
    TRY(store.append_entry(summary, sample_entry(1, "report text")));
    TRY(store.insert_report(summary, sample_report(1), 1));
    TRY(store.insert_party(summary, sample_party(1, domain::PartyRole::Reporter), {}));
    return ok_status();
  }));

  expect_same_case(must(store.find_case(community, "home shelf")), as_listed(summary));
  const domain::CaseRecord record = must(store.load_case_record(summary));
  EXPECT_EQ(record.timeline.size(), 1u);
  ASSERT_EQ(record.reports.size(), 1u);
  EXPECT_EQ(record.reports[0].text, "report text");
  EXPECT_EQ(record.parties.size(), 1u);
}

TYPED_TEST_P(StoreConformance, FailedTransactionLeavesNoTrace) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case existing = this->add_case(sample_case(community, "home shelf"));
  must(store.append_entry(existing, sample_entry(1, "before")));

  const Status result = store.in_transaction([&]() -> Status {
    domain::Case summary = sample_case(community, "blue kettle");
    ASSIGN_OR_RETURN(summary.id, store.insert_case(summary));
    TRY(store.append_entry(summary, sample_entry(1, "first")));
    TRY(store.append_entry(summary, sample_entry(2, "second")));
    ASSIGN_OR_RETURN(const std::int64_t person, store.insert_person(sample_person(community, "Blue Jay")));
    TRY(store.insert_party(summary, sample_party(1, domain::PartyRole::ReportedPerson, person), {}));
    TRY(store.append_entry(existing, sample_entry(2, "during")));
    TRY(store.update_case_state(
        existing, domain::CaseState::Resolved,
        domain::Resolution{domain::ResolutionSource::Group, domain::ResolutionOutcome::NoAction},
        Timestamp{1'800'000'000}));
    TRY(store.insert_member(sample_member(community, "sam@example.org")));
    return failed_precondition("the lifecycle refuses this");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::FailedPrecondition));
  EXPECT_EQ(result.error().message, "the lifecycle refuses this");

  EXPECT_TRUE(FailsWith(store.find_case(community, "blue kettle"), ErrorCode::NotFound));
  EXPECT_FALSE(must(store.case_code_name_taken(community, "blue kettle")));
  EXPECT_TRUE(FailsWith(store.find_person(community, "Blue Jay"), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_member(community, "sam@example.org"), ErrorCode::NotFound));
  expect_same_case(must(store.find_case(community, "home shelf")), as_listed(existing));
  EXPECT_EQ(must(store.next_entry_number(existing)), 2);
  EXPECT_EQ(code_names_of(must(store.list_cases(community, CaseFilter{}))), std::vector<std::string>{"home shelf"});

  // The store is still usable: the same writes commit in a new transaction.
  must(store.in_transaction([&]() -> Status {
    TRY(store.insert_case(sample_case(community, "blue kettle")));
    return ok_status();
  }));
  EXPECT_TRUE(must(store.case_code_name_taken(community, "blue kettle")));
}

TYPED_TEST_P(StoreConformance, TransactionsDoNotNest) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  Status inner = ok_status();
  const Status outer = store.in_transaction([&]() -> Status {
    TRY(store.insert_case(sample_case(community, "home shelf")));
    inner = store.in_transaction([] { return ok_status(); });
    return inner;
  });
  EXPECT_TRUE(FailsWith(inner, ErrorCode::Internal));
  EXPECT_TRUE(FailsWith(outer, ErrorCode::Internal));
  EXPECT_FALSE(must(store.case_code_name_taken(community, "home shelf")));
}

TYPED_TEST_P(StoreConformance, AnExceptionRollsBackAndLeavesTheStoreUsable) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  EXPECT_THROW((void)store.in_transaction([&]() -> Status {
    TRY(store.insert_case(sample_case(community, "home shelf")));
    throw std::runtime_error("a handler failed");
  }),
               std::runtime_error);
  EXPECT_FALSE(must(store.case_code_name_taken(community, "home shelf")));
  // The next transaction works: nothing was left open.
  EXPECT_TRUE(store
                  .in_transaction([&]() -> Status {
                    TRY(store.insert_case(sample_case(community, "calm river")));
                    return ok_status();
                  })
                  .ok());
  EXPECT_TRUE(must(store.case_code_name_taken(community, "calm river")));
}

// ---- Communities are separate worlds ------------------------------------------------------

TYPED_TEST_P(StoreConformance, RecordsOfOneCommunityAreInvisibleFromAnother) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  must(store.insert_member(sample_member(tidewater, "sam@example.org")));
  this->add_case(sample_case(tidewater, "home shelf"));
  must(store.insert_person(sample_person(tidewater, "Blue Jay")));

  EXPECT_TRUE(must(store.list_members(riverbend)).empty());
  EXPECT_TRUE(must(store.list_cases(riverbend, CaseFilter{})).empty());
  EXPECT_TRUE(must(store.list_people(riverbend)).empty());
  EXPECT_TRUE(FailsWith(store.find_member(riverbend, "sam@example.org"), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_case(riverbend, "home shelf"), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_person(riverbend, "Blue Jay"), ErrorCode::NotFound));
  EXPECT_FALSE(must(store.case_code_name_taken(riverbend, "home shelf")));
  EXPECT_FALSE(must(store.person_code_name_taken(riverbend, "Blue Jay")));

  EXPECT_EQ(must(store.list_members(tidewater)).size(), 1u);
  EXPECT_EQ(must(store.list_cases(tidewater, CaseFilter{})).size(), 1u);
  EXPECT_EQ(must(store.list_people(tidewater)).size(), 1u);
}

// ---- Sealing ----------------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, SealedFieldsAreStoredSealedAndReadAsPlaintext) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Case summary = sample_case(community, "home shelf");
  summary.location = "the venue's back room";
  summary = this->add_case(summary);
  const domain::Party party = sample_party(1, domain::PartyRole::Reporter);
  must(store.insert_party(summary, party, {}));
  must(store.append_entry(summary, sample_entry(1, "the report body")));

  // Every confidential field went through the sealer, each under its own context.
  const auto context = [&](std::string record, std::string field) {
    return TaggingSealer::tag(
        crypto::SealContext{community, "home shelf", std::move(record), std::move(field), "case"});
  };
  EXPECT_EQ(
      sealer.sealed_contexts,
      (std::set<std::string>{context("case", "location"), context("party:1", "name"), context("party:1", "contact"),
                             context("party:1", "employer"), context("entry:1", "body")}));

  // The record gives plaintext back...
  const domain::CaseRecord record = must(store.load_case_record(summary));
  EXPECT_EQ(record.summary.location, "the venue's back room");
  ASSERT_EQ(record.parties.size(), 1u);
  EXPECT_EQ(record.parties[0].name, party.name);
  EXPECT_EQ(record.parties[0].contact, party.contact);
  ASSERT_EQ(record.timeline.size(), 1u);
  EXPECT_EQ(record.timeline[0].body, "the report body");

  // ...opened from exactly the forms the sealer handed out: what is stored is sealed.
  EXPECT_EQ(sealer.opened_values, sealer.sealed_values);
}

TYPED_TEST_P(StoreConformance, SealerErrorsReachTheCaller) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  must(store.append_entry(summary, sample_entry(1, "body")));

  sealer.refuse_to_seal = true;
  EXPECT_TRUE(FailsWith(store.insert_case(sample_case(community, "blue kettle")), ErrorCode::Internal));
  EXPECT_TRUE(FailsWith(store.append_entry(summary, sample_entry(2, "body")), ErrorCode::Internal));
  EXPECT_TRUE(
      FailsWith(store.insert_party(summary, sample_party(1, domain::PartyRole::Witness), {}), ErrorCode::Internal));
  sealer.refuse_to_seal = false;
  EXPECT_FALSE(must(store.case_code_name_taken(community, "blue kettle")));
  EXPECT_EQ(must(store.next_entry_number(summary)), 2);

  // Only reading the record opens anything (finding and listing need no key: see
  // ReadsThatNeedNoKeyNeverOpen).
  sealer.refuse_to_open = true;
  EXPECT_TRUE(FailsWith(store.load_case_record(summary), ErrorCode::PermissionDenied));
  EXPECT_TRUE(
      FailsWith(store.load_case_record(must(store.find_case(community, "home shelf"))), ErrorCode::PermissionDenied));
}

// ---- Members: updates --------------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, UpdateMemberRoundTripsEveryWritableField) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Member member = sample_member(community, "sam@example.org");
  member.handles = {"@sam", "@sam_w"};
  member.employer = "Initech";
  member.id = must(store.insert_member(member));
  const domain::Member other = [&] {
    domain::Member untouched = sample_member(community, "zoe@example.org");
    untouched.handles = {"@zoe"};
    untouched.id = must(store.insert_member(untouched));
    return untouched;
  }();

  const domain::Member inserted = must(store.find_member(community, "sam@example.org"));
  expect_same_member(inserted, member);
  EXPECT_EQ(inserted.handles, member.handles);
  EXPECT_EQ(inserted.employer, "Initech");

  struct Variant {
    std::string name;
    std::function<void(domain::Member&)> change;
  };
  const std::vector<Variant> variants = {
      {"offboarded",
       [](domain::Member& m) {
         m.status = domain::MemberStatus::Former;
         m.term_end = Date{19'200};
       }},
      {"renewed without end", [](domain::Member& m) { m.term_end = std::nullopt; }},
      {"new role and name",
       [](domain::Member& m) {
         m.role = domain::Role::ViceChair;
         m.display_name = "Samira Member";
       }},
      {"new handles and employer",
       [](domain::Member& m) {
         m.handles = {"@samira", "@s.m", "@third"};
         m.employer = "Globex Corporation";
       }},
      {"no handles and no employer",
       [](domain::Member& m) {
         m.handles.clear();
         m.employer.clear();
       }},
  };
  for (const Variant& variant : variants) {
    SCOPED_TRACE(variant.name);
    variant.change(member);
    must(store.update_member(member));
    const domain::Member found = must(store.find_member(community, "sam@example.org"));
    expect_same_member(found, member);
    EXPECT_EQ(found.handles, member.handles);
    EXPECT_EQ(found.employer, member.employer);
    const std::vector<domain::Member> listed = must(store.list_members(community));
    ASSERT_EQ(listed.size(), 2u);
    expect_same_member(listed[0], member);
    EXPECT_EQ(listed[0].handles, member.handles);
    EXPECT_EQ(listed[0].employer, member.employer);
  }
  // The other member is untouched.
  const domain::Member zoe = must(store.find_member(community, "zoe@example.org"));
  expect_same_member(zoe, other);
  EXPECT_EQ(zoe.handles, other.handles);
  EXPECT_EQ(zoe.employer, "");

  domain::Member missing = sample_member(community, "ghost@example.org");
  missing.id = 99;
  EXPECT_TRUE(FailsWith(store.update_member(missing), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_member(community, "ghost@example.org"), ErrorCode::NotFound));
  EXPECT_EQ(must(store.list_members(community)).size(), 2u);
}

// ---- Parties across cases ----------------------------------------------------------------------

TYPED_TEST_P(StoreConformance, PartyIndexesListEveryPartyOfTheCommunityByCaseAndNumber) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  const std::int64_t person = must(store.insert_person(sample_person(tidewater, "Blue Jay")));
  // Opened in the other order than their ids: the listing follows the ids.
  const domain::Case first = this->add_case(sample_case(tidewater, "home shelf", 3'000));
  const domain::Case second = this->add_case(sample_case(tidewater, "blue kettle", 2'000));
  const domain::Case empty = this->add_case(sample_case(tidewater, "quiet harbour", 1'000));
  const domain::Case elsewhere = this->add_case(sample_case(riverbend, "home shelf", 1'500));

  // Blind indexes are opaque bytes: NUL and high bytes come back exactly; an empty
  // field has an empty index.
  const PartyIndexes reporter_indexes{binary("contact-1"), binary("name-1"), ""};
  const PartyIndexes reported_indexes{binary("contact-2"), binary("name-2"), binary("employer-2")};
  const PartyIndexes witness_indexes{binary("contact-3"), "", binary("employer-3")};
  const PartyIndexes foreign_indexes{binary("contact-4"), binary("name-4"), ""};
  // Inserted out of number order: each case's parties come back by number.
  must(store.insert_party(first, sample_party(2, domain::PartyRole::ReportedPerson, person), reported_indexes));
  must(store.insert_party(first, sample_party(1, domain::PartyRole::Reporter), reporter_indexes));
  must(store.insert_party(second, sample_party(1, domain::PartyRole::Witness), witness_indexes));
  must(store.insert_party(elsewhere, sample_party(1, domain::PartyRole::HarmedIndividual), foreign_indexes));

  const std::vector<PartyIndexRow> rows = must(store.list_party_indexes(tidewater));
  const std::vector<PartyIndexRow> expected = {
      {first.id, 1, domain::PartyRole::Reporter, reporter_indexes},
      {first.id, 2, domain::PartyRole::ReportedPerson, reported_indexes},
      {second.id, 1, domain::PartyRole::Witness, witness_indexes},
  };
  ASSERT_EQ(rows.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    expect_same_party_indexes(rows[i], expected[i]);
  }
  for (const PartyIndexRow& row : rows) EXPECT_NE(row.case_id, empty.id);

  const std::vector<PartyIndexRow> other = must(store.list_party_indexes(riverbend));
  ASSERT_EQ(other.size(), 1u);
  expect_same_party_indexes(other[0], {elsewhere.id, 1, domain::PartyRole::HarmedIndividual, foreign_indexes});
  EXPECT_TRUE(must(store.list_party_indexes(99)).empty());

  // The indexes are not sealed (only the party's fields are), and listing opens nothing.
  for (const std::string& sealed : this->sealer().sealed_values)
    EXPECT_THAT(sealed, ::testing::Not(::testing::HasSubstr("contact-")));
  EXPECT_EQ(this->sealer().open_calls, 0);

  // The record still holds the parties themselves, opened.
  const domain::CaseRecord record = must(store.load_case_record(first));
  ASSERT_EQ(record.parties.size(), 2u);
  expect_same_party(record.parties[0], sample_party(1, domain::PartyRole::Reporter));
  expect_same_party(record.parties[1], sample_party(2, domain::PartyRole::ReportedPerson, person));
}

// Links by key both ways: a case is linked into one case at most (AlreadyExists), a
// link deleted is gone (NotFound the second time), the cases linked into one come
// oldest link first, and a found case says whether it is linked.
TYPED_TEST_P(StoreConformance, CaseLinksAreFoundBothWaysAndDeletedOnce) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const domain::Case primary = this->add_case(sample_case(tidewater, "home shelf"));
  const domain::Case first = this->add_case(sample_case(tidewater, "blue kettle"));
  const domain::Case second = this->add_case(sample_case(tidewater, "quiet harbour"));
  must(store.insert_case_link({second.id, primary.id, std::nullopt, Timestamp{100}}));
  must(store.insert_case_link({first.id, primary.id, std::nullopt, Timestamp{200}}));
  EXPECT_TRUE(
      FailsWith(store.insert_case_link({first.id, second.id, std::nullopt, Timestamp{300}}), ErrorCode::AlreadyExists));

  const domain::CaseLinks of_primary = must(store.load_case_links(primary.id));
  EXPECT_FALSE(of_primary.primary);
  EXPECT_EQ(of_primary.linked, (std::vector<std::int64_t>{second.id, first.id}));
  const domain::CaseLinks of_first = must(store.load_case_links(first.id));
  EXPECT_EQ(of_first.primary, primary.id);
  EXPECT_TRUE(of_first.linked.empty());
  EXPECT_TRUE(must(store.find_case_by_id(first.id)).linked);
  EXPECT_FALSE(must(store.find_case_by_id(primary.id)).linked);

  must(store.delete_case_link(first.id));
  EXPECT_TRUE(FailsWith(store.delete_case_link(first.id), ErrorCode::NotFound));
  EXPECT_FALSE(must(store.load_case_links(first.id)).primary);
  EXPECT_FALSE(must(store.find_case_by_id(first.id)).linked);
  EXPECT_EQ(must(store.load_case_links(primary.id)).linked, (std::vector<std::int64_t>{second.id}));
}

// Held cases are found through their reported parties' indexes: a contact, a name or a
// person record, only in the role of reported person, only held ones of the community,
// never the case asking; a release clears the flag and nothing else.
TYPED_TEST_P(StoreConformance, HeldCasesAreFoundByTheirReportedPartiesAndReleased) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  const std::int64_t person = must(store.insert_person(sample_person(tidewater, "Blue Jay")));
  const auto held = [&](std::int64_t community, const char* code, bool escrowed = true) {
    domain::Case summary = sample_case(community, code);
    summary.escrowed = escrowed;
    return this->add_case(summary);
  };
  const domain::Case by_contact = held(tidewater, "home shelf");
  const domain::Case by_name = held(tidewater, "blue kettle");
  const domain::Case by_person = held(tidewater, "quiet harbour");
  const domain::Case as_witness = held(tidewater, "amber zebra");
  const domain::Case not_held = held(tidewater, "green lantern", false);
  const domain::Case elsewhere = held(riverbend, "home shelf");
  must(store.insert_party(by_contact, sample_party(1, domain::PartyRole::ReportedPerson),
                          {binary("contact-1"), binary("name-9"), ""}));
  must(store.insert_party(by_name, sample_party(1, domain::PartyRole::ReportedPerson), {"", binary("name-1"), ""}));
  must(store.insert_party(by_person, sample_party(1, domain::PartyRole::ReportedPerson, person), {}));
  must(store.insert_party(as_witness, sample_party(1, domain::PartyRole::Witness), {binary("contact-1"), "", ""}));
  must(store.insert_party(not_held, sample_party(1, domain::PartyRole::ReportedPerson), {binary("contact-1"), "", ""}));
  must(
      store.insert_party(elsewhere, sample_party(1, domain::PartyRole::ReportedPerson), {binary("contact-1"), "", ""}));

  const auto ids = [&](std::int64_t except, const domain::EscrowMatchKeys& keys) {
    std::vector<std::int64_t> found;
    for (const domain::Case& summary : must(store.escrowed_cases_naming(tidewater, except, keys))) {
      EXPECT_TRUE(summary.escrowed);
      found.push_back(summary.id);
    }
    return found;
  };
  const auto expect_found = [&] {
    EXPECT_EQ(ids(0, {{binary("contact-1")}, {}, {}}), (std::vector<std::int64_t>{by_contact.id}));
    EXPECT_EQ(ids(0, {{}, {binary("name-1")}, {}}), (std::vector<std::int64_t>{by_name.id}));
    EXPECT_EQ(ids(0, {{}, {}, {person}}), (std::vector<std::int64_t>{by_person.id}));
    EXPECT_EQ(ids(0, {{binary("contact-1"), binary("contact-2")}, {binary("name-1")}, {person}}),
              (std::vector<std::int64_t>{by_contact.id, by_name.id, by_person.id}));
    EXPECT_EQ(ids(by_contact.id, {{binary("contact-1")}, {}, {}}), (std::vector<std::int64_t>{}));
    // A name index never matches a contact index, nor an unknown key anything.
    EXPECT_TRUE(ids(0, {{binary("name-1")}, {binary("contact-1")}, {}}).empty());
    EXPECT_TRUE(ids(0, {}).empty());
  };
  expect_found();
  // The same answers when the community holds many cases (a store may look them up
  // another way then): a hundred more held, naming someone else.
  for (int i = 0; i < 100; ++i) {
    const domain::Case other = held(tidewater, ("held " + std::to_string(i)).c_str());
    must(store.insert_party(other, sample_party(1, domain::PartyRole::ReportedPerson), {binary("contact-9"), "", ""}));
  }
  expect_found();

  must(store.release_from_escrow(by_contact));
  domain::Case released = by_contact;
  released.escrowed = false;
  expect_same_case(must(store.find_case_by_id(by_contact.id)), as_listed(released));
  EXPECT_TRUE(ids(0, {{binary("contact-1")}, {}, {}}).empty());
  domain::Case missing = sample_case(tidewater, "no such");
  missing.id = 1'000'000;
  EXPECT_TRUE(FailsWith(store.release_from_escrow(missing), ErrorCode::NotFound));
}

// ---- Conflicts, screenings, invitations and oversight grants ------------------------------------

TYPED_TEST_P(StoreConformance, AccessFactsHoldEveryRelationWithoutSealedFields) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t chair = must(store.insert_member(sample_member(community, "chair@example.org")));
  const std::int64_t sam = must(store.insert_member(sample_member(community, "sam@example.org")));
  const std::int64_t ada = must(store.insert_member(sample_member(community, "ada@example.org")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  const domain::Case other = this->add_case(sample_case(community, "blue kettle"));
  EXPECT_TRUE(must(store.load_access_facts(community)).exclusions.empty());

  must(store.insert_exclusion(summary, {summary.id, sam, domain::ExclusionReason::Declared, Timestamp{1'700'100'000},
                                        "my sister reported it"}));
  must(store.insert_exclusion(other,
                              {other.id, sam, domain::ExclusionReason::SharedEmployer, Timestamp{1'700'100'001}, ""}));
  must(store.insert_exclusion(
      summary, {summary.id, ada, domain::ExclusionReason::NamedAsReported, Timestamp{1'700'100'002}, ""}));
  must(store.insert_possible_conflict({summary.id, chair, Timestamp{1'700'200'000}}));
  must(store.insert_possible_conflict({other.id, ada, Timestamp{1'700'200'001}}));
  must(store.insert_screening({summary.id, chair, Timestamp{1'700'300'000}}));
  must(store.insert_invitation({other.id, ada, chair, Timestamp{1'700'400'000}}));

  // The note is sealed under the case, with a record of its own.
  EXPECT_EQ(sealer.sealed_contexts.count(TaggingSealer::tag(
                crypto::SealContext{community, "home shelf", "exclusion:" + std::to_string(sam), "note", "case"})),
            1u);
  EXPECT_EQ(sealer.sealed_values.count(TaggingSealer::stored_form(
                crypto::SealContext{community, "home shelf", "exclusion:" + std::to_string(sam), "note", "case"},
                "my sister reported it")),
            1u);

  const domain::AccessFacts facts = must(store.load_access_facts(community));
  ASSERT_EQ(facts.exclusions.size(), 3u);
  const auto exclusion = [&](std::int64_t case_id, std::int64_t member_id) -> const domain::Exclusion* {
    for (const domain::Exclusion& row : facts.exclusions)
      if (row.case_id == case_id && row.member_id == member_id) return &row;
    return nullptr;
  };
  ASSERT_NE(exclusion(summary.id, sam), nullptr);
  EXPECT_EQ(exclusion(summary.id, sam)->reason, domain::ExclusionReason::Declared);
  EXPECT_EQ(exclusion(summary.id, sam)->created_at.seconds, 1'700'100'000);
  ASSERT_NE(exclusion(other.id, sam), nullptr);
  EXPECT_EQ(exclusion(other.id, sam)->reason, domain::ExclusionReason::SharedEmployer);
  ASSERT_NE(exclusion(summary.id, ada), nullptr);
  EXPECT_EQ(exclusion(summary.id, ada)->reason, domain::ExclusionReason::NamedAsReported);
  EXPECT_EQ(exclusion(summary.id, ada)->created_at.seconds, 1'700'100'002);
  for (const domain::Exclusion& row : facts.exclusions) EXPECT_EQ(row.note, "") << "deciding access needs no note";

  ASSERT_EQ(facts.possible_conflicts.size(), 2u);
  for (const domain::PossibleConflict& row : facts.possible_conflicts) {
    if (row.case_id == summary.id) {
      EXPECT_EQ(row.member_id, chair);
      EXPECT_EQ(row.created_at.seconds, 1'700'200'000);
    } else {
      EXPECT_EQ(row.case_id, other.id);
      EXPECT_EQ(row.member_id, ada);
      EXPECT_EQ(row.created_at.seconds, 1'700'200'001);
    }
  }
  ASSERT_EQ(facts.screenings.size(), 1u);
  EXPECT_EQ(facts.screenings[0].case_id, summary.id);
  EXPECT_EQ(facts.screenings[0].member_id, chair);
  EXPECT_EQ(facts.screenings[0].screened_at.seconds, 1'700'300'000);
  ASSERT_EQ(facts.invitations.size(), 1u);
  EXPECT_EQ(facts.invitations[0].case_id, other.id);
  EXPECT_EQ(facts.invitations[0].member_id, ada);
  EXPECT_EQ(facts.invitations[0].invited_by, chair);
  EXPECT_EQ(facts.invitations[0].created_at.seconds, 1'700'400'000);
  EXPECT_TRUE(facts.grants.empty());

  // One of each per (case, member).
  EXPECT_TRUE(FailsWith(
      store.insert_exclusion(summary, {summary.id, sam, domain::ExclusionReason::Party, Timestamp{1'700'500'000}, ""}),
      ErrorCode::AlreadyExists));
  EXPECT_TRUE(FailsWith(store.insert_possible_conflict({summary.id, chair, Timestamp{1'700'500'000}}),
                        ErrorCode::AlreadyExists));
  EXPECT_TRUE(
      FailsWith(store.insert_screening({summary.id, chair, Timestamp{1'700'500'000}}), ErrorCode::AlreadyExists));
  EXPECT_TRUE(
      FailsWith(store.insert_invitation({other.id, ada, sam, Timestamp{1'700'500'000}}), ErrorCode::AlreadyExists));
  const domain::AccessFacts unchanged = must(store.load_access_facts(community));
  ASSERT_EQ(unchanged.exclusions.size(), 3u);
  for (const domain::Exclusion& row : unchanged.exclusions) {
    if (row.case_id == summary.id && row.member_id == sam) {
      EXPECT_EQ(row.reason, domain::ExclusionReason::Declared);
    }
  }
  EXPECT_EQ(unchanged.possible_conflicts.size(), 2u);
  EXPECT_EQ(unchanged.screenings.size(), 1u);
  ASSERT_EQ(unchanged.invitations.size(), 1u);
  EXPECT_EQ(unchanged.invitations[0].invited_by, chair);

  // A dismissed possible conflict goes away, and only that one; it may be noticed again.
  must(store.delete_possible_conflict(summary.id, chair));
  must(store.delete_possible_conflict(summary.id, chair));  // deleting nothing is fine
  const domain::AccessFacts after = must(store.load_access_facts(community));
  ASSERT_EQ(after.possible_conflicts.size(), 1u);
  EXPECT_EQ(after.possible_conflicts[0].case_id, other.id);
  EXPECT_EQ(after.possible_conflicts[0].member_id, ada);
  must(store.insert_possible_conflict({summary.id, chair, Timestamp{1'700'600'000}}));
  EXPECT_EQ(must(store.load_access_facts(community)).possible_conflicts.size(), 2u);
}

TYPED_TEST_P(StoreConformance, RelationsToMissingRecordsAreRefused) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t sam = must(store.insert_member(sample_member(community, "sam@example.org")));
  const domain::Case existing = this->add_case(sample_case(community, "home shelf"));
  domain::Case missing_case = sample_case(community, "blue kettle");
  missing_case.id = 99;
  constexpr std::int64_t kMissing = 99;
  const Timestamp at{1'700'100'000};

  struct Row {
    std::string name;
    std::function<Status()> write;
  };
  const std::vector<Row> rows = {
      {"exclusion of a missing member",
       [&] {
         return store.insert_exclusion(existing, {existing.id, kMissing, domain::ExclusionReason::Party, at, ""});
       }},
      {"exclusion from a missing case",
       [&] {
         return store.insert_exclusion(missing_case, {kMissing, sam, domain::ExclusionReason::Party, at, ""});
       }},
      {"possible conflict of a missing member",
       [&] {
         return store.insert_possible_conflict({existing.id, kMissing, at});
       }},
      {"possible conflict on a missing case",
       [&] {
         return store.insert_possible_conflict({kMissing, sam, at});
       }},
      {"screening by a missing member",
       [&] {
         return store.insert_screening({existing.id, kMissing, at});
       }},
      {"screening of a missing case",
       [&] {
         return store.insert_screening({kMissing, sam, at});
       }},
      {"invitation of a missing member",
       [&] {
         return store.insert_invitation({existing.id, kMissing, sam, at});
       }},
      {"invitation by a missing member",
       [&] {
         return store.insert_invitation({existing.id, sam, kMissing, at});
       }},
      {"invitation to a missing case",
       [&] {
         return store.insert_invitation({kMissing, sam, sam, at});
       }},
      {"grant for a missing member",
       [&] {
         domain::OversightGrant grant;
         grant.case_id = existing.id;
         grant.member_id = kMissing;
         grant.reason = "why";
         grant.requested_at = at;
         grant.days = 7;
         return status_of(store.insert_oversight_grant(existing, grant));
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_TRUE(FailsWith(row.write(), ErrorCode::Internal));
  }
  const domain::AccessFacts facts = must(store.load_access_facts(community));
  EXPECT_TRUE(facts.exclusions.empty());
  EXPECT_TRUE(facts.possible_conflicts.empty());
  EXPECT_TRUE(facts.screenings.empty());
  EXPECT_TRUE(facts.invitations.empty());
  EXPECT_TRUE(facts.grants.empty());
}

TYPED_TEST_P(StoreConformance, OversightGrantsAreRequestedApprovedAndReadBack) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t chair = must(store.insert_member(sample_member(community, "chair@example.org")));
  const std::int64_t board = must(store.insert_member(sample_member(community, "board@example.org")));
  const std::int64_t other_board = must(store.insert_member(sample_member(community, "bea@example.org")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  const domain::Case other = this->add_case(sample_case(community, "blue kettle"));
  EXPECT_TRUE(must(store.oversight_grants_of_case(summary)).empty());

  const auto request = [&](const domain::Case& owner, std::int64_t member, std::string reason, std::int64_t at,
                           int days) {
    domain::OversightGrant grant;
    grant.case_id = owner.id;
    grant.member_id = member;
    grant.reason = std::move(reason);
    grant.requested_at = Timestamp{at};
    grant.days = days;
    return grant;
  };
  // Inserted out of time order: a case's grants come back oldest first.
  const domain::OversightGrant later =
      request(summary, other_board, "A second look at the decision.", 1'700'200'000, 30);
  const domain::OversightGrant earlier =
      request(summary, board, "The reporter appealed to the board.", 1'700'100'000, 14);
  const domain::OversightGrant elsewhere = request(other, board, "Another case.", 1'700'150'000, 7);
  EXPECT_EQ(must(store.insert_oversight_grant(summary, later)), 1);
  EXPECT_EQ(must(store.insert_oversight_grant(summary, earlier)), 2);
  EXPECT_EQ(must(store.insert_oversight_grant(other, elsewhere)), 3);

  // The reason is sealed under the case.
  EXPECT_EQ(sealer.sealed_values.count(earlier.reason), 0u);
  for (const std::string& stored : sealer.sealed_values) EXPECT_EQ(stored.find("appealed"), std::string::npos);

  const std::vector<domain::OversightGrant> grants = must(store.oversight_grants_of_case(summary));
  ASSERT_EQ(grants.size(), 2u);
  EXPECT_EQ(grants[0].id, 2);
  EXPECT_EQ(grants[0].case_id, summary.id);
  EXPECT_EQ(grants[0].member_id, board);
  EXPECT_EQ(grants[0].reason, "The reporter appealed to the board.");
  EXPECT_EQ(grants[0].requested_at.seconds, 1'700'100'000);
  EXPECT_EQ(grants[0].days, 14);
  EXPECT_FALSE(grants[0].approved_by.has_value());
  EXPECT_FALSE(grants[0].approved_at.has_value());
  EXPECT_EQ(grants[1].id, 1);
  EXPECT_EQ(grants[1].member_id, other_board);
  EXPECT_EQ(grants[1].reason, "A second look at the decision.");
  EXPECT_EQ(grants[1].days, 30);

  must(store.approve_oversight_grant(2, chair, Timestamp{1'700'300'000}));
  const std::vector<domain::OversightGrant> approved = must(store.oversight_grants_of_case(summary));
  ASSERT_EQ(approved.size(), 2u);
  EXPECT_EQ(approved[0].approved_by, std::optional<std::int64_t>(chair));
  ASSERT_TRUE(approved[0].approved_at.has_value());
  EXPECT_EQ(approved[0].approved_at->seconds, 1'700'300'000);
  EXPECT_EQ(approved[0].reason, "The reporter appealed to the board.");
  EXPECT_FALSE(approved[1].approved_by.has_value());
  EXPECT_FALSE(must(store.oversight_grants_of_case(other))[0].approved_by.has_value());

  EXPECT_TRUE(FailsWith(store.approve_oversight_grant(42, chair, Timestamp{1'700'300'000}), ErrorCode::NotFound));

  // The facts hold every grant of the community, reasons left out.
  const domain::AccessFacts facts = must(store.load_access_facts(community));
  ASSERT_EQ(facts.grants.size(), 3u);
  for (const domain::OversightGrant& grant : facts.grants) {
    SCOPED_TRACE(grant.id);
    EXPECT_EQ(grant.reason, "");
    EXPECT_EQ(grant.approved_by.has_value(), grant.id == 2);
    if (grant.id == 2) {
      EXPECT_EQ(grant.approved_by, std::optional<std::int64_t>(chair));
      EXPECT_EQ(grant.approved_at->seconds, 1'700'300'000);
      EXPECT_EQ(grant.case_id, summary.id);
      EXPECT_EQ(grant.member_id, board);
      EXPECT_EQ(grant.days, 14);
      EXPECT_EQ(grant.requested_at.seconds, 1'700'100'000);
    }
    EXPECT_EQ(grant.case_id, grant.id == 3 ? other.id : summary.id);
  }
}

TYPED_TEST_P(StoreConformance, AccessFactsOfOneCommunityNeverIncludeAnother) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  const std::int64_t sam = must(store.insert_member(sample_member(tidewater, "sam@example.org")));
  const std::int64_t rio = must(store.insert_member(sample_member(riverbend, "rio@example.org")));
  const domain::Case here = this->add_case(sample_case(tidewater, "home shelf"));
  const domain::Case there = this->add_case(sample_case(riverbend, "home shelf"));
  const Timestamp at{1'700'100'000};

  for (const auto& [owner, member] : {std::pair{here, sam}, std::pair{there, rio}}) {
    must(store.insert_exclusion(owner, {owner.id, member, domain::ExclusionReason::Declared, at, "private"}));
    must(store.insert_possible_conflict({owner.id, member, at}));
    must(store.insert_screening({owner.id, member, at}));
    must(store.insert_invitation({owner.id, member, member, at}));
    domain::OversightGrant grant;
    grant.case_id = owner.id;
    grant.member_id = member;
    grant.reason = "why";
    grant.requested_at = at;
    grant.days = 7;
    must(store.insert_oversight_grant(owner, grant));
  }

  for (const auto& [community, owner, member] : {std::tuple{tidewater, here, sam}, std::tuple{riverbend, there, rio}}) {
    SCOPED_TRACE(community);
    const domain::AccessFacts facts = must(store.load_access_facts(community));
    ASSERT_EQ(facts.exclusions.size(), 1u);
    EXPECT_EQ(facts.exclusions[0].case_id, owner.id);
    EXPECT_EQ(facts.exclusions[0].member_id, member);
    ASSERT_EQ(facts.possible_conflicts.size(), 1u);
    EXPECT_EQ(facts.possible_conflicts[0].case_id, owner.id);
    ASSERT_EQ(facts.screenings.size(), 1u);
    EXPECT_EQ(facts.screenings[0].case_id, owner.id);
    ASSERT_EQ(facts.invitations.size(), 1u);
    EXPECT_EQ(facts.invitations[0].case_id, owner.id);
    ASSERT_EQ(facts.grants.size(), 1u);
    EXPECT_EQ(facts.grants[0].case_id, owner.id);
    EXPECT_EQ(must(store.oversight_grants_of_case(owner)).size(), 1u);
  }
  const domain::AccessFacts nobody = must(store.load_access_facts(99));
  EXPECT_TRUE(nobody.exclusions.empty());
  EXPECT_TRUE(nobody.possible_conflicts.empty());
  EXPECT_TRUE(nobody.screenings.empty());
  EXPECT_TRUE(nobody.invitations.empty());
  EXPECT_TRUE(nobody.grants.empty());
}

TYPED_TEST_P(StoreConformance, AccessWritesRollBackWithAFailedTransaction) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  domain::Member sam = sample_member(community, "sam@example.org");
  sam.id = must(store.insert_member(sam));
  const std::int64_t chair = must(store.insert_member(sample_member(community, "chair@example.org")));
  const domain::Case summary = this->add_case(sample_case(community, "home shelf"));
  must(store.insert_possible_conflict({summary.id, chair, Timestamp{1'700'000'500}}));
  domain::OversightGrant pending;
  pending.case_id = summary.id;
  pending.member_id = chair;
  pending.reason = "why";
  pending.requested_at = Timestamp{1'700'000'600};
  pending.days = 7;
  const std::int64_t pending_id = must(store.insert_oversight_grant(summary, pending));

  const Timestamp at{1'700'100'000};
  const Status result = store.in_transaction([&]() -> Status {
    domain::Member changed = sam;
    changed.status = domain::MemberStatus::Former;
    changed.handles = {"@sam"};
    changed.employer = "Initech";
    TRY(store.update_member(changed));
    TRY(store.insert_exclusion(summary, {summary.id, sam.id, domain::ExclusionReason::Declared, at, "note"}));
    TRY(store.delete_possible_conflict(summary.id, chair));
    TRY(store.insert_screening({summary.id, sam.id, at}));
    TRY(store.insert_invitation({summary.id, sam.id, chair, at}));
    domain::OversightGrant grant = pending;
    grant.member_id = sam.id;
    grant.requested_at = at;
    TRY(store.insert_oversight_grant(summary, grant));
    TRY(store.approve_oversight_grant(pending_id, chair, at));
    return failed_precondition("refused after all");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::FailedPrecondition));

  const domain::Member found = must(store.find_member(community, "sam@example.org"));
  expect_same_member(found, sam);
  EXPECT_TRUE(found.handles.empty());
  EXPECT_EQ(found.employer, "");
  const domain::AccessFacts facts = must(store.load_access_facts(community));
  EXPECT_TRUE(facts.exclusions.empty());
  ASSERT_EQ(facts.possible_conflicts.size(), 1u);
  EXPECT_EQ(facts.possible_conflicts[0].member_id, chair);
  EXPECT_TRUE(facts.screenings.empty());
  EXPECT_TRUE(facts.invitations.empty());
  ASSERT_EQ(facts.grants.size(), 1u);
  EXPECT_EQ(facts.grants[0].id, pending_id);
  EXPECT_FALSE(facts.grants[0].approved_by.has_value());
  EXPECT_FALSE(facts.grants[0].approved_at.has_value());

  // The same writes commit afterwards, and the next grant takes the next id.
  must(store.insert_exclusion(summary, {summary.id, sam.id, domain::ExclusionReason::Declared, at, "note"}));
  domain::OversightGrant again = pending;
  again.requested_at = at;
  EXPECT_EQ(must(store.insert_oversight_grant(summary, again)), pending_id + 1);
  EXPECT_EQ(must(store.load_access_facts(community)).exclusions.size(), 1u);
}

// ---- Signing in: credentials, sessions, links, throttles, certificates, root keys ------------
//
// The byte fields are opaque to the store (store/account_rows.h): they go in and come
// back exactly, NUL and high bytes included (see binary()), and never through the Sealer.

inline CredentialsRow sample_credentials(std::int64_t member_id, std::string tag) {
  CredentialsRow row;
  row.member_id = member_id;
  row.password_salt = binary("salt-" + tag);
  row.password_verifier = binary("verifier-" + tag);
  row.ops_limit = 3;
  row.mem_limit = 268'435'456;
  row.box_public = binary("box-public-" + tag);
  row.sign_public = binary("sign-public-" + tag);
  row.private_keys_sealed = binary("private-keys-" + tag);
  row.totp_secret_sealed = binary("totp-" + tag);
  row.totp_last_step = 59'000'123;
  row.enrolled_at = Timestamp{1'764'057'600};
  return row;
}

inline SessionRow sample_session(std::string lookup_id, std::int64_t member_id) {
  return SessionRow{lookup_id,
                    member_id,
                    Timestamp{1'764'057'600},
                    Timestamp{1'764'058'200},
                    "csrf-" + lookup_id,
                    binary("session-keys-" + lookup_id)};
}

inline EnrolmentRow sample_enrolment(std::string lookup_id, std::int64_t member_id, std::int64_t issued_by) {
  EnrolmentRow row;
  row.lookup_id = std::move(lookup_id);
  row.member_id = member_id;
  row.issued_by = issued_by;
  row.created_at = Timestamp{1'764'057'600};
  row.expires_at = Timestamp{1'764'316'800};
  row.root_secret_sealed = binary("root-secret-" + row.lookup_id);
  return row;
}

inline void expect_same_credentials(const CredentialsRow& actual, const CredentialsRow& expected) {
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.password_salt, expected.password_salt);
  EXPECT_EQ(actual.password_verifier, expected.password_verifier);
  EXPECT_EQ(actual.ops_limit, expected.ops_limit);
  EXPECT_EQ(actual.mem_limit, expected.mem_limit);
  EXPECT_EQ(actual.box_public, expected.box_public);
  EXPECT_EQ(actual.sign_public, expected.sign_public);
  EXPECT_EQ(actual.private_keys_sealed, expected.private_keys_sealed);
  EXPECT_EQ(actual.totp_secret_sealed, expected.totp_secret_sealed);
  EXPECT_EQ(actual.totp_last_step, expected.totp_last_step);
  EXPECT_EQ(actual.enrolled_at.seconds, expected.enrolled_at.seconds);
}

inline void expect_same_session(const SessionRow& actual, const SessionRow& expected) {
  EXPECT_EQ(actual.lookup_id, expected.lookup_id);
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
  EXPECT_EQ(actual.last_seen_at.seconds, expected.last_seen_at.seconds);
  EXPECT_EQ(actual.csrf_token, expected.csrf_token);
  EXPECT_EQ(actual.private_keys_sealed, expected.private_keys_sealed);
}

inline void expect_same_enrolment(const EnrolmentRow& actual, const EnrolmentRow& expected) {
  EXPECT_EQ(actual.lookup_id, expected.lookup_id);
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.issued_by, expected.issued_by);
  EXPECT_EQ(actual.created_at.seconds, expected.created_at.seconds);
  EXPECT_EQ(actual.expires_at.seconds, expected.expires_at.seconds);
  EXPECT_EQ(actual.used_at, expected.used_at);
  EXPECT_EQ(actual.root_secret_sealed, expected.root_secret_sealed);
}

inline void expect_same_throttle(const ThrottleRow& actual, const ThrottleRow& expected) {
  EXPECT_EQ(actual.key, expected.key);
  EXPECT_EQ(actual.failures, expected.failures);
  EXPECT_EQ(actual.last_failure.seconds, expected.last_failure.seconds);
}

inline void expect_same_certificate(const CertificateRow& actual, const CertificateRow& expected) {
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.issuer_sign_public, expected.issuer_sign_public);
  EXPECT_EQ(actual.issued_at, expected.issued_at);
  EXPECT_EQ(actual.signature, expected.signature);
}

inline void expect_same_root_key_wrap(const RootKeyWrapRow& actual, const RootKeyWrapRow& expected) {
  EXPECT_EQ(actual.community_id, expected.community_id);
  EXPECT_EQ(actual.member_id, expected.member_id);
  EXPECT_EQ(actual.root_secret_sealed, expected.root_secret_sealed);
}

// A community with two members, "sam" and "kim", for the sign-in tables.
struct AccountsWorld {
  std::int64_t community = 0;
  std::int64_t sam = 0;
  std::int64_t kim = 0;
};

inline AccountsWorld make_accounts_world(Store& store) {
  AccountsWorld world;
  world.community = must(store.insert_community(sample_community("tidewater")));
  world.sam = must(store.insert_member(sample_member(world.community, "sam@example.org")));
  world.kim = must(store.insert_member(sample_member(world.community, "kim@example.org")));
  return world;
}

TYPED_TEST_P(StoreConformance, CredentialsRoundTripEveryFieldAndAreReplacedAndDeleted) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  EXPECT_TRUE(FailsWith(store.find_credentials(world.sam), ErrorCode::NotFound));

  const CredentialsRow sam = sample_credentials(world.sam, "sam");
  const CredentialsRow kim = sample_credentials(world.kim, "kim");
  must(store.save_credentials(sam));
  must(store.save_credentials(kim));
  expect_same_credentials(must(store.find_credentials(world.sam)), sam);
  expect_same_credentials(must(store.find_credentials(world.kim)), kim);

  // A second save replaces every field (a password change or a reset).
  CredentialsRow replaced = sample_credentials(world.sam, "sam again");
  replaced.ops_limit = 1;
  replaced.mem_limit = 8'192;
  replaced.totp_last_step = 0;
  replaced.enrolled_at = Timestamp{1'764'100'000};
  must(store.save_credentials(replaced));
  expect_same_credentials(must(store.find_credentials(world.sam)), replaced);
  expect_same_credentials(must(store.find_credentials(world.kim)), kim);

  must(store.delete_credentials(world.sam));
  EXPECT_TRUE(FailsWith(store.find_credentials(world.sam), ErrorCode::NotFound));
  expect_same_credentials(must(store.find_credentials(world.kim)), kim);
  must(store.delete_credentials(world.sam));  // deleting what is gone is not an error
}

TYPED_TEST_P(StoreConformance, SetTotpLastStepChangesOnlyTheStep) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  CredentialsRow sam = sample_credentials(world.sam, "sam");
  const CredentialsRow kim = sample_credentials(world.kim, "kim");
  must(store.save_credentials(sam));
  must(store.save_credentials(kim));

  must(store.set_totp_last_step(world.sam, 59'000'200));
  sam.totp_last_step = 59'000'200;
  expect_same_credentials(must(store.find_credentials(world.sam)), sam);
  expect_same_credentials(must(store.find_credentials(world.kim)), kim);

  // A step is never accepted twice, nor an earlier one: codes work once.
  EXPECT_TRUE(FailsWith(store.set_totp_last_step(world.sam, 59'000'200), ErrorCode::FailedPrecondition));
  EXPECT_TRUE(FailsWith(store.set_totp_last_step(world.sam, 59'000'100), ErrorCode::FailedPrecondition));
  expect_same_credentials(must(store.find_credentials(world.sam)), sam);

  must(store.delete_credentials(world.kim));
  const Status not_enrolled = store.set_totp_last_step(world.kim, 59'000'300);
  ASSERT_TRUE(FailsWith(not_enrolled, ErrorCode::NotFound));
  EXPECT_EQ(not_enrolled.error().message, "the member has not enrolled");
  EXPECT_TRUE(FailsWith(store.set_totp_last_step(99, 59'000'300), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_credentials(world.kim), ErrorCode::NotFound));  // not created by the update
}

TYPED_TEST_P(StoreConformance, SessionsAreInsertedFoundTouchedAndDeleted) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const SessionRow first = sample_session(std::string(64, 'a'), world.sam);
  const SessionRow second = sample_session(std::string(64, 'b'), world.sam);
  const SessionRow kims = sample_session(std::string(64, 'c'), world.kim);
  for (const SessionRow& row : {first, second, kims}) must(store.insert_session(row));
  for (const SessionRow& row : {first, second, kims}) expect_same_session(must(store.find_session(row.lookup_id)), row);

  SessionRow taken = sample_session(first.lookup_id, world.kim);
  EXPECT_TRUE(FailsWith(store.insert_session(taken), ErrorCode::AlreadyExists));
  expect_same_session(must(store.find_session(first.lookup_id)), first);

  // Touching moves only the idle clock.
  must(store.touch_session(first.lookup_id, Timestamp{1'764'060'000}));
  SessionRow touched = first;
  touched.last_seen_at = Timestamp{1'764'060'000};
  expect_same_session(must(store.find_session(first.lookup_id)), touched);
  expect_same_session(must(store.find_session(second.lookup_id)), second);
  // Touching a session that has ended is not an error and brings nothing back.
  must(store.touch_session(std::string(64, 'd'), Timestamp{1'764'060'000}));
  EXPECT_TRUE(FailsWith(store.find_session(std::string(64, 'd')), ErrorCode::NotFound));

  must(store.delete_session(first.lookup_id));
  EXPECT_TRUE(FailsWith(store.find_session(first.lookup_id), ErrorCode::NotFound));
  expect_same_session(must(store.find_session(second.lookup_id)), second);
  must(store.delete_session(first.lookup_id));  // signing out twice is not an error

  must(store.insert_session(first));  // the id is free again
  must(store.delete_sessions_of(world.sam));
  EXPECT_TRUE(FailsWith(store.find_session(first.lookup_id), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_session(second.lookup_id), ErrorCode::NotFound));
  expect_same_session(must(store.find_session(kims.lookup_id)), kims);
  must(store.delete_sessions_of(world.sam));
}

TYPED_TEST_P(StoreConformance, EnrolmentLinksAreFoundAndMarkedUsedOnce) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const EnrolmentRow chairs = sample_enrolment(std::string(64, '1'), world.sam, world.sam);
  EnrolmentRow kims = sample_enrolment(std::string(64, '2'), world.kim, world.sam);
  kims.root_secret_sealed = "";  // only the first chair's link carries the root key
  must(store.insert_enrolment(chairs));
  must(store.insert_enrolment(kims));
  expect_same_enrolment(must(store.find_enrolment(chairs.lookup_id)), chairs);
  expect_same_enrolment(must(store.find_enrolment(kims.lookup_id)), kims);
  EXPECT_TRUE(FailsWith(store.insert_enrolment(sample_enrolment(chairs.lookup_id, world.kim, world.sam)),
                        ErrorCode::AlreadyExists));

  // Using the link records when, and forgets the root key copy it carried.
  must(store.mark_enrolment_used(chairs.lookup_id, Timestamp{1'764'060'000}));
  EnrolmentRow used = chairs;
  used.used_at = Timestamp{1'764'060'000};
  used.root_secret_sealed = "";
  expect_same_enrolment(must(store.find_enrolment(chairs.lookup_id)), used);
  expect_same_enrolment(must(store.find_enrolment(kims.lookup_id)), kims);

  // A link works once, even when two processes race for it.
  EXPECT_TRUE(
      FailsWith(store.mark_enrolment_used(chairs.lookup_id, Timestamp{1'764'070'000}), ErrorCode::FailedPrecondition));
  expect_same_enrolment(must(store.find_enrolment(chairs.lookup_id)), used);

  const Status missing = store.mark_enrolment_used(std::string(64, '3'), Timestamp{1'764'060'000});
  ASSERT_TRUE(FailsWith(missing, ErrorCode::NotFound));
  EXPECT_EQ(missing.error().message, "no such enrolment link");
  EXPECT_TRUE(FailsWith(store.find_enrolment(std::string(64, '3')), ErrorCode::NotFound));
}

TYPED_TEST_P(StoreConformance, ThrottlesStartAtZeroAndAreRemovedAtZero) {
  Store& store = this->store();
  expect_same_throttle(must(store.find_throttle("account:sam@example.org")),
                       ThrottleRow{"account:sam@example.org", 0, Timestamp{}});

  must(store.save_throttle({"account:sam@example.org", 3, Timestamp{1'764'057'600}}));
  must(store.save_throttle({"address:192.0.2.7", 1, Timestamp{1'764'057'000}}));
  expect_same_throttle(must(store.find_throttle("account:sam@example.org")),
                       ThrottleRow{"account:sam@example.org", 3, Timestamp{1'764'057'600}});
  must(store.save_throttle({"account:sam@example.org", 4, Timestamp{1'764'057'700}}));
  expect_same_throttle(must(store.find_throttle("account:sam@example.org")),
                       ThrottleRow{"account:sam@example.org", 4, Timestamp{1'764'057'700}});

  // Zero failures removes the row: what comes back is a fresh one, time included.
  must(store.save_throttle({"account:sam@example.org", 0, Timestamp{1'764'057'800}}));
  expect_same_throttle(must(store.find_throttle("account:sam@example.org")),
                       ThrottleRow{"account:sam@example.org", 0, Timestamp{}});
  expect_same_throttle(must(store.find_throttle("address:192.0.2.7")),
                       ThrottleRow{"address:192.0.2.7", 1, Timestamp{1'764'057'000}});
  must(store.save_throttle({"address:198.51.100.1", 0, Timestamp{1'764'057'800}}));  // nothing to remove
  expect_same_throttle(must(store.find_throttle("address:198.51.100.1")),
                       ThrottleRow{"address:198.51.100.1", 0, Timestamp{}});
}

TYPED_TEST_P(StoreConformance, CertificatesRootKeysAndWrapsRoundTripAndAreReplaced) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const std::int64_t other = must(store.insert_community(sample_community("riverbend")));

  const CertificateRow sam{world.sam, binary("root-public"), 1'764'057'600, binary("signature-sam")};
  const CertificateRow kim{world.kim, binary("sam-sign-public"), 1'764'057'700, binary("signature-kim")};
  must(store.save_certificate(sam));
  must(store.save_certificate(kim));
  expect_same_certificate(must(store.find_certificate(world.sam)), sam);
  expect_same_certificate(must(store.find_certificate(world.kim)), kim);
  const CertificateRow recertified{world.kim, binary("root-public"), 1'764'060'000, binary("signature-kim-2")};
  must(store.save_certificate(recertified));
  expect_same_certificate(must(store.find_certificate(world.kim)), recertified);
  expect_same_certificate(must(store.find_certificate(world.sam)), sam);

  must(store.save_root_public_key(world.community, binary("root-public")));
  EXPECT_EQ(must(store.find_root_public_key(world.community)), binary("root-public"));
  EXPECT_TRUE(FailsWith(store.find_root_public_key(other), ErrorCode::NotFound));
  must(store.save_root_public_key(world.community, binary("root-public-2")));
  EXPECT_EQ(must(store.find_root_public_key(world.community)), binary("root-public-2"));
  must(store.save_root_public_key(other, binary("riverbend-root")));
  EXPECT_EQ(must(store.find_root_public_key(other)), binary("riverbend-root"));
  EXPECT_EQ(must(store.find_root_public_key(world.community)), binary("root-public-2"));

  const RootKeyWrapRow sams{world.community, world.sam, binary("wrapped-for-sam")};
  const RootKeyWrapRow kims{world.community, world.kim, binary("wrapped-for-kim")};
  must(store.save_root_key_wrap(sams));
  must(store.save_root_key_wrap(kims));
  expect_same_root_key_wrap(must(store.find_root_key_wrap(world.community, world.sam)), sams);
  expect_same_root_key_wrap(must(store.find_root_key_wrap(world.community, world.kim)), kims);
  EXPECT_TRUE(FailsWith(store.find_root_key_wrap(other, world.sam), ErrorCode::NotFound));
  const RootKeyWrapRow rewrapped{world.community, world.sam, binary("wrapped-for-sam-2")};
  must(store.save_root_key_wrap(rewrapped));
  expect_same_root_key_wrap(must(store.find_root_key_wrap(world.community, world.sam)), rewrapped);
  expect_same_root_key_wrap(must(store.find_root_key_wrap(world.community, world.kim)), kims);

  EXPECT_TRUE(this->sealer().sealed_values.empty());  // opaque bytes: never through the Sealer
}

TYPED_TEST_P(StoreConformance, MissingSignInRowsAreNotFound) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  struct Row {
    std::string name;
    std::function<Status()> lookup;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"credentials", [&] { return status_of(store.find_credentials(world.sam)); }, "the member has not enrolled"},
      {"totp step", [&] { return store.set_totp_last_step(world.sam, 1); }, "the member has not enrolled"},
      {"session", [&] { return status_of(store.find_session(std::string(64, 'a'))); }, "no such session"},
      {"enrolment", [&] { return status_of(store.find_enrolment(std::string(64, 'a'))); }, "no such enrolment link"},
      {"enrolment used", [&] { return store.mark_enrolment_used(std::string(64, 'a'), Timestamp{1}); },
       "no such enrolment link"},
      {"certificate", [&] { return status_of(store.find_certificate(world.sam)); },
       "the member's keys are not certified"},
      {"root key", [&] { return status_of(store.find_root_public_key(world.community)); },
       "the community has no root key"},
      {"root key wrap", [&] { return status_of(store.find_root_key_wrap(world.community, world.sam)); },
       "the member holds no copy of the root key"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Status result = row.lookup();
    ASSERT_TRUE(FailsWith(result, ErrorCode::NotFound));
    EXPECT_EQ(result.error().message, row.message);
  }
}

TYPED_TEST_P(StoreConformance, SignInRowsOfMissingRecordsAreRefused) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  constexpr std::int64_t kMissing = 99;
  struct Row {
    std::string name;
    std::function<Status()> write;
  };
  const std::vector<Row> rows = {
      {"credentials of a missing member", [&] { return store.save_credentials(sample_credentials(kMissing, "x")); }},
      {"session of a missing member",
       [&] { return store.insert_session(sample_session(std::string(64, 'a'), kMissing)); }},
      {"link for a missing member",
       [&] { return store.insert_enrolment(sample_enrolment(std::string(64, '1'), kMissing, world.sam)); }},
      {"link issued by a missing member",
       [&] { return store.insert_enrolment(sample_enrolment(std::string(64, '2'), world.kim, kMissing)); }},
      {"certificate of a missing member",
       [&] {
         return store.save_certificate({kMissing, binary("root"), 1'764'057'600, binary("signature")});
       }},
      {"root key of a missing community", [&] { return store.save_root_public_key(kMissing, binary("root")); }},
      {"root key wrap in a missing community",
       [&] {
         return store.save_root_key_wrap({kMissing, world.sam, binary("wrapped")});
       }},
      {"root key wrap for a missing member",
       [&] {
         return store.save_root_key_wrap({world.community, kMissing, binary("wrapped")});
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_TRUE(FailsWith(row.write(), ErrorCode::Internal));
  }
  EXPECT_TRUE(FailsWith(store.find_credentials(kMissing), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_session(std::string(64, 'a')), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_enrolment(std::string(64, '1')), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_enrolment(std::string(64, '2')), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_certificate(kMissing), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_root_public_key(kMissing), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_root_key_wrap(kMissing, world.sam), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_root_key_wrap(world.community, kMissing), ErrorCode::NotFound));
}

TYPED_TEST_P(StoreConformance, SignInWritesRollBackWithAFailedTransaction) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const CredentialsRow sam = sample_credentials(world.sam, "sam");
  const SessionRow session = sample_session(std::string(64, 'a'), world.sam);
  const EnrolmentRow link = sample_enrolment(std::string(64, '1'), world.kim, world.sam);
  const ThrottleRow throttle{"account:sam@example.org", 2, Timestamp{1'764'057'600}};
  const CertificateRow certificate{world.sam, binary("root-public"), 1'764'057'600, binary("signature")};
  const RootKeyWrapRow wrap{world.community, world.sam, binary("wrapped")};
  must(store.save_credentials(sam));
  must(store.insert_session(session));
  must(store.insert_enrolment(link));
  must(store.save_throttle(throttle));
  must(store.save_certificate(certificate));
  must(store.save_root_public_key(world.community, binary("root-public")));
  must(store.save_root_key_wrap(wrap));

  const Status result = store.in_transaction([&]() -> Status {
    TRY(store.save_credentials(sample_credentials(world.sam, "changed")));
    TRY(store.save_credentials(sample_credentials(world.kim, "kim")));
    TRY(store.set_totp_last_step(world.sam, 60'000'000));
    TRY(store.touch_session(session.lookup_id, Timestamp{1'764'070'000}));
    TRY(store.insert_session(sample_session(std::string(64, 'b'), world.kim)));
    TRY(store.delete_sessions_of(world.sam));
    TRY(store.mark_enrolment_used(link.lookup_id, Timestamp{1'764'070'000}));
    TRY(store.insert_enrolment(sample_enrolment(std::string(64, '2'), world.sam, world.sam)));
    TRY(store.save_throttle({throttle.key, 0, Timestamp{1'764'070'000}}));
    TRY(store.save_throttle({"address:192.0.2.7", 5, Timestamp{1'764'070'000}}));
    TRY(store.save_certificate({world.sam, binary("other"), 1'764'070'000, binary("other signature")}));
    TRY(store.save_certificate({world.kim, binary("other"), 1'764'070'000, binary("kim signature")}));
    TRY(store.save_root_public_key(world.community, binary("root-public-2")));
    TRY(store.save_root_key_wrap({world.community, world.sam, binary("rewrapped")}));
    TRY(store.save_root_key_wrap({world.community, world.kim, binary("wrapped-for-kim")}));
    TRY(store.delete_credentials(world.sam));
    return failed_precondition("refused after all");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::FailedPrecondition));

  expect_same_credentials(must(store.find_credentials(world.sam)), sam);
  EXPECT_TRUE(FailsWith(store.find_credentials(world.kim), ErrorCode::NotFound));
  expect_same_session(must(store.find_session(session.lookup_id)), session);
  EXPECT_TRUE(FailsWith(store.find_session(std::string(64, 'b')), ErrorCode::NotFound));
  expect_same_enrolment(must(store.find_enrolment(link.lookup_id)), link);
  EXPECT_TRUE(FailsWith(store.find_enrolment(std::string(64, '2')), ErrorCode::NotFound));
  expect_same_throttle(must(store.find_throttle(throttle.key)), throttle);
  expect_same_throttle(must(store.find_throttle("address:192.0.2.7")),
                       ThrottleRow{"address:192.0.2.7", 0, Timestamp{}});
  expect_same_certificate(must(store.find_certificate(world.sam)), certificate);
  EXPECT_TRUE(FailsWith(store.find_certificate(world.kim), ErrorCode::NotFound));
  EXPECT_EQ(must(store.find_root_public_key(world.community)), binary("root-public"));
  expect_same_root_key_wrap(must(store.find_root_key_wrap(world.community, world.sam)), wrap);
  EXPECT_TRUE(FailsWith(store.find_root_key_wrap(world.community, world.kim), ErrorCode::NotFound));

  // The store is still usable: the same kind of writes commit afterwards.
  must(store.in_transaction([&]() -> Status {
    TRY(store.set_totp_last_step(world.sam, 60'000'000));
    return store.insert_session(sample_session(std::string(64, 'b'), world.kim));
  }));
  EXPECT_EQ(must(store.find_credentials(world.sam)).totp_last_step, 60'000'000);
  expect_same_session(must(store.find_session(std::string(64, 'b'))), sample_session(std::string(64, 'b'), world.kim));
}

// ---- Sealed records: what works without a key ----------------------------------------------
//
// Finding and listing cases, matching parties and deciding access happen before (or
// without) anyone opening a case key, so none of them may call the Sealer's open().

TYPED_TEST_P(StoreConformance, FindingAndListingLeaveTheLocationEmptyTheRecordOpensIt) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t person = must(store.insert_person(sample_person(community, "Blue Jay")));
  domain::Case summary = sample_case(community, "home shelf");
  summary.location = "the venue's back room";
  summary = this->add_case(summary);
  must(store.insert_party(summary, sample_party(1, domain::PartyRole::ReportedPerson, person), {}));

  const domain::Case found = must(store.find_case(community, "home shelf"));
  expect_same_case(found, as_listed(summary));
  const std::vector<domain::Case> listed = must(store.list_cases(community, CaseFilter{}));
  ASSERT_EQ(listed.size(), 1u);
  expect_same_case(listed[0], as_listed(summary));
  const std::vector<domain::Case> of_person = must(store.cases_of_person(person));
  ASSERT_EQ(of_person.size(), 1u);
  expect_same_case(of_person[0], as_listed(summary));
  EXPECT_EQ(this->sealer().open_calls, 0);

  // The record opens it, from the found summary as from the inserted one.
  expect_same_case(must(store.load_case_record(found)).summary, summary);
  expect_same_case(must(store.load_case_record(summary)).summary, summary);

  // There is no record of a case that is not stored.
  domain::Case missing = sample_case(community, "blue kettle");
  missing.id = 99;
  EXPECT_TRUE(FailsWith(store.load_case_record(missing), ErrorCode::NotFound));
}

TYPED_TEST_P(StoreConformance, ReadsThatNeedNoKeyNeverOpen) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const AccountsWorld world = make_accounts_world(store);
  const std::int64_t person = must(store.insert_person(sample_person(world.community, "Blue Jay")));
  domain::Case summary = sample_case(world.community, "home shelf");
  summary.location = "the venue's back room";
  summary = this->add_case(summary);
  // Every kind of sealed value a case holds, and every row read without a key.
  must(store.insert_party(summary, sample_party(1, domain::PartyRole::ReportedPerson, person),
                          PartyIndexes{binary("contact"), binary("name"), binary("employer")}));
  must(store.append_entry(summary, sample_entry(1, "the report body")));
  must(store.insert_exclusion(summary, {summary.id, world.kim, domain::ExclusionReason::Declared,
                                        Timestamp{1'700'100'000}, "my sister reported it"}));
  must(store.insert_possible_conflict({summary.id, world.sam, Timestamp{1'700'100'001}}));
  must(store.insert_screening({summary.id, world.sam, Timestamp{1'700'100'002}}));
  must(store.insert_invitation({summary.id, world.sam, world.kim, Timestamp{1'700'100'003}}));
  domain::OversightGrant grant;
  grant.case_id = summary.id;
  grant.member_id = world.sam;
  grant.reason = "The reporter appealed to the board.";
  grant.requested_at = Timestamp{1'700'100'004};
  grant.days = 7;
  must(store.insert_oversight_grant(summary, grant));
  must(store.save_case_key_wrap({summary.id, 1, world.sam, binary("sam-box"), binary("wrap"), Timestamp{1}}));
  must(store.save_case_key_wrap({summary.id, 1, std::nullopt, binary("recovery-box"), binary("wrap"), Timestamp{1}}));
  must(store.save_recovery_key({world.community, binary("recovery-box"), binary("signature"), Timestamp{1}}));

  // As a store built with a sealer that has no key: every open() fails.
  sealer.refuse_to_open = true;
  const domain::Case found = must(store.find_case(world.community, "home shelf"));
  EXPECT_EQ(found.id, summary.id);
  EXPECT_EQ(must(store.list_cases(world.community, CaseFilter{})).size(), 1u);
  EXPECT_EQ(must(store.cases_of_person(person)).size(), 1u);
  EXPECT_TRUE(must(store.cases_without_keys(world.community)).empty());
  EXPECT_EQ(must(store.list_party_indexes(world.community)).size(), 1u);
  const domain::AccessFacts facts = must(store.load_access_facts(world.community));
  EXPECT_EQ(facts.exclusions.size(), 1u);
  EXPECT_EQ(facts.possible_conflicts.size(), 1u);
  EXPECT_EQ(facts.screenings.size(), 1u);
  EXPECT_EQ(facts.invitations.size(), 1u);
  EXPECT_EQ(facts.grants.size(), 1u);
  EXPECT_EQ(must(store.case_key_wraps(summary.id)).size(), 2u);
  expect_same_key_state(must(store.find_case_key_state(summary.id)), CaseKeyState{summary.id, 1, false});
  EXPECT_EQ(must(store.find_recovery_key(world.community)).box_public, binary("recovery-box"));
  EXPECT_EQ(sealer.open_calls, 0) << "a read that needs no key asked the sealer to open something";

  // What does need the key still asks for it, and fails without it.
  EXPECT_TRUE(FailsWith(store.load_case_record(found), ErrorCode::PermissionDenied));
  EXPECT_TRUE(FailsWith(store.oversight_grants_of_case(found), ErrorCode::PermissionDenied));
}

// ---- Case keys and the recovery key ---------------------------------------------------------
//
// Like the sign-in rows, these are opaque bytes (store/key_rows.h): they come back
// exactly and never pass through the Sealer.

TYPED_TEST_P(StoreConformance, NewCasesStartAtKeyVersionOneAndKeyStateRoundTrips) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const domain::Case first = this->add_case(sample_case(community, "home shelf"));
  const domain::Case second = this->add_case(sample_case(community, "blue kettle"));
  expect_same_key_state(must(store.find_case_key_state(first.id)), CaseKeyState{first.id, 1, false});
  expect_same_key_state(must(store.find_case_key_state(second.id)), CaseKeyState{second.id, 1, false});
  EXPECT_TRUE(must(store.cases_without_keys(community)).empty());

  // A holder was removed: rotation is due; the next write seals under version 2.
  must(store.save_case_key_state({first.id, 1, true}));
  expect_same_key_state(must(store.find_case_key_state(first.id)), CaseKeyState{first.id, 1, true});
  must(store.save_case_key_state({first.id, 2, false}));
  expect_same_key_state(must(store.find_case_key_state(first.id)), CaseKeyState{first.id, 2, false});
  expect_same_key_state(must(store.find_case_key_state(second.id)), CaseKeyState{second.id, 1, false});
  // A large version survives the round trip.
  must(store.save_case_key_state({second.id, 4'000'000'000u, true}));
  expect_same_key_state(must(store.find_case_key_state(second.id)), CaseKeyState{second.id, 4'000'000'000u, true});

  // The key state is not part of the case: finding it changes nothing else.
  expect_same_case(must(store.find_case(community, "home shelf")), as_listed(first));

  const Result<CaseKeyState> unknown = store.find_case_key_state(99);
  ASSERT_TRUE(FailsWith(unknown, ErrorCode::NotFound));
  EXPECT_EQ(unknown.error().message, "no case 99");
  EXPECT_TRUE(FailsWith(store.save_case_key_state({99, 1, false}), ErrorCode::NotFound));
  EXPECT_TRUE(FailsWith(store.find_case_key_state(99), ErrorCode::NotFound));  // not created by the save
}

TYPED_TEST_P(StoreConformance, CasesWithoutKeysAreTheCommunitysVersionZeroCasesOldestFirst) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t other = must(store.insert_community(sample_community("riverbend")));
  // Ids 1..5; "a" and "c" open at the same second, so the lower id ("a") comes first.
  const domain::Case a = this->add_case(sample_case(community, "a", 300));
  const domain::Case b = this->add_case(sample_case(community, "b", 100));
  const domain::Case c = this->add_case(sample_case(community, "c", 300));
  const domain::Case d = this->add_case(sample_case(community, "d", 200));
  const domain::Case x = this->add_case(sample_case(other, "x", 50));
  EXPECT_TRUE(must(store.cases_without_keys(community)).empty());

  // Version 0 is what cases written before sealed records have (SQLite's migration 5);
  // here the state is set directly so that every backend can be asked.
  for (const domain::Case* plaintext : {&c, &a, &b, &x}) must(store.save_case_key_state({plaintext->id, 0, false}));

  const std::vector<domain::Case> waiting = must(store.cases_without_keys(community));
  EXPECT_EQ(code_names_of(waiting), (std::vector<std::string>{"b", "a", "c"}));
  ASSERT_EQ(waiting.size(), 3u);
  expect_same_case(waiting[0], as_listed(b));  // listed like list_cases: no location
  EXPECT_EQ(code_names_of(must(store.cases_without_keys(other))), std::vector<std::string>{"x"});
  EXPECT_TRUE(must(store.cases_without_keys(99)).empty());

  // Sealing a case (its state reaches version 1) takes it off the list.
  must(store.save_case_key_state({b.id, 1, false}));
  EXPECT_EQ(code_names_of(must(store.cases_without_keys(community))), (std::vector<std::string>{"a", "c"}));
  expect_same_key_state(must(store.find_case_key_state(d.id)), CaseKeyState{d.id, 1, false});
  EXPECT_EQ(this->sealer().open_calls, 0);
}

TYPED_TEST_P(StoreConformance, CaseKeyWrapsAreSavedReplacedAndOrdered) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);  // sam has the lower id
  const domain::Case summary = this->add_case(sample_case(world.community, "home shelf"));
  const domain::Case other = this->add_case(sample_case(world.community, "blue kettle"));
  EXPECT_TRUE(must(store.case_key_wraps(summary.id)).empty());

  const auto wrap = [&](const domain::Case& owner, std::uint32_t version, std::optional<std::int64_t> member,
                        std::string tag) {
    return CaseKeyWrapRow{
        owner.id, version, member, binary("box-" + tag), binary("wrap-" + tag), Timestamp{1'764'000'000 + version}};
  };
  const CaseKeyWrapRow kim_2 = wrap(summary, 2, world.kim, "kim-2");
  const CaseKeyWrapRow sam_1 = wrap(summary, 1, world.sam, "sam-1");
  const CaseKeyWrapRow kim_1 = wrap(summary, 1, world.kim, "kim-1");
  const CaseKeyWrapRow recovery_2 = wrap(summary, 2, std::nullopt, "recovery-2");
  const CaseKeyWrapRow recovery_1 = wrap(summary, 1, std::nullopt, "recovery-1");
  const CaseKeyWrapRow sam_2 = wrap(summary, 2, world.sam, "sam-2");
  const CaseKeyWrapRow elsewhere = wrap(other, 1, world.sam, "other");
  // Saved in no particular order: they come back by version, then the recovery key's
  // wrap, then the members' by id.
  for (const CaseKeyWrapRow& row : {kim_2, elsewhere, kim_1, recovery_2, sam_1, recovery_1, sam_2})
    must(store.save_case_key_wrap(row));
  expect_same_wraps(must(store.case_key_wraps(summary.id)), {recovery_1, sam_1, kim_1, recovery_2, sam_2, kim_2});
  expect_same_wraps(must(store.case_key_wraps(other.id)), {elsewhere});
  EXPECT_TRUE(must(store.case_key_wraps(99)).empty());

  // Saving the same (case, version, holder) again replaces the wrap: a member's keys
  // were reset, or the recovery key was replaced. The recovery key is one holder, not
  // a new one each time.
  const CaseKeyWrapRow sam_1_again = wrap(summary, 1, world.sam, "sam-1-after-reset");
  const CaseKeyWrapRow recovery_1_again = wrap(summary, 1, std::nullopt, "recovery-1-replaced");
  must(store.save_case_key_wrap(sam_1_again));
  must(store.save_case_key_wrap(recovery_1_again));
  must(store.save_case_key_wrap(recovery_1_again));
  expect_same_wraps(must(store.case_key_wraps(summary.id)),
                    {recovery_1_again, sam_1_again, kim_1, recovery_2, sam_2, kim_2});
  expect_same_wraps(must(store.case_key_wraps(other.id)), {elsewhere});

  EXPECT_EQ(this->sealer().sealed_values.size(), 2u);  // the two cases' locations, nothing of the wraps
  for (const std::string& sealed : this->sealer().sealed_values)
    EXPECT_THAT(sealed, ::testing::Not(::testing::HasSubstr("wrap-")));
  EXPECT_EQ(this->sealer().open_calls, 0);
}

TYPED_TEST_P(StoreConformance, DeletingAMembersWrapsNamesTheCasesThatHadOne) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const domain::Case one = this->add_case(sample_case(world.community, "home shelf"));
  const domain::Case two = this->add_case(sample_case(world.community, "blue kettle"));
  const domain::Case three = this->add_case(sample_case(world.community, "quiet harbour"));
  const auto wrap = [&](const domain::Case& owner, std::uint32_t version, std::optional<std::int64_t> member) {
    return CaseKeyWrapRow{owner.id, version, member, binary("box"), binary("wrap"), Timestamp{1'764'000'000}};
  };
  const CaseKeyWrapRow recovery_1 = wrap(one, 1, std::nullopt);
  const CaseKeyWrapRow kim_1 = wrap(one, 1, world.kim);
  const CaseKeyWrapRow kim_two = wrap(two, 1, world.kim);
  const CaseKeyWrapRow recovery_three = wrap(three, 1, std::nullopt);
  // Sam holds versions 1 and 2 of case one and version 1 of case three (saved first).
  for (const CaseKeyWrapRow& row : {wrap(three, 1, world.sam), recovery_three, wrap(one, 2, world.sam), kim_1,
                                    recovery_1, wrap(one, 1, world.sam), kim_two})
    must(store.save_case_key_wrap(row));

  // Of one case: every version of sam's goes, and only sam's.
  EXPECT_TRUE(must(store.delete_case_key_wraps(two.id, world.sam)).empty());  // sam holds none there
  expect_same_wraps(must(store.case_key_wraps(two.id)), {kim_two});
  EXPECT_EQ(must(store.delete_case_key_wraps(one.id, world.sam)), std::vector<std::int64_t>{one.id});
  expect_same_wraps(must(store.case_key_wraps(one.id)), {recovery_1, kim_1});
  EXPECT_EQ(must(store.case_key_wraps(three.id)).size(), 2u);  // sam's wrap of case three stays
  EXPECT_TRUE(must(store.delete_case_key_wraps(one.id, world.sam)).empty());

  // Of every case: the ids of the cases that had one, ascending, each once.
  must(store.save_case_key_wrap(wrap(one, 2, world.sam)));
  must(store.save_case_key_wrap(wrap(one, 3, world.sam)));
  EXPECT_EQ(must(store.delete_case_key_wraps(std::nullopt, world.sam)), (std::vector<std::int64_t>{one.id, three.id}));
  expect_same_wraps(must(store.case_key_wraps(one.id)), {recovery_1, kim_1});
  expect_same_wraps(must(store.case_key_wraps(two.id)), {kim_two});
  expect_same_wraps(must(store.case_key_wraps(three.id)), {recovery_three});
  EXPECT_TRUE(must(store.delete_case_key_wraps(std::nullopt, world.sam)).empty());
  EXPECT_TRUE(must(store.delete_case_key_wraps(std::nullopt, 99)).empty());

  EXPECT_EQ(must(store.delete_case_key_wraps(std::nullopt, world.kim)), (std::vector<std::int64_t>{one.id, two.id}));
  expect_same_wraps(must(store.case_key_wraps(one.id)), {recovery_1});  // the recovery key's stays
  EXPECT_TRUE(must(store.case_key_wraps(two.id)).empty());
}

TYPED_TEST_P(StoreConformance, RecoveryKeyRoundTripsAndIsReplaced) {
  Store& store = this->store();
  const std::int64_t tidewater = must(store.insert_community(sample_community("tidewater")));
  const std::int64_t riverbend = must(store.insert_community(sample_community("riverbend")));
  const Result<RecoveryKeyRow> none = store.find_recovery_key(tidewater);
  ASSERT_TRUE(FailsWith(none, ErrorCode::NotFound));
  EXPECT_EQ(none.error().message, "the community has no recovery key");

  const RecoveryKeyRow first{tidewater, binary("recovery-box"), binary("root-signature"), Timestamp{1'764'057'600}};
  must(store.save_recovery_key(first));
  expect_same_recovery_key(must(store.find_recovery_key(tidewater)), first);
  EXPECT_TRUE(FailsWith(store.find_recovery_key(riverbend), ErrorCode::NotFound));

  // A new kit replaces the key (one per community).
  const RecoveryKeyRow replaced{tidewater, binary("recovery-box-2"), binary("root-signature-2"),
                                Timestamp{1'764'100'000}};
  must(store.save_recovery_key(replaced));
  expect_same_recovery_key(must(store.find_recovery_key(tidewater)), replaced);
  const RecoveryKeyRow theirs{riverbend, binary("their-box"), binary("their-signature"), Timestamp{1'764'200'000}};
  must(store.save_recovery_key(theirs));
  expect_same_recovery_key(must(store.find_recovery_key(riverbend)), theirs);
  expect_same_recovery_key(must(store.find_recovery_key(tidewater)), replaced);
  EXPECT_TRUE(FailsWith(store.find_recovery_key(99), ErrorCode::NotFound));
  EXPECT_TRUE(this->sealer().sealed_values.empty());
}

TYPED_TEST_P(StoreConformance, KeyRowsOfMissingRecordsAreRefused) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const domain::Case existing = this->add_case(sample_case(world.community, "home shelf"));
  constexpr std::int64_t kMissing = 99;
  const auto wrap = [](std::int64_t case_id, std::optional<std::int64_t> member) {
    return CaseKeyWrapRow{case_id, 1, member, binary("box"), binary("wrap"), Timestamp{1'764'000'000}};
  };
  struct Row {
    std::string name;
    std::function<Status()> write;
  };
  const std::vector<Row> rows = {
      {"wrap of a missing case", [&] { return store.save_case_key_wrap(wrap(kMissing, world.sam)); }},
      {"recovery wrap of a missing case", [&] { return store.save_case_key_wrap(wrap(kMissing, std::nullopt)); }},
      {"wrap for a missing member", [&] { return store.save_case_key_wrap(wrap(existing.id, kMissing)); }},
      {"recovery key of a missing community",
       [&] {
         return store.save_recovery_key({kMissing, binary("box"), binary("signature"), Timestamp{1}});
       }},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_TRUE(FailsWith(row.write(), ErrorCode::Internal));
  }
  EXPECT_TRUE(must(store.case_key_wraps(existing.id)).empty());
  EXPECT_TRUE(must(store.case_key_wraps(kMissing)).empty());
  EXPECT_TRUE(FailsWith(store.find_recovery_key(kMissing), ErrorCode::NotFound));
}

TYPED_TEST_P(StoreConformance, KeyWritesRollBackWithAFailedTransaction) {
  Store& store = this->store();
  const AccountsWorld world = make_accounts_world(store);
  const domain::Case summary = this->add_case(sample_case(world.community, "home shelf"));
  const CaseKeyWrapRow sams{summary.id, 1, world.sam, binary("sam-box"), binary("sam-wrap"), Timestamp{1}};
  const RecoveryKeyRow recovery{world.community, binary("recovery-box"), binary("signature"), Timestamp{1}};
  must(store.save_case_key_wrap(sams));
  must(store.save_recovery_key(recovery));

  const Status result = store.in_transaction([&]() -> Status {
    TRY(store.save_case_key_wrap({summary.id, 1, world.sam, binary("other"), binary("other"), Timestamp{2}}));
    TRY(store.save_case_key_wrap({summary.id, 1, world.kim, binary("kim-box"), binary("kim-wrap"), Timestamp{2}}));
    TRY(store.save_case_key_wrap({summary.id, 1, std::nullopt, binary("box"), binary("wrap"), Timestamp{2}}));
    TRY(store.delete_case_key_wraps(std::nullopt, world.sam));
    TRY(store.save_case_key_state({summary.id, 2, true}));
    TRY(store.save_recovery_key({world.community, binary("other-box"), binary("other-signature"), Timestamp{2}}));
    domain::Case added = sample_case(world.community, "blue kettle");
    ASSIGN_OR_RETURN(added.id, store.insert_case(added));
    TRY(store.insert_party(added, sample_party(1, domain::PartyRole::Witness),
                           {binary("contact"), binary("name"), binary("employer")}));
    return failed_precondition("refused after all");
  });
  ASSERT_TRUE(FailsWith(result, ErrorCode::FailedPrecondition));

  expect_same_wraps(must(store.case_key_wraps(summary.id)), {sams});
  expect_same_key_state(must(store.find_case_key_state(summary.id)), CaseKeyState{summary.id, 1, false});
  expect_same_recovery_key(must(store.find_recovery_key(world.community)), recovery);
  EXPECT_TRUE(FailsWith(store.find_case_key_state(summary.id + 1), ErrorCode::NotFound));
  EXPECT_TRUE(must(store.list_party_indexes(world.community)).empty());

  // The same writes commit afterwards; the case added then starts at version 1.
  must(store.in_transaction([&]() -> Status {
    TRY(store.delete_case_key_wraps(summary.id, world.sam));
    domain::Case added = sample_case(world.community, "blue kettle");
    ASSIGN_OR_RETURN(added.id, store.insert_case(added));
    return ok_status();
  }));
  EXPECT_TRUE(must(store.case_key_wraps(summary.id)).empty());
  expect_same_key_state(must(store.find_case_key_state(summary.id + 1)), CaseKeyState{summary.id + 1, 1, false});
}

// ---- Resealing a case ------------------------------------------------------------------------
//
// How a case an earlier release stored in plaintext gets sealed: every sealed field of
// one case moves from one Sealer to another under its own context, and its parties'
// blind indexes are rewritten from the opened parties.

// A case with every kind of sealed field, and a second case that resealing the first
// must leave alone.
struct ResealWorld {
  std::int64_t community = 0;
  std::int64_t sam = 0;    // declared a conflict on the case, with a note
  std::int64_t board = 0;  // asked for oversight, with a reason
  domain::Case summary;
  domain::Case other;
  domain::Party reporter;
  domain::Party reported;
  PartyIndexes other_indexes;
  // TaggingSealer::tag(context) -> plaintext, for every sealed field of `summary`.
  std::map<std::string, std::string> fields;
};

inline ResealWorld make_reseal_world(Store& store) {
  ResealWorld world;
  world.community = must(store.insert_community(sample_community("tidewater")));
  world.sam = must(store.insert_member(sample_member(world.community, "sam@example.org")));
  world.board = must(store.insert_member(sample_member(world.community, "board@example.org")));
  const std::int64_t person = must(store.insert_person(sample_person(world.community, "Blue Jay")));
  domain::Case summary = sample_case(world.community, "home shelf");
  summary.location = "the venue's back room";
  summary.id = must(store.insert_case(summary));
  world.summary = summary;
  world.other = sample_case(world.community, "blue kettle");
  world.other.id = must(store.insert_case(world.other));

  world.reporter = sample_party(1, domain::PartyRole::Reporter);
  world.reporter.employer = "Initech";
  world.reported = sample_party(2, domain::PartyRole::ReportedPerson, person);
  world.other_indexes = PartyIndexes{binary("other-contact"), binary("other-name"), ""};
  // Out of number order: parties are resealed by number.
  must(store.insert_party(world.summary, world.reported, {binary("old-contact-2"), binary("old-name-2"), ""}));
  must(store.insert_party(world.summary, world.reporter, {binary("old-contact-1"), "", ""}));
  must(store.insert_party(world.other, sample_party(1, domain::PartyRole::Witness), world.other_indexes));
  must(store.append_entry(world.summary, sample_entry(1, "the report body")));
  must(store.insert_report(world.summary, sample_report(1), 1));
  must(store.append_entry(world.summary, sample_entry(2, "a note about it")));
  must(store.append_entry(world.summary, sample_entry(3, "")));
  must(store.append_entry(world.other, sample_entry(1, "the other case's report")));
  must(store.insert_exclusion(world.summary, {world.summary.id, world.sam, domain::ExclusionReason::Declared,
                                              Timestamp{1'700'100'000}, "my sister reported it"}));
  domain::OversightGrant grant;
  grant.case_id = world.summary.id;
  grant.member_id = world.board;
  grant.reason = "The reporter appealed to the board.";
  grant.requested_at = Timestamp{1'700'200'000};
  grant.days = 14;
  must(store.insert_oversight_grant(world.summary, grant));

  const auto tag = [&](std::string record, std::string field) {
    return TaggingSealer::tag(
        crypto::SealContext{world.community, "home shelf", std::move(record), std::move(field), "case"});
  };
  world.fields = {
      {tag("case", "location"), "the venue's back room"},
      {tag("party:1", "name"), world.reporter.name},
      {tag("party:1", "contact"), world.reporter.contact},
      {tag("party:1", "employer"), "Initech"},
      {tag("party:2", "name"), world.reported.name},
      {tag("party:2", "contact"), world.reported.contact},
      {tag("party:2", "employer"), ""},
      {tag("entry:1", "body"), "the report body"},
      {tag("entry:2", "body"), "a note about it"},
      {tag("entry:3", "body"), ""},
      {tag("exclusion:" + std::to_string(world.sam), "note"), "my sister reported it"},
      {tag("oversight:" + std::to_string(world.board) + ":1700200000", "reason"),
       "The reporter appealed to the board."},
  };
  return world;
}

// Blind indexes as a test computes them: marked, so a test can tell which party's
// opened fields they were made from.
inline PartyIndexes test_indexes_of(const domain::Party& party) {
  return PartyIndexes{binary("contact:" + party.contact), binary("name:" + party.name),
                      party.employer.empty() ? "" : binary("employer:" + party.employer)};
}

inline void expect_record_unchanged(const domain::CaseRecord& actual, const domain::CaseRecord& expected) {
  EXPECT_EQ(actual.summary.location, expected.summary.location);
  ASSERT_EQ(actual.timeline.size(), expected.timeline.size());
  for (std::size_t i = 0; i < expected.timeline.size(); ++i)
    expect_same_entry(actual.timeline[i], expected.timeline[i]);
  ASSERT_EQ(actual.reports.size(), expected.reports.size());
  for (std::size_t i = 0; i < expected.reports.size(); ++i) EXPECT_EQ(actual.reports[i].text, expected.reports[i].text);
  ASSERT_EQ(actual.parties.size(), expected.parties.size());
  for (std::size_t i = 0; i < expected.parties.size(); ++i) {
    expect_same_party(actual.parties[i], expected.parties[i]);
    EXPECT_EQ(actual.parties[i].employer, expected.parties[i].employer);
  }
}

TYPED_TEST_P(StoreConformance, ResealingMovesEveryFieldToAnotherSealerUnderItsOwnContext) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const ResealWorld world = make_reseal_world(store);
  const domain::CaseRecord before = must(store.load_case_record(world.summary));
  const domain::CaseRecord other_before = must(store.load_case_record(world.other));

  BracketSealer moved;
  std::vector<domain::Party> indexed;
  const auto indexes_of = [&](const domain::Party& party) {
    indexed.push_back(party);
    return test_indexes_of(party);
  };
  // The case as listed (no location) is all the store needs to find its rows.
  must(store.reseal_case(as_listed(world.summary), sealer, moved, indexes_of));

  // Every field reached the new sealer as plaintext, under its own context; nothing of
  // the other case did.
  EXPECT_EQ(moved.sealed, world.fields);
  // The parties' indexes were made from the opened parties, by number.
  ASSERT_EQ(indexed.size(), 2u);
  expect_same_party(indexed[0], world.reporter);
  EXPECT_EQ(indexed[0].employer, "Initech");
  expect_same_party(indexed[1], world.reported);
  const std::vector<PartyIndexRow> rows = must(store.list_party_indexes(world.community));
  ASSERT_EQ(rows.size(), 3u);
  expect_same_party_indexes(rows[0],
                            {world.summary.id, 1, domain::PartyRole::Reporter, test_indexes_of(world.reporter)});
  expect_same_party_indexes(rows[1],
                            {world.summary.id, 2, domain::PartyRole::ReportedPerson, test_indexes_of(world.reported)});
  expect_same_party_indexes(rows[2], {world.other.id, 1, domain::PartyRole::Witness, world.other_indexes});
  EXPECT_EQ(rows[1].person_id, world.reported.person_id);

  // What is stored is the new sealer's: the old one opens none of it. The other case
  // and the key state are as they were.
  EXPECT_TRUE(FailsWith(store.load_case_record(world.summary), ErrorCode::PermissionDenied));
  EXPECT_TRUE(FailsWith(store.oversight_grants_of_case(world.summary), ErrorCode::PermissionDenied));
  expect_record_unchanged(must(store.load_case_record(world.other)), other_before);
  expect_same_key_state(must(store.find_case_key_state(world.summary.id)), CaseKeyState{world.summary.id, 1, false});

  // Back again: every field opens under the new sealer to its plaintext, and the old
  // sealer reads the record as it was.
  must(store.reseal_case(world.summary, moved, sealer, test_indexes_of));
  EXPECT_EQ(moved.opened, world.fields);
  expect_record_unchanged(must(store.load_case_record(world.summary)), before);
  const std::vector<domain::OversightGrant> grants = must(store.oversight_grants_of_case(world.summary));
  ASSERT_EQ(grants.size(), 1u);
  EXPECT_EQ(grants[0].reason, "The reporter appealed to the board.");

  domain::Case missing = sample_case(world.community, "quiet harbour");
  missing.id = 99;
  const Status unknown = store.reseal_case(missing, sealer, moved, test_indexes_of);
  ASSERT_TRUE(FailsWith(unknown, ErrorCode::NotFound));
  EXPECT_EQ(unknown.error().message, "no case 'quiet harbour'");
}

TYPED_TEST_P(StoreConformance, ResealingIsAllOrNothing) {
  Store& store = this->store();
  TaggingSealer& sealer = this->sealer();
  const ResealWorld world = make_reseal_world(store);
  const domain::CaseRecord before = must(store.load_case_record(world.summary));
  const std::vector<PartyIndexRow> indexes_before = must(store.list_party_indexes(world.community));
  const auto expect_as_before = [&] {
    expect_record_unchanged(must(store.load_case_record(world.summary)), before);
    const std::vector<domain::OversightGrant> grants = must(store.oversight_grants_of_case(world.summary));
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].reason, "The reporter appealed to the board.");
    const std::vector<PartyIndexRow> indexes = must(store.list_party_indexes(world.community));
    ASSERT_EQ(indexes.size(), indexes_before.size());
    for (std::size_t i = 0; i < indexes.size(); ++i) expect_same_party_indexes(indexes[i], indexes_before[i]);
  };

  // The grant's reason is the last field resealed: everything before it is undone.
  BracketSealer moved;
  moved.refuse_field = "reason";
  ASSERT_TRUE(FailsWith(store.reseal_case(world.summary, sealer, moved, test_indexes_of), ErrorCode::Internal));
  expect_as_before();

  // A value the `from` sealer does not open stops it too.
  BracketSealer never_sealed_it;
  ASSERT_TRUE(FailsWith(store.reseal_case(world.summary, never_sealed_it, sealer, test_indexes_of),
                        ErrorCode::PermissionDenied));
  expect_as_before();

  // Inside a transaction, resealing is part of it.
  moved.refuse_field.clear();
  const Status rolled_back = store.in_transaction([&]() -> Status {
    TRY(store.reseal_case(world.summary, sealer, moved, test_indexes_of));
    return failed_precondition("refused after all");
  });
  ASSERT_TRUE(FailsWith(rolled_back, ErrorCode::FailedPrecondition));
  expect_as_before();

  must(store.in_transaction([&] { return store.reseal_case(world.summary, sealer, moved, test_indexes_of); }));
  EXPECT_TRUE(FailsWith(store.load_case_record(world.summary), ErrorCode::PermissionDenied));
}

// Every test above must be listed here; GoogleTest reports one that is missing.
// A reporter's thread keeps its drop box as given (migration 22): the public key plain,
// the secret as the caller sealed it; a thread made without one gets one once and keeps
// it; each message says what it is sealed to.
TYPED_TEST_P(StoreConformance, ReporterThreadsKeepTheirDropBoxAndWhatEachMessageIsSealedTo) {
  Store& store = this->store();
  const std::int64_t community = must(store.insert_community(sample_community("tidewater")));
  const auto thread_of = [&](domain::Case& owner, const std::string& receipt_id, const std::string& inbox) {
    owner.id = must(store.insert_case(owner));
    ReporterThreadRow row;
    row.receipt_id = receipt_id;
    row.receipt_salt = "salt";
    row.receipt_verifier = "verifier";
    row.key_for_receipt = "key for the receipt";
    row.thread_key = std::string(32, 'k');
    row.language = "en";
    row.inbox_public = inbox;
    row.inbox_secret_sealed = inbox.empty() ? "" : "sealed secret of " + inbox;
    must(store.insert_reporter_thread(owner, row));
  };
  domain::Case with_box = sample_case(community, "home shelf");
  domain::Case without_box = sample_case(community, "blue kettle");
  thread_of(with_box, "AAAAAAA", std::string(32, 'p'));
  thread_of(without_box, "BBBBBBB", "");

  const ReporterThreadRow kept = must(store.find_thread_by_case(with_box.id)).value();
  EXPECT_EQ(kept.inbox_public, std::string(32, 'p'));
  EXPECT_EQ(kept.inbox_secret_sealed, "sealed secret of " + std::string(32, 'p'));
  EXPECT_FALSE(must(store.set_thread_inbox(with_box.id, std::string(32, 'q'), "another")));
  EXPECT_EQ(must(store.find_thread_by_receipt("AAAAAAA")).value().inbox_public, std::string(32, 'p'));

  EXPECT_TRUE(must(store.find_thread_by_case(without_box.id)).value().inbox_public.empty());
  EXPECT_TRUE(must(store.set_thread_inbox(without_box.id, std::string(32, 'r'), "sealed r")));
  EXPECT_FALSE(must(store.set_thread_inbox(without_box.id, std::string(32, 's'), "sealed s")));
  const ReporterThreadRow given = must(store.load_thread(without_box)).value();
  EXPECT_EQ(given.inbox_public, std::string(32, 'r'));
  EXPECT_EQ(given.inbox_secret_sealed, "sealed r");
  EXPECT_EQ(given.thread_key, std::string(32, 'k'));
  EXPECT_FALSE(must(store.set_thread_inbox(9999, std::string(32, 't'), "no thread")));

  for (const MessageSealedTo sealed_to : {MessageSealedTo::ThreadKey, MessageSealedTo::Inbox}) {
    ThreadMessageRow message;
    message.case_id = with_box.id;
    message.number = must(store.next_thread_message_number(with_box.id));
    message.body_sealed = "body " + std::to_string(message.number);
    message.sealed_to = sealed_to;
    must(store.append_thread_message(message));
  }
  const std::vector<ThreadMessageRow> messages = must(store.list_thread_messages(with_box.id));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].sealed_to, MessageSealedTo::ThreadKey);
  EXPECT_EQ(messages[1].sealed_to, MessageSealedTo::Inbox);
  EXPECT_EQ(messages[1].body_sealed, "body 2");
}

// clang-format off
REGISTER_TYPED_TEST_SUITE_P(
    StoreConformance,
    CommunityRoundTripsEveryField,
    CommunitiesGetAscendingIdsAndListInIdOrder,
    CommunitySlugIsUnique,
    MissingCommunityIsNotFound,
    MemberRoundTripsEveryField,
    MembersListInIdOrder,
    MemberEmailIsUniqueWithinItsCommunity,
    MissingMemberIsNotFound,
    CaseRoundTripsEveryField,
    CaseCodeNameIsUniqueWithinItsCommunity,
    MissingCaseIsNotFound,
    UpdateCaseStateChangesOnlyStateResolutionAndTime,
    UpdateOfMissingCaseIsNotFound,
    ListCasesFiltersOrdersNewestFirstAndPages,
    CaseRecordHoldsTimelineReportsAndPartiesInNumberOrder,
    CaseRecordOfANewCaseIsEmpty,
    NumbersAreUniqueWithinACase,
    NextEntryNumberIsOneMoreThanTheHighest,
    ReferencesToMissingRecordsAreRefused,
    PersonRoundTripsEveryField,
    PersonCodeNameIsUniqueWithinItsCommunity,
    MissingPersonIsNotFound,
    PeopleListInCodeNameOrder,
    PersonCountsOnlyCasesWhereTheyAreReported,
    CommittedTransactionKeepsEverything,
    FailedTransactionLeavesNoTrace,
    TransactionsDoNotNest,
    AnExceptionRollsBackAndLeavesTheStoreUsable,
    RecordsOfOneCommunityAreInvisibleFromAnother,
    SealedFieldsAreStoredSealedAndReadAsPlaintext,
    SealerErrorsReachTheCaller,
    UpdateMemberRoundTripsEveryWritableField,
    PartyIndexesListEveryPartyOfTheCommunityByCaseAndNumber,
    HeldCasesAreFoundByTheirReportedPartiesAndReleased,
    CaseLinksAreFoundBothWaysAndDeletedOnce,
    AccessFactsHoldEveryRelationWithoutSealedFields,
    RelationsToMissingRecordsAreRefused,
    OversightGrantsAreRequestedApprovedAndReadBack,
    AccessFactsOfOneCommunityNeverIncludeAnother,
    AccessWritesRollBackWithAFailedTransaction,
    CredentialsRoundTripEveryFieldAndAreReplacedAndDeleted,
    SetTotpLastStepChangesOnlyTheStep,
    SessionsAreInsertedFoundTouchedAndDeleted,
    EnrolmentLinksAreFoundAndMarkedUsedOnce,
    ThrottlesStartAtZeroAndAreRemovedAtZero,
    CertificatesRootKeysAndWrapsRoundTripAndAreReplaced,
    MissingSignInRowsAreNotFound,
    SignInRowsOfMissingRecordsAreRefused,
    SignInWritesRollBackWithAFailedTransaction,
    FindingAndListingLeaveTheLocationEmptyTheRecordOpensIt,
    ReadsThatNeedNoKeyNeverOpen,
    NewCasesStartAtKeyVersionOneAndKeyStateRoundTrips,
    CasesWithoutKeysAreTheCommunitysVersionZeroCasesOldestFirst,
    CaseKeyWrapsAreSavedReplacedAndOrdered,
    DeletingAMembersWrapsNamesTheCasesThatHadOne,
    RecoveryKeyRoundTripsAndIsReplaced,
    KeyRowsOfMissingRecordsAreRefused,
    KeyWritesRollBackWithAFailedTransaction,
    ResealingMovesEveryFieldToAnotherSealerUnderItsOwnContext,
    ResealingIsAllOrNothing,
    ReporterThreadsKeepTheirDropBoxAndWhatEachMessageIsSealedTo);
// clang-format on

}  // namespace conduct::store::conformance

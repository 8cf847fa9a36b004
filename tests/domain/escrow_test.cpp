// Reports held in escrow (domain/escrow.h): what of a report can release a held one,
// which cases a report releases, and the release itself. The access policy's side is in
// access_test.cpp, the listing's below.
#include "domain/escrow.h"

#include <gtest/gtest.h>

#include "domain/visibility.h"
#include "test_support.h"

namespace conduct::domain {
namespace {

using testing::test_now;

// The normal form, tagged by kind, stands in for the blind index.
std::string tagged(std::string_view kind, std::string_view normal_form) {
  return normal_form.empty() ? "" : std::string(kind) + ":" + std::string(normal_form);
}

Party party(PartyRole role, std::string name, std::string contact, std::optional<std::int64_t> person = {}) {
  Party made;
  made.role = role;
  made.name = std::move(name);
  made.contact = std::move(contact);
  made.person_id = person;
  return made;
}

Case held_case(std::int64_t id, bool escrowed = true) {
  Case summary;
  summary.id = id;
  summary.community_id = 1;
  summary.code_name = "case " + std::to_string(id);
  summary.escrowed = escrowed;
  return summary;
}

std::vector<std::int64_t> ids_of(const std::vector<Case>& cases) {
  std::vector<std::int64_t> ids;
  for (const Case& each : cases) ids.push_back(each.id);
  return ids;
}

TEST(EscrowTest, OnlyReportedPersonsCanReleaseAHeldReport) {
  const EscrowMatchKeys keys = escrow_match_keys(
      {party(PartyRole::Reporter, "Noor Haddad", "noor@example.net"), party(PartyRole::Witness, "Sam", "@sam"),
       party(PartyRole::ReportedPerson, "  Casey   DRIFT ", "@Drift_Wood", 40),
       party(PartyRole::ReportedPerson, "", "@drift_wood", 40),  // the same again
       party(PartyRole::ReportedPerson, "Alex", "")},
      tagged);
  EXPECT_EQ(keys.contacts, (std::vector<std::string>{"contact:@drift_wood"}));
  EXPECT_EQ(keys.names, (std::vector<std::string>{"name:casey drift", "name:alex"}));
  EXPECT_EQ(keys.person_ids, (std::vector<std::int64_t>{40}));
  EXPECT_FALSE(keys.empty());
  EXPECT_TRUE(escrow_match_keys({party(PartyRole::Witness, "Sam", "@sam")}, tagged).empty());
}

TEST(EscrowTest, AReportReleasesTheHeldCasesItMatches) {
  const Case written = held_case(9, /*escrowed=*/false);
  EXPECT_EQ(ids_of(cases_released_by(written, {held_case(3), held_case(5)})), (std::vector<std::int64_t>{3, 5}));
  // A case no longer held, or the report's own, is not released again.
  EXPECT_EQ(ids_of(cases_released_by(written, {held_case(3, false), held_case(9)})), (std::vector<std::int64_t>{}));
  EXPECT_TRUE(cases_released_by(written, {}).empty());
}

TEST(EscrowTest, TwoHeldReportsNamingTheSamePersonReleaseEachOther) {
  const Case written = held_case(9);
  EXPECT_EQ(ids_of(cases_released_by(written, {held_case(3)})), (std::vector<std::int64_t>{3, 9}));
  // Held and matching nothing held, it waits.
  EXPECT_TRUE(cases_released_by(written, {}).empty());
}

TEST(EscrowTest, AReleaseClearsTheEscrowAndSaysNothingOfTheOtherReport) {
  const auto release = plan_release_from_escrow(held_case(3), 4, test_now());
  ASSERT_TRUE(release.ok()) << release.error().message;
  EXPECT_FALSE(release->released.escrowed);
  EXPECT_EQ(release->released.id, 3);
  EXPECT_EQ(release->entry.number, 4);
  EXPECT_EQ(release->entry.kind, EntryKind::Note);
  EXPECT_FALSE(release->entry.author_id.has_value());
  EXPECT_EQ(release->entry.created_at, test_now());
  EXPECT_EQ(release->entry.body, "Released from escrow: another report names the same person.");

  const auto again = plan_release_from_escrow(held_case(3, false), 4, test_now());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
}

// No reach of any role lists a held case: the store leaves held cases out of them all.
TEST(EscrowTest, NoListingReachesAHeldCase) {
  std::vector<Member> members;
  for (const Role role : {Role::Member, Role::Chair, Role::ViceChair, Role::Adviser, Role::BoardMember, Role::Liaison,
                          Role::LocalRepresentative, Role::InstanceAdmin}) {
    Member member = testing::group_member(role);
    member.id = static_cast<std::int64_t>(members.size()) + 1;
    members.push_back(member);
  }
  for (const Member& member : members) {
    const CaseListing listing = case_listing_for(member, members, test_now());
    EXPECT_FALSE(listing.reaches_escrowed) << to_string(member.role);
  }
}

}  // namespace
}  // namespace conduct::domain
